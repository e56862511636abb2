"""The ratification tracker answers "which countries ratified Sweden's
accession, when, on what evidence?": per candidate (in French and English),
each state's latest status with the date of the report, the whole sentence
it is read from and links back; aggregates say which states they leave out
when the text names them, and NULL when it does not.

The articles are our own French sentences, built through extract.build.build().
"""
import json

import pytest
import sqlite_utils
import yaml
from datasette.app import Datasette

from conftest import ROOT

# (id, publication date, text)
ARTICLES = [
    ("danemark", "2022-06-24", "Le Danemark a ratifié l'adhésion de la Suède le 16 juin 2022. "
                               "Le Parlement estonien a approuvé jeudi l'adhésion suédoise."),
    ("decompte", "2023-01-10", "Vingt-huit des trente membres de l'Alliance ont désormais ratifié l'adhésion de la Suède. "
                               "La Turquie et la Hongrie n'ont toujours pas ratifié l'adhésion suédoise."),
    ("budapest", "2024-02-26", "Le Parlement hongrois a ratifié lundi l'adhésion de la Suède à l'OTAN, "
                               "levant le dernier obstacle."),
    ("croatie", None, "La Croatie a ratifié l'adhésion de la Suède."),
    ("seules", "2023-02-01", "Seules la Turquie et la Hongrie n'ont pas encore ratifié l'adhésion de la Finlande."),
    ("allies", "2023-02-15", "Vingt-huit des trente alliés ont déjà approuvé l'adhésion de la Finlande."),
    ("vingt-neuf", "2023-03-01", "Vingt-neuf des trente membres ont approuvé l'adhésion de la Finlande."),
    ("exception", "2022-12-01", "Vingt-huit des trente membres - tous à l'exception de la Hongrie et de la "
                                "Turquie - ont déjà approuvé l'adhésion de la Finlande."),
]


@pytest.fixture(scope="module")
def tracker_path(tmp_path_factory):
    """nato.db (the name the metadata is written for) built from ARTICLES."""
    from extract.build import build

    folder = tmp_path_factory.mktemp("tracker")
    lines = [json.dumps({"id": i, "text": text, **({"date": date} if date else {})}, ensure_ascii=False)
             for i, date, text in ARTICLES]
    (folder / "t.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = folder / "nato.db"
    summary = build([str(folder / "t.jsonl")], path, progress=False)
    assert summary["skipped"] == []
    return path


@pytest.fixture(scope="module")
def tracker_db(tracker_path):
    return sqlite_utils.Database(tracker_path)


def tracker(db, where="1", params=()):
    return list(db.query(f"select * from ratification_tracker where {where}", params))


def test_who_ratified_sweden_when_and_on_what_evidence(tracker_db):
    rows = tracker(tracker_db, "candidate = 'Suède' and status = 'ratified' and country is not null")
    dates = {(r["country"], r["reported"], r["reported_precision"], r["reported_from"]) for r in rows}
    assert dates == {("Danemark", "2022-06-16", "day", "text"), ("Estonie", "2022-06-23", "day", "text"),
                     ("Hongrie", "2024-02-26", "day", "text"), ("Croatie", None, None, None)}
    denmark = next(r for r in rows if r["country"] == "Danemark")
    # The whole sentence, not the words the status was read from.
    assert denmark["evidence"] == "Le Danemark a ratifié l'adhésion de la Suède le 16 juin 2022."
    assert denmark["phrase"] == "ratifié"
    assert denmark["article_id"] == "t-danemark"
    assert tracker_db["sentences"].get(denmark["sentence_id"])["text"].strip() == denmark["evidence"]
    assert tracker_db["ratifications"].get(denmark["ratification_id"])["country_id"] == "country:DK"


def test_the_latest_report_wins_and_undated_come_last(tracker_db):
    rows = tracker(tracker_db, "candidate = 'Suède'")
    hungary = next(r for r in rows if r["country"] == "Hongrie")
    # pending in January 2023, ratified in February 2024
    assert (hungary["status"], hungary["reported"], hungary["n_reports"]) == ("ratified", "2024-02-26", 2)
    reported = [r["reported"] for r in rows]
    assert reported[-1] is None and None not in reported[:-1]
    assert reported[:-1] == sorted(reported[:-1], reverse=True)


def test_a_report_without_its_own_date_takes_the_publication_date(tracker_db):
    turkey = tracker(tracker_db, "candidate = 'Finlande' and country = 'Turquie'")[0]
    assert (turkey["status"], turkey["reported"], turkey["reported_precision"], turkey["reported_from"]) == \
        ("pending", "2023-02-01", "day", "published")


def test_aggregate_names_the_states_its_article_says_have_not_ratified(tracker_db):
    aggregate = tracker(tracker_db, "candidate = 'Suède' and country is null")[0]
    assert (aggregate["n_countries"], aggregate["n_members"]) == (28, 30)
    assert (aggregate["left_out"], aggregate["left_out_en"]) == ("Hongrie, Turquie", "Hungary, Turkey")
    assert aggregate["evidence"].startswith("Vingt-huit des trente membres")


def test_aggregate_names_the_states_earlier_reports_gave_as_not_ratified(tracker_db):
    earlier = tracker_db["ratifications"].get("t-allies-k0")
    assert (earlier["n_countries"], earlier["left_out"]) == (28, "Hongrie, Turquie")


def test_aggregate_names_the_states_its_own_sentence_excepts(tracker_db):
    excepting = tracker_db["ratifications"].get("t-exception-k0")
    assert (excepting["n_countries"], excepting["left_out"], excepting["left_out_en"]) == \
        (28, "Hongrie, Turquie", "Hungary, Turkey")


@pytest.mark.parametrize("text, codes", [
    ("Vingt-huit des trente membres, tous sauf la Hongrie et la Turquie, ont ratifié.", ["HU", "TR"]),
    ("Tous les alliés ont donné leur accord, hormis Ankara.", ["TR"]),
    ("Tous les alliés ont ratifié, mis à part la Hongrie - qui tarde - et personne d'autre.", ["HU"]),
    ("La Suède a ratifié l'adhésion de la Finlande sans attendre.", []),
])
def test_exceptions_in_a_sentence(text, codes):
    from extract.ratifications import exceptions_in

    assert exceptions_in(text) == codes


def test_aggregate_left_out_is_null_when_the_text_does_not_say(tracker_db):
    # 29 of 30 after reports of two states pending: which one is left is not said.
    latest = tracker(tracker_db, "candidate = 'Finlande' and country is null")[0]
    assert (latest["n_countries"], latest["left_out"], latest["left_out_en"]) == (29, None, None)


@pytest.fixture(scope="module")
def datasette(tracker_path):
    """The site with the project's table metadata (facets, column docs); the
    canned queries are left out so that /nato/ratification_tracker is the view."""
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    metadata["databases"]["nato"].pop("queries", None)
    return Datasette([], immutables=[str(tracker_path)],
                     metadata=metadata, plugins_dir=str(ROOT / "plugins"), template_dir=str(ROOT / "templates"))


async def test_candidate_filter_in_english_and_french(datasette):
    english = await datasette.client.get("/nato/ratification_tracker.json?_shape=objects&candidate_en=Sweden")
    french = await datasette.client.get("/nato/ratification_tracker.json?_shape=objects&candidate=Su%C3%A8de")
    assert english.status_code == french.status_code == 200
    assert english.json()["rows"] and english.json()["rows"] == french.json()["rows"]
    assert {r["country_en"] for r in english.json()["rows"]} >= {"Denmark", "Hungary", "Turkey", None}


async def test_tracker_page_has_candidate_and_status_facets(datasette):
    response = await datasette.client.get("/nato/ratification_tracker.json?_shape=objects")
    facets = response.json()["facet_results"]
    assert {"candidate", "candidate_en", "status"} <= set(facets)
    assert {f["value"] for f in facets["candidate_en"]["results"]} == {"Sweden", "Finland"}
    page = await datasette.client.get("/nato/ratification_tracker")
    assert page.status_code == 200 and "The whole sentence" in page.text
