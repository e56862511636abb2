"""The pages people read, in a real browser (Debian's Chromium driven by Playwright,
as tests/test_browser.py): a statement followed from the home page to its
sentence highlighted in its article, and table pages without rows that raise
no JavaScript error. Screenshots go to tests/artifacts/."""
import pytest

from test_browser import CHROMIUM, QUERIES, browser, page, shot, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(),
                                reason="Chromium is not installed (make chromium)")
HIGHLIGHT = "rgb(255, 233, 122)"  # .sentence:target in templates/row-nato-articles.html


def errors_of(page):
    """JavaScript errors of the page; a resource the sandbox cannot fetch (map tiles) is not one."""
    found = []
    page.on("pageerror", lambda error: found.append(str(error)))
    page.on("console", lambda message: found.append(message.text)
            if message.type == "error" and "Failed to load resource" not in message.text else None)
    return found


def test_follow_a_statement_from_home_to_its_highlighted_sentence(page, site, db):
    page.goto(site + "/")
    shot(page, "pages-home")
    page.locator("a[href='/nato/statements']").first.click()
    page.wait_for_load_state()
    page.locator("td.col-id a").first.click()
    page.wait_for_load_state()
    statement = db["statements"].get(page.url.rsplit("/", 1)[1])
    sentence = db["sentences"].get(statement["sentence_id"])
    assert page.locator(".source-sentence mark").inner_text().strip() == statement["quote"].strip()
    shot(page, "pages-statement")

    page.locator(".source-sentence a.article-link").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/nato/articles/{statement['article_id']}#s{sentence['idx']}")
    target = page.locator(".article-body .sentence:target")
    assert target.count() == 1 and target.get_attribute("id") == f"s{sentence['idx']}"
    assert target.is_visible() and target.evaluate("e => getComputedStyle(e).backgroundColor") == HIGHLIGHT
    # Scrolled to: the sentence is on screen.
    box, height = target.bounding_box(), page.viewport_size["height"]
    assert 0 <= box["y"] < height
    assert statement["quote"].split()[0] in target.inner_text()
    shot(page, "pages-article-sentence")


def test_article_page_reads_full_width_with_raw_text_folded(page, site, db):
    article = db.execute("select article_id from statements group by article_id order by count(*) desc").fetchone()[0]
    page.goto(f"{site}/nato/articles/{article}")
    body = page.locator("article.article-body")
    assert body.bounding_box()["width"] > 600
    assert body.locator("p").count() > 3
    assert not page.locator("details.raw-text pre").is_visible()
    assert page.locator(".article-facts li.fact").count() > 0
    assert body.bounding_box()["y"] < page.locator("details.raw-text").bounding_box()["y"]
    shot(page, "pages-article")


@pytest.mark.parametrize("path", ["/nato/skipped", "/nato/statements?kind=none", "/nato/events?kind=none",
                                  "/nato/places?kind=none", "/nato/meeting_timeline?kind=none"])
def test_a_table_page_without_rows_raises_no_javascript_error(page, site, path):
    errors = errors_of(page)
    page.goto(site + path)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert page.locator("text=0 rows").count() or page.locator(".zero-results").count()
    assert errors == []


def test_a_table_page_with_rows_keeps_its_map_and_chart(page, site):
    errors = errors_of(page)
    page.goto(site + "/nato/events")
    page.wait_for_selector(".leaflet-container", timeout=20000)
    assert page.locator("text=Show charting options").count()
    assert errors == []


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_form_takes_any_text_without_an_error(page, site, name):
    """Empty, matching nothing, or typed as French is typed: never a 4xx/5xx, never a JavaScript error."""
    import re
    from urllib.parse import urlencode

    fields = sorted(set(re.findall(r"(?<!:):(\w+)", QUERIES[name]["sql"])))
    errors = errors_of(page)
    for value in ("", "zzqqxw", "l'OTAN", 'OTAN-Russie "'):
        response = page.goto(f"{site}/nato/{name}?" + urlencode({field: value for field in fields}))
        page.wait_for_load_state("networkidle")
        assert response.status < 400, (name, value, response.status)
    assert errors == []
