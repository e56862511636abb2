"""One annotated article: what every extractor reads.

The article is parsed once (extract.nlp); annotate() adds what more than one
extractor needs (sentences, paragraphs, people, place mentions, the
publication date) so that no extractor computes them again. Extractors are
functions extract_X(article) -> list of small records.
"""
import bisect
from dataclasses import dataclass
from datetime import date
from typing import Optional

from .clean import CleanArticle
from .dates import Publication, infer_publication_date
from .people import extract_people
from .places import find_places
from .reader import RawArticle
from .segment import paragraphs_of


class Sentences:
    """Sentence index of offsets in a Doc."""

    def __init__(self, doc):
        self.spans = list(doc.sents)
        self.starts = [s.start_char for s in self.spans]

    def index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def start_of(self, offset: int) -> int:
        return self.starts[self.index(offset)] if self.starts else 0


@dataclass
class Article:
    id: str
    raw: RawArticle
    clean: CleanArticle
    body: str
    doc: object                  # the spaCy Doc of body
    sentences: Sentences
    paragraphs: list             # (start, end) of every paragraph
    people: list                 # people.Person, with mentions and roles
    places: list                 # places.PlaceMention, in text order
    publication: Publication

    @property
    def anchor(self) -> Optional[date]:
        """The date relative expressions ("mardi", "hier") are read against."""
        return self.publication.as_date()


def annotate(raw: RawArticle, clean: CleanArticle, doc) -> Article:
    """The annotated article of a parsed clean body."""
    sentences = Sentences(doc)
    return Article(
        id=raw.id, raw=raw, clean=clean, body=clean.body, doc=doc, sentences=sentences,
        paragraphs=paragraphs_of(clean.body), people=extract_people(doc, sentences.start_of),
        places=find_places(doc),
        publication=infer_publication_date(clean.body, raw.date, clean.dateline_date, url=raw.url),
    )
