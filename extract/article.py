"""One annotated article: what every extractor reads.

The article is parsed once (extract.nlp); annotate() adds what more than one
extractor needs (sentences, paragraphs, people, place mentions, the
publication date) so that no extractor computes them again. Extractors are
functions extract_X(article) -> list of small records.
"""
import bisect
from dataclasses import dataclass
from functools import cached_property
from datetime import date
from typing import Optional

from .clean import CleanArticle
from .dates import Publication, infer_publication_date
from .people import extract_people
from .places import find_countries, find_places
from .reader import RawArticle
from .segment import Segments, segment


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
    segments: Segments           # paragraphs, quotations and sentence bounds
    people: list                 # people.Person, with mentions and roles
    places: list                 # places.PlaceMention, in text order
    countries: list              # places.PlaceMention of every country named (by name, capital or adjective)
    publication: Publication

    def countries_in(self, start: int, end: int, adjectives: bool = True) -> list:
        """The country mentions between two offsets ("le Parlement turc" by adjective too)."""
        i = bisect.bisect_left(self.country_starts, start)
        j = bisect.bisect_left(self.country_starts, end)
        return [m for m in self.countries[i:j] if adjectives or m.how != "adjective"]

    @cached_property
    def country_starts(self) -> list:
        return [m.start for m in self.countries]

    @property
    def paragraphs(self) -> list:
        """(start, end) of every paragraph."""
        return self.segments.paragraphs

    @property
    def anchor(self) -> Optional[date]:
        """The date relative expressions ("mardi", "hier") are read against."""
        return self.publication.as_date()


def annotate(raw: RawArticle, clean: CleanArticle, doc) -> Article:
    """The annotated article of a parsed clean body."""
    sentences = Sentences(doc)
    countries = find_countries(clean.body)
    return Article(
        id=raw.id, raw=raw, clean=clean, body=clean.body, doc=doc, sentences=sentences,
        segments=segments_of(doc, clean.body), people=extract_people(doc, sentences.start_of),
        places=find_places(doc, countries), countries=countries,
        publication=infer_publication_date(clean.body, raw.date, clean.dateline_date, url=raw.url),
    )


def segments_of(doc, body: str) -> Segments:
    """The segments the sentence splitter found while parsing; found again
    for a Doc joined from pieces (a long body)."""
    found = doc.user_data.get("segments")
    return found if found is not None else segment(body)
