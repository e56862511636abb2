"""One bad input or option never costs a build or a database.

Each test drives the command line (or build()) the way a hostile or
careless user would, against a database that already holds good articles.
"""
import codecs
import json
import os
import shutil
import sqlite3

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

import build_db
from extract.build import BuildLocked, build, exclusive
from hostile import HOSTILE_KINDS

TEXT = ("Le secrétaire général de l'Otan, Mark Rutte, est arrivé mardi à Bruxelles. "
        "« Nous restons unis face à la menace », a déclaré le dirigeant néerlandais devant la presse.")


def run(*args):
    return CliRunner().invoke(build_db.cli, [*map(str, args), "-q"])


def rows(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def article_ids(path):
    return {row[0] for row in rows(path, "select id from articles")}


def skipped(path):
    return {(os.path.basename(p), line or 0): reason for p, line, reason in rows(path, "select path, line, reason from skipped")}


@pytest.fixture
def built(tmp_path):
    """A folder of two good articles, and a database built from it."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(TEXT.replace("mardi", "jeudi"), encoding="utf-8")
    output = tmp_path / "nato.db"
    assert run(folder, "-o", output).exit_code == 0
    assert article_ids(output) == {"a", "b"}
    return folder, output


# One input kills the whole build ------------------------------------------

def test_an_article_longer_than_the_parser_takes_is_parsed_in_pieces(tmp_path, monkeypatch):
    """spaCy refuses texts over nlp.max_length (E088); the body is cut at
    paragraph ends, parsed piece by piece, and joined with exact offsets."""
    from extract.nlp import load_nlp

    monkeypatch.setattr(load_nlp(), "max_length", 3000)  # pieces are cut to fit it
    paragraphs = [TEXT.replace("Bruxelles", f"Bruxelles pour la réunion numéro {n}") for n in range(40)]
    (tmp_path / "long.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
    (tmp_path / "short.txt").write_text(TEXT, encoding="utf-8")
    output = tmp_path / "nato.db"
    result = run(tmp_path / "long.txt", tmp_path / "short.txt", "-o", output)
    assert result.exit_code == 0, result.output
    assert article_ids(output) == {"long", "short"}
    body = rows(output, "select body from articles where id = 'long'")[0][0]
    assert len(body) > 2 * 3000
    statements = rows(output, "select quote, start, end from statements where article_id = 'long'")
    assert len(statements) == 40
    assert all(body[start:end] == quote for quote, start, end in statements)
    sentences = rows(output, "select text, start, end from sentences where article_id = 'long'")
    assert all(body[start:end] == text for text, start, end in sentences)


def test_pieces_join_back_into_the_text():
    from extract.nlp import pieces

    text = ("Une phrase.\n" * 50) + "x" * 120 + " fin"
    for size in (7, 30, 100):
        cut = pieces(text, size)
        assert "".join(cut) == text and all(len(piece) <= size for piece in cut)


def test_a_missing_html_library_costs_the_page_not_the_build(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura raises ImportError
    (tmp_path / "page.html").write_text(f"<html><body><p>{TEXT}</p></body></html>", encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    output = tmp_path / "nato.db"
    result = run(tmp_path, "-o", output)
    assert result.exit_code == 1
    assert article_ids(output) == {"a"}
    assert "trafilatura" in skipped(output)[("page.html", 0)]


def test_a_failure_while_parsing_costs_one_article(tmp_path, monkeypatch):
    """A batch that fails in nlp.pipe is parsed again text by text."""
    import extract.nlp

    real = extract.nlp.load_nlp()

    class Fragile:
        max_length = real.max_length

        def __getattr__(self, name):  # make_doc, vocab...: the real pipeline's
            return getattr(real, name)

        def __call__(self, text):
            if "BOUM" in text:
                raise RuntimeError("the parser gave up")
            return real(text)

        def pipe(self, texts, **options):
            texts = list(texts)
            if any("BOUM" in text for text in texts):
                raise RuntimeError("the parser gave up")
            return real.pipe(texts, **options)

    monkeypatch.setattr(extract.nlp, "load_nlp", lambda *args: Fragile())
    lines = [json.dumps({"id": n, "text": TEXT + (" BOUM" if n == 2 else "")}) for n in range(4)]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines), encoding="utf-8")
    output = tmp_path / "nato.db"
    result = run(tmp_path, "-o", output, "--batch-size", 4)
    assert result.exit_code == 1
    assert article_ids(output) == {"batch-0", "batch-1", "batch-3"}
    assert "the parser gave up" in skipped(output)[("batch.jsonl", 3)]


def test_a_failure_while_cleaning_or_reading_costs_one_article(tmp_path, monkeypatch):
    import extract.pipeline

    real = extract.pipeline.clean_article
    monkeypatch.setattr(extract.pipeline, "clean_article",
                        lambda text, **kw: (_ for _ in ()).throw(ValueError("no")) if "BOUM" in text else real(text, **kw))
    deep = "[" * 100_000 + "]" * 100_000  # json.loads raises RecursionError
    lines = [json.dumps({"id": "ok", "text": TEXT}), json.dumps({"id": "bad", "text": TEXT + " BOUM"}), deep]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines), encoding="utf-8")
    output = tmp_path / "nato.db"
    result = run(tmp_path, "-o", output)
    assert result.exit_code == 1
    assert article_ids(output) == {"batch-ok"}
    reasons = skipped(output)
    assert reasons[("batch.jsonl", 2)].startswith("cleaning failed: ValueError")
    assert reasons[("batch.jsonl", 3)].startswith("malformed JSONL record")


# A good database silently emptied or thinned --------------------------------

def test_a_typo_in_the_input_path_touches_nothing(built):
    folder, output = built
    before = output.read_bytes()
    result = run(folder.parent / "inn", "-o", output)
    assert result.exit_code == 2 and "does not exist" in result.output
    assert output.read_bytes() == before


def test_a_missing_input_root_is_refused_by_build_too(built):
    from extract.reader import InputError

    folder, output = built
    with pytest.raises(InputError):
        build([str(folder), str(folder.parent / "inn")], output)
    assert article_ids(output) == {"a", "b"}


@pytest.mark.parametrize("option", [["--batch-size", "0"], ["--workers", "0"], ["--max-bytes", "0"],
                                    ["--dask-local", "0"], ["--batch-size", "-3"], ["--workers", "two"]])
def test_options_out_of_range_are_usage_errors(built, option):
    folder, output = built
    before = output.read_bytes()
    result = run(folder, "-o", output, *option)
    assert result.exit_code == 2 and "Invalid value" in result.output
    assert output.read_bytes() == before


def test_an_unreadable_folder_is_skipped_and_its_articles_stay(built, monkeypatch):
    """Path.rglob passed over a folder it could not list, and the build then
    removed its articles. (As root, chmod cannot make a folder unreadable, so
    listing it fails as it would for a user without the permission.)"""
    folder, output = built
    (folder / "c.txt").write_text(TEXT.replace("mardi", "lundi"), encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "sub":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run(folder, "-o", output)
    assert result.exit_code == 1
    assert article_ids(output) == {"a", "b", "c"}
    assert skipped(output) == {("sub", 0): "unreadable folder: Permission denied"}


def test_an_unreadable_file_keeps_its_article(built):
    folder, output = built
    (folder / "a.txt").unlink()
    (folder / "a.txt").symlink_to(folder / "gone.txt")  # now a broken link
    result = run(folder, "-o", output)
    assert result.exit_code == 1
    assert article_ids(output) == {"a", "b"}


def test_a_file_that_is_gone_is_removed(built):
    folder, output = built
    (folder / "sub" / "b.txt").unlink()
    result = run(folder, "-o", output)
    assert result.exit_code == 0 and article_ids(output) == {"a"}


# Lost or clobbered in smaller ways -------------------------------------------

@pytest.mark.parametrize("field, value", [("date", "9999-99-99"), ("date", "2023-02-30"), ("date", "2023-13"),
                                          ("title", 12), ("url", ["x"]), ("source", {"a": 1})])
def test_an_optional_field_that_does_not_parse_is_left_out_with_a_note(tmp_path, field, value):
    (tmp_path / "batch.jsonl").write_text(json.dumps({"id": 1, "text": TEXT, field: value}), encoding="utf-8")
    output = tmp_path / "nato.db"
    result = run(tmp_path, "-o", output)
    assert result.exit_code == 0, result.output
    ((notes, published),) = rows(output, "select notes, published from articles")
    assert field in json.loads(notes)[0] and "ignored" in json.loads(notes)[0]
    assert field != "date" or published is None
    assert f"note {tmp_path / 'batch.jsonl'}:1: {field}" in result.output


def test_a_good_optional_date_is_kept():
    from extract.reader import valid_date

    assert valid_date("2024-02-29") and valid_date("2023-07") and valid_date("2023-07-12T10:00:00+02:00")
    assert not valid_date("2023-02-29") and not valid_date("0000") and not valid_date("2023-00")


@pytest.mark.parametrize("bom, encoding", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
                                           (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF8, "utf-8")])
def test_text_with_a_byte_order_mark_is_read(tmp_path, bom, encoding):
    from extract.reader import read_path

    for suffix, data in ((".txt", TEXT), (".jsonl", json.dumps({"id": 1, "text": TEXT}, ensure_ascii=False))):
        path = tmp_path / f"article{suffix}"
        path.write_bytes(bom + data.encode(encoding))
        (article,) = read_path(path)
        assert article.text == TEXT


def test_nul_bytes_without_a_mark_are_still_binary(tmp_path):
    from extract.reader import Skip, read_path

    (tmp_path / "x.txt").write_bytes(TEXT.encode("utf-16-le"))  # no mark: not to be guessed
    (skip,) = read_path(tmp_path / "x.txt")
    assert isinstance(skip, Skip) and "binary" in skip.reason


def test_an_output_that_is_not_a_database_is_not_overwritten(built, tmp_path):
    folder, _ = built
    notes = tmp_path / "notes.txt"
    notes.write_text("mes notes")
    result = run(folder, "-o", notes)
    assert result.exit_code == 1 and "not a nato-press-db database" in result.output
    assert notes.read_text() == "mes notes"
    assert run(folder, "-o", notes, "--force").exit_code == 0
    assert article_ids(notes) == {"a", "b"}


def test_an_output_through_a_link_replaces_its_target_under_one_lock(built, tmp_path):
    folder, output = built
    link = tmp_path / "link.db"
    link.symlink_to(output)
    (folder / "c.txt").write_text(TEXT, encoding="utf-8")
    assert run(folder, "-o", link).exit_code == 0
    assert link.is_symlink() and article_ids(output) == {"a", "b", "c"}
    with exclusive(output.resolve()):
        with pytest.raises(BuildLocked):
            build([str(folder)], link)


def test_a_missing_output_folder_is_created_and_an_impossible_one_is_one_line(built, tmp_path):
    folder, _ = built
    deep = tmp_path / "new" / "folder" / "nato.db"
    assert run(folder, "-o", deep).exit_code == 0 and article_ids(deep) == {"a", "b"}
    result = run(folder, "-o", folder / "a.txt" / "nato.db")  # a file where a folder should be
    assert result.exit_code == 1
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    assert "cannot create the output folder" in result.output


# The invariants, on generated folders of good and hostile inputs ---------------

@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """Four good articles, two in a sub-folder."""
    from hostile import Expected, good

    folder = tmp_path_factory.mktemp("base") / "in"
    (folder / "sub").mkdir(parents=True)
    expected = Expected()
    for n in range(4):
        good(folder / ("sub" if n % 2 else ""), f"base{n}", n, expected)
    return folder, expected.built


@settings(max_examples=20, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(goods=st.lists(st.sampled_from(["txt", "utf16", "cp1252", "jsonl"]), max_size=4),
       hostiles=st.lists(st.sampled_from(HOSTILE_KINDS), min_size=1, max_size=6),
       deleted=st.sets(st.integers(0, 3), max_size=2), unreadable_sub=st.booleans())
def test_any_mix_of_inputs_keeps_the_invariants(base, tmp_path_factory, goods, hostiles, deleted, unreadable_sub):
    """Against an existing database: the exit status says whether anything
    was skipped; every hostile input is in `skipped` and nothing else is;
    every good input is built; only deleted files' articles are removed
    (an unreadable folder's stay); the database passes its integrity check."""
    from unittest import mock

    from hostile import Expected, good, hostile

    folder, base_ids = base
    work = tmp_path_factory.mktemp("mix")
    shutil.copytree(folder, work / "in", symlinks=True)
    assert run(work / "in", "-o", work / "nato.db").exit_code == 0  # the existing database
    expected = Expected(built=set(base_ids))
    for n in deleted:
        next((work / "in").rglob(f"base{n}.txt")).unlink()
        if not (unreadable_sub and n % 2):
            expected.built.discard(f"base{n}")
    for i, kind in enumerate(goods):
        good(work / "in", f"good{i}", i, expected, kind)
    for i, kind in enumerate(hostiles):
        hostile(work / "in" / ("sub" if i % 2 and not unreadable_sub else ""), f"bad{i}", kind, expected, 2000)
    if unreadable_sub:
        expected.skipped.add(("sub", 0))
    real_scandir = os.scandir

    def scandir(path="."):
        if unreadable_sub and os.path.basename(os.fspath(path)) == "sub":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    with mock.patch.object(os, "scandir", scandir):
        result = run(work / "in", "-o", work / "nato.db", "--max-bytes", 2000)
    assert result.exit_code == (1 if expected.skipped else 0), result.output
    assert set(skipped(work / "nato.db")) == expected.skipped
    assert article_ids(work / "nato.db") == expected.built
    assert rows(work / "nato.db", "pragma integrity_check") == [("ok",)]
    assert rows(work / "nato.db", "pragma foreign_key_check") == []


def test_full_corpus_with_hostile_inputs():
    """`make corpus-check`: the whole corpus and 100 hostile inputs in one
    build; every good article is built, every hostile input is in `skipped`,
    and the corpus lines skipped are skipped for what they hold, not for a
    failure of the build."""
    path, corpus, folder = (os.environ.get(name) for name in ("CORPUS_DB", "CORPUS", "HOSTILE"))
    if not (path and corpus and folder):
        pytest.skip("no full corpus build: run `make corpus-check`")
    from pathlib import Path

    expected = json.loads((Path(folder) / ".expected.json").read_text())
    built, skips = article_ids(path), skipped(path)
    assert set(expected["built"]) <= built
    assert {tuple(key) for key in expected["skipped"]} <= set(skips)
    stem, lines = Path(corpus).stem, Path(corpus).read_text(encoding="utf-8").splitlines()
    failures = {key: reason for key, reason in skips.items()
                if key[0] == Path(corpus).name and not reason.startswith(("empty article", "duplicate article id",
                                                                          "no article text left"))}
    assert failures == {}
    corpus_skipped = {line for name, line in skips if name == Path(corpus).name}
    for number, line in enumerate(lines, start=1):
        if line.strip() and number not in corpus_skipped:
            record = json.loads(line)
            assert f"{stem}-{record.get('id') or number}" in built
    # Every reference points to a row ("le président palestinien": a
    # country the gazetteer lacks is left out, not dangling).
    assert rows(path, "pragma foreign_key_check") == []
    assert rows(path, "pragma integrity_check") == [("ok",)]


def test_half_a_character_escaped_in_json_is_replaced(tmp_path):
    """json.loads turns "\\ud800" into a lone surrogate, which neither UTF-8 nor SQLite takes."""
    line = '{"id": 1, "title": "Sommet \\ud800", "text": "' + TEXT.replace('"', "'") + ' \\udfff fin."}'
    (tmp_path / "batch.jsonl").write_text(line, encoding="utf-8")
    output = tmp_path / "nato.db"
    result = run(tmp_path, "-o", output)
    assert result.exit_code == 0, result.output
    ((title, raw),) = rows(output, "select title, raw_text from articles")
    assert title == "Sommet \ufffd" and "\ufffd fin." in raw
