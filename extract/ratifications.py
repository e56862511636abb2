"""Membership tracker: who ratified, blocks, may ratify, joined or applied.

Each status is a verb phrase from the lexicon ("ont ratifié", "doivent encore
donner leur accord", "pourrait ratifier", "bloquée par", "a rejoint l'OTAN",
"a demandé une adhésion"). The acting state is the subject before it
("Seules la Hongrie et la Turquie", "le Parlement turc", "Kiev") or the agent
after it ("bloquée par Ankara", "l'opposition de la Turquie"); candidates are
named after a membership noun ("l'adhésion de la Suède et de la Finlande")
in the sentence, or come from the sentences before.
"""
import re
from dataclasses import dataclass
from typing import Optional

from . import lexicon
from .dates import find_dates
from .nlp import text_of
from .places import find_countries

STATUS_RES = [(status, re.compile(p, re.IGNORECASE))
              for status, patterns in lexicon.RATIFICATION_STATUS_PATTERNS.items() for p in patterns]
CANDIDACY = re.compile(r"\b" + lexicon.CANDIDACY_NOUNS + r"\b", re.IGNORECASE)
FIRST_GAP = re.compile(r"^\s*(?:\]\s*)?(?:à la fois\s+)?(?:de la|de l'|du|de|d')\s*$", re.IGNORECASE)
LIST_GAP = re.compile(r"^\s*(?:,|et|ou|ainsi que)?\s*(?:de la|de l'|du|de|d')?\s*$", re.IGNORECASE)
ACTOR_GAP = re.compile(r"^\s*(?:,|et|ou)?\s*(?:la|le|l'|les)?\s*$", re.IGNORECASE)
AGENT_AFTER = ("blocked",)
MEMBERSHIP_CONTEXT = re.compile(r"(?i)adhésion|candidat|ratifi|OTAN|Otan|Alliance|alliance")


@dataclass
class Ratification:
    start: int
    end: int
    country: Optional[str]      # ISO code of the acting state; None for an aggregate
    candidate: str              # ISO code
    status: str
    n_countries: Optional[int] = None
    n_members: Optional[int] = None
    body: Optional[str] = None
    date: Optional[str] = None
    date_precision: Optional[str] = None
    date_expr: Optional[str] = None


def number(text: str) -> Optional[int]:
    text = text.lower()
    return int(text) if text.isdigit() else lexicon.NUMBER_WORDS.get(text)


def candidates_in(text: str, countries: list) -> list:
    """Countries named after a membership noun: "l'adhésion de la Suède et de
    la Finlande" -> [SE, FI], as (mention, code)."""
    found = []
    names = [c for c in countries if c.how in ("name", "capital")]
    for noun in CANDIDACY.finditer(text):
        # "l'adhésion suédoise", "la candidature finlandaise"
        adjective = next((c for c in countries if c.how == "adjective" and c.start == noun.end() + 1), None)
        if adjective:
            found.append(adjective)
            continue
        position, gap_re = noun.end(), FIRST_GAP
        for mention in names:
            if mention.start < position:
                continue
            if not gap_re.match(text[position:mention.start]):
                break
            found.append(mention)
            position, gap_re = mention.end, LIST_GAP
    return found


def actors_before(text: str, countries: list, position: int, exclude: set) -> list:
    """The coordinated states just before position: "Seules la Hongrie et la Turquie"."""
    before = [c for c in countries if c.end <= position and c.start not in exclude]
    actors, limit = [], position
    for mention in reversed(before):
        gap = text[mention.end:limit]
        if actors:
            if not ACTOR_GAP.match(gap):
                break
        # "La Géorgie, qui a demandé son adhésion": the relative's antecedent acts.
        elif len(gap) > 45 or re.search(r"[.;:«»]|\bqu", gap) and not re.fullmatch(r"\s*,\s*qui\s+", gap):
            break
        actors.insert(0, mention)
        limit = mention.start
    return actors


def body_of(text: str, mention) -> Optional[str]:
    """ "le Parlement turc" -> parliament."""
    window = text[max(0, mention.start - 25):mention.end + 25].lower()
    for word, body in lexicon.BODIES.items():
        if re.search(rf"\b{word}\b", window):
            return body
    return None


def extract_ratifications(doc, sentences, anchor) -> list:
    """Ratification rows of a parsed article."""
    results, seen = [], set()
    context = []
    body = text_of(doc)
    # Only sentences about membership are read: the rest have no status or candidate.
    relevant = []
    for sentence in sentences.spans:
        text = body[sentence.start_char:sentence.end_char]
        if CANDIDACY.search(text) or any(pattern.search(text) for _, pattern in STATUS_RES):
            countries = find_countries(text)
            relevant.append((sentence.start_char, text, countries, candidates_in(text, countries)))
    all_candidates = [c.place.country for _, _, _, listed in relevant for c in listed]
    for offset, text, countries, listed in relevant:
        triggers = []
        for status, pattern in STATUS_RES:
            for match in pattern.finditer(text):
                if not any(a < match.end() and match.start() < b for _, a, b in triggers):
                    triggers.append((status, match.start(), match.end()))
        if triggers and not MEMBERSHIP_CONTEXT.search(text) and not context:
            triggers = []
        dates = find_dates(text, anchor)
        for status, start, end in sorted(triggers, key=lambda t: t[1]):
            rows = rows_for(status, start, end, text, countries, listed, context or list(dict.fromkeys(all_candidates)))
            date = min(dates, key=lambda d: abs(d.start - start)) if dates and status in ("joined", "applied", "ratified") else None
            for country, candidate, agg, members, actor in rows:
                key = (country, candidate, status)
                if key in seen or not candidate:
                    continue
                seen.add(key)
                results.append(Ratification(
                    offset + start, offset + end, country, candidate, status, agg, members,
                    body_of(text, actor) if actor else None,
                    date.value if date else None, date.precision if date else None, date.expr if date else None))
        if listed:
            context = list(dict.fromkeys(c.place.country for c in listed))
    return results


def blocked_rows(agent, start, end, text, countries, candidates):
    """ "la Suède, qui reste bloquée par Ankara": the antecedent is the candidate."""
    antecedent = [c for c in countries if c.end <= start and c.how == "name" and start - c.end < 40]
    targets = [antecedent[-1].place.country] if antecedent and not re.search(r"(?i)opposition", text[start:end]) \
        else candidates
    return [(agent.place.country, t, None, None, agent) for t in targets if t != agent.place.country]


def rows_for(status, start, end, text, countries, listed, context):
    """(country, candidate, n_countries, n_members, actor mention) for one status phrase."""
    listed_after = [c.place.country for c in listed if c.start >= end]
    listed_codes = list(dict.fromkeys(c.place.country for c in listed))
    candidates = listed_after or listed_codes or context
    if status == "applied":
        if listed and re.search(r"(?i)demandes?|candidature", text[start:end]):
            return [(c, c, None, None, None) for c in listed_codes]
        actors = actors_before(text, countries, start, set())
        return [(a.place.country, a.place.country, None, None, a) for a in actors]
    if status == "joined":
        actors = actors_before(text, countries, start, set())
        return [(a.place.country, a.place.country, None, None, a) for a in actors]
    if status in AGENT_AFTER and re.search(r"(?i)\bpar$|\bde$", text[start:end].strip()):
        following = [c for c in countries if c.start >= end and c.start - end < 30][:1]
        if not following:
            return []
        # "bloquée par la Turquie et la Hongrie": every coordinated agent.
        agents = following
        for mention in countries:
            if mention.start > agents[-1].end and ACTOR_GAP.match(text[agents[-1].end:mention.start]):
                agents.append(mention)
        rows = []
        for agent in agents:
            rows += blocked_rows(agent, start, end, text, countries, candidates)
        return rows

    aggregate = None
    for match in lexicon.AGGREGATE.finditer(text):
        if match.end() <= start and start - match.end() < 45:
            aggregate = match
    if aggregate and status in ("ratified", "pending"):
        count = aggregate.group("n") or aggregate.group("n2")
        members = aggregate.group("of") or aggregate.group("of2")
        return [(None, c, number(count), number(members) if members else None, None) for c in candidates]
    exclude = {c.start for c in listed}
    actors = actors_before(text, countries, start, exclude)
    codes = [a.place.country for a in actors]
    # "les Parlements suédois et finlandais doivent aussi donner leur feu vert":
    # the candidates' own parliaments.
    if codes and not listed and set(codes) <= set(context):
        return [(a.place.country, a.place.country, None, None, a) for a in actors]
    return [(a.place.country, c, None, None, a) for a in actors for c in candidates if c != a.place.country]
