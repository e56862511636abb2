"""A query that fails is an error in CSV too, not an empty file.

Datasette 0.65 answers a failing SQL query (arbitrary or canned) with a 400
in HTML and JSON, but its CSV writer ignores the query's status: the same
query as CSV answered 200 with an empty line, which a script or a
spreadsheet takes for "no rows". There is no hook for that, so the query
view's data() is wrapped: for a CSV request a failed query raises, and
handle_exception answers 400 with the error message as plain text.

Only the first page of a CSV is concerned: a canned or arbitrary query has
one page, and once a stream has started its status cannot change.
"""
from datasette import Response, hookimpl
from datasette.views.database import QueryView


class QueryFailed(Exception):
    """A query asked for as CSV failed; the message is SQLite's."""


def is_csv(request):
    return (request.url_vars or {}).get("format") == "csv"


def failing_csv_data(data):
    async def wrapped(self, request, *args, **kwargs):
        result = await data(self, request, *args, **kwargs)
        # A query's answer is (data, extra, templates, status); data["ok"] is False when SQLite refused it.
        if is_csv(request) and isinstance(result, tuple) and result[0].get("ok") is False:
            raise QueryFailed(result[0].get("error") or "query failed")
        return result

    wrapped.csv_errors = True
    return wrapped


# Plugins are loaded again for each Datasette instance (tests make several): wrap once.
if not getattr(QueryView.data, "csv_errors", False):
    QueryView.data = failing_csv_data(QueryView.data)


@hookimpl
def handle_exception(request, exception):
    """Any error of a CSV request (a failed query, a table sorted by a column
    it lacks, a search FTS5 refuses) as plain text with its status, not an
    HTML page; the server's 503 while it restarts keeps its own answer."""
    if isinstance(exception, QueryFailed):
        status = 400
    elif is_csv(request) and type(exception).__name__ != "DatabaseReplaced":
        status = getattr(exception, "status", 500)
    else:
        return None
    # Plain text, the message alone: what a CSV client shows or logs.
    return Response.text(str(exception) or type(exception).__name__, status=status)
