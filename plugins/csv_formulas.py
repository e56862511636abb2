"""CSV downloads that a spreadsheet opens as text, never as formulas.

A quotation such as `=HYPERLINK("http://...")` or `@SUM(1)` went into the CSV
as is, and a spreadsheet ran it. As OWASP recommends, a cell starting with
= + - @, a tab or a carriage return gets a single quote in front ('=HYPERLINK),
except a plain number such as -3 or -1.5. Datasette 0.65 has no hook for CSV
rows, so this wraps the application and rewrites the CSV records as they are
streamed (table CSV, query CSV, `_stream=on`); JSON and HTML are untouched.
"""
import codecs
import csv
import io
import re
from urllib.parse import parse_qs

from datasette import hookimpl

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# How Python writes an int or a float: left alone, a spreadsheet reads it as a number.
NUMBER = re.compile(r"-\d+(\.\d+)?([eE][-+]?\d+)?")


def neutralise(cell: str) -> str:
    if cell.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def complete_end(text: str) -> int:
    """Where the last complete CSV record of text ends: after a newline outside quotes.

    Quotes inside a quoted field are doubled, so a newline is outside quotes
    when an even number of quotes precede it.
    """
    end, quoted = 0, False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == "\n" and not quoted:
            end = index + 1
    return end


def neutralise_records(text: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)  # the dialect Datasette writes with
    for record in csv.reader(io.StringIO(text, newline="")):
        writer.writerow([neutralise(cell) for cell in record])
    result = out.getvalue()
    # A last piece without a newline (Datasette's error text) keeps none.
    return result if text.endswith("\n") else result.removesuffix("\r\n")


class CsvStream:
    """Complete records out as soon as they are in; a record split across chunks waits for its end."""

    def __init__(self):
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.pending = ""

    def feed(self, data: bytes, final: bool) -> bytes:
        text = self.pending + self.decoder.decode(data, final)
        end = len(text) if final else complete_end(text)
        self.pending = text[end:]
        return neutralise_records(text[:end]).encode("utf-8") if end else b""


def is_csv_request(scope) -> bool:
    if scope["type"] != "http":
        return False
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return scope["path"].endswith(".csv") or query.get("_format") == ["csv"]


def is_csv_response(message) -> bool:
    # Errors and the ?_trace=1 debug page are HTML or JSON, and a failed
    # query's error is plain text (plugins/query_errors.py): left as they are.
    if not 200 <= message.get("status", 200) < 300:
        return False
    headers = dict(message.get("headers") or [])
    content_type = headers.get(b"content-type", b"").decode("latin-1")
    return content_type.startswith(("text/csv", "text/plain"))


def neutralising_send(send):
    stream = None

    async def wrapped(message):
        nonlocal stream
        if message["type"] == "http.response.start" and is_csv_response(message):
            stream = CsvStream()
            # The body changes length: let the server frame it.
            headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-length"]
            message = dict(message, headers=headers)
        elif message["type"] == "http.response.body" and stream is not None:
            final = not message.get("more_body", False)
            message = dict(message, body=stream.feed(message.get("body", b""), final))
        await send(message)

    return wrapped


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def csv_without_formulas(scope, receive, send):
            if is_csv_request(scope):
                send = neutralising_send(send)
            await app(scope, receive, send)

        return csv_without_formulas

    return wrap
