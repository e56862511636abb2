"""The only module that touches SQLite: schema, saving rows, corpus-wide resolution.

ensure_tables declares every table once; save_article replaces one
article's rows; resolve_people and resolve_events derive the corpus-wide
tables from the per-article rows at the end of a build; ensure_db_shape adds
indexes, full-text search and views.
"""
import os
from collections import Counter, defaultdict

import sqlite_utils

from .meetings import KIND_CLASS
from .places import slug

FTS_LANGUAGE = "unicode61 remove_diacritics 2"  # "reunion" finds "réunion"

TABLES = {
    "articles": ({"id": str, "file": str, "line": int, "sha256": str, "title": str, "url": str,
                  "source": str, "byline": str, "dateline": str, "published": str,
                  "published_precision": str, "published_method": str, "published_expr": str,
                  "language": str, "body": str, "raw_text": str, "encoding": str, "word_count": int,
                  "credits": str, "removed": str, "notes": str}, "id", []),
    "sentences": ({"id": str, "article_id": str, "idx": int, "start": int, "end": int, "text": str},
                  "id", [("article_id", "articles", "id")]),
    "people": ({"id": int, "name": str, "key": str, "n_mentions": int, "n_articles": int}, "id", []),
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
                    "verb": str, "occasion": str}, "id",
                   [("article_id", "articles", "id"), ("sentence_id", "sentences", "id"), ("speaker_id", "people", "id")]),
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
                       "text": str}, "id",
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
                 "ratifications": ["status"], "articles": ["source", "published"], "places": ["kind", "country"],
                 "events": ["kind", "status", "date_start"], "roles": ["title", "organisation"]}


def open_db(path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    ensure_tables(db)
    return db


CREATION_ORDER = ["articles", "sentences", "people", "person_aliases", "places", "events", "mentions", "roles",
                  "place_mentions", "statements", "meetings", "meeting_mentions", "meeting_participants",
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


def resolve_events(db):
    """One event per meeting reported in several articles: same kind class,
    place and date (a meeting without place or date stays its own event)."""
    events, assignment = {}, {}
    for row in db.query("select m.*, p.latitude, p.longitude from meetings m left join places p on p.id = m.place_id "
                        "order by m.date_start is null, m.date_start, m.id"):
        if row["place_id"] and (row["date_start"] or row["name"]):
            key = f"{KIND_CLASS.get(row['kind'], row['kind'])}|{row['place_id']}|{row['date_start'] or row['name']}"
        else:
            key = row["id"]
        event_id = slug(key) or row["id"]
        event = events.get(event_id)
        if event is None:
            event = events[event_id] = {"id": event_id, "kind": row["kind"], "name": row["name"],
                                        "place_id": row["place_id"], "date_start": row["date_start"],
                                        "date_end": row["date_end"], "status": row["status"],
                                        "latitude": row["latitude"], "longitude": row["longitude"],
                                        "articles": set()}
        event["articles"].add(row["article_id"])
        event["name"] = event["name"] or row["name"]
        if row["status"] == "held":
            event["status"] = "held"
        assignment[row["id"]] = event_id
    db["events"].delete_where()
    db["events"].insert_all(({**{k: v for k, v in e.items() if k != "articles"}, "n_articles": len(e["articles"])}
                             for e in events.values()), pk="id")
    db.conn.executemany("update meetings set event_id = ? where id = ?", [(e, m) for m, e in assignment.items()])


VIEWS = {
    # The tracker: each country's latest reported status per candidate.
    "ratification_tracker": """
        select k.name as candidate, c.name as country, r.status, r.n_countries, r.n_members,
               coalesce(r.date, a.published) as reported, r.text as evidence, r.sentence_id, r.article_id
        from ratifications r
        join places k on k.id = r.candidate_id
        left join places c on c.id = r.country_id
        join articles a on a.id = r.article_id
        where r.id = (select r2.id from ratifications r2 join articles a2 on a2.id = r2.article_id
                      where r2.candidate_id = r.candidate_id
                        and coalesce(r2.country_id, '') = coalesce(r.country_id, '')
                      order by coalesce(r2.date, a2.published) desc, r2.id desc limit 1)""",
    "statements_with_speakers": """
        select s.id, s.article_id, a.published, coalesce(p.name, s.speaker_text) as speaker, s.speaker_kind,
               s.kind, s.verb, s.quote, s.occasion, s.sentence_id
        from statements s join articles a on a.id = s.article_id left join people p on p.id = s.speaker_id""",
    "meeting_timeline": """
        select m.id, m.date_start, m.date_end, m.kind, m.name, pl.name as place, m.status, m.article_id,
               pl.latitude, pl.longitude,
               (select group_concat(pe.name, ', ') from meeting_participants mp join people pe on pe.id = mp.person_id
                where mp.meeting_id = m.id) as participants
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
    for table, columns in FTS_CONFIG.items():
        # Triggers keep the index in step with every later insert and delete.
        if not db[f"{table}_fts"].exists():
            db[table].enable_fts(columns, tokenize=FTS_LANGUAGE, create_triggers=True)
    for name, sql in VIEWS.items():
        db.create_view(name, sql, replace=True)


def counts(db) -> dict:
    return {name: db[name].count for name in TABLES if name != "build_info"}
