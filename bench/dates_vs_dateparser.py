"""Where dateparser is right and where it is not, on the expressions the press uses.

    .venv/bin/python bench/dates_vs_dateparser.py

dateparser returns a full datetime: it cannot say "a month" or "a year", so
"en juillet" becomes a day it invented. This compares its answer, cut to the
precision the text gives, with extract.dates on the same anchor.
"""
import datetime as dt
import sys
from pathlib import Path

import dateparser

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from extract.dates import resolve_date  # noqa: E402

ANCHOR = dt.date(2023, 4, 20)
# (expression, expected ISO value at the text's precision)
CASES = [
    ("jeudi 20 avril", "2023-04-20"), ("le 24 mars", "2023-03-24"), ("Vendredi 21 avril", "2023-04-21"),
    ("le 31 mai", "2023-05-31"), ("le 24 mars 2022", "2022-03-24"), ("en juillet", "2023-07"),
    ("en 2008", "2008"), ("début février", "2023-02"), ("les 29 et 30 juin", "2023-06-29"),
    ("à la fin du mois", "2023-04"), ("l'année dernière", "2022"), ("en février dernier", "2023-02"),
    ("plus tôt ce mois-ci", "2023-04"), ("mardi", "2023-04-18"), ("en septembre de l'année dernière", "2022-09"),
    ("1er mars", "2023-03-01"), ("hier", "2023-04-19"), ("lundi prochain", "2023-04-24"),
]


def cut(value: dt.datetime, expected: str) -> str:
    return value.date().isoformat()[:len(expected)]


def main():
    settings = {"RELATIVE_BASE": dt.datetime.combine(ANCHOR, dt.time()), "PREFER_DATES_FROM": "past"}
    ours = theirs = 0
    print(f"{'expression':36} {'expected':10} {'extract.dates':14} dateparser")
    for expr, expected in CASES:
        mine = resolve_date(expr, ANCHOR).value
        parsed = dateparser.parse(expr, languages=["fr"], settings=settings)
        other = cut(parsed, expected) if parsed else None
        ours += mine == expected
        theirs += other == expected
        print(f"{expr:36} {expected:10} {str(mine):14} {other}{'' if other == expected else '  <- wrong'}")
    print(f"\nright: extract.dates {ours}/{len(CASES)}, dateparser {theirs}/{len(CASES)}")


if __name__ == "__main__":
    main()
