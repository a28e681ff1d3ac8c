"""Ingest files of one feed format into the warehouse, one atomic commit per file.

A file is parsed, validated and appended with its provenance (source id, path, SHA-256 of its
bytes, the source's revision). Any error rejects that file whole (nothing of it is stored, the
table stays at its previous version) while the other files still load. A file whose bytes were
already ingested is skipped; a changed file stores only new and revised rows (a new version).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from haisi.crawlers.feeds.base import MAX_ERRORS, BaseFeed, FeedResult, RowError
from haisi.warehouse import Provenance, Warehouse

from haisi.errors import HaisiError

__all__ = ["FileReport", "ingest_file", "ingest_files"]


@dataclass
class FileReport:
    """The outcome for one file: status, rows read / stored / rejected, the version it made."""

    file: str
    status: str  # stored | unchanged | already ingested | rejected
    table: str
    rows_read: int = 0
    rows_stored: int = 0
    rows_unchanged: int = 0  # identical to the stored revision of their key (already there)
    rows_rejected: int = 0
    revisions: int = 0
    version: int | None = None
    dataset_version: str | None = None
    errors: list[RowError] = field(default_factory=list)
    unresolved: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # stage → wall time (bench/ingest)

    @property
    def ok(self) -> bool:
        return self.status != "rejected"


def ingest_file(
    feed: BaseFeed,
    path: Path | str,
    wh: Warehouse,
    *,
    strict: bool = False,
    source_revision: str | None = None,
) -> FileReport:
    """Parse, validate and store one file; never raises for bad data (see ``errors``).

    ``strict`` rejects the file when any source name cannot be resolved to a code.
    """
    path = Path(path)
    file = str(path)
    seconds: dict[str, float] = {}
    start = time.perf_counter()
    try:
        raw = path.read_bytes()
    except OSError as e:
        return FileReport(
            file,
            "rejected",
            feed.table,
            errors=[RowError(file, None, None, f"cannot read: {e.strerror or e}")],
        )
    seconds["read"] = time.perf_counter() - start
    start = time.perf_counter()
    commits = [h for h in wh.history(feed.table) if h.get("source_id") == feed.source_id]
    if commits:  # these bytes may have been stored: hash first, so a repeat is skipped unparsed
        digest = hashlib.sha256(raw).hexdigest()
        if _already_latest(commits, digest):
            return FileReport(
                file,
                "already ingested",
                feed.table,
                version=wh.version(feed.table),
                dataset_version=wh.dataset_version(feed.table),
            )
        res = _parse(feed, raw, file)
    else:  # a first load of this source: the SHA-256 runs beside the parse (it frees the GIL)
        with ThreadPoolExecutor(1) as pool:
            hashing = pool.submit(lambda: hashlib.sha256(raw).hexdigest())
            res = _parse(feed, raw, file)
            digest = hashing.result()
    seconds["SHA-256 + parse + checks"] = time.perf_counter() - start
    if isinstance(res, Exception):
        return FileReport(
            file,
            "rejected",
            feed.table,
            errors=[
                RowError(
                    file,
                    None,
                    None,
                    f"the {feed.name} reader failed: {type(res).__name__}: {res} "
                    "(a bug, please report it) 读取程序出错",
                )
            ],
        )
    report = FileReport(
        file,
        "rejected",
        feed.table,
        rows_read=res.n_read,
        errors=list(res.errors),
        unresolved=res.unresolved,
        skipped=res.skipped,
        seconds={**seconds, **res.seconds},
    )
    if strict and res.unresolved and not res.errors:
        report.errors = [
            RowError(file, None, None, f"unresolved name {n!r} in {k} row(s) 无法识别的名称")
            for n, k in list(res.unresolved.items())[:MAX_ERRORS]
        ]
    if not report.errors and len(res.rows) == 0:
        report.errors = [
            RowError(
                file,
                None,
                None,
                "no row could be stored (every name unresolved or skipped) 没有可入库的行",
            )
        ]
    if report.errors:
        report.rows_rejected = report.rows_read
        return report
    prov = Provenance(
        source_id=feed.source_id,
        source_uri=str(path.resolve()),
        content_hash=digest,
        source_revision=source_revision or res.source_revision,
    )
    try:
        wr = wh.append(feed.table, res.rows, provenance=prov)
    except HaisiError as e:  # data the table refuses, or a store that cannot be written
        report.errors = [RowError(file, None, None, str(e))]
        report.rows_rejected = report.rows_read
        return report
    report.status = "stored" if wr.rows_stored else "unchanged"
    report.rows_stored = wr.rows_stored
    report.rows_unchanged = wr.rows_unchanged
    report.revisions = wr.revisions
    report.rows_rejected = res.n_read - len(res.rows)
    report.version = wr.version
    report.dataset_version = wr.dataset_version
    report.seconds.update(wr.seconds)
    return report


def _parse(feed: BaseFeed, raw: bytes, file: str) -> FeedResult | Exception:
    """The feed's result, or the exception of a reader bug (which must not stop the next file)."""
    try:
        return feed.parse(raw, source_uri=file)
    except Exception as e:
        return e


def _already_latest(commits: list[dict], digest: str) -> bool:
    """True if these bytes were stored and no later commit of the source revised any figure.

    ``commits`` are the source's commits to the table, newest first. After a revision, loading
    an earlier file again is not skipped: its rows are compared with the latest ones and
    differing figures are stored as a new revision (a correction undone).
    """
    for h in commits:
        if h.get("content_hash") == digest:
            return True
        if h.get("revisions"):
            return False
    return False


def ingest_files(
    feed: BaseFeed,
    paths: Iterable[Path | str],
    wh: Warehouse,
    *,
    strict: bool = False,
    source_revision: str | None = None,
    on_file: Callable[[FileReport], None] | None = None,
) -> list[FileReport]:
    """:func:`ingest_file` for each path in turn; ``on_file`` is called after each (progress)."""
    out = []
    for p in paths:
        r = ingest_file(feed, p, wh, strict=strict, source_revision=source_revision)
        out.append(r)
        if on_file:
            on_file(r)
    return out
