"""Audit semantics: real actions, which key was made with which role, nothing of a wrong secret,
a bounded log under a flood of wrong keys, retention, and labels without control characters."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient
from haisi.warehouse.ops import OpsDB

from haisi.errors import InvalidInput
from haisi.settings import Settings


@pytest.fixture
def audited(tmp_path, shared_data):
    from haisi.api.app import create_app

    s = Settings(
        data_dir=tmp_path / "var",
        shared_data=shared_data,
        tile_url="none",
        failed_key_limit_per_minute=5,
        audit_retention_days=30,
    )
    app = create_app(s)
    admin = app.state.ops.create_key("admin", "audit test")[1]
    with TestClient(app) as client:
        yield app, client, {"X-API-Key": admin}


def _rows(app) -> list[dict]:
    return list(reversed(app.state.ops.audit_log(1000)))


def test_key_changes_and_jobs_are_logged_as_what_they_are(audited) -> None:
    app, client, admin = audited
    made = client.post("/admin/keys", json={"role": "customs", "label": "厦门海关"}, headers=admin)
    assert made.status_code == 201
    new_id = made.json()["key_id"]
    assert client.delete(f"/admin/keys/{new_id}", headers=admin).status_code == 200
    job = client.post(
        "/forecasts/jobs", json={"series_ids": ["tourism/TWN/CNFOC/arrivals"]}, headers=admin
    )
    assert job.status_code == 202
    client.get("/admin/audit", headers=admin)
    rows = _rows(app)
    by_action = {r["action"]: r for r in rows}
    create = by_action["key_create"]
    assert json.loads(create["detail"])["created_key_id"] == new_id
    assert json.loads(create["detail"])["created_role"] == "customs"
    assert create["resource"] == "/admin/keys" and create["role"] == "admin"
    assert json.loads(by_action["key_revoke"]["detail"])["revoked_key_id"] == new_id
    assert by_action["job_create"]["resource"] == "/forecasts/jobs"
    assert by_action["read"]["resource"] == "/admin/audit"


def test_the_action_of_each_writing_route() -> None:
    from haisi.api.app import _action

    assert _action("POST", "/forecasts/run", "/forecasts/run") == "forecast_run"
    assert _action("POST", "/ui/forecasts/run", "/ui/forecasts/run") == "forecast_run"
    assert _action("GET", "/datasets/{name}/download", "/datasets/x/download") == "download"
    assert _action("GET", "/network/metrics", "/network/metrics") == "read"


def test_a_wrong_secret_leaves_no_trace_and_a_flood_is_cut(audited) -> None:
    app, client, _ = audited
    secret = "hs_deadbeef.QWERTYUIOPASDFGHJKL"
    codes = [client.get("/datasets", headers={"X-API-Key": secret}).status_code for _ in range(20)]
    assert codes[:5] == [401] * 5 and set(codes[5:]) == {429}
    failed = [r for r in _rows(app) if r["action"] == "auth_failed"]
    assert len(failed) == 5  # past the limit, wrong-key requests are not written
    for r in failed:
        assert r["key_id"] is None and r["status"] == 401
    dump = " ".join(str(v) for row in app.state.ops.audit_log(100_000) for v in row.values())
    for n in range(4, len(secret) + 1):  # no run of 4+ characters of the secret anywhere
        assert not any(secret[i : i + n] in dump for i in range(len(secret) - n + 1)), n
    # another address is not blocked by this one's flood: the limiter counts per client
    assert app.state.failed_limiter.hit("ip:10.0.0.9") == 0


def test_labels_refuse_newlines_and_control_characters(audited, ops: OpsDB) -> None:
    _, client, admin = audited
    for bad in ("line one\nline two", "tab\there", "bell\x07", "nl\u2028sep"):
        r = client.post("/admin/keys", json={"role": "analyst", "label": bad}, headers=admin)
        assert r.status_code in (400, 422), bad
        with pytest.raises(InvalidInput, match="label"):
            ops.create_key("analyst", bad)
    assert (
        client.post(
            "/admin/keys", json={"role": "analyst", "label": "厦门大学 Xiamen Univ."}, headers=admin
        ).status_code
        == 201
    )


def test_audit_rows_older_than_the_retention_are_deleted(tmp_path) -> None:
    ops = OpsDB(tmp_path / "ops.sqlite")
    for days in (400, 31, 29, 0):
        ops.audit(key_id=None, role=None, action="read", resource=f"/r{days}", status=200)
        at = (datetime.now(timezone.utc) - timedelta(days=days)).isoformat()
        with sqlite3.connect(tmp_path / "ops.sqlite") as con:  # backdate, as if written then
            con.execute("UPDATE audit SET at=? WHERE resource=?", (at, f"/r{days}"))
    assert ops.prune_audit(30) == 2
    assert sorted(r["resource"] for r in ops.audit_log()) == ["/r0", "/r29"]
