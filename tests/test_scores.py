"""Extraction quality on the seed gold, held above the issues' floors."""
import importlib.util

import pytest

from conftest import GOLD, ROOT

spec = importlib.util.spec_from_file_location("score", ROOT / "tests" / "score.py")
score_module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score_module)


@pytest.fixture(scope="module")
def scores(seeds_db):
    return score_module.score(seeds_db, GOLD)


def test_statements_floor(scores):
    assert scores["statements"]["f1"] >= 0.85
    assert scores["speaker_accuracy"] >= 0.90


def test_meetings_floor(scores):
    assert scores["meetings"]["f1"] >= 0.80
    assert scores["meeting_date_accuracy"] >= 0.90


def test_ratifications_floor(scores):
    assert scores["ratifications"]["f1"] >= 0.85


def test_publication_dates(db):
    published = {row["id"]: row["published"] for row in db["articles"].rows}
    assert published["001_0f8f28e42abcf623"] == "2023-04-20"
    assert published["002_b49791af9cf27b78"] == "2022-03-15"
    assert published["003_d4f12d43ae6bda2c"] is None
    # Never a guess: the others give no day with a weekday and a year.
    assert published["000_b28628208bb91c13"] is None
    assert published["004_5ac1d26b43ec9e3d"] is None


def test_every_meeting_place_is_geocoded(db):
    rows = list(db.query("select p.name, p.latitude, p.longitude from meetings m join places p on p.id = m.place_id"))
    assert rows
    for row in rows:
        assert row["latitude"] is not None and row["longitude"] is not None, row["name"]


def test_titles(db):
    titles = {row["id"]: row["title"] for row in db["articles"].rows}
    assert titles["000_b28628208bb91c13"] is None
    assert titles["001_0f8f28e42abcf623"].startswith("Le chef de l'OTAN Stoltenberg effectue")
    assert titles["002_b49791af9cf27b78"].startswith("L'OTAN confirme la tenue")
    assert titles["003_d4f12d43ae6bda2c"] == "L'OTAN s'implique de plus en plus dans la situation en Ukraine"
