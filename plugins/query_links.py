"""Ids in query results and views are links to their rows.

Datasette links foreign keys on table pages only: the results of a canned or
arbitrary query, and the rows of a view, showed article_id or sentence_id as
plain text, so a reader could not get from a search result to the statement,
its sentence or its article. Here a cell of a query page or view is a link
when its column names a table by convention (statement_id, article_id,
speaker_id, ...). Its text is the row's label (plugins/labels.py: an
article's title, a person's or a place's name, a meeting's kind, place and
date) for the tables that have one, the id itself for statements and
sentences (the text beside it already shows them). Table and row pages are
left to plugins/labels.py, which links foreign keys with labels.
"""
import runpy
import weakref
from pathlib import Path
from types import SimpleNamespace

from datasette import hookimpl
from datasette.utils import tilde_encode
from markupsafe import Markup

# Column name -> the table whose row it names (the queries of metadata.yml and the views use these).
ID_COLUMNS = {
    "statement_id": "statements", "article_id": "articles", "sentence_id": "sentences",
    "person_id": "people", "speaker_id": "people", "organiser_id": "people",
    "place_id": "places", "country_id": "places", "candidate_id": "places", "venue_id": "places",
    "meeting_id": "meetings", "event_id": "events", "ratification_id": "ratifications",
    "quotation_id": "quotations",
}
# A view's own id column: the row of the table it selects from.
VIEW_ID = {"meeting_timeline": "meetings", "statements_with_speakers": "statements"}

# Another file of plugins/ (Datasette loads plugin files by path, not as a package).
labels = SimpleNamespace(**runpy.run_path(str(Path(__file__).with_name("labels.py"))))
# Tables whose rows a link names by their label rather than their id.
LABELLED = {"articles", "people", "places", "meetings", "events"}

# Per Datasette instance: {database: set of view names}.
VIEWS = weakref.WeakKeyDictionary()


async def link(datasette, database, column, value, table_of_id=None):
    """The link to the row the value names, or None when the column names no table."""
    table = ID_COLUMNS.get(column) or (table_of_id if column == "id" else None)
    if isinstance(value, dict):
        value = value.get("value")
    if table is None or value in (None, ""):
        return None
    label = await labels.label_for(datasette, database, table, value) if table in LABELLED else value
    # Tilde-encoded as Datasette's own row URLs: an id may hold a dot, space or apostrophe.
    href = datasette.urls.row(database, table, tilde_encode(str(value)))
    return Markup('<a href="{}" title="{}">{}</a>').format(href, f"{table} {value}", label)


async def view_names(datasette, database):
    per_database = VIEWS.setdefault(datasette, {})
    if database not in per_database:
        per_database[database] = set(await datasette.get_database(database).view_names())
    return per_database[database]


@hookimpl
def render_cell(value, column, table, database, datasette):
    if column not in ID_COLUMNS and column != "id":
        return None

    async def query_or_view_link():
        if table is None:  # a canned or arbitrary query
            return await link(datasette, database, column, value)
        if table not in await view_names(datasette, database):
            return None
        return await link(datasette, database, column, value, VIEW_ID.get(table))

    return query_or_view_link
