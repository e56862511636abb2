"""Show a statement's source sentence, with the quotation marked, on its row page,
and link to that sentence in its article (/nato/articles/<id>#s<idx>, highlighted there);
on a quotation's page, every report of its words in the same way, first report first."""
import runpy
from pathlib import Path
from types import SimpleNamespace

from datasette import hookimpl
from datasette.utils import tilde_encode, urlsafe_components
from markupsafe import Markup, escape


# Another file of plugins/ (Datasette loads plugin files by path, not as a package).
labels = SimpleNamespace(**runpy.run_path(str(Path(__file__).with_name("labels.py"))))


def row_id(request):
    """The id of the row page's row (a statement, a quotation) as stored, or None.

    The URL holds it tilde-encoded ("lemonde.2023-12-q0" is
    "lemonde~2E2023-12-q0", a space "~20"), its components separated by
    commas: decoded as Datasette's row page does, one component since
    statements and quotations have one primary key.
    """
    components = urlsafe_components(request.url_vars.get("pks") or "")
    return components[0] if len(components) == 1 else None


def marked(row):
    """The sentence with the statement's words in <mark>."""
    text, offset = row["text"], row["sentence_start"]
    start, end = max(0, row["start"] - offset), min(len(text), row["end"] - offset)
    return Markup("{}<mark>{}</mark>{}").format(escape(text[:start]), escape(text[start:end]), escape(text[end:]))


# A statement, or every report of a quotation (first report first), with its sentence and article.
STATEMENTS = """
    select s.id as statement_id, s.kind, s.start, s.end, s.article_id, se.start as sentence_start, se.idx, se.text,
           a.id, a.label, a.source, a.published
    from statements s join sentences se on se.id = s.sentence_id join articles a on a.id = s.article_id
    where {where}
    order by a.published is null, a.published, s.article_id, s.start"""


def report(row):
    """What a template shows of one statement. Ids in links are tilde-encoded,
    or an id with a dot would read as a format."""
    return {"sentence": marked(row), "article_path": tilde_encode(row["article_id"]),
            "statement_path": tilde_encode(row["statement_id"]), "anchor": f"s{row['idx']}",
            "title": labels.article_label(row), "source": row["source"], "published": row["published"],
            "kind": row["kind"]}


@hookimpl
def extra_template_vars(view_name, table, database, request, datasette):
    if view_name != "row" or table not in ("statements", "quotations") or request is None:
        return {}

    async def inner():
        where = "s.id = ?" if table == "statements" else "s.quotation_id = ?"
        rows = [report(row) for row in await datasette.get_database(database).execute(
            STATEMENTS.format(where=where), [row_id(request)])]
        if table == "quotations":
            return {"reports": rows}
        return {"source": rows[0]} if rows else {}

    return inner
