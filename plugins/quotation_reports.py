"""A quotation's page lists every report of its words: article, source, date
and the sentence, the reported words marked, in date order (first report first)."""
import importlib.util
from pathlib import Path

from datasette import hookimpl
from datasette.utils import tilde_encode, urlsafe_components
from markupsafe import Markup, escape


def sibling(name):
    spec = importlib.util.spec_from_file_location(f"nato_plugins_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


labels = sibling("labels")

REPORTS = """
    select s.id, s.kind, s.start, s.end, se.start as sentence_start, se.idx, se.text, s.article_id,
           a.title, a.source, a.published, substr(a.body, 1, 200) as opening
    from statements s join sentences se on se.id = s.sentence_id join articles a on a.id = s.article_id
    where s.quotation_id = ?
    order by a.published is null, a.published, s.article_id, s.start"""


def marked(row):
    """The sentence with the reported words in <mark>."""
    text, offset = row["text"], row["sentence_start"]
    start, end = max(0, row["start"] - offset), min(len(text), row["end"] - offset)
    return Markup("{}<mark>{}</mark>{}").format(escape(text[:start]), escape(text[start:end]), escape(text[end:]))


@hookimpl
def extra_template_vars(view_name, table, database, request, datasette):
    if view_name != "row" or table != "quotations" or request is None:
        return {}

    async def inner():
        components = urlsafe_components(request.url_vars.get("pks") or "")
        if len(components) != 1:
            return {}
        rows = await datasette.get_database(database).execute(REPORTS, [components[0]])
        return {"reports": [{"statement_path": tilde_encode(row["id"]), "article_path": tilde_encode(row["article_id"]),
                             "anchor": f"s{row['idx']}", "article": labels.article_label(row),
                             "source": row["source"], "published": row["published"], "kind": row["kind"],
                             "sentence": marked(row)} for row in rows]}

    return inner
