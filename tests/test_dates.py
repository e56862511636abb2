"""French date expressions at the precision the text gives."""
import datetime as dt

import pytest

from extract.dates import find_dates, infer_publication_date, resolve_date

ANCHOR = dt.date(2023, 4, 20)


@pytest.mark.parametrize("expr, value, extra", [
    ("jeudi 20 avril", "2023-04-20", None),
    ("le 24 mars 2022", "2022-03-24", None),
    ("en juillet", "2023-07", None),
    ("en 2008", "2008", None),
    ("début février", "2023-02", "début"),
    ("les 29 et 30 juin", "2023-06-29", "2023-06-30"),
    ("à la fin du mois", "2023-04", "fin"),
    ("l'année dernière", "2022", None),
    ("en février dernier", "2023-02", None),
    ("en septembre de l'année dernière", "2022-09", None),
    ("plus tôt ce mois-ci", "2023-04", None),
    ("mardi", "2023-04-18", None),
    ("le 31 mai", "2023-05-31", None),
    ("1er mars", "2023-03-01", None),
])
def test_expressions(expr, value, extra):
    date = resolve_date(expr, ANCHOR)
    assert date.value == value
    if extra:
        assert extra in (date.end, date.qualifier)


def test_without_anchor_nothing_is_guessed():
    for expr in ["le 24 mars", "mardi", "en juillet", "à la fin du mois"]:
        date = resolve_date(expr)
        assert date.value is None and date.expr


def test_future_weekday():
    assert resolve_date("lundi", ANCHOR, tense="future").value == "2023-04-24"


def test_no_month_in_other_words():
    assert find_dates("les Vingt-sept se réunissent") == []


def test_publication_from_weekday_and_era():
    body = "Il est arrivé à Kiev jeudi 20 avril, plus d'un an après l'invasion russe de l'Ukraine."
    publication = infer_publication_date(body, today=dt.date(2026, 1, 1))
    assert (publication.value, publication.method) == ("2023-04-20", "weekday")


def test_publication_ambiguous_is_null():
    # 20 April is a Thursday in 2017 and 2023: nothing in the text decides.
    publication = infer_publication_date("Il est arrivé jeudi 20 avril.", today=dt.date(2026, 1, 1))
    assert publication.value is None and publication.expr == "jeudi 20 avril"


def test_publication_from_metadata():
    assert infer_publication_date("texte", metadata_date="2019-05-02").value == "2019-05-02"
