"""Bound what one request may cost in memory and answer size, not only in time.

sql_time_limit_ms does not bound size: SQLite calls Datasette's time check
every 1000 virtual-machine steps, and `hex(zeroblob(50000000))` is one step
that makes 100 MB, so twenty rows were 2 GB of JSON. Three bounds, each
ending the request with a clean "answer too large" error:

- no single string or blob above VALUE_LIMIT (SQLite's own length limit);
- no more than ANSWER_BUDGET bytes of values fetched by one SQL statement
  (counted as the rows reach Python, so the rows are never all built);
- no more than SQLITE_HEAP_LIMIT of SQLite memory in the whole server, for
  one row of many large columns (SQLite builds a whole row before Python
  sees any of it).
"""
import sqlite3

from datasette import Response, hookimpl

MB = 1024 * 1024
# SQLite refuses to read a stored value longer than its length limit (even
# length(body) fails), so this stays above the largest value a build can
# store: the reader takes files up to 5 MB and JSONL lines up to 5 M
# characters, 20 MB in UTF-8 at worst.
VALUE_LIMIT = 32 * MB
# An article row page (body and raw_text of 5 MB each, 20 MB each at worst)
# fits; a table page of 25 such articles does not (ask for ?_col= or ?_size=).
ANSWER_BUDGET = 64 * MB
# Process-wide: every connection's page cache is 2 MB; an article row is at
# most 2 x 20 MB of values.
SQLITE_HEAP_LIMIT = 256 * MB

ADVICE = "ask for fewer rows (limit, ?_size=) or columns (?_col=), or shorter values (substr())"


class AnswerTooLarge(sqlite3.DataError):
    """More than ANSWER_BUDGET bytes fetched by one statement."""


class AnswerBudget:
    """Bytes fetched by the statement running on one connection (one thread at a time)."""

    def __init__(self, text_factory, budget):
        self.text_factory = text_factory
        self.budget = budget
        self.spent = 0

    def reset(self, _sql):
        # SQLite's trace callback: called as each statement starts running.
        self.spent = 0

    def spend(self, size):
        self.spent += size
        if self.spent > self.budget:
            raise AnswerTooLarge(f"answer too large: more than {self.budget // MB} MB; {ADVICE}")

    def text(self, data):
        # Counted value by value, so a wide row stops at the first value over budget.
        self.spend(len(data))
        return self.text_factory(data)

    def row(self, cursor, values):
        # Text was counted by text(); blobs and numbers here (8 bytes a cell).
        self.spend(sum(len(v) for v in values if isinstance(v, bytes)) + 8 * len(values))
        return sqlite3.Row(cursor, values)


@hookimpl
def prepare_connection(conn):
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, VALUE_LIMIT)
    conn.execute(f"pragma hard_heap_limit = {SQLITE_HEAP_LIMIT}")
    budget = AnswerBudget(conn.text_factory, ANSWER_BUDGET)
    conn.set_trace_callback(budget.reset)
    conn.text_factory = budget.text
    conn.row_factory = budget.row


def too_large_message(exception):
    """The message for an answer over one of the bounds, or None for other errors."""
    if isinstance(exception, AnswerTooLarge):
        return str(exception)
    if isinstance(exception, sqlite3.DataError) and "too big" in str(exception):
        return f"answer too large: a value over {VALUE_LIMIT // MB} MB; {ADVICE}"
    if isinstance(exception, MemoryError):
        # SQLite's hard heap limit (SQLITE_NOMEM) reaches Python as MemoryError.
        return f"answer too large for the server's memory; {ADVICE}"
    return None


@hookimpl
def handle_exception(datasette, request, exception):
    # Pages that do not show SQL errors themselves (tables, rows, CSV) would
    # answer 500 with a traceback in the log: a 400 that says why instead.
    message = too_large_message(exception)
    if message is None:
        return None

    async def inner():
        info = {"ok": False, "error": message, "status": 400, "title": "Answer too large"}
        if request.path.endswith(".json"):
            return Response.json(info, status=400)
        template = datasette.jinja_env.select_template(["400.html", "error.html"])
        html = await template.render_async(dict(info, urls=datasette.urls, app_css_hash=datasette.app_css_hash(),
                                                menu_links=lambda: []))
        return Response.html(html, status=400)

    return inner
