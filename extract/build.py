"""The build: inputs to a database, through a temporary file renamed over it.

One SQLite writer; extraction in this process (nlp.pipe), in worker
processes (--workers), or on a Dask cluster, always streaming in input order
with a bounded number of batches in flight.
"""
import fcntl
import functools
import os
import shutil
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import click

from . import db as store
from .reader import DEFAULT_MAX_BYTES, InputError, Skip, check_roots, find_inputs, read_inputs


def plan(items, existing: dict, force: bool, skips: list, seen: set):
    """(raw, clean) pairs that need extraction; unchanged articles are kept as they are."""
    from .pipeline import prepare

    for item in items:
        if isinstance(item, Skip):
            skips.append(item)
            continue
        if item.id in seen:
            skips.append(Skip(item.file, f"duplicate article id {item.id}", item.line))
            continue
        seen.add(item.id)
        if not force and existing.get(item.id) == item.sha256:
            continue
        try:
            clean = prepare(item)
        except Exception as error:  # one article's failure must not stop the build
            seen.discard(item.id)
            skips.append(Skip(item.file, f"cleaning failed: {type(error).__name__}: {error}", item.line))
            continue
        if not clean.body.strip():
            seen.discard(item.id)
            skips.append(Skip(item.file, "no article text left after removing page furniture", item.line))
            continue
        yield item, clean


def estimate_articles(inputs) -> int:
    """How many articles the inputs hold, for the progress bar (JSONL lines counted)."""
    total = 0
    for path in find_inputs(inputs):
        if isinstance(path, Skip):
            continue
        if path.suffix.lower() == ".jsonl":
            with open(path, "rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


class BuildError(RuntimeError):
    """A build that cannot start: said in one line, nothing touched."""


class BuildLocked(BuildError):
    """Another build is writing the same database."""


def check_output(output: Path, force: bool) -> Path:
    """The real path to write (a link's target), its folder created; refuse
    to replace a file that is not a database of this project unless force."""
    output = output.resolve()
    if output.is_dir():
        raise BuildError(f"{output}: is a folder; name the database file to write")
    if output.exists() and output.stat().st_size and not store.is_project_db(output) and not force:
        raise BuildError(f"{output}: exists and is not a nato-press-db database; "
                         "choose another name, or add --force to replace it")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"{output.parent}: cannot create the output folder ({error.strerror or error})")
    if not os.access(output.parent, os.W_OK | os.X_OK):
        raise BuildError(f"{output.parent}: cannot write there (permission denied)")
    return output


@contextmanager
def exclusive(output: Path):
    """Hold the lock of output for a build; refuse when another build holds it.

    The lock is an flock on a side file: the kernel drops it when the holder
    dies, even by SIGKILL, so a crashed build never blocks the next one.
    """
    lock_path = output.with_name(f".{output.name}.lock")
    try:
        handle = open(lock_path, "w")
    except OSError as error:
        raise BuildError(f"{output}: cannot write the lock file {lock_path.name} ({error.strerror or error})")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked(f"{output}: another build is writing this database; try again when it has finished")
        # Temporary files of builds that were killed.
        for stale in output.parent.glob(f".{output.name}.*.tmp*"):
            stale.unlink(missing_ok=True)
        yield
    finally:
        handle.close()


def build(inputs, output, force=False, max_bytes=DEFAULT_MAX_BYTES, batch_size=16, progress=False,
          workers=1, dask_client=None, every_sentence=False):
    """Build output from inputs through a temporary file renamed over it at the end.

    every_sentence parses every sentence instead of the cue sentences
    (extract.cues), to measure what the cascade saves and loses.
    Returns a summary dict; a failure leaves output as it was. Inputs that
    do not exist or cannot be read (InputError) and an output that cannot
    or must not be written (BuildError) stop it before anything is touched.
    """
    if batch_size < 1 or workers < 1 or max_bytes < 1:
        raise ValueError("batch_size, workers and max_bytes must be at least 1")
    check_roots(inputs)
    output = check_output(Path(output), force)
    with exclusive(output):
        return _build(inputs, output, force, max_bytes, batch_size, progress, workers, dask_client, every_sentence)


def extract_pairs(pairs, batch_size, every_sentence=False):
    """(raw, rows or error) for each (raw, clean), in one process with nlp.pipe."""
    from .nlp import batches, parse
    from .pipeline import extract_article

    for batch in batches(pairs, batch_size):
        for (raw, clean), doc in zip(batch, parse([clean.body for _, clean in batch], batch_size, every_sentence)):
            try:
                if isinstance(doc, Exception):
                    raise doc
                yield raw, extract_article(raw, clean, doc)
            except Exception as error:  # one article's failure must not stop the build
                yield raw, error


def extract_batch(batch, every_sentence=False):
    """Rows for a batch of (raw, clean): the unit of work of a worker process or a Dask task."""
    return list(extract_pairs(batch, len(batch) or 1, every_sentence))


def extract_parallel(pairs, workers, batch_size, every_sentence=False):
    """The same results in the same order, from worker processes; a bounded
    number of batches is in flight so memory stays flat with corpus size."""
    import multiprocessing

    from .nlp import batches, load_nlp

    context = multiprocessing.get_context("fork")
    work = functools.partial(extract_batch, every_sentence=every_sentence)
    with context.Pool(workers, initializer=load_nlp, initargs=(every_sentence,)) as pool:
        for results in pool.imap(work, batches(pairs, batch_size), chunksize=1):
            yield from results


def extract_dask(pairs, client, batch_size, in_flight=8, every_sentence=False):
    """The same on a Dask cluster: batches mapped over workers, results streamed
    back in order to the single SQLite writer."""
    from collections import deque

    from .nlp import batches

    pending = deque()
    for batch in batches(pairs, batch_size):
        pending.append(client.submit(extract_batch, batch, every_sentence, pure=False))
        if len(pending) >= in_flight:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _build(inputs, output, force, max_bytes, batch_size, progress, workers=1, dask_client=None,
           every_sentence=False):
    started = time.time()
    temporary = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    version = store.extractor_version() + ("-every-sentence" if every_sentence else "")
    try:
        # Other extraction code or schema: start from an empty database.
        if output.exists() and not force and store.version_of(output) == version:
            shutil.copy2(output, temporary)
        else:
            force = True
        db = store.open_db(temporary)
        stored = store.stored_hashes(db)
        existing = {} if force else stored
        skips, seen = [], set()
        pairs = plan(read_inputs(inputs, max_bytes), existing, force, skips, seen)
        if dask_client is not None:
            results = extract_dask(pairs, dask_client, batch_size, every_sentence=every_sentence)
        elif workers > 1:
            results = extract_parallel(pairs, workers, batch_size, every_sentence)
        else:
            results = extract_pairs(pairs, batch_size, every_sentence)
        extracted, notes = 0, []
        total = estimate_articles(inputs) if progress else 0
        bar = click.progressbar(length=total, label="Extracting", file=sys.stderr) if total > 20 else None
        with db.conn:
            for raw, rows in results:
                if bar:
                    bar.update(1)
                    bar.render_progress()
                try:
                    if isinstance(rows, Exception):
                        raise rows
                    db.execute("savepoint article")
                    store.save_article(db, rows, replace=raw.id in stored)
                    db.execute("release article")
                except Exception as error:  # one article's failure must not stop the build
                    if db.conn.in_transaction:
                        db.execute("rollback to article")
                        db.execute("release article")
                    skips.append(Skip(raw.file, f"extraction failed: {type(error).__name__}: {error}", raw.line))
                    seen.discard(raw.id)
                    continue
                extracted += 1
                notes += [f"{Skip(raw.file, note, raw.line)}" for note in raw.notes]
            removed = store.remove_missing(db, seen, unread=[s.path for s in skips if s.unread])
            store.save_skips(db, skips)
            store.save_version(db, version)
        # The corpus-wide passes (people, events, quotations, the tracker) are
        # recomputed from the per-article rows whenever an article came or went;
        # a rebuild that changed nothing keeps them as the last build left them.
        if extracted or removed:
            with db.conn:
                store.resolve_people(db)
                store.resolve_events(db)
                store.resolve_quotations(db)
                store.resolve_ratifications(db)
        store.ensure_db_shape(db)
        summary = {"articles": len(seen), "extracted": extracted, "unchanged": len(seen) - extracted,
                   "removed": removed, "skipped": [str(s) for s in skips], "notes": notes, "rows": store.counts(db),
                   "seconds": round(time.time() - started, 2)}
        db.conn.close()
        os.replace(temporary, output)
        return summary
    finally:
        if temporary.exists():
            temporary.unlink()
        for suffix in ("-wal", "-shm", "-journal"):
            leftover = Path(str(temporary) + suffix)
            if leftover.exists():
                leftover.unlink()
