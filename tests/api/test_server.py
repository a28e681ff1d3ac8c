"""The real service on 127.0.0.1: uvicorn answers, and schemathesis finds no 5xx or schema drift."""

from __future__ import annotations

import hashlib

import httpx
import schemathesis
from hypothesis import HealthCheck
from hypothesis import settings as hsettings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance


def test_live_server_serves_data_and_assets(live_server, keys):
    with httpx.Client(base_url=live_server, timeout=30) as c:
        assert c.get("/health").json() == {"status": "ok"}
        r = c.get(
            "/datasets/routes/download",
            params={"format": "csv"},
            headers={"X-API-Key": keys["researcher"]},
        )
        assert r.status_code == 200
        assert hashlib.sha256(r.content).hexdigest() == r.headers["x-content-sha256"]
        assert c.get("/maps/static/leaflet/leaflet.js").status_code == 200
        icon = c.get("/favicon.ico")  # every page (maps too) asks for it: no 404 in the console
        assert icon.headers["content-type"] == "image/svg+xml" and icon.content.startswith(b"<svg")
        assert c.get("/datasets").status_code == 401
        spec = c.get("/openapi.json").json()
        assert "/datasets/{name}/download" in spec["paths"]


def test_openapi_no_server_errors(live_server, keys):
    """Every operation, as admin (reaches every router): no 5xx, responses match the schema."""
    from hypothesis import given

    schema = schemathesis.openapi.from_url(f"{live_server}/openapi.json")
    ops = [r.ok() for r in schema.get_all_operations()]
    assert len(ops) >= 25
    for op in ops:

        @given(case=op.as_strategy())
        @hsettings(
            max_examples=3,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            if case.method == "DELETE":
                case.path_parameters = {"key_id": "hs_00000000"}  # never revoke the keys under test
            case.call_and_validate(
                base_url=live_server,
                headers={"X-API-Key": keys["admin"]},
                checks=[not_a_server_error, response_schema_conformance],
            )

        check()
