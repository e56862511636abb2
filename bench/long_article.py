"""Time and memory of one article as it grows to 1,000,000 characters.

    .venv/bin/python bench/long_article.py --sizes 50000,100000,200000,500000,1000000

Each article is real French news from ../shared/corpus joined paragraph by
paragraph up to the size. Each size runs in a fresh process, so its peak
RSS is its own. Reports the parse (spaCy, in pieces of extract.nlp.PARSE_CHUNK
characters), the extraction, and seconds per 100,000 characters: a flat
column means linear time. Appends a table to bench/RESULTS.md with --write.
"""
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "orangesum" / "orangesum_monde_politique.jsonl"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from run import save_section  # noqa: E402


def long_text(size: int) -> str:
    texts, total = [], 0
    with open(CORPUS, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text = record.get("text") or record.get("article") or ""
            texts.append(text)
            total += len(text) + 2
            if total >= size:
                break
    return "\n\n".join(texts)[:size]


def measure(size: int) -> dict:
    from extract.nlp import load_nlp, parse
    from extract.pipeline import extract_article, prepare
    from extract.reader import RawArticle

    load_nlp()  # the model's load is not the article's cost
    raw = RawArticle(id="long", file="long.txt", text=long_text(size))
    started = time.time()
    clean = prepare(raw)
    doc = next(parse([clean.body]))
    parsed = time.time()
    rows = extract_article(raw, clean, doc)
    done = time.time()
    return {"characters": size, "parse_s": round(parsed - started, 1), "extract_s": round(done - parsed, 1),
            "s_per_100k": round((done - started) / size * 100_000, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "statements": len(rows["statements"])}


@click.command()
@click.option("--sizes", default="50000,100000,200000,500000,1000000", show_default=True)
@click.option("--one", type=int, hidden=True)
@click.option("--write", is_flag=True, help="Append the table to bench/RESULTS.md")
def main(sizes, one, write):
    if one:
        print(json.dumps(measure(one)))
        return
    results = []
    for size in (int(s) for s in sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    table = ["| characters | parse (s) | extract (s) | s per 100,000 chars | peak RSS (MB) |", "|---|---|---|---|---|"]
    table += [f"| {r['characters']:,} | {r['parse_s']} | {r['extract_s']} | {r['s_per_100k']} | {r['peak_rss_mb']} |"
              for r in results]
    print("\n".join(table))
    if write:
        save_section("bench/long_article.py", "One long article", table)


if __name__ == "__main__":
    main()
