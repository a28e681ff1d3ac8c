"""The real service on 127.0.0.1: uvicorn answers with data, checksums and its own assets (the
schema checks over every operation are test_contract's)."""

from __future__ import annotations

import hashlib

import httpx


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
