"""From a raw article to plain rows: clean, parse once, run every extractor.

extract_article is a pure function of its inputs (the raw article, its clean
form and the parsed Doc): it never touches the database, so it can run in
worker processes and its output can be tested directly.
"""
import bisect
import json
from dataclasses import asdict

from .clean import CleanArticle, clean_article
from .dates import infer_publication_date
from .meetings import extract_meetings
from .people import extract_people
from .places import country_place, find_places, get_place
from .ratifications import extract_ratifications
from .reader import RawArticle
from .segment import paragraphs_of
from .statements import extract_statements


def prepare(raw: RawArticle) -> CleanArticle:
    return clean_article(raw.text, title=raw.title, source=raw.source)


class Sentences:
    """Sentence index of offsets in a Doc."""

    def __init__(self, doc):
        self.spans = list(doc.sents)
        self.starts = [s.start_char for s in self.spans]

    def index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def start_of(self, offset: int) -> int:
        return self.starts[self.index(offset)] if self.starts else 0


def extract_article(raw: RawArticle, clean: CleanArticle, doc) -> dict:
    """Rows for every table, keyed by table name, with local keys for people
    and places that the writer resolves across the corpus."""
    body = clean.body
    article_id = raw.id
    sentences = Sentences(doc)
    publication = infer_publication_date(body, raw.date, clean.dateline_date, url=raw.url)
    anchor = publication.as_date()

    def sid(offset):
        return f"{article_id}-s{sentences.index(offset)}"

    article = {
        "id": article_id, "file": raw.file, "line": raw.line, "sha256": raw.sha256,
        "title": clean.title, "url": raw.url, "source": clean.source, "byline": clean.byline,
        "dateline": clean.dateline, "published": publication.value,
        "published_precision": publication.precision, "published_method": publication.method,
        "published_expr": publication.expr, "language": "fr", "body": body, "raw_text": raw.text,
        "encoding": raw.encoding, "word_count": len(body.split()),
        "credits": json.dumps(clean.credits, ensure_ascii=False) if clean.credits else None,
        "removed": json.dumps(clean.removed, ensure_ascii=False) if clean.removed else None,
    }
    sentence_rows = [{"id": f"{article_id}-s{i}", "article_id": article_id, "idx": i,
                      "start": s.start_char, "end": s.end_char, "text": s.text}
                     for i, s in enumerate(sentences.spans)]

    people = extract_people(doc, sentences.start_of)
    # Statements first: speaker resolution may find a person the model missed.
    statements = extract_statements(doc, paragraphs_of(body), people)
    mention_rows, role_rows = [], []
    for person in people:
        for m in person.mentions:
            mention_rows.append({"id": f"{article_id}-m{len(mention_rows)}", "article_id": article_id,
                                 "sentence_id": sid(m.start), "start": m.start, "end": m.end,
                                 "text": m.text, "name": m.name, "person_key": person.key})
        for role in person.roles:
            role_rows.append({"id": f"{article_id}-r{len(role_rows)}", "article_id": article_id,
                              "sentence_id": sid(role.start), "start": role.start, "end": role.end,
                              "person_key": person.key, "title": role.title,
                              "organisation": role.organisation,
                              "country_id": f"country:{role.country}" if role.country else None,
                              "text": role.text})

    place_mentions = find_places(doc)
    places = {}

    def need(place):
        """Every place a row points to gets its row, a site's town too."""
        if place is not None and place.id not in places:
            places[place.id] = place
            if place.parent_id:
                need(get_place(place.parent_id))

    place_rows = []
    for n, pm in enumerate(place_mentions):
        need(pm.place)
        place_rows.append({"id": f"{article_id}-p{n}", "article_id": article_id,
                           "sentence_id": sid(pm.start), "start": pm.start, "end": pm.end,
                           "text": pm.text, "place_id": pm.place.id, "how": pm.how})

    statement_rows = [{"id": f"{article_id}-q{n}", "article_id": article_id,
                       "sentence_id": sid(s.start), "start": s.start, "end": s.end, "quote": s.quote,
                       "kind": s.kind, "speaker_key": s.speaker_key, "speaker_text": s.speaker_text,
                       "speaker_kind": s.speaker_kind, "verb": s.verb, "occasion": s.occasion}
                      for n, s in enumerate(statements)]

    meetings = extract_meetings(doc, sentences, place_mentions, people, anchor)
    meeting_rows, meeting_mention_rows, participant_rows = [], [], []
    for n, meeting in enumerate(meetings):
        meeting_id = f"{article_id}-e{n}"
        need(meeting.place)
        need(meeting.venue)
        first = meeting.mentions[0]
        meeting_rows.append({
            "id": meeting_id, "article_id": article_id, "sentence_id": sid(first.start),
            "start": first.start, "end": first.end, "kind": meeting.kind, "name": meeting.name,
            "place_id": meeting.place.id if meeting.place else None,
            "venue_id": meeting.venue.id if meeting.venue else None,
            "date_start": meeting.date_start, "date_end": meeting.date_end,
            "date_precision": meeting.date_precision, "date_expr": meeting.date_expr,
            "date_qualifier": meeting.date_qualifier, "status": meeting.status,
            "organiser_key": meeting.organiser_key,
        })
        for k, mm in enumerate(meeting.mentions):
            meeting_mention_rows.append({"id": f"{meeting_id}-{k}", "meeting_id": meeting_id,
                                         "article_id": article_id, "sentence_id": sid(mm.start),
                                         "start": mm.start, "end": mm.end, "text": mm.text})
        for key in meeting.participant_keys:
            participant_rows.append({"meeting_id": meeting_id, "person_key": key, "country_id": None})
        for code in meeting.participant_countries:
            participant_rows.append({"meeting_id": meeting_id, "person_key": None, "country_id": f"country:{code}"})
            need(country_place(code))

    ratifications = extract_ratifications(doc, sentences, anchor)
    ratification_rows = []
    for n, r in enumerate(ratifications):
        for code in (r.country, r.candidate):
            if code:
                need(country_place(code))
        ratification_rows.append({
            "id": f"{article_id}-k{n}", "article_id": article_id, "sentence_id": sid(r.start),
            "start": r.start, "end": r.end, "country_id": f"country:{r.country}" if r.country else None,
            "candidate_id": f"country:{r.candidate}", "status": r.status, "n_countries": r.n_countries,
            "n_members": r.n_members, "body": r.body, "date": r.date, "date_precision": r.date_precision,
            "date_expr": r.date_expr, "text": body[r.start:r.end],
        })
    for row in role_rows:
        if row["country_id"]:
            need(get_place(row["country_id"]))

    return {
        "articles": [article], "sentences": sentence_rows, "mentions": mention_rows,
        "roles": role_rows, "place_mentions": place_rows, "statements": statement_rows,
        "meetings": meeting_rows, "meeting_mentions": meeting_mention_rows,
        "meeting_participants": participant_rows, "ratifications": ratification_rows,
        "places": [asdict(p) for p in places.values()],
    }
