"""Show a statement's source sentence, with the quotation marked, on its row page,
and link to that sentence in its article (/nato/articles/<id>#s<idx>, highlighted there)."""
import importlib.util
from pathlib import Path

from datasette import hookimpl
from datasette.utils import tilde_encode, urlsafe_components
from markupsafe import Markup, escape


def sibling(name):
    """Another module of plugins/ (Datasette loads plugin files by path, not as a package)."""
    spec = importlib.util.spec_from_file_location(f"nato_plugins_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The same article label as every other link to an article (title, or source and date).
labels = sibling("labels")


def statement_id(request):
    """The statement's id as stored, or None.

    The URL holds it tilde-encoded ("lemonde.2023-12-q0" is
    "lemonde~2E2023-12-q0", a space "~20"), its components separated by
    commas: decoded as Datasette's row page does, one component since
    statements have one primary key.
    """
    components = urlsafe_components(request.url_vars.get("pks") or "")
    return components[0] if len(components) == 1 else None


@hookimpl
def extra_template_vars(view_name, table, database, request, datasette):
    if view_name != "row" or table != "statements" or request is None:
        return {}

    async def inner():
        db = datasette.get_database(database)
        rows = await db.execute(
            "select s.start, s.end, s.article_id, se.start as sentence_start, se.idx, se.text, "
            "a.id, a.title, a.source, a.published, substr(a.body, 1, 200) as opening "
            "from statements s join sentences se on se.id = s.sentence_id "
            "join articles a on a.id = s.article_id where s.id = ?", [statement_id(request)])
        row = rows.first()
        if row is None:
            return {}
        text, offset = row["text"], row["sentence_start"]
        start = max(0, row["start"] - offset)
        end = min(len(text), row["end"] - offset)
        marked = Markup("{}<mark>{}</mark>{}").format(escape(text[:start]), escape(text[start:end]), escape(text[end:]))
        # The article's link is encoded the same way, or an id with a dot would read as a format.
        return {"source": {"sentence": marked, "article_path": tilde_encode(row["article_id"]),
                           "anchor": f"s{row['idx']}", "title": labels.article_label(row),
                           "published": row["published"]}}

    return inner
