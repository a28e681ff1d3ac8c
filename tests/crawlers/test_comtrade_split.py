"""Comtrade: a capped response is asked again per partner; the capped page is never stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from haisi.crawlers.mirror import build, serve_background
from haisi.warehouse import Warehouse
from haisi.warehouse.ops import OpsDB

from tests.crawlers.helpers import crawl_cmd, run


def test_capped_response_is_split_per_partner(tmp_path: Path, shared_data: Path) -> None:
    fixture = json.loads(
        (
            shared_data / "trade/api_fixtures/comtrade/"
            "comtrade_v1_get_C_A_HS_chn_imports_2010_sample.json"
        ).read_text()
    )
    records = fixture["data"]
    partners = sorted({r["partnerCode"] for r in records})
    assert len(partners) > 1
    build(tmp_path / "mirror", source="shared", shared=shared_data, articles=2)
    server = serve_background(tmp_path / "mirror", log=tmp_path / "requests.log")
    try:
        # a cap equal to the record count marks the whole-period answer as cut off
        run(crawl_cmd("comtrade", server.url, tmp_path, "-a", f"cap={len(records)}"))
    finally:
        server.shutdown()
    log = (tmp_path / "requests.log").read_text().splitlines()
    base = "GET /comtrade/data/v1/get/C/A/HS?"
    assert log.count(f"{base}period=2010&reporterCode=156 200") == 1
    for p in partners:
        assert log.count(f"{base}partnerCode={p}&period=2010&reporterCode=156 200") == 1
    wh = Warehouse(tmp_path / "wh")
    urls = wh.sql("select url from documents where source_id = 'un_comtrade'").to_pandas().url
    assert all("partnerCode=" in u for u in urls) and len(urls) == len(
        partners
    )  # capped page not stored
    got = wh.sql("select count(*) n, sum(value) v from trade_flows").to_pandas()
    assert int(got.n[0]) == len(records)
    assert float(got.v[0]) == pytest.approx(sum(r["primaryValue"] for r in records), rel=1e-12)
    runs = OpsDB(tmp_path / "ops.sqlite").crawl_runs()
    assert [json.loads(r["errors"]) for r in runs] == [{}]
