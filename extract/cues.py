"""The cascade's decision: which sentences of an article get the whole parse.

A sentence is parsed when it holds a cue of some extractor (data/cues.yml):
a quotation mark, a speech verb, a meeting or membership word. The words
are matched on their lower-case form or on their lemma in the French lookup
table, so the decision needs only tokens and entities. Cues are necessary
words, never sufficient ones: on a sentence without any, no extractor could
find a fact, and the tagger and parser are spared there.
"""
import re
from functools import lru_cache

from .lexicon import LEMMA_FIXES, SELON, SPEECH_PHRASES, SPEECH_VERBS, _data

CUES = _data("cues.yml")
PLACE_LABELS = ("LOC", "GPE")


def verb_guesses(word: str) -> tuple:
    """The infinitives an inflected form may be of where the lookup table has
    no lemma for it ("approuvé" -> "approuver", "estime" -> "estimer"),
    as statements.speech_lemma and ratifications.key_of guess them."""
    guesses = [word + "r", word[:-1] + "er", word[:-1] + "re"]
    if word.endswith("ent"):
        guesses.append(word[:-3] + "er")
    if word.endswith("it"):
        guesses.append(word[:-2] + "ir")
    for ending in ("ées", "és", "ée", "é"):
        if word.endswith(ending):
            guesses.append(word[:-len(ending)] + "er")
    return tuple(guesses)


class Cues:
    """The cue words, loaded once, and the lemma lookup of a pipeline."""

    def __init__(self, lookup):
        meetings, ratification, speakers = _data("meetings.yml"), _data("ratification.yml"), _data("speakers.yml")
        self.lookup = lookup
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

    def lemma(self, word: str) -> str:
        lemma = self.lookup.get(word, word) if self.lookup is not None else word
        return lemma[0] if isinstance(lemma, list) else lemma

    def kinds_of(self, word: str) -> frozenset:
        """"speech", "person", "meeting", "place" (a meeting with a place), "ratification"."""
        kinds = self.kinds.get(word)
        if kinds is None:
            forms = {word, self.lemma(word), *verb_guesses(word)}
            kinds = frozenset(kind for kind, words in self.words.items() if forms & words)
            self.kinds[word] = kinds
        return kinds


    def sentence(self, sent, ratifications: bool) -> bool:
        text = sent.text
        if self.quote.search(text) or self.phrases.search(text.lower()) \
                or any(e.label_ in self.labels for e in sent.ents):
            return True
        kinds = set().union(*(self.kinds_of(t.lower_) for t in sent))
        if kinds & {"speech", "meeting", "person"} or ratifications and "ratification" in kinds:
            return True
        return "place" in kinds and any(e.label_ in PLACE_LABELS for e in sent.ents)


@lru_cache(maxsize=1)
def membership_words() -> frozenset:
    ratification = _data("ratification.yml")
    return frozenset(CUES["article_words"]) | set(ratification["membership_nouns"]) | set(ratification["nato_names"])


def about_membership(doc) -> bool:
    """Whether an article names NATO or a membership at all: only then can a
    sentence of it report a step of a membership ("La Hongrie doit encore
    ratifier" reads its candidate from an earlier sentence)."""
    words = membership_words()
    return any(t.lower_ in words for t in doc)


@lru_cache(maxsize=4)
def cues_for(nlp) -> Cues:
    lookups = nlp.get_pipe("lemmatizer").lookups if "lemmatizer" in nlp.component_names else None
    return Cues(lookups.get_table("lemma_lookup", None) if lookups else None)


def cue_sentences(nlp, doc) -> list:
    """The sentences of doc (with its entities) that hold a cue."""
    cues = cues_for(nlp)
    ratifications = about_membership(doc)
    return [sent for sent in doc.sents if cues.sentence(sent, ratifications)]
