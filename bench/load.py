"""Load test: 50 concurrent clients against Datasette on loopback, for a bounded time.

    .venv/bin/python bench/load.py nato.db --clients 50 --seconds 20

Starts Datasette as `make serve` does (read-only, immutable, SQL time limit)
on a free 127.0.0.1 port, has each client request table pages, facets,
searches and canned queries in turn until the time is up, then stops by
itself and reports requests, errors, throughput, median and p95 latency.
Exits 1 if any request failed.
"""
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

import click
import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

PATHS = [
    "/", "/nato", "/nato/statements", "/nato/statements?_facet=kind&_facet=verb",
    "/nato/statements?_search=otan", "/nato/meetings?_facet=kind&_facet=status", "/nato/people",
    "/nato/person_statements?name=Stoltenberg", "/nato/ratifications_for_candidate?candidate=Su%C3%A8de",
    "/nato/meetings_by_date", "/nato/meeting_timeline", "/nato/statements.json?_shape=array", "/nato/articles.csv",
]


async def client_loop(base, deadline, number, times, errors):
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        i = number
        while time.perf_counter() < deadline:
            path = PATHS[i % len(PATHS)]
            i += 1
            started = time.perf_counter()
            try:
                response = await client.get(path)
                if response.status_code != 200:
                    errors.append(f"{path}: HTTP {response.status_code}")
            except httpx.HTTPError as error:
                errors.append(f"{path}: {type(error).__name__}")
            times.append((time.perf_counter() - started) * 1000)


async def run(base, clients, seconds):
    times, errors = [], []
    deadline = time.perf_counter() + seconds
    started = time.perf_counter()
    await asyncio.gather(*(client_loop(base, deadline, n, times, errors) for n in range(clients)))
    elapsed = time.perf_counter() - started
    times.sort()
    return {"clients": clients, "seconds": round(elapsed, 1), "requests": len(times), "errors": len(errors),
            "error_examples": errors[:5], "requests_per_s": round(len(times) / elapsed, 1),
            "median_ms": round(statistics.median(times), 1) if times else None,
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1) if times else None}


@click.command()
@click.argument("database", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--clients", default=50, show_default=True)
@click.option("--seconds", default=20.0, show_default=True, help="How long the load lasts (bounded)")
def main(database, clients, seconds):
    from serve import serve

    with serve(database) as base:
        result = asyncio.run(run(base, clients, min(seconds, 300)))
    click.echo(json.dumps(result, indent=2))
    sys.exit(1 if result["errors"] else 0)


if __name__ == "__main__":
    main()
