"""Truncated copies of real files, cut anywhere (inside the last field, without the final line
break, inside a multi-byte character): each is refused, or, when the cut falls exactly at a line
end, gives only rows that equal the same rows of the whole file. No cut value is ever stored."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from haisi.crawlers.feeds.registry import get_feed
from haisi.warehouse import Warehouse
from haisi.warehouse.schemas import spec
from typer.testing import CliRunner

from haisi.cli import app

TW = "trade/taiwan_hs8542_exports"
CT = "trade/api_fixtures/comtrade"
CASES = [  # (format, file, lines kept as the "whole" file)
    ("taiwan-exports-by-country", f"{TW}/taiwan_exports_by_country_2013_2025.csv", 120),
    ("taiwan-exports-totals", f"{TW}/taiwan_exports_8542_2013_2025.csv", 120),
    ("comtrade-csv", f"{TW}/ic_exports_world_HS8542_raw.csv", 120),
    ("comtrade-csv", f"{CT}/comtradr_parsed_example_3.csv", 120),
    (
        "gacc-csv-import",
        "trade/gacc_query_samples/gacc_china_imports_from_usa_2019-01_hs8_by_regime.csv",
        120,
    ),
    (
        "gacc-html-export",
        "trade/gacc_query_samples/gacc_query_result_page_sample_exports_usa_2019-01.html",
        0,
    ),
    (
        "china-bilateral-monthly",
        "trade/china_bilateral_monthly/china_bilateral_monthly_2001-01_2017-12.csv",
        120,
    ),
    (
        "singstat-monthly",
        "trade/singstat_monthly_by_market/"
        "singstat_merchandise_trade_by_market_monthly_1976-01_2020-12.csv",
        120,
    ),
    ("gravity-hmr", "trade/hmr_gravity_excerpt/gravity_zeros.csv", 120),
    ("tourism-aus-arrivals", "tourism/aus-inbound-outbound/inbound_train.csv", 120),
    ("comtrade-json", f"{CT}/comtrade_v1_get_C_A_HS_chn_imports_2010_sample.json", 0),
]


def _whole(shared_data: Path, rel: str, lines: int) -> bytes:
    raw = shared_data.joinpath(rel).read_bytes()
    if not lines:
        return raw
    return b"".join(raw.splitlines(keepends=True)[: lines + 1])


def _cuts(raw: bytes) -> list[int]:
    """Cut points: inside the last field of rows (1–4 bytes before a line end), at line ends,
    right after a line break, inside a multi-byte character, and spread through the file."""
    ends = [i for i, b in enumerate(raw) if b == 0x0A][1:]  # after the header
    picks = ends[:: max(1, len(ends) // 6)]
    cuts = {c - k for c in picks for k in (1, 2, 3, 4)} | set(picks) | {c + 1 for c in picks}
    cuts |= set(range(len(raw) // 3, len(raw), max(1, len(raw) // 23)))
    multi = [i for i, b in enumerate(raw) if b >= 0xC0][:3]
    cuts |= {m + 1 for m in multi}
    return sorted(c for c in cuts if 0 < c < len(raw) - 1)


@pytest.mark.parametrize(
    ("fmt", "rel", "lines"), CASES, ids=[f"{c[0]}:{Path(c[1]).name}" for c in CASES]
)
def test_no_cut_value_is_ever_accepted(fmt: str, rel: str, lines: int, shared_data: Path) -> None:
    feed = get_feed(fmt)
    raw = _whole(shared_data, rel, lines)
    full = feed.parse(raw, source_uri="whole")
    assert not full.errors, full.errors[:3]
    key = list(spec(feed.table).key)
    whole = full.rows.astype(str).set_index(key)
    for cut in _cuts(raw):
        part = feed.parse(raw[:cut], source_uri=f"cut{cut}")
        if part.errors:
            continue
        got = part.rows.astype(str).set_index(key)
        assert got.index.isin(whole.index).all(), f"cut at {cut}: a cut key accepted"
        assert got.equals(whole.loc[got.index]), f"cut at {cut}: a cut value accepted"


def test_head_60_percent_of_the_taiwan_file_is_refused(shared_data: Path, tmp_path: Path) -> None:
    """The issue's case: ``head -c 60%`` cut 3,136,000 to 3136 and was stored with rc 0."""
    raw = shared_data.joinpath(f"{TW}/taiwan_exports_by_country_2013_2025.csv").read_bytes()
    path = tmp_path / "taiwan_cut.csv"
    path.write_bytes(raw[: len(raw) * 60 // 100])
    assert path.read_bytes().endswith(b",3136")
    store = tmp_path / "store"
    res = CliRunner().invoke(
        app,
        ["ingest", "taiwan-exports-by-country", str(path), "--store", str(store)],
        env={"COLUMNS": "240"},
    )
    assert res.exit_code == 1, res.output
    n = path.read_bytes().count(b"\n")
    assert (
        f"{path}, row {n}, column 'Export Value (USD)': the file ends inside this value, without a "
        "line break: the value may be cut (truncated file?)"
    ) in res.output
    assert not Warehouse(store).exists("trade_flows")


def test_json_record_count_must_match(shared_data: Path) -> None:
    """A Comtrade response whose ``count`` says more records than it holds was cut short."""
    doc = json.loads(
        shared_data.joinpath(
            f"{CT}/comtrade_v1_get_C_A_HS_chn_imports_2010_sample.json"
        ).read_bytes()
    )
    doc["data"] = doc["data"][:-1]
    res = get_feed("comtrade-json").parse(json.dumps(doc).encode(), source_uri="short.json")
    assert [str(e) for e in res.errors] == [
        f"short.json: the response says count {doc['count']} but holds {len(doc['data'])} records "
        "(truncated response?) 记录数不符"
    ]


def test_html_page_cut_between_rows(shared_data: Path) -> None:
    raw = shared_data.joinpath(
        "trade/gacc_query_samples/gacc_query_result_page_sample_exports_usa_2019-01.html"
    ).read_bytes()
    cut = raw[: raw.index(b"</tr>", len(raw) // 2) + 5]
    res = get_feed("gacc-html-export").parse(cut, source_uri="page.html")
    assert [str(e) for e in res.errors] == [
        "page.html: the result table is not closed (no </table> after the last row; "
        "truncated page?) "
        "表格不完整"
    ]


def test_a_complete_file_without_final_line_break_is_accepted(shared_data: Path) -> None:
    """A quoted last field or a trailing delimiter proves the last value ended."""
    raw = shared_data.joinpath(
        "trade/gacc_query_samples/gacc_china_exports_to_ceuta_2018-10_hs8_by_regime.csv"
    ).read_bytes()
    feed = get_feed("gacc-csv-export")
    assert (
        len(feed.parse(raw.rstrip(b"\r\n"), source_uri="x.csv").rows)
        == len(feed.parse(raw, source_uri="x.csv").rows)
        == len(pd.read_csv(pd.io.common.BytesIO(raw)))
    )
