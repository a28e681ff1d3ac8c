"""Broken copies of real files: each error names file, row and column, and nothing of the file
is stored."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from haisi.crawlers.feeds.ingest import ingest_file
from haisi.crawlers.feeds.registry import get_feed
from haisi.warehouse import Warehouse

GACC = "trade/gacc_query_samples/gacc_china_imports_from_usa_2019-01_hs8_by_regime.csv"
COMTRADE = "trade/taiwan_hs8542_exports/ic_exports_world_HS8542_raw.csv"  # cp1252, trailing commas
TAIWAN = "trade/taiwan_hs8542_exports/taiwan_exports_by_country_2013_2025.csv"


def _broken(shared_data: Path, tmp_path: Path, rel: str, edit, name: str | None = None) -> Path:
    out = tmp_path / (name or Path(rel).name)
    out.write_bytes(edit(shared_data.joinpath(rel).read_bytes()))
    return out


def _lines(raw: bytes) -> list[bytes]:
    return raw.split(b"\n")


def _errors(fmt: str, path: Path, wh: Warehouse) -> list[str]:
    report = ingest_file(get_feed(fmt), path, wh)
    assert report.status == "rejected" and report.rows_stored == 0
    assert not wh.exists(get_feed(fmt).table)  # nothing stored
    return [str(e) for e in report.errors]


def test_truncated_file(shared_data: Path, tmp_path: Path, warehouse: Warehouse) -> None:
    raw = shared_data.joinpath(GACC).read_bytes()
    cut = raw.index(b"\n", len(raw) // 2) + 40  # stop 40 bytes into a data row
    path = _broken(shared_data, tmp_path, GACC, lambda r: r[:cut])
    row = raw[:cut].count(b"\n")  # header is line 1, so the cut line is data row `row`
    errs = _errors("gacc-csv", path, warehouse)
    assert errs[0] == (
        f"{path}, row {row}: unreadable CSV: unterminated quoted field (truncated file?) 行不完整"
    )


def test_truncated_row_names_the_column(
    shared_data: Path, tmp_path: Path, warehouse: Warehouse
) -> None:
    lines = _lines(shared_data.joinpath(GACC).read_bytes())
    fields = next(csv.reader([lines[3].decode()]))[:9]  # the row ends after the 9th column
    short = ",".join(f'"{f}"' for f in fields).encode()
    path = _broken(shared_data, tmp_path, GACC, lambda r: b"\n".join(lines[:3] + [short]))
    assert _errors("gacc-csv", path, warehouse)[0] == (
        f"{path}, row 3, column 'Supplimentary Quantity': row has fewer fields than the header "
        "(truncated file?) 行不完整"
    )


def test_truncated_comtrade_file(shared_data: Path, tmp_path: Path, warehouse: Warehouse) -> None:
    raw = shared_data.joinpath(COMTRADE).read_bytes()
    lines = _lines(raw)
    path = _broken(
        shared_data, tmp_path, COMTRADE, lambda r: b"\n".join(lines[:101]) + b"\n" + lines[101][:60]
    )
    errs = _errors("comtrade-csv", path, warehouse)
    assert errs[0].startswith(f"{path}, row 101: unreadable CSV row: Expected 48 columns, got ")


def test_html_instead_of_csv(shared_data: Path, tmp_path: Path, warehouse: Warehouse) -> None:
    page = "trade/gacc_query_samples/gacc_query_result_page_sample_exports_usa_2019-01.html"
    path = _broken(shared_data, tmp_path, page, lambda r: r, name="exports.csv")
    for fmt in ("gacc-csv-export", "comtrade-csv", "singstat-monthly"):
        assert _errors(fmt, path, warehouse) == [
            f"{path}: an HTML page, not a CSV file (error page or wrong format?) 不是CSV文件"
        ]


def test_bad_number(shared_data: Path, tmp_path: Path, warehouse: Warehouse) -> None:
    def edit(raw: bytes) -> bytes:
        lines = _lines(raw)
        lines[7] = (
            lines[7].replace(b'"1,', b'"1x,', 1) if b'"1,' in lines[7] else lines[7][:-2] + b'x"'
        )
        return b"\n".join(lines)

    path = _broken(shared_data, tmp_path, GACC, edit)
    errs = _errors("gacc-csv", path, warehouse)
    assert len(errs) == 1 and errs[0].startswith(
        f"{path}, row 7, column 'US dollar': not a number 非数值: "
    )


def test_bad_number_comtrade(shared_data: Path, tmp_path: Path, warehouse: Warehouse) -> None:
    def edit(raw: bytes) -> bytes:
        lines = _lines(raw)
        cells = lines[3].split(b",")
        cells[43] = b'"12a"'  # primaryValue
        lines[3] = b",".join(cells)
        return b"\n".join(lines)

    path = _broken(shared_data, tmp_path, COMTRADE, edit)
    assert _errors("comtrade-csv", path, warehouse) == [
        f"{path}, row 3, column 'primaryValue': not a number 非数值: '12a'"
    ]


def test_missing_column(shared_data: Path, tmp_path: Path, warehouse: Warehouse) -> None:
    path = _broken(shared_data, tmp_path, GACC, lambda r: r.replace(b'"US dollar"', b'"USD"', 1))
    errs = _errors("gacc-csv", path, warehouse)
    assert errs[0].startswith(f"{path}, column 'US dollar': missing column(s) ['US dollar']")


def test_unknown_code(shared_data: Path, tmp_path: Path, warehouse: Warehouse) -> None:
    def edit(raw: bytes) -> bytes:
        lines = _lines(raw)
        lines[5] = lines[5].replace(b'"X","Export"', b'"Q","Export"', 1)
        return b"\n".join(lines)

    path = _broken(shared_data, tmp_path, COMTRADE, edit)
    assert _errors("comtrade-csv", path, warehouse) == [
        f"{path}, row 5, column 'flowCode': unknown flow code: 'Q' 代码无效"
    ]


def test_wrong_encoding(shared_data: Path, tmp_path: Path, warehouse: Warehouse) -> None:
    """A UTF-8 file with one line saved as Big5 is rejected at that row, not decoded as mojibake."""

    def edit(raw: bytes) -> bytes:
        lines = _lines(raw)
        lines[10] = lines[10].decode("utf-8").encode("big5")
        return b"\n".join(lines)

    path = _broken(shared_data, tmp_path, TAIWAN, edit)
    errs = _errors("taiwan-exports-by-country", path, warehouse)
    assert errs[0].startswith(f"{path}, row 10: invalid utf-8-sig byte") or errs[0].startswith(
        f"{path}, row 10: invalid utf-8 byte"
    )
    assert "wrong or mixed encoding" in errs[0]


@pytest.mark.parametrize(
    "content", [b"", b"\n\n", b"Year,Country,HS Code,Description,Export Value (USD)\n"]
)
def test_empty_file(content: bytes, tmp_path: Path, warehouse: Warehouse) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    errs = _errors("taiwan-exports-by-country", path, warehouse)
    assert errs[0].startswith(f"{path}: ") and (
        "empty file" in errs[0] or "no data rows" in errs[0]
    )


def test_broken_json(shared_data: Path, tmp_path: Path, warehouse: Warehouse) -> None:
    rel = "trade/api_fixtures/comtrade/comtrade_v1_get_C_A_HS_chn_imports_2010_sample.json"
    path = _broken(shared_data, tmp_path, rel, lambda r: r[:1000])
    errs = _errors("comtrade-json", path, warehouse)
    assert errs[0].startswith(f"{path}: invalid JSON at line ") and "truncated response?" in errs[0]


def test_strict_rejects_unresolved_names(shared_data: Path, warehouse: Warehouse) -> None:
    report = ingest_file(
        get_feed("taiwan-exports-by-country"), shared_data / TAIWAN, warehouse, strict=True
    )
    assert not report.ok and str(report.errors[0]).endswith(
        "unresolved name '其他國家' in 39 row(s) 无法识别的名称"
    )


def test_file_with_no_storable_row(shared_data: Path, tmp_path: Path, warehouse: Warehouse) -> None:
    """Only "Other Asia" rows (a region the source does not code): rejected, the name reported."""
    src = shared_data / "tourism/aus-inbound-outbound/outbound_train.csv"
    lines = src.read_bytes().split(b"\n")
    path = tmp_path / "other_asia.csv"
    path.write_bytes(
        b"\n".join([lines[0], *[ln for ln in lines[1:] if ln.startswith(b"Other Asia|")]]) + b"\n"
    )
    report = ingest_file(get_feed("tourism-aus-departures"), path, warehouse)
    assert report.status == "rejected" and report.unresolved == {"Other Asia": 756}
    assert (
        str(report.errors[0])
        == f"{path}: no row could be stored (every name unresolved or skipped) 没有可入库的行"
    )
