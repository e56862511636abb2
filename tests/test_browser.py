"""The published site in a real browser: Debian's Chromium driven by Playwright.

Screenshots of every page go to tests/artifacts/.
"""
import csv
import io
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from serve import serve

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
QUERIES = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))["databases"]["nato"]["queries"]
PARAMETERS = {"name": "Stoltenberg", "keyword": "sommet", "candidate": "Suède"}

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed (make chromium)")


@pytest.fixture(scope="module")
def site(seeds_db):
    with serve(seeds_db) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_home_page(page, site):
    page.goto(site + "/")
    assert "nato-press-db" in page.title() or page.locator("h1").first.inner_text()
    assert page.locator("text=statements").first.is_visible()
    shot(page, "home")


def test_click_a_statement_facet(page, site):
    page.goto(site + "/nato/statements?_facet=kind")
    page.locator(".facet-info a", has_text="direct").first.click()
    page.wait_for_load_state()
    assert "kind=direct" in page.url
    kinds = page.locator("td.col-kind").all_inner_texts()
    assert kinds and set(kinds) == {"direct"}
    shot(page, "statements-facet")


@pytest.mark.parametrize("query", ["person_statements", "person_profile", "search_statements",
                                   "ratifications_for_candidate", "meetings_by_date", "timeline",
                                   "most_quoted", "anonymous_sources"])
def test_canned_query_from_its_form(page, site, query):
    page.goto(f"{site}/nato/{query}")
    for name, value in PARAMETERS.items():
        field = page.locator(f"input[name='{name}']")
        if field.count():
            field.fill(value)
    page.locator("input[type=submit], button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator("table.rows-and-columns tbody tr").count() > 0, query
    shot(page, f"query-{query}")


def test_search_all_tables(page, site):
    page.goto(site + "/-/search?q=Stoltenberg")
    page.wait_for_selector("table, .search-results, h2", timeout=15000)
    page.wait_for_timeout(1500)
    assert "Stoltenberg" in page.content()
    shot(page, "search-all")


def test_map_shows_every_geocoded_meeting(page, site, db):
    expected = db.execute("select count(*) from events where latitude is not null").fetchone()[0]
    page.goto(site + "/nato/events?_size=max")
    page.wait_for_selector(".leaflet-container", timeout=20000)
    page.wait_for_timeout(2000)
    single = page.locator(".leaflet-marker-icon:not(.marker-cluster)").count()
    clustered = sum(int(t) for t in page.locator(".marker-cluster span").all_inner_texts() if t.strip().isdigit())
    assert single + clustered == expected
    shot(page, "map")


def test_statement_row_shows_its_sentence(page, site, db):
    statement = next(db["statements"].rows_where("kind = 'direct'", limit=1))
    page.goto(f"{site}/nato/statements/{statement['id']}")
    assert page.locator(".source-sentence mark").inner_text().strip() == statement["quote"]
    page.locator(".source-sentence a.article-link").click()
    page.wait_for_load_state()
    assert f"/nato/articles/{statement['article_id']}" in page.url
    shot(page, "statement-row")


def test_download_csv_and_read_it_back(page, site, db):
    page.goto(site + "/nato/statements")
    page.locator("#export input[name=_dl]").check()
    with page.expect_download() as download:
        page.locator("#export input[type=submit]").click()
    path = download.value.path()
    rows = list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8"))))
    assert len(rows) == db["statements"].count
    assert {"quote", "kind", "speaker_id", "speaker_id_label"} <= set(rows[0])
    assert any(row["speaker_id_label"] == "Jens Stoltenberg" for row in rows)


def test_chart_of_statements_per_month(page, site):
    """datasette-vega charts a query: statements per month as bars."""
    page.goto(site + "/nato/statements_per_month")
    page.locator("button", has_text="Show charting options").click()
    page.get_by_label("Bar").check()
    page.wait_for_selector("canvas, svg.marks", state="attached", timeout=15000)
    page.wait_for_timeout(500)
    shot(page, "chart-statements-per-month")
