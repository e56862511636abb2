"""A table's CSV download holds the whole table (or filter), not its first page.

The "CSV" link of a table page asks for ?_size=max, which is capped at
max_returned_rows (200 with `make serve`): a reader downloading 370
statements got 200 without a word. Table CSVs are therefore streamed
(?_stream=on, Datasette fetching page after page) unless the request says
otherwise. A canned or arbitrary query's CSV is one SQL answer and keeps its
own limit.
"""
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl


async def is_table_csv(datasette, scope) -> bool:
    path = scope.get("path", "")
    parts = path.strip("/").split("/")
    if scope.get("type") != "http" or not path.endswith(".csv") or len(parts) != 2:
        return False
    database, name = parts[0], parts[1][:-len(".csv")]
    if database not in datasette.databases:
        return False
    return name not in await datasette.get_canned_queries(database, None)


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def whole_table_csv(scope, receive, send):
            query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
            if await is_table_csv(datasette, scope) and not any(key in ("_stream", "_next") for key, _ in query):
                scope = {**scope, "query_string": urlencode(query + [("_stream", "on")]).encode("latin-1")}
            await app(scope, receive, send)

        return whole_table_csv

    return wrap
