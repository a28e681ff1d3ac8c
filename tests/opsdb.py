"""Ops-database test helpers: a real PostgreSQL 15 server on 127.0.0.1 (initdb + pg_ctl in a temp
dir), a fresh database on it, and a second writer that holds either backend busy.

PostgreSQL refuses to run as root, so under root (CI, these machines) the server runs as the
``postgres`` system user (or ``nobody``) through ``setpriv``; otherwise as the current user.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["postgres_server", "new_database", "unprivileged", "hold_ops_db"]

_BIN_DIRS = [Path("/usr/lib/postgresql/15/bin"), *sorted(Path("/usr/lib/postgresql").glob("*/bin"))]


def _bin(name: str) -> str:
    for d in _BIN_DIRS:
        if (d / name).exists():
            return str(d / name)
    found = shutil.which(name)
    if not found:
        raise RuntimeError(
            f"PostgreSQL server binary {name!r} not found; run scripts/system-deps.sh"
        )
    return found


def unprivileged() -> tuple[list[str], int | None, int | None]:
    """(command prefix, uid, gid) that drop root to a system user; no-op when not root."""
    if os.getuid() != 0:
        return [], None, None
    for user in ("postgres", "nobody"):
        try:
            pw = pwd.getpwnam(user)
        except KeyError:
            continue
        return (
            ["setpriv", f"--reuid={pw.pw_uid}", f"--regid={pw.pw_gid}", "--clear-groups"],
            pw.pw_uid,
            pw.pw_gid,
        )
    raise RuntimeError("running as root and no postgres/nobody user to run PostgreSQL as")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a throwaway PostgreSQL server; yields the URL of its ``postgres`` database."""
    prefix, uid, gid = unprivileged()
    root = Path(tempfile.mkdtemp(prefix="haisi-pg-"))
    data, logfile = root / "data", root / "server.log"
    os.chmod(root, 0o755)
    if uid is not None:
        os.chown(root, uid, gid)
    port = _free_port()
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    subprocess.run(
        [
            *prefix,
            _bin("initdb"),
            "-D",
            str(data),
            "-U",
            "haisi",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
        ],
        check=True,
        capture_output=True,
        env=env,
    )
    opts = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c max_connections=200"
    try:
        subprocess.run(
            [
                *prefix,
                _bin("pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(logfile),
                "-o",
                opts,
                "-w",
                "-t",
                "60",
                "start",
            ],
            check=True,
            capture_output=True,
            env=env,
        )
    except subprocess.CalledProcessError as e:
        raise RuntimeError(f"PostgreSQL did not start: {logfile.read_text()[-2000:]}") from e
    try:
        yield f"postgresql://haisi@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*prefix, _bin("pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
            env=env,
        )
        shutil.rmtree(root, ignore_errors=True)


def new_database(server_url: str) -> str:
    """A fresh empty database on the server at ``server_url``; returns its URL."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + f"/{name}"


@contextmanager
def hold_ops_db(target: str) -> Iterator[None]:
    """Another writer holding the ops database until the block ends; readers still get through.

    SQLite: a second connection in a write transaction (BEGIN IMMEDIATE and an insert).
    PostgreSQL: a transaction holding EXCLUSIVE locks on every ops table (reads are allowed).
    """
    if target.startswith("postgresql://"):
        import psycopg

        con = psycopg.connect(target)
        con.execute("LOCK TABLE api_keys, jobs, audit, crawl_runs, crawl_state IN EXCLUSIVE MODE")
    else:
        import sqlite3

        con = sqlite3.connect(target, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        con.execute(
            "INSERT INTO jobs(job_id, kind, status, created_at, updated_at) "
            "VALUES ('holder', 'hold', 'running', 'now', 'now')"
        )
    try:
        yield
    finally:
        con.rollback()
        con.close()
