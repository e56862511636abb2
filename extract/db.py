"""The only module that touches SQLite: schema, saving rows, corpus-wide resolution.

ensure_tables declares every table once; save_article replaces one
article's rows; resolve_people and resolve_events derive the corpus-wide
tables from the per-article rows at the end of a build; ensure_db_shape adds
indexes, full-text search and views.
"""
import os
import re
from collections import Counter, defaultdict
from typing import Optional

import sqlite_utils

from .meetings import KIND_CLASS
from .places import slug

FTS_LANGUAGE = "unicode61 remove_diacritics 2"  # "reunion" finds "réunion"

TABLES = {
    "articles": ({"id": str, "file": str, "line": int, "sha256": str, "title": str, "url": str,
                  "source": str, "byline": str, "dateline": str, "published": str,
                  "published_precision": str, "published_method": str, "published_expr": str,
                  "language": str, "body": str, "raw_text": str, "encoding": str, "word_count": int,
                  "credits": str, "removed": str, "notes": str, "label": str, "n_statements": int}, "id", []),
    "sentences": ({"id": str, "article_id": str, "idx": int, "start": int, "end": int, "text": str, "parsed": int},
                  "id", [("article_id", "articles", "id")]),
    "people": ({"id": int, "name": str, "key": str, "n_mentions": int, "n_articles": int, "n_statements": int,
                "n_statement_articles": int}, "id", []),
    "person_aliases": ({"id": str, "person_id": int, "alias": str}, "id", [("person_id", "people", "id")]),
    "mentions": ({"id": str, "article_id": str, "sentence_id": str, "start": int, "end": int, "text": str,
                  "name": str, "person_key": str, "person_id": int}, "id",
                 [("article_id", "articles", "id"), ("sentence_id", "sentences", "id"), ("person_id", "people", "id")]),
    "roles": ({"id": str, "person_id": int, "article_id": str, "sentence_id": str, "start": int, "end": int,
               "person_key": str, "title": str, "organisation": str, "country_id": str, "text": str}, "id",
              [("person_id", "people", "id"), ("article_id", "articles", "id"),
               ("sentence_id", "sentences", "id"), ("country_id", "places", "id")]),
    "places": ({"id": str, "name": str, "kind": str, "country": str, "latitude": float, "longitude": float,
                "parent_id": str}, "id", []),
    "place_mentions": ({"id": str, "article_id": str, "sentence_id": str, "start": int, "end": int,
                        "text": str, "place_id": str, "how": str}, "id",
                       [("article_id", "articles", "id"), ("sentence_id", "sentences", "id"), ("place_id", "places", "id")]),
    "statements": ({"id": str, "article_id": str, "sentence_id": str, "start": int, "end": int, "quote": str,
                    "kind": str, "speaker_id": int, "speaker_key": str, "speaker_text": str, "speaker_kind": str,
                    "verb": str, "occasion": str, "quotation_id": str}, "id",
                   [("article_id", "articles", "id"), ("sentence_id", "sentences", "id"), ("speaker_id", "people", "id"),
                    ("quotation_id", "quotations", "id")]),
    "quotations": ({"id": str, "speaker_id": int, "text": str, "kind": str, "statement_id": str,
                    "n_statements": int, "n_articles": int, "n_sources": int, "first_reported": str,
                    "last_reported": str, "year": int}, "id", [("speaker_id", "people", "id")]),
    "events": ({"id": str, "kind": str, "name": str, "place_id": str, "date_start": str, "date_end": str,
                "status": str, "n_articles": int, "latitude": float, "longitude": float}, "id",
               [("place_id", "places", "id")]),
    "meetings": ({"id": str, "article_id": str, "sentence_id": str, "start": int, "end": int, "kind": str,
                  "name": str, "place_id": str, "venue_id": str, "date_start": str, "date_end": str,
                  "date_precision": str, "date_expr": str, "date_qualifier": str, "status": str,
                  "organiser_key": str, "organiser_id": int, "event_id": str}, "id",
                 [("article_id", "articles", "id"), ("sentence_id", "sentences", "id"), ("place_id", "places", "id"),
                  ("venue_id", "places", "id"), ("organiser_id", "people", "id"), ("event_id", "events", "id")]),
    "meeting_mentions": ({"id": str, "meeting_id": str, "article_id": str, "sentence_id": str, "start": int,
                          "end": int, "text": str}, "id",
                         [("meeting_id", "meetings", "id"), ("article_id", "articles", "id"),
                          ("sentence_id", "sentences", "id")]),
    "meeting_participants": ({"id": str, "meeting_id": str, "person_key": str, "person_id": int,
                              "country_id": str}, "id",
                             [("meeting_id", "meetings", "id"), ("person_id", "people", "id"),
                              ("country_id", "places", "id")]),
    "ratifications": ({"id": str, "article_id": str, "sentence_id": str, "start": int, "end": int,
                       "country_id": str, "candidate_id": str, "status": str, "n_countries": int,
                       "n_members": int, "body": str, "date": str, "date_precision": str, "date_expr": str,
                       "text": str, "country_en": str, "candidate_en": str, "left_out": str, "left_out_en": str},
                      "id",
                      [("article_id", "articles", "id"), ("sentence_id", "sentences", "id"),
                       ("country_id", "places", "id"), ("candidate_id", "places", "id")]),
    "skipped": ({"id": str, "path": str, "line": int, "reason": str}, "id", []),
    "build_info": ({"key": str, "value": str}, "key", []),
}
# Tables holding one article's rows, children first so deletes stay consistent.
ARTICLE_TABLES = ["meeting_participants", "meeting_mentions", "meetings", "ratifications", "statements",
                  "place_mentions", "roles", "mentions", "sentences", "articles"]
FTS_CONFIG = {"articles": ["title", "body"], "sentences": ["text"], "statements": ["quote", "speaker_text"]}
FACET_INDEXES = {"statements": ["kind", "verb", "speaker_kind"], "meetings": ["kind", "status", "date_start"],
                 "ratifications": ["status"],
                 "articles": ["source", "published", "published_precision", "published_method"],
                 "places": ["kind", "country"], "place_mentions": ["how"],
                 "events": ["kind", "status", "date_start"], "roles": ["title", "organisation"],
                 "quotations": ["speaker_id", "year", "n_articles", "kind"]}
# Indexes that let the canned queries of metadata.yml read only the rows they
# show, in the order they show them, instead of sorting or counting a whole
# table (bench/site_scale.py: every query under 200 ms at a million statements).
QUERY_INDEXES = {
    # A person's statements (and per month) in article order, without reading them.
    "statements": [("speaker_id", "article_id", "start"),
                   # Anonymous sources, in article order.
                   ("speaker_kind", "article_id", "start")],
    # A statement's date without reading its article's row (the person queries
    # name it: the planner took the primary key and read the row, twice as slow);
    # the latest statements first; statements per month from the articles alone.
    "articles": [("id", "published"), ("published desc", "id"), ("published", "n_statements")],
    # Meetings by date (undated last).
    "meetings": [("date_start is null", "date_start", "article_id")],
    # A person's quotations; the most widely reported.
    "quotations": [("speaker_id", "n_articles desc", "first_reported is null", "first_reported"),
                   ("n_articles desc", "n_statements desc", "first_reported is null", "first_reported")],
}


def open_db(path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    ensure_tables(db)
    return db


CREATION_ORDER = ["articles", "sentences", "people", "person_aliases", "places", "events", "quotations", "mentions",
                  "roles", "place_mentions", "statements", "meetings", "meeting_mentions", "meeting_participants",
                  "ratifications", "skipped", "build_info"]


def ensure_tables(db):
    """Every table, with its columns, primary key and foreign keys."""
    for name in CREATION_ORDER:
        columns, pk, foreign_keys = TABLES[name]
        if not db[name].exists():
            db[name].create(columns, pk=pk, foreign_keys=foreign_keys, if_not_exists=True)
    # Indexes from the start: replacing an article deletes by article_id.
    db.index_foreign_keys()


def extractor_version() -> str:
    """A hash of the extraction code and data: articles extracted by other
    code are extracted again."""
    import hashlib
    from pathlib import Path

    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.glob("*.py")) + sorted((package / "data").glob("*")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def first_row(path, sql: str):
    """The first row of a read-only query on a database file; None when the
    file is no SQLite database, lacks the table, or has no such row."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute(sql).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def version_of(path):
    """The extractor version a database file was built with, or None."""
    row = first_row(path, "select value from build_info where key = 'extractor_version'")
    return row[0] if row else None


def is_project_db(path) -> bool:
    """Whether path is a database this project wrote (it has build_info)."""
    return first_row(path, "select 1 from sqlite_master where name = 'build_info'") is not None


def save_version(db, version):
    db["build_info"].upsert({"key": "extractor_version", "value": version}, pk="key")


def stored_hashes(db) -> dict:
    return {row["id"]: row["sha256"] for row in db.query("select id, sha256 from articles")}


def delete_article(db, article_id):
    for table in ARTICLE_TABLES:
        column = "id" if table == "articles" else "article_id"
        if table == "meeting_participants":
            db.execute("delete from meeting_participants where meeting_id in "
                       "(select id from meetings where article_id = ?)", [article_id])
            continue
        db.execute(f"delete from [{table}] where [{column}] = ?", [article_id])


def save_article(db, rows: dict, replace: bool = True):
    """Insert one article's rows, replacing its old ones when it had some."""
    article_id = rows["articles"][0]["id"]
    if replace:
        delete_article(db, article_id)
    if rows["places"]:
        db["places"].insert_all(rows["places"], pk="id", ignore=True)
    for n, row in enumerate(rows["meeting_participants"]):
        row["id"] = f"{row['meeting_id']}-w{n}"
    # Counted here, with the rows, so that statements per month reads articles alone.
    rows["articles"][0]["n_statements"] = len(rows.get("statements") or [])
    for table in reversed(ARTICLE_TABLES):
        if rows.get(table):
            db[table].insert_all(rows[table], pk="id", batch_size=500)


def save_skips(db, skips):
    db["skipped"].delete_where()
    db["skipped"].insert_all(
        ({"id": f"{s.path}:{s.line or 0}", "path": s.path, "line": s.line, "reason": s.reason} for s in skips),
        pk="id", replace=True)


def remove_missing(db, keep_ids: set, unread=()) -> int:
    """Delete articles no longer among the inputs; how many were removed.

    Only what was read can be missing: an article from a file or folder in
    unread (that could not be read this time) stays."""
    unread = [os.path.abspath(path) for path in unread]

    def under_unread(file):
        file = os.path.abspath(file or "")
        return any(file == path or file.startswith(path.rstrip(os.sep) + os.sep) for path in unread)

    gone = [row["id"] for row in db.query("select id, file from articles")
            if row["id"] not in keep_ids and not under_unread(row["file"])]
    for article_id in gone:
        delete_article(db, article_id)
    return len(gone)


def surname(key: str) -> str:
    return key.split("|")[0]


def resolve_people(db):
    """People across the corpus from the per-article keys.

    A key "stoltenberg|jens" is one person; "stoltenberg|" (the surname alone)
    joins the most mentioned person with that surname. The canonical name is
    the fullest form seen, then the most frequent.
    """
    names = defaultdict(Counter)
    articles = defaultdict(set)
    for row in db.query("select person_key, name, article_id from mentions"):
        names[row["person_key"]][row["name"]] += 1
        articles[row["person_key"]].add(row["article_id"])
    by_surname = defaultdict(list)
    for key in names:
        by_surname[surname(key)].append(key)
    target = {}
    for family, keys in by_surname.items():
        full = [k for k in keys if not k.endswith("|")]
        best = max(full, key=lambda k: (sum(names[k].values()), k)) if full else None
        for key in keys:
            target[key] = key if key in full or best is None else best
    groups = defaultdict(list)
    for key, canonical in target.items():
        groups[canonical].append(key)
    people, aliases, ids = [], [], {}
    for n, canonical in enumerate(sorted(groups), start=1):
        forms = Counter()
        article_set = set()
        for key in groups[canonical]:
            forms.update(names[key])
            article_set |= articles[key]
        # The most frequent full name ("Édouard Philippe", not a stray
        # "Édouard Philippe Philippe" of the model), the surname alone if no other.
        full = [f for f in forms if len(f.split()) >= 2] or list(forms)
        name = max(full, key=lambda f: (forms[f], len(f), f))
        people.append({"id": n, "name": name, "key": canonical, "n_mentions": sum(forms.values()),
                       "n_articles": len(article_set)})
        for form in sorted(forms):
            aliases.append({"id": f"{n}:{form}", "person_id": n, "alias": form})
        for key in groups[canonical]:
            ids[key] = n
    db["person_aliases"].delete_where()
    db["people"].delete_where()
    db["people"].insert_all(people, pk="id")
    db["person_aliases"].insert_all(aliases, pk="id")
    db.execute("create temp table if not exists person_map (key text primary key, person_id integer)")
    db.execute("delete from person_map")
    db.conn.executemany("insert into person_map values (?, ?)", list(ids.items()))
    for table, key_column, id_column in [("mentions", "person_key", "person_id"), ("roles", "person_key", "person_id"),
                                         ("statements", "speaker_key", "speaker_id"),
                                         ("meeting_participants", "person_key", "person_id"),
                                         ("meetings", "organiser_key", "organiser_id")]:
        db.execute(f"update [{table}] set [{id_column}] = (select person_id from person_map "
                   f"where person_map.key = [{table}].[{key_column}])")
    # The most quoted people, without counting every statement at each request.
    db.execute("update people set n_statements = 0, n_statement_articles = 0")
    db.conn.executemany("update people set n_statements = ?, n_statement_articles = ? where id = ?",
                        db.execute("select count(*), count(distinct article_id), speaker_id from statements "
                                   "where speaker_id is not null group by speaker_id").fetchall())


def resolve_quotations(db):
    """One quotation per group of one speaker's statements (extract.quotations),
    with its reports counted and dated; statements point to theirs."""
    from .quotations import group_quotations

    statements = list(db.query("select s.id, s.speaker_id, s.quote, s.kind, s.article_id, a.published, a.source "
                               "from statements s join articles a on a.id = s.article_id order by s.id"))
    rows, assignment = [], []
    for group in group_quotations(statements):
        dates = sorted(m["published"] for m in group.members if m["published"])
        rows.append({"id": group.id, "speaker_id": group.canonical["speaker_id"], "text": group.canonical["quote"],
                     "kind": group.canonical["kind"], "statement_id": group.canonical["id"],
                     "n_statements": len(group.members), "n_articles": len({m["article_id"] for m in group.members}),
                     # NULL, not 0, when no article names its source.
                     "n_sources": len({m["source"] for m in group.members if m["source"]}) or None,
                     "first_reported": dates[0] if dates else None, "last_reported": dates[-1] if dates else None,
                     "year": int(dates[0][:4]) if dates else None})
        assignment += [(group.id, m["id"]) for m in group.members]
    db.execute("update statements set quotation_id = null")
    db["quotations"].delete_where()
    db["quotations"].insert_all(rows, pk="id")
    db.conn.executemany("update statements set quotation_id = ? where id = ?", assignment)


def event_key(row) -> str:
    """Meetings of one kind class at one place on one date (or with one name) are one event."""
    return f"{KIND_CLASS.get(row['kind'], row['kind'])}|{row['place_id']}|{row['date_start'] or row['name']}"


def undated_home(row, dated: list) -> Optional[str]:
    """The event an undated meeting belongs to: the only dated event of its
    kind class and place whose name does not differ, reported within a year
    of the article ("le sommet de Vilnius" beside "the summit in Vilnius on
    11 July"); None when there is none or more than one."""
    fits = [e for e in dated if (not row["name"] or not e["name"] or e["name"] == row["name"])
            and within_a_year(row["published"], e["date_start"])]
    return fits[0]["id"] if len(fits) == 1 else None


def within_a_year(published: Optional[str], date: Optional[str]) -> bool:
    if not published or not date:
        return True
    return abs(int(published[:4]) - int(date[:4])) <= 1


def resolve_events(db):
    """One event per meeting reported in several articles: same kind class,
    place and date. An undated meeting joins the one dated event of its kind
    and place when the rest agrees; a meeting without a place stays its own."""
    events, assignment, dated = {}, {}, defaultdict(list)
    rows = list(db.query("select m.*, p.latitude, p.longitude, a.published from meetings m "
                         "left join places p on p.id = m.place_id join articles a on a.id = m.article_id "
                         "order by m.date_start is null, m.date_start, m.id"))
    for row in rows:
        event_id, kind_and_place = None, (KIND_CLASS.get(row["kind"], row["kind"]), row["place_id"])
        if row["place_id"] and not row["date_start"]:
            event_id = undated_home(row, dated[kind_and_place])
        if event_id is None:
            key = event_key(row) if row["place_id"] and (row["date_start"] or row["name"]) else row["id"]
            event_id = slug(key) or row["id"]
        event = events.get(event_id)
        if event is None:
            event = events[event_id] = {"id": event_id, "kind": row["kind"], "name": row["name"],
                                        "place_id": row["place_id"], "date_start": row["date_start"],
                                        "date_end": row["date_end"], "status": row["status"],
                                        "latitude": row["latitude"], "longitude": row["longitude"],
                                        "articles": set()}
            if row["place_id"] and row["date_start"]:
                dated[kind_and_place].append(event)
        event["articles"].add(row["article_id"])
        event["name"] = event["name"] or row["name"]
        if row["status"] == "held":
            event["status"] = "held"
        assignment[row["id"]] = event_id
    db["events"].delete_where()
    db["events"].insert_all(({**{k: v for k, v in e.items() if k != "articles"}, "n_articles": len(e["articles"])}
                             for e in events.values()), pk="id")
    db.conn.executemany("update meetings set event_id = ? where id = ?", [(e, m) for m, e in assignment.items()])


# ---------------------------------------------------------------- ratification tracker

# Statuses of a member state that has not (yet) ratified a candidate.
NOT_YET = ("pending", "blocked", "possible")


def resolve_ratifications(db):
    """English names of the states, and for each aggregate ("28 of 30 have
    ratified") the states it leaves out, where the text names them."""
    from .places import countries
    from .ratifications import english_name

    for column in ("country", "candidate"):
        codes = [row["id"] for row in db.query(f"select distinct {column}_id as id from ratifications "
                                               f"where {column}_id is not null")]
        db.conn.executemany(f"update ratifications set {column}_en = ? where {column}_id = ?",
                            [(english_name(code.split(":")[-1]), code) for code in codes])
    reports = list(db.query("select r.id, r.article_id, r.start, r.country_id, r.candidate_id, r.status, "
                            "r.n_countries, r.n_members, coalesce(r.date, a.published) as reported, "
                            "s.text as sentence from ratifications r join articles a on a.id = r.article_id "
                            "left join sentences s on s.id = r.sentence_id"))
    by_candidate, updates = defaultdict(list), []
    for report in reports:
        by_candidate[report["candidate_id"]].append(report)
    for aggregate in (r for r in reports if r["country_id"] is None):
        codes = [c.split(":")[-1] for c in left_out(aggregate, by_candidate[aggregate["candidate_id"]]) or []]
        # French names as places.name has them (an excepted state may have no place row)
        updates.append((", ".join(countries()[c].name for c in codes) or None,
                        ", ".join(english_name(c) or c for c in codes) or None, aggregate["id"]))
    db.conn.executemany("update ratifications set left_out = ?, left_out_en = ? where id = ?", updates)


def left_out(aggregate, reports) -> Optional[list]:
    """The member states an aggregate leaves out: those its own sentence
    excepts ("tous à l'exception de la Hongrie"), else those its article,
    else the reports up to its date, give as not having ratified, when they
    are exactly as many as it leaves (n_members - n_countries). A list of
    another length is a partial or contradicting account: None, no guessing."""
    from .ratifications import exceptions_in

    count, members = aggregate["n_countries"], aggregate["n_members"]
    if not count or not members or members <= count:
        return None
    candidate = aggregate["candidate_id"]
    excepted = [f"country:{code}" for code in exceptions_in(aggregate["sentence"] or "")]
    same = [r for r in reports if r["article_id"] == aggregate["article_id"]]
    # Closest account first; the corpus is read only when the article is silent.
    for holdouts in (lambda: sorted(c for c in excepted if c != candidate), lambda: not_yet(candidate, same),
                     lambda: not_yet(candidate, reports_until(aggregate, reports))):
        found = holdouts()
        if len(found) == members - count:
            return found
    return None


def reports_until(aggregate, reports) -> list:
    """The aggregate's own article and the reports dated no later than it
    (undated reports cannot be placed before it)."""
    date = aggregate["reported"]
    return [r for r in reports if r["article_id"] == aggregate["article_id"]
            or date and r["reported"] and r["reported"] <= date]


def recency(report) -> tuple:
    """The tracker's order of reports: undated first, then by date, article
    and position, so that the last one is the latest (as in the view)."""
    return report["reported"] is not None, report["reported"] or "", report["article_id"], report["start"]


def not_yet(candidate, reports) -> list:
    """Member states whose latest report in reports says they have not
    ratified the candidate (its own parliament's step is not a member's)."""
    from .ratifications import is_member

    latest = {}
    for report in sorted(reports, key=recency):
        country = report["country_id"]
        if report["candidate_id"] == candidate and country and country != candidate:
            latest[country] = report["status"]
    return sorted(c for c, status in latest.items() if status in NOT_YET and is_member(c.split(":")[-1]))


VIEWS = {
    # The tracker: per candidate, each acting state's latest reported status
    # (one aggregate row for the counts), with the date of the report, the
    # sentence it is read from and links back. A report is dated by the
    # step's own date, else its article's publication; the latest is the
    # last by date (undated count as oldest), article and position, the
    # order resolve_ratifications reads them in.
    "ratification_tracker": """
        with reports as (
            select r.*,
                   coalesce(r.date, a.published) as reported,
                   case when r.date is not null then r.date_precision else a.published_precision end
                       as reported_precision,
                   case when r.date is not null then 'text' when a.published is not null then 'published' end
                       as reported_from,
                   row_number() over (partition by r.candidate_id, coalesce(r.country_id, '')
                                      order by coalesce(r.date, a.published) is null,
                                               coalesce(r.date, a.published) desc, r.article_id desc,
                                               r.start desc) as recency,
                   count(*) over (partition by r.candidate_id, coalesce(r.country_id, '')) as n_reports
            from ratifications r join articles a on a.id = r.article_id)
        select k.name as candidate, r.candidate_en, c.name as country, r.country_en, r.status,
               r.reported, r.reported_precision, r.reported_from, r.n_countries, r.n_members,
               r.left_out, r.left_out_en, s.text as evidence, r.text as phrase, r.body, r.n_reports,
               r.article_id, r.sentence_id, r.id as ratification_id
        from reports r
        join places k on k.id = r.candidate_id
        left join places c on c.id = r.country_id
        left join sentences s on s.id = r.sentence_id
        where r.recency = 1
        order by k.name, r.reported is null, r.reported desc, c.name is null, c.name""",
    # Subqueries, not joins: a count or a facet of the view then reads the
    # statements alone (SQLite keeps every join of an aggregate query; the
    # page's three facets took 1.2 s at a million statements).
    "statements_with_speakers": """
        select s.id, s.article_id, (select published from articles a where a.id = s.article_id) as published,
               coalesce((select name from people p where p.id = s.speaker_id), s.speaker_text) as speaker,
               s.speaker_kind, s.kind, s.verb, s.quote, s.occasion, s.sentence_id
        from statements s""",
    "meeting_timeline": """
        select m.id, m.date_start, m.date_end, m.kind, m.name, pl.name as place, m.status, m.article_id,
               pl.latitude, pl.longitude,
               (select group_concat(pe.name, ', ') from meeting_participants mp join people pe on pe.id = mp.person_id
                where mp.meeting_id = m.id) as participants,
               (select group_concat(c.name, ', ') from meeting_participants mp join places c on c.id = mp.country_id
                where mp.meeting_id = m.id) as countries
        from meetings m left join places pl on pl.id = m.place_id""",
}


def ensure_db_shape(db):
    """Indexes on every foreign key and facet column, full-text search, views."""
    db.index_foreign_keys()
    for table, columns in FACET_INDEXES.items():
        for column in columns:
            db[table].create_index([column], if_not_exists=True)
    db["mentions"].create_index(["person_key"], if_not_exists=True)
    db["statements"].create_index(["speaker_key"], if_not_exists=True)
    for table, indexes in QUERY_INDEXES.items():
        for columns in indexes:
            name = "idx_" + "_".join([table] + [re.sub(r"\W+", "_", column).strip("_") for column in columns])
            db.execute(f"create index if not exists [{name}] on [{table}] ({', '.join(columns)})")
    for table, columns in FTS_CONFIG.items():
        # Triggers keep the index in step with every later insert and delete.
        if not db[f"{table}_fts"].exists():
            db[table].enable_fts(columns, tokenize=FTS_LANGUAGE, create_triggers=True)
        update_trigger_only_for(db, table, columns)
    for name, sql in VIEWS.items():
        db.create_view(name, sql, replace=True)
    # Statistics for the query planner (0.3 s on the whole OrangeSum build, 2.5 s
    # at a million statements): without them it read a statement's date from
    # the article's row rather than from the (id, published) index.
    db.execute("analyze")


def update_trigger_only_for(db, table, columns):
    """Re-index a row only when its indexed text changes: sqlite-utils' trigger
    fires on every update, so setting speaker_id or quotation_id on 80,000
    statements re-indexed each of them (10 s a resolution pass)."""
    name = f"{table}_au"
    row = db.execute("select sql from sqlite_master where type = 'trigger' and name = ?", [name]).fetchone()
    if row is None or "UPDATE OF" in row[0]:
        return
    listed = ", ".join(f'"{column}"' for column in columns)
    db.execute(f'drop trigger "{name}"')
    db.execute(row[0].replace(f'AFTER UPDATE ON "{table}"', f'AFTER UPDATE OF {listed} ON "{table}"', 1))


def counts(db) -> dict:
    return {name: db[name].count for name in TABLES if name != "build_info"}
