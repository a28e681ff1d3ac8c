"""Operational state in SQLite: API keys (hashed), jobs, the audit log and crawl runs.

One file (``settings.ops_db``), WAL mode so the service and batch jobs can share it.
This module owns the DDL; callers use the small functions below.
"""

from __future__ import annotations

from haisi.errors import InvalidInput

import hashlib
import json
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

__all__ = [
    "ROLES", "OpsDB", "ApiKey",
]

ROLES = ("analyst", "customs", "tourism", "researcher", "admin")

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
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    key_id TEXT,
    role TEXT,
    action TEXT NOT NULL,             -- read, download, forecast, admin …
    resource TEXT NOT NULL,
    detail TEXT,
    status INTEGER
);
CREATE TABLE IF NOT EXISTS crawl_runs (
    run_id TEXT PRIMARY KEY,
    spider TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,             -- running, finished, interrupted, failed
    pages INTEGER DEFAULT 0,
    items INTEGER DEFAULT 0,
    errors TEXT                       -- JSON {reason: count}
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
"""


#: Incremental crawl state, read and upserted by the crawler over its own long-lived connection
#: (crawlers.storage.PageStates); the SQL lives here with the table it touches.
PAGE_STATE_SELECT = "SELECT etag, last_modified, content_hash FROM crawl_state WHERE url=?"
PAGE_STATE_UPSERT = (
    "INSERT INTO crawl_state(url, etag, last_modified, content_hash, fetched_at) VALUES (?,?,?,?,?) "
    "ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, last_modified=excluded.last_modified, "
    "content_hash=excluded.content_hash, fetched_at=excluded.fetched_at"
)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


class ApiKey(dict):
    """A key row without its hash: key_id, role, label, created_at, revoked_at."""


class OpsDB:
    """Small typed access to the operational SQLite database."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.connect() as con:
            con.executescript(_DDL)

    @classmethod
    def from_settings(cls, settings: Any = None) -> "OpsDB":
        from haisi.settings import get_settings

        return cls((settings or get_settings()).ops_db)

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA busy_timeout=30000")
        try:
            yield con
        finally:
            con.close()

    # ---- API keys ----------------------------------------------------------------------
    def create_key(self, role: str, label: str | None = None) -> tuple[str, str]:
        """Create a key for ``role``; returns (key_id, secret). Only the hash is stored."""
        if role not in ROLES:
            raise InvalidInput(f"unknown role {role!r}; roles: {', '.join(ROLES)}")
        key_id = "hs_" + secrets.token_hex(4)
        secret = f"{key_id}.{secrets.token_urlsafe(24)}"
        with self.connect() as con:
            con.execute(
                "INSERT INTO api_keys(key_id, key_hash, role, label, created_at) VALUES (?,?,?,?,?)",
                (key_id, _hash(secret), role, label, _now()),
            )
        return key_id, secret

    def revoke_key(self, key_id: str) -> bool:
        with self.connect() as con:
            cur = con.execute(
                "UPDATE api_keys SET revoked_at=? WHERE key_id=? AND revoked_at IS NULL",
                (_now(), key_id),
            )
            return cur.rowcount == 1

    def lookup_key(self, secret: str) -> ApiKey | None:
        """The active key matching ``secret``, or None (unknown or revoked)."""
        with self.connect() as con:
            row = con.execute(
                "SELECT key_id, role, label, created_at, revoked_at FROM api_keys "
                "WHERE key_hash=? AND revoked_at IS NULL",
                (_hash(secret),),
            ).fetchone()
        return ApiKey(dict(row)) if row else None

    def list_keys(self) -> list[ApiKey]:
        with self.connect() as con:
            rows = con.execute(
                "SELECT key_id, role, label, created_at, revoked_at FROM api_keys ORDER BY created_at"
            ).fetchall()
        return [ApiKey(dict(r)) for r in rows]

    # ---- audit -------------------------------------------------------------------------
    def audit(self, *, key_id: str | None, role: str | None, action: str, resource: str,
              detail: dict | None = None, status: int | None = None) -> None:
        with self.connect() as con:
            con.execute(
                "INSERT INTO audit(at, key_id, role, action, resource, detail, status) "
                "VALUES (?,?,?,?,?,?,?)",
                (_now(), key_id, role, action, resource, json.dumps(detail or {}, ensure_ascii=False), status),
            )

    def audit_log(self, limit: int = 100) -> list[dict]:
        with self.connect() as con:
            rows = con.execute("SELECT * FROM audit ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [dict(r) for r in rows]

    # ---- jobs --------------------------------------------------------------------------
    def create_job(self, job_id: str, kind: str, params: dict, created_by: str | None = None) -> None:
        with self.connect() as con:
            con.execute(
                "INSERT INTO jobs(job_id, kind, status, params, created_by, created_at, updated_at) "
                "VALUES (?,?,?,?,?,?,?)",
                (job_id, kind, "queued", json.dumps(params, ensure_ascii=False), created_by, _now(), _now()),
            )

    def update_job(self, job_id: str, **fields: Any) -> None:
        allowed = {"status", "result", "error", "progress"}
        bad = set(fields) - allowed
        if bad:
            raise InvalidInput(f"cannot update job fields {bad}")
        if "result" in fields and not isinstance(fields["result"], str):
            fields["result"] = json.dumps(fields["result"], ensure_ascii=False)
        sets = ", ".join(f"{k}=?" for k in fields) + ", updated_at=?"
        with self.connect() as con:
            con.execute(f"UPDATE jobs SET {sets} WHERE job_id=?", (*fields.values(), _now(), job_id))

    def get_job(self, job_id: str) -> dict | None:
        with self.connect() as con:
            row = con.execute("SELECT * FROM jobs WHERE job_id=?", (job_id,)).fetchone()
        return dict(row) if row else None

    # ---- forecast runs (a caller's runs; the published forecast lives in the warehouse) -----
    def add_forecast_run(self, run_id: str, series_id: str, *, created_by: str | None,
                         data_version: str | None, params: dict, result: dict) -> None:
        """Record one caller's forecast run."""
        with self.connect() as con:
            con.execute(
                "INSERT INTO forecast_runs(run_id, series_id, created_by, created_at, data_version, "
                "params, result) VALUES (?,?,?,?,?,?,?)",
                (run_id, series_id, created_by, _now(), data_version,
                 json.dumps(params, ensure_ascii=False), json.dumps(result, ensure_ascii=False)))

    def forecast_run(self, run_id: str) -> dict | None:
        """One run with params and result decoded, or None."""
        with self.connect() as con:
            row = con.execute("SELECT * FROM forecast_runs WHERE run_id=?", (run_id,)).fetchone()
        return _decode_run(row) if row else None

    def forecast_runs(self, *, created_by: str | None = None, series_id: str | None = None,
                      limit: int = 50) -> list[dict]:
        """Newest runs first, optionally of one caller and/or one series (without results)."""
        cond, args = [], []
        for col, val in (("created_by", created_by), ("series_id", series_id)):
            if val is not None:
                cond.append(f"{col}=?")
                args.append(val)
        where = f"WHERE {' AND '.join(cond)}" if cond else ""
        with self.connect() as con:
            rows = con.execute(
                "SELECT run_id, series_id, created_by, created_at, data_version, params FROM "
                f"forecast_runs {where} ORDER BY created_at DESC LIMIT ?", (*args, limit)).fetchall()
        return [_decode_run(r) for r in rows]

    # ---- crawl runs and incremental state -----------------------------------------------
    def start_crawl(self, run_id: str, spider: str) -> None:
        with self.connect() as con:
            con.execute(
                "INSERT INTO crawl_runs(run_id, spider, started_at, status) VALUES (?,?,?,?)",
                (run_id, spider, _now(), "running"),
            )

    def finish_crawl(self, run_id: str, *, status: str, pages: int, items: int,
                     errors: dict[str, int], spider: str = "", started_at: str | None = None) -> None:
        """Close a run; inserts it whole if its start was never recorded (e.g. a busy database)."""
        with self.connect() as con:
            con.execute(
                "INSERT INTO crawl_runs(run_id, spider, started_at, finished_at, status, pages, items, "
                "errors) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(run_id) DO UPDATE SET "
                "finished_at=excluded.finished_at, status=excluded.status, pages=excluded.pages, "
                "items=excluded.items, errors=excluded.errors",
                (run_id, spider, started_at or _now(), _now(), status, pages, items,
                 json.dumps(errors, ensure_ascii=False)),
            )

    def crawl_runs(self, limit: int = 50) -> list[dict]:
        with self.connect() as con:
            rows = con.execute(
                "SELECT * FROM crawl_runs ORDER BY started_at DESC LIMIT ?", (limit,)
            ).fetchall()
        return [dict(r) for r in rows]


def _decode_run(row: sqlite3.Row) -> dict:
    out = dict(row)
    for k in ("params", "result"):
        if k in out:
            out[k] = json.loads(out[k]) if out[k] else None
    return out


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
