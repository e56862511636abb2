"""One quotation, many reports: statements grouped across articles."""
import json

import pytest
import sqlite_utils

from extract.build import build
from extract.quotations import group_speaker, words

ARTICLES = {
    # The same words, cut three ways by three outlets.
    "afp": ("« Nous espérons conclure rapidement les discussions avec la Suède et la Finlande », "
            "a déclaré mardi Jens Stoltenberg à Bruxelles."),
    "ouest": "Jens Stoltenberg a dit mardi vouloir « conclure rapidement les discussions avec la Suède ».",
    "sud": ("Le secrétaire général de l'Otan, Jens Stoltenberg, a déclaré : « Nous espérons conclure "
            "rapidement les discussions avec la Suède et la Finlande. La porte reste ouverte. »"),
    # Two other quotations of his that share a phrase with each other.
    "est": ("« L'OTAN est prête à défendre chaque pouce du territoire allié », a affirmé Jens Stoltenberg "
            "lors d'une conférence de presse."),
    "nord": ("« L'OTAN est prête à accueillir rapidement de nouveaux membres au nord », a assuré "
             "Jens Stoltenberg jeudi."),
    # His words, said again by someone else.
    "centre": ("« Nous espérons conclure rapidement les discussions avec la Suède et la Finlande », "
               "a déclaré mercredi Olaf Scholz à Berlin."),
}


@pytest.fixture(scope="module")
def quotations_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quotations")
    lines = [json.dumps({"id": name, "text": text, "date": f"2022-05-{10 + n}", "source": name.upper()},
                        ensure_ascii=False) for n, (name, text) in enumerate(ARTICLES.items())]
    (folder / "news.jsonl").write_text("\n".join(lines), encoding="utf-8")
    build([str(folder)], folder / "nato.db")
    return sqlite_utils.Database(folder / "nato.db")


@pytest.fixture(scope="module")
def datasette(quotations_db):
    """The site, as make serve runs it, on the quotations database."""
    import yaml
    from datasette.app import Datasette

    from conftest import ROOT

    path = quotations_db.conn.execute("pragma database_list").fetchone()[2]
    return Datasette([path], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text()),
                     plugins_dir=str(ROOT / "plugins"), template_dir=str(ROOT / "templates"))


def quotation_of(db, article, containing):
    rows = list(db.query("select s.quotation_id from statements s where s.article_id = ? and s.quote like ?",
                         [f"news-{article}", f"%{containing}%"]))
    assert len(rows) == 1, rows
    return rows[0]["quotation_id"]


def test_one_quotation_cut_three_ways_is_one_quotation_with_three_reports(quotations_db):
    ids = {quotation_of(quotations_db, name, "conclure rapidement") for name in ("afp", "ouest", "sud")}
    assert len(ids) == 1 and None not in ids
    (quotation,) = quotations_db.query("select * from quotations where id = ?", list(ids))
    assert quotation["n_statements"] == 3 and quotation["n_articles"] == 3 and quotation["n_sources"] == 3
    assert quotation["text"].startswith("Nous espérons conclure rapidement")  # the longest cut
    assert (quotation["first_reported"], quotation["last_reported"]) == ("2022-05-10", "2022-05-12")


def test_two_quotations_sharing_a_phrase_stay_apart(quotations_db):
    assert quotation_of(quotations_db, "est", "défendre") != quotation_of(quotations_db, "nord", "accueillir")


def test_the_same_words_by_two_speakers_stay_apart(quotations_db):
    assert quotation_of(quotations_db, "centre", "conclure") != quotation_of(quotations_db, "afp", "conclure")


def statement(n, quote, kind="direct"):
    return {"id": f"s{n}", "quote": quote, "kind": kind, "speaker_id": 1}


def test_a_cut_that_opens_two_quotations_joins_neither():
    groups = group_speaker([statement(1, "L'OTAN est prête à défendre chaque pouce du territoire"),
                            statement(2, "L'OTAN est prête à accueillir de nouveaux membres"),
                            statement(3, "l'Otan est prête")])
    assert sorted(len(g.members) for g in groups) == [1, 1, 1]


def test_reported_speech_joins_only_on_a_strong_match():
    groups = group_speaker([statement(1, "nous ne céderons rien sur l'élargissement de l'Alliance à l'est"),
                            statement(2, "il ne céderait rien sur l'élargissement", "indirect"),
                            statement(3, "nous ne céderons rien sur l'élargissement de l'Alliance à l'est", "indirect")])
    together = {m["id"]: g.id for g in groups for m in g.members}
    assert together["s3"] == together["s1"] and together["s2"] != together["s1"]


def test_words_ignore_case_accents_and_apostrophes():
    assert words("L’OTAN est prête !") == words("l'Otan est prete") == ["l", "otan", "est", "prete"]


def test_setting_an_id_does_not_reindex_but_editing_text_does(quotations_db):
    """The full-text index follows the quoted text, not derived ids."""
    trigger = quotations_db.execute("select sql from sqlite_master where name = 'statements_au'").fetchone()[0]
    assert 'UPDATE OF "quote", "speaker_text"' in trigger
    row = next(quotations_db.query("select rowid, id from statements limit 1"))
    quotations_db.execute("savepoint edit")
    try:
        quotations_db.execute("update statements set quote = 'zanzibar xylophone' where id = ?", [row["id"]])
        assert [r["id"] for r in quotations_db.query(
            "select s.id from statements_fts f join statements s on s.rowid = f.rowid "
            "where statements_fts match 'xylophone'")] == [row["id"]]
    finally:
        quotations_db.execute("rollback to edit")
        quotations_db.execute("release edit")


async def test_a_quotation_page_lists_every_report_in_date_order(quotations_db, datasette):
    from datasette.utils import tilde_encode

    quotation = next(quotations_db.query("select id from quotations order by n_statements desc limit 1"))["id"]
    response = await datasette.client.get(f"/nato/quotations/{tilde_encode(quotation)}")
    assert response.status_code == 200
    html = response.text
    assert "Reported 3 times" in html
    positions = [html.index(date) for date in ("2022-05-10", "2022-05-11", "2022-05-12")]
    assert positions == sorted(positions)
    assert html.count("<mark>") >= 3 and "#s0" in html


def test_adding_an_article_updates_its_quotation(tmp_path):
    def write(names):
        lines = [json.dumps({"id": name, "text": ARTICLES[name], "date": f"2022-05-{10 + n}"}, ensure_ascii=False)
                 for n, name in enumerate(names)]
        (tmp_path / "news.jsonl").write_text("\n".join(lines), encoding="utf-8")

    write(["afp", "ouest"])
    build([str(tmp_path / "news.jsonl")], tmp_path / "nato.db")
    write(["afp", "ouest", "sud"])
    summary = build([str(tmp_path / "news.jsonl")], tmp_path / "nato.db")
    assert summary["extracted"] == 1 and summary["unchanged"] == 2
    db = sqlite_utils.Database(tmp_path / "nato.db")
    (row,) = db.query("select n_statements, n_articles from quotations where text like 'Nous espérons%'")
    assert (row["n_statements"], row["n_articles"]) == (3, 3)


async def test_quotation_queries_answer_with_links(datasette):
    widely = (await datasette.client.get("/nato/most_reported_quotations.json?_shape=objects")).json()["rows"]
    assert widely[0]["n_articles"] == 3 and widely[0]["speaker"] == "Jens Stoltenberg"
    mine = (await datasette.client.get("/nato/person_quotations.json?_shape=objects&name=STOLTENBERG")).json()["rows"]
    assert len(mine) == len({row["quotation_id"] for row in mine}) >= 3
    html = (await datasette.client.get("/nato/most_reported_quotations")).text
    assert "/nato/quotations/" in html
