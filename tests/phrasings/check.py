"""The phrasing suite: short French sentences written by the team, each with
the facts a careful reader takes from it.

Every ``*.yml`` file beside this one is a list of cases::

    - text: "« Nous sommes prêts », a déclaré mardi Jens Stoltenberg."
      date: 2023-07-11          # publication date (optional)
      url: https://example.org/2023/07/11/x.html   # optional
      expect:
        statements:
          - {quote: Nous sommes prêts, speaker: Jens Stoltenberg, kind: direct}

An empty list (``statements: []``) is a negative case: no fact of that kind
may come out. Kinds not named under ``expect`` are not checked. Speakers
match by surname ("" is an anonymous source, ``null`` an unknown speaker;
``speaker_kind: organisation`` checks the kind);
meetings by kind, place and, where given, date and status; ratifications by
country (``null`` for an aggregate), candidate, status and, where given,
count. ``python tests/phrasings/check.py`` prints every miss.
"""
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
KINDS = ("statements", "meetings", "ratifications")
MEETING_CLASS = {"summit": "summit", "meeting": "meeting", "council": "meeting", "talks": "meeting",
                 "press_conference": "press", "visit": "visit"}


def fold(text) -> str:
    text = unicodedata.normalize("NFKD", str(text or "")).replace("’", "'")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", re.sub(r"[«»“”\"]", " ", text)).strip().lower()


def surname(name) -> str:
    words = fold(name).replace("-", " ").split()
    return re.sub(r"(iy|yy|ii|y|i)$", "y", words[-1]) if words else ""


def load_cases(folder=HERE) -> list:
    cases = []
    for path in sorted(Path(folder).glob("*.yml")):
        for n, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            case["where"] = f"{path.name}#{n + 1}"
            cases.append(case)
    return cases


def facts_of(rows) -> dict:
    """The rows of one analysed text as comparable facts, by kind."""
    names = {m["person_key"]: m["name"] for m in rows["mentions"]}
    places = {p["id"]: p["name"] for p in rows["places"]}
    return {
        "statements": [{"quote": s["quote"], "kind": s["kind"], "speaker_kind": s["speaker_kind"],
                        "speaker": names.get(s["speaker_key"]) if s["speaker_key"] else
                        ("" if s["speaker_kind"] == "anonymous" else None)} for s in rows["statements"]],
        "meetings": [{"kind": m["kind"], "place": places.get(m["place_id"]), "date_start": m["date_start"],
                      "status": m["status"]} for m in rows["meetings"]],
        "ratifications": [{"country": places.get(r["country_id"]), "candidate": places.get(r["candidate_id"]),
                           "status": r["status"], "count": r["n_countries"]} for r in rows["ratifications"]],
    }


def same(kind, want, got) -> bool:
    if kind == "statements":
        if fold(want["quote"]) not in fold(got["quote"]):
            return False
        if "kind" in want and want["kind"] != got["kind"]:
            return False
        if "speaker_kind" in want and want["speaker_kind"] != got["speaker_kind"]:
            return False
        if "speaker" not in want:
            return True
        if want["speaker"] is None or want["speaker"] == "":
            return got["speaker"] == want["speaker"]
        return surname(want["speaker"]) == surname(got["speaker"])
    if kind == "meetings":
        return (MEETING_CLASS.get(want["kind"]) == MEETING_CLASS.get(got["kind"])
                and ("place" not in want or fold(want["place"]) == fold(got["place"]))
                and ("date_start" not in want or str(want["date_start"] or "") == (got["date_start"] or ""))
                and ("status" not in want or want["status"] == got["status"]))
    return (fold(want.get("country")) == fold(got["country"]) and fold(want["candidate"]) == fold(got["candidate"])
            and want["status"] == got["status"] and ("count" not in want or want["count"] == got["count"]))


@dataclass
class Result:
    expected: dict = field(default_factory=lambda: {k: 0 for k in KINDS})
    found: dict = field(default_factory=lambda: {k: 0 for k in KINDS})
    false: dict = field(default_factory=lambda: {k: 0 for k in KINDS})  # facts on negative cases
    misses: list = field(default_factory=list)

    def recall(self, kind) -> float:
        return self.found[kind] / self.expected[kind] if self.expected[kind] else 1.0


def run(analyse, cases) -> Result:
    """Score every case; analyse(text, date=None, url=None) gives its rows."""
    result = Result()
    for case in cases:
        facts = facts_of(analyse(case["text"], date=case.get("date") and str(case["date"]), url=case.get("url")))
        for kind, wanted in (case.get("expect") or {}).items():
            got = list(facts[kind])
            if not wanted:
                result.false[kind] += len(got)
                if got:
                    result.misses.append(f"{case['where']} FALSE {kind}: {got} <- {case['text']}")
                continue
            for want in wanted:
                result.expected[kind] += 1
                hit = next((g for g in got if same(kind, want, g)), None)
                if hit is None:
                    result.misses.append(f"{case['where']} MISS {kind}: {want} got {got} <- {case['text']}")
                else:
                    result.found[kind] += 1
                    got.remove(hit)
    return result


def main():
    sys.path.insert(0, str(HERE.parent.parent))
    from extract.nlp import load_nlp
    from extract.pipeline import extract_article, prepare
    from extract.reader import RawArticle

    nlp = load_nlp()

    def analyse(text, date=None, url=None):
        raw = RawArticle(id="t", file="t.txt", text=text, date=date, url=url)
        clean = prepare(raw)
        return extract_article(raw, clean, nlp(clean.body))

    only = sys.argv[1:]
    cases = [c for c in load_cases() if not only or any(c["where"].startswith(o) for o in only)]
    result = run(analyse, cases)
    for line in result.misses:
        print(line)
    for kind in KINDS:
        print(f"{kind:14} found {result.found[kind]}/{result.expected[kind]} ({result.recall(kind):.1%}),"
              f" false facts on negative cases: {result.false[kind]}")


if __name__ == "__main__":
    main()
