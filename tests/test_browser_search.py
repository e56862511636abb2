"""A reader who knows no SQL searches the statements in a real browser (Chromium driven by Playwright).

From the home page to "Who said what about a keyword", with an empty form,
then real French input, then a result's statement page: no answer of 400 or
more, no JavaScript error. Screenshots go to tests/artifacts/.
"""
import pytest

from test_browser import CHROMIUM, QUERIES, browser, shot, site  # noqa: F401 (fixtures)

SEARCH_TITLE = QUERIES["search_statements"]["title"]

pytestmark = pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(),
                                reason="Chromium is not installed (make chromium)")


class Watched:
    """A page with every failed answer and JavaScript error it met."""

    def __init__(self, page):
        self.page = page
        self.failures = []
        page.on("response", lambda r: r.status >= 400 and self.failures.append(f"{r.status} {r.url}"))
        page.on("console", lambda m: m.type == "error" and self.failures.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.failures.append(f"page error: {e}"))


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Watched(context.new_page())
    context.close()


def result_rows(page):
    return page.locator("table.rows-and-columns tbody tr")


def search(page, keyword):
    page.locator("input[name=keyword]").fill(keyword)
    page.locator("input[type=submit], button[type=submit]").first.click()
    page.wait_for_load_state()


def open_search_from_home(page, site):
    page.goto(site + "/")
    page.locator("a[href='/nato']").first.click()
    page.wait_for_load_state()
    page.get_by_role("link", name=SEARCH_TITLE).click()
    page.wait_for_load_state()


def test_search_from_the_home_page_to_a_statement(watched, site):
    page = watched.page
    open_search_from_home(page, site)
    # The empty form: the latest statements, not an error.
    assert page.url.endswith("/nato/search_statements")
    assert page.title().startswith(SEARCH_TITLE)
    assert page.locator(".message-error").count() == 0
    assert result_rows(page).count() > 0
    shot(page, "search-empty-form")

    for keyword, name in [("l'OTAN", "search-l-otan"), ("OTAN-Russie", "search-otan-russie"), ('"', "search-quote")]:
        search(page, keyword)
        assert page.locator(".message-error").count() == 0, keyword
        assert page.locator("input[name=keyword]").input_value() == keyword
        assert result_rows(page).count() > 0, keyword
        shot(page, name)

    search(page, "OTAN-Russie")
    assert "OTAN-Russie" in result_rows(page).first.locator("td.col-quote").inner_text()
    statement_id = result_rows(page).first.locator("td.col-statement_id a").inner_text()
    result_rows(page).first.locator("td.col-statement_id a").click()
    page.wait_for_load_state()
    assert "/nato/statements/" in page.url
    assert page.locator(".source-sentence mark").count() == 1
    assert statement_id in page.content()
    shot(page, "search-statement-page")
    assert watched.failures == []


def test_what_a_person_said_about_a_keyword(watched, site):
    page = watched.page
    page.goto(site + "/nato/search_statements")
    page.locator("input[name=person]").fill("stoltenberg")
    search(page, "l'OTAN")
    speakers = set(page.locator("td.col-speaker").all_inner_texts())
    assert speakers == {"Jens Stoltenberg"}
    shot(page, "search-person-keyword")
    assert watched.failures == []
