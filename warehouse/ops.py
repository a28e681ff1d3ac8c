"""Operational state: API keys (hashed), jobs, the audit log and crawl runs.

The database is one SQLite file (``settings.ops_db``, WAL mode, the embedded default) or a
PostgreSQL server (``settings.ops_db_url``) that API replicas on several hosts share; see
:mod:`haisi.warehouse.ops_backends`. This module owns the DDL; callers use the small
functions below. Writes retry a busy or unreachable database for ``retry_s`` seconds and then
raise :class:`OpsUnavailable` with one line saying where and why. Audit rows and crawl-run
records go through a durable local journal when one is open (:meth:`OpsDB.open_journal`), so a
request never waits on the database and nothing is lost while it is busy or down.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import secrets
import socket
import threading
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TypeVar, cast

from haisi.warehouse.ops_backends import backend_for
from haisi.warehouse.ops_journal import OpsJournal

from haisi.errors import InvalidInput, Unavailable

__all__ = [
    "ROLES",
    "OpsDB",
    "ApiKey",
    "OpsUnavailable",
    "KEY_CACHE_SECONDS",
    "process_owner",
    "KEY_MISS",
]

log = logging.getLogger(__name__)
T = TypeVar("T")

ROLES = ("analyst", "customs", "tourism", "researcher", "admin")
LABEL_PATTERN = r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029]*$"  # no newlines or control characters
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

#: How long a key lookup is reused: revocations on another replica are honoured within this.
KEY_CACHE_SECONDS = 0.5
#: What :meth:`OpsDB.cached_key` answers when it has no fresh answer (None means "no such key").
KEY_MISS = object()

_DDL = """
CREATE TABLE IF NOT EXISTS api_keys (
    key_id TEXT PRIMARY KEY,          -- public prefix shown in logs, never the secret
    key_hash TEXT NOT NULL UNIQUE,    -- sha256 of the full key
    role TEXT NOT NULL,
    label TEXT,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS jobs (
    job_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,             -- queued, running, done, failed
    params TEXT,
    result TEXT,
    error TEXT,
    progress REAL DEFAULT 0,
    created_by TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
    id {serial},
    at TEXT NOT NULL,
    key_id TEXT,
    role TEXT,
    action TEXT NOT NULL,             -- read, download, key_create, key_revoke, forecast_run, …
    resource TEXT NOT NULL,
    detail TEXT,
    status INTEGER,
    uid TEXT                          -- unique per event: a journal replay stores it once
);
CREATE TABLE IF NOT EXISTS crawl_runs (
    run_id TEXT PRIMARY KEY,
    spider TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,             -- running, finished, interrupted, failed
    pages INTEGER DEFAULT 0,
    items INTEGER DEFAULT 0,
    errors TEXT,                      -- JSON {reason: count}
    owner TEXT                        -- host:pid:process-start of the crawl, to close stale runs
);
CREATE TABLE IF NOT EXISTS forecast_runs (
    run_id TEXT PRIMARY KEY,          -- a caller's forecast run: never the published forecast
    series_id TEXT NOT NULL,
    created_by TEXT,                  -- key_id of the caller (NULL when keys are not required)
    created_at TEXT NOT NULL,
    data_version TEXT,
    params TEXT,                      -- JSON: horizon, levels, job_id …
    result TEXT                       -- JSON: the forecast rows, model, grade, reason
);
CREATE INDEX IF NOT EXISTS forecast_runs_series ON forecast_runs(series_id, created_at);
CREATE TABLE IF NOT EXISTS crawl_state (
    url TEXT PRIMARY KEY,             -- incremental crawling: what we saw last time
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT,
    fetched_at TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS audit_uid ON audit(uid)
"""

#: Columns added after the first release: (table, column, type); old databases get them on open.
_ADDED_COLUMNS = (("audit", "uid", "TEXT"), ("crawl_runs", "owner", "TEXT"))
_TABLES = ("api_keys", "jobs", "audit", "crawl_runs", "crawl_state", "forecast_runs")

#: Incremental crawl state, read and upserted by the crawler (crawlers.storage.PageStates);
#: the SQL lives here with the table it touches.
PAGE_STATE_SELECT = "SELECT etag, last_modified, content_hash FROM crawl_state WHERE url=?"
PAGE_STATE_UPSERT = (
    "INSERT INTO crawl_state(url, etag, last_modified, content_hash, fetched_at) "
    "VALUES (?,?,?,?,?) "
    "ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, last_modified=excluded.last_modified, "
    "content_hash=excluded.content_hash, fetched_at=excluded.fetched_at"
)

_AUDIT_INSERT = (
    "INSERT INTO audit(at, key_id, role, action, resource, detail, status, uid) "
    "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(uid) DO NOTHING"
)
_RUN_START = (
    "INSERT INTO crawl_runs(run_id, spider, started_at, status, owner) "
    "VALUES (?,?,?,?,?) ON CONFLICT(run_id) DO NOTHING"
)
_RUN_FINISH = (
    "INSERT INTO crawl_runs(run_id, spider, started_at, finished_at, status, pages, items, errors, "
    "owner) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(run_id) DO UPDATE SET "
    "finished_at=excluded.finished_at, status=excluded.status, pages=excluded.pages, "
    "items=excluded.items, errors=excluded.errors"
)


class OpsUnavailable(Unavailable):
    """The ops database stayed busy or unreachable for the whole retry window."""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


def process_owner(pid: int | None = None) -> str:
    """``host:pid:start`` naming a live process (start time from /proc guards against pid reuse)."""
    pid = os.getpid() if pid is None else pid
    return f"{socket.gethostname()}:{pid}:{_process_start(pid)}"


def _process_start(pid: int) -> str:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[1].split()[19]


def _owner_alive(owner: str) -> bool | None:
    """Whether the process named by ``owner`` still runs; None if it ran on another host."""
    host, pid, start = owner.rsplit(":", 2)
    if host != socket.gethostname():
        return None
    return _process_start(int(pid)) == start != ""


class ApiKey(dict):
    """A key row without its hash: key_id, role, label, created_at, revoked_at."""


class OpsDB:
    """Small typed access to the operational database (SQLite file or PostgreSQL URL)."""

    def __init__(
        self,
        target: Path | str,
        *,
        retry_s: float = 20.0,
        journal_root: Path | None = None,
        key_cache_s: float = 0.0,
    ) -> None:
        self.backend = backend_for(target, busy_timeout_s=min(retry_s, 2.0))
        self.retry_s = retry_s
        self.name = self.backend.name
        self.path = Path(target) if self.backend.kind == "sqlite" else None
        self._journal_root = journal_root
        self._journal: OpsJournal | None = None
        self.key_cache_s = key_cache_s  # the service uses KEY_CACHE_SECONDS; others read through
        self._keys: dict[str, tuple[float, ApiKey | None]] = {}
        self._keys_lock = threading.Lock()
        self.retry(self._ensure_schema, "creating the schema")

    @classmethod
    def from_settings(cls, settings: Any = None, *, key_cache_s: float = 0.0) -> "OpsDB":
        """The ops database the settings name: OPS_DB_URL if set, else the OPS_DB file."""
        from haisi.settings import get_settings

        s = settings or get_settings()
        # ops_db is filled by the settings' validator when unset
        return cls(
            cast("str | Path", s.ops_db_url or s.ops_db),
            retry_s=s.ops_db_retry_seconds,
            journal_root=s.data_dir / "ops-journal",
            key_cache_s=key_cache_s,
        )

    # ---- plumbing ----------------------------------------------------------------------
    def retry(self, fn: Callable[[], T], what: str) -> T:
        """``fn()``, retried with backoff while the database is busy or unreachable."""
        deadline = time.monotonic() + self.retry_s
        delay = 0.05
        while True:
            try:
                return fn()
            except Exception as e:
                if not self.backend.busy(e):
                    raise
                left = deadline - time.monotonic()
                if left <= 0:
                    raise OpsUnavailable(
                        f"运维数据库繁忙或无法访问 ops database busy or unreachable while {what} "
                        f"({self.name}, retried {self.retry_s:g} s): {_first_line(e)}",
                        detail={"database": self.name},
                    ) from None
                time.sleep(min(delay, left))
                delay = min(delay * 2, 1.0)

    def _write(self, sql: str, params: tuple, what: str) -> int:
        """One statement in autocommit, retried; returns the affected row count."""

        def run() -> int:
            return self.backend.execute(self.backend.connection(), sql, params).rowcount

        return self.retry(run, what)

    def _read(self, sql: str, params: tuple, what: str) -> list[dict]:
        return self.retry(
            lambda: self.backend.fetchall(self.backend.connection(), sql, params), what
        )

    def _ensure_schema(self) -> None:
        """Create missing tables and add missing columns; reads only when all is in place."""
        b = self.backend
        con = b.connection()
        have = {t: b.columns(con, t) for t in _TABLES}
        if all(have.values()) and all(c in have[t] for t, c, _ in _ADDED_COLUMNS):
            return
        with b.transaction() as con:
            for stmt in b.ddl(_DDL.split("CREATE UNIQUE INDEX")[0]):
                b.execute(con, stmt)
            for table, column, kind in _ADDED_COLUMNS:
                if column not in b.columns(con, table):
                    b.execute(con, f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
            b.execute(con, "CREATE UNIQUE INDEX" + _DDL.split("CREATE UNIQUE INDEX")[1])

    def connection(self) -> Any:
        """This thread's connection, for callers that keep one (crawl state); see ``backend``."""
        return self.backend.connection()

    # ---- the durable journal -----------------------------------------------------------
    @property
    def journal_dir(self) -> Path:
        """Where this database's journal files live: beside a SQLite file, else under DATA_DIR."""
        if self.path is not None:
            return self.path.with_name(self.path.name + ".journal")
        if self._journal_root is None:
            from haisi.settings import get_settings

            self._journal_root = get_settings().data_dir / "ops-journal"
        return self._journal_root / self.backend.identity

    def open_journal(self, interval_s: float = 0.2) -> OpsJournal:
        """Send audit rows and crawl-run records through a durable journal from now on."""
        if self._journal is None:
            self._journal = OpsJournal(
                self.journal_dir,
                self._apply,
                interval_s=interval_s,
                after_replay=self.close_stale_runs,
            )
        return self._journal

    def close_journal(self, timeout_s: float | None = None) -> bool:
        """Flush and close the journal; True if every event reached the database."""
        journal, self._journal = self._journal, None
        if journal is None:
            return True
        return journal.close(self.retry_s if timeout_s is None else timeout_s)

    def journal_pending(self) -> int:
        """Events journalled by this process and not yet in the database (0 without a journal)."""
        journal = self._journal
        return journal.pending() if journal is not None else 0

    def _submit(self, event: dict) -> None:
        """Journal ``event``; without a journal, or if it cannot be written (a full disk), store
        it directly (retried); if that fails too the caller gets the error: never a silent loss."""
        journal = self._journal
        try:
            if journal is not None and journal.put(event):
                return
        except OSError as e:
            log.error(
                "审计日志文件写入失败，直接写入运维库 journal not writable (%s); writing "
                "to the ops database directly",
                e,
            )
        self.retry(lambda: self._apply([event]), f"recording {event['kind']}")

    def _apply(self, events: list[dict]) -> None:
        """Store journal events in one transaction; each is idempotent, so replays are safe."""
        audits = [
            (
                e["at"],
                e["key_id"],
                e["role"],
                e["action"],
                e["resource"],
                e["detail"],
                e["status"],
                e["uid"],
            )
            for e in events
            if e["kind"] == "audit"
        ]
        with self.backend.transaction() as con:
            if audits:
                self.backend.executemany(con, _AUDIT_INSERT, audits)
            for e in events:
                if e["kind"] == "crawl_start":
                    self.backend.execute(
                        con,
                        _RUN_START,
                        (e["run_id"], e["spider"], e["started_at"], "running", e["owner"]),
                    )
                elif e["kind"] == "crawl_finish":
                    self.backend.execute(
                        con,
                        _RUN_FINISH,
                        (
                            e["run_id"],
                            e["spider"],
                            e["started_at"],
                            e["finished_at"],
                            e["status"],
                            e["pages"],
                            e["items"],
                            json.dumps(e["errors"], ensure_ascii=False),
                            e["owner"],
                        ),
                    )

    # ---- API keys ----------------------------------------------------------------------
    def create_key(self, role: str, label: str | None = None) -> tuple[str, str]:
        """Create a key for ``role``; returns (key_id, secret). Only the hash is stored."""
        if role not in ROLES:
            raise InvalidInput(f"unknown role {role!r}; roles: {', '.join(ROLES)}")
        if label is not None and (_CONTROL.search(label) or len(label) > 200):
            raise InvalidInput(
                "备注不得含换行或控制字符，且不超过200字 the label may not hold newlines "
                "or control characters and is at most 200 characters",
                detail={"field": "label"},
            )
        key_id = "hs_" + secrets.token_hex(4)
        secret = f"{key_id}.{secrets.token_urlsafe(24)}"
        self._write(
            "INSERT INTO api_keys(key_id, key_hash, role, label, created_at) VALUES (?,?,?,?,?)",
            (key_id, _hash(secret), role, label, _now()),
            "creating a key",
        )
        with self._keys_lock:
            self._keys.pop(_hash(secret), None)
        return key_id, secret

    def revoke_key(self, key_id: str) -> bool:
        """Revoke ``key_id`` now; False if it is unknown or already revoked."""
        n = self._write(
            "UPDATE api_keys SET revoked_at=? WHERE key_id=? AND revoked_at IS NULL",
            (_now(), key_id),
            "revoking a key",
        )
        with self._keys_lock:
            self._keys = {
                h: v for h, v in self._keys.items() if not v[1] or v[1]["key_id"] != key_id
            }
        return n == 1

    def lookup_key(self, secret: str) -> ApiKey | None:
        """The active key matching ``secret``, or None (unknown or revoked).

        With ``key_cache_s`` set (the service: :data:`KEY_CACHE_SECONDS`) answers are reused
        that long, so a revocation made by another process is honoured within that time (one
        made through this instance at once).
        """
        h = _hash(secret)
        hit = self.cached_key(secret, h)
        if hit is not KEY_MISS:
            return hit  # type: ignore[return-value]
        rows = self._read(
            "SELECT key_id, role, label, created_at, revoked_at FROM api_keys "
            "WHERE key_hash=? AND revoked_at IS NULL",
            (h,),
            "looking up a key",
        )
        key = ApiKey(rows[0]) if rows else None
        if not self.key_cache_s:
            return key
        with self._keys_lock:
            if len(self._keys) >= 10_000:  # a flood of wrong keys must not grow memory
                self._keys.clear()
            self._keys[h] = (time.monotonic(), key)
        return key

    def cached_key(self, secret: str, h: str | None = None) -> ApiKey | None | object:
        """The cached answer for ``secret`` if fresh, else :data:`KEY_MISS` (no I/O)."""
        hit = self._keys.get(h or _hash(secret))
        if hit is not None and time.monotonic() - hit[0] < self.key_cache_s:
            return hit[1]
        return KEY_MISS

    def list_keys(self) -> list[ApiKey]:
        rows = self._read(
            "SELECT key_id, role, label, created_at, revoked_at FROM api_keys ORDER BY created_at",
            (),
            "listing keys",
        )
        return [ApiKey(r) for r in rows]

    # ---- audit -------------------------------------------------------------------------
    def audit(
        self,
        *,
        key_id: str | None,
        role: str | None,
        action: str,
        resource: str,
        detail: dict | None = None,
        status: int | None = None,
    ) -> None:
        """Record who did what; through the journal (no waiting) when one is open."""
        self._submit(
            {
                "kind": "audit",
                "uid": uuid.uuid4().hex,
                "at": _now(),
                "key_id": key_id,
                "role": role,
                "action": action,
                "resource": resource,
                "detail": json.dumps(detail or {}, ensure_ascii=False),
                "status": status,
            }
        )

    def prune_audit(self, older_than_days: int) -> int:
        """Delete audit rows older than ``older_than_days`` (the retention setting); how many."""
        cutoff = (datetime.now(timezone.utc) - timedelta(days=older_than_days)).isoformat()
        return self._write("DELETE FROM audit WHERE at < ?", (cutoff,), "pruning the audit")

    def audit_log(self, limit: int = 100) -> list[dict]:
        """The newest ``limit`` audit rows, after this process's pending rows are stored."""
        if self._journal is not None:
            self._journal.flush(min(self.retry_s, 5.0))
        return self._read(
            "SELECT id, at, key_id, role, action, resource, detail, status "
            "FROM audit ORDER BY id DESC LIMIT ?",
            (limit,),
            "reading the audit log",
        )

    # ---- jobs --------------------------------------------------------------------------
    def create_job(
        self, job_id: str, kind: str, params: dict, created_by: str | None = None
    ) -> None:
        self._write(
            "INSERT INTO jobs(job_id, kind, status, params, created_by, created_at, "
            "updated_at) VALUES (?,?,?,?,?,?,?)",
            (
                job_id,
                kind,
                "queued",
                json.dumps(params, ensure_ascii=False),
                created_by,
                _now(),
                _now(),
            ),
            "creating a job",
        )

    def update_job(self, job_id: str, **fields: Any) -> None:
        allowed = {"status", "result", "error", "progress"}
        bad = set(fields) - allowed
        if bad:
            raise InvalidInput(f"cannot update job fields {bad}")
        if "result" in fields and not isinstance(fields["result"], str):
            fields["result"] = json.dumps(fields["result"], ensure_ascii=False)
        sets = ", ".join(f"{k}=?" for k in fields) + ", updated_at=?"
        self._write(
            f"UPDATE jobs SET {sets} WHERE job_id=?",
            (*fields.values(), _now(), job_id),
            "updating a job",
        )

    def get_job(self, job_id: str) -> dict | None:
        rows = self._read("SELECT * FROM jobs WHERE job_id=?", (job_id,), "reading a job")
        return rows[0] if rows else None

    # ---- forecast runs (a caller's runs; the published forecast lives in the warehouse) -----
    def add_forecast_run(
        self,
        run_id: str,
        series_id: str,
        *,
        created_by: str | None,
        data_version: str | None,
        params: dict,
        result: dict,
    ) -> None:
        """Record one caller's forecast run."""
        self._write(
            "INSERT INTO forecast_runs(run_id, series_id, created_by, created_at, data_version, "
            "params, result) VALUES (?,?,?,?,?,?,?)",
            (
                run_id,
                series_id,
                created_by,
                _now(),
                data_version,
                json.dumps(params, ensure_ascii=False),
                json.dumps(result, ensure_ascii=False),
            ),
            "recording a forecast run",
        )

    def forecast_run(self, run_id: str) -> dict | None:
        """One run with params and result decoded, or None."""
        rows = self._read(
            "SELECT * FROM forecast_runs WHERE run_id=?", (run_id,), "reading a forecast run"
        )
        return _decode_run(rows[0]) if rows else None

    def forecast_runs(
        self, *, created_by: str | None = None, series_id: str | None = None, limit: int = 50
    ) -> list[dict]:
        """Newest runs first, optionally of one caller and/or one series (without results)."""
        cond, args = [], []
        for col, val in (("created_by", created_by), ("series_id", series_id)):
            if val is not None:
                cond.append(f"{col}=?")
                args.append(val)
        where = f"WHERE {' AND '.join(cond)}" if cond else ""
        rows = self._read(
            "SELECT run_id, series_id, created_by, created_at, data_version, params FROM "
            f"forecast_runs {where} ORDER BY created_at DESC LIMIT ?",
            (*args, limit),
            "reading forecast runs",
        )
        return [_decode_run(r) for r in rows]

    # ---- crawl runs and incremental state -----------------------------------------------
    def start_crawl(self, run_id: str, spider: str, started_at: str | None = None) -> None:
        """Record a run as running, owned by this process (so a dead owner's run can be closed)."""
        self._submit(
            {
                "kind": "crawl_start",
                "run_id": run_id,
                "spider": spider,
                "started_at": started_at or _now(),
                "owner": process_owner(),
            }
        )

    def finish_crawl(
        self,
        run_id: str,
        *,
        status: str,
        pages: int,
        items: int,
        errors: dict[str, int],
        spider: str = "",
        started_at: str | None = None,
    ) -> None:
        """Close a run; inserts it whole if its start was never recorded."""
        self._submit(
            {
                "kind": "crawl_finish",
                "run_id": run_id,
                "spider": spider,
                "started_at": started_at or _now(),
                "finished_at": _now(),
                "status": status,
                "pages": pages,
                "items": items,
                "errors": errors,
                "owner": process_owner(),
            }
        )

    def close_stale_runs(self) -> list[str]:
        """Mark ``running`` runs whose process on this host is gone as interrupted; their ids."""
        rows = self._read(
            "SELECT run_id, errors, owner FROM crawl_runs WHERE status='running' "
            "AND owner IS NOT NULL",
            (),
            "reading crawl runs",
        )
        stale = [r for r in rows if _owner_alive(r["owner"]) is False]
        for r in stale:
            errors = {**json.loads(r["errors"] or "{}"), "process_gone": 1}
            self._write(
                "UPDATE crawl_runs SET status='interrupted', finished_at=?, errors=? "
                "WHERE run_id=? AND status='running'",
                (_now(), json.dumps(errors), r["run_id"]),
                "closing a stale crawl run",
            )
            log.warning(
                "关闭过期运行记录 closed stale crawl run %s (its process is gone)", r["run_id"]
            )
        return [r["run_id"] for r in stale]

    def crawl_runs(self, limit: int = 50) -> list[dict]:
        """The newest ``limit`` crawl runs, after this process's pending records are stored."""
        if self._journal is not None:
            self._journal.flush(min(self.retry_s, 5.0))
        return self._read(
            "SELECT run_id, spider, started_at, finished_at, status, pages, items, "
            "errors FROM crawl_runs ORDER BY started_at DESC LIMIT ?",
            (limit,),
            "reading crawl runs",
        )


def _first_line(e: BaseException) -> str:
    return (str(e).splitlines() or [type(e).__name__])[0]


def _decode_run(row: dict) -> dict:
    out = dict(row)
    for k in ("params", "result"):
        if k in out:
            out[k] = json.loads(out[k]) if out[k] else None
    return out


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
