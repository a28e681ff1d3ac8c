"""Reading delimited text feeds into string frames, with errors that name file, row and column.

Shared by the per-format readers: header checks, truncated-row detection, numeric columns,
and country-name resolution that counts every name it cannot resolve.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence

import pandas as pd

from haisi.crawlers.feeds.base import MAX_ERRORS, FeedError, RowError
from haisi.crawlers.feeds.encoding import LEGACY_ENCODINGS, decode
from haisi.crawlers.feeds.numbers import to_numbers

__all__ = ["read_text_table", "read_frame", "reject_html", "require_columns", "numeric", "resolve",
           "check_values", "raise_if"]


def read_text_table(raw: bytes, *, file: str, required: Sequence[str],
                    prefer: tuple[str, ...] = LEGACY_ENCODINGS) -> pd.DataFrame:
    """All cells as stripped strings ('' for empty); index 0 is data row 1.

    A trailing delimiter (GACC, Comtrade) yields an unnamed empty column, which is dropped.
    A row with fewer fields than the header (a truncated file) is an error.
    """
    reject_html(raw, file=file)
    text, _ = decode(raw, file=file, prefer=prefer)
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, index_col=False,
                         skipinitialspace=False)
    except pd.errors.EmptyDataError:
        raise FeedError(RowError(file, None, None, "empty file (no header) 空文件")) from None
    except (pd.errors.ParserError, csv.Error) as e:
        what = "unterminated quoted field (truncated file?) 行不完整" if "EOF inside string" in str(e) else e
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
        raise FeedError(RowError(file, i, header[n],
                                 "row has fewer fields than the header (truncated file?) 行不完整"))
    for c in df.columns:
        df[c] = df[c].fillna("").str.strip()
    return df.reset_index(drop=True)


def require_columns(df: pd.DataFrame, required: Sequence[str], *, file: str) -> None:
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise FeedError(RowError(
            file, None, ", ".join(missing),
            f"missing column(s) {missing}; found {list(df.columns)[:12]} 缺少列"))


def numeric(df: pd.DataFrame, column: str, *, file: str, errors: list[RowError],
            scale: float | pd.Series = 1.0, required: bool = False) -> pd.Series:
    """Numbers from a text column; bad cells (and, if ``required``, missing ones) become errors."""
    values, bad = to_numbers(df[column])
    flagged = bad | values.isna() if required else bad
    for i in flagged.to_numpy().nonzero()[0][:MAX_ERRORS]:
        cell = df[column].iloc[i]
        msg = "not a number 非数值" if bad.iloc[i] else "missing value 缺值"
        errors.append(RowError(file, int(i) + 1, column, f"{msg}: {cell!r}"))
    return values if isinstance(scale, float) and scale == 1.0 else values * scale


def check_values(df: pd.DataFrame, column: str, allowed: Callable[[pd.Series], pd.Series] | set[str],
                 *, file: str, errors: list[RowError], what: str) -> None:
    """Error for every cell of ``column`` outside ``allowed`` (a set or a vectorised predicate)."""
    s = df[column]
    ok = s.isin(allowed) if isinstance(allowed, (set, frozenset)) else allowed(s)
    for i in (~ok.fillna(False)).to_numpy().nonzero()[0][: MAX_ERRORS]:
        errors.append(RowError(file, int(i) + 1, column, f"unknown {what}: {s.iloc[i]!r}"))


def resolve(names: pd.Series, resolver: Callable[[str], str | None] | None = None,
            label: Callable[[str], str] | None = None) -> tuple[pd.Series, dict[str, int]]:
    """Map source names/codes to ISO3 (one lookup per distinct name); unresolved → counts."""
    if resolver is None:
        from haisi.reference.countries import resolve_country as resolver
    uniq = pd.unique(names)
    mapping = {n: resolver(str(n)) for n in uniq}
    codes = names.map(mapping)
    miss = names[codes.isna()]
    counts = miss.value_counts()
    unresolved = {(label(n) if label else str(n)): int(k) for n, k in counts.items()}
    return codes, unresolved


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


def read_frame(raw: bytes, *, file: str, required: Sequence[str],
               prefer: tuple[str, ...] = LEGACY_ENCODINGS) -> pd.DataFrame:
    """Like :func:`read_text_table`, also for gzip-compressed CSV and Parquet files (as strings)."""
    import gzip

    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (EOFError, OSError) as e:
            raise FeedError(RowError(file, None, None, f"broken gzip file (truncated?): {e}")) from None
    if raw[:4] == b"PAR1":
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            df = pq.read_table(pa.BufferReader(raw)).to_pandas()
        except (pa.ArrowInvalid, OSError) as e:
            raise FeedError(RowError(file, None, None, f"unreadable Parquet file (truncated?): {e}")) from None
        require_columns(df, required, file=file)
        if df.empty:
            raise FeedError(RowError(file, None, None, "no data rows 无数据行"))
        return df.astype(object).where(df.notna(), "").astype(str)
    return read_text_table(raw, file=file, required=required, prefer=prefer)


def reject_html(raw: bytes, *, file: str) -> None:
    """An HTML page saved where a CSV download was expected (error page, expired session)."""
    head = raw[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype", b"<html", b"<table", b"<tr", b"<?xml", b"<div", b"<head")):
        raise FeedError(RowError(file, None, None,
                                 "an HTML page, not a CSV file (error page or wrong format?) 不是CSV文件"))
