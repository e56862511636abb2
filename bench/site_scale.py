"""The published site at a million statements: make the database, then time every page.

    .venv/bin/python bench/site_scale.py                  # the whole OrangeSum build, copied to 1,000,000 statements
    .venv/bin/python bench/site_scale.py --articles 2000  # a quicker base: the first 2,000 articles
    .venv/bin/python bench/site_scale.py --measure-only   # time the database made last time again

The benchmark database is a real build of the OrangeSum articles (all of
them, or the first --articles; build_db.py, one worker: 11 minutes for all)
whose per-article rows are copied K times under new ids, in SQL, until there
are at least --statements statements. A copy's
article id is "r<k>-" and the original's; every id derived from it (sentences,
mentions, statements, meetings, ...) gets the same prefix, and so do the
foreign keys between them, so a copy is a consistent article of its own.

What is copied and what is shared, and why:

- per-article tables (articles, sentences, mentions, roles, place_mentions,
  statements, meetings, meeting_mentions, meeting_participants,
  ratifications) are copied: they are what grows with the corpus;
- quotations and events are copied with their articles (a copy's statements
  form quotations of their own, a copy's meetings events of their own):
  at a million statements there are hundreds of thousands of quotations,
  and grouping the copies into the originals' quotations would leave the
  quotations page as small as the base's, which measures nothing;
- people and places are shared: the people in the news and the places on the
  map do not grow with the corpus as statements do (the same heads of state
  speak again), so a person's statements grow K+1 times, which is the load
  that "a person's statements" meets in a large corpus. n_mentions and
  n_articles are counted again, as resolve_people would.

Then the writer's own finishing step runs on it (extract.db.ensure_db_shape:
indexes, full-text indexes rebuilt, views, statistics), and build_info is
kept, so the site serves it as any build.

Measuring: Datasette started as `make serve` starts it (tests/serve.py: the
same settings, plugins and templates, immutable), the page cache warmed with
one request, then --requests requests to each endpoint in turn: every
canned query with realistic parameters (the most quoted person, a common and
a rare keyword, a candidate) and empty, each table's and view's default page
with the facets metadata.yml gives it, full-text search on every FTS table
(the table page with its facets, and the JSON request of the search across
tables). Median and p95 per endpoint go into bench/RESULTS.md.
"""
import json
import math
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import click

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CORPUS, OUT, ROOT, make_corpus, save_section  # noqa: E402

SITE = OUT / "site"
TARGET = 200  # ms, the p95 every endpoint must stay under

# Per table: the columns holding an id derived from an article id (prefixed in a copy).
COPIED = {
    "articles": ["id"],
    "sentences": ["id", "article_id"],
    "mentions": ["id", "article_id", "sentence_id"],
    "roles": ["id", "article_id", "sentence_id"],
    "place_mentions": ["id", "article_id", "sentence_id"],
    "statements": ["id", "article_id", "sentence_id", "quotation_id"],
    "quotations": ["id", "statement_id"],
    "events": ["id"],
    "meetings": ["id", "article_id", "sentence_id", "event_id"],
    "meeting_mentions": ["id", "meeting_id", "article_id", "sentence_id"],
    "meeting_participants": ["id", "meeting_id"],
    "ratifications": ["id", "article_id", "sentence_id"],
}
# Quotation ids are "q-" and their canonical statement's id: the prefix goes after "q-".
QUOTATION_IDS = {("quotations", "id"), ("statements", "quotation_id")}


def base_database(n: int) -> Path:
    """A real build of the first n OrangeSum articles (0: all), with one worker (made once)."""
    path = SITE / f"base-{n or 'all'}.db"
    if not path.exists():
        corpus = make_corpus(CORPUS, n, folder=SITE) if n else CORPUS
        click.echo(f"building {path.name} from {n or 'all the'} articles (one worker)...", err=True)
        subprocess.run([sys.executable, str(ROOT / "build_db.py"), str(corpus), "-o", str(path), "-q", "--force"],
                       check=False)
        if not path.exists():
            raise click.ClickException(f"the build of {path} failed")
    return path


def copy_expression(table: str, column: str) -> str:
    if (table, column) in QUOTATION_IDS:
        return f"'q-' || :prefix || substr([{column}], 3)"
    return f":prefix || [{column}]"


def check_ids(conn):
    """Every id a copy rewrites starts with its article's id (or is a quotation's "q-" id):
    the prefix then keeps each copy consistent."""
    for table in ("sentences", "mentions", "roles", "place_mentions", "statements", "meetings",
                  "meeting_mentions", "ratifications"):
        bad = conn.execute(f"select count(*) from [{table}] where substr(id, 1, length(article_id)) != article_id"
                           ).fetchone()[0]
        if bad:
            raise click.ClickException(f"{table}: {bad} ids do not start with their article's id")
    bad = conn.execute("select count(*) from quotations where id != 'q-' || statement_id").fetchone()[0]
    if bad:
        raise click.ClickException(f"quotations: {bad} ids are not 'q-' and their statement's id")


def add_new_columns(db, store):
    """Columns of the current schema that a base built before them lacks (a
    base is slow to build); articles.n_statements counted as save_article counts it."""
    for table, (columns, _, _) in store.TABLES.items():
        missing = {name: kind for name, kind in columns.items() if name not in db[table].columns_dict}
        for name, kind in missing.items():
            db[table].add_column(name, kind)
        if table == "articles" and "n_statements" in missing:
            db.execute("update articles set n_statements = "
                       "(select count(*) from statements s where s.article_id = articles.id)")
        if table == "people" and "n_statements" in missing:
            db.execute("update people set n_statements = (select count(*) from statements s "
                       "where s.speaker_id = people.id), n_statement_articles = (select count(distinct article_id) "
                       "from statements s where s.speaker_id = people.id)")


def replicate(base: Path, output: Path, statements: int) -> dict:
    """Copy base to output with its per-article rows repeated until there are
    at least `statements` statements; then the writer's finishing step."""
    sys.path.insert(0, str(ROOT))
    import sqlite_utils

    from extract import db as store

    started = time.perf_counter()
    output.parent.mkdir(parents=True, exist_ok=True)
    temporary = output.with_name(f".{output.name}.tmp")
    shutil.copy(base, temporary)
    conn = sqlite3.connect(temporary, isolation_level=None)
    conn.execute("pragma journal_mode = off")
    conn.execute("pragma synchronous = off")
    conn.execute("pragma cache_size = -1000000")
    check_ids(conn)
    db = sqlite_utils.Database(conn)
    add_new_columns(db, store)
    # Built again at the end, in one pass each, instead of row by row.
    for table in store.FTS_CONFIG:
        db[table].disable_fts()
    for (name,) in conn.execute("select name from sqlite_master where type = 'index' and sql is not null").fetchall():
        conn.execute(f"drop index [{name}]")
    base_statements = conn.execute("select count(*) from statements").fetchone()[0]
    copies = max(0, math.ceil(statements / base_statements) - 1)
    last_rowid = {table: conn.execute(f"select max(rowid) from [{table}]").fetchone()[0] or 0 for table in COPIED}
    columns = {table: [row[1] for row in conn.execute(f"pragma table_info([{table}])")] for table in COPIED}
    for k in range(1, copies + 1):
        conn.execute("begin")
        for table, rewritten in COPIED.items():
            names = ", ".join(f"[{c}]" for c in columns[table])
            values = ", ".join(copy_expression(table, c) if c in rewritten else f"[{c}]" for c in columns[table])
            conn.execute(f"insert into [{table}] ({names}) select {values} from [{table}] where rowid <= :last",
                         {"prefix": f"r{k}-", "last": last_rowid[table]})
        conn.execute("commit")
        if k % 10 == 0 or k == copies:
            click.echo(f"  {k}/{copies} copies", err=True)
    copied_s = time.perf_counter() - started
    shape_started = time.perf_counter()
    store.ensure_db_shape(db)
    shape_s = time.perf_counter() - shape_started
    # As resolve_people counts them: each person's mentions, statements and their articles.
    conn.execute("update people set n_mentions = (select count(*) from mentions m where m.person_id = people.id), "
                 "n_articles = (select count(distinct article_id) from mentions m where m.person_id = people.id), "
                 "n_statements = (select count(*) from statements s where s.speaker_id = people.id), "
                 "n_statement_articles = (select count(distinct article_id) from statements s "
                 "where s.speaker_id = people.id)")
    conn.close()
    os.replace(temporary, output)
    counts = {table: count for table, count in store.counts(sqlite_utils.Database(output)).items()}
    return {"base": str(base), "copies": copies, "rows": counts, "copy_s": round(copied_s, 1),
            "shape_s": round(shape_s, 1), "seconds": round(time.perf_counter() - started, 1),
            "size_mb": round(output.stat().st_size / 1e6)}


def reshape(output: Path) -> float:
    """The current schema's indexes, FTS and views on an existing benchmark database (after a schema change)."""
    sys.path.insert(0, str(ROOT))
    import sqlite_utils

    from extract import db as store

    started = time.perf_counter()
    db = sqlite_utils.Database(output)
    with db.conn:
        add_new_columns(db, store)
    store.ensure_db_shape(db)
    db.conn.close()
    return round(time.perf_counter() - started, 1)


# ---------------------------------------------------------------- measuring


def parameters(database: Path) -> dict:
    """Realistic form values: the most quoted person, a mid one, a common and a rare word, a candidate."""
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        ranked = conn.execute("select p.name, count(*) as n, p.id from statements s join people p "
                              "on p.id = s.speaker_id group by p.id order by n desc").fetchall()
    finally:
        conn.close()
    top = ranked[0][0]
    middle = ranked[min(len(ranked) - 1, 50)][0]
    return {"top": top.split()[-1], "top_id": ranked[0][2], "middle": middle.split()[-1], "common": "président",
            "rare": "Vilnius", "two_words": "l'OTAN Suède", "candidate": "Suède"}


def endpoints(metadata: dict, values: dict) -> dict:
    """Name -> path of every endpoint measured."""
    nato = metadata["databases"]["nato"]
    paths = {}
    query_args = {
        "person_statements": [{"name": values["top"]}, {"name": values["middle"]}],
        "person_profile": [{"name": values["top"]}],
        "person_quotations": [{"name": values["top"]}],
        "statements_per_person": [{"name": values["top"]}],
        "search_statements": [{"keyword": "", "person": ""}, {"keyword": values["common"], "person": ""},
                              {"keyword": values["rare"], "person": ""},
                              {"keyword": values["two_words"], "person": ""},
                              {"keyword": values["common"], "person": values["top"]}],
        "ratifications_for_candidate": [{"candidate": values["candidate"]}, {"candidate": ""}],
    }
    for name, query in nato["queries"].items():
        for args in query_args.get(name, [{}]):
            shown = ",".join(f"{k}={v}" for k, v in args.items() if v) or ("empty" if args else "")
            key = f"query {name}" + (f" ({shown})" if shown else "")
            paths[key] = f"/nato/{name}" + ("?" + "&".join(f"{k}={quote(v)}" for k, v in args.items()) if args
                                            else "")
    for table, config in nato["tables"].items():
        if config.get("hidden"):
            continue
        facets = config.get("facets") or []
        paths[f"table {table}" + (f" (facets: {', '.join(facets)})" if facets else "")] = f"/nato/{table}"
    # A facet value clicked: the page filtered, with its facets (not required, measured all the same).
    paths["filtered statements (kind=direct)"] = "/nato/statements?kind=direct"
    paths[f"filtered statements (speaker_id={values['top_id']})"] = f"/nato/statements?speaker_id={values['top_id']}"
    for table, word in [("statements", values["common"]), ("statements", values["rare"]),
                        ("articles", values["rare"]), ("sentences", values["rare"]),
                        ("articles", "otan"), ("sentences", values["common"])]:
        paths[f"search {table} page ({word})"] = f"/nato/{table}?_search={quote(word)}"
    # What the search across tables (datasette-search-all) requests for each table.
    for table in ("articles", "sentences", "statements"):
        paths[f"search-all {table}.json (otan)"] = (f"/nato/{table}.json?_shape=objects&_labels=on&_extra=count"
                                                    f"&_extra=database&_extra=table&_size=5&_search=otan")
    paths["search-all page"] = "/-/search?q=otan"
    return paths


def measure(database: Path, requests: int) -> dict:
    """First (cold) time, median and p95 (ms) of each endpoint, served as `make serve` serves it."""
    import httpx
    import yaml

    sys.path.insert(0, str(ROOT / "tests"))
    from serve import serve

    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    paths = endpoints(metadata, parameters(database))
    results = {}
    with serve(database, sql_time_limit_ms=2000, timeout=600) as base, \
            httpx.Client(base_url=base, timeout=60) as client:
        for name, path in paths.items():
            started = time.perf_counter()
            response = client.get(path)
            first = (time.perf_counter() - started) * 1000
            status = response.status_code
            times = []
            for _ in range(requests):
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                status = max(status, response.status_code)
            times.sort()
            results[name] = {"path": path, "status": status, "first_ms": round(first, 1),
                             "median_ms": round(statistics.median(times), 1),
                             "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
                             "timed_out": "timed out" in response.text}
            flag = "" if results[name]["p95_ms"] <= TARGET and status == 200 else "  <-- over"
            click.echo(f"{results[name]['median_ms']:8.1f} {results[name]['p95_ms']:8.1f}  {name}{flag}", err=True)
    return results


# What the earlier runs measured, for the table's columns.
RUNS = {"before": "the schema and canned queries before this work (commit 708efb4), on the same rows",
        "no-count-cache": "with the indexes and rewritten queries, without plugins/counts_once.py"}


def shown(figures) -> str:
    """A p95 as the table shows it: an error (the SQL time limit) is an error, not a time."""
    if not figures:
        return ""
    return f"{figures['p95_ms']}" + ("" if figures["status"] == 200 else f" (HTTP {figures['status']})")


def table_lines(results: dict, baselines: dict, build: dict, label: str) -> list:
    rows = build.get("rows", {})
    lines = [f"{rows.get('statements', 0):,} statements, {rows.get('articles', 0):,} articles, "
             f"{rows.get('sentences', 0):,} sentences, {rows.get('quotations', 0):,} quotations "
             f"({build.get('copies', '?')} copies of a {build.get('base_articles', '?')}-article build, "
             f"{build.get('size_mb', '?')} MB); Datasette as `make serve` serves it, "
             f"{build.get('requests', '?')} requests per endpoint after one to warm the cache; {os.cpu_count()} cores.",
             ""]
    lines += [f"- p95 {name}: {RUNS.get(name, 'an earlier run')}" for name in baselines]
    lines += ["- first request: the first request to the endpoint in this run (the server had started and was "
              "counting its default pages' facets in the background)", ""]
    lines += ["| endpoint | " + "".join(f"p95 {name} (ms) | " for name in baselines)
              + "first request (ms) | median (ms) | p95 (ms) |", "|---|" + "---|" * (len(baselines) + 3)]
    for name, figures in results.items():
        over = " **over**" if figures["p95_ms"] > TARGET or figures["status"] != 200 else ""
        before = "".join(f"{shown(other.get(name))} | " for other in baselines.values())
        lines.append(f"| {name} | {before}{figures['first_ms']} | {figures['median_ms']} | {figures['p95_ms']}{over} |")
    required = {name: f for name, f in results.items() if not name.startswith("filtered")}
    worst_name = max(required, key=lambda name: required[name]["p95_ms"])
    passed = sum(f["p95_ms"] <= TARGET and f["status"] == 200 for f in required.values())
    lines += ["", f"Slowest p95: {required[worst_name]['p95_ms']} ms ({worst_name}); {passed} of {len(required)} "
              f"endpoints (canned queries, table pages with their facets, searches) answer under {TARGET} ms at p95 "
              "(the filtered pages are not among them)."]
    if label:
        lines.append(f"(run: {label})")
    return lines


@click.command()
@click.option("--statements", default=1_000_000, show_default=True, help="Statements the benchmark database holds at least")
@click.option("--articles", "n_articles", default=0, show_default=True,
              help="Articles of the real build that is copied (the first N of OrangeSum; 0: all)")
@click.option("--base", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A database built by build_db.py to copy, instead of building one from --articles")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=SITE / "nato.db",
              show_default=True, help="The benchmark database (named nato.db: the metadata is written for it)")
@click.option("--measure-only", is_flag=True,
              help="Measure the existing --output (after applying the current schema's indexes to it)")
@click.option("--requests", default=30, show_default=True, help="Requests per endpoint")
@click.option("--label", default="", help="Name of this run: its results are kept in bench/out/site/<label>.json")
@click.option("--baseline", default="", help="Previous runs' labels (comma-separated) whose p95 is shown beside")
@click.option("--no-save", is_flag=True, help="Print only; do not write bench/RESULTS.md")
@click.option("--saved", is_flag=True, help="Measure nothing: write the table of the run --label kept")
def main(statements, n_articles, base, output, measure_only, requests, label, baseline, no_save, saved):
    SITE.mkdir(parents=True, exist_ok=True)
    info_path = output.with_suffix(".build.json")
    before = {name: json.loads((SITE / f"{name}.json").read_text())["results"]
              for name in baseline.split(",") if name}
    if saved:
        run = json.loads((SITE / f"{label}.json").read_text())
        lines = table_lines(run["results"], before, run["build"], label)
        click.echo("\n".join(lines))
        if not no_save:
            save_section("bench/site_scale.py", "The site at a million statements", lines)
        return
    if measure_only:
        if not output.exists():
            raise click.UsageError(f"{output} does not exist: run without --measure-only first")
        build = json.loads(info_path.read_text()) if info_path.exists() else {}
        build["reshape_s"] = reshape(output)
    else:
        base = base or base_database(n_articles)
        build = replicate(base, output, statements)
        conn = sqlite3.connect(f"file:{base}?mode=ro", uri=True)
        build["base_articles"] = conn.execute("select count(*) from articles").fetchone()[0]
        conn.close()
        info_path.write_text(json.dumps(build, indent=2))
    click.echo(json.dumps(build), err=True)
    results = measure(output, requests)
    build["requests"] = requests
    if label:
        (SITE / f"{label}.json").write_text(json.dumps({"build": build, "results": results}, indent=2))
    lines = table_lines(results, before, build, label)
    click.echo("\n".join(lines))
    if not no_save:
        save_section("bench/site_scale.py", "The site at a million statements", lines)


if __name__ == "__main__":
    main()
