"""The ops database on both backends (a SQLite file, a real PostgreSQL server): keys, the audit
journal under a busy database and after ``kill -9``, one-line errors, stale crawl runs."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from haisi.warehouse.ops import KEY_CACHE_SECONDS, OpsDB, OpsUnavailable

from tests.opsdb import hold_ops_db


def _count(target: str, sql: str) -> int:
    """A count read over a fresh connection of its own (reads pass a held database)."""
    ops = OpsDB(target, retry_s=5)
    return ops.retry(lambda: len(ops.backend.fetchall(ops.connection(), sql)), "counting")


def test_keys_round_trip_and_a_revocation_elsewhere_is_honoured_within_a_second(ops_target):
    a, b = (OpsDB(ops_target, key_cache_s=KEY_CACHE_SECONDS) for _ in range(2))
    key_id, secret = a.create_key("customs", "海关 test")
    assert a.lookup_key(secret)["role"] == "customs" and b.lookup_key(secret)["key_id"] == key_id
    assert b.revoke_key(key_id) and not b.revoke_key(key_id)
    assert b.lookup_key(secret) is None  # the revoking process: at once
    t0 = time.monotonic()
    while a.lookup_key(secret) is not None:  # another process: within the cache lifetime
        assert time.monotonic() - t0 < 1.0
        time.sleep(0.01)
    assert KEY_CACHE_SECONDS < 1.0
    assert a.lookup_key("hs_00000000.wrong") is None
    assert [k["key_id"] for k in a.list_keys()] == [key_id]


def test_audit_rows_wait_in_the_journal_while_the_database_is_held(ops_target, tmp_path):
    ops = OpsDB(ops_target, retry_s=1, journal_root=tmp_path / "journal")
    journal = ops.open_journal(interval_s=0.05)
    with hold_ops_db(ops_target):
        t0 = time.monotonic()
        for i in range(63):
            ops.audit(key_id="hs_test", role="researcher", action="read", resource=f"/datasets/{i}")
        assert time.monotonic() - t0 < 1.0  # the writers never waited on the database
        time.sleep(1.5)  # the flusher tried and failed meanwhile
        assert journal.last_error and journal.pending() == 63
        assert _count(ops_target, "SELECT id FROM audit") == 0
    assert journal.flush(15)
    rows = ops.audit_log(1000)
    assert sorted(r["resource"] for r in rows) == sorted(f"/datasets/{i}" for i in range(63))
    assert ops.close_journal()
    assert not list(ops.journal_dir.glob("*.jsonl"))  # everything stored: no file left behind


_KILLED = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from haisi.warehouse.ops import OpsDB
    ops = OpsDB(sys.argv[1], retry_s=1, journal_root=Path(sys.argv[2]))
    ops.open_journal()
    for i in range(40):
        ops.audit(key_id="hs_killed", role="analyst", action="read", resource=f"/forecasts/{i}")
    ops.start_crawl("killed-run", "gacc")
    print("journalled", flush=True)
    time.sleep(600)
""")


def test_a_killed_process_journal_is_replayed_once_on_the_next_start(ops_target, tmp_path):
    root = tmp_path / "journal"
    OpsDB(ops_target)  # the schema exists before the database is held
    with hold_ops_db(ops_target):
        proc = subprocess.Popen(
            [sys.executable, "-c", _KILLED, ops_target, str(root)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout.readline().strip() == "journalled"
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    orphan = next(OpsDB(ops_target, journal_root=root).journal_dir.glob("*.jsonl"))
    saved = orphan.read_bytes()
    assert len(saved.splitlines()) == 41
    assert _count(ops_target, "SELECT id FROM audit") == 0

    ops = OpsDB(ops_target, journal_root=root)
    ops.open_journal()
    assert ops.close_journal()
    assert _count(ops_target, "SELECT id FROM audit WHERE key_id='hs_killed'") == 40
    runs = {r["run_id"]: r for r in OpsDB(ops_target).crawl_runs()}
    assert runs["killed-run"]["status"] == "interrupted"  # its process is gone: closed as stale
    assert json.loads(runs["killed-run"]["errors"]) == {"process_gone": 1}

    orphan.write_bytes(saved)  # the same file replayed again …
    ops.open_journal()
    assert ops.close_journal()
    again = _count(ops_target, "SELECT id FROM audit WHERE key_id='hs_killed'")
    assert again == 40  # … stores nothing twice
    assert not orphan.exists()


def test_a_write_to_a_held_database_fails_after_retrying_with_one_line(ops_target):
    ops = OpsDB(ops_target, retry_s=1.5)
    with hold_ops_db(ops_target):
        t0 = time.monotonic()
        with pytest.raises(OpsUnavailable) as e:
            ops.create_key("admin")
        assert 1.5 <= time.monotonic() - t0 < 10
    message = str(e.value)
    assert "\n" not in message
    assert "ops database busy or unreachable while creating a key" in message
    assert ops.create_key("admin")  # and works again once released


def test_an_unreachable_server_is_one_line_without_the_password():
    with pytest.raises(OpsUnavailable) as e:
        OpsDB("postgresql://haisi:s3cret-pw@127.0.0.1:1/ops", retry_s=1)
    assert "s3cret-pw" not in str(e.value) and "***" in str(e.value) and "\n" not in str(e.value)


def test_only_runs_whose_process_is_gone_are_closed(ops_target):
    ops = OpsDB(ops_target)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        from haisi.warehouse.ops import OpsDB
        OpsDB({ops_target!r}).start_crawl("dead-run", "gacc")
    """),
        ]
    )
    assert proc.wait(60) == 0
    ops.start_crawl("live-run", "gacc")  # this process is alive
    assert ops.close_stale_runs() == ["dead-run"]
    status = {r["run_id"]: r["status"] for r in ops.crawl_runs()}
    assert status == {"dead-run": "interrupted", "live-run": "running"}
    assert ops.close_stale_runs() == []


def test_an_old_sqlite_ops_file_gains_the_new_columns(tmp_path: Path):
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    con.executescript("""
        CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, key_id TEXT,
            role TEXT, action TEXT NOT NULL, resource TEXT NOT NULL, detail TEXT, status INTEGER);
        CREATE TABLE crawl_runs (run_id TEXT PRIMARY KEY, spider TEXT NOT NULL,
            started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL,
            pages INTEGER DEFAULT 0, items INTEGER DEFAULT 0, errors TEXT);
        INSERT INTO audit(at, action, resource) VALUES ('2026-01-01', 'read', '/old');
    """)
    con.close()
    ops = OpsDB(path)
    ops.audit(key_id=None, role=None, action="read", resource="/new")
    assert [r["resource"] for r in ops.audit_log()] == ["/new", "/old"]
    ops.start_crawl("r", "gacc")
    assert ops.crawl_runs()[0]["status"] == "running"


def test_the_journal_starts_a_new_file_once_a_full_one_is_stored(tmp_path, monkeypatch):
    from haisi.warehouse import ops_journal

    monkeypatch.setattr(ops_journal, "_SEGMENT_BYTES", 2_000)
    monkeypatch.setattr(ops_journal, "_CHUNK_BYTES", 1_000)  # several reads per file, too
    ops = OpsDB(tmp_path / "ops.sqlite")
    journal = ops.open_journal(interval_s=0.02)
    first = journal.path
    for i in range(100):
        ops.audit(key_id="hs_rot", role="admin", action="read", resource=f"/r/{i}")
    assert journal.flush(10)
    deadline = time.monotonic() + 5
    while journal.path == first and time.monotonic() < deadline:
        time.sleep(0.02)
    assert journal.path != first and not first.exists()
    assert [p.name for p in ops.journal_dir.glob("*.jsonl")] == [journal.path.name]
    assert len(ops.audit_log(1000)) == 100
    assert ops.close_journal() and not list(ops.journal_dir.iterdir())
