"""The service over a busy or failing ops database, on both backends (SQLite, a real PostgreSQL):
real ``haisi serve`` processes, a second writer holding the database, ``kill -9``, revocation."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from haisi.warehouse.ops import OpsDB

from tests.api.conftest import serve
from tests.opsdb import hold_ops_db

HAISI = str(Path(sys.executable).with_name("haisi"))


@pytest.fixture
def env(demo_settings, ops_target: str, tmp_path: Path) -> dict[str, str]:
    """``haisi`` environment over the demo store with an empty ops database of each backend."""
    db = (
        {"HAISI_OPS_DB_URL": ops_target}
        if ops_target.startswith("postgresql://")
        else {"HAISI_OPS_DB": ops_target}
    )
    return {
        **os.environ,
        **db,
        "HAISI_DATA_DIR": str(tmp_path / "var"),
        "HAISI_STORE_DIR": str(demo_settings.store_dir),
        "HAISI_TILE_URL": "none",
        "HAISI_SHARED_DATA": str(demo_settings.shared_data),
        "HAISI_REQUIRE_API_KEY": "true",
        "HAISI_RATE_LIMIT_PER_MINUTE": "100000",
        "HAISI_OPS_DB_RETRY_SECONDS": "2",
    }


def _ops(target: str) -> OpsDB:
    return OpsDB(target)


def _audited(target: str, key_id: str) -> int:
    return sum(1 for a in _ops(target).audit_log(1000) if a["key_id"] == key_id)


def _fire(url: str, secret: str, n: int) -> list[float]:
    """``n`` requests over catalogue, dataset page and download; each one's seconds (all 200)."""
    paths = ["/datasets", "/datasets/routes", "/datasets/routes/download?format=csv"]
    took = []
    with httpx.Client(base_url=url, headers={"X-API-Key": secret}, timeout=60) as c:
        for i in range(n):
            t0 = time.perf_counter()
            r = c.get(paths[i % len(paths)])
            took.append(time.perf_counter() - t0)
            assert r.status_code == 200, r.text
    return took


def test_no_audit_row_is_lost_while_the_ops_db_is_held_nor_after_kill_9(env, ops_target):
    key_id, secret = _ops(ops_target).create_key("researcher", "held-db test")
    with serve(env) as (proc, url):
        with hold_ops_db(ops_target):
            took = _fire(url, secret, 30)
            assert max(took) < 5  # never 30 s behind a blocked audit write
            assert _audited(ops_target, key_id) == 0
            assert "haisi_ops_journal_pending 30.0" in httpx.get(f"{url}/metrics").text
        deadline = time.time() + 30  # released: the journal drains into the database
        while _audited(ops_target, key_id) < 30 and time.time() < deadline:
            time.sleep(0.2)
        assert _audited(ops_target, key_id) == 30
        assert "haisi_ops_journal_pending 0.0" in httpx.get(f"{url}/metrics").text

        with hold_ops_db(ops_target):
            assert max(_fire(url, secret, 33)) < 5
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
        assert _audited(ops_target, key_id) == 30  # the 33 are only in the dead one's journal

    with serve(env):  # the next start replays them
        deadline = time.time() + 30
        while _audited(ops_target, key_id) < 63 and time.time() < deadline:
            time.sleep(0.2)
    rows = [a for a in _ops(ops_target).audit_log(1000) if a["key_id"] == key_id]
    assert len(rows) == 63 and {r["status"] for r in rows} == {200}
    assert sum(r["resource"] == "/datasets/routes/download" for r in rows) == 21


def test_a_revocation_on_one_replica_is_honoured_by_another_within_a_second(env, ops_target):
    ops = _ops(ops_target)
    _, admin = ops.create_key("admin", "revoker")
    key_id, secret = ops.create_key("researcher", "to revoke")
    with serve(env) as (_, a), serve(env) as (_, b):
        assert httpx.get(f"{b}/datasets", headers={"X-API-Key": secret}).status_code == 200
        r = httpx.delete(f"{a}/admin/keys/{key_id}", headers={"X-API-Key": admin}, timeout=30)
        assert r.status_code == 200
        revoked_at = time.monotonic()
        while httpx.get(f"{b}/datasets", headers={"X-API-Key": secret}).status_code == 200:
            assert time.monotonic() - revoked_at < 1.0
            time.sleep(0.02)
        assert httpx.get(f"{b}/datasets", headers={"X-API-Key": secret}).status_code == 401


def test_keys_create_on_a_held_database_retries_then_fails_in_one_line(env, ops_target):
    _ops(ops_target)
    with hold_ops_db(ops_target):
        t0 = time.monotonic()
        out = subprocess.run(
            [HAISI, "keys", "create", "--role", "admin"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert time.monotonic() - t0 >= 2  # it retried for HAISI_OPS_DB_RETRY_SECONDS
    assert out.returncode == 5 and out.stdout == ""  # unavailable (haisi.cli.EXIT_CODES)
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert "ops database busy or unreachable while creating a key" in out.stderr
    ok = subprocess.run(
        [HAISI, "keys", "create", "--role", "admin"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ok.returncode == 0 and "secret: hs_" in ok.stdout
