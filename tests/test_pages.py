"""The pages people read, through Datasette's in-process client: an article page
to read, labels instead of ids, codes explained, every column documented, and
a footer that names what was built."""
import copy
import html
import re
import shutil
import sqlite3

import pytest
import yaml
from datasette.app import Datasette

from conftest import ROOT

METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
TABLES_METADATA = METADATA["databases"]["nato"]["tables"]
VOCABULARY = yaml.safe_load((ROOT / "plugins" / "vocabulary.yml").read_text(encoding="utf-8"))
RAW_ID = re.compile(r"^(city|country|site):|^\d+$|^None$|^$")


def site(database):
    # A copy each: Datasette writes the inherited source into the table metadata it is given
    # (update_with_inherited_metadata), so a shared dict would carry one build's source to another.
    return Datasette([], immutables=[str(database)], metadata=copy.deepcopy(METADATA), plugins_dir=str(ROOT / "plugins"),
                     template_dir=str(ROOT / "templates"), settings={"sql_time_limit_ms": 2000})


@pytest.fixture(scope="module")
def datasette(seeds_db):
    return site(seeds_db)


@pytest.fixture(scope="module")
def article(db):
    """The article with the most statements that also has meetings and ratifications, or the most statements."""
    row = db.execute("""
        select a.id from articles a
        order by exists (select 1 from meetings m where m.article_id = a.id)
               + exists (select 1 from ratifications r where r.article_id = a.id) desc,
                 (select count(*) from statements s where s.article_id = a.id) desc limit 1""").fetchone()
    return db["articles"].get(row[0])


async def page(datasette, path):
    response = await datasette.client.get(path)
    assert response.status_code == 200, (path, response.text[-500:])
    return response.text


def between(text, start, end):
    assert start in text, start
    rest = text[text.index(start) + len(start):]
    return rest[:rest.index(end)]


def cells(text):
    """{column: [inner HTML of each cell]} of a page's rows-and-columns table."""
    found = {}
    for column, inner in re.findall(r'<td class="col-([\w-]+) [^"]*">(.*?)</td>', text, re.S):
        found.setdefault(column, []).append(inner.strip())
    return found


def link_text(cell):
    match = re.fullmatch(r'<a href="[^"]+"[^>]*>(.*)</a>', cell, re.S)
    return html.unescape(match.group(1)) if match else None


# 1. The article page.

async def test_article_body_comes_first_in_paragraphs_and_raw_text_is_folded(datasette, article):
    text = await page(datasette, f"/nato/articles/{article['id']}")
    body = between(text, '<article class="article-body">', "</article>")
    paragraphs = [p for p in re.split(r"\n\s*\n", article["body"]) if p.strip()]
    assert len(paragraphs) > 1 and body.count("<p>") == len(paragraphs)
    # The body is not a cell of the row table, and no hash or raw text comes before it.
    assert "<td" not in text[:text.index('<article class="article-body">')]
    assert text.index(article["sha256"]) > text.index("</article>")
    folded = text[text.index("<details"):]
    assert article["sha256"] in folded and html.escape(article["raw_text"][:40]) in folded


async def test_every_sentence_of_the_body_is_anchored(datasette, db, article):
    text = await page(datasette, f"/nato/articles/{article['id']}")
    for sentence in db["sentences"].rows_where("article_id = ?", [article["id"]], order_by="idx"):
        if not sentence["text"].strip():
            continue
        span = re.search(rf'<span class="sentence" id="s{sentence["idx"]}">(.*?)</span>', text, re.S)
        assert span, sentence["id"]
        if "\n\n" not in sentence["text"].strip():
            assert html.unescape(span.group(1)) == sentence["text"].strip()


async def test_facts_are_listed_with_their_speakers_and_sentences(datasette, db, article):
    text = await page(datasette, f"/nato/articles/{article['id']}")
    facts = between(text, '<section class="article-facts">', "</section>")
    statements = list(db.query("""
        select s.id, p.name, se.idx from statements s left join people p on p.id = s.speaker_id
        join sentences se on se.id = s.sentence_id where s.article_id = ?""", [article["id"]]))
    assert statements
    for statement in statements:
        assert f'href="/nato/statements/{statement["id"]}"' in facts
        assert f'href="#s{statement["idx"]}"' in facts
        if statement["name"]:
            assert html.escape(statement["name"]) in facts
    for table in ("meetings", "ratifications"):
        for row in db[table].rows_where("article_id = ?", [article["id"]]):
            assert f'href="/nato/{table}/{row["id"]}"' in facts, row["id"]
            assert f'href="#s{row["sentence_id"].rsplit("-s", 1)[1]}"' in facts


async def test_a_statement_links_to_its_sentence_in_the_article(datasette, db):
    statement = next(db["statements"].rows_where("kind = 'direct'", limit=1))
    idx = db["sentences"].get(statement["sentence_id"])["idx"]
    text = await page(datasette, f"/nato/statements/{statement['id']}")
    assert f'href="/nato/articles/{statement["article_id"]}#s{idx}"' in text


# 2. Labels: every id a reader sees is a link with a human label.

FOREIGN_KEY_PAGES = ["/nato/statements", "/nato/meetings", "/nato/sentences", "/nato/mentions", "/nato/roles",
                     "/nato/place_mentions", "/nato/meeting_participants", "/nato/meeting_mentions",
                     "/nato/ratifications", "/nato/events", "/nato/person_aliases"]


@pytest.mark.parametrize("path", FOREIGN_KEY_PAGES)
async def test_table_pages_link_foreign_keys_with_labels(datasette, db, path):
    table = path.rsplit("/", 1)[1]
    text = await page(datasette, path)
    found = cells(text)
    for fk in db[table].foreign_keys:
        for cell in found.get(fk.column, []):
            if cell == "&nbsp;":
                continue
            label = link_text(cell)
            assert label is not None and not RAW_ID.search(label), (fk.column, cell)


async def test_row_pages_link_foreign_keys_with_labels(datasette, db):
    meeting = next(db["meetings"].rows_where("place_id like 'city:%'", limit=1))
    found = cells(await page(datasette, f"/nato/meetings/{meeting['id']}"))
    assert link_text(found["place_id"][0]) == db["places"].get(meeting["place_id"])["name"]
    assert not RAW_ID.search(link_text(found["article_id"][0]))

    statement = next(db["statements"].rows_where("speaker_id is not null", limit=1))
    found = cells(await page(datasette, f"/nato/statements/{statement['id']}"))
    assert link_text(found["speaker_id"][0]) == db["people"].get(statement["speaker_id"])["name"]

    ratification = next(db["ratifications"].rows_where("country_id like 'country:%'", limit=1))
    found = cells(await page(datasette, f"/nato/ratifications/{ratification['id']}"))
    assert link_text(found["country_id"][0]) == db["places"].get(ratification["country_id"])["name"]


async def test_an_article_without_a_title_has_a_label(datasette, db):
    untitled = next(db["articles"].rows_where("title is null", limit=1))
    sentence = next(db["sentences"].rows_where("article_id = ?", [untitled["id"]], limit=1))
    label = link_text(cells(await page(datasette, f"/nato/sentences/{sentence['id']}"))["article_id"][0])
    assert label and label != "None" and len(label) > 5
    text = await page(datasette, f"/nato/articles/{untitled['id']}")
    assert "<h1" in text and ">None<" not in text


# 3. Codes: readable labels, explained on the home page and in the column descriptions.

async def test_codes_are_shown_with_their_labels(datasette):
    found = cells(await page(datasette, "/nato/meetings?kind=press_conference"))
    assert found["kind"] and all("press conference" in cell and "press_conference" not in cell for cell in found["kind"])
    text = await page(datasette, "/nato/ratifications?status=pending")
    assert VOCABULARY["ratifications.status"]["pending"][1] in html.unescape(text)


@pytest.mark.parametrize("key", sorted(VOCABULARY))
async def test_home_page_and_metadata_explain_every_code(datasette, key):
    table, column = key.split(".")
    home = html.unescape(await page(datasette, "/"))
    description = TABLES_METADATA[table]["columns"][column]
    for code, (label, _meaning) in VOCABULARY[key].items():
        assert code in description, (key, code)
        assert f"{code}" in home and label in home, (key, code)


def test_metadata_documents_every_column(db):
    from extract.db import TABLES, VIEWS

    missing = {}
    for name in list(TABLES) + list(VIEWS):
        described = (TABLES_METADATA.get(name) or {}).get("columns") or {}
        undocumented = [column for column in db[name].columns_dict if not described.get(column)]
        if undocumented:
            missing[name] = undocumented
    # ratifications and ratification_tracker included: their owner has described every column.
    assert missing == {}


# 4. The footer names what was built, not seeds/ whatever was built.

def footer(text):
    return html.unescape(between(text, "<footer", "</footer>"))


async def test_footer_names_the_inputs_of_the_build(datasette):
    text = footer(await page(datasette, "/"))
    assert "5 articles" in text and "seeds/" in text


async def test_footer_of_another_build(tmp_path, seeds_db):
    other = tmp_path / "nato.db"
    shutil.copy(seeds_db, other)
    with sqlite3.connect(other) as conn:
        conn.execute("update articles set file = 'press/' || id || '.txt', source = 'Le Monde'")
        conn.execute("update articles set file = 'feeds/june.jsonl', line = 3 where id = (select min(id) from articles)")
    for path in ("/", "/nato/statements"):
        text = footer(await page(site(other), path))
        assert "seeds/" not in text and "press/" in text and "june.jsonl" in text and "Le Monde" in text


async def test_an_article_page_shows_its_whole_title(tmp_path):
    """Labels of links are shortened; the article's own heading and tab title are not."""
    import json

    import yaml
    from datasette.app import Datasette

    from conftest import ROOT
    from extract.build import build

    title = "Au sommet de l'Otan à Vilnius, l'Ukraine obtient des garanties mais pas de date d'adhésion"
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": 1, "title": title, "text": "Le sommet s'ouvre mardi."}))
    build([str(tmp_path / "a.jsonl")], tmp_path / "nato.db")
    site = Datasette([], immutables=[str(tmp_path / "nato.db")], plugins_dir=str(ROOT / "plugins"),
                     template_dir=str(ROOT / "templates"),
                     metadata=yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8")))
    page = (await site.client.get("/nato/articles/a-1")).text
    assert page.count(title.replace("'", "&#39;")) >= 2  # the heading and the tab title
