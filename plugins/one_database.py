"""Answer from the database file the server started with, or not at all.

An immutable database's connections are opened lazily, one per SQL thread,
and keep the file they opened: when a build replaces nato.db (os.replace, a
new file), the open ones answer from the old file and new ones from the new
one, so the same query answered 5, 5, 5, 180, 5. `make serve` runs with
--reload, which restarts the server on the new file within a second or two;
until then a connection that would open the new file is refused with a 503
("try again"), so every answer comes from one build.
"""
import os
import weakref

from datasette import Response, hookimpl

# Per Datasette instance: database name -> (device, inode) of the file it started with.
STARTED_WITH = weakref.WeakKeyDictionary()


class DatabaseReplaced(Exception):
    """The database file is not the one this server started with."""


def file_identity(path):
    stat = os.stat(path)
    return stat.st_dev, stat.st_ino


def file_databases(datasette):
    return {name: db.path for name, db in datasette.databases.items() if db.path and not db.is_memory}


@hookimpl
def startup(datasette):
    files = STARTED_WITH.setdefault(datasette, {})
    for name, path in file_databases(datasette).items():
        files.setdefault(name, file_identity(path))


@hookimpl
def prepare_connection(conn, database, datasette):
    path = file_databases(datasette).get(database)
    if path is None:
        return
    # The connection is already open: if the path still names the file the
    # server started with, so did the connection's file.
    started_with = STARTED_WITH.setdefault(datasette, {}).setdefault(database, file_identity(path))
    if file_identity(path) != started_with:
        raise DatabaseReplaced(f"database {database} has just been rebuilt and the server is restarting "
                               "to serve it: try again in a few seconds")


@hookimpl
def handle_exception(datasette, request, exception):
    if not isinstance(exception, DatabaseReplaced):
        return None
    headers = {"Retry-After": "2"}
    if request.path.endswith(".json"):
        return Response.json({"ok": False, "error": str(exception), "status": 503}, status=503, headers=headers)
    return Response.text(str(exception), status=503, headers=headers)
