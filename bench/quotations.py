"""Time of grouping statements into quotations as their number grows.

    .venv/bin/python bench/quotations.py corpus.db [--write]

Takes the statements of a built database (make corpus-check builds the full
OrangeSum corpus), groups the first 10%, 25%, 50% and all of them, and
prints seconds per 10,000 statements: a flat column means linear time.
"""
import sys
import time
from pathlib import Path

import click
import sqlite_utils

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from run import save_section  # noqa: E402


@click.command()
@click.argument("database", type=click.Path(exists=True))
@click.option("--write", is_flag=True, help="Append the table to bench/RESULTS.md")
def main(database, write):
    from extract.quotations import group_quotations, stop_words

    stop_words()  # loaded once per build: not the grouping's cost
    db = sqlite_utils.Database(database)
    statements = list(db.query("select id, speaker_id, quote, kind from statements order by article_id, id"))
    table = ["| statements | seconds | s per 10,000 | quotations | grouped statements |", "|---|---|---|---|---|"]
    for share in (0.1, 0.25, 0.5, 1.0):
        part = statements[:int(len(statements) * share)]
        started = time.time()
        groups = group_quotations(part)
        seconds = time.time() - started
        grouped = sum(len(g.members) for g in groups if len(g.members) > 1)
        table.append(f"| {len(part):,} | {seconds:.1f} | {seconds / len(part) * 10_000:.2f} | {len(groups):,} | {grouped:,} |")
        print(table[-1], flush=True)
    if write:
        save_section("bench/quotations.py", "Grouping quotations", table)


if __name__ == "__main__":
    main()
