"""GACC online query against the mirror's capped query endpoint: split until nothing is cut off."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pandas as pd
import pytest
from haisi.crawlers.mirror import build, serve_background
from haisi.crawlers.spiders.gacc import split_query
from haisi.warehouse import Warehouse

from tests.crawlers.helpers import crawl_cmd, run

# the real platform cuts at 10,000; the real samples hold 24,418 rows, so 1,000 forces splits
CAP = 1000


def _source(shared: Path) -> pd.DataFrame:
    """Every row of the real GACC query CSVs, read independently of haisi's parsers."""
    frames = []
    for f in sorted((shared / "trade/gacc_query_samples").glob("*.csv")):
        df = pd.read_csv(
            f, dtype=str, encoding="gb18030", encoding_errors="replace", index_col=False
        )
        frames.append(df.assign(usd=pd.to_numeric(df["US dollar"].str.replace(",", ""))))
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def queried(tmp_path_factory: pytest.TempPathFactory, shared_data: Path):
    work = tmp_path_factory.mktemp("query")
    build(work / "mirror", source="shared", shared=shared_data, articles=2, query_cap=CAP)
    server = serve_background(work / "mirror", log=work / "requests.log")
    proc = run(
        crawl_cmd(
            "gacc",
            server.url,
            work,
            "-a",
            "query_years=2018,2019",
            "-s",
            f"HAISI_GACC_QUERY_CAP={CAP}",
            "-s",
            "LOG_LEVEL=INFO",
        ),
        timeout=240,
    )
    yield work, proc
    server.shutdown()


def test_split_query_covers_months_then_partners_then_hs_digits() -> None:
    q = {
        "iEType": "0",
        "year": "2019",
        "startMonth": "1",
        "endMonth": "12",
        "outerValue1": "",
        "outerValue2": "",
    }
    halves = split_query(q, ["502"])
    assert [(h["startMonth"], h["endMonth"]) for h in halves] == [("1", "6"), ("7", "12")]
    one = {**q, "endMonth": "1"}
    assert [p["outerValue1"] for p in split_query(one, ["210", "502"])] == ["210", "502"]
    assert [
        p["outerValue2"]
        for p in split_query({**one, "outerValue1": "502", "outerValue2": "85"}, [])
    ] == [f"85{d}" for d in range(10)]
    assert split_query({**one, "outerValue1": "502", "outerValue2": "85412100"}, []) == []


def test_stored_query_rows_equal_the_full_source_data(queried, shared_data: Path) -> None:
    work, _ = queried
    src = _source(shared_data)
    got = (
        Warehouse(work / "wh")
        .sql("select count(*) n, sum(value) v from trade_flows where hs_code <> 'TOTAL'")
        .to_pandas()
    )
    assert len(src) > 20 * CAP
    assert int(got.n[0]) == len(src)
    assert float(got.v[0]) == pytest.approx(float(src.usd.sum()), rel=1e-12)


def test_no_capped_result_is_stored_and_splits_are_counted(queried) -> None:
    work, proc = queried
    raw = (
        Warehouse(work / "wh")
        .sql("select raw from documents where url like '%downloadQueryData%'")
        .to_pandas()
        .raw
    )
    rows = [zlib.decompress(r).strip().count(b"\n") for r in raw]  # data lines after the header
    assert rows and max(rows) < CAP
    splits = int(re.search(r"'haisi/gacc_query_splits': (\d+)", proc.stderr)[1])
    capped = int(re.search(r"'haisi/gacc_query_capped': (\d+)", proc.stderr)[1])
    assert splits == capped > 0  # every capped answer was split, none was at the finest level
    assert "row_cap" not in proc.stderr
    log = (work / "requests.log").read_text()
    assert "startMonth=1&endMonth=6" in log  # split by month range,
    assert "endMonth=1&outerValue1=502&outerValue2= " in log  # then by partner,
    assert re.search(r"outerValue1=502&outerValue2=\d{3} 200", log)  # then by longer HS prefixes
