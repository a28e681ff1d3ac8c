"""Canaries: unique values planted in restricted cells never reach a non-customs caller.

A store with the demo data gets restricted rows whose values appear nowhere else: trade cells that
disclosure control must suppress (two declarants; one declarant with 91 %), a visitor count and a
document from an unregistered (so restricted) customs source, and network metrics stored from the
full view. Then every route of the OpenAPI description (and the dashboard pages) is called, for
each parameter set below, by an analyst, a researcher, a tourism key and an anonymous demo caller;
no response body may hold a canary. Customs and admin keys do see them (the search can find them).
"""

from __future__ import annotations

import io
import itertools
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest
from haisi.warehouse import Provenance, Warehouse
from haisi.warehouse.schemas import spec

from haisi.loading import load_reference, load_samples
from haisi.settings import Settings
from tests.warehouse.test_disclosure import _lone, _relations_here

CANARIES = ("918726354", "617283945", "7319462", "CANARY-DOC-5839")
SERIES = ["trade/CN-FJ/export/USA/85", "trade/CN-FJ/import/JPN/84", "tourism/TWN/CNFOC/arrivals"]
# values tried for each parameter name (each alternative is sent with the first of the others)
VALUES: dict[str, list] = {
    "series_id": SERIES,
    "q": ["出口", "CANARY"],
    "period": ["2025-06", "2025-03", "2025"],
    "period_a": ["2025-05"],
    "period_b": ["2025-06"],
    "reporter": ["CN-FJ"],
    "partner": ["USA", "JPN"],
    "hs": ["85", "84"],
    "year": [2025],
    "flow": ["export", "import"],
    "product": ["TOTAL", "85"],
    "node": ["CN-FJ"],
    "nodes": ["CN-FJ,USA,JPN"],
    "origin": ["TWN"],
    "destination": ["CNFOC"],
    "measure": ["arrivals"],
    "period_from": ["2025-01"],
    "period_to": ["2025-12"],
    "language": ["zh"],
    "limit": [1000],
    "n": [50],
}


def _sample(tbl, period, partner, flow, hs):
    return tbl[
        (tbl.period == period) & (tbl.partner == partner) & (tbl.flow == flow) & (tbl.hs_code == hs)
    ].copy()


@pytest.fixture(scope="module")
def planted(tmp_path_factory, shared_data) -> Settings:
    """A demo store with restricted canaries, served with keys optional (anonymous demo too)."""
    from haisi.models.network.selection import Selection
    from haisi.models.network.stored import ensure_metrics

    from haisi.samples import SAMPLE_CUSTOMS_SOURCE, generate

    s = Settings(
        data_dir=tmp_path_factory.mktemp("canary") / "var",
        shared_data=shared_data,
        tile_url="none",
        rate_limit_per_minute=1_000_000,
        require_api_key=False,
    )
    wh = Warehouse(s.store_dir)
    load_reference(wh)
    load_samples(wh)
    trade = generate().trade_flows
    few = _sample(trade, "2025-06", "USA", "export", "85").assign(
        value=9187263544.37, contributors=2, top_share=0.7
    )
    dominant = _sample(trade, "2025-03", "JPN", "import", "84").assign(
        value=6172839451.29, contributors=40, top_share=0.91
    )
    wh.append(
        "trade_flows",
        pd.concat([few, dominant]),
        provenance=Provenance(SAMPLE_CUSTOMS_SOURCE, "canary", "canary-trade"),
    )
    secret = Provenance("customs-declarations", "canary", "canary-other")
    wh.append(
        "tourism_flows",
        pd.DataFrame(
            [
                {
                    "period": "2025-06",
                    "frequency": "M",
                    "origin": "TWN",
                    "destination": "CNFOC",
                    "measure": "arrivals",
                    "purpose": "",
                    "mode": "sea",
                    "value": 7319462.0,
                    "unit": "persons",
                    "series_label": "CANARY-DOC-5839",
                }
            ]
        ),
        provenance=secret,
    )
    wh.append(
        "documents",
        pd.DataFrame(
            [
                {
                    "doc_id": "canary-1",
                    "url": "internal://canary",
                    "title": "出口 CANARY-DOC-5839",
                    "language": "zh",
                    "published": "2025-07-01",
                    "fetched_at": pd.Timestamp.now(tz="UTC"),
                    "text": "内部资料 出口 CANARY-DOC-5839 金额 918726354437",
                    "raw": None,
                    "raw_encoding": None,
                }
            ]
        ),
        provenance=secret,
    )
    for period in ("2025-06", "2025-03"):
        ensure_metrics(wh, Selection(period, "total", "TOTAL"), store=True)
    return s


@pytest.fixture(scope="module")
def served(planted):
    from fastapi.testclient import TestClient
    from haisi.api.app import create_app

    app = create_app(planted)
    keys = {
        r: app.state.ops.create_key(r, f"canary {r}")[1]
        for r in ("analyst", "researcher", "tourism", "customs", "admin")
    }
    with TestClient(app) as client:
        job = client.post(
            "/forecasts/jobs",
            json={"series_ids": SERIES[:2], "horizon": 2},
            headers={"X-API-Key": keys["analyst"]},
        )
        assert job.status_code == 202
        yield app, client, keys, job.json()["job_id"]


def _text(resp) -> str:
    """The body as text; a Parquet download as the text of its rows."""
    if resp.headers.get("content-type", "").startswith("application/vnd.apache.parquet"):
        return json.dumps(pq.read_table(io.BytesIO(resp.content)).to_pylist(), default=str)
    return resp.content.decode("utf-8", "replace")


def _requests(app, job_id: str) -> list[tuple[str, str, dict]]:
    """(method, path, params) for every GET route of the OpenAPI description and the dashboard."""
    from haisi.maps.layers import LAYERS
    from haisi.warehouse.schemas import TABLES

    out = []
    for path, ops in app.openapi()["paths"].items():
        op = ops.get("get")
        if op is None:
            continue
        params = [p for p in op.get("parameters", []) if p["in"] == "query"]
        enums = {p["name"]: p["schema"].get("enum") for p in params if p["schema"].get("enum")}
        paths = [path]
        if "{layer}" in path:
            paths = [path.replace("{layer}", k) for k in LAYERS]
        elif "{name}" in path:
            paths = [path.replace("{name}", t) for t in TABLES]
        elif "{job_id}" in path:
            paths = [path.replace("{job_id}", job_id)]
        for concrete in paths:
            names = [p["name"] for p in params]
            if "/maps/" in concrete:  # a layer takes only its own parameters
                layer = concrete.split("/")[-1].rsplit(".", 1)[0]
                names = [n for n in names if n in _layer_params(LAYERS[layer])]
            choices = {n: enums.get(n) or VALUES.get(n) for n in names}
            choices = {n: v for n, v in choices.items() if v}
            base = {n: v[0] for n, v in choices.items()}
            out.append(("GET", concrete, base))
            for n, vs in choices.items():
                out.extend(("GET", concrete, {**base, n: v}) for v in vs[1:])
    for sid in SERIES:
        out.append(("GET", "/ui/forecasts", {"series_id": sid}))
    out += [("GET", "/ui", {}), ("GET", "/ui/datasets", {}), ("GET", "/ui/maps", {})]
    return out


def _layer_params(fn) -> set[str]:
    import inspect

    return set(inspect.signature(fn).parameters) - {"wh"}


@pytest.mark.parametrize("role", ["analyst", "researcher", "tourism", None])
def test_no_canary_reaches_a_non_customs_caller(served, role) -> None:
    app, client, keys, job_id = served
    headers = {"X-API-Key": keys[role]} if role else {}
    ok, leaks = 0, []
    for method, path, params in _requests(app, job_id):
        resp = client.request(method, path, params=params, headers=headers)
        assert resp.status_code < 500, (path, params, resp.text[:300])
        ok += resp.status_code == 200
        body = _text(resp)
        leaks += [(path, params, c) for c in CANARIES if c in body]
    assert not leaks, leaks
    # the routes really answered (tourism reaches maps and documents only), so bodies were searched
    assert ok >= (12 if role == "tourism" else 30), ok


def test_kept_answers_of_cleared_roles_never_reach_other_roles(served) -> None:
    """Customs and admin ask every route first, so their answers (canaries in them) are kept
    (``api.answers``); then each other role asks every route twice, the second time from its own
    kept answers: no canary reaches it."""
    app, client, keys, job_id = served
    reqs = _requests(app, job_id)
    for role in ("customs", "admin"):
        for method, path, params in reqs:
            client.request(method, path, params=params, headers={"X-API-Key": keys[role]})
    kept = [e.body.decode() for e in app.state.answers._data.values()]
    assert any(c in body for body in kept for c in CANARIES)  # the canaries are in the store
    leaks, repeated, served = [], 0, 0
    for role in ("analyst", "researcher", "tourism"):
        for again in (False, True):
            before = app.state.answers.served
            for method, path, params in reqs:
                h = {"X-API-Key": keys[role]}
                resp = client.request(method, path, params=params, headers=h)
                leaks += [(role, path, params, c) for c in CANARIES if c in _text(resp)]
                kept_form = "etag" in resp.headers and "no-cache" in resp.headers["cache-control"]
                repeated += again and kept_form  # downloads have ETags too, with max-age
            served += (app.state.answers.served - before) if again else 0
    assert not leaks, leaks
    assert repeated >= 30 and served == repeated  # every repeated answer came from kept bytes


def test_the_search_finds_canaries_for_customs_and_admin(served) -> None:
    """Positive control: the cleared roles get the restricted rows, canaries and all."""
    _, client, keys, _ = served
    dl = client.get(
        "/datasets/trade_flows/download",
        params={"format": "csv", "period_from": "2025-03", "period_to": "2025-06"},
        headers={"X-API-Key": keys["customs"]},
    )
    assert dl.status_code == 200 and "918726354" in dl.text and "617283945" in dl.text
    hist = client.get(
        "/forecasts/history", params={"series_id": SERIES[0]}, headers={"X-API-Key": keys["admin"]}
    )
    assert "918726354" in hist.text
    docs = client.get(
        "/documents/search", params={"q": "CANARY"}, headers={"X-API-Key": keys["admin"]}
    )
    assert "CANARY-DOC-5839" in docs.text


def test_public_downloads_hold_no_restricted_or_suppressed_rows(served) -> None:
    """Researchers get trade cells that passed disclosure control, no restricted network metrics,
    every row with its source id; the dataset page says what was suppressed and why."""
    _, client, keys, _ = served
    h = {"X-API-Key": keys["researcher"]}
    rows = client.get("/datasets/trade_flows/download", params={"format": "json"}, headers=h).json()
    data = rows["data"]
    assert data and all(r["source_id"] and r["classification"] == "public" for r in data)
    assert all(r["contributors"] is None and r["top_share"] is None for r in data)
    cells = {(r["period"], r["partner"], r["flow"], r["hs_code"]) for r in data}
    assert ("2025-06", "USA", "export", "85") not in cells
    assert ("2025-03", "JPN", "import", "84") not in cells
    metrics = client.get(
        "/datasets/network_metrics/download", params={"format": "json"}, headers=h
    ).json()["data"]
    assert metrics == []
    page = client.get("/datasets/trade_flows", headers=h).json()
    assert page["classification"] == "restricted" and page["access"] == "disclosure-controlled"
    sdc = page["disclosure_control"]
    reasons = {r["reason"]: r["cells"] for r in sdc["by_reason"]}
    assert reasons["threshold"] >= 1 and reasons["dominance"] >= 1 and reasons["secondary"] >= 1
    assert sdc["suppressed"] == sum(reasons.values())
    # the cells withheld from the researcher are exactly those the page counts
    full = client.get(
        "/datasets/trade_flows/download",
        params={"format": "json"},
        headers={"X-API-Key": keys["customs"]},
    ).json()["data"]
    restricted = [r for r in full if r["classification"] == "restricted"]
    assert len(restricted) - len(data) == sdc["suppressed"] == sdc["cells"] - len(data)
    # the page names every hierarchy protected, and no published total, at any level of any of
    # them, leaves exactly one hidden part among the cells the customs key sees
    assert {h["column"] for h in sdc["hierarchies"]} >= {"hs_code", "partner", "period"}
    key = ["period", "reporter", "partner", "flow", "hs_code", "hs_revision", "regime", "mode"]
    cells = pd.DataFrame(restricted)
    shown = {tuple(r[k] for k in key) for r in data}
    hidden = ~pd.Series(list(map(tuple, cells[key].to_numpy()))).isin(shown).to_numpy()
    assert hidden.sum() == sdc["suppressed"]
    assert _lone(_relations_here(cells, spec("trade_flows").extra["disclosure"]), hidden) == []
    # the HTML dataset page says it in words: the reasons and the hierarchies
    page_html = client.get("/datasets/trade_flows", headers={**h, "Accept": "text/html"}).text
    for r in sdc["by_reason"]:
        assert r["text"] in page_html
    assert "HS8 → HS6 → HS4 → HS2 → 总计" in page_html and "月 → 季 → 年" in page_html


def test_catalogue_and_sources_carry_classification(served) -> None:
    _, client, keys, _ = served
    cat = client.get("/datasets", headers={"X-API-Key": keys["researcher"]}).json()["data"]
    by = {d["name"]: d for d in cat}
    assert all(d["classification"] in ("public", "restricted") for d in cat)
    assert by["trade_flows"]["classification"] == "restricted"
    assert by["countries"]["classification"] == "public" and by["countries"]["access"] == "full"
    assert by["tourism_flows"]["access"] == "restricted-withheld"
    assert (
        client.get("/datasets", headers={"X-API-Key": keys["customs"]}).json()["data"][0]["access"]
        == "full"
    )
    src = client.get("/admin/sources", headers={"X-API-Key": keys["admin"]}).json()["data"]
    cls = {s["source_id"]: s["classification"] for s in src}
    assert cls["sample-customs"] == "restricted" and cls["sample"] == "public"
    assert cls["gacc"] == cls["un_comtrade"] == cls["singstat"] == cls["tw_mof_customs"] == "public"
    assert cls["customs-declarations"] == "restricted"  # unregistered: fails closed
    assert cls["models.network"] == "restricted"  # derived from restricted trade cells
    denied = client.get("/admin/sources", headers={"X-API-Key": keys["researcher"]})
    assert denied.status_code == 403


def test_a_get_never_writes_a_table(served) -> None:
    """GET /network/metrics computes a missing selection on demand and stores nothing."""
    app, client, keys, _ = served
    wh = app.state.warehouse
    before = {t: wh.version(t) for t in ("network_metrics", "network_summaries")}
    for period, flow in itertools.product(("2024", "2025-01"), ("export", "total")):
        r = client.get(
            "/network/metrics",
            params={"period": period, "flow": flow},
            headers={"X-API-Key": keys["customs"]},
        )
        assert r.status_code == 200 and r.json()["count"] > 0
    assert {t: wh.version(t) for t in before} == before
