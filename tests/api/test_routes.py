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


def test_forecast_job_runs_in_background_and_stores(client, keys, demo_settings):
    h = {"X-API-Key": keys["analyst"]}
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
    assert job["result"] == {"done": SERIES, "failed": {}}
    assert job["created_by"] == keys["analyst"].split(".")[0]
    wh = Warehouse(demo_settings.store_dir)
    for sid in SERIES:
        rows = stored_forecast(wh, sid)
        got = client.get("/forecasts/stored", params={"series_id": sid}, headers=h).json()
        assert [d["point"] for d in got["data"]] == pytest.approx(list(rows["point"]))
        assert got["data_version"] == rows["data_version"].iloc[0]
        assert set(got["backtest"]) == {"mase", "smape", "coverage80", "coverage95"}
        assert all(d["lo95"] <= d["lo80"] <= d["point"] <= d["hi80"] <= d["hi95"] for d in got["data"])


def test_chart_and_history(client, keys, demo_settings):
    h = {"X-API-Key": keys["analyst"]}
    sid = "trade/CN-FJ/export/ASEAN/TOTAL"
    client.post("/forecasts/run", json={"series_id": sid}, headers=h)
    svg = client.get("/forecasts/chart.svg", params={"series_id": sid}, headers=h)
    assert svg.headers["content-type"] == "image/svg+xml"
    for cls in ("history", "forecast", "pi80", "pi95"):
        assert f"class='{cls}'" in svg.text
    hist = client.get("/forecasts/history", params={"series_id": sid}, headers=h).json()
    exp = series_history(Warehouse(demo_settings.store_dir), sid)
    assert [d["period"] for d in hist["data"]] == list(exp["period"])
    missing = client.get("/forecasts/history", params={"series_id": "nope"}, headers=h)
    assert missing.status_code == 400 and "query.series_id" in missing.json()["detail"]
    unknown = client.get("/forecasts/history", params={"series_id": "trade/CN-FJ/export/XXX/85"},
                         headers=h)
    assert unknown.status_code == 404  # well-formed but not in the warehouse: not found


def test_network_routes_match_the_queries(client, keys, demo_settings):
    h = {"X-API-Key": keys["customs"]}
    wh = Warehouse(demo_settings.store_dir)
    got = client.get("/network/top-partners", params={"reporter": "CN-FJ", "period": "2024", "n": 5},
                     headers=h).json()
    exp = top_partners(wh, reporter="CN-FJ", period="2024", n=5)
    assert [d["partner"] for d in got["data"]] == list(exp["partner"])
    assert [d["value"] for d in got["data"]] == pytest.approx(list(exp["value"]))
    g = nx.read_graphml(io.BytesIO(client.get("/network/export", params={"period": "2024"},
                                              headers=h).content))
    assert g.out_degree("CN-FJ") + g.in_degree("CN-FJ") == len(client.get(
        "/network/neighbours", params={"node": "CN-FJ", "period": "2024"}, headers=h).json()["data"])
    bad = client.get("/network/top-partners", params={"reporter": "XXX", "period": "2024"}, headers=h)
    assert bad.status_code == 404
    assert bad.json()["detail"].startswith("节点不在网络中 node 'XXX' is not in the network of 2024")


def test_document_search_equals_a_scan(client, keys, demo_settings):
    docs = Warehouse(demo_settings.store_dir).scan("documents").to_pandas()
    word = "出口"
    exp = sorted(d for d, t, x in zip(docs["doc_id"], docs["title"], docs["text"])
                 if word in (t or "") or word in (x or ""))
    got = client.get("/documents/search", params={"q": word}, headers={"X-API-Key": keys["tourism"]}).json()
    assert sorted(d["doc_id"] for d in got["data"]) == exp and exp
    none = client.get("/documents/search", params={"q": "100%_"}, headers={"X-API-Key": keys["tourism"]})
    assert none.json()["count"] == 0  # % and _ are literal, not wildcards


def test_forecast_run_answers_at_once_with_a_job(client, keys):
    """POST /forecasts/run does not fit inside the request: 202 with the job, 404 for no data."""
    h = {"X-API-Key": keys["analyst"]}
    sid = "tourism/TWN/CNFOC/arrivals"
    r = client.post("/forecasts/run", json={"series_id": sid, "horizon": 3}, headers=h)
    assert r.status_code == 202 and r.json()["status"] == "queued"
    job = client.get(r.json()["status_url"], headers=h).json()  # the test client ran the task
    assert job["status"] == "done" and job["result"]["done"] == [sid]
    assert client.get(r.json()["result_url"], headers=h).json()["series_id"] == sid
    none = client.post("/forecasts/run", json={"series_id": "trade/CN-FJ/export/XXX/85"},
                       headers=h)
    assert none.status_code == 404
