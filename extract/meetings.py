"""Meetings: summits, councils, talks, press conferences and visits.

A meeting is found from a noun ("le sommet de Vilnius", "un point presse à
Kiev"), a verb ("se rencontreront lundi à Bruxelles", "les ministres réunis à
Oslo") or a collective of member states deciding somewhere ("les pays de
l'Otan vont décider à Madrid"). Its place and date are the nearest ones the
sentence attaches to it. Mentions of one meeting in an article are merged:
same name, or same kind and place with dates that agree, or a definite
"la réunion" that refers back to the last meeting.
"""
import re
from dataclasses import dataclass, field
from typing import Optional

from . import lexicon
from .dates import find_dates
from .places import get_place

NOUN_RE = re.compile(
    r"(?P<det>\b(?:l'|la |le |les |un |une |des |d'|du |de |ce |cet |cette |ces |son |sa |ses |leur |leurs |au |aux |nouveau |nouvelle |premier |première |prochain |prochaine )?)"
    r"(?P<noun>" + "|".join(re.escape(n) for n in sorted(lexicon.MEETING_NOUNS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE)
LOCATIVE = re.compile(r"\b(?:à|au|aux|en|dans|sur|vers|chez)\b[^,;.]{0,25}$", re.IGNORECASE)
KIND_CLASS = {"summit": "summit", "meeting": "meeting", "council": "meeting", "talks": "meeting",
              "press_conference": "press", "visit": "visit"}
DEFINITE = {"l'", "la", "le", "ce", "cet", "cette", "sa", "son", "leur"}


@dataclass
class MeetingMention:
    start: int
    end: int
    text: str


@dataclass
class Trigger:
    start: int
    end: int
    text: str
    kind: str
    generic: bool = False     # "la réunion": may refer to any earlier meeting
    definite: bool = False
    verb: bool = False
    name: Optional[str] = None
    place: object = None
    venue: object = None
    date: object = None
    planned: bool = False
    participants: set = field(default_factory=set)


@dataclass
class Meeting:
    kind: str
    name: Optional[str] = None
    place: object = None
    venue: object = None
    date_start: Optional[str] = None
    date_end: Optional[str] = None
    date_precision: Optional[str] = None
    date_expr: Optional[str] = None
    date_qualifier: Optional[str] = None
    status: str = "held"
    mentions: list = field(default_factory=list)
    participant_keys: list = field(default_factory=list)
    participant_countries: list = field(default_factory=list)

    @property
    def kind_class(self):
        return KIND_CLASS[self.kind]


def find_triggers(sentence, text_offset: int) -> list:
    """Meeting words of one sentence, in order."""
    text = sentence.text
    triggers = []
    for match in NOUN_RE.finditer(text):
        noun = match.group("noun").lower()
        det = match.group("det").strip().lower()
        start = text_offset + match.start("noun")
        end = text_offset + match.end("noun")
        kind = lexicon.MEETING_NOUNS[noun]
        after = text[match.end():match.end() + 60]
        if noun == "conseil":
            named = lexicon.COUNCIL_NAME.match(text, match.start("noun"))
            if not named:
                continue
            triggers.append(Trigger(start, text_offset + named.end(), named.group(0), "council",
                                    name=named.group(0), definite=True))
            continue
        if noun == "sommet" and re.match(r"\s+de l'[ÉE]tat", after):
            continue  # "au sommet de l'État" is no summit
        # "les réunions au niveau des ministres": a plural of a generic word is no one meeting.
        if det in ("les", "des", "ces") and noun.endswith("s") and noun.rstrip("s") in lexicon.GENERIC_MEETING_NOUNS:
            continue
        trigger = Trigger(start, end, match.group("noun"), kind,
                          generic=noun in lexicon.GENERIC_MEETING_NOUNS,
                          definite=det in DEFINITE)
        group = lexicon.GROUP_NAME.search(after[:60]) if re.match(r"\s+du\s+", after) else None
        if group:
            trigger.name = group.group(0).strip()
            trigger.generic = False
        triggers.append(trigger)
    for token in sentence:
        lemma = token.lemma_.lower()
        if lemma in lexicon.MEETING_VERBS and token.pos_ in ("VERB", "ADJ"):
            reflexive = any(c.lower_ in ("se", "s'", "nous", "vous") for c in token.children) or \
                "Part" in token.morph.get("VerbForm") or lemma == "rencontrer"
            if reflexive:
                triggers.append(Trigger(token.idx, token.idx + len(token.text), token.text,
                                        lexicon.MEETING_VERBS[lemma], generic=True, verb=True))
    collective = lexicon.COLLECTIVE_MEMBERS.search(text)
    if collective and any(t.lemma_.lower() in lexicon.DECISION_VERBS for t in sentence) and \
            not any(t.kind == "summit" for t in triggers):
        level = lexicon.SUMMIT_LEVEL.search(collective.group(0))
        triggers.append(Trigger(text_offset + collective.start(), text_offset + collective.end(), collective.group(0),
                                "summit" if level else "meeting", generic=True, verb=True))
    return sorted(triggers, key=lambda t: t.start)


def locative(body: str, mention) -> bool:
    """Whether a place is where something happens: "à Kiev", "dans le centre de la capitale"."""
    return bool(LOCATIVE.search(body[max(0, mention.start - 30):mention.start]))


def attach(triggers, sentence, body, place_mentions, dates, people_spans):
    """Place, date and participants of each trigger from its sentence."""
    s_start, s_end = sentence.start_char, sentence.end_char
    in_sentence = [p for p in place_mentions if s_start <= p.start < s_end and p.how != "adjective"]
    for i, trigger in enumerate(triggers):
        window_end = triggers[i + 1].start if i + 1 < len(triggers) else s_end
        after = [p for p in in_sentence if trigger.end <= p.start < window_end]
        # "le sommet de Vilnius": the place right after the noun; otherwise a locative one.
        candidates = [p for p in after if locative(body, p) or re.fullmatch(r"\s*(?:de|d')\s*(?:la |l')?", body[trigger.end:p.start])]
        if not candidates and i == 0:
            before = [p for p in in_sentence if s_start <= p.start < trigger.start and locative(body, p)]
            candidates = before[:1]
        if candidates:
            chosen = candidates[0]
            if chosen.place.kind == "site":
                trigger.venue = chosen.place
                trigger.place = get_place(chosen.place.parent_id)
            else:
                trigger.place = chosen.place
        date_after = [d for d in dates if trigger.end <= d.start < window_end]
        date_before = [d for d in dates if s_start <= d.start < trigger.start] if i == 0 else []
        trigger.date = (date_after or date_before[-1:] or [None])[0]
        trigger.planned = bool(lexicon.PLANNED_MARKERS.search(sentence.text)) or any(
            "Fut" in t.morph.get("Tense") for t in sentence if t.pos_ in ("VERB", "AUX"))
        trigger.participants = {key for start, end, key in people_spans if s_start <= start < s_end}


def compatible_dates(a, b) -> bool:
    return a is None or b is None or a == b or a.startswith(b) or b.startswith(a)


def same_place(a, b) -> bool:
    return a is None or b is None or a.id == b.id


def merge_into(meetings, trigger, body) -> Optional[Meeting]:
    """The earlier meeting this trigger mentions again, if any."""
    date = trigger.date.value if trigger.date else None
    for meeting in reversed(meetings):
        if trigger.name and meeting.name == trigger.name:
            return meeting
    if trigger.name:
        return None
    for meeting in reversed(meetings):
        if KIND_CLASS[trigger.kind] != meeting.kind_class or not compatible_dates(date, meeting.date_start):
            continue
        if trigger.place and meeting.place and trigger.place.id == meeting.place.id:
            return meeting
        # "Sa visite intervient ...", "la visite surprise de Stoltenberg": the one already told.
        if not trigger.place and trigger.definite:
            return meeting
    if trigger.generic and trigger.place:
        for meeting in reversed(meetings):
            if meeting.place and meeting.place.id == trigger.place.id and compatible_dates(date, meeting.date_start):
                return meeting
    if trigger.generic and trigger.definite and not trigger.place and meetings:
        return meetings[-1]
    # "la visite de M. Kuleba au siège de l'Alliance": the meeting he has there.
    if trigger.kind == "visit" and trigger.place:
        for meeting in reversed(meetings):
            if meeting.kind_class == "meeting" and meeting.place and meeting.place.id == trigger.place.id \
                    and trigger.participants & set(meeting.participant_keys):
                return meeting
    return None


def extract_meetings(doc, sentences, place_mentions, people, anchor) -> list:
    """Meetings of a parsed article, merged within it."""
    body = doc.text
    people_spans = [(m.start, m.end, p.key) for p in people for m in p.mentions]
    meetings = []
    for sentence in sentences.spans:
        triggers = find_triggers(sentence, sentence.start_char)
        if not triggers:
            continue
        tense = "future" if lexicon.PLANNED_MARKERS.search(sentence.text) else None
        dates = [d for d in find_dates(sentence.text, anchor, tense)]
        for d in dates:
            d.start += sentence.start_char
            d.stop += sentence.start_char
        attach(triggers, sentence, body, place_mentions, dates, people_spans)
        previous_in_sentence = None
        for trigger in triggers:
            mention = MeetingMention(trigger.start, trigger.end, body[trigger.start:trigger.end])
            target = merge_into(meetings, trigger, body)
            if target is None and previous_in_sentence and not trigger.place and not trigger.name:
                target = previous_in_sentence  # "une réunion ... par vidéoconférence"
            if target is None:
                target = Meeting(kind=trigger.kind)
                meetings.append(target)
            update(target, trigger, mention)
            previous_in_sentence = target
    return meetings


def update(meeting: Meeting, trigger: Trigger, mention: MeetingMention):
    """What a new mention adds to a meeting: a name, a place, a date."""
    meeting.mentions.append(mention)
    if trigger.name and not meeting.name:
        meeting.name = trigger.name
    if trigger.place and meeting.place is None:
        meeting.place = trigger.place
    if trigger.venue and meeting.venue is None:
        meeting.venue = trigger.venue
    if not trigger.generic and meeting.kind != trigger.kind and KIND_CLASS[trigger.kind] == "summit":
        meeting.kind = trigger.kind
    date = trigger.date
    if date is not None and meeting.date_start is None:
        if date.value or meeting.date_expr is None:
            meeting.date_start, meeting.date_end = date.value, date.end
            meeting.date_precision, meeting.date_expr, meeting.date_qualifier = date.precision, date.expr, date.qualifier
    if trigger.planned:
        meeting.status = "planned"
    for key in sorted(trigger.participants):
        if key not in meeting.participant_keys:
            meeting.participant_keys.append(key)
