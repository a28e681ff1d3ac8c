"""The feed contract: a feed turns one source file's bytes into rows of one warehouse table.

Any :class:`RowError` rejects the whole file (nothing of it is stored); names that cannot be
mapped to codes are reported in ``unresolved`` with their row counts, never silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import pandas as pd
from haisi.warehouse.schemas import spec

__all__ = ["RowError", "FeedResult", "Feed", "FeedError", "BaseFeed", "conform", "MAX_ERRORS"]

MAX_ERRORS = 20  # errors listed per file; more are summarised in one line


@dataclass(frozen=True)
class RowError:
    """One problem: file, 1-based data row (None = whole file), column, message."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


@dataclass
class FeedResult:
    """Rows for ``table`` (domain columns only), or the errors that reject the file."""

    table: str  # "trade_flows" or "tourism_flows"
    rows: pd.DataFrame  # the table's domain columns (see warehouse/schemas.py)
    errors: list[RowError]  # any error → the whole file is rejected
    unresolved: dict[str, int]  # source names that could not be mapped to codes → row count
    source_revision: str | None = None  # e.g. GACC vintage, Comtrade publication
    skipped: dict[str, int] = field(
        default_factory=dict
    )  # reason → rows the source marks as aggregates
    rows_read: int | None = None  # data rows in the file; default len(rows)
    seconds: dict[str, float] = field(default_factory=dict)  # stage → wall time, if measured

    @property
    def n_read(self) -> int:
        return len(self.rows) if self.rows_read is None else self.rows_read


@runtime_checkable
class Feed(Protocol):
    """A reader of one source format."""

    name: str
    table: str
    source_id: str

    def parse(self, raw: bytes, *, source_uri: str) -> FeedResult: ...


class FeedError(Exception):
    """Raised inside a parser; carries the row errors that reject the file."""

    def __init__(self, errors: RowError | Iterable[RowError]) -> None:
        self.errors = [errors] if isinstance(errors, RowError) else list(errors)
        super().__init__("; ".join(str(e) for e in self.errors[:3]))


class BaseFeed:
    """Shared plumbing: subclasses implement :meth:`_parse`, which may raise :class:`FeedError`."""

    name: str = ""
    table: str = "trade_flows"
    source_id: str = ""
    description: str = ""

    def parse(self, raw: bytes, *, source_uri: str) -> FeedResult:
        try:
            return self._parse(raw, source_uri)
        except FeedError as e:
            return FeedResult(
                self.table, empty_rows(self.table), e.errors[: MAX_ERRORS + 1], {}, rows_read=0
            )

    def _parse(self, raw: bytes, file: str) -> FeedResult:  # pragma: no cover - abstract
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} → {self.table}>"


def empty_rows(table: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in spec(table).domain_names})


def conform(
    table: str, df: pd.DataFrame, defaults: Mapping[str, Any] | None = None
) -> pd.DataFrame:
    """The table's domain columns in schema order: given columns, then ``defaults``, else null.

    Columns keep their (Arrow-backed) dtypes, so large frames are not copied into Python objects.
    """
    import pyarrow as pa

    t = spec(table)
    n = len(df)
    defaults = dict(defaults or {})
    out = {}
    for c in t.domain_names:
        if c in df.columns:
            out[c] = df[c].reset_index(drop=True)
            continue
        dtype = {pa.string(): "string[pyarrow]", pa.int64(): "Int64"}.get(
            t.column(c).type, "float64"
        )
        if c in defaults and defaults[c] is not None:
            out[c] = pd.Series(defaults[c], index=range(n), dtype=dtype)
        else:
            out[c] = pd.Series(
                pd.NA if dtype != "float64" else float("nan"), index=range(n), dtype=dtype
            )
    return pd.DataFrame(out, index=range(n), copy=False)  # columns as they are, not consolidated
