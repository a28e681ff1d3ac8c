"""Committing rows safely: Parquet files, then one Delta commit that only lands on the version
the rows were checked against; storage errors as one-line messages; removal of orphan files.

Writers in any number of processes (or hosts, on object storage) may append to one table. Each
plans its rows against the version it read (which keys are new, which are revisions) and commits
with no automatic retry: Delta writes the next log entry only if absent (an atomic rename on a
folder, a conditional put on S3), so a writer that lost the race gets a conflict, reads the new
version, plans its rows again (dropping keys the winner stored) and retries. No key is stored
twice, whatever the interleaving.
"""

from __future__ import annotations

import errno
import json
import os
import random
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import cast

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from deltalake import CommitProperties, DeltaTable
from deltalake.exceptions import CommitFailedError, DeltaError
from deltalake.transaction import AddAction, RemoveAction
from haisi.warehouse.schemas import TableSpec
from haisi.warehouse.tables import Tables, WarehouseUnavailable

from haisi.errors import Conflict, InvalidInput

__all__ = ["Plan", "commit_checked", "storage_errors", "vacuum", "orphans", "MIN_RETENTION_HOURS"]

FILE_ROWS = 1_000_000  # rows per Parquet file at most (files are written in parallel)
MAX_ATTEMPTS = 200  # commits lost to other writers before giving up (each loss means progress)
MIN_RETENTION_HOURS = 1  # an ingest writes its files and commits them within this window

#: (rows to store, revisions among them, commit metadata) planned against a table version
Plan = tuple[pa.Table, int, dict]


def commit_checked(
    tables: Tables,
    t: TableSpec,
    plan: Callable[[DeltaTable | None], Plan],
    seconds: dict[str, float] | None = None,
) -> tuple[Plan, int | None]:
    """Commit ``plan(table at version V)`` as version V+1, re-planning after every lost race.

    Returns the plan that was committed and the new version (None when nothing was left to
    store). Data files of a lost attempt are reused if the new plan keeps the same rows, else
    deleted. ``seconds`` gets the wall time of writing Parquet files and of committing.
    """
    seconds = {} if seconds is None else seconds
    written: tuple[pa.Table, list[AddAction]] | None = None
    with storage_errors(tables, t.name):
        try:
            for attempt in range(MAX_ATTEMPTS):
                dt = tables.open(t.name)
                rows, revisions, meta = plan(dt)
                if rows.num_rows == 0:
                    return (rows, revisions, meta), None if dt is None else dt.version()
                if dt is None:
                    _create(tables, t)
                    continue  # plan again against the created (empty) table
                if written is None or not _same_rows(written[0], rows):
                    _discard(tables, t.name, written)
                    start = time.perf_counter()
                    written = rows, _write_files(tables, t, rows)
                    seconds["Parquet files"] = time.perf_counter() - start
                start = time.perf_counter()
                try:
                    dt.create_write_transaction(
                        # the stub's list is invariant; a list of adds is what it takes
                        cast("list[AddAction | RemoveAction]", written[1]),
                        mode="append",
                        schema=t.schema,
                        commit_properties=CommitProperties(
                            custom_metadata={"haisi": json.dumps(meta)}, max_commit_retries=0
                        ),
                    )
                except CommitFailedError:
                    if tables.version(t.name) == dt.version():
                        raise  # not a lost race: the commit itself failed
                    time.sleep(random.uniform(0.01, 0.05 * min(attempt + 1, 20)))
                    continue
                written = None
                seconds["Delta commit"] = time.perf_counter() - start
                return (rows, revisions, meta), dt.version() + 1
            raise Conflict(
                f"表 {t.name} 写入冲突 {t.name}: {MAX_ATTEMPTS} commits in a row lost to "
                "other writers; try again"
            )
        finally:
            _discard(tables, t.name, written)


def _create(tables: Tables, t: TableSpec) -> None:
    """Create the table; another writer creating it first is fine (the caller opens it)."""
    try:
        DeltaTable.create(
            tables.table_uri(t.name),
            t.schema,
            mode="ignore",
            name=t.name,
            description=t.title_en,
            storage_options=tables.location.delta_options,
        )
    except CommitFailedError:
        pass


def _same_rows(a: pa.Table, b: pa.Table) -> bool:
    """Whether two plans store the same rows (a plan only drops or keeps rows of one batch)."""
    return a.num_rows == b.num_rows and pc.all(pc.is_in(b["key_hash"], a["key_hash"])).as_py()


def _write_files(tables: Tables, t: TableSpec, rows: pa.Table) -> list[AddAction]:
    """Parquet files of ``rows`` beside the table's log (invisible until committed)."""
    fs, prefix = tables.location.table_filesystem(t.name)
    # Parquet dictionaries for text only: tried on floats and hashes they are built, then dropped
    text = [f.name for f in rows.schema if pa.types.is_dictionary(f.type) or f.type == pa.string()]
    workers = os.cpu_count() or 1
    files = max(1, -(-rows.num_rows // FILE_ROWS))
    if files > 1:  # several files: as many for every worker, so none idles at the end
        files = -(-files // workers) * workers
    size = -(-rows.num_rows // files)

    def write(start: int) -> AddAction:
        part = rows.slice(start, size)
        name = f"part-{uuid.uuid4().hex}.parquet"
        try:  # no Arrow schema in the file: dictionary-encoded strings read back as strings
            pq.write_table(
                part,
                prefix + name,
                compression="zstd",
                use_dictionary=text,
                filesystem=fs,
                store_schema=False,
            )
        except BaseException:
            _delete(fs, [prefix + name])  # a half-written file (disk full) is not left behind
            raise
        info = fs.get_file_info(prefix + name)
        mtime = info.mtime.timestamp() if info.mtime else datetime.now(UTC).timestamp()
        return AddAction(
            path=name,
            size=info.size,
            partition_values={},
            modification_time=int(mtime * 1000),
            data_change=True,
            stats=json.dumps({"numRecords": part.num_rows}),
        )

    starts = range(0, rows.num_rows, size)
    with ThreadPoolExecutor(max_workers=min(len(starts), workers) or 1) as pool:
        futures = [pool.submit(write, s) for s in starts]  # pyarrow encodes without the GIL
    errors = [e for f in futures if (e := f.exception()) is not None]
    actions = [f.result() for f in futures if f.exception() is None]
    if errors:
        _delete(fs, [prefix + a.path for a in actions])
        raise errors[0]
    return actions


def _discard(tables: Tables, table: str, written: tuple[pa.Table, list[AddAction]] | None) -> None:
    """Delete the data files of an attempt that was not committed."""
    if written:
        fs, prefix = tables.location.table_filesystem(table)
        _delete(fs, [prefix + a.path for a in written[1]])


def _delete(fs, paths: list[str]) -> None:
    for p in paths:
        try:
            fs.delete_file(p)
        except OSError:
            pass  # best effort: `haisi vacuum` removes what is left


_ERRNO = {
    errno.ENOSPC: "no space left on the device 磁盘已满",
    errno.EDQUOT: "disk quota exceeded 磁盘配额已满",
    errno.EROFS: "the store is on a read-only file system 只读文件系统",
    errno.EACCES: "permission denied 没有写权限",
    errno.EPERM: "permission denied 没有写权限",
    errno.ENOTDIR: "a path in the store is a file, not a folder 路径不是文件夹",
    errno.EEXIST: "a path in the store is a file, not a folder 路径不是文件夹",
}


@contextmanager
def storage_errors(tables: Tables, table: str) -> Iterator[None]:
    """Storage failures while writing ``table`` as one line naming the store and the cause."""
    try:
        yield
    except OSError as e:
        cause = _ERRNO.get(e.errno or 0) or e.strerror or str(e)
        raise WarehouseUnavailable(
            f"cannot write table {table} at {tables.location.describe()}: {cause}"
        ) from None
    except DeltaError as e:  # incl. a commit refused for another reason than a lost race
        text = str(e)
        known = next((msg for code, msg in _ERRNO.items() if os.strerror(code) in text), None)
        raise WarehouseUnavailable(
            f"cannot write table {table} at {tables.location.describe()}: "
            f"{known or tables.location.explain(e)}"
        ) from None


def orphans(tables: Tables, table: str, retention_hours: int) -> list[str]:
    """Data files no commit refers to, older than ``retention_hours`` (left by interrupted
    writes); files of earlier versions are kept, so every version stays readable."""
    return _vacuum(tables, table, retention_hours, dry_run=True)


def vacuum(tables: Tables, table: str, retention_hours: int) -> list[str]:
    """Delete :func:`orphans` (Delta VACUUM, full, keeping every version's files)."""
    return _vacuum(tables, table, retention_hours, dry_run=False)


def _vacuum(tables: Tables, table: str, retention_hours: int, *, dry_run: bool) -> list[str]:
    if retention_hours < MIN_RETENTION_HOURS:
        raise InvalidInput(
            f"保留时间过短 retention of {retention_hours} h is shorter than "
            f"{MIN_RETENTION_HOURS} h: a running ingest's files could be deleted"
        )
    with storage_errors(tables, table):
        dt = tables.open(table)
        if dt is None:
            return []
        return dt.vacuum(
            retention_hours=retention_hours,
            dry_run=dry_run,
            enforce_retention_duration=False,
            full=True,
            keep_versions=list(range(dt.version() + 1)),
        )
