"""French date expressions to ISO 8601 at the precision the text gives.

"le 24 mars" is 2022-03-24 only once an anchor (the article's date) gives the
year; without one it stays NULL with the expression kept. A month is
"2023-07", a year "2008": nothing is padded or guessed.
"""
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import regex as re  # allows one group name in several alternatives
import yaml

from .lexicon import MONTHS, WEEKDAYS

WORDS = yaml.safe_load((Path(__file__).parent / "data" / "dates.yml").read_text(encoding="utf-8"))
RELATIVE_DAYS = WORDS["relative_days"]
RELATIVE_WEEKS = WORDS["relative_weeks"]
URL_DATES = [re.compile(p) for p in WORDS["url_patterns"]]


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

FULL_MONTHS = ["janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet",
               "août", "aout", "septembre", "octobre", "novembre", "décembre", "decembre"]
MONTH_NAMES = "|".join(sorted(FULL_MONTHS, key=len, reverse=True))
# Abbreviations only with their period, as datelines have them: "15 Mar."
ABBREVIATED = "|".join(sorted((m + r"\." for m in MONTHS if m not in FULL_MONTHS), key=len, reverse=True))
WEEKDAY_NAMES = "|".join(WEEKDAYS)
DAY = r"(?:1er|[12][0-9]|3[01]|0?[1-9])"
YEAR = r"(?:1[89]\d\d|20\d\d)"
QUALIFIER = r"(?:début|fin|mi|courant|milieu)"

# Longest constructions first; each names the groups resolve_date reads.
PATTERNS = [
    # "les 29 et 30 juin", "du 29 au 30 juin 2022": a range of days
    rf"(?:les|du)\s+(?P<d1>{DAY})\s+(?:et|au|-)\s+(?:le\s+)?(?P<d2>{DAY})\s+(?P<month>{MONTH_NAMES})(?:\s+(?P<year>{YEAR}))?",
    # "jeudi 20 avril", "le 24 mars 2022", "Vendredi 21 avril"
    rf"(?:(?P<weekday>{WEEKDAY_NAMES})\s+)?(?:le\s+)?(?P<day>{DAY})\s+(?P<month>{MONTH_NAMES}|{ABBREVIATED})(?:\s+(?P<year>{YEAR}))?",
    # "début février", "fin juin 2021", "mi-juillet", "début du mois de mars"
    rf"(?P<qualifier>{QUALIFIER})[\s-]+(?:du mois de\s+|de\s+|d')?(?P<month>{MONTH_NAMES})(?:\s+(?P<year>{YEAR}))?",
    # "en septembre de l'année dernière", "en février dernier", "en juillet", "mars 2022"
    rf"(?:en\s+|au mois de\s+|(?<=\W))(?P<month>{MONTH_NAMES})(?:\s+(?P<year>{YEAR})|\s+(?P<relyear>de l'année dernière|de l'an dernier|de l'année prochaine|dernier|prochain))?(?=\W|$)",
    # "à la fin du mois", "au début du mois", "plus tôt ce mois-ci", "le mois dernier"
    r"(?P<monthrel>(?:(?:à la|au)\s+(?P<mq>fin|début|milieu)\s+du mois(?: prochain| dernier)?)|plus tôt ce mois-ci|plus tard ce mois-ci|ce mois-ci|le mois dernier|le mois prochain|le mois précédent)",
    # "l'année dernière", "l'an dernier", "cette année", "l'année prochaine"
    r"(?P<yearrel>l'année dernière|l'an dernier|l'an passé|l'année passée|cette année|l'année prochaine|l'an prochain)",
    # "en 2008", "depuis 2014", "fin 2021", "début 2023"
    rf"(?:(?:en|depuis|dès|avant|après|(?P<yq>{QUALIFIER}))\s+)(?P<year>{YEAR})(?!\s*\d)",
    # "la semaine dernière", "la semaine prochaine", "cette semaine"
    rf"(?P<weekrel>{_alternatives(RELATIVE_WEEKS)})",
    # "mardi et mercredi": two days, from the first
    rf"(?P<wd>{WEEKDAY_NAMES})\s+et\s+(?P<wd2>{WEEKDAY_NAMES})(?=\W|$)",
    # "mardi", "lundi prochain", "vendredi dernier", "depuis lundi"
    rf"(?:(?P<since>{_alternatives(WORDS['past_markers'])})\s+)?(?P<wd>{WEEKDAY_NAMES})"
    rf"(?:\s+(?P<wdrel>prochain|dernier|soir|matin|après-midi))?(?=\W|$)",
    rf"(?P<dayrel>{_alternatives(RELATIVE_DAYS)})",
    # "le 4" alone: a day of the month around the publication date; not "le 31e", "le 4 sur 10"
    rf"le\s+(?P<dayonly>{DAY})(?!\s*(?:{_alternatives(WORDS['not_a_day_after'])})(?:\W|$))(?!\d)",
]
DATE_RE = re.compile("|".join(f"(?:{p})" for p in PATTERNS), re.IGNORECASE)


@dataclass
class PartialDate:
    """A date at the precision the text gives; value None when undetermined."""
    expr: str
    value: Optional[str] = None          # "2023-04-20", "2023-07", "2008"
    precision: Optional[str] = None      # day, month, year
    end: Optional[str] = None            # last day of a range
    qualifier: Optional[str] = None      # début, fin, mi
    start: int = 0                       # offsets of expr in the text searched
    stop: int = 0


def find_dates(text: str, anchor: Optional[dt.date] = None, tense: Optional[str] = None) -> list:
    """Every date expression in text, resolved against anchor where needed.

    >>> [d.value for d in find_dates("réunis à Oslo le 31 mai", dt.date(2023, 4, 20))]
    ['2023-05-31']
    """
    found = []
    for match in DATE_RE.finditer(text):
        if not _is_word_boundary(text, match.start(), match.end()):
            continue
        date = resolve_match(match, anchor, tense)
        date.start, date.stop = match.start(), match.end()
        found.append(date)
    return found


def resolve_date(expr: str, anchor: Optional[dt.date] = None, tense: Optional[str] = None) -> PartialDate:
    """One expression resolved: resolve_date("en juillet", date(2023, 4, 20)).value == "2023-07"."""
    match = DATE_RE.search(" " + expr)  # a leading space, as the month pattern wants a word before
    if not match:
        return PartialDate(expr=expr)
    return resolve_match(match, anchor, tense)


def resolve_match(match, anchor: Optional[dt.date], tense: Optional[str]) -> PartialDate:
    g = {k: (v.lower() if isinstance(v, str) else v) for k, v in match.groupdict().items()}
    result = PartialDate(expr=match.group(0))
    year = int(g["year"]) if g.get("year") else None
    if g.get("d1") or g.get("day"):
        return resolve_days(g, year, anchor, tense, result)
    if g.get("month"):
        return resolve_month(g, year, anchor, tense, result)
    if g.get("monthrel") or g.get("yearrel") or year:
        return resolve_period(g, year, anchor, result)
    if anchor is None:
        return result
    return resolve_relative(g, anchor, tense, result)


def resolve_days(g: dict, year, anchor, tense, result: PartialDate) -> PartialDate:
    """"les 29 et 30 juin", "jeudi 20 avril", "le 24 mars 2022"."""
    month = MONTHS[g["month"].rstrip(".")]
    first = _day(g["d1"] or g["day"])
    if year is None and anchor:
        year = anchor.year + year_shift(month, first, anchor, tense)
    if not year:
        return result
    start = _safe_date(year, month, first)
    if g.get("d1"):
        end = _safe_date(year, month, _day(g["d2"]))
        if start and end:
            result.value, result.end, result.precision = start.isoformat(), end.isoformat(), "day"
        return result
    weekday = g.get("weekday")
    # A weekday that contradicts the date means the year is not the anchor's.
    if start and (not weekday or start.weekday() == WEEKDAYS[weekday] or g.get("year")):
        result.value, result.precision = start.isoformat(), "day"
    return result


RELATIVE_YEARS = {"de l'année dernière": -1, "de l'an dernier": -1, "de l'année prochaine": 1}


def resolve_month(g: dict, year, anchor, tense, result: PartialDate) -> PartialDate:
    """"en juillet", "fin juin 2021", "mi-juillet", "en février dernier"."""
    month = MONTHS[g["month"]]
    if g.get("qualifier"):
        result.qualifier = "mi" if g["qualifier"] in ("mi", "milieu") else g["qualifier"]
    rel = g.get("relyear")
    if year is None and anchor:
        if rel in RELATIVE_YEARS:
            year = anchor.year + RELATIVE_YEARS[rel]
        elif rel == "dernier":
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif rel == "prochain":
            year = anchor.year if month > anchor.month else anchor.year + 1
        else:
            year = anchor.year + year_shift(month, 0, anchor, tense)
    if year:
        result.value, result.precision = f"{year:04d}-{month:02d}", "month"
    return result


RELATIVE_YEAR_WORDS = {"l'année dernière": -1, "l'an dernier": -1, "l'an passé": -1, "l'année passée": -1,
                       "cette année": 0, "l'année prochaine": 1, "l'an prochain": 1}


def resolve_period(g: dict, year, anchor, result: PartialDate) -> PartialDate:
    """"le mois dernier", "à la fin du mois", "l'an prochain", "en 2008", "fin 2021"."""
    if g.get("monthrel"):
        if g.get("mq"):
            result.qualifier = g["mq"]
        if anchor:
            shift = -1 if ("dernier" in g["monthrel"] or "précédent" in g["monthrel"]) else (
                1 if "prochain" in g["monthrel"] else 0)
            y, m = divmod(anchor.year * 12 + anchor.month - 1 + shift, 12)
            result.value, result.precision = f"{y:04d}-{m + 1:02d}", "month"
    elif g.get("yearrel"):
        if anchor:
            result.value, result.precision = str(anchor.year + RELATIVE_YEAR_WORDS[g["yearrel"]]), "year"
    else:
        if g.get("yq"):
            result.qualifier = "mi" if g["yq"] in ("mi", "milieu") else g["yq"]
        result.value, result.precision = str(year), "year"
    return result


def year_shift(month: int, day: int, anchor: dt.date, tense: Optional[str]) -> int:
    """A month or day without a year in a future clause that has already
    passed this year is next year's ("aura lieu en février", written in
    November); in a past clause, one still to come is last year's."""
    if tense == "future" and (month, day) < (anchor.month, anchor.day if day else 0) and month != anchor.month:
        return 1
    if tense == "past" and (month, day) > (anchor.month, anchor.day) and month != anchor.month:
        return -1
    return 0


def resolve_relative(g: dict, anchor: dt.date, tense: Optional[str], result: PartialDate) -> PartialDate:
    """Weekdays, "hier", "la semaine dernière" and "le 4" against the publication date."""
    if g.get("wd"):
        rel = g.get("wdrel")
        direction = "future" if rel == "prochain" else "past" if rel == "dernier" or g.get("since") else tense
        date = nearest_weekday(anchor, WEEKDAYS[g["wd"]], direction)
        if rel in ("prochain", "dernier") and date == anchor:
            # "jeudi dernier" written on a Thursday is a week ago; "jeudi prochain", a week ahead.
            date += dt.timedelta(days=7 if rel == "prochain" else -7)
        result.value, result.precision = date.isoformat(), "day"
        if g.get("wd2"):
            result.end = (date + dt.timedelta(days=(WEEKDAYS[g["wd2"]] - date.weekday()) % 7)).isoformat()
    elif g.get("dayrel"):
        result.value, result.precision = (anchor + dt.timedelta(days=RELATIVE_DAYS[g["dayrel"]])).isoformat(), "day"
    elif g.get("weekrel"):
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=RELATIVE_WEEKS[g["weekrel"]])
        sunday = monday + dt.timedelta(days=6)
        # A week is kept at the precision of its month when it lies in one.
        if (monday.year, monday.month) == (sunday.year, sunday.month):
            result.value, result.precision = f"{monday.year:04d}-{monday.month:02d}", "month"
    elif g.get("dayonly"):
        date = day_of_month(anchor, _day(g["dayonly"]), tense)
        if date:
            result.value, result.precision = date.isoformat(), "day"
    return result


def day_of_month(anchor: dt.date, day: int, tense: Optional[str]) -> Optional[dt.date]:
    """"le 4" in the publication's month, or the next month for a future
    day already past ("se réuniront le 4" written on the 20th), or the
    previous one for a past day still to come."""
    shift = 0
    if tense == "future" and day < anchor.day:
        shift = 1
    elif tense in ("past", None) and day > anchor.day:
        shift = -1
    y, m = divmod(anchor.year * 12 + anchor.month - 1 + shift, 12)
    return _safe_date(y, m + 1, day)


def nearest_weekday(anchor: dt.date, weekday: int, direction: Optional[str]) -> dt.date:
    """The weekday of the week around anchor: the next one for the future
    ("se rencontreront lundi"), the nearest one for the present ("se
    réunissent jeudi"), else the last one on or before anchor."""
    ahead = (weekday - anchor.weekday()) % 7
    if direction == "future" or (direction == "present" and ahead <= 3):
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def _day(text: str) -> int:
    return 1 if text.lower() == "1er" else int(text)


def _safe_date(year, month, day) -> Optional[dt.date]:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _is_word_boundary(text, start, end) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


@dataclass
class Publication:
    value: Optional[str]
    precision: Optional[str]
    method: Optional[str]
    expr: Optional[str]

    def as_date(self) -> Optional[dt.date]:
        if self.value and self.precision == "day":
            return dt.date.fromisoformat(self.value)
        return None


def candidate_years(month: int, day: int, weekdays: set, today: dt.date) -> list:
    """Years, from 1990 to today, in which day/month falls on one of weekdays."""
    years = []
    for year in range(1990, today.year + 1):
        date = _safe_date(year, month, day)
        if date and date <= today and (not weekdays or date.weekday() in weekdays):
            years.append(year)
    return years


def nearest_year(month: int, day: int, weekdays: set, today: dt.date) -> Optional[int]:
    """The most recent year, not after today, whose day/month falls on one of
    weekdays: news is read near the time it is written. None when no year fits."""
    years = candidate_years(month, day, weekdays, today) if weekdays else []
    return years[-1] if years else None


def date_from_metadata(value: Optional[str]) -> Optional[Publication]:
    """"2023-07-12T10:00", "2023-07", "2023"; None when it is no real date
    ("9999-99-99", "2023-02-30")."""
    match = re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", (value or "").strip())
    if not match:
        return None
    year, month, day = (int(x) if x else None for x in match.groups())
    if not 1 <= year or (month is not None and not 1 <= month <= 12) or \
            (day is not None and _safe_date(year, month, day) is None):
        return None
    precision = "day" if match.group(3) else "month" if match.group(2) else "year"
    return Publication("-".join(x for x in match.groups() if x), precision, "metadata", value)


def date_from_url(url: Optional[str]) -> Optional[Publication]:
    """".../2022/04/07/slug.html", ".../2023-07-12/slug", "...-20230711.html"."""
    for pattern in URL_DATES:
        for match in pattern.finditer(url or ""):
            date = _safe_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
            if date:
                return Publication(date.isoformat(), "day", "url", match.group(0).strip("/"))
    return None


def date_from_dateline(dateline: Optional[str], body: str, today: dt.date) -> Optional[Publication]:
    """"BRUXELLES, 15 Mar." with the weekdays the text gives its news ("a
    confirmé mardi") fixing the year; NULL with the expression otherwise."""
    match = re.match(rf"(?P<day>{DAY})\s+(?P<month>[A-Za-zéû]+)\.?(?:\s+(?P<year>{YEAR}))?", (dateline or "").strip())
    if not match or match.group("month").lower() not in MONTHS:
        return None
    month, day = MONTHS[match.group("month").lower()], _day(match.group("day"))
    if match.group("year"):
        date = _safe_date(int(match.group("year")), month, day)
        return Publication(date.isoformat(), "day", "dateline", dateline) if date else None
    weekdays = {WEEKDAYS[w.lower()] for w in re.findall(rf"\b({WEEKDAY_NAMES})\b", body, re.I)}
    year = nearest_year(month, day, weekdays, today)
    if year:
        return Publication(dt.date(year, month, day).isoformat(), "day", "dateline+weekday", dateline)
    return Publication(None, None, None, dateline)


def date_from_weekday(body: str, today: dt.date) -> Optional[Publication]:
    """The first weekday/day pair of the text ("jeudi 20 avril"): the most
    recent year in which 20 April is a Thursday."""
    pattern = rf"\b(?P<weekday>{WEEKDAY_NAMES})\s+(?P<day>{DAY})\s+(?P<month>{MONTH_NAMES})\b(?:\s+(?P<year>{YEAR}))?"
    for match in re.finditer(pattern, body, re.I):
        month, day = MONTHS[match.group("month").lower()], _day(match.group("day"))
        if match.group("year"):
            date = _safe_date(int(match.group("year")), month, day)
            if date:
                return Publication(date.isoformat(), "day", "text", match.group(0))
            continue
        year = nearest_year(month, day, {WEEKDAYS[match.group("weekday").lower()]}, today)
        if year:
            return Publication(dt.date(year, month, day).isoformat(), "day", "weekday", match.group(0))
        return Publication(None, None, None, match.group(0))
    return None


def infer_publication_date(body: str, metadata_date: Optional[str] = None,
                           dateline_date: Optional[str] = None,
                           today: Optional[dt.date] = None, url: Optional[str] = None) -> Publication:
    """The article's date from its metadata, its URL, its dateline, or a
    weekday/day pair of the text, with the method recorded; NULL with the
    expression kept when none decides. Never from events the text mentions."""
    today = today or dt.date.today()
    for found in (date_from_metadata(metadata_date), date_from_url(url),
                  date_from_dateline(dateline_date, body, today)):
        if found:
            return found
    return date_from_weekday(body, today) or Publication(None, None, None, None)
