"""The published database through Datasette's in-process client."""
import csv
import io

import pytest
import yaml
from datasette.app import Datasette

from conftest import ROOT

METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
QUERIES = METADATA["databases"]["nato"]["queries"]
PARAMETERS = {"name": "Stoltenberg", "keyword": "OTAN", "candidate": "Suède"}


@pytest.fixture(scope="module")
def datasette(seeds_db):
    return Datasette([], immutables=[str(seeds_db)], metadata=METADATA, plugins_dir=str(ROOT / "plugins"),
                     template_dir=str(ROOT / "templates"), settings={"sql_time_limit_ms": 2000})


async def test_home_and_tables(datasette):
    response = await datasette.client.get("/")
    assert response.status_code == 200 and "nato-press-db" in response.text
    for table in ("articles", "statements", "meetings", "ratifications", "people", "places"):
        response = await datasette.client.get(f"/nato/{table}")
        assert response.status_code == 200, table


async def test_statement_facets_and_labels(datasette):
    response = await datasette.client.get("/nato/statements.json?_facet=kind&_labels=on&_shape=objects")
    data = response.json()
    kinds = {f["value"] for f in data["facet_results"]["kind"]["results"]}
    assert {"direct", "partial", "indirect"} <= kinds
    speakers = [row["speaker_id"] for row in data["rows"] if row["speaker_id"]]
    assert any(s["label"] == "Jens Stoltenberg" for s in speakers)


@pytest.mark.parametrize("name", sorted(QUERIES))
async def test_canned_queries(datasette, name):
    params = "&".join(f"{p}={PARAMETERS[p]}" for p in PARAMETERS if f":{p}" in QUERIES[name]["sql"])
    response = await datasette.client.get(f"/nato/{name}.json?_shape=objects&{params}")
    assert response.status_code == 200, response.text
    assert response.json()["rows"], name


async def test_ratification_tracker_answers_who_has_not_ratified(datasette):
    response = await datasette.client.get("/nato/ratifications_for_candidate.json?_shape=objects&candidate=Suède")
    statuses = {(row["country"], row["status"]) for row in response.json()["rows"]}
    assert ("Hongrie", "pending") in statuses or ("Turquie", "blocked") in statuses


async def test_csv_and_json_downloads(datasette):
    response = await datasette.client.get("/nato/statements.csv?_size=max")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) > 20 and "quote" in rows[0]
    response = await datasette.client.get("/nato/meetings.json?_shape=array")
    assert isinstance(response.json(), list) and response.json()[0]["kind"]


async def test_full_text_search(datasette):
    response = await datasette.client.get("/nato/statements.json?_search=reunion&_shape=objects")
    assert response.status_code == 200
    response = await datasette.client.get("/nato/statements.json?_search=sommet&_shape=objects")
    assert response.json()["rows"]


async def test_statement_row_shows_its_source_sentence(datasette, db):
    statement = next(db["statements"].rows_where("kind = 'direct'", limit=1))
    response = await datasette.client.get(f"/nato/statements/{statement['id']}")
    assert response.status_code == 200
    assert "Source sentence" in response.text and "<mark>" in response.text
    assert f"/nato/articles/{statement['article_id']}" in response.text


async def test_a_profile_gives_each_role_once(datasette, db):
    """A role the articles repeat is one row, with how many times it is given."""
    (name,) = next(db.execute("select p.name from roles r join people p on p.id = r.person_id "
                              "group by r.person_id, r.title, r.organisation order by count(*) desc limit 1"))
    rows = (await datasette.client.get("/nato/person_profile.json", params={"name": name, "_shape": "objects"})
            ).json()["rows"]
    roles = [row["detail"].split(", ")[0] for row in rows if row["what"] == "role" and row["person"] == name]
    assert roles and len(roles) == len(set(roles))
