"""plugins/counts_once.py: a served database's facet and row counts counted once."""
import asyncio
import sys

import pytest
import yaml
from datasette.app import Datasette
from datasette.database import QueryInterrupted

from conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from counts_once import CountingDatabase, is_count  # noqa: E402

METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
FACET = ("select [kind] as value, count(*) as count from (select * from statements) "
         "where [kind] is not null group by [kind] order by count desc, value limit 31")


class Database:
    """Stands for a Datasette database: each execute is recorded; a time limit of 1 ms is always exceeded."""

    def __init__(self):
        self.calls = []

    async def execute(self, sql, params=None, truncate=False, custom_time_limit=None, page_size=None,
                      log_sql_errors=True):
        self.calls.append((sql, custom_time_limit))
        if custom_time_limit == 1:
            raise QueryInterrupted(None, sql, params)
        return [("direct", 3)]


def test_what_is_a_count():
    assert is_count("select count(*) from statements ")
    assert is_count(FACET)
    assert not is_count("select * from statements limit 26")


async def test_a_count_is_made_once():
    database = Database()
    counting = CountingDatabase(database)
    assert await counting.execute("select count(*) from statements ") == [("direct", 3)]
    assert await counting.execute("select count(*) from statements ") == [("direct", 3)]
    await counting.execute("select count(*) from statements where kind = :p0", {"p0": "direct"})
    assert len(database.calls) == 2  # the filtered count is another count


async def test_typed_sql_and_rows_are_not_kept():
    database = Database()
    counting = CountingDatabase(database)
    for _ in range(2):
        await counting.execute("select count(*) from statements", truncate=True)  # a query a reader typed
        await counting.execute("select * from statements limit 26")
    assert len(database.calls) == 4


async def test_a_facet_over_its_time_limit_is_counted_for_the_next_reader():
    database = Database()
    counting = CountingDatabase(database)
    with pytest.raises(QueryInterrupted):
        await counting.execute(FACET, [], custom_time_limit=1)
    for _ in range(10):  # the count made in the background
        await asyncio.sleep(0)
    assert await counting.execute(FACET, [], custom_time_limit=1) == [("direct", 3)]
    assert database.calls == [(FACET, 1), (FACET, None)]


async def test_pages_of_a_served_database_count_once(seeds_db):
    datasette = Datasette([], immutables=[str(seeds_db)], metadata=METADATA, plugins_dir=str(ROOT / "plugins"),
                          template_dir=str(ROOT / "templates"))
    first = (await datasette.client.get("/nato/statements.json?_facet=kind")).json()
    counting = datasette.databases["nato"].execute.__self__
    kept = len(counting.answers)
    second = (await datasette.client.get("/nato/statements.json?_facet=kind")).json()
    assert kept and len(counting.answers) == kept
    assert first["facet_results"] == second["facet_results"] and first["filtered_table_rows_count"] > 0


async def test_a_mutable_database_is_not_cached(seeds_db, tmp_path):
    import shutil

    path = tmp_path / "nato.db"
    shutil.copy(seeds_db, path)
    datasette = Datasette([str(path)], metadata=METADATA, plugins_dir=str(ROOT / "plugins"),
                          template_dir=str(ROOT / "templates"))
    response = await datasette.client.get("/nato/statements.json?_facet=kind")
    assert response.status_code == 200
    # (Datasette loads the plugin as a module of its own: compared by name.)
    assert type(datasette.databases["nato"].execute.__self__).__name__ == "Database"
