"""Every canned query and facet reads through an index, as it must at a million statements.

On the five seed articles any plan is fast; at a million statements
(bench/site_scale.py) a full scan of statements is a second. The seeds
database is planned here as a large one: without its statistics
(sqlite_stat1) SQLite assumes every table is large, which gives the plans
the benchmark database gets. Each query's plan must read the indexes named
below, and no large table whole.
"""
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
QUERIES = METADATA["databases"]["nato"]["queries"]
TABLES = METADATA["databases"]["nato"]["tables"]

# Tables that grow with the corpus (a row or more per statement or sentence):
# never read whole.
LARGE = {"articles", "sentences", "statements", "mentions", "roles", "place_mentions", "quotations"}

# The index steps each query's plan must have: the rows it shows, found in the order it shows them.
EXPECTED = {
    "person_statements": ["SEARCH s USING COVERING INDEX idx_statements_speaker_id_article_id_start (speaker_id=?)",
                          "SEARCH a USING COVERING INDEX idx_articles_id_published (id=?)",
                          "SEARCH s USING INTEGER PRIMARY KEY (rowid=?)"],
    "person_profile": ["SEARCH r USING INDEX idx_roles_person_id (person_id=?)",
                       "SEARCH s USING INDEX idx_statements_speaker_id (speaker_id=?)",
                       "SEARCH mp USING INDEX idx_meeting_participants_person_id (person_id=?)"],
    "search_statements": [
        # Words: the full-text index, then only the best 200 (and ties) are read.
        "SCAN statements_fts VIRTUAL TABLE INDEX 0:M2",
        # Words and a person: the person's statements from an index.
        "SEARCH statements USING COVERING INDEX idx_statements_speaker_id (speaker_id=?)",
        # Neither: the articles latest first, and their statements.
        "SCAN a USING COVERING INDEX idx_articles_published_desc_id",
        "SEARCH s USING INDEX idx_statements_article_id (article_id=?)",
        # A person: the person's statements in date order from two indexes.
        "SEARCH s USING COVERING INDEX idx_statements_speaker_id_article_id_start (speaker_id=?)"],
    "meetings_by_date": ["SCAN m USING INDEX idx_meetings_date_start_is_null_date_start_article_id"],
    "timeline": ["SEARCH m USING INDEX idx_meetings_date_start (date_start>?)",
                 "SEARCH a USING INDEX idx_articles_published (published>?)",
                 "SEARCH s USING INDEX idx_statements_article_id (article_id=?)"],
    "ratifications_for_candidate": [],
    "most_reported_quotations": [
        "SCAN q USING INDEX idx_quotations_n_articles_desc_n_statements_desc_first_reported_is_null_first_reported"],
    "person_quotations": [
        "SEARCH quotations USING COVERING INDEX "
        "idx_quotations_speaker_id_n_articles_desc_first_reported_is_null_first_reported (speaker_id=?)"],
    "most_quoted": ["SCAN people"],
    "anonymous_sources": ["SEARCH s USING INDEX idx_statements_speaker_kind_article_id_start (speaker_kind=?)"],
    "statements_per_month": ["SEARCH articles USING COVERING INDEX idx_articles_published_n_statements (published>?)"],
    "statements_per_person": [
        "SEARCH s USING COVERING INDEX idx_statements_speaker_id_article_id_start (speaker_id=?)",
        "SEARCH a USING COVERING INDEX idx_articles_id_published (id=? AND published>?)"],
}
# Queries whose rows come in index order: sorting them would read every row first.
NO_SORT = {"meetings_by_date", "timeline", "most_reported_quotations", "anonymous_sources"}


@pytest.fixture(scope="module")
def planner(seeds_db, tmp_path_factory):
    """The seeds database without statistics: planned as a large one."""
    import sys

    sys.path.insert(0, str(ROOT / "plugins"))
    from search_text import bare_name, escape_fts, fold

    path = tmp_path_factory.mktemp("plans") / "nato.db"
    shutil.copy(seeds_db, path)
    with sqlite3.connect(path) as conn:
        conn.execute("drop table if exists sqlite_stat1")
    conn.close()
    conn = sqlite3.connect(path)  # statistics are read when a connection opens
    for name, function in [("fold", fold), ("bare_name", bare_name), ("escape_fts", escape_fts)]:
        conn.create_function(name, 1, function, deterministic=True)
    yield conn
    conn.close()


def plan(conn, sql, params=None) -> list:
    return [row[3] for row in conn.execute("explain query plan " + sql, params or {})]


def aliases(sql: str) -> dict:
    """alias -> table for every large table the SQL names ("from statements s", "join articles a")."""
    found = {}
    for table, alias in re.findall(r"\b(?:from|join)\s+(\w+)(?:\s+(?:as\s+)?(\w+))?", sql, re.IGNORECASE):
        if table in LARGE:
            found[table] = table
            if alias and alias.lower() not in {"on", "where", "join", "left", "cross", "indexed", "order", "group"}:
                found[alias] = table
    return found


def whole_reads(steps: list, names: dict) -> list:
    """The plan's steps that read a large table whole: a scan without an index."""
    return [step for step in steps if (m := re.match(r"SCAN (\w+)$", step)) and m.group(1) in names]


def test_every_canned_query_has_its_expected_plan():
    assert set(EXPECTED) == set(QUERIES), "a canned query without the plan it must have (tests/test_indexes.py)"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_canned_query_reads_through_indexes(planner, name):
    sql = QUERIES[name]["sql"]
    params = {p: "Stoltenberg" for p in re.findall(r":(\w+)", sql)}
    steps = plan(planner, sql, params)
    assert whole_reads(steps, aliases(sql)) == [], steps
    for step in EXPECTED[name]:
        assert step in steps, f"{name}: {step!r} not in {steps}"
    if name in NO_SORT:
        assert "USE TEMP B-TREE FOR ORDER BY" not in steps, steps


def facets():
    for table, config in TABLES.items():
        for column in config.get("facets") or []:
            yield table, column


@pytest.mark.parametrize("table,column", list(facets()))
def test_facet_counts_from_an_index(planner, table, column):
    """Datasette's facet query on a table's default page reads one index, not the rows."""
    sql = (f"select [{column}] as value, count(*) as count from (select * from [{table}]) "
           f"where [{column}] is not null group by [{column}] order by count desc, value limit 31")
    steps = plan(planner, sql)
    source = {"statements_with_speakers": "statements"}.get(table, table)
    if source not in LARGE:
        # Meetings, places, ratifications and the views over them: a row per
        # meeting or reported step, 25 times fewer than statements or fewer.
        return
    reads = [step for step in steps if re.match(r"(SCAN|SEARCH) ", step)]
    assert reads and all("COVERING INDEX" in step for step in reads), steps
