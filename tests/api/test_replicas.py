"""Several API replicas on one store and one ops database (docs/deployment.md): two real
``haisi serve`` processes see the same keys, revocations and data, and both write one audit log."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import _free_port
from warehouse.ops import OpsDB

HAISI = Path(sys.executable).with_name("haisi")


def _haisi(env: dict, *args: str) -> str:
    out = subprocess.run([str(HAISI), *args], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.fixture(scope="module")
def replicas(demo_settings):
    env = {**os.environ, "HAISI_DATA_DIR": str(demo_settings.data_dir),
           "HAISI_SHARED_DATA": str(demo_settings.shared_data), "HAISI_TILE_URL": "none",
           "HAISI_REQUIRE_API_KEY": "true", "HAISI_RATE_LIMIT_PER_MINUTE": "100000"}
    ports = [_free_port(), _free_port()]
    procs = [subprocess.Popen([str(HAISI), "serve", "--host", "127.0.0.1", "--port", str(p)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for p in ports]
    urls = [f"http://127.0.0.1:{p}" for p in ports]
    deadline = time.time() + 60
    for url in urls:
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.time() < deadline, "replica did not start"
            time.sleep(0.2)
    yield env, urls
    for p in procs:
        p.terminate()
        p.wait(20)


def test_replicas_share_keys_revocations_and_audit(replicas, demo_settings):
    env, urls = replicas
    created = dict(line.split(": ", 1) for line in _haisi(env, "keys", "create", "--role",
                                                            "researcher").splitlines())
    headers = {"X-API-Key": created["secret"]}
    bodies = []
    for url in urls:  # a key made by the CLI works on every replica, with the same data
        r = httpx.get(f"{url}/datasets/routes/download", params={"format": "csv"}, headers=headers,
                      timeout=60)
        assert r.status_code == 200
        bodies.append(r.content)
    assert bodies[0] == bodies[1]
    ops, deadline = OpsDB(demo_settings.ops_db), time.time() + 10
    while True:  # the audit row is written just after the response is sent
        audited = [a for a in ops.audit_log(500) if a["key_id"] == created["key_id"]]
        if len(audited) >= 2 or time.time() > deadline:
            break
        time.sleep(0.1)
    assert len(audited) == 2  # both replicas wrote to the one audit log
    _haisi(env, "keys", "revoke", created["key_id"])
    for url in urls:  # revoked at once everywhere
        r = httpx.get(f"{url}/datasets", headers=headers, timeout=30)
        assert r.status_code == 401
