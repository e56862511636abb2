"""Worker processes and a Dask cluster give the same database as the plain build."""
import pytest
import sqlite_utils

from extract.build import build
from conftest import SEEDS

TABLES = ["articles", "sentences", "people", "person_aliases", "mentions", "roles", "places", "place_mentions",
          "statements", "meetings", "meeting_mentions", "meeting_participants", "events", "ratifications"]


def contents(path):
    db = sqlite_utils.Database(path)
    return {table: sorted(map(repr, db[table].rows)) for table in TABLES}


def test_two_workers_build_the_same_database(seeds_db, tmp_path):
    output = tmp_path / "nato.db"
    build([SEEDS], output, workers=2)
    assert contents(output) == contents(seeds_db)


def test_dask_local_cluster_builds_the_same_database(seeds_db, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    output = tmp_path / "nato.db"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        build([SEEDS], output, dask_client=client, batch_size=2)
    assert contents(output) == contents(seeds_db)
