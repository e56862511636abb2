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
from .places import find_countries, get_place
from .nlp import text_of

NOUN_RE = re.compile(
    r"(?P<det>\b(?:l'|la |le |les |un |une |des |d'|du |de |ce |cet |cette |ces |son |sa |ses |leur |leurs |au |aux |nouveau |nouvelle |premier |première |prochain |prochaine )?)"
    r"(?P<noun>" + "|".join(re.escape(n) for n in sorted(lexicon.MEETING_NOUNS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE)
# A locative right before the place: "à Kiev", "aux Pays-Bas", "dans le centre
# de la capitale", "sur la base de"; not "discuter avec les États-Unis".
LOCATIVE = re.compile(
    r"\b(?:à|au|aux|en|dans|sur|vers|chez)\s+(?:(?:la|le|les|l')\s*)?"
    r"(?:(?:centre|ville|région|banlieue|sud|nord|est|ouest|périphérie)\s+(?:\w+\s+)?(?:de|du|d')\s*(?:la |l')?)?$",
    re.IGNORECASE)
KIND_CLASS = {"summit": "summit", "meeting": "meeting", "council": "meeting", "talks": "meeting",
              "press_conference": "press", "visit": "visit"}
DEFINITE = {"l'", "la", "le", "ce", "cet", "cette", "sa", "son", "leur", "au", "du"}


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
    singular: bool = True
    verb: bool = False
    name: Optional[str] = None
    place: object = None
    venue: object = None
    loose_place: object = None   # a locative place of the sentence not attached to the word
    loose_venue: object = None
    date: object = None
    planned: bool = False
    participants: set = field(default_factory=set)
    organiser: Optional[str] = None
    countries: list = field(default_factory=list)


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
    organiser_key: Optional[str] = None

    @property
    def kind_class(self):
        return KIND_CLASS[self.kind]


def find_triggers(sentence, text_offset: int) -> list:
    """Meeting words of one sentence, in order."""
    text = text_of(sentence.doc)[sentence.start_char:sentence.end_char]
    triggers = []
    skip_until = -1
    for match in NOUN_RE.finditer(text):
        noun = match.group("noun").lower()
        det = match.group("det").strip().lower()
        start = text_offset + match.start("noun")
        end = text_offset + match.end("noun")
        kind = lexicon.MEETING_NOUNS[noun]
        after = text[match.end():match.end() + 60]
        if start < skip_until:
            continue
        if noun == "conseil":
            named = lexicon.COUNCIL_NAME.match(text, match.start("noun"))
            # « Conseil OTAN-Ukraine » in quotation marks is a name under discussion.
            if not named or text[:match.start("noun")].rstrip()[-1:] in ("«", '"', "“"):
                continue
            triggers.append(Trigger(start, text_offset + named.end(), named.group(0), "council",
                                    name=named.group(0), definite=True))
            continue
        # "au sommet de l'État", "au sommet de sa carrière": no summit.
        if noun == "sommet" and re.match(r"\s+de\s+(?:l'[ÉE]tat|(?:la|sa|son|ses|leur|l')\s*(?!alliance|union|otan)[a-zéè])", after):
            continue
        # "dans un entretien au Journal du dimanche", "un entretien accordé à": an interview.
        before_noun = text[max(0, match.start("noun") - 12):match.start("noun")].lower()
        if noun in ("entretien", "interview") and not re.match(r"\s+(?:téléphonique|avec|entre)\b", after) and (
                re.search(r"\bdans (?:un|une|son|sa) $", before_noun)
                or re.match(r"\s+(?:au|à l[a']?|aux|à|accordé|publié|diffusé)\b", after)):
            continue
        # "les réunions au niveau des ministres": a plural of a generic word is no one meeting.
        if det in ("les", "des", "ces") and noun.endswith("s") and noun.rstrip("s") in lexicon.GENERIC_MEETING_NOUNS:
            continue
        trigger = Trigger(start, end, match.group("noun"), kind,
                          generic=noun in lexicon.GENERIC_MEETING_NOUNS,
                          definite=det in DEFINITE,
                          singular=det not in ("", "les", "des", "ces", "ses", "leurs", "d'", "de", "aux"))
        council = lexicon.COUNCIL_NAME.match(after, re.match(r"\s*(?:du|de la|de l')?\s*", after).end()) \
            if trigger.generic else None
        if council:
            # "la réunion du Conseil OTAN-Russie" is the council's meeting.
            trigger.kind, trigger.name, trigger.generic = "council", council.group(0), False
            triggers.append(trigger)
            skip_until = text_offset + match.end() + council.end()
            continue
        summit_of = re.match(r"\s+(?:de l'OTAN |de l'Otan |de l'Alliance )?(?:de|d') ?(?P<city>[A-ZÀ-Ý][\w-]+)", after) \
            if kind == "summit" else None
        if summit_of and summit_of.group("city") not in ("OTAN", "Otan", "Alliance", "l'OTAN"):
            trigger.name = f"sommet de {summit_of.group('city')}"
        group = lexicon.GROUP_NAME.search(after[:60]) if re.match(r"\s+du\s+", after) else None
        if group:
            trigger.name = group.group(0).strip()
            trigger.generic = False
        triggers.append(trigger)
    for token in sentence:
        lemma = token.lemma_.lower()
        if lemma in lexicon.MEETING_VERBS and token.pos_ in ("VERB", "ADJ"):
            # "se réuniront", "les ministres réunis à Oslo", "a rencontré": a gathering;
            # "a réuni les militants" is a rally, not a meeting.
            participle = "Part" in token.morph.get("VerbForm") and nonfinite(token)
            infinitive = "Inf" in token.morph.get("VerbForm")
            reflexive = any(c.lower_ in ("se", "s'", "nous", "vous") for c in token.children) or participle or (
                lemma in ("rencontrer", "recevoir") and not infinitive)
            if reflexive:
                triggers.append(Trigger(token.idx, token.idx + len(token.text), token.text,
                                        lexicon.MEETING_VERBS[lemma], generic=True, verb=True, singular=False))
    collective = lexicon.COLLECTIVE_MEMBERS.search(text)
    # "les pays de l'Otan vont décider à Madrid": members gathering in a city.
    if collective and re.search(r"\bà [A-ZÀ-Ý]", text[collective.end():]) and any(t.lemma_.lower() in lexicon.DECISION_VERBS for t in sentence) and \
            not any(t.kind == "summit" for t in triggers):
        level = lexicon.SUMMIT_LEVEL.search(collective.group(0))
        triggers.append(Trigger(text_offset + collective.start(), text_offset + collective.end(), collective.group(0),
                                "summit" if level else "meeting", generic=True, verb=True, singular=False))
    return sorted(triggers, key=lambda t: t.start)


def locative(body: str, mention) -> bool:
    """Whether a place is where something happens: "à Kiev", "dans le centre de la capitale"."""
    return bool(LOCATIVE.search(body[max(0, mention.start - 30):mention.start]))


RELATIVE_PRONOUNS = {"où", "qui", "dont", "lequel", "laquelle", "auquel", "auxquels"}
MODALS = {"devoir", "pouvoir", "aller", "vouloir", "falloir", "venir"}


def governor(token):
    """The verb whose clause holds token; through modals ("devrait assister")
    to the finite verb."""
    steps = 0
    while token.pos_ not in ("VERB", "AUX") or token.dep_.startswith("aux"):
        if token.head.i == token.i or steps > 40:
            return token
        token, steps = token.head, steps + 1
    while token.dep_ == "xcomp" and token.head.lemma_ in MODALS:
        token = token.head
    return token


def subordinate(token) -> bool:
    """A participle, infinitive or relative clause hangs on a word of another
    clause: "Organisée sur la base de Ramstein, la réunion ..."."""
    # "où une session conjointe est prévue": a relative pronoun opens the clause.
    relative = any(c.lower_ in RELATIVE_PRONOUNS for c in token.children)
    return nonfinite(token) or token.dep_ in ("acl", "acl:relcl") or relative


def nonfinite(token) -> bool:
    """An infinitive, or a participle without auxiliary ("a confirmé" is finite)."""
    form = token.morph.get("VerbForm")
    return "Inf" in form or "Part" in form and not any(c.dep_.startswith("aux") for c in token.children)


def token_at(doc, offset):
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def attached(doc, trigger, offset) -> bool:
    """Whether the words at offset belong to the trigger: inside its phrase
    ("le sommet de Vilnius"), or in its clause ("se tiendra à Bruxelles le
    24 mars", "est arrivé à Kiev jeudi 20 avril"), climbing through
    participle and relative clauses but never into another finite clause."""
    head, target = token_at(doc, trigger.start), token_at(doc, offset)
    if head is None or target is None:
        return False
    phrase = set(t.i for t in head.subtree)
    own = governor(head)
    token, steps = target, 0
    while steps < 40:
        if token.i in phrase or token == own:
            return True
        if token.pos_ in ("VERB", "AUX") and not token.dep_.startswith("aux") and governor(token) == own:
            return True
        if token.pos_ in ("VERB", "AUX") and not token.dep_.startswith("aux") and not subordinate(token):
            return False
        if token.head.i == token.i:
            # A sentence opening on a participle ("Organisée sur la base de
            # Ramstein, ..., la réunion se déroulera") describes its subject.
            return nonfinite(token) and head.i in {t.i for t in token.subtree}
        token, steps = token.head, steps + 1
    return False


PLAN_VERBS = {"prévoir", "devoir", "programmer", "convoquer", "préparer", "aller", "annoncer", "envisager"}


def is_planned(doc, trigger) -> bool:
    """Planned, not held: "avant le sommet", "prévu mercredi", "se tiendra",
    "devrait assister"; otherwise the text reports it as held."""
    before = text_of(doc)[max(0, trigger.start - 14):trigger.start].lower()
    after = text_of(doc)[trigger.end:trigger.end + 40].lower()
    if re.search(r"\b(?:avant|jusqu'à) (?:le |la |l'|leur |un |une |son |sa |du |au )?$", before) or \
            re.search(r"\b(?:prochain|prochaine|futur|future)\s*$", before) or \
            re.match(r"\s*(?:[\w-]+\s+){0,3}?(?:prévu|prévue|programmé|programmée|à venir|prochain|prochaine)\b", after):
        return True
    token = token_at(doc, trigger.start)
    if token is None:
        return False
    verb = governor(token)
    while nonfinite(verb) and verb.head.i != verb.i:
        verb = governor(verb.head)
    for word in [verb, *(c for c in verb.children if c.dep_.startswith("aux"))]:
        if "Fut" in word.morph.get("Tense") or "Cnd" in word.morph.get("Mood") or word.lemma_ in PLAN_VERBS:
            return True
    return False


# "organisée ... par le secrétaire américain à la Défense Lloyd Austin",
# "à l'invitation de", "convoqué par", "accueillie par".
ORGANISED_BY = re.compile(r"(?i)\b(?:organis|convoqu|accueilli|présidé|coprésidé)\w*\b[^.;]{0,80}?\bpar\b|\bà l'(?:invitation|initiative) d[eu']")


# "les dirigeants du Danemark, de la Pologne et de la Belgique",
# "une session conjointe entre l'Ukraine et l'OTAN"
DELEGATES = re.compile(r"(?i)\b(?:dirigeants|ministres|représentants|délégations?|chefs d'[ÉE]tat|homologues|"
                       r"présidents|premiers ministres)\b(?:\s+[\w'-]+){0,3}?\s+(?:du|de la|de l'|des|d'|l'|la|le)?\s*$")
COUNTRY_LIST_GAP = re.compile(r"^\s*(?:,|et|ainsi que)?\s*(?:du|de la|de l'|des|d'|de|la|le|l')?\s*$")


def countries_taking_part(text: str, offset: int = 0) -> list:
    """(offset, ISO code) of the states whose delegates a sentence lists."""
    codes, previous = [], None
    for mention in find_countries(text, adjectives=False):
        if previous is None:
            if DELEGATES.search(text[max(0, mention.start - 60):mention.start]):
                codes.append((offset + mention.start, mention.place.country))
                previous = mention
        elif COUNTRY_LIST_GAP.match(text[previous.end:mention.start]):
            codes.append((offset + mention.start, mention.place.country))
            previous = mention
        else:
            previous = None
    return codes


def organiser_of(sentence, people_spans):
    """The person named right after "organisée par", "à l'invitation de"."""
    for match in ORGANISED_BY.finditer(text_of(sentence.doc)[sentence.start_char:sentence.end_char]):
        start = sentence.start_char + match.end()
        after = [(s, key) for s, e, key in people_spans if start <= s < start + 90]
        if after:
            return min(after)[1]
    return None


def choose_place(trigger, mention):
    if mention.place.kind == "site":
        return get_place(mention.place.parent_id), mention.place
    return mention.place, None


def attach(triggers, sentence, body, place_mentions, dates, people_spans):
    """Place, date and participants of each trigger from its sentence."""
    doc = sentence.doc
    s_start, s_end = sentence.start_char, sentence.end_char
    in_sentence = [p for p in place_mentions if s_start <= p.start < s_end and p.how != "adjective"]
    for i, trigger in enumerate(triggers):
        window_end = triggers[i + 1].start if i + 1 < len(triggers) else s_end
        after = [p for p in in_sentence if trigger.end <= p.start < window_end]
        # "le sommet de Vilnius": the place right after the noun; otherwise a locative one.
        candidates = [p for p in after if locative(body, p) or re.fullmatch(r"\s*(?:de|d')\s*(?:la |l')?", body[trigger.end:p.start])]
        if i == 0:
            candidates += [p for p in in_sentence if p.start < trigger.start and locative(body, p)]
        strict = [p for p in candidates if attached(doc, trigger, p.start)]
        if strict:
            trigger.place, trigger.venue = choose_place(trigger, strict[0])
        if candidates:
            trigger.loose_place, trigger.loose_venue = choose_place(trigger, candidates[0])
        region_start = triggers[i - 1].end if i else s_start
        in_reach = [d for d in dates if region_start <= d.start < window_end]
        strict_dates = [d for d in in_reach if attached(doc, trigger, d.start)]
        trigger.date = min(strict_dates, key=lambda d: abs(d.start - trigger.start)) if strict_dates else None
        trigger.planned = is_planned(doc, trigger)
        # Those named in the meeting's own clause: "le voyage de Stoltenberg", not
        # "Dmitri Peskov a déclaré" in the main clause around it.
        trigger.participants = {key for start, end, key in people_spans
                                if s_start <= start < s_end and attached(doc, trigger, start)}
        trigger.organiser = organiser_of(sentence, people_spans)
        trigger.countries = [code for start, code in countries_taking_part(body[s_start:s_end], s_start)
                             if attached(doc, trigger, start)]


def compatible_dates(a, b) -> bool:
    return a is None or b is None or a == b or a.startswith(b) or b.startswith(a)


def same_day_words(date, meeting) -> bool:
    """Undetermined dates still differ when the words differ: "lundi" is not "mercredi"."""
    if date is None or date.value or meeting.date_start or not meeting.date_expr:
        return True
    return date.expr.lower() == meeting.date_expr.lower()


def same_place(a, b) -> bool:
    return a is None or b is None or a.id == b.id


def merge_into(meetings, trigger) -> Optional[Meeting]:
    """The earlier meeting this trigger mentions again, if any."""
    date = trigger.date.value if trigger.date else None
    for meeting in reversed(meetings):
        if trigger.name and meeting.name == trigger.name:
            return meeting
    for meeting in reversed(meetings):
        if KIND_CLASS[trigger.kind] != meeting.kind_class or not compatible_dates(date, meeting.date_start):
            continue
        # "le sommet de l'alliance à Vilnius" ... "leur sommet de Vilnius": one summit.
        if trigger.place and meeting.place and trigger.place.id == meeting.place.id \
                and not (trigger.name and meeting.name) and (not trigger.name or trigger.kind == meeting.kind) \
                and same_day_words(trigger.date, meeting):
            return meeting
    if trigger.name:
        return None
    for meeting in reversed(meetings):
        if KIND_CLASS[trigger.kind] != meeting.kind_class or not compatible_dates(date, meeting.date_start):
            continue
        # "Sa visite intervient ...", "la visite surprise de Stoltenberg": the one already told.
        if not trigger.place and trigger.definite:
            return meeting
    if trigger.generic and trigger.place:
        for meeting in reversed(meetings):
            if meeting.place and meeting.place.id == trigger.place.id and compatible_dates(date, meeting.date_start):
                return meeting
    if trigger.generic and trigger.definite and not trigger.place and meetings:
        # "la vidéoconférence de vendredi": the meeting already called so;
        # else the one the story is about (most mentioned, then latest).
        noun = trigger.text.lower()
        same_noun = [m for m in meetings if any(x.text.lower() == noun for x in m.mentions)]
        if same_noun:
            return same_noun[-1]
        return max(reversed(meetings), key=lambda m: len(m.mentions))
    # "la visite de M. Kuleba au siège de l'Alliance": the meeting he has there.
    if trigger.kind == "visit" and trigger.place:
        for meeting in reversed(meetings):
            if meeting.kind_class == "meeting" and meeting.place and meeting.place.id == trigger.place.id \
                    and trigger.participants & set(meeting.participant_keys):
                return meeting
    return None


def extract_meetings(doc, sentences, place_mentions, people, anchor) -> list:
    """Meetings of a parsed article, merged within it."""
    body = text_of(doc)
    people_spans = [(m.start, m.end, p.key) for p in people for m in p.mentions]
    meetings = []
    for sentence in sentences.spans:
        triggers = find_triggers(sentence, sentence.start_char)
        if not triggers:
            continue
        # "se rencontreront lundi": a weekday in a future sentence is the next one.
        future = any("Fut" in t.morph.get("Tense") for t in sentence if t.pos_ in ("VERB", "AUX"))
        tense = "future" if future else None
        dates = find_dates(body[sentence.start_char:sentence.end_char], anchor, tense)
        for d in dates:
            d.start += sentence.start_char
            d.stop += sentence.start_char
        attach(triggers, sentence, body, place_mentions, dates, people_spans)
        previous_in_sentence = previous_trigger = None
        for trigger in triggers:
            mention = MeetingMention(trigger.start, trigger.end, body[trigger.start:trigger.end])
            target = merge_into(meetings, trigger)
            if target is None and previous_in_sentence and not trigger.place and not trigger.name \
                    and (trigger.generic or previous_trigger.verb
                         or KIND_CLASS[trigger.kind] == KIND_CLASS[previous_trigger.kind]) \
                    and KIND_CLASS[previous_trigger.kind] not in ("visit", "press") \
                    and (attached(sentence.doc, trigger, previous_trigger.start)
                         or attached(sentence.doc, previous_trigger, trigger.start)):
                target = previous_in_sentence  # "une réunion ... par vidéoconférence"
            if target is None:
                if trigger.kind == "visit" and not trigger.place:
                    # A visit is a trip to the place the sentence names: "cette visite ... dans la capitale".
                    trigger.place, trigger.venue = trigger.loose_place, trigger.loose_venue
                if not (trigger.place or trigger.date or trigger.name or trigger.singular):
                    continue  # "des pourparlers", "Discussions entre ...": no one meeting
                if trigger.kind == "council" and not (trigger.place or trigger.date) \
                        and not trigger.text.lower().startswith(("réunion", "session")):
                    continue  # "le Conseil de sécurité a voté": the body, not a meeting of it
                target = Meeting(kind=trigger.kind)
                meetings.append(target)
            update(target, trigger, mention)
            previous_in_sentence, previous_trigger = target, trigger
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
    for code in trigger.countries:
        if code not in meeting.participant_countries:
            meeting.participant_countries.append(code)
    if trigger.organiser and not meeting.organiser_key:
        meeting.organiser_key = trigger.organiser
    for key in sorted(trigger.participants):
        if key not in meeting.participant_keys:
            meeting.participant_keys.append(key)
