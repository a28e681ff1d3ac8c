"""Dataset catalogue and downloads: read back equals the warehouse, one version one set of bytes."""

from __future__ import annotations

import hashlib
import io
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest
from haisi.warehouse import Provenance, Warehouse
from haisi.warehouse.schemas import spec

from haisi.loading import load_reference

FILTER = {
    "reporter": "CN-FJ",
    "partner": "MYS",
    "period_from": "2024-01",
    "period_to": "2024-06",
    "hs": "8",
}


def _read(fmt: str, body: bytes) -> pd.DataFrame:
    if fmt == "csv":
        assert body.startswith(b"\xef\xbb\xbf")  # BOM: Excel on a Chinese desktop reads UTF-8
        return pd.read_csv(io.BytesIO(body), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    if fmt == "parquet":
        return pq.read_table(io.BytesIO(body)).to_pandas()
    if fmt == "ndjson":
        return pd.DataFrame([json.loads(line) for line in body.decode().splitlines()])
    return pd.DataFrame(json.loads(body)["data"])


def _expected(wh: Warehouse, version: int) -> pd.DataFrame:
    """The same rows straight from the warehouse (latest revision per key at that version)."""
    where = {
        "reporter": "CN-FJ",
        "partner": "MYS",
        "period": ("between", "2024-01", "2024-06"),
        "hs_code": ("prefix", "8"),
    }
    df = wh.scan("trade_flows", version=version, filters=where).to_pandas()
    return df.sort_values(list(spec("trade_flows").key)).reset_index(drop=True)


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json", "ndjson"])
def test_download_reads_back_equal_to_the_warehouse(client, keys, demo_settings, fmt):
    h = {"X-API-Key": keys["researcher"]}
    r = client.get("/datasets/trade_flows/download", params={"format": fmt, **FILTER}, headers=h)
    assert r.status_code == 200, r.text
    assert r.headers["x-content-sha256"] == hashlib.sha256(r.content).hexdigest()
    version = int(r.headers["x-dataset-version"].split("@v")[1])
    assert r.headers["x-citation"].endswith(f"SHA-256 {r.headers['x-content-sha256']}")
    assert f"trade_flows@v{version}" in r.headers["x-citation"]
    got = _read(fmt, r.content)
    exp = _expected(Warehouse(demo_settings.store_dir), version)
    assert len(got) == len(exp) > 0
    assert "key_hash" not in got.columns and "row_hash" not in got.columns
    for col in ("period", "partner", "hs_code", "flow", "source_id", "currency"):
        assert list(got[col].astype(str)) == list(exp[col].astype(str)), col
    assert [float(v) for v in got["value"]] == pytest.approx(
        list(exp["value"].astype(float)), rel=1e-12
    )


def test_catalogue_and_dictionary(client, keys, demo_settings):
    h = {"X-API-Key": keys["researcher"]}
    cat = client.get("/datasets", headers=h).json()
    wh = Warehouse(demo_settings.store_dir)
    byname = {d["name"]: d for d in cat["data"]}
    assert byname["trade_flows"]["dataset_version"] == wh.dataset_version("trade_flows")
    assert byname["trade_flows"]["period_min"] == "1976-01"  # SingStat in the starter set
    one = client.get("/datasets/tourism_flows", headers=h).json()
    t = spec("tourism_flows")
    assert [d["name"] for d in one["dictionary"]] == [c.name for c in t.all_columns]
    assert all(d["zh"] and d["en"] for d in one["dictionary"])
    assert one["licence"] == t.licence and one["history"][0]["version"] == one["version"]
    assert client.get("/datasets/nope", headers=h).json() == {
        "detail": "未知数据集 unknown dataset 'nope'",
        "kind": "not_found",
    }
    bad = client.get("/datasets/routes/download", params={"reporter": "CN-FJ"}, headers=h)
    assert bad.status_code == 400
    assert bad.json()["detail"] == (
        "筛选条件 reporter 不适用于 routes; filter 'reporter' does not apply "
        "to table 'routes' (no column 'reporter')"
    )


def test_same_version_same_bytes(settings, tmp_path):
    """Two downloads of a version are byte-identical, also rebuilt from scratch after new data."""
    from fastapi.testclient import TestClient
    from haisi.api.app import create_app

    wh = Warehouse(settings.store_dir)
    load_reference(wh)
    app = create_app(settings)
    secret = app.state.ops.create_key("researcher")[1]
    c = TestClient(app)
    h = {"X-API-Key": secret}
    v1 = wh.version("countries")
    first = {
        f: c.get("/datasets/countries/download", params={"format": f}, headers=h).content
        for f in ("csv", "parquet", "json", "ndjson")
    }
    # a revision of one real row makes a new version
    row = wh.scan("countries", filters={"iso3": "MYS"}).to_pandas()
    cols = spec("countries").domain_names
    changed = row[cols].assign(name_en="Malaysia (revised label)")
    wh.append(
        "countries",
        changed,
        provenance=Provenance("test", "test:revision", "rev-1", classification="public"),
    )
    assert wh.version("countries") == v1 + 1
    for cached in (settings.data_dir / "downloads").iterdir():
        cached.unlink()  # rebuilt, not served from the cache
    for f, body in first.items():
        again = c.get(
            "/datasets/countries/download", params={"format": f, "version": v1}, headers=h
        )
        assert again.content == body, f
        newer = c.get("/datasets/countries/download", params={"format": f}, headers=h)
        assert newer.headers["x-dataset-version"] == f"countries@v{v1 + 1}"
        assert newer.content != body
    gone = c.get("/datasets/countries/download", params={"version": v1 + 5}, headers=h)
    assert gone.status_code == 404
    assert gone.json()["detail"] == (
        f"版本不存在 dataset 'countries' has no version {v1 + 5}; versions 1..{v1 + 1}"
    )
