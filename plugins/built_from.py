"""The footer's "Data source" names what was built, not seeds/ whatever was built.

metadata.yml cannot know which inputs a database was built from (`make
serve DB=mine/nato.db`), so it has no `source:`; at startup this reads the
articles' files and sources from the database served and gives Datasette
the line, e.g. "5 articles from seeds/ (sources: Cinktank.com)". The
database is immutable and a rebuild restarts the server (make serve
--reload), so reading it once is enough.
"""
import os
import weakref
from collections import Counter

from datasette import hookimpl

SHOWN = 3  # inputs and sources named; the rest counted
SOURCES = weakref.WeakKeyDictionary()  # Datasette instance -> the source line


def input_of(file, line):
    """The input an article was read from: its JSONL file, else the folder of its file (or the file itself)."""
    if line is not None:
        return os.path.basename(file)
    folder = os.path.basename(os.path.dirname(file))
    return f"{folder}/" if folder else os.path.basename(file)


def named(counter, noun):
    """The most frequent names, then how many more: "a/, b/ and 4 more inputs"."""
    names = [name for name, _ in counter.most_common(SHOWN)]
    rest = len(counter) - len(names)
    text = ", ".join(names)
    return text + (f" and {rest} more {noun}" if rest else "")


def source_line(files, sources):
    """files: (file, line, count) per article file; sources: (source, count)."""
    inputs = Counter()
    for file, line, count in files:
        inputs[input_of(file or "", line)] += count
    total = sum(inputs.values())
    if not total:
        return "no articles built"
    text = f"{total:,} article{'s' if total != 1 else ''} from {named(inputs, 'inputs')}"
    publishers = Counter({source: count for source, count in sources if source})
    if publishers:
        text += f" (sources: {named(publishers, 'sources')})"
    return text + "; each article's file, url and source are in the articles table"


async def read_source_line(db):
    """The line, or None for a database without articles(file, line, source): not one this project built."""
    if not {"file", "line", "source"} <= set(await db.table_columns("articles")):
        return None
    files = await db.execute("select file, line, count(*) from articles group by file, line is not null")
    sources = await db.execute("select source, count(*) from articles group by source")
    return source_line([tuple(row) for row in files.rows], [tuple(row) for row in sources.rows])


@hookimpl
def startup(datasette):
    async def inner():
        for db in datasette.databases.values():
            if not db.is_memory and await db.table_exists("articles"):
                try:
                    line = await read_source_line(db)
                except Exception:  # noqa: BLE001 - a footer line is not worth a site that does not start
                    line = None
                if line:
                    SOURCES[datasette] = line
                    return

    return inner


@hookimpl
def get_metadata(datasette, key, database, table):
    # Top-level metadata: the footer of every page and /-/metadata.
    line = SOURCES.get(datasette)
    return {"source": line} if line else {}
