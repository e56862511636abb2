"""Membership tracker: who ratified, still has to, blocks, may ratify, joined or applied.

The phrasings are data (extract/data/ratification.yml), compiled once into a
spaCy Matcher over lemmas (a copy of each sentence made of lemma keys).
A match is read with these cues:

* Trigger: the first word of the phrase, a verb ("a approuvé", "a donné son
  feu vert", "bloque", "a rejoint l'OTAN") or a noun ("l'opposition de la
  Turquie", "les demandes d'adhésion de la Suède").
* Status: the phrase gives a base status. Its verb group changes it: a
  negation ("n'a pas encore ratifié": pending), the future, the conditional
  ("devraient approuver": possible), and for an infinitive the word that
  governs it ("doit encore ratifier": pending, "pourrait", "se dit prête à":
  possible, "a refusé de": blocked, "le dernier pays à ratifier": as is).
  An infinitive governed by anything else ("appelle la Hongrie à ratifier",
  "il est temps de ratifier"), a question or a hypothesis ("si ... ratifiait")
  reports no step.
* Acting state: the subject of the verb in the parse (or of the verb that
  governs it), else the states just before it in the clause: a country name,
  a capital standing for its government ("Ankara"), a nationality adjective
  on a body ("le Parlement turc"); the agent of a passive ("a été ratifiée par
  la Hongrie", "reste bloquée par Ankara"); the antecedent of "qui"; for
  "il"/"elle" the state that acted last. A number of states heading the
  acting phrase ("28 des 30 membres", "vingt-neuf pays", "approuvée par
  l'ensemble des 30 États membres") makes an aggregate row.
* Candidate: the country after the first membership noun that follows the
  verb ("l'adhésion de la Suède et de la Finlande", "la candidature
  suédoise", "celle de la Suède"), the subject of a passive, or, for "son
  adhésion", "l'a ratifiée", "l'entrée des deux pays nordiques" or no object
  at all, the candidates named earlier in the article. A membership noun
  that points to another organisation ("son adhésion à l'UE", "au parti") or
  a verb whose object is something else ("a ratifié l'accord de Paris"), or
  a transitive verb without an object ("Paris a approuvé jeudi") reports no
  step. Joining and applying states are their own candidates.
"""
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

import numpy
import yaml
from spacy.attrs import LEMMA, LOWER
from spacy.matcher import Matcher
from spacy.tokens import Doc

from . import lexicon
from .dates import find_dates
from .nlp import conditional, text_of
from .cues import about_membership
from .places import find_countries

DATA = Path(__file__).parent / "data" / "ratification.yml"
# Small words a phrase may skip: "a donné jeudi son feu vert", "en 2020 le 30e membre".
GAP = {"POS": {"IN": ["DET", "ADV", "NOUN", "ADJ", "NUM", "PRON", "ADP"]}, "OP": "?"}
QUOTE = {"ORTH": {"IN": ["«", '"', "“"]}, "OP": "?"}
# Words of a verb group before its verb: "n'a toujours pas", "s'est", "à ne pas avoir".
GROUP_WORDS = {"ne", "n'", "pas", "plus", "jamais", "se", "s'", "l'", "le", "la", "les", "lui", "y", "en"}
CLAUSE_STARTS = {".", ";", ":", "«", "»", "?", "!", "que", "qu'", "qui", "dont", "mais", "si", "car",
                 "lorsque", "puisque", "tandis", "alors"}
RELATIVES = {"qui", "dont", "lequel", "laquelle"}
PERSONAL = {"il", "elle", "ils", "elles"}
LIST_WORDS = {"de", "d'", "du", "des", "et", "ou", ",", "ainsi"}
NOT_ACTOR_AFTER = {"à", "au", "aux", "avec", "contre", "par", "pour", "sur", "en", "dans", "après", "avant",
                   "depuis", "vers", "chez", "sans", "malgré", "entre", "face", "outre", "comme", "contrairement"}
DATE_NOUNS = set(lexicon.WEEKDAYS) | set(lexicon.MONTHS) | {"soir", "matin", "semaine", "mois", "an", "année",
                                                           "fois", "jour", "heure", "nuit", "midi"}


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


@dataclass
class Memory:
    """What earlier sentences of the article said: candidates and last actors."""
    context: list = field(default_factory=list)
    everywhere: list = field(default_factory=list)
    actors: list = field(default_factory=list)

    def candidates(self):
        return self.context or self.everywhere


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def trigger_words() -> frozenset:
    data = vocabulary()
    words = {w for phrases in data["triggers"].values() for p in phrases
             for item in p["phrase"].split() for w in item.rstrip("?").split("|")}
    return frozenset(words | set(data["membership_nouns"]) | set(data["governors"]) | set(data["nato_names"])
                     | set(data["transparent_nouns"]) | set(data["join_verbs"])
                     | {w for nouns in data["noun_triggers"].values() for w in nouns})


def key_of(token) -> str:
    """The lemma when it is a word of the phrases, else the lower form with
    participles brought back to the verb ("ratifiée" -> "ratifier")."""
    return key_for(token.lemma_.lower(), token.lower_)


@lru_cache(maxsize=200_000)
def key_for(lemma: str, lower: str) -> str:
    words = trigger_words()
    if lemma in words:
        return lemma
    fixed = lexicon.LEMMA_FIXES.get(lower) or {"reste": "rester", "restent": "rester"}.get(lower)
    if fixed:
        return fixed
    for ending in lexicon.PARTICIPLE_ENDINGS:
        if lower.endswith(ending) and lower[: -len(ending)] + "er" in words:
            return lower[: -len(ending)] + "er"
    return lower


def mark_keys(doc) -> None:
    """key_of every token, computed once per article into a plain list (an
    extension attribute is read through Python at every access): once per
    distinct (lemma, form) pair, read from the Doc's arrays."""
    strings = doc.vocab.strings
    pairs = doc.to_array([LEMMA, LOWER])
    unique, inverse = numpy.unique(pairs, axis=0, return_inverse=True)
    keys = [key_for(strings[lemma].lower(), strings[lower]) for lemma, lower in unique.tolist()]
    doc.user_data["rkeys"] = [keys[i] for i in inverse.ravel().tolist()]


def rkey(token) -> str:
    """The key mark_keys gave the token."""
    return token.doc.user_data["rkeys"][token.i]


def token_pattern(phrase: str) -> list:
    """ "donner ~ feu vert" -> Matcher tokens over keys (see matches_in);
    "~" is up to four small words."""
    pattern = []
    for word in phrase.split():
        if word == "~":
            pattern += [GAP, GAP, GAP, GAP, QUOTE]
            continue
        spec = {"ORTH": {"IN": word.rstrip("?").split("|")}}
        if word.endswith("?"):
            spec["OP"] = "?"
        pattern.append(spec)
    return pattern


@lru_cache(maxsize=1)
def anchor_words() -> frozenset:
    """First words of the phrases: a sentence without one has no trigger."""
    return frozenset(w for phrases in vocabulary()["triggers"].values() for p in phrases
                     for w in p["phrase"].split()[0].split("|"))


@lru_cache(maxsize=4)
def matcher_for(vocab) -> Matcher:
    matcher = Matcher(vocab)
    for status, phrases in vocabulary()["triggers"].items():
        for n, phrase in enumerate(phrases):
            matcher.add(f"{status}|{n}", [token_pattern(phrase["phrase"])])
    return matcher


def french_number(text: str) -> Optional[int]:
    """ "28", "vingt-huit", "trente et un", "soixante-dix-sept", "quatre-vingt-onze"."""
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    words = [w for w in text.replace("-", " ").split() if w != "et"]
    if not words or any(w not in lexicon.NUMBER_WORDS for w in words):
        return None
    total, n = 0, 0
    while n < len(words):
        if words[n] == "quatre" and n + 1 < len(words) and words[n + 1].startswith("vingt"):
            total, n = total + 80, n + 2
        else:
            total, n = total + lexicon.NUMBER_WORDS[words[n]], n + 1
    return total


# ---------------------------------------------------------------- countries

def country_tokens(sent, mentions) -> dict:
    """Token index -> (ISO code, first token index, how) for each country
    mention of the sentence (the article's, with body offsets)."""
    found = {}
    for mention in mentions:
        span = sent.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            found[token.i] = (mention.place.country, span.start, mention.how)
    return found


def codes_in(tokens, ctry) -> list:
    return list(dict.fromkeys(ctry[t.i][0] for t in tokens if t.i in ctry))


def read_list(doc, i, end, ctry, extra=()) -> tuple:
    """Countries in a coordinated list from token i: "de la Suède et de la
    Finlande", "des deux pays nordiques, la Suède et la Finlande". Returns
    (codes, index after the list, whether a plural referent was seen)."""
    codes, referent = [], False
    while i < end:
        token = doc[i]
        if token.i in ctry:
            codes.append(ctry[token.i][0])
        elif token.lower_ in vocabulary()["plural_referents"]:
            referent = True
        elif token.lower_ == "," and (not codes or i + 1 < end and doc[i + 1].lower_ in LIST_WORDS):
            pass
        elif not (token.pos_ in ("DET", "NUM", "ADJ") or token.lower_ in LIST_WORDS or token.pos_ in extra):
            break
        i += 1
    while i > 0 and doc[i - 1].lower_ == ",":
        i -= 1
    return list(dict.fromkeys(codes)), i, referent


def other_organisation(doc, i, end) -> bool:
    """ "à l'UE", "au parti", "dans l'espace Schengen" after a membership noun."""
    if i >= end or doc[i].lower_ not in ("à", "au", "aux", "dans", "en"):
        return False
    if doc[i].lower_ == "en":  # "l'entrée en vigueur", not "l'adhésion en mars"
        return i + 1 < end and doc[i + 1].pos_ == "NOUN" and doc[i + 1].lower_ not in DATE_NOUNS
    following = [t for t in doc[i + 1:min(end, i + 4)] if t.pos_ != "DET"]
    return bool(following) and rkey(following[0]) not in vocabulary()["nato_names"]


def read_membership(noun, end, ctry) -> tuple:
    """What a membership noun names: ("named", codes), ("refer", []) for
    "son adhésion" or "l'entrée des deux pays nordiques", ("self", []) for
    "l'adhésion de leur pays", ("none", []) when it is another
    organisation's ("son adhésion à l'UE")."""
    doc, i = noun.doc, noun.i + 1
    if i < end and i in ctry and ctry[i][2] == "adjective":
        codes, i = [ctry[i][0]], i + 1
    elif i < end and doc[i].lower_ in ("de", "d'", "du", "des"):
        start = i
        codes, i, referent = read_list(doc, i, end, ctry)
        if not codes and not referent:
            return "none", []
        if not codes and any(t.morph.get("Poss") == ["Yes"] for t in doc[start:i]):
            return "self", []  # "l'adhésion de leur pays": the actor's own
    else:
        codes = []
    while i < end and (doc[i].pos_ == "ADJ" or doc[i].lower_ in ("»", '"')) and i not in ctry:
        i += 1
    if other_organisation(doc, i, end):
        return "none", []
    return ("named", codes) if codes else ("refer", [])


def is_membership_noun(token, end) -> bool:
    if rkey(token) in vocabulary()["membership_nouns"]:
        return True
    doc = token.doc
    # "celle de la Suède": the membership nouns are feminine ("celui de la
    # Hongrie" is a feu vert, an accord).
    return token.lower_ in ("celle", "celles") and token.i + 1 < end and doc[token.i + 1].lower_ in ("de", "d'", "du")


# ---------------------------------------------------------------- clauses

def clause_start(doc, i, sent) -> int:
    """First token of the clause that ends before token i."""
    while i > sent.start and doc[i - 1].lower_ not in CLAUSE_STARTS:
        i -= 1
    return i


def clause_end(doc, i, sent) -> int:
    """Token after the clause that starts at i: before a stop, a relative,
    "mais", or a comma opening another verb (", a annoncé X")."""
    while i < sent.end:
        token = doc[i]
        if token.lower_ in CLAUSE_STARTS or token.pos_ == "SCONJ":
            return i
        if token.lower_ == "," and i + 1 < sent.end and (doc[i + 1].lower_ in CLAUSE_STARTS
                                                        or doc[i + 1].pos_ in ("AUX", "VERB", "SCONJ")):
            return i
        i += 1
    return i


def group_start(doc, anchor, sent) -> int:
    """First token of the verb group: "n'a toujours pas approuvé", "à ne pas avoir ratifié"."""
    i = anchor.i
    while i > sent.start:
        token = doc[i - 1]
        if token.pos_ == "AUX" or token.lower_ in GROUP_WORDS or token.pos_ == "ADV":
            i -= 1
        elif token.lower_ in ("à", "de", "d'", "par"):
            return i - 1
        else:
            break
    return i


def antecedent(doc, i, sent, ctry) -> list:
    """States just before a relative pronoun at i: "la Suède, qui ..."."""
    j = i - 1
    while j >= sent.start and doc[j].lower_ in (",", "dont", "qui"):
        j -= 1
    while j >= sent.start and doc[j].pos_ == "ADJ" and j not in ctry:
        j -= 1
    if j < sent.start or j not in ctry:
        return []
    # "la Suède et la Finlande, qui ...": the whole coordination.
    return list(dict.fromkeys(extend_left(doc, ctry[j][1], sent, ctry) + [ctry[j][0]]))


# ---------------------------------------------------------------- status

def governor_of(doc, anchor, start, sent) -> Optional[object]:
    """The word an infinitive depends on: "doit encore [ratifier]", "prête à",
    "le dernier pays (de l'Alliance) à"; linear neighbour first, then the parse head."""
    governors = vocabulary()["governors"]
    i = start - 1
    while i >= sent.start and (doc[i].pos_ == "ADV" or doc[i].lower_ in GROUP_WORDS):
        i -= 1
    if i >= sent.start and rkey(doc[i]) in governors and doc[i].pos_ != "NOUN":
        return doc[i]
    ranked = ranked_noun(doc, i, sent)
    if ranked is not None:
        return ranked
    head = anchor.head
    if anchor.dep_ in ("xcomp", "advcl", "acl", "ccomp", "obl", "obl:arg") and head.i < anchor.i \
            and rkey(head) in governors and head.pos_ != "NOUN":
        return head
    return None


def ranked_noun(doc, i, sent) -> Optional[object]:
    """ "le dernier pays de l'Alliance à", "les deux seuls membres à": a state
    noun with a rank before the infinitive (not "appelle les pays membres à")."""
    data = vocabulary()
    for j in range(i, max(sent.start, i - 7) - 1, -1):
        token = doc[j]
        if token.pos_ not in ("NOUN", "PROPN", "DET", "ADP", "NUM", "ADJ") or \
                token.pos_ == "ADP" and token.lower_ not in ("de", "d'", "du", "des"):
            return None
        if token.pos_ == "NOUN" and data["governors"].get(rkey(token)) == "same":
            window = doc[max(sent.start, j - 3):j + 1]
            if any(t.lemma_.lower() in data["ranks"] or t.morph.get("NumType") == ["Ord"] for t in window):
                return token
    return None


def status_of(base, doc, anchor, start, sent) -> Optional[str]:
    """The status once negation, tense and a governing verb are read."""
    data = vocabulary()
    group = doc[start:anchor.i + 1]
    if any(is_infinitive(t) for t in group):
        governor = governor_of(doc, anchor, start, sent)
        if governor is None:
            return None
        effect = data["governors"][rkey(governor)]
        if effect != "same":
            if base in ("joined", "applied"):
                return None
            base = effect
        if conditional(governor):
            base = data["conditional"].get(base, base)
    if any(t.lower_ in ("ne", "n'", "non", "pas", "jamais") for t in group):
        return None if base in ("joined", "applied") else data["negated"].get(base, base)
    if any(t.morph.get("Tense") == ["Fut"] for t in group):
        return None if base in ("joined", "applied") else data["future"].get(base, base)
    if conditional(anchor):
        return None if base in ("joined", "applied") else data["conditional"].get(base, base)
    return base


def is_infinitive(token) -> bool:
    """An infinitive by its tag and its ending (the tagger calls "retarde" one)."""
    return token.pos_ in ("VERB", "AUX") and token.morph.get("VerbForm") == ["Inf"] \
        and token.lower_.endswith(("er", "ir", "re", "ïr"))


def hypothetical(doc, start, anchor, sent) -> bool:
    """ "Si la Hongrie ratifiait ...": an imperfect after "si" is a hypothesis."""
    first = clause_start(doc, start, sent)
    if first == sent.start or doc[first - 1].lower_ != "si":
        return False
    return any(t.morph.get("Tense") == ["Imp"] for t in doc[start:anchor.i + 1])


def is_passive(doc, anchor, start, end) -> bool:
    """ "a été ratifiée par", "reste bloquée par", "bloquée par" (not "s'est opposé")."""
    if anchor.morph.get("VerbForm") != ["Part"]:
        return False
    group = doc[start:anchor.i]
    if any(t.lower_ in ("se", "s'") for t in group):
        return False
    before = doc[start - 1] if start > 0 else None
    if any(t.lemma_ == "être" for t in group) or before is not None and rkey(before) in ("rester", "demeurer"):
        return True
    return not any(t.lemma_ == "avoir" for t in group) and any(t.lower_ == "par" for t in doc[end:end + 4])


# ---------------------------------------------------------------- actors

def subjects_of(anchor) -> list:
    """nsubj of the verb, or of the verbs it depends on ("doit [ratifier]",
    "le dernier pays à [ratifier]"); for an impersonal verb the state it
    names ("il reste à la Turquie à ratifier")."""
    token = anchor
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_.startswith("nsubj")]
        expletive = [c for c in token.children if c.dep_ == "expl:subj"]
        if not subjects and expletive:
            # "il reste à la Turquie à ratifier"; else the "il" was personal
            subjects = [c for c in token.children if c.dep_ == "obl:arg"] or expletive
        if subjects:
            return subjects
        if token.dep_ not in ("xcomp", "advcl", "acl", "conj", "obl:arg", "obl", "obj") or token.head is token:
            return []
        token = token.head
    return []


def noun_phrase(token) -> list:
    """The subject's words, without its relative clauses: "la Suède, qui ..." -> la Suède."""
    skip = set()
    for child in token.children:
        if child.dep_.startswith(("acl", "advcl", "parataxis")):
            skip.update(t.i for t in child.subtree)
    return [t for t in token.subtree if t.i not in skip]


def outside_candidacies(tokens, ctry, end) -> list:
    """Country tokens that are not the complement of a membership noun."""
    doc, taken = tokens[0].doc if tokens else None, set()
    for token in tokens:
        if is_membership_noun(token, end):
            _, after, _ = read_list(doc, token.i + 1, end, ctry)
            taken.update(range(token.i, after))
    return [t for t in tokens if t.i in ctry and t.i not in taken]


def extend_left(doc, first, sent, ctry) -> list:
    """Coordinated states before the subject: "Seules [la Hongrie] et la Turquie"."""
    codes, i = [], first - 1
    while i >= sent.start and (doc[i].lower_ in ("et", ",", "ainsi") or doc[i].pos_ in ("DET", "ADJ")) \
            and i not in ctry:
        i -= 1
    # not "Après la Finlande, la Turquie", "l'adhésion de la Finlande, la Turquie"
    if i >= sent.start and i < first - 1 and i in ctry and any(doc[k].lower_ in ("et", ",") for k in range(i, first)) \
            and not preceded_by(doc, ctry[i][1], NOT_ACTOR_AFTER | {"de", "d'", "du", "des"}, sent.start):
        codes = extend_left(doc, ctry[i][1], sent, ctry) + [ctry[i][0]]
    return codes


def linear_actors(doc, start, sent, ctry) -> list:
    """The states before the verb group in its clause, when the parse gives none."""
    first = clause_start(doc, start, sent)
    if first > sent.start and doc[first - 1].lower_ in RELATIVES:
        return antecedent(doc, first - 1, sent, ctry)
    tokens = list(doc[first:start])
    found = [t for t in outside_candidacies(tokens, ctry, start)
             if not preceded_by(doc, ctry[t.i][1], NOT_ACTOR_AFTER, first)]
    if not found:
        return []
    last = found[-1]
    return list(dict.fromkeys(extend_left(doc, ctry[last.i][1], sent, ctry) + [ctry[last.i][0]]))


def preceded_by(doc, i, words, limit) -> bool:
    j = i - 1
    while j >= limit and doc[j].pos_ == "DET":
        j -= 1
    return j >= limit and doc[j].lower_ in words


def actors_of(anchor, start, sent, ctry, memory) -> tuple:
    """(ISO codes, words of the acting phrase) for an active verb."""
    doc = anchor.doc
    subjects = [s for s in subjects_of(anchor) if s.i < anchor.i]
    if subjects:
        subject = subjects[0]
        if subject.lower_ in RELATIVES:
            return antecedent(doc, subject.i, sent, ctry), []
        if subject.lower_ in PERSONAL:
            return pronoun_actors(doc, subject.i, sent, ctry, memory), []
        phrase = sorted({t for s in subjects for t in noun_phrase(s)}, key=lambda t: t.i)
        found = outside_candidacies(phrase, ctry, anchor.i)
        if found:
            codes = list(dict.fromkeys(ctry[t.i][0] for t in found))
            return list(dict.fromkeys(extend_left(doc, ctry[found[0].i][1], sent, ctry) + codes)), phrase
    return linear_actors(doc, start, sent, ctry), list(doc[clause_start(doc, start, sent):start])


def pronoun_actors(doc, i, sent, ctry, memory) -> list:
    """ "il"/"elle": the state that heads the sentence before it ("Ankara a
    prévenu qu'il ne ratifierait pas"), else the one that acted last."""
    before = [t for t in outside_candidacies(list(doc[sent.start:i]), ctry, i)
              if ctry[t.i][2] != "adjective" and not preceded_by(doc, ctry[t.i][1], NOT_ACTOR_AFTER, sent.start)]
    return [ctry[before[0].i][0]] if before else list(memory.actors)


def agents_of(doc, end, sent, ctry) -> tuple:
    """ "par la Turquie et la Hongrie", "par le Parlement turc"."""
    for i in range(end, min(end + 5, sent.end)):
        if doc[i].lower_ == "par":
            codes, after, _ = read_list(doc, i + 1, sent.end, ctry, extra=("NOUN", "ADJ", "PROPN"))
            return codes, list(doc[i + 1:after])
    return [], []


def aggregate_of(words, ctry) -> Optional[tuple]:
    """(count, members) when the acting phrase is a number of states: "28 des
    30 membres - tous à l'exception de la Hongrie - ont ratifié", not "la
    Turquie était le dernier des 30 pays à ..." (a state is named first)."""
    before_states = []
    for token in words:
        if token.i in ctry:
            break
        before_states.append(token.text_with_ws)
    return aggregate_in("".join(before_states))


def aggregate_in(text) -> Optional[tuple]:
    """(count, members) of a number of states: "28 des 30 membres",
    "l'ensemble des 30 États membres"."""
    for match in lexicon.AGGREGATE.finditer(text):
        count = french_number(match.group("n"))
        members = match.group("of") or match.group("of2")
        if count and count > 1:
            return count, french_number(members) if members else None
    return None


# ---------------------------------------------------------------- candidates

def window_candidates(doc, start, end, stop, ctry) -> Optional[tuple]:
    """What the verb's complements name, from the end of the phrase to the end
    of the clause: ("named", codes), ("refer", []), or None when the object
    is something else ("a ratifié l'accord de Paris")."""
    data = vocabulary()
    for token in doc[end:stop]:
        if is_membership_noun(token, stop):
            kind, codes = read_membership(token, stop, ctry)
            return None if kind == "none" else (kind, codes)
        if is_infinitive(token) and rkey(token) not in data["join_verbs"]:
            return None  # "a accepté de lever son veto à ...": the infinitive reports the step
    if any(t.pos_ == "PRON" and t.lower_ in ("l'", "la", "le", "les") for t in doc[start:end]):
        return "refer", []
    content = [t for t in doc[end:stop] if (t.pos_ in ("NOUN", "PROPN") or t.i in ctry)
               and t.lower_ not in DATE_NOUNS and rkey(t) not in data["transparent_nouns"]]
    if content and rkey(content[0]) in data["nato_names"]:
        return "refer", []
    if not content:
        # "a ratifié", "doit encore donner son feu vert" stand alone; "Paris a approuvé" does not.
        transparent = any(rkey(t) in data["transparent_nouns"] for t in doc[end:stop])
        return ("refer", []) if transparent or rkey(doc[end - 1]) not in data["needs_object"] else None
    if content[0].i in ctry and ctry[content[0].i][2] != "adjective":
        # "a donné son feu vert à Helsinki", "un texte autorisant la Finlande à rejoindre l'Otan"
        codes, after, _ = read_list(doc, ctry[content[0].i][1], stop, ctry)
        if preceded_by(doc, ctry[content[0].i][1], {"à", "au"}, end) or \
                after < stop and doc[after].lower_ == "à" and after + 1 < stop and rkey(doc[after + 1]) in data["join_verbs"]:
            return "named", codes
    return None


def passive_candidates(doc, anchor, start, sent, ctry) -> Optional[tuple]:
    """The subject of a passive is the candidacy: "l'adhésion de la Suède a
    été ratifiée", "celle de la Suède reste bloquée", "la Suède, qui reste
    bloquée"; None when it is something else ("l'accord, non ratifié par Kaboul")."""
    subjects = [t for t in subjects_of(anchor) if t.i < anchor.i]
    if not subjects and anchor.dep_ == "acl" and anchor.head.i < anchor.i:
        subjects = [anchor.head]
    if subjects:
        return candidacy_of(subjects[0], start, sent, ctry)
    first = clause_start(doc, start, sent)
    if first > sent.start and doc[first - 1].lower_ in RELATIVES:
        return candidacy_of(doc[first - 1], start, sent, ctry)
    nouns = [t for t in doc[first:start] if t.pos_ in ("NOUN", "PROPN", "PRON") or t.i in ctry]
    return candidacy_of(nouns[0], start, sent, ctry) if nouns else None


def candidacy_of(token, end, sent, ctry) -> Optional[tuple]:
    """What a passive subject names: a membership noun, a state, a relative's antecedent."""
    doc = token.doc
    if token.lower_ in RELATIVES:
        codes = antecedent(doc, token.i, sent, ctry)
        return ("named", codes) if codes else None
    if token.i in ctry:
        return "named", codes_in(noun_phrase(token), ctry)
    if token.lower_ in PERSONAL:
        return "refer", []
    if not is_membership_noun(token, end):
        return None
    kind, codes = read_membership(token, end, ctry)
    if kind == "refer" and any(t.lower_ == "dont" for t in doc[max(sent.start, token.i - 3):token.i]):
        first_dont = max(t.i for t in doc[max(sent.start, token.i - 3):token.i] if t.lower_ == "dont")
        return "named", antecedent(doc, first_dont, sent, ctry)
    return None if kind == "none" else (kind, codes)


def pair(actors, kind, codes, memory) -> list:
    """(actor, candidate) pairs; a state never ratifies its own candidacy,
    except its own parliament ("les Parlements suédois et finlandais doivent
    aussi donner leur feu vert")."""
    candidates = codes if kind == "named" else memory.candidates()
    if kind == "self":
        return [(a, a) for a in actors]
    if kind == "refer" and actors and set(actors) <= set(candidates):
        return [(a, a) for a in actors]
    return [(a, c) for a in actors for c in candidates if c != a]


def body_of(words) -> Optional[str]:
    """ "le Parlement turc" -> parliament."""
    for token in words:
        if token.lower_ in lexicon.BODIES:
            return lexicon.BODIES[token.lower_]
    return None


# ---------------------------------------------------------------- one match

@dataclass
class Found:
    status: str
    start: int          # token indexes of the phrase
    end: int
    pairs: list         # (actor or None, candidate)
    count: Optional[int] = None
    members: Optional[int] = None
    body: Optional[str] = None


def read_match(base, doc, start, end, sent, ctry, memory) -> Optional[Found]:
    """The fact a trigger phrase reports, or None."""
    anchor = doc[start]
    first = group_start(doc, anchor, sent)
    if hypothetical(doc, first, anchor, sent):
        return None
    status = status_of(base, doc, anchor, first, sent)
    if status is None:
        return None
    stop = clause_end(doc, end, sent)
    if base in ("joined", "applied"):
        return self_step(status, doc, anchor, first, end, stop, sent, ctry, memory)
    if is_passive(doc, anchor, first, end):
        actors, words = agents_of(doc, end, sent, ctry)
        candidacy = passive_candidates(doc, anchor, first, sent, ctry)
    else:
        candidacy = window_candidates(doc, first, end, stop, ctry)
        actors, words = actors_of(anchor, first, sent, ctry, memory) if candidacy else ([], [])
    if candidacy is None:
        return None
    found = Found(status, start, end, pair(actors, *candidacy, memory), body=body_of(words))
    aggregate = aggregate_of(words, ctry)
    if aggregate:
        candidates = candidacy[1] if candidacy[0] == "named" else memory.candidates()
        found.pairs, (found.count, found.members), found.body = [(None, c) for c in candidates], aggregate, None
    return found


def self_step(status, doc, anchor, first, end, stop, sent, ctry, memory) -> Optional[Found]:
    """A state joins or applies for itself: "la Suède a rejoint l'OTAN",
    "la Géorgie a demandé à rejoindre l'OTAN", "est devenue le 31e membre de
    l'OTAN"; not "membre de l'UE" nor "sa candidature à l'UE"."""
    if foreign_after(doc, end, stop) or window_candidates(doc, first, end, stop, ctry) is None \
            and any(is_membership_noun(t, stop) for t in doc[end:stop]):
        return None
    # "devient le dernier membre de l'Otan à accepter ...": a description, not a joining.
    if any(t.lower_ == "à" and t.i + 1 < stop and is_infinitive(doc[t.i + 1]) for t in doc[end:stop]):
        return None
    nato = vocabulary()["nato_names"]
    if not any(rkey(t) in nato or is_membership_noun(t, sent.end) for t in sent) and not memory.everywhere:
        return None
    if any(other_alliance(t) for t in doc[anchor.i:stop]):
        return None
    actors, words = actors_of(anchor, first, sent, ctry, memory)
    return Found(status, anchor.i, end, [(a, a) for a in actors], body=body_of(words))


def other_alliance(token) -> bool:
    """ "l'Alliance bolivarienne", not "l'Alliance atlantique" nor "l'alliance militaire"."""
    doc = token.doc
    if rkey(token) != "alliance" or token.i + 1 >= len(doc):
        return False
    following = doc[token.i + 1]
    return following.pos_ in ("ADJ", "PROPN") and following.lower_ not in vocabulary()["alliance_qualifiers"]


def foreign_after(doc, i, stop) -> bool:
    """ "membre de l'UE", "entrée dans l'Union européenne": another organisation."""
    if i >= stop or doc[i].lower_ not in ("de", "d'", "du", "à", "au", "aux", "dans"):
        return False
    following = [t for t in doc[i + 1:min(stop, i + 4)] if t.pos_ != "DET"]
    if not following or doc[following[0].i:stop].text.lower().startswith(vocabulary()["nato_long_name"]):
        return False
    return following[0].pos_ in ("NOUN", "PROPN") and rkey(following[0]) not in vocabulary()["nato_names"] \
        and not is_membership_noun(following[0], stop)


# ---------------------------------------------------------------- nouns

def noun_facts(sent, ctry, taken, named) -> list:
    """ "l'opposition de la Turquie" (blocked) and "les demandes d'adhésion de
    la Suède" (applied, also inside a phrase that found no actor: "Zelensky
    a signé la demande d'adhésion de l'Ukraine"), read only in a sentence
    that names a candidate."""
    doc, facts = sent.doc, []
    nouns = vocabulary()["noun_triggers"]
    for token in sent:
        if taken.get(token.i) or not named:
            continue
        if rkey(token) in nouns["blocked"] and token.i not in taken:
            actors = noun_complement(doc, token.i + 1, sent, ctry)
            pairs = [(a, c) for a in actors for c in named if c != a]
            facts.append(Found("blocked", token.i, token.i + 1, pairs))
        elif token.i + 2 < sent.end and f"{token.lower_} {doc[token.i + 1].lower_}{doc[token.i + 2].lower_}" \
                in nouns["applied"]:
            kind, codes = read_membership(doc[token.i + 2], sent.end, ctry)
            facts.append(Found("applied", token.i, token.i + 3, [(c, c) for c in codes if kind == "named"]))
    return facts


def noun_complement(doc, i, sent, ctry) -> list:
    """ "de la Turquie", "turc", "d'Ankara" after a noun."""
    if i < sent.end and i in ctry and ctry[i][2] == "adjective":
        return [ctry[i][0]]
    if i < sent.end and doc[i].lower_ in ("de", "d'", "du"):
        return read_list(doc, i, sent.end, ctry)[0]
    return []


# ---------------------------------------------------------------- article

def sentence_candidates(sent, ctry) -> list:
    """Candidates a sentence names after its membership nouns."""
    codes = []
    for token in sent:
        if is_membership_noun(token, sent.end):
            kind, named = read_membership(token, sent.end, ctry)
            codes += named
    return list(dict.fromkeys(codes))


def possessors(sent, ctry) -> list:
    """ "La Suède attend toujours son entrée dans l'OTAN": the state before a
    possessive membership noun, in a sentence that reports no step."""
    for token in sent:
        poss = [c for c in token.children if c.morph.get("Poss") == ["Yes"]]
        if poss and is_membership_noun(token, sent.end):
            before = [i for i in ctry if sent.start <= i < token.i and ctry[i][2] != "adjective"]
            if before:
                return [ctry[max(before)][0]]
    return []


def matches_in(sent, matcher) -> list:
    """(status, start, end) of the trigger phrases, longest first where they overlap."""
    doc, found, taken = sent.doc, [], set()
    anchors = anchor_words()
    if not any(key in anchors for key in doc.user_data["rkeys"][sent.start:sent.end]):
        return []
    # The Matcher reads a copy of the sentence made of keys (fast ORTH
    # predicates, where an extension attribute is read through Python).
    keys = Doc(doc.vocab, words=[rkey(t) or t.lower_ for t in sent], pos=[t.pos_ or "X" for t in sent])
    spans = sorted(((m, sent.start + s, sent.start + e) for m, s, e in matcher(keys)),
                   key=lambda m: (m[1], m[1] - m[2]))
    for match_id, start, end in spans:
        if taken.isdisjoint(range(start, end)):
            found.append((doc.vocab.strings[match_id].split("|")[0], start, end))
            taken.update(range(start, end))
    return found


def extract_ratifications(article) -> list:
    """Ratification rows of an annotated article (extract.article)."""
    doc, sentences, anchor = article.doc, article.sentences, article.anchor
    # Without a membership or NATO named in the article, a step needs its
    # candidate in its own sentence: "a donné son feu vert à Helsinki".
    membership = about_membership(doc)
    if not membership and not article.countries:
        return []
    matcher, memory, results, seen = matcher_for(doc.vocab), Memory(), [], set()
    body = text_of(doc)
    mark_keys(doc)
    relevant = []
    for sent in sentences.spans:
        if not membership and not article.countries_in(sent.start_char, sent.end_char):
            continue
        matches = matches_in(sent, matcher)
        has_noun = any(rkey(t) in vocabulary()["membership_nouns"] for t in sent)
        if matches or has_noun or any(rkey(t) in vocabulary()["noun_triggers"]["blocked"] for t in sent):
            ctry = country_tokens(sent, article.countries_in(sent.start_char, sent.end_char))
            relevant.append((sent, matches, ctry, sentence_candidates(sent, ctry)))
    memory.everywhere = list(dict.fromkeys(c for _, _, _, named in relevant for c in named))
    for sent, matches, ctry, named in relevant:
        facts = read_sentence(sent, matches, ctry, named, memory)
        for fact in facts:
            results += rows_of(fact, doc, body, sent, anchor, seen)
        new = named or [c for f in facts if f.status in ("applied", "joined") for _, c in f.pairs] \
            or (possessors(sent, ctry) if not matches else [])
        if new:
            memory.context = list(dict.fromkeys(new))
    return results


def read_sentence(sent, matches, ctry, named, memory) -> list:
    if sent.text.rstrip().endswith("?"):
        return []
    facts, taken = [], {}  # token index -> whether its phrase gave a fact
    for status, start, end in matches:
        fact = read_match(status, sent.doc, start, end, sent, ctry, memory)
        taken.update((i, bool(fact and fact.pairs)) for i in range(start, end))
        if fact is not None:
            facts.append(fact)
            actors = [a for a, _ in fact.pairs if a]
            if actors:
                memory.actors = list(dict.fromkeys(actors))
    return facts + noun_facts(sent, ctry, taken, named)


def rows_of(fact, doc, body, sent, anchor, seen) -> list:
    rows = []
    start, end = doc[fact.start].idx, doc[fact.end - 1].idx + len(doc[fact.end - 1])
    date = date_of(fact, doc, body, sent, anchor) if fact.status in ("joined", "applied", "ratified") else None
    for country, candidate in fact.pairs:
        key = (country, candidate, fact.status)
        if key in seen or not candidate:
            continue
        seen.add(key)
        rows.append(Ratification(start, end, country, candidate, fact.status, fact.count, fact.members,
                                 fact.body, date.value if date else None, date.precision if date else None,
                                 date.expr if date else None))
    return rows


def date_of(fact, doc, body, sent, anchor):
    """The date in the step's clause, after the verb first ("a rejoint l'OTAN
    le 4 avril"), else before it ("En mai 2022, la Finlande a déposé ..."),
    else the first one after the verb in the sentence."""
    dates = find_dates(body[sent.start_char:sent.end_char], anchor)
    first = doc[group_start(doc, doc[fact.start], sent)].idx - sent.start_char
    stop = clause_end(doc, fact.end, sent)
    last = (doc[stop - 1].idx + len(doc[stop - 1]) if stop > fact.end else doc[fact.end - 1].idx + 1) - sent.start_char
    begin = doc[clause_start(doc, fact.start, sent)].idx - sent.start_char
    in_clause = [d for d in dates if first <= d.start < last] or [d for d in dates if begin <= d.start < first][-1:]
    # a quotation ends the clause: "a demandé une « adhésion accélérée » ... en septembre"
    later = [d for d in dates if d.start >= first]
    return in_clause[0] if in_clause else later[0] if later else None


# ---------------------------------------------------------------- tracker

# pycountry gives the ISO names; readers filter on the names the English-language
# press uses ("Turkey", not "Türkiye"), and pycountry has no Kosovo.
ENGLISH_NAMES = {"RU": "Russia", "TR": "Turkey", "XK": "Kosovo"}


@lru_cache(maxsize=None)
def english_name(code: str) -> Optional[str]:
    """English short name of a state ("SE" -> "Sweden", "MD" -> "Moldova"),
    so that the tracker can be filtered in English as well as in French."""
    if code in ENGLISH_NAMES:
        return ENGLISH_NAMES[code]
    try:
        import pycountry
    except ImportError:
        return None
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name if country else None


def is_member(code: str) -> bool:
    """Whether a state is (or has become) a NATO member, by countries_fr.tsv:
    only members count among the states an aggregate leaves out."""
    from .places import countries

    info = countries().get(code)
    return bool(info and info.nato_since)


# "tous à l'exception de la Hongrie et de la Turquie", "sauf Ankara", "hormis la Hongrie"
EXCEPTION_CUE = re.compile(r"\b(?:à l['’]exception|exception faite|hormis|excepté|sauf|mis à part)\b", re.I)
# The excepted list ends with its clause: a spaced dash, a comma, a bracket, a stop.
EXCEPTION_END = re.compile(r"\s[-–—]\s|[,;:.()«»]")


def exceptions_in(text: str) -> list:
    """ISO codes of the states a sentence excepts ("28 des 30 membres - tous à
    l'exception de la Hongrie et de la Turquie - ont ratifié"): the states an
    aggregate in it leaves out, in the words of the text."""
    codes = []
    for cue in EXCEPTION_CUE.finditer(text):
        end = EXCEPTION_END.search(text, cue.end())
        span = text[cue.end():end.start() if end else len(text)]
        codes += [m.place.country for m in find_countries(span, adjectives=False)]
    return list(dict.fromkeys(codes))
