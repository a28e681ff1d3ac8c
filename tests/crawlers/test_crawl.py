"""``haisi crawl all`` against a fault-injecting mirror built from the real shared data."""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path

import pandas as pd
import pytest
from haisi.crawlers.feeds.gacc import GaccCsvFeed
from haisi.crawlers.mirror import build, serve_background
from haisi.warehouse import Warehouse
from haisi.warehouse.ops import OpsDB

from tests.crawlers.helpers import HAISI, crawl_cmd, run


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory, shared_data: Path):
    work = tmp_path_factory.mktemp("crawl")
    build(work / "mirror", source="shared", shared=shared_data, articles=12, faults=True)
    server = serve_background(work / "mirror", log=work / "requests.log")
    proc = run(crawl_cmd("all", server.url, work))
    yield work, server, proc
    server.shutdown()


def test_scrapy_list_shows_every_spider() -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [str(Path(sys.executable).parent / "scrapy"), "list"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        check=True,
    ).stdout.split()
    assert out == [
        "comtrade",
        "fuzhou_customs",
        "fuzhou_ftz",
        "gacc",
        "taiwan_opendata",
        "xiamen_customs",
    ]


def test_bad_pages_are_counted_by_reason_and_the_crawl_goes_on(crawled) -> None:
    work, _, _ = crawled
    runs = {r["spider"]: r for r in OpsDB(work / "ops.sqlite").crawl_runs()}
    assert {r["status"] for r in runs.values()} == {"finished"}
    errors = {s: json.loads(r["errors"]) for s, r in runs.items()}
    assert errors["fuzhou_customs"] == {"http_404": 1, "http_500": 1}
    assert errors["xiamen_customs"] == {"truncated": 1, "wrong_encoding": 1}
    assert errors["fuzhou_ftz"] == {"oversize": 1, "broken_html": 1}
    assert errors["taiwan_opendata"] == {"rejected": 1}
    assert errors["gacc"] == {
        "merged_cells": 3,
        "footnote_marks": 3,
        "html_not_csv": 1,
        "robots_disallowed": 1,
    }
    assert errors["comtrade"] == {}
    # every good article was stored in spite of the bad ones
    wh = Warehouse(work / "wh")
    docs = (
        wh.sql("select source_id, count(*) n from documents group by 1")
        .to_pandas()
        .set_index("source_id")
        .n
    )
    assert docs["fuzhou_customs"] == 12 and docs["fuzhou_ftz"] == 13  # 12 + the slow page, retried
    assert docs["xiamen_customs"] == 13  # 12 + the wrongly declared page, read in its real encoding


def test_politeness_robots_user_agent_and_retries(crawled) -> None:
    work, _, _ = crawled
    log = (work / "requests.log").read_text()
    assert "/private/" not in log  # robots.txt obeyed
    assert log.count("GET /fuzhou_customs/art/f500.html 500") == 4  # 1 + RETRY_TIMES, then given up
    assert log.count("GET /fuzhou_ftz/art/fslow.html 200") == 2  # timed out once, then retried
    # the 429 on the Comtrade query was retried and its data stored
    assert "reporterCode=156 429" in log and "period=2010&reporterCode=156 200" in log
    # Taiwan's "Request Rejected" 200 pages were retried, never stored
    wh = Warehouse(work / "wh")
    raw = wh.sql("select raw from documents where source_id = 'tw_opendata'").to_pandas().raw
    assert not any(b"Request Rejected" in zlib.decompress(r) for r in raw)


def test_wrong_encoding_page_is_read_in_its_real_encoding(crawled) -> None:
    work, _, _ = crawled
    text = (
        Warehouse(work / "wh")
        .sql("select text from documents where url like '%fenc.html'")
        .to_pandas()
        .text[0]
    )
    assert "福州海关统计" in text


def test_gacc_release_tables_equal_the_query_csv_totals(crawled, shared_data: Path) -> None:
    work, _, _ = crawled
    wh = Warehouse(work / "wh")
    got = wh.sql(
        "select period, partner, flow, value from trade_flows where source_id='gacc' and "
        "hs_code='TOTAL' and partner <> 'W00'"
    ).to_pandas()
    frames = []
    for f in (shared_data / "trade/gacc_query_samples").glob("*.csv"):
        df = pd.read_csv(f, dtype=str, index_col=False)
        flow = "export" if "_exports_" in f.name else "import"
        frames.append(
            pd.DataFrame(
                {
                    "period": df["Date of data"].str[:4] + "-" + df["Date of data"].str[4:],
                    "name": df["Trading partner"],
                    "flow": flow,
                    "value": df["US dollar"].str.replace(",", "").astype(float),
                }
            )
        )
    want = pd.concat(frames).groupby(["period", "name", "flow"]).value.sum().round()
    assert sorted(got.value.round()) == sorted(want)
    assert set(
        wh.sql("select vintage from trade_flows where source_id='gacc' and hs_code='TOTAL'")
        .to_pandas()
        .vintage
    ) == {"preliminary"}


def test_gacc_query_pages_are_parsed_and_stored(crawled, shared_data: Path) -> None:
    work, _, _ = crawled
    wh = Warehouse(work / "wh")
    page = (
        shared_data
        / "trade/gacc_query_samples/gacc_query_result_page_sample_exports_usa_2019-01.html"
    ).read_text()
    n_html = len(re.findall(r"<tr[^>]*>\s*<td", page))
    got = (
        wh.sql(
            "select source_uri, count(*) n from trade_flows "
            "where source_id='gacc' and hs_code <> 'TOTAL' "
            "group by 1"
        )
        .to_pandas()
        .set_index("source_uri")
        .n
    )
    html_rows = got[[u for u in got.index if u.endswith(".html")]].sum()
    assert html_rows == n_html
    ceuta = (
        shared_data
        / "trade/gacc_query_samples/gacc_china_exports_to_ceuta_2018-10_hs8_by_regime.csv"
    )
    want = GaccCsvFeed("gacc-csv", "export").parse(ceuta.read_bytes(), source_uri=ceuta.name).rows
    assert got[[u for u in got.index if u.endswith(ceuta.name)]].sum() == len(want)


def test_raw_pages_are_kept_compressed_with_provenance(crawled) -> None:
    work, _, _ = crawled
    wh = Warehouse(work / "wh")
    doc = (
        wh.sql(
            "select url, raw, content_hash, fetched_at from documents "
            "where source_id='fuzhou_customs' "
            "limit 1"
        )
        .to_pandas()
        .iloc[0]
    )
    rel = doc.url.split("/", 3)[3]
    served = (work / "mirror" / rel).read_bytes()
    import hashlib

    assert zlib.decompress(doc.raw) == served
    assert doc.content_hash == hashlib.sha256(served).hexdigest()
    assert doc.fetched_at is not None


def test_taiwan_csv_resources_big5_and_utf8_are_stored(crawled, shared_data: Path) -> None:
    work, _, _ = crawled
    real = pd.read_csv(
        shared_data / "trade/taiwan_hs8542_exports/taiwan_exports_by_country_2013_2025.csv",
        dtype=str,
        encoding="utf-8-sig",
    )
    got = (
        Warehouse(work / "wh")
        .sql(
            "select period, sum(value) v from trade_flows "
            "where source_id='tw_opendata' and reporter='TWN' "
            "and partner <> 'W00' group by 1 order by 1"
        )
        .to_pandas()
    )
    assert set(got.period) == set(real.Year)


def test_status_lists_the_runs(crawled) -> None:
    work, _, _ = crawled
    out = run([HAISI, "crawl", "--status", "--ops-db", str(work / "ops.sqlite")]).stdout
    assert "gacc" in out and "finished" in out


def test_taiwan_visitor_arrivals_by_residence_are_stored_as_tourism_flows(crawled) -> None:
    """The 來臺旅客按居住地分 resource (Big5, ROC years) → tourism_flows;
    港澳 is reported, not guessed."""
    import io

    from haisi.crawlers.mirror.build import _taiwan_visitors_sample

    work, _, _ = crawled
    ((_, data, enc),) = _taiwan_visitors_sample()
    src = pd.read_csv(io.BytesIO(data), encoding=enc, dtype={"年別": int, "月別": int})
    src = src[src["居住地"] != "港澳"]
    want = src.groupby("年別")["人次"].sum().rename(lambda y: str(y + 1911)).to_dict()
    got = (
        Warehouse(work / "wh")
        .sql(
            "select substr(period, 1, 4) y, sum(value) v, count(*) n from tourism_flows "
            "where source_id='tw_opendata' and destination='TWN' and measure='arrivals' group by 1"
        )
        .to_pandas()
    )
    assert dict(zip(got.y, got.v)) == want
    assert got.n.sum() == len(src)
    origins = (
        Warehouse(work / "wh")
        .sql("select distinct origin from tourism_flows where source_id='tw_opendata'")
        .column("origin")
    )
    assert {"JPN", "CHN", "VNM"} <= set(origins.to_pylist())
