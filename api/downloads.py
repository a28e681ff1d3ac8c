"""Dataset downloads: one query per (dataset version, filters), written once, served many times.

A download is built in a worker thread into
``DATA_DIR/downloads/<table>@v<N>-<table id>-<filters>.<fmt>`` (atomic rename) with its SHA-256
beside it, then streamed from disk. The Delta table id is drawn when a table is created, so a
store rebuilt at the same path, or another store sharing ``DATA_DIR``, never gets a file of the
old one. Rows are ordered by the table's business key and source, so the same version and
filters give the same bytes, and the cached file is what every later request for them gets.
CSV is UTF-8 with a BOM, so Excel on a Chinese desktop opens it correctly; text cells that a
spreadsheet would run as a formula are neutralised (see :func:`neutralise_formulas`).
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from haisi.warehouse import Warehouse
from haisi.warehouse.filters import within
from haisi.warehouse.schemas import spec

from haisi.errors import Conflict, InvalidInput, NotFound

__all__ = [
    "FORMATS",
    "Filters",
    "DownloadError",
    "build_download",
    "download_table",
    "citation",
    "neutralise_formulas",
]

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
    "json": "application/json",
    "ndjson": "application/x-ndjson",
}
_HIDDEN = {"key_hash", "row_hash"}
_BOM = "\ufeff".encode()


class DownloadError(InvalidInput):
    """A download request that does not fit the table (unknown version, filter, format)."""


@dataclass(frozen=True)
class Filters:
    """Row filters a download accepts; each applies only to tables with that column."""

    period_from: str | None = None
    period_to: str | None = None
    reporter: str | None = None
    partner: str | None = None
    hs: str | None = None
    origin: str | None = None
    destination: str | None = None

    def where(self, table: str) -> dict:
        """Scan filters (all must hold); DownloadError for a filter the table lacks."""
        cols = set(spec(table).domain_names)
        if self.period_from and self.period_to and self.period_from > self.period_to:
            raise Conflict(  # valid parts that conflict with each other (409, api/README.md)
                f"起始期晚于截止期 period_from {self.period_from} is after "
                f"period_to {self.period_to}"
            )
        conds: dict = {}
        need = {
            "period_from": "period",
            "period_to": "period",
            "reporter": "reporter",
            "partner": "partner",
            "hs": "hs_code",
            "origin": "origin",
            "destination": "destination",
        }
        period = within(self.period_from, self.period_to)
        for name, col in need.items():
            val = getattr(self, name)
            if val is None or val == "":
                continue
            if col not in cols:
                raise DownloadError(
                    f"筛选条件 {name} 不适用于 {table}; filter {name!r} does not "
                    f"apply to table {table!r} (no column {col!r})"
                )
            conds[col] = {"period_from": period, "period_to": period, "hs": ("prefix", val)}.get(
                name, val
            )
        return conds

    def tag(self) -> str:
        """A short stable hash of the filters, part of the cache file name."""
        raw = json.dumps(self.__dict__, sort_keys=True)
        return hashlib.sha1(raw.encode()).hexdigest()[:12]


def download_columns(table: str) -> list[str]:
    """Columns a download carries: domain and provenance columns, no internal hashes or blobs."""
    t = spec(table)
    return [c.name for c in t.all_columns if c.name not in _HIDDEN and c.type != pa.binary()]


def download_table(wh: Warehouse, table: str, version: int, filters: Filters) -> pa.Table:
    """The rows of one download, ordered by business key and source, at Delta ``version``."""
    t = spec(table)
    return wh.scan(
        table,
        version=version,
        columns=download_columns(table),
        filters=filters.where(table),
        order_by=[*t.key, "source_id", "batch_id"],
    )


def citation(wh: Warehouse, table: str, version: int, checksum: str | None = None) -> str:
    """The line to cite a download by (ASCII, so it can travel in an HTTP header)."""
    t = spec(table)
    line = (
        f"haisi Maritime Silk Road analytics (Fuzhou): {t.title_en}, dataset {table}@v{version}, "
        f"GET /datasets/{table}/download?version={version}"
    )
    return line + (f", SHA-256 {checksum}" if checksum else "")


def _json_default(v):
    return v.isoformat() if hasattr(v, "isoformat") else str(v)


_FORMULA = r"^[=+\-@\t\r]"  # what Excel, LibreOffice and Sheets read as the start of a formula


def neutralise_formulas(tbl: pa.Table) -> pa.Table:
    """Text cells starting with ``= + - @``, tab or CR get a leading ``'`` (OWASP's advice for
    CSV injection), so a source cell such as ``=HYPERLINK(…)`` is shown, never run.

    Only text columns change: numbers (negative ones too) stay numbers.
    """
    cols = []
    for col in tbl.columns:
        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            hit = pc.match_substring_regex(col, _FORMULA)
            col = pc.if_else(hit, pc.binary_join_element_wise("'", col, ""), col)
        cols.append(col)
    return pa.Table.from_arrays(cols, schema=tbl.schema)


def _write(tbl: pa.Table, fmt: str, path: Path, meta: dict) -> None:
    if fmt == "csv":
        with path.open("wb") as fh:
            fh.write(_BOM)
            pacsv.write_csv(neutralise_formulas(tbl), fh)
    elif fmt == "parquet":
        schema = tbl.schema.with_metadata({"haisi": json.dumps(meta, ensure_ascii=False)})
        pq.write_table(tbl.cast(schema), path, compression="zstd")
    elif fmt == "ndjson":
        with path.open("w", encoding="utf-8", newline="\n") as fh:
            for row in tbl.to_pylist():
                fh.write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")
    else:
        with path.open("w", encoding="utf-8", newline="\n") as fh:
            fh.write(json.dumps(meta, ensure_ascii=False)[:-1] + ', "data": [')
            for i, row in enumerate(tbl.to_pylist()):
                fh.write(
                    ("," if i else "") + json.dumps(row, ensure_ascii=False, default=_json_default)
                )
            fh.write("]}")


def build_download(
    wh: Warehouse,
    cache_dir: Path,
    table: str,
    *,
    fmt: str,
    version: int | None = None,
    filters: Filters = Filters(),
) -> tuple[Path, str, int]:
    """The file of one download (built once per version and filters), its SHA-256 and version."""
    if fmt not in FORMATS:
        raise DownloadError(f"未知格式 unknown format {fmt!r}; formats: {', '.join(FORMATS)}")
    current, table_id = _commit(wh, table)
    if current is None:
        raise NotFound(f"数据集为空 dataset {table!r} has no data yet, so no version to download")
    v = current if version is None else version
    if not 0 <= v <= current:
        raise NotFound(f"版本不存在 dataset {table!r} has no version {v}; versions 1..{current}")
    filters.where(table)  # rejects a filter the table lacks before any work
    path = cache_dir / f"{table}@v{v}-{table_id}-{wh.clearance}-{filters.tag()}.{fmt}"
    digest_path = path.with_name(path.name + ".sha256")
    if path.exists() and digest_path.exists():
        return path, digest_path.read_text().strip(), v
    cache_dir.mkdir(parents=True, exist_ok=True)
    tbl = download_table(wh, table, v, filters)
    t = spec(table)
    meta = {
        "dataset": table,
        "dataset_version": f"{table}@v{v}",
        "title_zh": t.title_zh,
        "title_en": t.title_en,
        "licence": t.licence,
        "citation": citation(wh, table, v),
        "filters": {k: val for k, val in filters.__dict__.items() if val},
        "count": tbl.num_rows,
    }
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")  # one per builder
    _write(tbl, fmt, tmp, meta)
    digest = hashlib.sha256(tmp.read_bytes()).hexdigest()
    os.replace(tmp, path)
    digest_path.write_text(digest)
    return path, digest, v


def _commit(wh: Warehouse, table: str) -> tuple[int | None, str]:
    """(current version, the Delta table id) from one log read; (None, "") for no table.

    Version N of a table id is one immutable commit, so the pair names a download's rows.
    """
    from deltalake.exceptions import TableNotFoundError

    try:
        dt = wh.delta_table(table)
    except TableNotFoundError:
        return None, ""
    return dt.version(), str(dt.metadata().id).replace("-", "")[:16]
