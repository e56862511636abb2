"""Every id a reader sees is a link with a human label; every code a readable word.

Datasette links a foreign key with its table's label_column on table pages
only, and shows None for an article without a title; on row pages it shows
the raw value (`city:2800866`, a speaker `11`). This renders every foreign
key cell of a table or row page as a link whose text is a label built for
its table (an article without a title: "source, date" or its opening
words; a meeting: "summit in Vilnius, 2023-07"), the id as tooltip.

Codes in kind, status and similar columns (`press_conference`, `pending`)
are shown with the label and meaning of plugins/vocabulary.yml; the database,
filters, facets and downloads keep the codes.
"""
import weakref
from pathlib import Path

import yaml
from datasette import hookimpl
from datasette.utils import tilde_encode
from markupsafe import Markup

VOCABULARY = yaml.safe_load(Path(__file__).with_name("vocabulary.yml").read_text(encoding="utf-8"))
# Views show the codes of the table they select from.
VIEW_OF = {"meeting_timeline": "meetings", "statements_with_speakers": "statements",
           "ratification_tracker": "ratifications"}
LABEL_LENGTH = 80
CACHE_SIZE = 50_000

# Per Datasette instance: {(database, table): {column: other table}} and {(database, table, id): label}.
FOREIGN_KEYS = weakref.WeakKeyDictionary()
LABELS = weakref.WeakKeyDictionary()


def shorten(text, length=LABEL_LENGTH):
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[:length - 1].rstrip() + "…"


def term(table, column, value):
    """(label, meaning) of a code, or None when the column has no vocabulary or the value is not in it."""
    entries = VOCABULARY.get(f"{VIEW_OF.get(table, table)}.{column}") or {}
    return entries.get(value) if isinstance(value, str) else None


def term_label(table, column, value):
    found = term(table, column, value)
    return found[0] if found else value


def article_label(row):
    """An article's label as the build wrote it (extract.pipeline.article_label:
    its title; without one, its source and date; without those, its opening
    words), shortened for a link."""
    return shorten(row["label"]) or row["id"]


def meeting_label(row):
    """A meeting's or event's name; without one, "summit in Vilnius, 2023-07"."""
    if row["name"]:
        return shorten(row["name"])
    label = term_label("meetings", "kind", row["kind"]) or "meeting"
    if row["place"]:
        label += f" in {row['place']}"
    return label + (f", {row['date_start']}" if row["date_start"] else "")


# What to select for one row of a table, and how to make its label from it.
LABEL_QUERIES = {
    "articles": ("select id, label from articles where id = ?", article_label),
    "people": ("select name from people where id = ?", lambda row: row["name"]),
    "places": ("select name from places where id = ?", lambda row: row["name"]),
    "sentences": ("select text from sentences where id = ?", lambda row: shorten(row["text"])),
    "statements": ("select quote from statements where id = ?", lambda row: shorten(row["quote"])),
    "quotations": ("select text from quotations where id = ?", lambda row: shorten(row["text"])),
    "person_aliases": ("select alias from person_aliases where id = ?", lambda row: row["alias"]),
    "meetings": ("select m.name, m.kind, m.date_start, p.name as place from meetings m "
                 "left join places p on p.id = m.place_id where m.id = ?", meeting_label),
    "events": ("select e.name, e.kind, e.date_start, p.name as place from events e "
               "left join places p on p.id = e.place_id where e.id = ?", meeting_label),
}


async def label_for(datasette, database, table, value):
    """The human label of row `value` of table, cached; the value itself when there is no such row."""
    cache = LABELS.setdefault(datasette, {})
    key = (database, table, value)
    if key not in cache:
        if len(cache) >= CACHE_SIZE:
            cache.clear()
        sql, make = LABEL_QUERIES.get(table, (None, None))
        row = (await datasette.get_database(database).execute(sql, [value])).first() if sql else None
        cache[key] = (make(row) if row else None) or str(value)
    return cache[key]


async def foreign_keys(datasette, database, table):
    """{column: other table} for a table's outgoing foreign keys (none for a view)."""
    per_table = FOREIGN_KEYS.setdefault(datasette, {})
    if (database, table) not in per_table:
        db = datasette.get_database(database)
        per_table[(database, table)] = {fk["column"]: fk["other_table"]
                                        for fk in await db.foreign_keys_for_table(table)}
    return per_table[(database, table)]


def link(datasette, database, table, value, label):
    href = datasette.urls.row(database, table, tilde_encode(str(value)))
    return Markup('<a href="{}" title="{}">{}</a>').format(href, f"{table} {value}", label)


def term_span(found):
    label, meaning = found
    return Markup('<span class="term" title="{}">{}</span>').format(meaning, label)


@hookimpl
def render_cell(value, column, table, database, datasette):
    # Table and row pages only: query results are rendered by their own plugin.
    if table is None:
        return None
    found = term(table, column, value)
    if found:
        return term_span(found)

    async def foreign_key_link():
        other = (await foreign_keys(datasette, database, table)).get(column)
        # A table page gives an expanded key as {"value", "label"}; a row page the raw value.
        raw = value.get("value") if isinstance(value, dict) else value
        if other is None or raw in (None, ""):
            return None
        return link(datasette, database, other, raw, await label_for(datasette, database, other, raw))

    return foreign_key_link

