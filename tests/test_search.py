"""Searching without knowing SQL: any text a reader types gives an answer, never an error.

Through Datasette's in-process client, with the project's metadata, plugins
and templates, in HTML, JSON and CSV.
"""
import csv
import html
import io
import re
import unicodedata

import pytest
import yaml
from datasette.app import Datasette

from conftest import ROOT

METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
QUERIES = METADATA["databases"]["nato"]["queries"]
SEARCH = "/nato/search_statements"
# What a French reader types: elided articles, hyphenated names, and FTS5 syntax characters.
ORDINARY_INPUT = ["", "l'OTAN", "l'Ukraine", "d'Ukraine", "OTAN-Russie", '"', "NEAR(", "*", ")"]
# Input with no word in it shows what an empty form shows: the latest statements.
NO_WORD = ["", '"', "*", ")"]


@pytest.fixture(scope="module")
def datasette(seeds_db):
    return Datasette([], immutables=[str(seeds_db)], metadata=METADATA, plugins_dir=str(ROOT / "plugins"),
                     template_dir=str(ROOT / "templates"), settings={"sql_time_limit_ms": 2000})


def fold(text):
    """Case and accents folded, as FTS5's unicode61 remove_diacritics tokenizer compares words."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


async def search_json(datasette, keyword, person=""):
    response = await datasette.client.get(SEARCH + ".json", params={"keyword": keyword, "person": person,
                                                                    "_shape": "objects"})
    assert response.status_code == 200, response.text
    return response.json()["rows"]


@pytest.mark.parametrize("keyword", ORDINARY_INPUT)
async def test_any_text_is_answered_in_html(datasette, keyword):
    response = await datasette.client.get(SEARCH, params={"keyword": keyword})
    assert response.status_code == 200, response.text
    assert "message-error" not in response.text and "syntax error" not in response.text


@pytest.mark.parametrize("keyword", ORDINARY_INPUT)
async def test_any_text_is_answered_in_json_and_csv(datasette, keyword):
    rows = await search_json(datasette, keyword)
    response = await datasette.client.get(SEARCH + ".csv", params={"keyword": keyword})
    assert response.status_code == 200, response.text
    records = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["statement_id"] for r in records] == [r["statement_id"] for r in rows]


async def test_the_empty_form_shows_the_latest_statements(datasette, db):
    response = await datasette.client.get(SEARCH)
    assert response.status_code == 200
    rows = await search_json(datasette, "")
    assert len(rows) == min(200, db["statements"].count)
    published = [r["published"] for r in rows if r["published"]]
    assert published == sorted(published, reverse=True)


@pytest.mark.parametrize("keyword", NO_WORD)
async def test_text_without_a_word_is_an_empty_search(datasette, keyword):
    assert await search_json(datasette, keyword) == await search_json(datasette, "")


@pytest.mark.parametrize("keyword, words", [
    ("l'OTAN", ["otan"]), ("l'Ukraine", ["ukraine"]), ("d'Ukraine", ["ukraine"]),
    ("OTAN-Russie", ["otan-russie"]), ("otan  sommet", ["otan", "sommet"]), ("SUEDE", ["suede"]),
    ("l’OTAN", ["otan"]), ("ratif*", ["ratif"])])
async def test_every_word_is_found_in_each_statement(datasette, keyword, words):
    rows = await search_json(datasette, keyword)
    assert rows, keyword
    for row in rows:
        text = fold(row["quote"]) + " " + fold(row["speaker"])
        assert all(word in text for word in words), (keyword, row)


async def test_syntax_words_are_searched_as_words(datasette):
    # NEAR, OR, AND, NOT are words like any other: no statement of the seeds says "near".
    assert await search_json(datasette, "NEAR(") == []
    assert await search_json(datasette, "OTAN OR") == []


@pytest.mark.parametrize("person", ["Stoltenberg", "jens stoltenberg", "STÖLTENBERG", "stoltenbérg"])
async def test_what_a_person_said_about_a_keyword(datasette, person):
    rows = await search_json(datasette, "OTAN", person)
    assert rows and {r["speaker"] for r in rows} == {"Jens Stoltenberg"}
    everything = await search_json(datasette, "", person)
    assert len(everything) > len(rows) and {r["speaker"] for r in everything} == {"Jens Stoltenberg"}


async def test_a_person_is_found_by_an_alias(datasette, db):
    # "Zelenskiy" is an alias only: the name is Volodymyr Zelenskyy.
    rows = await search_json(datasette, "", "zelenskiy")
    expected = db.execute("select count(*) from statements s join people p on p.id = s.speaker_id "
                          "where p.name = 'Volodymyr Zelenskyy'").fetchone()[0]
    assert expected and len(rows) == expected


@pytest.mark.parametrize("name", sorted(QUERIES))
async def test_canned_queries_accept_any_text(datasette, name):
    parameters = re.findall(r":(\w+)", QUERIES[name]["sql"])
    for text in ORDINARY_INPUT + ["%", "_", "'; drop table statements; --"]:
        params = {p: text for p in parameters}
        for suffix in ("", ".json", ".csv"):
            response = await datasette.client.get(f"/nato/{name}{suffix}", params=params)
            assert response.status_code == 200, (name, text, suffix, response.text[:300])


@pytest.mark.parametrize("url", ["/nato.csv?sql=select+nope", "/nato.csv?sql=select+nope&_stream=on",
                                 "/nato.csv?sql=select+nope&_dl=1", "/nato?sql=select+nope&_format=csv",
                                 "/nato.json?sql=select+nope", "/nato.json?sql=select+nope&_shape=array",
                                 "/nato/statements.csv?_where=nope"])
async def test_a_failing_query_is_an_error_in_every_format(datasette, url):
    response = await datasette.client.get(url)
    assert response.status_code >= 400, response.text
    assert "no such column: nope" in response.text


async def test_a_failing_query_in_csv_is_its_message_in_plain_text(datasette):
    # Quotes and a comma: the message is not rewritten as a CSV record.
    response = await datasette.client.get("/nato.csv", params={"sql": 'select 1, "a, b" from nowhere'})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text == "no such table: nowhere"
    response = await datasette.client.get("/nato.csv", params={"sql": 'select "a, b'})
    assert response.status_code == 400 and response.text == 'unrecognized token: ""a, b"'


async def test_a_failing_canned_query_is_an_error_in_csv(seeds_db):
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    metadata["databases"]["nato"]["queries"]["broken"] = {"sql": "select nope from statements"}
    datasette = Datasette([], immutables=[str(seeds_db)], metadata=metadata, plugins_dir=str(ROOT / "plugins"))
    for suffix in (".csv", ".csv?_stream=on", ".json", ""):
        response = await datasette.client.get("/nato/broken" + suffix)
        assert response.status_code == 400, suffix
        assert "no such column: nope" in response.text


@pytest.mark.parametrize("view, query", [("meeting_timeline", "meetings_by_date"),
                                         ("ratification_tracker", "ratifications_for_candidate")])
async def test_views_and_canned_queries_have_their_own_names(datasette, view, query):
    response = await datasette.client.get(f"/nato/{view}.json")
    assert response.status_code == 200 and response.json()["is_view"] is True
    assert response.json()["table"] == view and "query_name" not in response.json()
    assert query in QUERIES and view not in QUERIES


async def test_the_timeline_view_has_its_map(datasette):
    response = await datasette.client.get("/nato/meeting_timeline")
    assert response.status_code == 200 and "datasette-cluster-map" in response.text


@pytest.mark.parametrize("name", sorted(QUERIES))
async def test_a_query_page_is_titled_by_its_title(datasette, name):
    response = await datasette.client.get(f"/nato/{name}")
    title = html.unescape(re.search(r"<title>(.*?)</title>", response.text, re.S).group(1)).strip()
    assert title.startswith(QUERIES[name]["title"]), title
    assert "select" not in title.lower()


async def test_arbitrary_sql_is_titled_shortly(datasette):
    response = await datasette.client.get("/nato", params={"sql": "select quote from statements where " + "1 and " * 50 + "1"})
    title = re.search(r"<title>(.*?)</title>", response.text, re.S).group(1)
    assert len(title) < 120 and "\n" not in title.strip()


async def test_results_link_statements_articles_sentences_and_people(datasette, db):
    response = await datasette.client.get(SEARCH, params={"keyword": "OTAN"})
    statement = next(db["statements"].rows_where("id = ?", [(await search_json(datasette, "OTAN"))[0]["statement_id"]]))
    assert f'href="/nato/statements/{statement["id"]}"' in response.text
    assert f'href="/nato/articles/{statement["article_id"]}"' in response.text
    assert f'href="/nato/sentences/{statement["sentence_id"]}"' in response.text
    response = await datasette.client.get("/nato/ratification_tracker")
    assert 'href="/nato/articles/' in response.text and 'href="/nato/sentences/' in response.text


@pytest.mark.parametrize("name", ["person_statements", "person_profile", "search_statements", "timeline",
                                  "anonymous_sources"])
async def test_queries_of_statements_carry_the_statement_id(datasette, name):
    parameters = {p: "" for p in re.findall(r":(\w+)", QUERIES[name]["sql"])}
    response = await datasette.client.get(f"/nato/{name}.json", params=dict(parameters, _shape="objects"))
    rows = response.json()["rows"]
    assert rows and "statement_id" in rows[0], name
    assert any(row["statement_id"] for row in rows)


async def test_ids_are_tilde_encoded_in_links():
    import importlib.util

    spec = importlib.util.spec_from_file_location("query_links", ROOT / "plugins" / "query_links.py")
    query_links = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(query_links)
    link = query_links.link

    class Urls:
        def row(self, database, table, row_path):
            return f"/{database}/{table}/{row_path}"

    class FakeDatasette:
        urls = Urls()

    markup = str(await link(FakeDatasette(), "nato", "statement_id", "lemonde.2023-12 l'q0"))
    from datasette.utils import tilde_decode

    assert 'href="/nato/statements/lemonde~2E2023-12+l~27q0"' in markup
    assert tilde_decode("lemonde~2E2023-12+l~27q0") == "lemonde.2023-12 l'q0"
    assert ">lemonde.2023-12 l&#39;q0</a>" in markup


@pytest.mark.parametrize("table", ["statements", "articles", "sentences"])
@pytest.mark.parametrize("text", ORDINARY_INPUT + ['"OTAN', 'OTAN"', '""'])
async def test_a_table_search_box_takes_any_text(datasette, table, text):
    """The search box of a table (?_search=) and the home page's search across
    tables, which fetches each table's JSON: a lone " left FTS5 nothing to
    search for and answered 400."""
    for suffix in ("", ".json", ".csv"):
        response = await datasette.client.get(f"/nato/{table}{suffix}", params={"_search": text})
        assert response.status_code == 200, (suffix, text, response.text[:300])


async def test_a_table_search_still_finds_words(datasette):
    rows = (await datasette.client.get("/nato/statements.json", params={"_search": "OTAN", "_shape": "objects"})
            ).json()["rows"]
    assert rows and all("otan" in fold(row["quote"] + " " + (row["speaker_text"] or "")) for row in rows)


@pytest.mark.parametrize("typed", ["Suède", "la Suède", "SUEDE", "Sweden", " suède "])
async def test_a_candidate_as_a_reader_types_it(datasette, typed):
    rows = (await datasette.client.get("/nato/ratifications_for_candidate.json",
                                       params={"candidate": typed, "_shape": "objects"})).json()["rows"]
    assert rows and {row["candidate_en"] for row in rows} == {"Sweden"}


@pytest.mark.parametrize("wildcard", ["%", "_", "%%"])
async def test_like_wildcards_in_a_name_match_no_one(datasette, wildcard):
    for query in ("person_statements", "person_quotations"):
        rows = (await datasette.client.get(f"/nato/{query}.json", params={"name": wildcard, "_shape": "objects"})
                ).json()["rows"]
        assert rows == [], query


async def test_query_results_name_articles_people_and_places(datasette, db):
    """Links in query results read as the table pages do: a title, a name, not an id."""
    html = (await datasette.client.get("/nato/person_statements", params={"name": "Stoltenberg"})).text
    article_id, label = next(db.execute("select s.article_id, a.label from statements s join articles a "
                                        "on a.id = s.article_id join people p on p.id = s.speaker_id "
                                        "where p.name like '%Stoltenberg%' limit 1"))
    assert f'title="articles {article_id}">{label[:20]}' in __import__("html").unescape(html)


@pytest.mark.parametrize("url", ["/nato/statements.csv?_sort=nosuch", "/nato/nosuchtable.csv",
                                 "/nato/statements.csv?_sort_desc=nosuch&_size=max"])
async def test_a_table_csv_error_is_plain_text(datasette, url):
    response = await datasette.client.get(url)
    assert response.status_code >= 400
    assert "<html" not in response.text.lower() and response.headers["content-type"].startswith("text/plain")
