"""Facet counts and row counts of a served database counted once, not on every page view.

A table page counts its rows and each facet's values: at a million
statements that is a million index entries per facet, four facets and the
row count on the statements page (about 250 ms each time the page is
shown). The served database is immutable (`make serve` serves it with -i,
and a rebuild restarts the server: plugins/one_database.py), so a count is
the same until the restart: each facet and row count query of an immutable
database is run once and its answer kept (the COUNTS most recently used).
When the server starts, every table and view page with facets in the
metadata is asked for once in the background, so the first reader gets its
counts at once as well. A facet that runs over facet_time_limit_ms is shown
as timed out, as before, and counted in the background without that limit,
so the next reader of the page gets it. A mutable database is never cached.
"""
import asyncio
import contextvars
import json
import re
import sys
from collections import OrderedDict

from datasette import hookimpl
from datasette.database import QueryInterrupted

COUNTS = 5000  # facet and count answers kept per database (each a few dozen rows)

# What Datasette's table view and facets send: "select count(*) from ..." and
# "select <column> as value, count(*) as count from (<the table's query>) ...".
COUNT_SQL = re.compile(r"^\s*select\s+count\(\*\)\s+from\s", re.IGNORECASE)
FACET_SQL = re.compile(r"^\s*select\s+.+?\s+as\s+value,\s*count\(\*\)\s+as\s+count\s+from\s+\(", re.IGNORECASE | re.DOTALL)
# Warming up, a facet gets the SQL time limit instead of facet_time_limit_ms:
# it is counted once, for every later reader.
WARMING = contextvars.ContextVar("counts_once_warming", default=False)


def is_count(sql: str) -> bool:
    return bool(COUNT_SQL.match(sql) or FACET_SQL.match(sql))


class CountingDatabase:
    """Wraps one immutable database's execute: count queries answered from memory after the first time."""

    def __init__(self, database):
        self.execute_uncached = database.execute
        self.answers = OrderedDict()
        self.pending = set()  # counts being made in the background

    async def execute(self, sql, params=None, truncate=False, custom_time_limit=None, page_size=None,
                      log_sql_errors=True):
        # Table pages and facets ask with truncate=False; typed SQL and canned queries with truncate=True.
        if truncate or not is_count(sql):
            return await self.execute_uncached(sql, params=params, truncate=truncate,
                                               custom_time_limit=custom_time_limit, page_size=page_size,
                                               log_sql_errors=log_sql_errors)
        key = (sql, json.dumps(params, sort_keys=True, default=str), page_size)
        if key in self.answers:
            self.answers.move_to_end(key)
            return self.answers[key]
        if WARMING.get():
            custom_time_limit = None
        try:
            answer = await self.execute_uncached(sql, params=params, truncate=truncate,
                                                 custom_time_limit=custom_time_limit, page_size=page_size,
                                                 log_sql_errors=log_sql_errors)
        except QueryInterrupted:
            # A facet over its time limit ("these facets timed out"): counted once more
            # without it, in the background, for the readers who come next.
            if key not in self.pending:
                self.pending.add(key)
                asyncio.ensure_future(self.count_later(key, sql, params, page_size))
            raise
        self.keep(key, answer)
        return answer

    def keep(self, key, answer):
        self.answers[key] = answer
        if len(self.answers) > COUNTS:
            self.answers.popitem(last=False)

    async def count_later(self, key, sql, params, page_size):
        try:
            # No custom limit: the SQL time limit of the server (sql_time_limit_ms).
            self.keep(key, await self.execute_uncached(sql, params=params, page_size=page_size))
        except Exception as error:  # noqa: BLE001 - a count that cannot be made is made again next time
            print(f"counts_once: {type(error).__name__}: {error}", file=sys.stderr)
        finally:
            self.pending.discard(key)


@hookimpl
def startup(datasette):
    for database in datasette.databases.values():
        if not database.is_mutable and not database.is_memory and not isinstance(
                getattr(database.execute, "__self__", None), CountingDatabase):
            database.execute = CountingDatabase(database).execute


def pages_with_facets(datasette):
    """The path of every table and view whose metadata names facets, per immutable database."""
    for name, database in datasette.databases.items():
        if database.is_mutable or database.is_memory:
            continue
        tables = (datasette.metadata("tables", database=name) or {})
        for table, config in tables.items():
            if (config or {}).get("facets"):
                yield datasette.urls.table(name, table, format="json")


async def warm(datasette):
    """Ask once for every page with facets, so that their counts are ready for the first reader."""
    WARMING.set(True)
    for path in list(pages_with_facets(datasette)):
        try:
            await datasette.client.get(path)
        except Exception as error:  # noqa: BLE001 - warming is an optimisation; the page still works
            print(f"counts_once: {path}: {type(error).__name__}: {error}", file=sys.stderr)


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def warm_after_startup(scope, receive, send):
            if scope["type"] != "lifespan":
                return await app(scope, receive, send)

            async def receive_and_warm():
                message = await receive()
                if message["type"] == "lifespan.startup":
                    # After the server has started, in its own event loop.
                    asyncio.get_running_loop().call_soon(lambda: asyncio.ensure_future(warm(datasette)))
                return message

            return await app(scope, receive_and_warm, send)

        return warm_after_startup

    return wrap
