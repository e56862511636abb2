"""Meetings: summits, councils, talks, press conferences and visits.

A meeting is found from a noun ("le sommet de Vilnius", "un point presse à
Kiev"), a verb ("se rencontreront lundi à Bruxelles", "les ministres réunis à
Oslo") or a collective of member states deciding somewhere ("les pays de
l'Otan vont décider à Madrid"). Its place and date are the nearest ones the
sentence attaches to it. Mentions of one meeting in an article are merged:
same name, or same kind and place with dates that agree, or a definite
"la réunion" that refers back to the last meeting.
"""
import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

from . import lexicon
from .dates import find_dates, resolve_date
from .places import get_place
from .nlp import conditional, text_of

CUES = yaml.safe_load((Path(__file__).parent / "data" / "meetings.yml").read_text(encoding="utf-8"))
SUMMIT_OF = {w.lower() for w in CUES["summit_of_words"]}
INTERVIEW_NOUNS, INTERVIEW_VERBS = set(CUES["interview_nouns"]), set(CUES["interview_verbs"])
REMOTE, MEDIA = set(CUES["remote_words"]), set(CUES["media_words"])
COUNCIL_BEFORE, COUNCIL_VERBS = CUES["council_gathering_before"], set(CUES["council_gathering_verbs"])
PRESS_WORDS, CROWD, PERSON_NOUNS = CUES["press_words"], set(CUES["crowd_nouns"]), set(CUES["person_nouns"])
GATHERING_VERBS, PERSON_VERBS, VISIT_VERBS = CUES["verbs"], set(CUES["person_verbs"]), set(CUES["visit_verbs"])
REFLEXIVE_VISIT_VERBS, VISIT_IDIOMS = set(CUES["reflexive_visit_verbs"]), CUES["visit_idioms"]
MEALS, MEAL_AFTER, MEAL_BEFORE = set(CUES["meal_nouns"]), CUES["meal_cues_after"], CUES["meal_cues_before"]
VISIT_OWNERS = set(CUES["visit_owner_determiners"])
CROWD_SIZE, RALLY_VERBS = CUES["crowd_size"], set(CUES["rally_verbs"])
NOT_MEETING_MODIFIERS, INTERVIEW_OWNERS = set(CUES["not_meeting_modifiers"]), set(CUES["interview_owners"])
NOT_MEETING_COMPLEMENTS, WEAK_VISITS = set(CUES["not_meeting_complements"]), set(CUES["weak_visit_nouns"])
NEED_A_PLACE, SUMMIT_LEVEL_SUBJECTS = set(CUES["need_a_place"]), set(CUES["summit_level_subjects"])
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
    needs_place: bool = False     # "les négociations": one meeting only where a place is given
    owned: bool = False           # "sa visite", "cette visite": someone's, or the one already told
    more_places: list = field(default_factory=list)  # "un déplacement à Athènes et Ankara": one visit each
    name: Optional[str] = None
    place: object = None
    venue: object = None
    loose_place: object = None   # a locative place of the sentence not attached to the word
    loose_venue: object = None
    date: object = None
    status: str = "held"
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


def cue_set(name) -> set:
    return {w.lower() for w in CUES[name]}


NOUN_KIND = {noun: kind for kind, nouns in CUES["nouns"].items() for noun in nouns}
GENERIC = cue_set("generic_nouns")
DETERMINERS = {"l'", "la", "le", "les", "un", "une", "des", "d'", "du", "de", "ce", "cet", "cette", "ces",
               "son", "sa", "ses", "leur", "leurs", "au", "aux", "notre", "nos", "votre", "vos"}
PLURAL_DETERMINERS = {"", "les", "des", "ces", "ses", "leurs", "d'", "de", "aux", "nos", "vos"}
_MATCHERS = {}


def noun_matcher(vocab):
    """A PhraseMatcher of the meeting nouns on lower-case tokens, built once
    per vocabulary: "sommet", "point presse", "conférence de presse"."""
    if id(vocab) not in _MATCHERS:
        from spacy.matcher import PhraseMatcher
        from .nlp import make_doc
        matcher = PhraseMatcher(vocab, attr="LOWER")
        for noun, kind in NOUN_KIND.items():
            matcher.add(kind, [make_doc(vocab, noun)])
        _MATCHERS[id(vocab)] = matcher
    return _MATCHERS[id(vocab)]


def determiner(doc, i, floor) -> str:
    """The determiner before the noun at i, over adjectives: "le prochain sommet" -> "le"."""
    j = i - 1
    while j >= floor and doc[j].pos_ == "ADJ" and i - j <= 2:
        j -= 1
    word = doc[j].lower_ if j >= floor else ""
    return word if word in DETERMINERS else ""


def proper_name(doc, span, floor) -> bool:
    """"La Réunion", "un élu de la Réunion": a capitalised noun inside a
    sentence after an article, and not "le Sommet de l'OTAN"."""
    if not span[0].text[:1].isupper() or span.start <= floor:
        return False
    follow = doc[span.end].lower_ if span.end < len(doc) else ""
    return doc[span.start - 1].lower_ in ("la", "le", "les", "l'") and follow not in ("de", "du", "des", "d'")


def figurative_summit(doc, span) -> bool:
    """"au sommet de sa carrière", "le sommet du mont Blanc", "au sommet de l'État"."""
    tokens = doc[span.end:span.end + 3]
    if not len(tokens) or tokens[0].lower_ not in ("de", "du", "des", "d'"):
        return False
    word = next((t for t in tokens[1:] if t.pos_ != "DET" and t.lower_ not in ("l'", "la", "le", "les")), None)
    if word is None or word.text in ("État", "Etat"):
        return word is not None
    return word.text[:1].islower() and word.lower_ not in SUMMIT_OF and not word.like_num


def interview(doc, span, places) -> bool:
    """"un entretien au Monde", "une interview à la radio", "un entretien accordé
    à CNN", "l'entretien publié dimanche", "dans un entretien", and calls:
    "un entretien téléphonique"."""
    noun = doc[span.end - 1]
    if noun.lower_ not in INTERVIEW_NOUNS:
        return False
    after = doc[span.end:span.end + 3]
    if any(t.lower_ in REMOTE for t in after) or any(t.lower_ in REMOTE for t in noun.subtree):
        return True
    if any(c.lemma_ in INTERVIEW_VERBS for c in noun.children if c.dep_.startswith("acl")) or \
            noun.head.lemma_ in INTERVIEW_VERBS and noun.dep_ == "obj":
        return True
    follow = after[0].lower_ if len(after) else ""
    if follow in ("de", "du", "des", "d'") and not any(person(t) for t in after[1:]):
        return True  # "l'entretien de cet ancien camp": upkeep
    before = doc[max(0, span.start - 2):span.start]
    if len(before) and before[-1].lower_ in INTERVIEW_OWNERS and follow != "avec":
        return True  # "durant son entretien, il a exprimé son mécontentement"
    if follow in ("à", "au", "aux", "sur"):
        # "un entretien à Moscou" is a meeting; "un entretien au Monde" an interview.
        return not any(p.start == after[1].idx or p.start == after[min(2, len(after) - 1)].idx for p in places) \
            if len(after) > 1 else True
    if follow == "avec":
        # "un entretien avec CNN", "avec le Centre pour le dialogue" (an organisation, no person)
        return any(t.text in MEDIA for t in after[1:]) or not any(person(t) for t in after[1:])
    return len(before) == 2 and before[0].lower_ == "dans" and follow not in ("entre",)


def quoted_word(text, span) -> bool:
    """A word cited, not an event: 'dont les noms signifient "réunion"'."""
    return text[span.start_char - 1:span.start_char] in ('"', "«", "“") and \
        text[span.end_char:span.end_char + 2].strip()[:1] in ('"', "»", "”")


def predicate(noun) -> bool:
    """"chaque session est une rencontre entre les générations": a comparison,
    not an event; "est en visite à Paris" is one."""
    return any(c.dep_ == "cop" for c in noun.children) and not any(c.dep_ == "case" for c in noun.children)


def meal(text, span) -> bool:
    """A meal that is no meeting: "un kebab au déjeuner"; "lors d'un déjeuner",
    "un dîner de travail", "un déjeuner avec le président" are meetings."""
    if span.text.lower() not in MEALS:
        return False
    before, after = text[max(0, span.start_char - 20):span.start_char].lower(), text[span.end_char:span.end_char + 20].lower()
    return not (any(re.search(r"\b" + re.escape(cue) + r"\s*(?:une?\s+)?$", before) for cue in MEAL_BEFORE)
                or any(re.match(r"[\s,]+" + re.escape(cue) + r"\b", after) for cue in MEAL_AFTER))


def council_gathered(doc, span, text_after_start) -> bool:
    """A council named alone is a meeting only when something gathers it:
    "lors du Conseil européen", "le Conseil OTAN-Russie se réunira", "prévu
    mercredi", "un conseil des ministres jeudi"."""
    before = " " + " ".join(t.lower_ for t in doc[max(0, span.start - 3):span.start]).replace("' ", "'")
    if any(before.endswith(" " + w) for w in COUNCIL_BEFORE):
        return True
    noun = span[0]
    verbs = [noun.head] + [c for c in noun.children if c.dep_.startswith("acl")]
    return any(v.lemma_ in COUNCIL_VERBS for v in verbs)


def noun_trigger(doc, span, sentence, places) -> Optional["Trigger"]:
    """The trigger of one meeting noun, or None when it is no meeting."""
    text = text_of(doc)
    noun = span.text.lower()
    kind = NOUN_KIND[noun]
    start, end = span.start_char, span.end_char
    det = determiner(doc, span.start, sentence.start)
    if span[-1].pos_ in ("VERB", "AUX") or proper_name(doc, span, sentence.start) and kind != "council":
        return None  # "cette page a été tournée", "un élu de la Réunion"
    if kind == "summit" and figurative_summit(doc, span):
        return None
    if interview(doc, span, places) or predicate(span[-1]) or meal(text, span) or quoted_word(text, span) \
            or any(c.lemma_.lower() in NOT_MEETING_MODIFIERS or c.dep_ == "nmod" and c.lower_ in NOT_MEETING_COMPLEMENTS
                   and any(g.lower_ == "de" for g in c.children) for c in span[-1].children) \
            or span[-1].dep_ == "obj" and crowd(span[-1].head):
        return None  # "une tournée médiatique", "les visiteurs ont réservé leur visite"
    if kind == "council":
        named = lexicon.COUNCIL_NAME.match(text, start)
        # « Conseil OTAN-Ukraine » in quotation marks is a name under discussion.
        if not named or text[:start].rstrip()[-1:] in ("«", '"', "“") or not council_gathered(doc, span, named.end()):
            return None
        return Trigger(start, named.end(), named.group(0), "council", name=named.group(0), definite=True)
    # "les réunions au niveau des ministres": a plural of a generic word is no one meeting.
    if det in ("les", "des", "ces") and noun.rstrip("s") in GENERIC and noun.endswith("s"):
        return None
    if start > 0 and re.search(r"\b(?:aucune?|nul|nulle|pas de|sans)\s+(?:\w+\s+)?$", text[max(0, start - 20):start], re.I):
        return None  # "aucune réunion n'est prévue", "sans visite officielle"
    if noun == "réunion" and re.search(r"\ben\s+$", text[max(0, start - 4):start]):
        return None  # "violences en réunion", "il était en réunion": a manner, not one meeting
    if any(text[:end].endswith(idiom) for idiom in VISIT_IDIOMS):
        kind = "visit"  # "ira mercredi à la rencontre des gilets jaunes à La Réunion"
    trigger = Trigger(start, end, span.text, kind, generic=noun in GENERIC and kind != "visit", definite=det in DEFINITE,
                      owned=det in VISIT_OWNERS,
                      singular=det not in PLURAL_DETERMINERS, needs_place=noun in NEED_A_PLACE)
    name_trigger(trigger, text, span)
    return trigger


def name_trigger(trigger, text, span):
    """Names and the kind a noun's complement gives: "la réunion du Conseil
    OTAN-Russie", "le sommet de Vilnius", "la réunion du Groupe de contact",
    "une rencontre avec des journalistes" (a press conference)."""
    after = text[span.end_char:span.end_char + 60]
    if trigger.generic:
        council = lexicon.COUNCIL_NAME.match(after, re.match(r"\s*(?:du|de la|de l')?\s*", after).end())
        if council:
            trigger.kind, trigger.name, trigger.generic = "council", council.group(0), False
            trigger.end = span.end_char + council.end()
            return
        if re.match(r"\s+avec\s+(?:les |des |la )?(?:" + "|".join(PRESS_WORDS) + r")\b", after):
            trigger.kind, trigger.generic = "press_conference", False
            return
    summit_of = re.match(r"\s+(?:de l'OTAN |de l'Otan |de l'Alliance )?(?:de|d') ?(?P<city>[A-ZÀ-Ý][\w-]+)", after) \
        if trigger.kind == "summit" else None
    if summit_of and summit_of.group("city") not in ("OTAN", "Otan", "Alliance", "l'OTAN"):
        trigger.name = f"sommet de {summit_of.group('city')}"
    club = re.match(r"\s+du\s+(?P<club>G\d+|[A-Z]{3,})\b", after) if trigger.kind == "summit" else None
    if club and club.group("club") not in ("OTAN",):
        trigger.name = f"sommet du {club.group('club')}"  # "le prochain sommet du G7"
    group = lexicon.GROUP_NAME.search(after[:60]) if re.match(r"\s+du\s+", after) else None
    if group:
        trigger.name, trigger.generic = group.group(0).strip(), False


def crowd(token) -> bool:
    """Crowds and rallies: "des milliers de manifestants se sont réunis", "plus
    de 200 policiers se sont réunis ... pour protester"."""
    subjects = [c for c in token.children if c.dep_.startswith("nsubj")]
    if token.dep_ in ("acl", "amod"):
        subjects.append(token.head)
    if any(c.lemma_.lower() in RALLY_VERBS for c in token.children if c.dep_ in ("advcl", "xcomp")):
        return True
    return any(s.lemma_.lower() in CROWD or s.lower_ in CROWD or large_number(s) and not person(s)
               or any(c.lemma_.lower() in CROWD for c in s.children if c.dep_ == "nmod") for s in subjects)


def large_number(noun) -> bool:
    numbers = [c.text.replace(".", "").replace(" ", "") for c in noun.children if c.dep_ == "nummod"]
    return any(n.isdigit() and int(n) >= CROWD_SIZE for n in numbers)


def person(token) -> bool:
    """A person as object: "le président", "Emmanuel Macron", "en le recevant"."""
    return token.pos_ == "PROPN" or token.lemma_.lower() in PERSON_NOUNS or token.lower_ in PERSON_NOUNS \
        or token.pos_ == "PRON" and token.lower_ in ("le", "la", "les", "l'", "lui", "eux", "elle")


def negated(token) -> bool:
    """"n'a jamais reçu", "ne se sont pas rencontrés": no meeting took place."""
    return any(c.lower_ in ("ne", "n'") for c in token.children)


def reflexive(token) -> bool:
    return any(c.lower_ in ("se", "s'", "nous", "vous") for c in token.children)


def gathering_verb(token) -> Optional[str]:
    """The kind a verb reports, or None: "se réuniront", "les ministres réunis
    à Oslo", "a rencontré le président", "doit recevoir le président chinois";
    not "a réuni les militants", "réunir des preuves", "a rencontré un vif succès"."""
    lemma = token.lemma_.lower()
    if lemma not in GATHERING_VERBS or token.pos_ not in ("VERB", "ADJ") or crowd(token) or negated(token):
        return None
    participle = "Part" in token.morph.get("VerbForm") and nonfinite(token)
    if reflexive(token):
        return GATHERING_VERBS[lemma]
    if participle and token.dep_ in ("acl", "amod"):
        return GATHERING_VERBS[lemma] if person(token.head) else None
    if lemma in PERSON_VERBS:
        infinitive = "Inf" in token.morph.get("VerbForm")
        if infinitive and not (token.head.lemma_ in MODALS and token.dep_ == "xcomp"):
            return None
        # "a reçu jeudi à Ankara le Premier ministre": the parser may hang the
        # person on the place (appos) when a weekday took the object slot.
        objects = [t for t in token.subtree if t.dep_ in ("obj", "nsubj:pass", "appos")
                   and (t.head == token or t.head.head == token)]
        return GATHERING_VERBS[lemma] if any(person(o) for o in objects) else None
    return GATHERING_VERBS[lemma] if participle else None


def in_clause(token, verb, depth=4) -> bool:
    """token hangs on verb without another verb between them."""
    for _ in range(depth):
        if token.head == verb:
            return True
        if token.head.pos_ in ("VERB", "AUX") or token.head == token:
            return False
        token = token.head
    return False


def visit_verb(token, places) -> bool:
    """"s'est rendu lundi à Berlin", "est attendu jeudi à Ankara", "s'envolant
    mardi pour trois jours au Danemark": a trip to a place."""
    lemma = token.lemma_.lower()
    if lemma not in VISIT_VERBS or token.pos_ != "VERB":
        return False
    if lemma in REFLEXIVE_VISIT_VERBS and not reflexive(token):
        return False
    if lemma == "attendre" and not any(c.dep_ == "aux:pass" for c in token.children):
        return False
    depth = 4
    if lemma == "aller":
        # "va décider à Madrid", "il en va ainsi": no trip; "ira mercredi à Rennes": one.
        if any("Inf" in c.morph.get("VerbForm") or c.lower_ in ("en", "y") for c in token.children) or \
                "jusqu'" in {t.lower_ for t in token.subtree}:
            return False  # "aller jusqu'à LFI": as far as
        depth = 1
    starts = {p.start for p in places}
    return any(t.idx in starts and any(c.lower_ in ("à", "en", "au", "aux") for c in t.children)
               and in_clause(t, token, depth) for t in token.subtree)


def find_triggers(sentence, text_offset: int, places=()) -> list:
    """Meeting words of one sentence, in order."""
    doc = sentence.doc
    triggers = []
    for _, begin, end in noun_matcher(doc.vocab)(doc[sentence.start:sentence.end]):
        span = doc[begin:end]  # a Span given to the matcher yields Doc offsets
        if any(t.start <= span.start_char < t.end for t in triggers):
            continue
        trigger = noun_trigger(doc, span, sentence, places)
        if trigger:
            triggers = [t for t in triggers if not (trigger.start <= t.start < trigger.end)] + [trigger]
    for token in sentence:
        kind = gathering_verb(token)
        if kind:
            # "les dirigeants de l'OTAN se retrouveront": leaders meeting make a summit.
            level = [c for c in token.children if c.dep_ == "nsubj" and
                     {c.lemma_.lower(), c.lower_} & SUMMIT_LEVEL_SUBJECTS and "Plur" in c.morph.get("Number")]
            triggers.append(Trigger(token.idx, token.idx + len(token.text), token.text,
                                    "summit" if level else kind, generic=True, verb=True, singular=False))
        elif visit_verb(token, places):
            triggers.append(Trigger(token.idx, token.idx + len(token.text), token.text, "visit",
                                    verb=True, singular=True))
    collective = collective_trigger(sentence, triggers, places)
    return sorted(triggers + collective, key=lambda t: t.start)


COLLECTIVE, COLLECTIVE_OF = set(CUES["collective_subjects"]), set(CUES["collective_of"])
COLLECTIVE_SUMMIT = set(CUES["collective_summit"])


def collective(token) -> bool:
    """"les pays de l'Otan", "les 30 membres", "les alliés": the members together."""
    if token.lemma_.lower() not in COLLECTIVE or "Plur" not in token.morph.get("Number") or token.dep_ != "nsubj":
        return False
    return token.lemma_.lower() == "allié" or any(
        c.dep_ == "nummod" or c.dep_ == "nmod" and c.lower_ in COLLECTIVE_OF for c in token.children)


def collective_trigger(sentence, triggers, places) -> list:
    """Members acting together in a city gather there: "les pays de l'Otan
    vont décider à Madrid" (a summit), not "les alliés livrent des armes à l'Ukraine"."""
    if any(t.kind == "summit" or t.verb for t in triggers):
        return []
    cities = {p.start for p in places if p.place.kind in ("city", "site")}
    for subject in (t for t in sentence if collective(t)):
        verbs = [subject.head, *(c for c in subject.head.children if c.dep_ == "xcomp")]
        if any(t.idx in cities and any(c.lower_ == "à" for c in t.children) and any(in_clause(t, v) for v in verbs)
               for t in sentence):
            kind = "summit" if subject.lemma_.lower() in COLLECTIVE_SUMMIT else "meeting"
            return [Trigger(subject.idx, subject.idx + len(subject.text), subject.text, kind,
                            generic=True, verb=True, singular=False)]
    return []


def locative(body: str, mention) -> bool:
    """Whether a place is where something happens: "à Kiev", "dans le centre
    de la capitale", "au Caire" (the mention holds its own "au")."""
    before = body[max(0, mention.start - 30):mention.start]
    # "consacré à l'Ukraine", "l'aide à la Pologne": "à" before a country is a dative, not a place.
    if mention.place.kind == "country" and re.search(r"(?i)\bà\s+(?:la|le|les|l')\s*$", before):
        return False
    return bool(LOCATIVE.search(before) or re.match(r"(?i)(?:au|aux|à)\s", body[mention.start:mention.end]))


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
    if head.dep_ in ("acl", "amod") and head.pos_ == "VERB":
        # "les chefs d'État réunis en sommet jeudi à Bruxelles": the parser
        # often hangs the participle's date and place on the noun it describes.
        phrase |= {t.i for c in head.head.children if c.i > head.i for t in c.subtree}
    phrase_relative = {t.i for t in relative_after(head)}
    phrase |= phrase_relative  # "un sommet qui devait se tenir ... à Bruxelles"
    own = governor(head)
    token, steps = target, 0
    while steps < 40:
        if token.i in phrase or token == own:
            return True
        if token.pos_ in ("VERB", "AUX") and not token.dep_.startswith("aux") and governor(token) == own:
            return True
        if token.pos_ in ("VERB", "AUX") and not token.dep_.startswith("aux") and not subordinate(token):
            return False
        relative = token.dep_ in ("acl", "acl:relcl") or any(c.lower_ in RELATIVE_PRONOUNS for c in token.children)
        if relative and token.pos_ in ("VERB", "AUX") and token.head != head and \
                token.i not in phrase_relative and token.lemma_.lower() not in MEETING_CLAUSE_VERBS:
            return False  # "son homologue, qui avait été exclu en 2014": another noun's clause
        if token.head.i == token.i:
            # A sentence opening on a participle ("Organisée sur la base de
            # Ramstein, ..., la réunion se déroulera") describes its subject.
            return nonfinite(token) and head.i in {t.i for t in token.subtree}
        token, steps = token.head, steps + 1
    return False


PLAN_VERBS, PLANNED_OBJECTS = set(CUES["planned"]), set(CUES["planned_objects"])
CANCELLED, POSTPONED, OCCURRENCE = set(CUES["cancelled"]), set(CUES["postponed"]), set(CUES["occurrence"])
# How sure each status is: a cancellation overrides a plan, an explicit past
# ("s'est ouvert") overrides a later "doit permettre", the default "held" nothing.
# Verbs whose relative clause tells of the meeting even when the parser hung
# it on another noun: "la réunion des ministres, qui se tiendra mardi".
MEETING_CLAUSE_VERBS = (OCCURRENCE - {"rendre"}) | PLAN_VERBS | CANCELLED | POSTPONED  # "qui ont rendu des propositions"
STATUS_STRENGTH = {"cancelled": 3, "postponed": 3, "held!": 2, "planned": 1, "held": 0}


def clause_verbs(token) -> list:
    """The verb of the clause that holds token, the participles that describe
    it ("la réunion prévue lundi") and the verbs above a nonfinite one."""
    verb = governor(token)
    # "un sommet qui devait se tenir ... avant d'être reporté": its own clauses too.
    verbs = [verb, *(t for c in token.children if c.dep_.startswith("acl") for t in c.subtree if t.pos_ == "VERB")]
    verbs += [t for t in relative_after(token) if t.pos_ == "VERB"]
    while nonfinite(verb) and verb.head.i != verb.i:
        verb = governor(verb.head)
        verbs.append(verb)
    return verbs


def relative_after(token) -> list:
    """The relative clause opening right after a noun ("un sommet européen qui
    devait ..."), even where the parser hung it on another word."""
    doc, j = token.doc, token.i + 1
    while j < len(doc) and doc[j].pos_ == "ADJ":
        j += 1
    if j < len(doc) and doc[j].lower_ == "qui" and doc[j].head.i != token.i:
        return list(doc[j].head.subtree)
    return []


def past(verb) -> bool:
    """"s'est tenu", "a eu lieu", "avait reçu", "se tint": a past finite clause."""
    auxes = [c for c in verb.children if c.dep_ == "aux:tense"]
    return "Past" in verb.morph.get("Tense") and (bool(auxes) or "Fin" in verb.morph.get("VerbForm")) \
        or any("Imp" in a.morph.get("Tense") for a in auxes)


def mention_status(doc, trigger) -> str:
    """cancelled, postponed, planned, held! (said in the past) or held (by default)."""
    token = token_at(doc, trigger.start)
    if token is None:
        return "held"
    verbs = clause_verbs(token)
    lemmas = {v.lemma_.lower() for v in verbs} | ({token.head.lemma_.lower()} if token.dep_ == "obj" else set())
    if lemmas & CANCELLED:
        return "cancelled"
    if lemmas & POSTPONED:
        return "postponed"
    if is_planned(doc, trigger):
        return "planned"
    main = verbs[0]
    if past(main) and (main.lemma_.lower() in OCCURRENCE or main.i == token.i):
        return "held!"
    return "held"


PLANNED_CASE, PLANNED_AMOD, PLANNED_ACL = set(CUES["planned_case"]), set(CUES["planned_amod"]), set(CUES["planned_acl"])


def planned_noun(token) -> bool:
    """"avant le sommet", "le prochain sommet", "la réunion prévue lundi", "à venir"."""
    for child in token.children:
        lemma = child.lemma_.lower()
        if child.dep_ in ("case", "mark", "advmod") and (child.lower_ in PLANNED_CASE or lemma in PLANNED_CASE) \
                or child.dep_ == "amod" and lemma in PLANNED_AMOD \
                or child.dep_.startswith("acl") and lemma in PLANNED_ACL and "Fin" not in child.morph.get("VerbForm"):
            return True
    return False


def is_planned(doc, trigger) -> bool:
    """Planned, not held: "avant le sommet", "prévu mercredi", "se tiendra",
    "devrait assister"; otherwise the text reports it as held."""
    token = token_at(doc, trigger.start)
    if token is None:
        return False
    if planned_noun(token) or token.dep_ in ("obj", "nsubj:pass") and (
            token.head.lemma_ in PLANNED_OBJECTS or "Inf" in token.head.morph.get("VerbForm")):
        return True  # "a annoncé un sommet", "ont décidé d'organiser un sommet"
    verb = governor(token)
    chain = [verb]
    while nonfinite(verb) and verb.head.i != verb.i:
        verb = governor(verb.head)
        chain.append(verb)
    # "sera en visite": the copula carries the tense; "ont décidé d'organiser un sommet".
    for word in [*chain, *(c for c in verb.children if c.dep_.startswith("aux") or c.dep_ == "cop")]:
        if "Fut" in word.morph.get("Tense") or conditional(word) or word.lemma_ in PLAN_VERBS:
            return True
    return False


def tense_at(doc, offset) -> Optional[str]:
    """The tense of the clause a date belongs to, for weekdays and "le 4":
    "se réuniront mardi" future, "se réunissent jeudi" present, "a reçu mardi" past."""
    token = token_at(doc, offset)
    if token is None:
        return None
    verb = governor(token)
    # "en s'envolant mardi", "réunis jeudi": a participle takes the tense of its clause.
    while nonfinite(verb) and verb.lemma_ not in PLAN_VERBS and verb.head.i != verb.i:
        verb = governor(verb.head)
    words = [verb, *(c for c in verb.children if c.dep_.startswith("aux") or c.dep_ == "cop")]
    if any("Fut" in w.morph.get("Tense") or conditional(w) for w in words) or verb.lemma_ in PLAN_VERBS:
        return "future"
    if past(verb):
        return "past"
    if "Pres" in verb.morph.get("Tense") and "Fin" in verb.morph.get("VerbForm"):
        return "present"
    return None


# "organisée ... par le secrétaire américain à la Défense Lloyd Austin",
# "à l'invitation de", "convoqué par", "accueillie par".
ORGANISED_BY = re.compile(r"(?i)\b(?:organis|convoqu|accueilli|présidé|coprésidé)\w*\b[^.;]{0,80}?\bpar\b|\bà l'(?:invitation|initiative) d[eu']")


# "les dirigeants du Danemark, de la Pologne et de la Belgique",
# "une session conjointe entre l'Ukraine et l'OTAN"
DELEGATES = re.compile(r"(?i)\b(?:dirigeants|ministres|représentants|délégations?|chefs d'[ÉE]tat|homologues|"
                       r"présidents|premiers ministres)\b(?:\s+[\w'-]+){0,3}?\s+(?:du|de la|de l'|des|d'|l'|la|le)?\s*$")
COUNTRY_LIST_GAP = re.compile(r"^\s*(?:,|et|ainsi que)?\s*(?:du|de la|de l'|des|d'|de|la|le|l')?\s*$")


def countries_taking_part(body: str, mentions, floor: int = 0) -> list:
    """(offset, ISO code) of the states whose delegates a sentence lists,
    from the country mentions (by name) of that sentence, which starts at floor."""
    codes, previous = [], None
    for mention in mentions:
        if previous is None:
            if DELEGATES.search(body[max(floor, mention.start - 60):mention.start]):
                codes.append((mention.start, mention.place.country))
                previous = mention
        elif COUNTRY_LIST_GAP.match(body[previous.end:mention.start]):
            codes.append((mention.start, mention.place.country))
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


def attach(triggers, sentence, body, place_mentions, dates, people_spans, anchor=None, countries=()):
    """Place, date, status and participants of each trigger from its sentence
    (countries: the sentence's country mentions by name)."""
    doc, s_start, s_end = sentence.doc, sentence.start_char, sentence.end_char
    in_sentence = [p for p in place_mentions if s_start <= p.start < s_end and p.how != "adjective"]
    taking_part = countries_taking_part(body, countries, s_start)
    for i, trigger in enumerate(triggers):
        # Up to the next meeting word, past those that only name this one: "réunis en sommet ... à Bruxelles".
        later = [t for t in triggers[i + 1:] if not depends_on(doc, t, trigger)]
        window_end = later[0].start if later else s_end
        strict = attach_place(doc, body, trigger, in_sentence, window_end, first=i == 0)
        trigger.status = mention_status(doc, trigger)
        region_start = triggers[i - 1].end if i else s_start
        attach_date(doc, trigger, [d for d in dates if region_start <= d.start < window_end], anchor)
        if trigger.kind == "visit" and strict:
            trigger.more_places = coordinated_places(doc, strict[0], in_sentence)
        # Those named in the meeting's own clause: "le voyage de Stoltenberg", not
        # "Dmitri Peskov a déclaré" in the main clause around it.
        trigger.participants = {key for start, end, key in people_spans
                                if s_start <= start < s_end and attached(doc, trigger, start)}
        trigger.organiser = organiser_of(sentence, people_spans)
        trigger.countries = [code for start, code in taking_part if attached(doc, trigger, start)]


def quoted(body, offset, limit) -> bool:
    """Whether offset lies inside a quotation that closes before limit."""
    opened = body.rfind("«", 0, offset) > body.rfind("»", 0, offset)
    straight = body.count('"', 0, offset) % 2 == 1
    return (opened or straight) and any(c in body[offset:limit] for c in '»"')


def depends_on(doc, trigger, other) -> bool:
    """trigger's word hangs right on other's: "réunis en sommet"."""
    a, b = token_at(doc, trigger.start), token_at(doc, other.start)
    return a is not None and b is not None and a.head == b and a != b


def attach_place(doc, body, trigger, in_sentence, window_end, first) -> list:
    """The place the trigger's phrase or clause gives: "le sommet de Vilnius",
    "se tiendra à Bruxelles"; returns the attached candidates, best first."""
    after = [p for p in in_sentence if trigger.end <= p.start < window_end]
    # "le sommet de Vilnius": the place right after the noun; otherwise a locative one.
    candidates = [p for p in after if locative(body, p) or re.fullmatch(r"\s*(?:de|d')\s*(?:la |l')?", body[trigger.end:p.start])]
    if first:
        # Not from a quotation: « ... la politique turque en Libye », a déclaré X lors d'une conférence de presse.
        candidates += [p for p in in_sentence if p.start < trigger.start and locative(body, p)
                       and not quoted(body, p.start, trigger.start)]
    # After the word before before it; where it happens before what it is of ("le sommet
    # de l'Union africaine à Addis-Abeba"); a city before its country ("en Roumanie ... à Bucarest").
    strict = sorted((p for p in candidates if attached(doc, trigger, p.start)),
                    key=lambda p: (p.start < trigger.start, not locative(body, p), p.place.kind == "country"))
    if strict:
        trigger.place, trigger.venue = choose_place(trigger, strict[0])
    if candidates:
        trigger.loose_place, trigger.loose_venue = choose_place(trigger, candidates[0])
    return strict


def attach_date(doc, trigger, in_reach, anchor):
    """The nearest date of the trigger's phrase or clause, read in the
    meeting's own tense: "avant le sommet de Vilnius en juillet" is next
    July even in a past sentence; a postponed meeting takes its new date."""
    strict_dates = [d for d in in_reach if attached(doc, trigger, d.start)]
    # Its own phrase first: "a parlé vendredi du sommet, lundi 14 juin à Bruxelles".
    head = token_at(doc, trigger.start)
    phrase = {t.idx for t in head.subtree} if head is not None and not trigger.verb else set()
    strict_dates = [d for d in strict_dates if d.start in phrase] or strict_dates
    # A noun's date follows it ("a annoncé mardi un sommet le 24 mars"); one before is the verb's.
    key = (lambda d: (d.start < trigger.start, abs(d.start - trigger.start))) if phrase else \
        (lambda d: abs(d.start - trigger.start))
    date = min(strict_dates, key=key) if strict_dates else None
    if trigger.status == "postponed":
        date = postponed_to(doc, trigger, in_reach) or date
    if date is not None and anchor is not None:
        tense = "future" if trigger.status in ("planned", "postponed") else tense_at(doc, date.start)
        resolved = resolve_date(date.expr, anchor, tense)
        resolved.start, resolved.stop = date.start, date.stop
        date = resolved
    trigger.date = date


def postponed_to(doc, trigger, dates):
    """The new date of a postponed meeting: "reporté à début octobre"."""
    verbs = [v for v in clause_verbs(token_at(doc, trigger.start)) if v.lemma_.lower() in POSTPONED]
    for date in dates:
        token = token_at(doc, date.start)
        if verbs and token is not None and any(in_clause(token, v) for v in verbs):
            return date
    return None


PLACE_LIST_GAP = re.compile(r"^\s*(?:,|et|ainsi qu'|puis|,? puis)?\s*(?:à|au|aux|en)?\s*(?:la |le |les |l')?$")


def coordinated_places(doc, first, mentions) -> list:
    """Places listed after the first: "à Athènes et Ankara", "à Hiroshima
    ainsi qu'à Nagasaki", "au Danemark et en Finlande"."""
    text, places, previous = text_of(doc), [], first
    for mention in sorted((m for m in mentions if m.start > first.start), key=lambda m: m.start):
        if not PLACE_LIST_GAP.match(text[previous.end:mention.start]):
            break
        if mention.place.id != first.place.id and mention.place.kind != "site":
            places.append(mention.place)
        previous = mention
    return places


def compatible_dates(a, b) -> bool:
    return a is None or b is None or a == b or a.startswith(b) or b.startswith(a)


def same_day_words(date, meeting) -> bool:
    """Undetermined dates still differ when the words differ: "lundi" is not "mercredi"."""
    if date is None or date.value or meeting.date_start or not meeting.date_expr:
        return True
    return date.expr.lower() == meeting.date_expr.lower()


def same_place(a, b) -> bool:
    return a is None or b is None or a.id == b.id


def may_be(meeting, trigger, date) -> bool:
    """Nothing forbids trigger to mention meeting again: same class, no other
    name, no other place, dates that agree."""
    return (KIND_CLASS[trigger.kind] == meeting.kind_class and compatible_dates(date, meeting.date_start)
            and same_day_words(trigger.date, meeting) and same_place(trigger.place, meeting.place)
            and not (trigger.name and meeting.name and trigger.name != meeting.name))


def merge_into(meetings, trigger) -> Optional[Meeting]:
    """The earlier meeting this trigger mentions again, if any: same name; or
    same kind and place ("le sommet à Vilnius" ... "leur sommet de Vilnius");
    or a definite mention ("le sommet", "cette visite", "la réunion s'est
    tenue à Bruxelles") of the latest meeting it may be."""
    date = trigger.date.value if trigger.date else None
    named = next((m for m in reversed(meetings) if trigger.name and m.name == trigger.name), None)
    if named:
        return named
    candidates = [m for m in reversed(meetings) if may_be(m, trigger, date)]
    for meeting in candidates:
        if trigger.place and meeting.place and (not trigger.name or trigger.kind == meeting.kind):
            return meeting
    for meeting in candidates:
        # "une réunion du comité vendredi" ... "la réunion de clôture, prévue vendredi": the same day.
        if date and meeting.date_start == date and trigger.date.precision == "day":
            return meeting
    if trigger.definite and candidates and (not trigger.name or (
            candidates[0].place is None and not candidates[0].name and candidates[0].kind == trigger.kind)):
        return candidates[0]
    return refer_back(meetings, trigger, date)


def refer_back(meetings, trigger, date) -> Optional[Meeting]:
    """"la vidéoconférence de vendredi", "la réunion" after "le sommet": a
    generic definite word names the meeting already called so, else the one
    the story is about; "la visite de M. Kuleba au siège" the meeting he has there."""
    if trigger.generic and trigger.place:
        for meeting in reversed(meetings):
            if meeting.place and meeting.place.id == trigger.place.id and compatible_dates(date, meeting.date_start):
                return meeting
    if trigger.generic and trigger.definite and not trigger.place and meetings:
        noun = trigger.text.lower()
        same_noun = [m for m in meetings if any(x.text.lower() == noun for x in m.mentions)]
        if same_noun:
            return same_noun[-1]
        # Not a press conference or a visit: "la dernière rencontre" is no "conférence de presse".
        gatherings = [m for m in meetings if m.kind_class in ("summit", "meeting")]
        return max(reversed(gatherings), key=lambda m: len(m.mentions)) if gatherings else None
    if trigger.kind == "visit" and trigger.place:
        for meeting in reversed(meetings):
            if meeting.kind_class == "meeting" and meeting.place and meeting.place.id == trigger.place.id \
                    and trigger.participants & set(meeting.participant_keys):
                return meeting
    return None


def sentence_dates(doc, sentence, anchor) -> list:
    """Dates of a sentence with article offsets, weekdays and "le 4" read in
    the tense of their own clause ("se rencontreront lundi": the next Monday)."""
    body = text_of(doc)
    dates = find_dates(body[sentence.start_char:sentence.end_char])
    resolved = []
    for d in dates:
        start = sentence.start_char + d.start
        date = resolve_date(d.expr, anchor, tense_at(doc, start))
        date.start, date.stop = start, sentence.start_char + d.stop
        resolved.append(date)
    return resolved


def same_in_sentence(doc, trigger, previous) -> bool:
    """"une réunion ... par vidéoconférence", "se sont retrouvés à Bruxelles pour
    un sommet": a second word for the meeting the sentence already tells;
    not "se réuniront pour préparer le sommet"."""
    if trigger.name or KIND_CLASS[previous.kind] in ("visit", "press") or \
            trigger.place and not (previous.place and previous.place.id == trigger.place.id):
        return False
    if not (trigger.generic or previous.verb or KIND_CLASS[trigger.kind] == KIND_CLASS[previous.kind]):
        return False
    if previous.verb and not trigger.verb and KIND_CLASS[trigger.kind] != KIND_CLASS[previous.kind]:
        noun, verb = token_at(doc, trigger.start), token_at(doc, previous.start)
        return noun is not None and noun.head == verb  # directly: "pour un sommet", "en sommet"
    if not previous.verb and not trigger.verb and distinct_roles(token_at(doc, previous.start), token_at(doc, trigger.start)):
        return False
    return attached(doc, trigger, previous.start) or attached(doc, previous, trigger.start)


def distinct_roles(a, b) -> bool:
    """Subject and agent or object of one verb are two things: "le sommet a
    été précédé par une rencontre"; not "une réunion par vidéoconférence"."""
    if a is None or b is None or a.head != b.head or a.i in {t.i for t in b.subtree} or b.i in {t.i for t in a.subtree}:
        return False
    return any(x.dep_.startswith("nsubj") or x.dep_ == "obl:agent" for x in (a, b))


def new_meeting(trigger) -> Optional[Meeting]:
    """A meeting for a trigger that mentions none before, if it is one."""
    if trigger.text.lower() in WEAK_VISITS and not (trigger.owned and trigger.place):
        return None  # "le voyage vers la Malaisie est périlleux", "lorsque nous avons commencé ce voyage"
    if trigger.kind == "visit" and trigger.verb and not trigger.place:
        return None  # "contraints de se rendre aux urnes": a trip needs its place
    if trigger.kind == "visit" and not trigger.place and not trigger.verb:
        if not trigger.owned:
            return None  # "un voyage marqué par la faim", "une deuxième visite dans l'après-midi"
        # Someone's visit is a trip to the place the sentence names: "cette visite ... dans la capitale".
        trigger.place, trigger.venue = trigger.loose_place, trigger.loose_venue
    if not (trigger.place or trigger.date or trigger.name or trigger.singular):
        return None  # "des pourparlers", "Discussions entre ...": no one meeting
    if (trigger.generic or trigger.kind == "summit") and trigger.definite and not trigger.verb \
            and not (trigger.place or trigger.date or trigger.name):
        return None  # "lors de la réunion", "un virage au sommet" with nothing before it to refer to
    if trigger.needs_place and not trigger.place:
        return None  # "les discussions sur le budget", "les négociations, en 2005"
    if trigger.kind == "council" and not (trigger.place or trigger.date) \
            and not trigger.text.lower().startswith(("réunion", "session")):
        return None  # "le Conseil de sécurité a voté": the body, not a meeting of it
    return Meeting(kind=trigger.kind)


def extract_meetings(article) -> list:
    """Meetings of an annotated article (extract.article), merged within it."""
    doc, sentences, place_mentions, people = article.doc, article.sentences, article.places, article.people
    anchor = article.anchor
    body = text_of(doc)
    people_spans = [(m.start, m.end, p.key) for p in people for m in p.mentions]
    meetings, place_starts = [], [p.start for p in place_mentions]
    for sentence in sentences.spans:
        in_sentence = place_mentions[bisect.bisect_left(place_starts, sentence.start_char):
                                     bisect.bisect_left(place_starts, sentence.end_char)]
        triggers = find_triggers(sentence, sentence.start_char, in_sentence)
        if not triggers:
            continue
        attach(triggers, sentence, body, place_mentions, sentence_dates(doc, sentence, anchor), people_spans, anchor,
               article.countries_in(sentence.start_char, sentence.end_char, adjectives=False))
        previous_in_sentence = previous_trigger = None
        for trigger in triggers:
            mention = MeetingMention(trigger.start, trigger.end, body[trigger.start:trigger.end])
            target = merge_into(meetings, trigger)
            if target is None and previous_in_sentence and same_in_sentence(doc, trigger, previous_trigger):
                target = previous_in_sentence
            if target is None:
                target = new_meeting(trigger)
                if target is None:
                    continue
                meetings.append(target)
            update(target, trigger, mention)
            previous_in_sentence, previous_trigger = target, trigger
            meetings.extend(other_stops(meetings, target, trigger, mention))
    for meeting in meetings:
        if meeting.status == "held" and after_publication(meeting.date_start, anchor):
            meeting.status = "planned"  # "a parlé vendredi du sommet de lundi 14 juin"
        meeting.status = meeting.status.rstrip("!")  # "held!" was only surer than "planned"
    return meetings


def after_publication(value, anchor) -> bool:
    """A date after the publication date at the precision it has: "2023-07" after 2023-04-20."""
    return bool(value and anchor) and value > anchor.isoformat()[:len(value)]


def other_stops(meetings, visit, trigger, mention) -> list:
    """One visit for each further place of a trip: "s'est rendu à Hiroshima
    ainsi qu'à Nagasaki" is two visits on the same date."""
    stops = []
    for place in trigger.more_places:
        if any(m.kind == "visit" and m.place and m.place.id == place.id for m in meetings + stops):
            continue
        stops.append(Meeting(kind="visit", place=place, date_start=visit.date_start, date_end=visit.date_end,
                             date_precision=visit.date_precision, date_expr=visit.date_expr,
                             date_qualifier=visit.date_qualifier, status=visit.status, mentions=[mention],
                             participant_keys=list(visit.participant_keys)))
    return stops


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
    if STATUS_STRENGTH[trigger.status] > STATUS_STRENGTH[meeting.status]:
        meeting.status = trigger.status
    for code in trigger.countries:
        if code not in meeting.participant_countries:
            meeting.participant_countries.append(code)
    if trigger.organiser and not meeting.organiser_key:
        meeting.organiser_key = trigger.organiser
    for key in sorted(trigger.participants):
        if key not in meeting.participant_keys:
            meeting.participant_keys.append(key)
