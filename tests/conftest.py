"""Shared fixtures: the real seeds, the real model, one build per session."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="session")
def nlp():
    from extract.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory):
    """nato.db built from seeds/ once for the whole test session."""
    from extract.build import build

    path = tmp_path_factory.mktemp("build") / "nato.db"
    summary = build([str(SEEDS)], path, progress=False)
    assert summary["skipped"] == []
    return path


@pytest.fixture(scope="session")
def db(seeds_db):
    import sqlite_utils

    return sqlite_utils.Database(seeds_db)


@pytest.fixture
def analyse(nlp):
    """Run the whole extraction on a French text; returns the rows by table."""
    from extract.pipeline import extract_article, prepare
    from extract.reader import RawArticle

    def run(text, date=None):
        raw = RawArticle(id="t", file="t.txt", text=text, date=date)
        clean = prepare(raw)
        return extract_article(raw, clean, nlp(clean.body))

    return run
