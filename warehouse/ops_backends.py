"""The two homes of the ops database: an embedded SQLite file or a PostgreSQL server.

Both speak the same small dialect to :mod:`haisi.warehouse.ops`: ``?`` placeholders, rows as
dicts, ``transaction()`` for a group of writes, and ``busy(exc)`` telling a transient failure
(a locked file, a server that cannot be reached) from a bug. SQLite stays the default; a
``postgresql://`` URL serves API replicas on several hosts.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

__all__ = ["Backend", "SqliteBackend", "PostgresBackend", "backend_for", "redact"]


class Backend(Protocol):
    """What OpsDB needs from a database."""

    kind: str
    name: str  # where it is, safe to print (no password)
    identity: str  # stable id of the database, for the journal folder

    def connection(self) -> Any: ...
    def transaction(self) -> Any: ...
    def execute(self, con: Any, sql: str, params: tuple = ()) -> Any: ...
    def executemany(self, con: Any, sql: str, rows: list[tuple]) -> None: ...
    def fetchall(self, con: Any, sql: str, params: tuple = ()) -> list[dict]: ...
    def columns(self, con: Any, table: str) -> set[str]: ...
    def ddl(self, script: str) -> list[str]: ...
    def busy(self, exc: BaseException) -> bool: ...
    def close(self) -> None: ...


def redact(url: str) -> str:
    """``url`` with its password replaced by ``***``: safe for errors and logs."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


class SqliteBackend:
    """One SQLite file in WAL mode; a connection per thread, autocommit unless in a transaction."""

    kind = "sqlite"

    def __init__(self, path: Path | str, busy_timeout_s: float) -> None:
        self.path = Path(path)
        self.name = str(self.path)
        self.identity = str(self.path.resolve())
        self.busy_timeout_ms = int(busy_timeout_s * 1000)
        self._local = threading.local()
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(
                self.path,
                timeout=self.busy_timeout_ms / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
            con.row_factory = sqlite3.Row
            con.execute(f"PRAGMA busy_timeout={self.busy_timeout_ms}")
            if con.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                con.execute("PRAGMA journal_mode=WAL")
            self._local.con = con
        return con

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction taken at once (BEGIN IMMEDIATE), committed or rolled back."""
        con = self.connection()
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")

    def execute(self, con: sqlite3.Connection, sql: str, params: tuple = ()) -> sqlite3.Cursor:
        return con.execute(sql, params)

    def executemany(self, con: sqlite3.Connection, sql: str, rows: list[tuple]) -> None:
        con.executemany(sql, rows)

    def fetchall(self, con: sqlite3.Connection, sql: str, params: tuple = ()) -> list[dict]:
        return [dict(r) for r in con.execute(sql, params).fetchall()]

    def columns(self, con: sqlite3.Connection, table: str) -> set[str]:
        return {r["name"] for r in con.execute(f"PRAGMA table_info({table})").fetchall()}

    def ddl(self, script: str) -> list[str]:
        return [
            s.strip()
            for s in script.replace("{serial}", "INTEGER PRIMARY KEY AUTOINCREMENT").split(";")
            if s.strip()
        ]

    def busy(self, exc: BaseException) -> bool:
        """A locked or busy database file: worth retrying."""
        return isinstance(exc, sqlite3.OperationalError) and (
            "locked" in str(exc) or "busy" in str(exc)
        )

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None


class PostgresBackend:
    """A PostgreSQL database through psycopg 3;
    a connection per thread, reopened after a failure."""

    kind = "postgresql"

    def __init__(self, url: str, busy_timeout_s: float) -> None:
        self.url = url
        self.name = redact(url)
        self.identity = hashlib.sha256(self.name.encode()).hexdigest()[:16]
        self.connect_timeout = max(1, int(busy_timeout_s))
        self.lock_timeout_ms = int(busy_timeout_s * 1000)
        self._local = threading.local()

    def connection(self) -> Any:
        """This thread's connection (autocommit), reopened if the last one broke."""
        import psycopg
        from psycopg.rows import dict_row

        con = getattr(self._local, "con", None)
        if con is None or con.closed or con.broken:
            con = psycopg.connect(
                self.url,
                autocommit=True,
                row_factory=dict_row,
                connect_timeout=self.connect_timeout,
                options=f"-c lock_timeout={self.lock_timeout_ms}",
            )
            self._local.con = con
        return con

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """A transaction on this thread's connection, committed or rolled back."""
        con = self.connection()
        with con.transaction():
            yield con

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("?", "%s")

    def execute(self, con: Any, sql: str, params: tuple = ()) -> Any:
        return con.execute(self._sql(sql), params)

    def executemany(self, con: Any, sql: str, rows: list[tuple]) -> None:
        with con.cursor() as cur:
            cur.executemany(self._sql(sql), rows)

    def fetchall(self, con: Any, sql: str, params: tuple = ()) -> list[dict]:
        return list(con.execute(self._sql(sql), params).fetchall())

    def columns(self, con: Any, table: str) -> set[str]:
        rows = con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name=%s "
            "AND table_schema=current_schema()",
            (table,),
        ).fetchall()
        return {r["column_name"] for r in rows}

    def ddl(self, script: str) -> list[str]:
        # one replica at a time creates the schema: CREATE … IF NOT EXISTS races otherwise
        stmts = [
            s.strip()
            for s in script.replace("{serial}", "BIGSERIAL PRIMARY KEY").split(";")
            if s.strip()
        ]
        return ["SELECT pg_advisory_xact_lock(48011)", *stmts]

    def busy(self, exc: BaseException) -> bool:
        """A server that cannot be reached, a dropped connection or a lock wait that timed out."""
        import psycopg

        if isinstance(
            exc,
            psycopg.errors.LockNotAvailable
            | psycopg.errors.SerializationFailure
            | psycopg.errors.DeadlockDetected,
        ):
            return True
        if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
            self._local.con = None  # reconnect next time
            return True
        return False

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None


def backend_for(target: Path | str, busy_timeout_s: float) -> SqliteBackend | PostgresBackend:
    """A PostgreSQL backend for a ``postgresql://`` or ``postgres://`` URL, else a SQLite file."""
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        return PostgresBackend(text, busy_timeout_s)
    return SqliteBackend(text, busy_timeout_s)
