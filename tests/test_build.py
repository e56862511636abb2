"""The build: bad input, rebuilds, the atomic replace, the command line."""
import json
import shutil

import pytest
import sqlite_utils
from click.testing import CliRunner

import build_db
import extract.build
from extract.build import build
from conftest import SEEDS


def table_rows(path, table):
    return list(sqlite_utils.Database(path)[table].rows)


def test_seeds_build(db):
    assert db["articles"].count == 5
    assert {row["id"] for row in db["articles"].rows} == {p.stem for p in SEEDS.glob("*.txt")}
    for table in ("sentences", "people", "person_aliases", "mentions", "places", "statements", "meetings",
                  "ratifications", "roles", "events"):
        assert db[table].count > 0, table
    assert db["skipped"].count == 0


def test_people_are_merged_across_articles(db):
    stoltenberg = list(db.query("select * from people where name = 'Jens Stoltenberg'"))
    assert len(stoltenberg) == 1 and stoltenberg[0]["n_articles"] == 5
    zelensky = list(db.query("select p.name, group_concat(a.alias) as aliases from people p "
                             "join person_aliases a on a.person_id = p.id where p.key like 'zelensky|%' group by p.id"))
    assert len(zelensky) == 1
    assert {"Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy"} <= set(zelensky[0]["aliases"].split(","))


def test_bylines_are_not_people(db):
    assert not list(db.query("select * from people where name like '%Alice Taylor%' or name like '%Doppagne%'"))


def test_bad_inputs_are_skipped_with_reasons(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(next(SEEDS.glob("004_*.txt")), folder)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "latin1.txt").write_bytes("Le président a déclaré que l'OTAN était prête.".encode("cp1252"))
    lines = [json.dumps({"id": "a", "text": "« Nous restons unis », a déclaré Jens Stoltenberg."}),
             "{not json", json.dumps({"id": "b", "text": ""})]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n")
    output = tmp_path / "out.db"
    result = CliRunner().invoke(build_db.cli, [str(folder), "-o", str(output), "-q"])
    assert result.exit_code == 1
    skipped = {row["path"].split("/")[-1] + f":{row['line'] or 0}": row["reason"] for row in table_rows(output, "skipped")}
    assert skipped["empty.txt:0"] == "empty file"
    assert "binary" in skipped["binary.txt:0"]
    assert "unreadable" in skipped["broken.txt:0"]
    assert "malformed JSON" in skipped["batch.jsonl:2"]
    assert "empty article" in skipped["batch.jsonl:3"]
    articles = {row["id"]: row for row in table_rows(output, "articles")}
    assert set(articles) == {"004_5ac1d26b43ec9e3d", "latin1", "batch-a"}
    assert articles["latin1"]["encoding"] != "utf-8" and "président" in articles["latin1"]["body"]
    assert "batch.jsonl:2: malformed JSON" in result.output


def test_rebuild_is_idempotent_and_incremental(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    output = tmp_path / "nato.db"
    first = build([folder], output, progress=False)
    before = {t: table_rows(output, t) for t in ("statements", "meetings", "ratifications", "people")}
    second = build([folder], output, progress=False)
    assert second["extracted"] == 0 and second["unchanged"] == 5
    assert {t: table_rows(output, t) for t in before} == before
    changed = next(folder.glob("003_*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nUn paragraphe ajouté.", encoding="utf-8")
    third = build([folder], output, progress=False)
    assert third["extracted"] == 1 and third["unchanged"] == 4
    forced = build([folder], output, force=True, progress=False)
    assert forced["extracted"] == 5
    assert first["rows"]["statements"] == forced["rows"]["statements"]


def test_failed_build_leaves_previous_database(tmp_path, monkeypatch):
    output = tmp_path / "nato.db"
    build([next(SEEDS.glob("004_*.txt"))], output, progress=False)
    before = output.read_bytes()

    def explode(db):
        raise RuntimeError("disk full")

    monkeypatch.setattr(extract.build.store, "resolve_people", explode)
    with pytest.raises(RuntimeError):
        build([SEEDS], output, force=True, progress=False)
    assert output.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")] == ["nato.db"]


def test_help():
    result = CliRunner().invoke(build_db.cli, ["--help"])
    assert result.exit_code == 0
    assert "--output" in result.output and "jsonl" in result.output


def test_no_dangling_foreign_keys(db):
    assert db.execute("pragma foreign_key_check").fetchall() == []


def test_html_pages_are_read_with_their_metadata(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("""<html><head><title>Le sommet de l'OTAN s'ouvre à Vilnius</title>
    <meta property="og:site_name" content="Exemple Info"></head><body>
    <nav>Accueil | Monde | Europe</nav><article><h1>Le sommet de l'OTAN s'ouvre à Vilnius</h1>
    <p>« Nous sommes plus unis que jamais », a déclaré le secrétaire général de l'OTAN, Jens Stoltenberg,
    à l'ouverture du sommet de Vilnius mardi. Les dirigeants des pays membres doivent discuter de
    l'adhésion de l'Ukraine et du soutien militaire à Kiev pendant deux jours de réunions.</p>
    <p>La Turquie a levé son veto à l'adhésion de la Suède, selon plusieurs diplomates.</p>
    </article><footer>Mentions légales</footer></body></html>""", encoding="utf-8")
    output = tmp_path / "nato.db"
    build([page], output)
    article = table_rows(output, "articles")[0]
    assert article["id"] == "page" and "Vilnius" in article["title"]
    assert "Mentions légales" not in article["body"] and "Nous sommes plus unis" in article["body"]
    statements = table_rows(output, "statements")
    assert any("plus unis que jamais" in s["quote"] for s in statements)


def test_an_article_without_a_title_is_labelled_by_source_and_date(tmp_path):
    lines = [json.dumps({"id": "a", "text": "Le sommet de l'Otan s'ouvre à Vilnius.", "source": "AFP", "date": "2023-07-11"}),
             json.dumps({"id": "b", "text": "Le sommet de l'Otan s'ouvre à Vilnius.", "title": "Sommet"}),
             json.dumps({"id": "c", "text": "Le sommet de l'Otan s'ouvre à Vilnius, " * 5})]
    (tmp_path / "news.jsonl").write_text("\n".join(lines), encoding="utf-8")
    build([str(tmp_path / "news.jsonl")], tmp_path / "nato.db")
    labels = {row["id"]: row["label"] for row in table_rows(tmp_path / "nato.db", "articles")}
    assert labels["news-a"] == "AFP, 2023-07-11" and labels["news-b"] == "Sommet"
    assert labels["news-c"].startswith("Le sommet de l'Otan") and labels["news-c"].endswith("…")
    assert len(labels["news-c"]) <= 61
