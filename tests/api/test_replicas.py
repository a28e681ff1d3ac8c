"""Several API replicas on one store and one ops database (docs/deployment.md): two real
``haisi serve`` processes see the same keys, revocations and data, and both write one audit log."""

from __future__ import annotations

import os
import time

import httpx
import pytest
from haisi.warehouse.ops import OpsDB

from tests.api.conftest import haisi_cli as _haisi
from tests.api.conftest import serve_replicas


@pytest.fixture(scope="module")
def replicas(demo_settings):
    env = {
        **os.environ,
        "HAISI_DATA_DIR": str(demo_settings.data_dir),
        "HAISI_SHARED_DATA": str(demo_settings.shared_data),
        "HAISI_TILE_URL": "none",
        "HAISI_REQUIRE_API_KEY": "true",
        "HAISI_RATE_LIMIT_PER_MINUTE": "100000",
    }
    with serve_replicas(env) as urls:
        yield env, urls


def test_replicas_share_keys_revocations_and_audit(replicas, demo_settings):
    env, urls = replicas
    created = dict(
        line.split(": ", 1)
        for line in _haisi(env, "keys", "create", "--role", "researcher").splitlines()
    )
    headers = {"X-API-Key": created["secret"]}
    bodies = []
    for url in urls:  # a key made by the CLI works on every replica, with the same data
        r = httpx.get(
            f"{url}/datasets/routes/download", params={"format": "csv"}, headers=headers, timeout=60
        )
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
    revoked_at = time.monotonic()
    for url in urls:  # revoked everywhere within a second (replicas reuse a lookup for 0.5 s)
        while httpx.get(f"{url}/datasets", headers=headers, timeout=30).status_code != 401:
            assert time.monotonic() - revoked_at < 1.0
            time.sleep(0.02)
