"""The phrasing suite (tests/phrasings/*.yml): sentences the team wrote for
every way French news reports a statement, a meeting, a date or a
ratification step. At least 95% of the expected facts are found, and the
negative cases (scare quotes, titles, idioms) give no fact at all."""
import pytest

from phrasings.check import KINDS, load_cases, run


@pytest.fixture(scope="module")
def result(nlp):
    from extract.pipeline import extract_article, prepare
    from extract.reader import RawArticle

    def analyse(text, date=None, url=None):
        raw = RawArticle(id="t", file="t.txt", text=text, date=date, url=url)
        clean = prepare(raw)
        return extract_article(raw, clean, nlp(clean.body))

    return run(analyse, load_cases())


def test_the_suite_is_large_enough():
    cases = load_cases()
    assert len(cases) >= 150
    for kind in KINDS:
        assert sum(1 for c in cases if kind in (c.get("expect") or {})) >= 25


@pytest.mark.parametrize("kind", KINDS)
def test_expected_facts_are_found(result, kind):
    misses = [m for m in result.misses if f" {kind}:" in m and " MISS " in m]
    assert result.recall(kind) >= 0.95, "\n".join(misses)


@pytest.mark.parametrize("kind", KINDS)
def test_negative_cases_give_no_fact(result, kind):
    assert result.false[kind] == 0, "\n".join(m for m in result.misses if " FALSE " in m and f" {kind}:" in m)
