"""Build the nato-press-db SQLite database from a folder of French news articles."""
import sys
from contextlib import contextmanager

import click

from extract.build import BuildError, build
from extract.reader import DEFAULT_MAX_BYTES, InputError


@contextmanager
def dask_client_for(scheduler, local_workers):
    """A Dask client for --scheduler or --dask-local, or None."""
    if not scheduler and not local_workers:
        yield None
        return
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise click.UsageError("Dask is not installed: pip install '.[dask]'")
    if scheduler:
        with Client(scheduler) as client:
            yield client
    else:
        with LocalCluster(n_workers=local_workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield client


@click.command()
# A missing or unreadable input is a usage error (exit 2) before anything
# is touched: a typo must not turn a good database into an empty one.
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, readable=True))
@click.option("-o", "--output", default="nato.db", show_default=True, type=click.Path(dir_okay=False),
              help="SQLite database to write (replaced only when the build succeeds; its folder is created)")
@click.option("--force", is_flag=True,
              help="Re-extract every article, even unchanged ones; replace an output file that is not a database")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, type=click.IntRange(min=1),
              help="Skip files (or JSONL lines) larger than this")
@click.option("--batch-size", default=16, show_default=True, type=click.IntRange(min=1), help="Texts per spaCy batch")
@click.option("-w", "--workers", default=1, show_default=True, type=click.IntRange(min=1),
              help="Worker processes for parsing and extraction")
@click.option("--scheduler", help="Address of a Dask scheduler (tcp://HOST:8786) to extract on; needs .[dask]")
@click.option("--dask-local", type=click.IntRange(min=1),
              help="Extract on a local Dask cluster of this many workers; needs .[dask]")
@click.option("--parse", "parse", type=click.Choice(["cues", "all"]), default="cues", show_default=True,
              help="Sentences to tag and parse: those with a cue of a fact (quotation, speech verb, meeting or "
                   "membership word), or all of them (slower, for comparison)")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the summary line")
def cli(inputs, output, force, max_bytes, batch_size, workers, scheduler, dask_local, parse, quiet):
    """Extract NATO diplomacy from French news articles into a SQLite database.

    INPUTS are files or folders (default: seeds/) of .txt, .html/.htm and
    .jsonl articles (one JSON object a line with "text" and optional
    "title", "url", "date", "source", "id").

    \b
    Example:
        python build_db.py seeds/ -o nato.db
        datasette nato.db -m metadata.yml
    """
    inputs = inputs or ("seeds",)
    with dask_client_for(scheduler, dask_local) as client:
        try:
            summary = build(inputs, output, force=force, max_bytes=max_bytes, batch_size=batch_size,
                            progress=not quiet, workers=workers, dask_client=client,
                            every_sentence=parse == "all")
        except InputError as error:
            raise click.UsageError(str(error))
        except BuildError as error:
            raise click.ClickException(str(error))
    for skip in summary["skipped"]:
        click.echo(f"skipped {skip}", err=True)
    for note in summary["notes"]:
        click.echo(f"note {note}", err=True)
    if not quiet:
        for table, count in summary["rows"].items():
            click.echo(f"  {table:22} {count}")
    click.echo(f"{output}: {summary['articles']} articles ({summary['extracted']} extracted, "
               f"{summary['unchanged']} unchanged, {summary['removed']} removed), "
               f"{len(summary['skipped'])} skipped, {summary['seconds']}s")
    sys.exit(1 if summary["skipped"] else 0)


if __name__ == "__main__":
    cli()
