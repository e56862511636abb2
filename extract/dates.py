"""French date expressions to ISO 8601 at the precision the text gives.

"le 24 mars" is 2022-03-24 only once an anchor (the article's date) gives the
year; without one it stays NULL with the expression kept. A month is
"2023-07", a year "2008": nothing is padded or guessed.
"""
import datetime as dt
import regex as re  # allows one group name in several alternatives
from dataclasses import dataclass
from typing import Optional

from .lexicon import ERA_MARKERS, MONTHS, WEEKDAYS

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
    # "mardi", "lundi prochain", "vendredi dernier", "hier", "aujourd'hui"
    rf"(?P<wd>{WEEKDAY_NAMES})(?:\s+(?P<wdrel>prochain|dernier|soir|matin|après-midi))?(?=\W|$)",
    r"(?P<dayrel>aujourd'hui|hier|avant-hier|demain|après-demain)",
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
    match = DATE_RE.search(expr)
    if not match:
        return PartialDate(expr=expr)
    return resolve_match(match, anchor, tense)


def resolve_match(match, anchor: Optional[dt.date], tense: Optional[str]) -> PartialDate:
    g = {k: (v.lower() if isinstance(v, str) else v) for k, v in match.groupdict().items()}
    result = PartialDate(expr=match.group(0))
    year = int(g["year"]) if g.get("year") else None
    if g.get("d1"):
        month = MONTHS[g["month"]]
        year = year or (anchor.year if anchor else None)
        if year:
            start, end = _safe_date(year, month, _day(g["d1"])), _safe_date(year, month, _day(g["d2"]))
            if start and end:
                result.value, result.end, result.precision = start.isoformat(), end.isoformat(), "day"
        return result
    if g.get("day"):
        month, day = MONTHS[g["month"].rstrip(".")], _day(g["day"])
        if year is None and anchor:
            year = anchor.year
        if year:
            date = _safe_date(year, month, day)
            weekday = g.get("weekday")
            # A weekday that contradicts the date means the year is not the anchor's.
            if date and (not weekday or date.weekday() == WEEKDAYS[weekday] or g.get("year")):
                result.value, result.precision = date.isoformat(), "day"
        return result
    if g.get("month") and g.get("qualifier"):
        result.qualifier = "mi" if g["qualifier"] in ("mi", "milieu") else g["qualifier"]
        year = year or (anchor.year if anchor else None)
        if year:
            result.value, result.precision = f"{year:04d}-{MONTHS[g['month']]:02d}", "month"
        return result
    if g.get("month"):
        month = MONTHS[g["month"]]
        rel = g.get("relyear")
        if year is None and anchor:
            if rel in ("de l'année dernière", "de l'an dernier"):
                year = anchor.year - 1
            elif rel == "de l'année prochaine":
                year = anchor.year + 1
            elif rel == "dernier":
                year = anchor.year if month < anchor.month else anchor.year - 1
            elif rel == "prochain":
                year = anchor.year if month > anchor.month else anchor.year + 1
            else:
                year = anchor.year
        if year:
            result.value, result.precision = f"{year:04d}-{month:02d}", "month"
        return result
    if g.get("monthrel"):
        if g.get("mq"):
            result.qualifier = g["mq"]
        if anchor:
            shift = -1 if ("dernier" in g["monthrel"] or "précédent" in g["monthrel"]) else (
                1 if "prochain" in g["monthrel"] else 0)
            y, m = divmod(anchor.year * 12 + anchor.month - 1 + shift, 12)
            result.value, result.precision = f"{y:04d}-{m + 1:02d}", "month"
        return result
    if g.get("yearrel"):
        if anchor:
            shift = {"l'année dernière": -1, "l'an dernier": -1, "l'an passé": -1, "l'année passée": -1,
                     "cette année": 0, "l'année prochaine": 1, "l'an prochain": 1}[g["yearrel"]]
            result.value, result.precision = str(anchor.year + shift), "year"
        return result
    if year:
        if g.get("yq"):
            result.qualifier = "mi" if g["yq"] in ("mi", "milieu") else g["yq"]
        result.value, result.precision = str(year), "year"
        return result
    if g.get("wd"):
        if anchor:
            rel = g.get("wdrel")
            direction = "future" if rel == "prochain" else "past" if rel == "dernier" else tense
            date = nearest_weekday(anchor, WEEKDAYS[g["wd"]], direction)
            result.value, result.precision = date.isoformat(), "day"
        return result
    if g.get("dayrel"):
        if anchor:
            shift = {"aujourd'hui": 0, "hier": -1, "avant-hier": -2, "demain": 1, "après-demain": 2}[g["dayrel"]]
            result.value, result.precision = (anchor + dt.timedelta(days=shift)).isoformat(), "day"
        return result
    return result


def nearest_weekday(anchor: dt.date, weekday: int, direction: Optional[str]) -> dt.date:
    """The weekday of the week around anchor: the next one for the future
    ("se rencontreront lundi"), else the last one on or before anchor."""
    if direction == "future":
        return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)
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


def era_floor(body: str) -> Optional[dt.date]:
    """The latest date before which the article cannot have been written."""
    floors = [dt.date.fromisoformat(date) for pattern, date in ERA_MARKERS if re.search(pattern, body)]
    return max(floors) if floors else None


def candidate_years(month: int, day: int, weekdays: set, floor: Optional[dt.date], today: dt.date) -> list:
    """Years, from 1990 to today, in which day/month falls on one of weekdays
    and which are not before floor."""
    years = []
    for year in range(1990, today.year + 1):
        date = _safe_date(year, month, day)
        if not date or date > today or (floor and date < floor):
            continue
        if weekdays and date.weekday() not in weekdays:
            continue
        years.append(year)
    return years


def infer_publication_date(body: str, metadata_date: Optional[str] = None,
                           dateline_date: Optional[str] = None,
                           today: Optional[dt.date] = None) -> Publication:
    """The article's date from its metadata, its dateline, or the text.

    A weekday beside a day and a month ("jeudi 20 avril") fixes the year among
    the candidates that mentioned events allow; otherwise it stays NULL.
    """
    today = today or dt.date.today()
    if metadata_date:
        match = re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", metadata_date.strip())
        if match:
            precision = "day" if match.group(3) else "month" if match.group(2) else "year"
            value = "-".join(x for x in match.groups() if x)
            return Publication(value, precision, "metadata", metadata_date)
    floor = era_floor(body)
    if dateline_date:
        match = re.match(rf"(?P<day>{DAY})\s+(?P<month>[A-Za-zéû]+)\.?(?:\s+(?P<year>{YEAR}))?", dateline_date.strip())
        if match and match.group("month").lower() in MONTHS:
            month, day = MONTHS[match.group("month").lower()], _day(match.group("day"))
            if match.group("year"):
                date = _safe_date(int(match.group("year")), month, day)
                if date:
                    return Publication(date.isoformat(), "day", "dateline", dateline_date)
            # The weekdays the text names for its news ("a confirmé mardi").
            weekdays = {WEEKDAYS[w.lower()] for w in re.findall(rf"\b({WEEKDAY_NAMES})\b", body, re.I)}
            years = candidate_years(month, day, weekdays, floor, today)
            if len(years) == 1:
                return Publication(dt.date(years[0], month, day).isoformat(), "day", "dateline+weekday", dateline_date)
            return Publication(None, None, None, dateline_date)
    for match in re.finditer(rf"\b(?P<weekday>{WEEKDAY_NAMES})\s+(?P<day>{DAY})\s+(?P<month>{MONTH_NAMES})\b(?:\s+(?P<year>{YEAR}))?", body, re.I):
        month, day = MONTHS[match.group("month").lower()], _day(match.group("day"))
        if match.group("year"):
            date = _safe_date(int(match.group("year")), month, day)
            if date:
                return Publication(date.isoformat(), "day", "text", match.group(0))
            continue
        years = candidate_years(month, day, {WEEKDAYS[match.group("weekday").lower()]}, floor, today)
        if len(years) == 1:
            return Publication(dt.date(years[0], month, day).isoformat(), "day", "weekday", match.group(0))
        return Publication(None, None, None, match.group(0))
    return Publication(None, None, None, None)
