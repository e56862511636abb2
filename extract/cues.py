"""The cascade's decision: which sentences of an article get the whole parse.

A sentence is parsed when it holds a cue of some extractor (data/cues.yml):
a quotation mark, a speech verb, a meeting or membership word, a person
(whose subjects the speaker resolver reads). The words are matched on their
lower-case form or on their lemma in the French lookup table, so the
decision needs only tokens and entities. Cues are necessary
words, never sufficient ones: on a sentence without any, no extractor could
find a fact, and the tagger and parser are spared there.
"""
import bisect
import itertools
import re
from functools import lru_cache

import numpy
from spacy.attrs import LOWER

from .lexicon import (LEMMA_FIXES, PARTICIPLE_ENDINGS, SELON, SPEECH_PHRASES, SPEECH_VERBS, _data,
                      infinitive_guesses)
from .nlp import text_of

CUES = _data("cues.yml")
PLACE_LABELS = ("LOC", "GPE")
KINDS = ("speech", "person", "meeting", "place", "ratification")


def verb_guesses(word: str) -> tuple:
    """The infinitives an inflected form may be of where the lookup table has
    no lemma for it ("approuvé" -> "approuver", "estime" -> "estimer"): the
    guesses of statements.speech_lemma and ratifications.key_of."""
    return (*infinitive_guesses(word),
            *(word[:-len(ending)] + "er" for ending in PARTICIPLE_ENDINGS if word.endswith(ending)))


class Cues:
    """The cue words, loaded once, and the lemmatiser's tables of a pipeline."""

    def __init__(self, lookups):
        meetings, ratification, speakers = _data("meetings.yml"), _data("ratification.yml"), _data("speakers.yml")
        self.lookups = lookups  # the lemmatiser's tables
        self.speech = SPEECH_VERBS | set(LEMMA_FIXES) | set(SELON) | set(SPEECH_PHRASES) \
            | set(CUES["speech_words"])
        self.meeting = {noun.split()[0].lower() for nouns in meetings["nouns"].values() for noun in nouns} \
            | set(meetings["verbs"]) | set(meetings["person_verbs"])
        self.with_a_place = {w for name in CUES["with_a_place"] for w in meetings[name]}
        self.ratification = {word for phrases in ratification["triggers"].values() for p in phrases
                             for word in p["phrase"].split()[0].rstrip("?").split("|")} \
            | set(ratification["membership_nouns"]) | set(ratification["join_verbs"]) \
            | {w.split()[0] for words in ratification["noun_triggers"].values() for w in words}
        self.labels = set(CUES["entity_labels"])
        self.person = set(CUES["courtesy_titles"]) | {w.lower() for w in speakers["person_nouns"]}
        self.quote = re.compile("|".join(map(re.escape, CUES["quote_marks"])))
        self.phrases = re.compile("|".join(map(re.escape, CUES["speech_phrases"])))
        self.words = {"speech": self.speech, "person": self.person, "meeting": self.meeting,
                      "place": self.with_a_place, "ratification": self.ratification}
        self.kinds = {}  # lower-case form -> the cue kinds it is, computed once per form
        self.bits = {}   # its hash -> those kinds as bits

    def lemmas(self, word: str) -> set:
        """The lemmas a form may have whatever its tag: the lookup table's,
        and the lemmatiser's rules for a verb ("admis" -> "admettre",
        "relève" -> "relever"), as the tagger may read it."""
        lemma = self.lookups.get_table("lemma_lookup", {}).get(word, word) if self.lookups is not None else word
        found = {lemma[0] if isinstance(lemma, list) else lemma}
        if self.lookups is None or "lemma_rules" not in self.lookups:
            return found
        index = self.lookups.get_table("lemma_index").get("verb", ())
        exceptions = self.lookups.get_table("lemma_exc").get("verb", {}).get(word, [])
        found.update(exceptions)
        for old, new in self.lookups.get_table("lemma_rules").get("verb", []):
            if word.endswith(old) and word[:len(word) - len(old)] + new in index:
                found.add(word[:len(word) - len(old)] + new)
        return found

    def kinds_of(self, word: str) -> frozenset:
        """"speech", "person", "meeting", "place" (a meeting with a place), "ratification"."""
        kinds = self.kinds.get(word)
        if kinds is None:
            forms = {word, *self.lemmas(word), *verb_guesses(word)}
            kinds = frozenset(kind for kind, words in self.words.items() if forms & words)
            self.kinds[word] = kinds
        return kinds

    def bits_of(self, orth: int, strings) -> int:
        """kinds_of a lower-case form as bits of KINDS, cached by its hash."""
        bits = self.bits.get(orth)
        if bits is None:
            kinds = self.kinds_of(strings[orth])
            bits = self.bits[orth] = sum(1 << i for i, kind in enumerate(KINDS) if kind in kinds)
        return bits

    def chosen(self, doc) -> list:
        """The sentences of doc that hold a cue, found in one pass over its
        tokens (their cue kinds as bits, or-ed per sentence), its entities
        and its text, not sentence by sentence."""
        sents = list(doc.sents)
        if not sents:
            return []
        starts = [s.start for s in sents]
        lowers = doc.to_array([LOWER]).ravel()
        unique, inverse = numpy.unique(lowers, return_inverse=True)
        bits = numpy.array([self.bits_of(int(h), doc.vocab.strings) for h in unique.tolist()], dtype="int64")
        per_sentence = numpy.bitwise_or.reduceat(bits[inverse.ravel()], starts).tolist()
        wanted = sum(1 << KINDS.index(k) for k in ("speech", "meeting", "person"))
        if about_membership_of(lowers, doc.vocab.strings):
            wanted |= 1 << KINDS.index("ratification")
        chosen = [bool(b & wanted) for b in per_sentence]
        place_bit = 1 << KINDS.index("place")
        text, char_starts = text_of(doc), [s.start_char for s in sents]
        for match in itertools.chain(self.quote.finditer(text), self.phrases.finditer(text.lower())):
            chosen[bisect.bisect_right(char_starts, match.start()) - 1] = True
        for ent in doc.ents:
            i = bisect.bisect_right(starts, ent.start) - 1
            if ent.label_ in self.labels or ent.label_ in PLACE_LABELS and per_sentence[i] & place_bit:
                chosen[i] = True
        return [sent for sent, keep in zip(sents, chosen) if keep]


@lru_cache(maxsize=1)
def membership_words() -> frozenset:
    ratification = _data("ratification.yml")
    return frozenset(CUES["article_words"]) | set(ratification["membership_nouns"]) | set(ratification["nato_names"])


def about_membership(doc) -> bool:
    """Whether an article names NATO or a membership at all: only then can a
    sentence of it report a step of a membership ("La Hongrie doit encore
    ratifier" reads its candidate from an earlier sentence)."""
    return about_membership_of(doc.to_array([LOWER]).ravel(), doc.vocab.strings)


def about_membership_of(lowers, strings) -> bool:
    words = {strings.add(word) for word in membership_words()}
    return bool(numpy.isin(lowers, list(words)).any())


@lru_cache(maxsize=4)
def cues_for(nlp) -> Cues:
    return Cues(nlp.get_pipe("lemmatizer").lookups if "lemmatizer" in nlp.component_names else None)


def cue_sentences(nlp, doc) -> list:
    """The sentences of doc (with its entities) that hold a cue."""
    return cues_for(nlp).chosen(doc)
