"""Show a statement's source sentence, with the quotation marked, on its row page."""
from datasette import hookimpl
from markupsafe import Markup, escape


@hookimpl
def extra_template_vars(view_name, table, database, request, datasette):
    if view_name != "row" or table != "statements" or request is None:
        return {}

    async def inner():
        statement_id = request.url_vars.get("pks")
        db = datasette.get_database(database)
        rows = await db.execute(
            "select s.start, s.end, s.article_id, se.start as sentence_start, se.text, a.title, a.published "
            "from statements s join sentences se on se.id = s.sentence_id "
            "join articles a on a.id = s.article_id where s.id = ?", [statement_id])
        row = rows.first()
        if row is None:
            return {}
        text, offset = row["text"], row["sentence_start"]
        start = max(0, row["start"] - offset)
        end = min(len(text), row["end"] - offset)
        marked = Markup("{}<mark>{}</mark>{}").format(escape(text[:start]), escape(text[start:end]), escape(text[end:]))
        return {"source": {"sentence": marked, "article_id": row["article_id"],
                           "title": row["title"] or row["article_id"], "published": row["published"]}}

    return inner
