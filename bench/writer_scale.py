"""Does the writer stay linear? Time per 1,000 articles at 10,000 and at 100,000.

    .venv/bin/python bench/writer_scale.py                 # 100,000 articles
    .venv/bin/python bench/writer_scale.py --articles 20000 --sample 100   # a quicker look

The rows extract_article returns for a sample of real OrangeSum articles
(every k-th article of the corpus, so every period and topic is in it, and
the five seed articles, whose NATO ratifications OrangeSum lacks) are
computed once with the real model and pickled to bench/out/writer/. The real
writer is then fed copies of them under new article ids ("writer-<n>", as
a JSONL input's "<file stem>-<id>"; every id derived from the article's
gets the new one), exactly as extract/build.py writes a batch: one
transaction, a savepoint and extract.db.save_article per article. Each block
of 1,000 articles is timed (the copies are made before the clock starts).
At 10,000 articles (on a copy of the database) and at the end, the build's
final corpus-wide passes run and are timed one by one: remove_missing,
resolve_people, resolve_events, resolve_quotations, resolve_ratifications and
ensure_db_shape (indexes, full-text search, views).

Time per 1,000 articles "at N" is the mean of the three blocks that end at
N, N-1,000 and N-2,000. Table in bench/RESULTS.md.
"""
import json
import os
import pickle
import shutil
import statistics
import sys
import time
from pathlib import Path

import click

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CORPUS, OUT, ROOT, save_section  # noqa: E402

sys.path.insert(0, str(ROOT))
WRITER = OUT / "writer"
BLOCK = 1000
# Columns whose value starts with the article's id (sentences "<id>-s3", statements "<id>-q0", ...).
DERIVED = ("id", "article_id", "sentence_id", "meeting_id")


def sample_rows(n: int, corpus: Path) -> list:
    """extract_article's rows for n articles spread over the corpus (computed once, pickled)."""
    path = WRITER / f"rows-{n}.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    from extract.build import extract_pairs
    from extract.pipeline import prepare
    from extract.reader import RawArticle, read_inputs

    articles = [item for item in read_inputs([corpus]) if isinstance(item, RawArticle)]
    stride = max(1, len(articles) // n)
    # With the five seed articles: OrangeSum reports no NATO ratification, and the
    # tracker's pass compares each aggregate ("28 of 30 have ratified") with the reports before it.
    chosen = [a for i, a in enumerate(articles) if i % stride == 0 and i // stride < n]
    chosen += [item for item in read_inputs([ROOT / "seeds"]) if isinstance(item, RawArticle)]
    click.echo(f"extracting {len(chosen)} articles (every {stride}th of {len(articles)}, and the seeds)...", err=True)
    pairs = [(raw, prepare(raw)) for raw in chosen]
    rows = [rows for raw, rows in extract_pairs(pairs, 16) if not isinstance(rows, Exception)]
    WRITER.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(rows))
    return rows


def renamed(rows: dict, new_id: str) -> dict:
    """A copy of one article's rows under another article id."""
    old = rows["articles"][0]["id"]

    def move(value):
        return new_id + value[len(old):] if isinstance(value, str) and value.startswith(old) else value

    copy = {}
    for table, items in rows.items():
        if table == "places":  # shared across articles, as in a real corpus
            copy[table] = items
        else:
            copy[table] = [{k: move(v) if k in DERIVED else v for k, v in row.items()} for row in items]
    return copy


def final_passes(path: Path) -> dict:
    """The build's corpus-wide passes after the last article (extract/build.py), each timed."""
    from extract import db as store

    db = store.open_db(path)
    seen = {row["id"] for row in db.query("select id from articles")}
    times = {}

    def timed(name, function, *args):
        started = time.perf_counter()
        function(*args)
        times[name] = round(time.perf_counter() - started, 2)

    with db.conn:
        timed("remove_missing", store.remove_missing, db, seen)
        timed("save_skips", store.save_skips, db, [])
    with db.conn:
        timed("resolve_people", store.resolve_people, db)
        timed("resolve_events", store.resolve_events, db)
        timed("resolve_quotations", store.resolve_quotations, db)
        timed("resolve_ratifications", store.resolve_ratifications, db)
    timed("ensure_db_shape", store.ensure_db_shape, db)
    times["total"] = round(sum(times.values()), 2)
    db.conn.close()
    return times


def write(rows: list, path: Path, n_articles: int, checkpoints=(), on_checkpoint=None) -> list:
    """Write n_articles copies of rows into a new database as the build does; seconds per block."""
    from extract import db as store

    for leftover in (path, Path(f"{path}-journal")):
        leftover.unlink(missing_ok=True)
    db = store.open_db(path)
    blocks, written = [], 0
    db.conn.execute("begin")
    while written < n_articles:
        size = min(BLOCK, n_articles - written)
        batch = [renamed(rows[(written + i) % len(rows)], f"writer-{written + i}") for i in range(size)]
        started = time.perf_counter()
        for article in batch:
            db.execute("savepoint article")
            store.save_article(db, article, replace=False)
            db.execute("release article")
        blocks.append(time.perf_counter() - started)
        written += size
        if written in checkpoints:
            db.conn.execute("commit")
            on_checkpoint(written)
            db.conn.execute("begin")
        if written % 10_000 == 0:
            click.echo(f"  {written:,} articles, last block {blocks[-1]:.2f} s", err=True)
    db.conn.execute("commit")
    db.conn.close()
    return blocks


def per_thousand(blocks: list, n: int) -> float:
    """Mean seconds per 1,000 articles over the three blocks that end at n."""
    last = n // BLOCK
    return statistics.mean(blocks[max(0, last - 3):last])


@click.command()
@click.option("--articles", "n_articles", default=100_000, show_default=True, help="Articles written in all")
@click.option("--early", default=10_000, show_default=True, help="The smaller size compared")
@click.option("--sample", default=300, show_default=True, help="Real articles extracted and copied")
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=CORPUS)
@click.option("--label", default="", help="Keep this run's figures in bench/out/writer/<label>.json")
@click.option("--no-save", is_flag=True, help="Print only; do not write bench/RESULTS.md")
@click.option("--saved", is_flag=True, help="Measure nothing: write the table of the run --label kept")
def main(n_articles, early, sample, corpus, label, no_save, saved):
    WRITER.mkdir(parents=True, exist_ok=True)
    if saved:
        result = json.loads((WRITER / f"{label}.json").read_text())
        for key in ("per_1000_s", "passes_s"):  # JSON keys are strings
            result[key] = {int(k): v for k, v in result[key].items()}
        report(result, early, result["articles"], no_save)
        return
    rows = sample_rows(sample, corpus)
    per_article = {table: sum(len(r[table]) for r in rows) / len(rows) for table in rows[0] if table != "places"}
    click.echo(f"{len(rows)} articles sampled; rows per article: "
               + ", ".join(f"{t} {n:.1f}" for t, n in per_article.items()), err=True)
    path = WRITER / "writer.db"
    passes = {}

    def at_checkpoint(written):
        copy = WRITER / f"writer-{written}.db"
        shutil.copy(path, copy)
        passes[written] = final_passes(copy)
        click.echo(f"  passes at {written:,}: {passes[written]}", err=True)
        copy.unlink()

    blocks = write(rows, path, n_articles, checkpoints={early}, on_checkpoint=at_checkpoint)
    passes[n_articles] = final_passes(path)
    size_mb = round(path.stat().st_size / 1e6)
    result = {"articles": n_articles, "sample": len(rows), "blocks_s": [round(b, 3) for b in blocks],
              "per_1000_s": {early: round(per_thousand(blocks, early), 3),
                             n_articles: round(per_thousand(blocks, n_articles), 3)},
              "passes_s": passes, "size_mb": size_mb, "write_s": round(sum(blocks), 1),
              "rows_per_article": {t: round(n, 1) for t, n in per_article.items()}}
    result["ratio"] = round(result["per_1000_s"][n_articles] / result["per_1000_s"][early], 3)
    if label:
        (WRITER / f"{label}.json").write_text(json.dumps(result, indent=2))
    report(result, early, n_articles, no_save)


def report(result, early, n_articles, no_save):
    lines = result_lines(result, early, n_articles)
    click.echo("\n".join(lines))
    if not no_save:
        save_section("bench/writer_scale.py", "The writer from 10,000 to 100,000 articles", lines)


def result_lines(result, early, n_articles) -> list:
    per = result["per_1000_s"]
    passes = result["passes_s"]
    names = [name for name in passes[n_articles] if name != "total"]
    lines = [f"Copies of {result['sample']} real articles (rows per article: "
             + ", ".join(f"{t} {n}" for t, n in result["rows_per_article"].items() if n)
             + f") written by extract.db.save_article as the build writes them; {os.cpu_count()} cores, "
             f"database of {result['size_mb']:,} MB at {n_articles:,} articles.", "",
             f"| | at {early:,} articles | at {n_articles:,} articles | ratio |", "|---|---|---|---|",
             f"| writer, s per 1,000 articles | {per[early]} | {per[n_articles]} | {result['ratio']} |"]
    for name in names + ["total"]:
        a, b = passes[early][name], passes[n_articles][name]
        ratio = round(b / a, 1) if a else ""
        lines.append(f"| final pass {name} (s) | {a} | {b} | {ratio} |")
    lines += ["", f"The writer's time per 1,000 articles at {n_articles:,} is {result['ratio']} times that at "
              f"{early:,} (linear: within 10%). A pass that is linear in the corpus takes about "
              f"{n_articles // early} times as long at {n_articles:,} as at {early:,}; writing "
              f"{n_articles:,} articles took {result['write_s']} s."]
    return lines


if __name__ == "__main__":
    main()
