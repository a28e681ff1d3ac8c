"""Forecast, network and search routes return what the models and tables hold."""

from __future__ import annotations

import io
import time

import networkx as nx
import pytest
from haisi.models.forecast.service import series_history, stored_forecast
from haisi.models.network.queries import top_partners
from haisi.warehouse import Warehouse

SERIES = ["tourism/TWN/CNFOC/arrivals", "trade/CN-FJ/import/MYS/TOTAL"]


def test_forecast_job_runs_are_the_callers_and_publish_nothing(client, keys, demo_settings):
    h = {"X-API-Key": keys["analyst"]}
    wh = Warehouse(demo_settings.store_dir)
    before = wh.version("forecasts")
    r = client.post("/forecasts/jobs", json={"series_ids": [*SERIES, "trade/XX/bad"]}, headers=h)
    assert r.status_code == 400 and "series_ids.2" in r.json()["detail"]  # by the schema pattern
    r = client.post("/forecasts/jobs", json={"series_ids": SERIES}, headers=h)
    assert r.status_code == 202
    job_url = r.json()["status_url"]
    for _ in range(600):
        job = client.get(job_url, headers=h).json()
        if job["status"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert job["status"] == "done" and job["progress"] == 1.0
    assert set(job["result"]["runs"]) == set(SERIES) and job["result"]["failed"] == {}
    assert job["created_by"] == keys["analyst"].split(".")[0]
    assert wh.version("forecasts") == before  # nothing published
    for sid, run_id in job["result"]["runs"].items():
        got = client.get(f"/forecasts/runs/{run_id}", headers=h).json()
        assert got["status"] == "run" and got["series_id"] == sid
        assert got["created_by"] == keys["analyst"].split(".")[0]
        assert got["data_version"] == wh.dataset_version(sid.split("/")[0] + "_flows")
        assert set(got["backtest"]) == {"mase", "smape", "coverage80", "coverage95"}
        assert got["grade"] in ("A", "B", "C") and got["reason"]
        assert all(
            d["lo95"] <= d["lo80"] <= d["point"] <= d["hi80"] <= d["hi95"] for d in got["data"]
        )
    other = client.get(f"/forecasts/runs/{run_id}", headers={"X-API-Key": keys["researcher"]})
    assert other.status_code == 404  # another caller's run is not shown
    mine = client.get("/forecasts/runs", headers=h).json()["data"]
    assert {r["run_id"] for r in mine} >= set(job["result"]["runs"].values())


def test_run_does_not_replace_the_published_forecast(client, keys, demo_settings):
    """An analyst's run is stored as theirs; only the admin's publish makes a new version."""
    sid = "tourism/TWN/CNFOC/arrivals"
    wh = Warehouse(demo_settings.store_dir)
    analyst, admin = {"X-API-Key": keys["analyst"]}, {"X-API-Key": keys["admin"]}
    first = client.post(
        "/admin/forecasts/publish", json={"series_ids": [sid], "horizon": 8}, headers=admin
    )
    assert first.status_code == 200, first.text
    published = client.get("/forecasts/stored", params={"series_id": sid}, headers=analyst).json()
    assert published["status"] == "published" and published["grade"] in ("A", "B", "C")
    assert published["reason"] == stored_forecast(wh, sid)["reason"].iloc[0]
    ran = client.post(
        "/forecasts/run",
        json={"series_id": sid, "horizon": 6, "levels": [50, 80, 95]},
        headers=analyst,
    )
    assert ran.status_code == 202, ran.text  # the test client ran the job before returning
    run = client.get(ran.json()["result_url"], headers=analyst).json()
    assert run["status"] == "run" and run["count"] == 6 and run["run_id"] == ran.json()["run_id"]
    assert all(d["lo80"] <= d["lo50"] <= d["point"] <= d["hi50"] <= d["hi80"] for d in run["data"])
    again = client.get("/forecasts/stored", params={"series_id": sid}, headers=analyst).json()
    assert again == published  # the run changed nothing anyone else sees
    n_versions = len(
        client.get("/forecasts/versions", params={"series_id": sid}, headers=analyst).json()["data"]
    )
    denied = client.post(
        "/admin/forecasts/publish", json={"series_ids": [sid], "horizon": 6}, headers=analyst
    )
    assert denied.status_code == 403
    pub = client.post(
        "/admin/forecasts/publish", json={"series_ids": [sid], "horizon": 6}, headers=admin
    )
    assert pub.status_code == 200, pub.text
    new = client.get("/forecasts/stored", params={"series_id": sid}, headers=analyst).json()
    assert new["count"] == 6 and new["params"]["published_by"] == keys["admin"].split(".")[0]
    assert [d["point"] for d in new["data"]] == pytest.approx([d["point"] for d in run["data"]])
    versions = client.get("/forecasts/versions", params={"series_id": sid}, headers=analyst).json()[
        "data"
    ]
    assert (
        len(versions) == n_versions + 1
        and versions[0]["version"] == pub.json()["data"][0]["version"]
    )
    old = client.get(
        "/forecasts/stored",
        params={"series_id": sid, "version": versions[1]["version"]},
        headers=analyst,
    ).json()
    assert old["data"] == published["data"]  # the earlier version is kept


def test_chart_and_history(client, keys, demo_settings):
    h = {"X-API-Key": keys["analyst"]}
    sid = "trade/CN-FJ/export/ASEAN/TOTAL"
    pub = client.post(
        "/admin/forecasts/publish",
        json={"series_ids": [sid], "horizon": 6},
        headers={"X-API-Key": keys["admin"]},
    )
    assert pub.status_code == 200, pub.text
    svg = client.get("/forecasts/chart.svg", params={"series_id": sid}, headers=h)
    assert svg.headers["content-type"] == "image/svg+xml", svg.text
    for cls in ("history", "forecast", "pi80", "pi95"):
        assert f"class='{cls}'" in svg.text
    hist = client.get("/forecasts/history", params={"series_id": sid}, headers=h).json()
    exp = series_history(Warehouse(demo_settings.store_dir), sid)
    assert [d["period"] for d in hist["data"]] == list(exp["period"])
    missing = client.get("/forecasts/history", params={"series_id": "nope"}, headers=h)
    assert missing.status_code == 400 and "query.series_id" in missing.json()["detail"]
    unknown = client.get(
        "/forecasts/history", params={"series_id": "trade/CN-FJ/export/XXX/85"}, headers=h
    )
    assert unknown.status_code == 404  # well-formed but not in the warehouse: not found


def test_network_routes_match_the_queries(client, keys, demo_settings):
    h = {"X-API-Key": keys["customs"]}
    wh = Warehouse(demo_settings.store_dir)
    got = client.get(
        "/network/top-partners", params={"reporter": "CN-FJ", "period": "2024", "n": 5}, headers=h
    ).json()
    exp = top_partners(wh, reporter="CN-FJ", period="2024", n=5)
    assert [d["partner"] for d in got["data"]] == list(exp["partner"])
    assert [d["value"] for d in got["data"]] == pytest.approx(list(exp["value"]))
    g = nx.read_graphml(
        io.BytesIO(client.get("/network/export", params={"period": "2024"}, headers=h).content)
    )
    assert g.out_degree("CN-FJ") + g.in_degree("CN-FJ") == len(
        client.get(
            "/network/neighbours", params={"node": "CN-FJ", "period": "2024"}, headers=h
        ).json()["data"]
    )
    bad = client.get(
        "/network/top-partners", params={"reporter": "XXX", "period": "2024"}, headers=h
    )
    assert bad.status_code == 404
    assert bad.json()["detail"].startswith(
        "节点不在网络中 node 'XXX' is not in the network of 2024"
    )


def test_document_search_equals_a_scan(client, keys, demo_settings):
    docs = Warehouse(demo_settings.store_dir).scan("documents").to_pandas()
    word = "出口"
    exp = sorted(
        d
        for d, t, x in zip(docs["doc_id"], docs["title"], docs["text"])
        if word in (t or "") or word in (x or "")
    )
    got = client.get(
        "/documents/search", params={"q": word}, headers={"X-API-Key": keys["tourism"]}
    ).json()
    assert sorted(d["doc_id"] for d in got["data"]) == exp and exp
    none = client.get(
        "/documents/search", params={"q": "100%_"}, headers={"X-API-Key": keys["tourism"]}
    )
    assert none.json()["count"] == 0  # % and _ are literal, not wildcards


def test_forecast_run_answers_at_once_with_a_job(client, keys):
    """POST /forecasts/run does not fit inside the request: 202 with the job, 404 for no data."""
    h = {"X-API-Key": keys["analyst"]}
    sid = "tourism/TWN/CNFOC/arrivals"
    r = client.post("/forecasts/run", json={"series_id": sid, "horizon": 3}, headers=h)
    assert r.status_code == 202 and r.json()["status"] == "queued"
    job = client.get(r.json()["status_url"], headers=h).json()  # the test client ran the task
    assert job["status"] == "done" and job["result"]["runs"] == {sid: r.json()["run_id"]}
    assert client.get(r.json()["result_url"], headers=h).json()["series_id"] == sid
    none = client.post("/forecasts/run", json={"series_id": "trade/CN-FJ/export/XXX/85"}, headers=h)
    assert none.status_code == 404
