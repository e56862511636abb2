"""Hostile input, killed builds, concurrent builds, and web safety."""
import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from extract.build import BuildLocked, build, exclusive
from conftest import ROOT, SEEDS
from extract.clean import clean_article
from extract.dates import find_dates, infer_publication_date
from extract.reader import read_inputs

# Arbitrary Unicode mixed with the pieces the rules look for: lone and
# unbalanced quotation marks, control characters, right-to-left text.
PIECES = st.one_of(
    st.characters(),
    st.sampled_from(list("«»“”\"'’ \n.,:;!?-–—\u00a0\u202e\u200f\x00\x07")),
    st.sampled_from(["M.", "a déclaré", "selon", "le 24 mars", "jeudi 20 avril", "OTAN", "Stoltenberg",
                     "« ", " »", "a-t-il ajouté", "sommet de Vilnius", "ont ratifié l'adhésion de la Suède",
                     "\n\n", "Lire aussi :", "مرحبا", "Jens Stoltenberg", "à Bruxelles", "qu'il"]))
HOSTILE = st.lists(PIECES, max_size=120).map("".join)


@settings(max_examples=200, deadline=None)
@given(HOSTILE)
def test_cleaner_never_fails(text):
    clean = clean_article(text)
    assert "\x00" not in clean.body
    assert clean.body == clean.body.strip() or not clean.body


@settings(max_examples=300, deadline=None)
@given(HOSTILE, st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_dates_are_valid_iso(text, anchor):
    for date in find_dates(text, anchor):
        assert 0 <= date.start < date.stop <= len(text)
        if date.value:
            parts = date.value.split("-")
            assert len(parts) in (1, 2, 3)
            dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    publication = infer_publication_date(text)
    if publication.value:
        dt.date.fromisoformat(publication.value)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(HOSTILE)
def test_extractors_never_fail_and_offsets_stay_in_the_body(analyse, text):
    rows = analyse(text)
    body = rows["articles"][0]["body"]
    for table in ("sentences", "mentions", "statements", "meetings", "ratifications", "place_mentions"):
        for row in rows[table]:
            assert 0 <= row["start"] <= row["end"] <= len(body), table


def test_long_line_and_right_to_left_text(analyse):
    text = ("« Nous restons unis », a déclaré Jens Stoltenberg. " * 2000) + "\u202eمرحبا\u202c" + "x" * 200_000
    rows = analyse(text)
    assert len(rows["statements"]) >= 1000


def test_oversized_and_nested_html_are_skipped_or_read(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("a" * 2000)
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 50_000 + "Texte" + "</div>" * 50_000 + "</body></html>")
    items = list(read_inputs([tmp_path], max_bytes=1000))
    reasons = {os.path.basename(getattr(i, "path", getattr(i, "file", ""))): getattr(i, "reason", "read") for i in items}
    assert "too large" in reasons["big.txt"]
    assert "deep.html" in reasons


def test_concurrent_build_is_refused(tmp_path):
    output = tmp_path / "nato.db"
    with exclusive(output):
        with pytest.raises(BuildLocked, match="another build"):
            build([SEEDS], output)


def test_killed_build_leaves_previous_database(tmp_path):
    """SIGKILL at a random point of a build: the old database is byte-identical,
    and the next build completes."""
    output = tmp_path / "nato.db"
    build([next(SEEDS.glob("004_*.txt"))], output)
    before = output.read_bytes()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen([sys.executable, str(ROOT / "build_db.py"), str(SEEDS), "-o", str(output),
                                "--force", "-q"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(random.uniform(2.0, 6.0))
    process.send_signal(signal.SIGKILL)
    process.wait()
    if process.returncode == -signal.SIGKILL:
        assert output.read_bytes() == before
    summary = build([SEEDS], output)
    assert summary["articles"] == 5
    assert not list(tmp_path.glob("*.tmp"))


def test_html_in_articles_is_escaped_and_writes_are_refused(tmp_path):
    import httpx

    from serve import serve

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil.txt").write_text(
        "Accueil > Monde\n\n<script>alert('titre')</script>\n\n"
        "« <script>alert(1)</script> <img src=x onerror=alert(2)> », a déclaré Jens Stoltenberg.",
        encoding="utf-8")
    output = tmp_path / "nato.db"
    build([folder], output)
    with serve(output, sql_time_limit_ms=200) as base:
        for path in ("/nato/statements", "/nato/articles", "/nato/articles/evil", "/nato/sentences",
                     "/nato/statements?_search=alert"):
            response = httpx.get(base + path)
            assert response.status_code == 200, path
            assert "<script>alert(1)</script>" not in response.text
            assert "<script>alert('titre')</script>" not in response.text
            assert "onerror=alert(2)>" not in response.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in httpx.get(base + "/nato/statements").text
        response = httpx.get(base + "/nato.json", params={"sql": "delete from articles"})
        assert response.status_code == 400
        response = httpx.post(base + "/nato/articles/-/insert", json={"row": {"id": "x"}})
        assert response.status_code >= 400
        assert httpx.get(base + "/nato/articles.json?_shape=array").json()[0]["id"] == "evil"
        assert len(httpx.get(base + "/nato/articles.json?_shape=array").json()) == 1
        slow = ("with recursive n(i) as (select 1 union all select i + 1 from n where i < 100000000) "
                "select count(*) from n")
        response = httpx.get(base + "/nato.json", params={"sql": slow})
        assert response.status_code == 400 and "too long" in response.text.lower()
        assert httpx.get(base + "/robots.txt").text.strip().endswith("Disallow: /")


def test_load_script_answers_every_request(seeds_db):
    """bench/load.py against the seeds: a short run of the same script."""
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "load.py"), str(seeds_db),
                             "--clients", "10", "--seconds", "3"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert '"errors": 0' in result.stdout
