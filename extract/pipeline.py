"""From a raw article to plain rows: clean, parse once, annotate, run every
extractor, and lay the facts out as rows for the writer.

extract_article is a pure function of its inputs (the raw article, its clean
form and the parsed Doc): it never touches the database, so it can run in
worker processes and its output can be tested directly.
"""
import json
from dataclasses import asdict

from .article import Article, annotate
from .clean import CleanArticle, clean_article
from .meetings import extract_meetings
from .nlp import parsed
from .places import country_place, get_place
from .ratifications import extract_ratifications
from .reader import RawArticle
from .statements import extract_statements


def prepare(raw: RawArticle) -> CleanArticle:
    return clean_article(raw.text, title=raw.title, source=raw.source)


def extract_article(raw: RawArticle, clean: CleanArticle, doc) -> dict:
    """Rows for every table, keyed by table name, with local keys for people
    and places that the writer resolves across the corpus."""
    article = annotate(raw, clean, doc)
    # Statements first: speaker resolution may find a person the model missed.
    statements = extract_statements(article)
    rows = Rows(article)
    tables = {"articles": [rows.article()], "sentences": rows.sentences(), "place_mentions": rows.place_mentions(),
              "statements": rows.statements(statements), **rows.meetings(extract_meetings(article)),
              "ratifications": rows.ratifications(extract_ratifications(article)), **rows.people()}
    return {**tables, "places": rows.places()}


def article_label(title, source, published, body) -> str:
    """What a link to the article says: its title; without one, its source
    and date ("Le Monde, 2023-07-12"); without those, its opening words."""
    if title and title.strip():
        return title.strip()
    known = [part for part in (source, published) if part]
    if known:
        return ", ".join(known)
    opening = " ".join(body.split())
    return opening if len(opening) <= 60 else opening[:60].rsplit(" ", 1)[0] + "…"


class Rows:
    """The rows of one annotated article, and the places they point to."""

    def __init__(self, article: Article):
        self.a = article
        self.needed = {}

    def sid(self, offset: int) -> str:
        return f"{self.a.id}-s{self.a.sentences.index(offset)}"

    def need(self, place):
        """Every place a row points to gets its row, a site's town too."""
        if place is not None and place.id not in self.needed:
            self.needed[place.id] = place
            if place.parent_id:
                self.need(get_place(place.parent_id))

    def article(self) -> dict:
        raw, clean, publication, body = self.a.raw, self.a.clean, self.a.publication, self.a.body
        return {
            "id": self.a.id, "file": raw.file, "line": raw.line, "sha256": raw.sha256,
            "title": clean.title, "url": raw.url, "source": clean.source, "byline": clean.byline,
            "dateline": clean.dateline, "published": publication.value,
            "published_precision": publication.precision, "published_method": publication.method,
            "published_expr": publication.expr, "language": "fr", "body": body, "raw_text": raw.text,
            "encoding": raw.encoding, "word_count": len(body.split()),
            "credits": json.dumps(clean.credits, ensure_ascii=False) if clean.credits else None,
            "removed": json.dumps(clean.removed, ensure_ascii=False) if clean.removed else None,
            "notes": json.dumps(raw.notes, ensure_ascii=False) if raw.notes else None,
            "label": article_label(clean.title, clean.source, publication.value, body),
        }

    def sentences(self) -> list:
        """Sentences without the blank lines a paragraph break leaves after them."""
        rows = []
        for i, span in enumerate(self.a.sentences.spans):
            text = span.text.rstrip()
            rows.append({"id": f"{self.a.id}-s{i}", "article_id": self.a.id, "idx": i,
                         "start": span.start_char, "end": span.start_char + len(text), "text": text,
                         "parsed": int(parsed(span))})
        return rows

    def people(self) -> dict:
        aid, mentions, roles = self.a.id, [], []
        for person in self.a.people:
            for m in person.mentions:
                mentions.append({"id": f"{aid}-m{len(mentions)}", "article_id": aid, "sentence_id": self.sid(m.start),
                                 "start": m.start, "end": m.end, "text": m.text, "name": m.name,
                                 "person_key": person.key})
            for role in person.roles:
                # A country the gazetteer has no row for (a territory) is left out, not dangling.
                country = get_place(f"country:{role.country}") if role.country else None
                roles.append({"id": f"{aid}-r{len(roles)}", "article_id": aid, "sentence_id": self.sid(role.start),
                              "start": role.start, "end": role.end, "person_key": person.key, "title": role.title,
                              "organisation": role.organisation, "country_id": country.id if country else None,
                              "text": role.text})
                self.need(country)
        return {"mentions": mentions, "roles": roles}

    def place_mentions(self) -> list:
        rows = []
        for n, pm in enumerate(self.a.places):
            self.need(pm.place)
            rows.append({"id": f"{self.a.id}-p{n}", "article_id": self.a.id, "sentence_id": self.sid(pm.start),
                         "start": pm.start, "end": pm.end, "text": pm.text, "place_id": pm.place.id, "how": pm.how})
        return rows

    def statements(self, statements) -> list:
        return [{"id": f"{self.a.id}-q{n}", "article_id": self.a.id, "sentence_id": self.sid(s.start),
                 "start": s.start, "end": s.end, "quote": s.quote, "kind": s.kind, "speaker_key": s.speaker_key,
                 "speaker_text": s.speaker_text, "speaker_kind": s.speaker_kind, "verb": s.verb,
                 "occasion": s.occasion}
                for n, s in enumerate(statements)]

    def meetings(self, meetings) -> dict:
        rows, mentions, participants = [], [], []
        for n, meeting in enumerate(meetings):
            meeting_id, first = f"{self.a.id}-e{n}", meeting.mentions[0]
            self.need(meeting.place)
            self.need(meeting.venue)
            rows.append({
                "id": meeting_id, "article_id": self.a.id, "sentence_id": self.sid(first.start),
                "start": first.start, "end": first.end, "kind": meeting.kind, "name": meeting.name,
                "place_id": meeting.place.id if meeting.place else None,
                "venue_id": meeting.venue.id if meeting.venue else None,
                "date_start": meeting.date_start, "date_end": meeting.date_end,
                "date_precision": meeting.date_precision, "date_expr": meeting.date_expr,
                "date_qualifier": meeting.date_qualifier, "status": meeting.status,
                "organiser_key": meeting.organiser_key,
            })
            mentions += [{"id": f"{meeting_id}-{k}", "meeting_id": meeting_id, "article_id": self.a.id,
                          "sentence_id": self.sid(mm.start), "start": mm.start, "end": mm.end, "text": mm.text}
                         for k, mm in enumerate(meeting.mentions)]
            participants += [{"meeting_id": meeting_id, "person_key": key, "country_id": None}
                             for key in meeting.participant_keys]
            for code in meeting.participant_countries:
                participants.append({"meeting_id": meeting_id, "person_key": None, "country_id": f"country:{code}"})
                self.need(country_place(code))
        return {"meetings": rows, "meeting_mentions": mentions, "meeting_participants": participants}

    def ratifications(self, ratifications) -> list:
        rows = []
        for n, r in enumerate(ratifications):
            for code in (r.country, r.candidate):
                if code:
                    self.need(country_place(code))
            rows.append({
                "id": f"{self.a.id}-k{n}", "article_id": self.a.id, "sentence_id": self.sid(r.start),
                "start": r.start, "end": r.end, "country_id": f"country:{r.country}" if r.country else None,
                "candidate_id": f"country:{r.candidate}", "status": r.status, "n_countries": r.n_countries,
                "n_members": r.n_members, "body": r.body, "date": r.date, "date_precision": r.date_precision,
                "date_expr": r.date_expr, "text": self.a.body[r.start:r.end],
            })
        return rows

    def places(self) -> list:
        return [asdict(p) for p in self.needed.values()]
