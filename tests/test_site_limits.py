"""What a hostile visitor can do to the served site: answer size, odd ids, CSV formulas, rebuilds."""
import csv
import io
import os
import shutil
import signal
import subprocess
import threading
import time
from contextlib import contextmanager

import httpx
import pytest
import sqlite_utils
import yaml
from datasette.app import Datasette
from datasette.utils import tilde_encode

from conftest import ROOT, SEEDS
from serve import free_port

METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
# Article ids (file names) that need URL encoding: a dot, a space, an accent, an apostrophe, a tilde.
ODD_IDS = ["lemonde.2023-12", "l'article é", "Le Monde 2023", "dépêche~1"]
BIG_ARTICLE = "gros.article"
BIG_TEXT = ("L'OTAN a déclaré à Bruxelles que l'Alliance était prête. " * 100_000)[:5_000_000]
FORMULAS = ['=HYPERLINK("http://evil.example/","clic")', "+33 1 23 45 67 89", "@SUM(1)", "-2+3",
            "\tcmd", "\rcmd", '=cmd|\' /C calc\'!A0\n"second line", with a comma']


@pytest.fixture(scope="module")
def site_db(tmp_path_factory):
    """A real build of seed articles saved under odd names, plus a 5 MB article and formula quotes."""
    from extract.build import build

    folder = tmp_path_factory.mktemp("odd")
    for ident, seed in zip(ODD_IDS, sorted(SEEDS.glob("*.txt"))):
        shutil.copy(seed, folder / f"{ident}.txt")
    path = tmp_path_factory.mktemp("site") / "nato.db"
    assert build([str(folder)], path, progress=False)["skipped"] == []
    db = sqlite_utils.Database(path)
    article = next(db["articles"].rows)
    db["articles"].insert(dict(article, id=BIG_ARTICLE, body=BIG_TEXT, raw_text=BIG_TEXT))
    statement = next(db["statements"].rows)
    for n, quote in enumerate(FORMULAS):
        db["statements"].insert(dict(statement, id=f"formula-q{n}", quote=quote))
    db.close()
    return path


@pytest.fixture(scope="module")
def datasette(site_db):
    # The settings of `make serve`.
    return Datasette([], immutables=[str(site_db)], metadata=METADATA, plugins_dir=str(ROOT / "plugins"),
                     template_dir=str(ROOT / "templates"),
                     settings={"sql_time_limit_ms": 2000, "max_returned_rows": 200, "suggest_facets": False,
                               "default_page_size": 25})


# 1. What one request may cost.

def assert_too_large(response):
    assert response.status_code == 400, response.status_code
    assert len(response.content) < 100_000
    assert "too large" in response.text or "too big" in response.text, response.text[:500]


@pytest.mark.parametrize("path", [
    # One value over the length limit (34 MB).
    "/nato.json?sql=select+hex(zeroblob(17000000))",
    # Values under it, but 4 x 24 MB over the budget of one answer.
    "/nato.json?sql=select+hex(zeroblob(12000000))+from+sentences+limit+4",
    # One row of many large columns: SQLite builds it whole before Python sees any of it.
    "/nato.json?sql=select+" + ",".join(["hex(zeroblob(12000000))"] * 12),
    # Pages that do not show SQL errors themselves: a table with a where clause, its CSV.
    "/nato/articles.json?_where=length(hex(zeroblob(17000000)))>0",
    "/nato/articles?_where=length(hex(zeroblob(17000000)))>0",
    "/nato/articles.csv?_where=length(hex(zeroblob(17000000)))>0",
])
async def test_an_answer_too_large_is_a_clean_error(datasette, path):
    assert_too_large(await datasette.client.get(path))


@pytest.mark.parametrize("path", [
    "/nato.csv?sql=select+hex(zeroblob(12000000))+from+sentences+limit+4",
    "/nato.csv?sql=select+hex(zeroblob(12000000))+from+sentences&_stream=on",
])
async def test_a_csv_too_large_is_refused(datasette, path):
    # Datasette answers a query CSV whose SQL fails with an empty CSV (any SQL error, not only this one).
    response = await datasette.client.get(path)
    assert response.status_code in (200, 400) and len(response.content) < 100_000


async def test_the_sql_page_shows_the_error(datasette):
    response = await datasette.client.get("/nato?sql=select+hex(zeroblob(12000000))+from+sentences+limit+4")
    assert "too large" in response.text and len(response.content) < 100_000


async def test_a_5_mb_article_is_served_whole(datasette):
    response = await datasette.client.get(f"/nato/articles/{tilde_encode(BIG_ARTICLE)}.json?_shape=objects")
    assert response.status_code == 200
    row = response.json()["rows"][0]
    assert row["body"] == BIG_TEXT and row["raw_text"] == BIG_TEXT
    response = await datasette.client.get(f"/nato/articles/{tilde_encode(BIG_ARTICLE)}")
    assert response.status_code == 200 and "déclaré à Bruxelles" in response.text
    for path in ("/nato/articles", "/nato/articles.json", f"/nato.json?sql=select+body+from+articles"):
        assert (await datasette.client.get(path)).status_code == 200, path


# 2. The source sentence of a statement whose id needs URL encoding.

@pytest.mark.parametrize("article_id", ODD_IDS)
async def test_source_sentence_for_ids_that_need_encoding(datasette, site_db, article_id):
    db = sqlite_utils.Database(site_db)
    statement = next(db["statements"].rows_where("article_id = ?", [article_id], limit=1))
    response = await datasette.client.get(f"/nato/statements/{tilde_encode(statement['id'])}")
    assert response.status_code == 200
    assert "Source sentence" in response.text and "<mark>" in response.text
    article_path = f"/nato/articles/{tilde_encode(article_id)}"
    assert f'href="{article_path}"' in response.text
    response = await datasette.client.get(article_path + ".json?_shape=objects")
    assert response.json()["rows"][0]["id"] == article_id


# 3. CSV cells a spreadsheet would run as formulas.

def formula_rows(text):
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    return {row["id"]: row for row in rows if row["id"].startswith("formula-")}


@pytest.mark.parametrize("path", [
    "/nato/statements.csv?_size=max",
    "/nato/statements.csv?_stream=on",
    "/nato/statements.csv?_stream=on&_dl=1",
    "/nato/statements.csv?id__startswith=formula-",
    "/nato.csv?sql=select+id,+quote+from+statements+where+id+like+'formula-%25'",
    "/nato.csv?sql=select+id,+quote+from+statements&_stream=on",
])
async def test_csv_cells_are_never_formulas(datasette, path):
    response = await datasette.client.get(path)
    assert response.status_code == 200
    rows = formula_rows(response.text)
    assert [rows[f"formula-q{n}"]["quote"] for n in range(len(FORMULAS))] == ["'" + quote for quote in FORMULAS]


async def test_csv_numbers_and_ordinary_text_stay(datasette):
    response = await datasette.client.get(
        "/nato.csv?sql=select+-3+as+n,+-1.5+as+f,+-1e-05+as+e,+'-2%2B3'+as+g,+'Il+a+dit+%C2%AB+oui+%C2%BB'+as+t")
    assert response.text.splitlines()[1] == "-3,-1.5,-1e-05,'-2+3,Il a dit « oui »"
    response = await datasette.client.get("/nato/statements.csv?_size=max")
    plain = [row for row in csv.DictReader(io.StringIO(response.text, newline="")) if not row["id"].startswith("formula-")]
    assert plain and not any(row["quote"].startswith("'") for row in plain)


async def test_json_is_unchanged(datasette):
    response = await datasette.client.get("/nato/statements.json?_shape=objects&id__startswith=formula-")
    assert sorted(row["quote"] for row in response.json()["rows"]) == sorted(FORMULAS)


def test_csv_records_split_anywhere_across_chunks():
    """The server may cut the stream anywhere: inside a quoted field, a line end or a UTF-8 character."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("csv_formulas", ROOT / "plugins" / "csv_formulas.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = io.StringIO()
    csv.writer(out).writerows([["id", "quote"], *[[f"q{n}", q] for n, q in enumerate(FORMULAS + ["« é »", "-3"])]])
    data = out.getvalue().encode("utf-8")
    stream = module.CsvStream()
    pieces = [stream.feed(data[i:i + 1], final=False) for i in range(len(data))] + [stream.feed(b"", final=True)]
    rows = list(csv.reader(io.StringIO(b"".join(pieces).decode("utf-8"), newline="")))
    assert [row[1] for row in rows[1:]] == ["'" + q for q in FORMULAS] + ["« é »", "-3"]


# 4. A database rebuilt under a running `make serve`.

def serve_command(database, port):
    """The command `make serve` runs, as make prints it."""
    printed = subprocess.run(["make", "-s", "-n", "serve", f"DB={database}", f"PORT={port}"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
    command = printed[printed.index(".venv/bin/datasette "):]
    return command.split("\n\n")[0].strip()


@contextmanager
def make_serve(database):
    """`make serve`'s own command on database, on a free port: yields its base URL."""
    port = free_port()
    server = subprocess.Popen(serve_command(database, port), shell=True, cwd=ROOT, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)


def articles_db(path, n):
    db = sqlite_utils.Database(path)
    db["articles"].insert_all(({"id": f"a{i}", "body": "x"} for i in range(n)), pk="id")
    db.close()


class Answers:
    """Clients asking the same question in a loop; each answer with when it was asked."""

    def __init__(self, url, clients=4):
        self.url, self.answers, self.stop = url, [], threading.Event()
        self.threads = [threading.Thread(target=self.ask) for _ in range(clients)]

    def ask(self):
        with httpx.Client(timeout=10) as client:
            while not self.stop.is_set():
                asked = time.monotonic()
                try:
                    response = client.get(self.url)
                    answer = response.json()[0]["n"] if response.status_code == 200 else response.status_code
                except (httpx.HTTPError, ValueError, LookupError):
                    answer = "refused"
                    time.sleep(0.05)
                self.answers.append((asked, answer))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join()


def test_make_serve_serves_a_rebuilt_database_whole(tmp_path):
    path = tmp_path / "nato.db"
    articles_db(path, 5)
    with make_serve(path) as base:
        url = base + "/nato.json?sql=select+count(*)+as+n+from+articles&_shape=array"
        with Answers(url, clients=1) as one:
            time.sleep(1)
            articles_db(tmp_path / "new.db", 180)
            replaced = time.monotonic()
            os.replace(tmp_path / "new.db", path)  # as the build does
            # More clients after the switch: SQL threads that open their connection now.
            with Answers(url, clients=4) as more:
                deadline = replaced + 30
                while time.monotonic() < deadline and not ended_with_new(more.answers, replaced):
                    time.sleep(0.2)
    answers = sorted(one.answers + more.answers)
    before = [answer for asked, answer in answers if asked < replaced]
    after = [answer for asked, answer in answers if asked >= replaced]
    assert before and set(before) == {5}
    # After the switch: the old answer until the server has the new file, then only the new one.
    served = [answer for answer in after if answer in (5, 180)]
    assert 180 in served and served == sorted(served), compress(served)
    assert after[-1] == 180, compress(after)


def ended_with_new(answers, replaced):
    """The last 20 answers asked after the switch are all the new one."""
    recent = [answer for asked, answer in sorted(answers) if asked >= replaced][-20:]
    return len(recent) == 20 and set(recent) == {180}


def compress(answers):
    """[5, 5, 180] as [(5, 2), (180, 1)], for a readable failure."""
    runs = []
    for answer in answers:
        if runs and runs[-1][0] == answer:
            runs[-1][1] += 1
        else:
            runs.append([answer, 1])
    return runs


def wait_for(base, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/-/versions.json", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("make serve did not start")


async def test_a_connection_to_a_replaced_file_is_refused_until_the_restart(tmp_path):
    """A SQL thread that opens its connection after the build is refused, not answered from the new file."""
    path = tmp_path / "nato.db"
    articles_db(path, 5)
    # No SQL threads: one connection, opened by the first query.
    datasette = Datasette([], immutables=[str(path)], plugins_dir=str(ROOT / "plugins"),
                          settings={"num_sql_threads": 0})
    query = "/nato.json?sql=select+count(*)+as+n+from+articles&_shape=array"
    assert (await datasette.client.get(query)).json() == [{"n": 5}]
    articles_db(tmp_path / "new.db", 180)
    os.replace(tmp_path / "new.db", path)
    assert (await datasette.client.get(query)).json() == [{"n": 5}]
    # Forget the connection, as a SQL thread that has not opened one yet.
    datasette.get_database("nato")._read_connection = None
    response = await datasette.client.get(query)
    assert response.status_code == 503 and "rebuilt" in response.json()["error"]
    assert response.headers["retry-after"] == "2"


async def test_a_table_csv_holds_every_row(tmp_path):
    """The table page's CSV link (?_size=max) stopped at max_returned_rows."""
    path = tmp_path / "nato.db"
    db = sqlite_utils.Database(path)
    db["sentences"].insert_all(({"id": f"s{i}", "text": f"Phrase {i}."} for i in range(250)), pk="id")
    db.close()
    site = Datasette([], immutables=[str(path)], plugins_dir=str(ROOT / "plugins"),
                     settings={"max_returned_rows": 200})
    for url in ("/nato/sentences.csv?_size=max", "/nato/sentences.csv?_labels=on&_size=max", "/nato/sentences.csv"):
        rows = list(csv.DictReader(io.StringIO((await site.client.get(url)).text)))
        assert len(rows) == 250, url
    filtered = list(csv.DictReader(io.StringIO((await site.client.get("/nato/sentences.csv?id__startswith=s1")).text)))
    assert len(filtered) == 111
