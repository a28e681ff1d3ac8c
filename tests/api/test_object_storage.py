"""The service on a warehouse in S3-compatible object storage (docs/deployment.md): `haisi demo`
fills it, two `haisi serve` replicas on other ports serve the same data from it."""

from __future__ import annotations

import csv
import io
import json
import os
import time

import httpx
import pytest
from haisi.warehouse import Warehouse

from tests.api.conftest import haisi_cli, serve_replicas


@pytest.fixture(scope="module")
def s3_service(s3_store, shared_data, tmp_path_factory):
    env = {
        **os.environ,
        "HAISI_DATA_DIR": str(tmp_path_factory.mktemp("s3api") / "var"),
        "HAISI_STORE_URL": f"{s3_store['uri']}/service-{time.time_ns()}",
        "HAISI_STORE_OPTIONS": json.dumps(s3_store["options"]),
        "HAISI_SHARED_DATA": str(shared_data),
        "HAISI_TILE_URL": "none",
        "HAISI_REQUIRE_API_KEY": "false",
    }
    haisi_cli(env, "demo")
    with serve_replicas(env) as urls:
        yield env, urls


def test_datasets_on_s3_match_the_same_sample_data_in_a_local_folder(s3_service, demo_settings):
    env, urls = s3_service
    # the demo is open without a key: an anonymous caller sees the public view
    local = {
        d.name: d.rows for d in Warehouse(demo_settings.store_dir).cleared("public").datasets()
    }
    for url in urls:
        listed = {
            d["name"]: d["rows"] for d in httpx.get(f"{url}/datasets", timeout=60).json()["data"]
        }
        for table in ("countries", "ports", "trade_flows", "tourism_flows", "routes", "port_calls"):
            assert listed[table] == local[table] > 0, table
        assert listed["forecasts"] > 0 and listed["facts"] > 0  # written by the demo's model runs
    on_s3 = Warehouse(env["HAISI_STORE_URL"], json.loads(env["HAISI_STORE_OPTIONS"]))
    bodies = [
        httpx.get(f"{u}/datasets/routes/download", params={"format": "csv"}, timeout=60).text
        for u in urls
    ]
    assert bodies[0] == bodies[1]
    assert len(list(csv.reader(io.StringIO(bodies[0])))) - 1 == on_s3.scan("routes").num_rows


def test_forecasts_and_maps_are_served_from_s3(s3_service):
    _, urls = s3_service
    series = "trade/CN-FJ/export/WLD/TOTAL"
    stored = httpx.get(f"{urls[0]}/forecasts/stored", params={"series_id": series}, timeout=60)
    assert stored.status_code == 200 and stored.json()["series_id"] == series
    page = httpx.get(f"{urls[1]}/maps/sea-routes.html", timeout=60)
    assert page.status_code == 200 and "海上航线" in page.text
    assert "/maps/static/leaflet/leaflet.js" in page.text


def test_a_store_that_goes_down_gives_503_with_the_reason(shared_data, tmp_path):
    """While object storage is unreachable the API says so (503, store and cause, no keys)."""
    from fastapi.testclient import TestClient
    from haisi.api.app import create_app

    from haisi.loading import load_reference
    from haisi.settings import Settings
    from tests.conftest import start_s3_server

    proc, store = start_s3_server("haisi-outage")
    s = Settings(
        data_dir=tmp_path / "var",
        shared_data=shared_data,
        store_url=f"{store['uri']}/wh",
        store_options=store["options"],
        require_api_key=False,
        tile_url="none",
    )
    load_reference(Warehouse.from_settings(s))
    with TestClient(create_app(s)) as client:
        assert client.get("/datasets").status_code == 200
        proc.kill()
        proc.wait(timeout=10)
        r = client.get("/datasets")
        assert client.get("/health").status_code == 200  # the service itself is alive
    assert r.status_code == 503 and r.headers["retry-after"] == "30"
    detail = r.json()["detail"]
    assert "Warehouse unavailable" in detail and "s3://haisi-outage/wh" in detail
    assert store["endpoint"] in detail and "haisi-test-secret" not in detail
