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


def test_publication_year_never_from_world_events():
    # The weekday/day pair alone decides: the most recent year (not after
    # today) in which 20 April is a Thursday; the events named change nothing.
    for body in ["Il est arrivé jeudi 20 avril.",
                 "Il est arrivé jeudi 20 avril, après l'annexion de la Crimée."]:
        publication = infer_publication_date(body, today=dt.date(2026, 1, 1))
        assert (publication.value, publication.method) == ("2023-04-20", "weekday")
    assert infer_publication_date("Il est arrivé jeudi 20 avril.", today=dt.date(2022, 1, 1)).value == "2017-04-20"


def test_publication_undetermined_is_null():
    # No year fits the pair, or nothing gives a weekday: NULL, expression kept.
    publication = infer_publication_date("Il est arrivé jeudi 31 avril.", today=dt.date(2026, 1, 1))
    assert publication.value is None and publication.expr == "jeudi 31 avril"
    publication = infer_publication_date("Le sommet a eu lieu.", dateline_date="15 Mar.", today=dt.date(2026, 1, 1))
    assert publication.value is None and publication.expr == "15 Mar."
    assert infer_publication_date("Il est arrivé le 20 avril.").value is None


@pytest.mark.parametrize("url, value", [
    ("https://www.example.fr/monde/2022/04/07/otan.html", "2022-04-07"),
    ("https://www.example.fr/international/2023-07-12/sommet-otan", "2023-07-12"),
    ("https://www.example.fr/actu/otan-vilnius-20230711.html", "2023-07-11"),
])
def test_publication_from_url(url, value):
    publication = infer_publication_date("Le sommet s'est ouvert mardi.", url=url)
    assert (publication.value, publication.method) == (value, "url")


def test_publication_metadata_before_url():
    publication = infer_publication_date("texte", metadata_date="2019-05-02", url="https://x.fr/2022/04/07/a.html")
    assert (publication.value, publication.method) == ("2019-05-02", "metadata")


@pytest.mark.parametrize("expr, tense, value", [
    ("la semaine dernière", None, "2023-04"),
    ("la semaine prochaine", "future", "2023-04"),
    ("le 4", "past", "2023-04-04"),
    ("le 4", "future", "2023-05-04"),
    ("hier", None, "2023-04-19"),
    ("vendredi", "present", "2023-04-21"),
    ("mardi", "present", "2023-04-18"),
    ("depuis lundi", "present", "2023-04-17"),
])
def test_relative_expressions(expr, tense, value):
    assert resolve_date(expr, ANCHOR, tense).value == value


def test_not_a_day_of_the_month():
    assert [d.expr for d in find_dates("le 31e membre et le 4 sur 10", ANCHOR)] == []


def test_publication_from_metadata():
    assert infer_publication_date("texte", metadata_date="2019-05-02").value == "2019-05-02"


def test_last_and_next_weekday_are_never_today():
    # ANCHOR is a Thursday: "jeudi dernier" is a week before, "jeudi prochain" a week after.
    assert resolve_date("jeudi dernier", ANCHOR).value == "2023-04-13"
    assert resolve_date("jeudi prochain", ANCHOR).value == "2023-04-27"


def test_month_and_day_without_year_follow_the_tense():
    november = dt.date(2023, 11, 10)
    assert resolve_date("en février", november, "future").value == "2024-02"
    assert resolve_date("le 20 décembre", dt.date(2024, 1, 5), "past").value == "2023-12-20"
    assert resolve_date("en février", november).value == "2023-02"


def test_two_weekdays_make_a_range():
    date = resolve_date("mardi et mercredi", dt.date(2023, 7, 10), "present")
    assert (date.value, date.end) == ("2023-07-11", "2023-07-12")


def test_a_month_and_year_alone():
    assert resolve_date("janvier 2020").value == "2020-01"
    assert resolve_date("juillet", ANCHOR).value == "2023-07"
