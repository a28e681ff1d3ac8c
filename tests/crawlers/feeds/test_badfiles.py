"""The bad-file corpus a customs statistician would refuse, built from real files: negative and
absurd figures, mixed encodings, formula cells, missing JSON keys, one-line and very long files.
Each is refused with file, row and column, in bounded time, and nothing of it is stored."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pandas as pd
import pytest
from haisi.crawlers.feeds.ingest import ingest_file
from haisi.crawlers.feeds.registry import FORMATS, get_feed
from haisi.warehouse import Warehouse
from typer.testing import CliRunner

from haisi.cli import app

TW = "trade/taiwan_hs8542_exports"
CT = "trade/api_fixtures/comtrade"
JSON = f"{CT}/comtrade_v1_get_C_A_HS_chn_imports_2010_sample.json"
WIDE = {"COLUMNS": "240"}
CSV_CASES = [  # (format, file, encoding, the value column, a quantity/count column or None)
    ("comtrade-csv", f"{TW}/ic_exports_world_HS8542_raw.csv", "cp1252", "primaryValue", "qty"),
    (
        "gacc-csv-import",
        "trade/gacc_query_samples/gacc_china_imports_from_usa_2019-01_hs8_by_regime.csv",
        "utf-8",
        "US dollar",
        "Quantity",
    ),
    (
        "taiwan-exports-by-country",
        f"{TW}/taiwan_exports_by_country_2013_2025.csv",
        "utf-8-sig",
        "Export Value (USD)",
        None,
    ),
    (
        "taiwan-exports-totals",
        f"{TW}/taiwan_exports_8542_2013_2025.csv",
        "utf-8",
        "美元(千元)",
        None,
    ),
    (
        "singstat-monthly",
        "trade/singstat_monthly_by_market/"
        "singstat_merchandise_trade_by_market_monthly_1976-01_2020-12.csv",
        "utf-8",
        "value",
        None,
    ),
    (
        "china-bilateral-monthly",
        "trade/china_bilateral_monthly/china_bilateral_monthly_2001-01_2017-12.csv",
        "utf-8",
        "value",
        None,
    ),
    ("gravity-hmr", "trade/hmr_gravity_excerpt/gravity_zeros.csv", "utf-8", "flow", None),
    (
        "tourism-aus-arrivals",
        "tourism/aus-inbound-outbound/inbound_train.csv",
        "utf-8",
        "value",
        None,
    ),
    ("tourism-aus-domestic", "tourism/aus-domestic-trips/train.csv", "utf-8", "value", None),
]


def _edited(shared_data: Path, rel: str, enc: str, column: str, row: int, cell: str) -> bytes:
    """The first 40 rows of a real file with one cell replaced (data row ``row``, 1-based)."""
    raw = b"".join(shared_data.joinpath(rel).read_bytes().splitlines(keepends=True)[:41])
    df = pd.read_csv(
        io.BytesIO(raw), dtype=str, keep_default_na=False, index_col=False, encoding=enc
    )
    df = df.loc[:, ~df.columns.str.startswith("Unnamed")]
    df.loc[row - 1, column] = cell
    return df.to_csv(index=False).encode(enc if enc != "utf-8-sig" else "utf-8")


def _refused(fmt: str, path: Path, wh: Warehouse) -> list[str]:
    report = ingest_file(get_feed(fmt), path, wh)
    assert report.status == "rejected" and report.rows_stored == 0
    assert not wh.exists(get_feed(fmt).table)
    return [str(e) for e in report.errors]


@pytest.mark.parametrize(
    ("fmt", "rel", "enc", "column", "qty"), CSV_CASES, ids=[f"{c[0]}" for c in CSV_CASES]
)
@pytest.mark.parametrize("cell", ["-1234", "1e300", "inf"])
def test_negative_and_absurd_figures_are_refused(
    fmt: str,
    rel: str,
    enc: str,
    column: str,
    qty: str | None,
    cell: str,
    shared_data: Path,
    tmp_path: Path,
    warehouse: Warehouse,
) -> None:
    path = tmp_path / Path(rel).name
    path.write_bytes(_edited(shared_data, rel, enc, column, 7, cell))
    errs = _refused(fmt, path, warehouse)
    why = "negative value" if cell.startswith("-") else "absurd value"
    assert len(errs) == 1 and errs[0].startswith(f"{path}, row 7, column '{column}': {why} "), errs
    if qty:
        path.write_bytes(_edited(shared_data, rel, enc, qty, 3, "-5"))
        assert _refused(fmt, path, warehouse) == [
            f"{path}, row 3, column '{qty}': negative value '-5': a trade value, quantity or count "
            "cannot be negative 负值"
        ]


def test_negative_figure_in_json_and_html(
    shared_data: Path, tmp_path: Path, warehouse: Warehouse
) -> None:
    doc = json.loads(shared_data.joinpath(JSON).read_bytes())
    doc["data"][2]["primaryValue"] = -74251272075
    path = tmp_path / "neg.json"
    path.write_text(json.dumps(doc))
    assert _refused("comtrade-json", path, warehouse)[0].startswith(
        f"{path}, row 3, column 'primaryValue': negative value '-74251272075"
    )
    page = shared_data.joinpath(
        "trade/gacc_query_samples/gacc_query_result_page_sample_exports_usa_2019-01.html"
    ).read_bytes()
    html = tmp_path / "neg_exports.html"
    html.write_bytes(
        page.replace(
            b'<div class="th-line">6,588,916</div>', b'<div class="th-line">-6,588,916</div>'
        )
    )
    assert _refused("gacc-html-export", html, warehouse) == [
        f"{html}, row 25, column 'US dollar': negative value '-6,588,916': a trade value, "
        "quantity or "
        "count cannot be negative 负值"
    ]


def test_gbk_row_in_a_cp1252_file_is_not_stored_as_mojibake(
    shared_data: Path, tmp_path: Path, warehouse: Warehouse
) -> None:
    """The issue's case: 中国大陆 in GBK inside a cp1252 Comtrade file became 'ÖÐ¹ú´óÂ½'."""
    lines = shared_data.joinpath(f"{TW}/ic_exports_world_HS8542_raw.csv").read_bytes().split(b"\n")
    assert b"\xf4" in b"\n".join(lines)  # the real file is cp1252 (Côte d'Ivoire)
    lines[6] = lines[6].replace(b'"World"', "中国大陆".encode("gbk"), 1)
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"\n".join(lines))
    errs = _refused("comtrade-csv", path, warehouse)
    assert errs == [
        f"{path}, row 6: mixed encodings: line 7 holds gb18030 Chinese text (中国大陆) in a "
        "cp1252 file, which would be stored as 'ÖÐ¹ú´óÂ½'; save the file in one encoding "
        "(UTF-8) 编码混杂"
    ]


def test_gbk_row_in_an_ascii_file_is_decoded_correctly(
    shared_data: Path, tmp_path: Path, warehouse: Warehouse
) -> None:
    """An ASCII file with one GBK row is a GBK file: the name is read as Chinese, never mojibake."""
    raw = shared_data.joinpath(f"{TW}/taiwan_exports_by_country_2013_2025.csv").read_bytes()
    text = raw.decode("utf-8-sig").splitlines(keepends=True)
    ascii_rows = [ln for ln in text[1:] if ln.isascii()][:5]
    china = next(ln for ln in text[1:] if ",中國大陸," in ln).replace("中國大陸", "中国大陆")
    path = tmp_path / "one_gbk_row.csv"
    path.write_bytes("".join([text[0], *ascii_rows, china]).encode("gbk"))
    report = ingest_file(get_feed("taiwan-exports-by-country"), path, warehouse)
    assert report.ok and report.rows_stored == 1 + len(ascii_rows) - sum(
        ",其他國家," in r for r in ascii_rows
    )
    assert (
        warehouse.sql("SELECT DISTINCT partner FROM trade_flows WHERE partner = 'CHN'").num_rows
        == 1
    )


def test_json_record_without_primary_value_and_the_next_file_still_loads(
    shared_data: Path, tmp_path: Path
) -> None:
    """The issue's case: a 127-line traceback, and the next file on the command line unread."""
    doc = json.loads(shared_data.joinpath(JSON).read_bytes())
    del doc["data"][1]["primaryValue"]
    bad = tmp_path / "no_primary_value.json"
    bad.write_text(json.dumps(doc))
    good = shared_data / JSON
    store = tmp_path / "store"
    res = CliRunner().invoke(
        app, ["ingest", "comtrade-json", str(bad), str(good), "--store", str(store)], env=WIDE
    )
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert (
        f"{bad}, row 2, column 'primaryValue': record 2 of 4 has no 'primaryValue' (key missing or "
        "null) 缺少字段"
    ) in res.output
    line = next(ln for ln in res.output.splitlines() if good.name[:20] in ln)
    assert line.split("│")[2].strip() == "stored"
    assert Warehouse(store).sql("SELECT count(*) n FROM trade_flows").to_pylist() == [{"n": 4}]
    for key in ("primaryValue", "cmdCode"):  # a key no record has
        doc = json.loads(good.read_bytes())
        for r in doc["data"]:
            del r[key]
        res = get_feed("comtrade-json").parse(json.dumps(doc).encode(), source_uri="k.json")
        assert str(res.errors[0]) == (
            f"k.json, row 1, column '{key}': record 1 of 4 has no {key!r} "
            "(key missing or null) 缺少字段"
        )


LONG = {  # shapes of one-line and very long files
    "one line of text": b"x" * 3_000_000,
    "one line of commas": b"1," * 1_500_000,
    "a 1.1 MB quoted field": b'Year,Country,HS Code,Description,Export Value (USD)\n2013,A,85,"'
    + b"y" * 1_100_000
    + b'",1\n',
    "a 1.1 MB unquoted field": b"Year,Country,HS Code,Description,Export Value (USD)\n2013,A,85,"
    + b"y" * 1_100_000
    + b",1\n",
    "html without closing tags": b"<table>" + b'<tr><td><div class="th-line">1' * 100_000,
}


@pytest.mark.parametrize("shape", list(LONG))
def test_one_line_and_very_long_files_are_refused_at_once(shape: str) -> None:
    """Every reader answers in well under a second per MB (a 1.1 MB line took 95 s, a 200 MB
    one-line file never finished), with an error, never an exception."""
    raw = LONG[shape]
    for name, feed in FORMATS.items():
        t = time.perf_counter()
        res = feed.parse(raw, source_uri="long.csv")
        took = time.perf_counter() - t
        assert res.errors and not len(res.rows), (name, shape)
        assert took < 5, (name, shape, took)


def test_long_line_error_names_the_line() -> None:
    res = get_feed("taiwan-exports-by-country").parse(
        LONG["a 1.1 MB unquoted field"], source_uri="f.csv"
    )
    assert [str(e) for e in res.errors] == [
        "f.csv, row 1: line 2 is longer than 65,536 bytes: not a delimited table (one-line "
        "file?) 行过长"
    ]
    res = get_feed("comtrade-csv").parse(LONG["one line of commas"], source_uri="c.csv")
    assert [str(e) for e in res.errors] == [
        "c.csv: line 1 is longer than 65,536 bytes: not a delimited table (one-line file?) 行过长"
    ]


@pytest.mark.parametrize(
    ("fmt", "rel", "cell"),
    [
        ("tourism-aus-arrivals", "tourism/aus-inbound-outbound/inbound_train.csv", "20000000000"),
        ("tourism-aus-domestic", "tourism/aus-domestic-trips/train.csv", "20000000"),
    ],
)
def test_more_travellers_than_people_alive(
    fmt: str, rel: str, cell: str, shared_data: Path, tmp_path: Path, warehouse: Warehouse
) -> None:
    """Counts of people have their own bound (domestic trips are in thousands: 2e7 → 2e10)."""
    path = tmp_path / Path(rel).name
    path.write_bytes(_edited(shared_data, rel, "utf-8", "value", 2, cell))
    errs = _refused(fmt, path, warehouse)
    assert errs == [
        f"{path}, row 2, column 'value': absurd value '{cell}' (above "
        f"{1e10 / (1000 if 'domestic' in fmt else 1):.0e} once scaled) 数值异常"
    ]
