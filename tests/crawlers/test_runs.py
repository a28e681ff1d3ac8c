"""Crawl runs are recorded with their true status: real ``haisi crawl`` processes against the mirror
into a read-only store, under a held ops database (both backends), and with Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from haisi.crawlers.mirror import build, serve_background
from haisi.warehouse import Warehouse
from haisi.warehouse.ops import OpsDB

from tests.crawlers.helpers import HAISI, crawl_cmd
from tests.opsdb import hold_ops_db, unprivileged


@pytest.fixture(scope="module")
def mirror(tmp_path_factory: pytest.TempPathFactory, shared_data: Path):
    root = tmp_path_factory.mktemp("runs") / "mirror"
    build(root, source="shared", shared=shared_data, articles=12)
    server = serve_background(root)
    yield server
    server.shutdown()


def _runs(target: str) -> list[dict]:
    return OpsDB(target).crawl_runs()


def test_a_crawl_into_a_read_only_store_fails_with_rc_1_and_is_recorded_failed(mirror):
    prefix, uid, gid = unprivileged()
    work = Path(tempfile.mkdtemp(prefix="haisi-ro-"))
    try:
        os.chmod(work, 0o755)
        (work / "wh").mkdir()
        os.chmod(work / "wh", 0o555)  # the store: readable, not writable
        (work / "ops").mkdir()
        if uid is not None:  # as root, the crawl runs as a user who cannot write the store
            os.chown(work / "ops", uid, gid)
        cmd = [*prefix, *crawl_cmd("fuzhou_ftz", mirror.url, work)]
        cmd[cmd.index("--ops-db") + 1] = str(work / "ops" / "ops.sqlite")
        out = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            timeout=180,
            env={**os.environ, "HOME": str(work / "ops")},
        )
        assert out.returncode == 1, out.stdout[-2000:] + out.stderr[-2000:]
        assert "store write failed" in out.stderr and "permission denied" in out.stderr.lower()
        assert "Traceback" not in out.stderr.split("store write failed")[-1]
        [run] = _runs(str(work / "ops" / "ops.sqlite"))
        assert run["status"] == "failed" and run["spider"] == "fuzhou_ftz"
        assert not list((work / "wh").iterdir())  # nothing stored
    finally:
        os.chmod(work / "wh", 0o755)
        subprocess.run(["rm", "-rf", str(work)], check=False)


def test_a_crawl_under_a_held_ops_db_is_recorded_once_it_is_released(mirror, ops_target, tmp_path):
    OpsDB(ops_target)  # the schema exists, then another writer holds the database throughout
    env = {**os.environ, "HAISI_OPS_DB_RETRY_SECONDS": "2", "HAISI_DATA_DIR": str(tmp_path / "var")}
    cmd = crawl_cmd("fuzhou_ftz", mirror.url, tmp_path)
    cmd[cmd.index("--ops-db") + 1] = ops_target
    with hold_ops_db(ops_target):
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=180, env=env)
        assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
        assert _runs(ops_target) == []  # the record waits in the crawl's journal
    stored = Warehouse(tmp_path / "wh").sql("select count(*) n from documents").to_pandas().n[0]
    assert stored == 12  # the 12 articles were stored meanwhile
    status = subprocess.run(
        [HAISI, "crawl", "--status", "--ops-db", ops_target],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert status.returncode == 0, status.stderr
    [run] = _runs(ops_target)  # the next start replayed it
    assert run["status"] == "finished" and run["pages"] >= 13 and run["items"] >= 12
    assert json.loads(run["errors"]) == {}


def test_ctrl_c_exits_130_and_records_the_run_interrupted(mirror, tmp_path):
    cmd = crawl_cmd(
        "fuzhou_ftz",
        mirror.url,
        tmp_path,
        "-s",
        "DOWNLOAD_DELAY=0.5",
        "-s",
        "CONCURRENT_REQUESTS_PER_DOMAIN=1",
    )
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    db = str(tmp_path / "ops.sqlite")
    deadline = time.monotonic() + 60
    while not (Path(db).exists() and _runs(db)) and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err[-2000:]
    [run] = _runs(db)
    assert run["status"] == "interrupted" and run["finished_at"]
