"""Reading delimited text feeds into string frames, with errors that name file, row and column.

Shared by the per-format readers: header checks, truncated-row detection, numeric columns,
and country-name resolution that counts every name it cannot resolve.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd
from haisi.crawlers.feeds.base import MAX_ERRORS, FeedError, RowError
from haisi.crawlers.feeds.encoding import LEGACY_ENCODINGS, decode
from haisi.crawlers.feeds.numbers import to_numbers

__all__ = [
    "read_text_table",
    "read_frame",
    "reject_html",
    "require_columns",
    "numeric",
    "resolve",
    "check_values",
    "check_columns",
    "Allowed",
    "YEAR",
    "YEAR_MONTH",
    "YEAR_DASH_MONTH",
    "raise_if",
    "check_shape",
    "check_last_row",
    "MAX_LINE_BYTES",
    "MAX_COLUMNS",
    "MAX_VALUE",
    "MAX_PEOPLE",
]

MAX_LINE_BYTES = 1 << 16  # longest line a delimited feed may have: real rows are under 2 KB
MAX_COLUMNS = 1000  # widest header: real feeds have at most ~50 columns
MAX_VALUE = 1e15  # a figure above this in any currency or count is not a statistic (KRW world
# exports are ~9e14 a year)
MAX_PEOPLE = 1e10  # travellers in one series and period: more than everyone alive is a misread


def read_text_table(
    raw: bytes, *, file: str, required: Sequence[str], prefer: tuple[str, ...] = LEGACY_ENCODINGS
) -> pd.DataFrame:
    """All cells as stripped strings ('' for empty); index 0 is data row 1.

    A trailing delimiter (GACC, Comtrade) yields an unnamed empty column, which is dropped.
    A row with fewer fields than the header (a truncated file) is an error.
    """
    reject_html(raw, file=file)
    check_shape(raw, file=file)
    text, _ = decode(raw, file=file, prefer=prefer)
    try:
        df = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            index_col=False,
            skipinitialspace=False,
        )
    except pd.errors.EmptyDataError:
        raise FeedError(RowError(file, None, None, "empty file (no header) 空文件")) from None
    except (pd.errors.ParserError, csv.Error) as e:
        what = (
            "unterminated quoted field (truncated file?) 行不完整"
            if "EOF inside string" in str(e)
            else e
        )
        raise FeedError(RowError(file, _row_of(str(e)), None, f"unreadable CSV: {what}")) from None
    df.columns = [str(c).strip() for c in df.columns]
    unnamed = [c for c in df.columns if c.startswith("Unnamed: ")]
    df = df.drop(columns=[c for c in unnamed if (df[c].fillna("") == "").all()])
    require_columns(df, required, file=file)
    if df.empty:
        raise FeedError(RowError(file, None, None, "no data rows (header only) 无数据行"))
    short = _first_short_record(text, len(header := list(df.columns)))
    if short is not None:
        i, n = short
        raise FeedError(
            RowError(
                file,
                i,
                header[n],
                "row has fewer fields than the header (truncated file?) 行不完整",
            )
        )
    check_last_row(text, file=file, header=header, rows=len(df))
    for c in df.columns:
        df[c] = df[c].fillna("").str.strip()
    return df.reset_index(drop=True)


def require_columns(df: pd.DataFrame, required: Sequence[str], *, file: str) -> None:
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise FeedError(
            RowError(
                file,
                None,
                ", ".join(missing),
                f"missing column(s) {missing}; found {list(df.columns)[:12]} 缺少列",
            )
        )


def numeric(
    df: pd.DataFrame,
    column: str,
    *,
    file: str,
    errors: list[RowError],
    scale: float | pd.Series = 1.0,
    required: bool = False,
    maximum: float = MAX_VALUE,
) -> pd.Series:
    """Numbers from a text column; bad cells (and, if ``required``, missing ones) become errors.

    Every measure a feed stores (trade values, quantities, counts of people) is refused when
    negative, infinite or above ``maximum`` after scaling: a customs statistician would not
    publish it, so it is a broken or misread file, never a figure.
    """
    values, bad = to_numbers(df[column])
    if not (isinstance(scale, float) and scale == 1.0):
        values = values * scale
    flagged = bad | values.isna() if required else bad
    arr = values.to_numpy(np.float64, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        odd = (arr < 0) | ~np.isfinite(arr) & ~np.isnan(arr) | (arr > maximum)
    flagged = flagged.to_numpy() | odd
    for i in flagged.nonzero()[0][:MAX_ERRORS]:
        cell = df[column].iloc[i]
        cell = cell if isinstance(cell, str) else f"{cell:g}"  # a number Arrow already read
        if bad.iloc[i]:
            msg = f"not a number 非数值: {cell!r}"
        elif np.isnan(arr[i]):
            msg = f"missing value 缺值: {cell!r}"
        elif arr[i] < 0:
            msg = (
                f"negative value {cell!r}: a trade value, quantity or count cannot be negative 负值"
            )
        else:
            msg = f"absurd value {cell!r} (above {maximum:.0e} once scaled) 数值异常"
        errors.append(RowError(file, int(i) + 1, column, msg))
    return values


#: what a column may hold: a whole-cell regular expression, a set of values, or a vectorised test
Allowed = str | set[str] | frozenset[str] | Callable[[pd.Series], pd.Series]
YEAR = r"(19|20)\d\d"  # 2024
YEAR_MONTH = r"(19|20)\d\d(0[1-9]|1[0-2])"  # 202401
YEAR_DASH_MONTH = r"(19|20)\d\d-(0[1-9]|1[0-2])"  # 2024-01


def check_values(
    df: pd.DataFrame,
    column: str,
    allowed: Allowed,
    *,
    file: str,
    errors: list[RowError],
    what: str,
) -> None:
    """Error for every cell of ``column`` outside ``allowed`` (see :data:`Allowed`)."""
    s = df[column]
    if isinstance(allowed, str):
        ok = s.str.fullmatch(allowed)
    elif isinstance(allowed, (set, frozenset)):
        ok = s.isin(allowed)
    else:
        ok = allowed(s)
    for i in (~ok.fillna(False)).to_numpy().nonzero()[0][:MAX_ERRORS]:
        errors.append(RowError(file, int(i) + 1, column, f"unknown {what}: {s.iloc[i]!r}"))


def check_columns(
    df: pd.DataFrame,
    rules: Mapping[str, tuple[Allowed, str]],
    *,
    file: str,
    errors: list[RowError],
) -> None:
    """:func:`check_values` for each ``column: (allowed, what it holds)`` of ``rules``."""
    for column, (allowed, what) in rules.items():
        check_values(df, column, allowed, file=file, errors=errors, what=what)


def resolve(
    names: pd.Series,
    resolver: Callable[[str], str | None] | None = None,
    label: Callable[[str], str] | None = None,
) -> tuple[pd.Series, dict[str, int]]:
    """Map source names/codes to ISO3 (one lookup per distinct name); unresolved → counts."""
    if resolver is None:
        from haisi.reference.countries import resolve_country

        resolver = resolve_country
    uniq = pd.unique(names)
    mapping = {n: resolver(str(n)) for n in uniq}
    codes = names.map(mapping)
    miss = names[codes.isna()]
    counts = miss.value_counts()
    unresolved = {(label(n) if label else str(n)): int(k) for n, k in counts.items()}
    return codes, unresolved


def check_shape(raw: bytes, *, file: str) -> None:
    """Bounded work per file: no line above :data:`MAX_LINE_BYTES`, no header wider than
    :data:`MAX_COLUMNS` (a one-line or binary-like file is refused at once, not parsed)."""
    ends = np.flatnonzero(np.frombuffer(raw, np.uint8) == 0x0A)
    starts = np.concatenate(([0], ends + 1))
    lengths = np.append(ends, len(raw)) - starts
    long = np.flatnonzero(lengths > MAX_LINE_BYTES)
    if len(long):
        line = int(long[0]) + 1
        raise FeedError(
            RowError(
                file,
                line - 1 if line > 1 else None,
                None,
                f"line {line} is longer than {MAX_LINE_BYTES:,} bytes: not a "
                "delimited table (one-line file?) 行过长",
            )
        )
    header = raw[: ends[0] if len(ends) else len(raw)]
    if header.count(b",") >= MAX_COLUMNS:
        raise FeedError(
            RowError(
                file,
                None,
                None,
                f"the header has {header.count(b',') + 1:,} "
                f"fields (at most {MAX_COLUMNS:,}): not a feed table 列数过多",
            )
        )


def check_last_row(text: str, *, file: str, header: Sequence[str], rows: int) -> None:
    """Refuse a file whose last value may be cut: it ends without a line break, and its last
    field is neither a closed quoted field nor followed by a delimiter (which prove it ended).

    A cut that falls exactly at a line end leaves whole rows only, which no format can tell
    from a shorter file; a cut anywhere else is caught here or by the field-count check.
    """
    if not text or text.endswith(("\n", "\r")):
        return
    last = text[text.rfind("\n") + 1 :].rstrip(" \t")
    if not last or last.endswith(('"', ",")):
        return
    fields = next(csv.reader([last]), [])
    column = header[min(max(len(fields), 1), len(header)) - 1]
    raise FeedError(
        RowError(
            file,
            rows,
            column,
            "the file ends inside this value, without a line break: the value "
            "may be cut (truncated file?) 文件可能被截断; if the file is whole, "
            "end it with a line break",
        )
    )


def raise_if(errors: list[RowError]) -> None:
    if errors:
        raise FeedError(errors)


def _first_short_record(text: str, n_fields: int) -> tuple[int, int] | None:
    """(1-based data row, field count) of the first non-blank record shorter than the header."""
    for i, rec in enumerate(csv.reader(io.StringIO(text))):
        if i and rec and len(rec) < n_fields:
            return i, len(rec)
    return None


def _row_of(message: str) -> int | None:
    """Data row from pandas' 'Expected 12 fields in line 7' (1-based line with the header) or
    'EOF inside string starting at row 6' (0-based line)."""
    m = re.search(r"line (\d+)", message)
    if m:
        return int(m.group(1)) - 1
    m = re.search(r"row (\d+)", message)
    return int(m.group(1)) if m else None


def read_frame(
    raw: bytes, *, file: str, required: Sequence[str], prefer: tuple[str, ...] = LEGACY_ENCODINGS
) -> pd.DataFrame:
    """Like :func:`read_text_table`, also for gzip-compressed CSV and Parquet files (as strings)."""
    import gzip

    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (EOFError, OSError) as e:
            raise FeedError(
                RowError(file, None, None, f"broken gzip file (truncated?): {e}")
            ) from None
    if raw[:4] == b"PAR1":
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            df = pq.read_table(pa.BufferReader(raw)).to_pandas()
        except (pa.ArrowInvalid, OSError) as e:
            raise FeedError(
                RowError(file, None, None, f"unreadable Parquet file (truncated?): {e}")
            ) from None
        require_columns(df, required, file=file)
        if df.empty:
            raise FeedError(RowError(file, None, None, "no data rows 无数据行"))
        return df.astype(object).where(df.notna(), "").astype(str)
    return read_text_table(raw, file=file, required=required, prefer=prefer)


def reject_html(raw: bytes, *, file: str) -> None:
    """An HTML page saved where a CSV download was expected (error page, expired session)."""
    head = raw[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype", b"<html", b"<table", b"<tr", b"<?xml", b"<div", b"<head")):
        raise FeedError(
            RowError(
                file,
                None,
                None,
                "an HTML page, not a CSV file (error page or wrong format?) 不是CSV文件",
            )
        )
