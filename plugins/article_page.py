"""An article's row page that reads as an article (templates/row-nato-articles.html).

Datasette's row page put body and raw_text side by side in narrow columns
after the hash. This gives the template the body as paragraphs, each
sentence a <span id="s12"> (sentences.idx, offsets sentences.start/end into
articles.body) so that /nato/articles/<id>#s12 shows and highlights it, and
the facts extracted from the article (statements with their speakers,
meetings, ratifications), each with its sentence and a link to it.
"""
import re
import runpy
from pathlib import Path
from types import SimpleNamespace

from datasette import hookimpl
from datasette.utils import tilde_encode, urlsafe_components
from markupsafe import Markup, escape


# Another file of plugins/ (Datasette loads plugin files by path, not as a package).
labels = SimpleNamespace(**runpy.run_path(str(Path(__file__).with_name("labels.py"))))

# A blank line ends a paragraph (extract/clean.py keeps the article's paragraphs so).
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def article_id(request):
    """The article's id as stored: decoded from the URL as Datasette's row page does."""
    components = urlsafe_components(request.url_vars.get("pks") or "")
    return components[0] if len(components) == 1 else None


def paragraphs(body):
    """(start, end) of each non-blank paragraph of body."""
    start = 0
    for found in PARAGRAPH_BREAK.finditer(body):
        if body[start:found.start()].strip():
            yield start, found.start()
        start = found.end()
    if body[start:].strip():
        yield start, len(body)


def paragraph_html(body, start, end, sentences, anchored):
    """One paragraph with its sentences (sorted by start) as spans; a sentence's first piece gets its id."""
    pieces, position = [], start
    for sentence in sentences:
        piece_start, piece_end = max(sentence["start"], start), min(sentence["end"], end)
        if piece_end <= piece_start or not body[piece_start:piece_end].strip():
            continue
        if piece_start > position:
            pieces.append(escape(body[position:piece_start]))
        anchor = "" if sentence["idx"] in anchored else Markup(' id="s{}"').format(sentence["idx"])
        anchored.add(sentence["idx"])
        pieces.append(Markup('<span class="sentence"{}>{}</span>').format(anchor, body[piece_start:piece_end]))
        position = piece_end
    if position < end:
        pieces.append(escape(body[position:end]))
    return Markup("<p>{}</p>").format(Markup("").join(pieces))


def body_html(body, sentences):
    """The body as paragraphs of anchored sentences; every character of body shown once, in order."""
    sentences = sorted(sentences, key=lambda s: s["start"])
    anchored, html, first = set(), [], 0
    for start, end in paragraphs(body):
        # Sentences are sorted and do not overlap: skip those that end before this paragraph,
        # so a long article costs one pass, not paragraphs x sentences.
        while first < len(sentences) and sentences[first]["end"] <= start:
            first += 1
        inside = []
        for sentence in sentences[first:]:
            if sentence["start"] >= end:
                break
            inside.append(sentence)
        html.append(paragraph_html(body, start, end, inside, anchored))
    return Markup("\n").join(html)


STATEMENTS = """
    select s.id, s.kind, s.quote, s.speaker_id, coalesce(p.name, s.speaker_text) as speaker, s.speaker_kind,
           s.verb, se.idx, se.text as sentence
    from statements s left join people p on p.id = s.speaker_id join sentences se on se.id = s.sentence_id
    where s.article_id = ? order by s.start"""
MEETINGS = """
    select m.id, m.kind, m.name, m.status, m.date_start, m.date_end, pl.name as place, se.idx, se.text as sentence
    from meetings m left join places pl on pl.id = m.place_id join sentences se on se.id = m.sentence_id
    where m.article_id = ? order by m.start"""
RATIFICATIONS = """
    select r.id, r.status, c.name as country, k.name as candidate, r.n_countries, r.n_members, r.text,
           se.idx, se.text as sentence
    from ratifications r left join places c on c.id = r.country_id left join places k on k.id = r.candidate_id
    join sentences se on se.id = r.sentence_id
    where r.article_id = ? order by r.start"""


def with_terms(rows, table, columns):
    """Rows as dicts, with the readable label of each code column as <column>_label."""
    result = []
    for row in rows:
        item = dict(row)
        for column in columns:
            item[f"{column}_label"] = labels.term_label(table, column, item[column])
            found = labels.term(table, column, item[column])
            item[f"{column}_meaning"] = found[1] if found else ""
        item["path"] = tilde_encode(item["id"])
        result.append(item)
    return result


async def article_context(db, identifier):
    article = (await db.execute(
        "select id, title, label, source, published, byline, dateline, url, body "
        "from articles where id = ?", [identifier])).first()
    if article is None:
        return {}
    sentences = (await db.execute("select idx, start, end from sentences where article_id = ?", [identifier])).rows
    facts = {
        "statements": with_terms((await db.execute(STATEMENTS, [identifier])).rows, "statements",
                                 ["kind", "speaker_kind"]),
        "meetings": with_terms((await db.execute(MEETINGS, [identifier])).rows, "meetings", ["kind", "status"]),
        "ratifications": with_terms((await db.execute(RATIFICATIONS, [identifier])).rows, "ratifications",
                                    ["status"]),
    }
    return {"article": {"label": article["label"] or article["id"], "title": article["title"],
                        "source": article["source"], "published": article["published"],
                        "byline": article["byline"], "dateline": article["dateline"], "url": article["url"],
                        "body_html": body_html(article["body"] or "", sentences), "facts": facts}}


@hookimpl
def extra_template_vars(view_name, table, database, request, datasette):
    if view_name != "row" or table != "articles" or request is None:
        return {}

    async def inner():
        return await article_context(datasette.get_database(database), article_id(request))

    return inner
