"""The three questions the site is for, each answered in at most three clicks
from the home page, in a real browser (Chromium driven by Playwright, as
tests/test_browser.py). Screenshots go to tests/artifacts/."""
import pytest

from test_browser import CHROMIUM, browser, page, shot, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(),
                                reason="Chromium is not installed (make chromium)")


def click(page, locator):
    locator.first.click()
    page.wait_for_load_state()


def column(page, name):
    """The texts of one column of the results table."""
    return page.locator(f"table.rows-and-columns td.col-{name}").all_inner_texts()


def test_what_a_named_person_said_about_a_keyword(page, site):
    page.goto(site + "/")
    click(page, page.get_by_role("link", name="What did someone say about a keyword?"))      # 1
    page.locator("input[name=person]").fill("stoltenberg")
    page.locator("input[name=keyword]").fill("l'OTAN")
    click(page, page.locator("input[type=submit], button[type=submit]"))                      # 2
    assert column(page, "speaker") and set(column(page, "speaker")) == {"Jens Stoltenberg"}
    click(page, page.locator("table.rows-and-columns td.col-statement_id a"))                 # 3
    assert page.locator(".source-sentence mark").count() == 1
    shot(page, "task-person-keyword")


def test_which_countries_ratified_a_candidate_when_and_on_what_evidence(page, site):
    page.goto(site + "/")
    click(page, page.get_by_role("link", name="Which countries ratified"))                  # 1
    click(page, page.locator(".facet-info[data-column=candidate_en] a", has_text="Sweden"))  # 2
    assert set(column(page, "candidate_en")) == {"Sweden"}
    countries, evidence = column(page, "country"), column(page, "evidence")
    assert "Hongrie" in countries and "Turquie" in countries
    assert all(len(sentence.split()) > 5 for sentence in evidence)  # whole sentences, not fragments
    assert column(page, "reported") and column(page, "status")
    shot(page, "task-tracker")


def test_which_meetings_took_place_in_a_city_with_whom(page, site):
    page.goto(site + "/")
    click(page, page.get_by_role("link", name="Which meetings took place in a city"))        # 1
    click(page, page.locator(".facet-info[data-column=place] a", has_text="Madrid"))          # 2
    assert set(column(page, "place")) == {"Madrid"}
    people, countries = " ".join(column(page, "participants")), " ".join(column(page, "countries"))
    assert "Jens Stoltenberg" in people and "Pologne" in countries
    shot(page, "task-meetings-in-a-city")
