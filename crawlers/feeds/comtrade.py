"""UN Comtrade API v1 results: the JSON response (``{count, data: [...]}``) and the CSV
download (camelCase API columns, snake_case comtradr columns or the bulk column set).

The CSV quirks of the real files: a trailing comma on every data row (one field more than
the header), cp1252 encoding ("Côte d'Ivoire"), CRLF line ends. The CSV path is vectorised
(pyarrow CSV reader, one lookup per distinct code) because bulk files hold millions of rows.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
from haisi.crawlers.feeds.base import BaseFeed, FeedError, FeedResult, RowError, conform
from haisi.crawlers.feeds.encoding import detect_encoding
from haisi.crawlers.feeds.tabular import (
    MAX_LINE_BYTES,
    check_last_row,
    check_shape,
    numeric,
    raise_if,
    reject_html,
)

__all__ = ["ComtradeCsvFeed", "ComtradeJsonFeed", "FLOW_CODES", "comtrade_rows"]

FLOW_CODES = {
    "X": "export",
    "M": "import",
    "RX": "re_export",
    "RM": "re_import",
    "DX": "domestic_export",
    "FM": "foreign_import",
}
# canonical (lower-case, no underscores) column → what it becomes
_REQUIRED = (
    "freqcode",
    "period",
    "flowcode",
    "partnercode",
    "cmdcode",
    "classificationcode",
    "primaryvalue",
)
_SPELLED = {
    "freqcode": "freqCode",
    "period": "period",
    "flowcode": "flowCode",
    "partnercode": "partnerCode",
    "cmdcode": "cmdCode",
    "classificationcode": "classificationCode",
    "primaryvalue": "primaryValue",
}
MAX_JSON_BYTES = 256 << 20  # the API's largest response (250,000 records) is ~230 MB
_OPTIONAL = (
    "reportercode",
    "reporteriso",
    "partneriso",
    "partner2code",
    "customscode",
    "motcode",
    "qty",
    "qtyunitabbr",
    "altqty",
    "altqtyunitabbr",
)


def _canon(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


class ComtradeCsvFeed(BaseFeed):
    """UN Comtrade CSV (API v1 download, comtradr export or bulk file) → trade_flows."""

    name = "comtrade-csv"
    source_id = "un_comtrade"
    description = "UN Comtrade API v1 / bulk CSV (cp1252, trailing commas) 联合国商品贸易统计 CSV"

    def _parse(self, raw: bytes, file: str) -> FeedResult:
        if re.match(rb"\s*[{\[]", raw):  # a JSON document (no copy of a large file)
            raise FeedError(
                RowError(file, None, None, "a JSON document, not CSV: use format comtrade-json")
            )
        reject_html(raw, file=file)
        start = time.perf_counter()
        enc = detect_encoding(raw, file=file, prefer=("cp1252",))
        df = _read_csv(raw, enc, file)
        read = time.perf_counter() - start
        res = comtrade_rows(df, file)
        res.seconds = {"CSV read (encoding, shape, Arrow)": read}
        res.seconds["value/code checks + code mapping"] = time.perf_counter() - start - read
        return res


class ComtradeJsonFeed(BaseFeed):
    """UN Comtrade API v1 ``data/v1/get`` JSON response → trade_flows."""

    name = "comtrade-json"
    source_id = "un_comtrade"
    description = "UN Comtrade API v1 JSON response 联合国商品贸易统计 API JSON"

    def _parse(self, raw: bytes, file: str) -> FeedResult:
        if len(raw) > MAX_JSON_BYTES:
            raise FeedError(
                RowError(
                    file,
                    None,
                    None,
                    f"{len(raw):,} bytes is larger than any API "
                    f"response ({MAX_JSON_BYTES:,}): use the bulk CSV 文件过大",
                )
            )
        enc = detect_encoding(raw, file=file, prefer=("cp1252",), header_lines=0)
        try:
            doc = json.loads(raw.decode(enc))
        except json.JSONDecodeError as e:
            raise FeedError(
                RowError(
                    file,
                    None,
                    None,
                    f"invalid JSON at line {e.lineno} column {e.colno}: {e.msg} "
                    "(truncated response?) JSON 格式错误",
                )
            ) from None
        if not isinstance(doc, dict) or not isinstance(doc.get("data"), list):
            raise FeedError(RowError(file, None, None, "not a Comtrade response: no 'data' list"))
        if doc.get("error"):
            raise FeedError(
                RowError(file, None, None, f"the API returned an error: {doc['error']}")
            )
        records = doc["data"]
        if not records:
            raise FeedError(
                RowError(file, None, None, "the response holds no records (count 0) 无数据")
            )
        if "fileUrl" in records[0]:
            raise FeedError(
                RowError(
                    file,
                    None,
                    None,
                    "a bulk file listing (fileUrl …), not data records; download the files",
                )
            )
        bad = [i for i, r in enumerate(records, 1) if not isinstance(r, dict)]
        if bad:
            raise FeedError(RowError(file, bad[0], None, "record is not a JSON object"))
        count = doc.get("count")
        if isinstance(count, int) and count != len(records):
            raise FeedError(
                RowError(
                    file,
                    None,
                    None,
                    f"the response says count {count} but holds "
                    f"{len(records)} records (truncated response?) 记录数不符",
                )
            )
        df = pd.DataFrame.from_records(records)
        df.columns = [_canon(c) for c in df.columns]
        _require_keys(df, file)
        df = df.astype(object).where(df.notna(), "").astype(str)
        return comtrade_rows(df, file)


def _require_keys(df: pd.DataFrame, file: str) -> None:
    """Every record holds every required key with a value: the error names record and key."""
    errors = []
    for c in _REQUIRED:
        absent = pd.Series(True, index=df.index) if c not in df else df[c].isna()
        for i in np.flatnonzero(absent.to_numpy())[:3]:
            errors.append(
                RowError(
                    file,
                    int(i) + 1,
                    _SPELLED[c],
                    f"record {int(i) + 1} of {len(df)} has no {_SPELLED[c]!r} "
                    "(key missing or null) 缺少字段",
                )
            )
    raise_if(errors)


def _read_csv(raw: bytes, enc: str, file: str) -> pd.DataFrame:
    """All cells as strings; a trailing delimiter on data rows gets its own (dropped) column."""
    check_shape(raw[: 2 * MAX_LINE_BYTES + 3], file=file)  # header and first row: bounded lines
    first_nl = raw.find(b"\n")
    header = raw[: first_nl if first_nl >= 0 else len(raw)].decode(enc).lstrip("\ufeff").strip()
    names = next(csv.reader([header]), [])
    if not names or first_nl < 0 or not raw[first_nl + 1 : first_nl + 65536].strip():
        raise FeedError(RowError(file, None, None, "no data rows (header only) 无数据行"))
    end = raw.find(b"\n", first_nl + 1)
    second = raw[first_nl + 1 : end if end > 0 else None].decode(enc, "replace").strip()
    n_fields = len(next(csv.reader([second]), []))
    cols = [_canon(n) for n in names] + (["_trailing"] if n_fields == len(names) + 1 else [])
    missing = [c for c in _REQUIRED if c not in cols]
    if missing:
        raise FeedError(
            RowError(
                file,
                None,
                ", ".join(missing),
                f"missing column(s) {missing}; found {names[:12]} 缺少列",
            )
        )
    data = raw if enc in ("utf-8", "utf-8-sig") else raw.decode(enc).encode()
    wanted = [c for c in cols if c in _REQUIRED or c in _OPTIONAL]
    try:
        try:
            tbl = _arrow_csv(data, cols, wanted, numbers_as=pa.float64())
        except pa.ArrowInvalid as e:
            if "conversion error" not in str(e):
                raise
            tbl = _arrow_csv(data, cols, wanted, numbers_as=pa.string())  # name the bad cells
    except pa.ArrowInvalid as e:
        check_shape(raw, file=file)  # a row too long for a block: name it
        got = re.search(r"(Expected \d+ columns, got \d+)", str(e))
        raise FeedError(
            RowError(
                file,
                _bad_record(raw.decode(enc), len(cols)),
                None,
                f"unreadable CSV row: {got.group(1) if got else e} (truncated file?) 行不完整",
            )
        ) from None
    tail = raw[-MAX_LINE_BYTES:].decode(enc, "replace")
    check_last_row(tail, file=file, header=names, rows=tbl.num_rows)
    return tbl.to_pandas()


_NUMBERS = ("primaryvalue", "qty", "altqty")


def _arrow_csv(
    data: bytes, cols: list[str], wanted: list[str], *, numbers_as: pa.DataType
) -> pa.Table:
    """Multi-threaded Arrow read: code columns dictionary-encoded
    (validated once per distinct value)."""
    codes = pa.dictionary(pa.int32(), pa.string())
    return pacsv.read_csv(
        io.BytesIO(data),
        read_options=pacsv.ReadOptions(column_names=cols, skip_rows=1, block_size=1 << 24),
        convert_options=pacsv.ConvertOptions(
            column_types={c: numbers_as if c in _NUMBERS else codes for c in wanted},
            include_columns=wanted,
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )


def _bad_record(text: str, n_fields: int) -> int | None:
    """1-based data row of the first record whose field count differs (error path only)."""
    for i, rec in enumerate(csv.reader(io.StringIO(text)), start=0):
        if i and rec and len(rec) != n_fields:
            return i
    return None


def _col(df: pd.DataFrame, name: str, default: str = "") -> pd.Series:
    """Column ``name`` as a categorical of stripped strings
    (work is done once per distinct value)."""
    if name not in df.columns:
        return _constant(default, len(df), df.index)
    s = df[name]
    if not isinstance(s.dtype, pd.CategoricalDtype):
        s = s.astype(str).astype("category")
    cats = pd.Index(s.cat.categories.astype(str)).str.strip()
    if cats.duplicated().any():
        return s.astype(str).str.strip().astype("category")
    return s.cat.rename_categories(cats)


def _constant(value: str, n: int, index: pd.Index | None = None) -> pd.Series:
    """``n`` rows of one value as a categorical (one string, not n copies)."""
    codes = np.zeros(n, dtype=np.int8)
    return pd.Series(pd.Categorical.from_codes(codes, categories=[value]), index=index)


def _each(s: pd.Series, fn: Callable[[str], str | None]) -> pd.Series:
    """``fn`` applied once per distinct value of a categorical column (None → missing); the
    result is a categorical of strings again (no per-row Python objects)."""
    mapped = [fn(c) for c in s.cat.categories]
    cats = pd.Index(pd.unique(pd.Series([m for m in mapped if m is not None], dtype="str")))
    pos = [cats.get_loc(m) if m is not None else -1 for m in mapped]
    codes = np.array([*pos, -1], dtype=np.int32)[s.cat.codes.to_numpy()]  # a missing row stays
    return pd.Series(pd.Categorical.from_codes(codes, categories=cats), index=s.index)


def _test(s: pd.Series, fn: Callable[[pd.Index], Any]) -> np.ndarray:
    """A vectorised test of each distinct value of a categorical column, spread to its rows
    (a missing cell fails it)."""
    ok = np.append(np.asarray(fn(s.cat.categories), dtype=bool), False)
    return ok[s.cat.codes.to_numpy()]


def comtrade_rows(df: pd.DataFrame, file: str) -> FeedResult:
    """Map a frame of Comtrade string columns (canonical names) to trade_flows rows."""
    from haisi.reference.countries import resolve_country

    errors: list[RowError] = []
    freq = _col(df, "freqcode")
    flow_code = _col(df, "flowcode")
    flow = _each(flow_code, FLOW_CODES.get)
    _flag(errors, file, "flowCode", flow.isna().to_numpy(), flow_code, "flow code")
    annual, monthly = _test(freq, lambda c: c == "A"), _test(freq, lambda c: c == "M")
    _flag(errors, file, "freqCode", ~(annual | monthly), freq, "frequency code")
    period = _col(df, "period")
    ok_a = _test(period, lambda c: c.str.fullmatch(r"(19|20)\d\d"))
    ok_m = _test(period, lambda c: c.str.fullmatch(r"(19|20)\d\d(0[1-9]|1[0-2])"))
    bad = annual & ~ok_a | monthly & ~ok_m
    _flag(errors, file, "period", bad, period, "period for the frequency")
    cmd = _col(df, "cmdcode")
    ok = _test(cmd, lambda c: c.str.fullmatch(r"TOTAL|AG\d|\d{2,8}|\d{2}_\d{2}"))
    _flag(errors, file, "cmdCode", ~ok, cmd, "commodity code")
    value = numeric(df, "primaryvalue", file=file, errors=errors, required=True)
    qty = numeric(df, "qty", file=file, errors=errors) if "qty" in df else None
    alt = numeric(df, "altqty", file=file, errors=errors) if "altqty" in df else None
    spelled = {**_SPELLED, "altqty": "altQty"}  # the source's spelling
    errors[:] = [
        RowError(e.file, e.row, spelled.get(e.column or "", e.column), e.message) for e in errors
    ]
    raise_if(errors)

    unresolved: dict[str, int] = {}
    reporter = _codes(
        _col(df, "reporteriso"), _col(df, "reportercode"), resolve_country, unresolved, "reporter"
    )
    partner = _codes(
        _col(df, "partneriso"), _col(df, "partnercode"), resolve_country, unresolved, "partner"
    )
    keep = reporter.notna().to_numpy() & partner.notna().to_numpy()
    skipped: dict[str, int] = {}
    by_p2 = ~_test(_col(df, "partner2code", "0"), lambda c: c.isin(["0", ""]))
    if by_p2.any():
        skipped["second-partner breakdown (partner2Code ≠ 0)"] = int(by_p2.sum())
        keep &= ~by_p2
    regime = _col(df, "customscode")
    mode = _col(df, "motcode")
    qunit = _col(df, "qtyunitabbr")
    aunit = _col(df, "altqtyunitabbr")
    out = pd.DataFrame(
        {
            "period": _each(period, lambda p: f"{p[:4]}-{p[4:6]}" if len(p) == 6 else p),
            "frequency": freq,
            "reporter": reporter,
            "partner": partner,
            "flow": flow,
            "hs_code": cmd,
            "hs_revision": _col(df, "classificationcode"),
            "regime": _each(regime, lambda v: "" if v == "C00" else v),
            "mode": _each(mode, lambda v: "" if v == "0" else v),
            "value": value,
            "currency": _constant("USD", len(df), df.index),
            "quantity": qty,
            "quantity_unit": _each(qunit, lambda v: None if v in ("", "N/A", "NA") else v),
            "supp_quantity": alt,
            "supp_unit": _each(aunit, lambda v: None if v in ("", "N/A", "NA") else v),
        },
        copy=False,  # no consolidation of the float columns into one copied block
    )
    if not keep.all():
        out = out[keep]
    return FeedResult(
        "trade_flows",
        conform("trade_flows", out),
        [],
        unresolved,
        skipped=skipped,
        rows_read=len(df),
    )


def _flag(
    errors: list[RowError], file: str, column: str, bad: np.ndarray, values: pd.Series, what: str
) -> None:
    from haisi.crawlers.feeds.base import MAX_ERRORS

    for i in np.flatnonzero(bad)[:MAX_ERRORS]:
        errors.append(
            RowError(file, int(i) + 1, column, f"unknown {what}: {values.iloc[i]!r} 代码无效")
        )


def _codes(
    iso: pd.Series, code: pd.Series, resolve, unresolved: dict[str, int], role: str
) -> pd.Series:
    """ISO3 per row: code 0 is the world (W00); else the M49 code, else the ISO column, resolved."""
    ic, cc = iso.cat.codes.to_numpy(np.int64), code.cat.codes.to_numpy(np.int64)
    width = len(code.cat.categories) + 1
    idx, uniq = _factorize(ic * width + cc, (len(iso.cat.categories) + 1) * width)
    looked = []
    for k in uniq:
        i = str(iso.cat.categories[k // width]) if k // width >= 0 else ""
        c = str(code.cat.categories[k % width]) if k % width < width - 1 else ""
        hit = (
            "W00"
            if c == "0" or i == "W00"
            else (resolve(c) if c else None) or (resolve(i) if i else None)
        )
        looked.append(hit)
        if hit is None:
            unresolved[f"{role} {i or '?'} (M49 {c or '?'})"] = int((idx == len(looked) - 1).sum())
    cats = pd.Index(sorted({h for h in looked if h is not None}), dtype=object)
    pos = np.array([cats.get_loc(h) if h is not None else -1 for h in looked], dtype=np.int64)
    return pd.Series(pd.Categorical.from_codes(pos[idx], categories=cats), index=iso.index)


def _factorize(keys: np.ndarray, span: int) -> tuple[np.ndarray, np.ndarray]:
    """(position of each key among the distinct ones, the distinct keys) for integer keys in
    [-span, span): a table lookup, far faster than hashing 5M keys."""
    if span > 1 << 24:
        idx, uniq = pd.factorize(keys)
        return idx, np.asarray(uniq)
    shifted = keys + span
    present = np.zeros(2 * span, dtype=bool)
    present[shifted] = True
    uniq = np.flatnonzero(present)
    lookup = np.zeros(2 * span, dtype=np.int64)
    lookup[uniq] = np.arange(len(uniq))
    return lookup[shifted], uniq - span
