"""Every route × every role: allowed roles get data, others 401/403 and nothing else."""

from __future__ import annotations

import pytest
from fastapi.routing import APIRoute
from haisi.api.access import OPEN_WITHOUT_KEY, ROLE_MATRIX
from haisi.warehouse.ops import ROLES

SERIES = "trade/CN-FJ/export/ASEAN/TOTAL"
NET = {"reporter": "CN-FJ", "period": "2024"}

# (method, route path) -> (router, request path, request kwargs)
CASES: dict[tuple[str, str], tuple[str, str, dict]] = {
    ("GET", "/forecasts/series"): ("forecasts", "/forecasts/series", {"params": {"limit": 3}}),
    ("GET", "/forecasts/history"): (
        "forecasts",
        "/forecasts/history",
        {"params": {"series_id": SERIES}},
    ),
    ("GET", "/forecasts/stored"): (
        "forecasts",
        "/forecasts/stored",
        {"params": {"series_id": SERIES}},
    ),
    ("POST", "/forecasts/run"): ("forecasts", "/forecasts/run", {"json": {"series_id": SERIES}}),
    ("POST", "/forecasts/jobs"): (
        "forecasts",
        "/forecasts/jobs",
        {"json": {"series_ids": ["bad"]}},
    ),
    ("GET", "/forecasts/jobs/{job_id}"): ("forecasts", "/forecasts/jobs/none", {}),
    ("GET", "/forecasts/chart.svg"): (
        "forecasts",
        "/forecasts/chart.svg",
        {"params": {"series_id": SERIES}},
    ),
    ("GET", "/forecasts/runs"): ("forecasts", "/forecasts/runs", {}),
    ("GET", "/forecasts/runs/{run_id}"): ("forecasts", "/forecasts/runs/none", {}),
    ("GET", "/forecasts/versions"): (
        "forecasts",
        "/forecasts/versions",
        {"params": {"series_id": SERIES}},
    ),
    ("POST", "/admin/forecasts/publish"): (
        "admin",
        "/admin/forecasts/publish",
        {"json": {"series_ids": [SERIES], "horizon": 6}},
    ),
    ("GET", "/network/top-partners"): ("network", "/network/top-partners", {"params": NET}),
    ("GET", "/network/neighbours"): (
        "network",
        "/network/neighbours",
        {"params": {"node": "CN-FJ", "period": "2024"}},
    ),
    ("GET", "/network/metrics"): ("network", "/network/metrics", {"params": {"period": "2024"}}),
    ("GET", "/network/community"): (
        "network",
        "/network/community",
        {"params": {"node": "CN-FJ", "period": "2024"}},
    ),
    ("GET", "/network/changes"): (
        "network",
        "/network/changes",
        {"params": {"period_a": "2023", "period_b": "2024"}},
    ),
    ("GET", "/network/mirror-gaps"): (
        "network",
        "/network/mirror-gaps",
        {"params": {"reporter": "CN-FJ"}},
    ),
    ("GET", "/network/sea-path"): (
        "network",
        "/network/sea-path",
        {"params": {"origin": "CNFOC", "destination": "SGSIN"}},
    ),
    ("GET", "/network/port-path"): (
        "network",
        "/network/port-path",
        {"params": {"origin": "CNFOC", "destination": "SGSIN"}},
    ),
    ("GET", "/network/subgraph"): (
        "network",
        "/network/subgraph",
        {"params": {"nodes": "CN-FJ,USA", "period": "2024"}},
    ),
    ("GET", "/network/export"): (
        "network",
        "/network/export",
        {"params": {"period": "2024", "format": "csv"}},
    ),
    ("GET", "/maps"): ("maps", "/maps", {}),
    **{
        ("GET", f"/maps/{layer}.{ext}"): ("maps", f"/maps/{layer}.{ext}", {})
        for layer in (
            "sea-routes",
            "air-routes",
            "visitors",
            "trade",
            "partner-share",
            "crossstrait-teu",
        )
        for ext in ("geojson", "html")
    },
    ("GET", "/datasets"): ("datasets", "/datasets", {}),
    ("GET", "/datasets/{name}"): ("datasets", "/datasets/routes", {}),
    ("GET", "/datasets/{name}/download"): ("datasets", "/datasets/routes/download", {}),
    ("GET", "/documents/search"): ("documents", "/documents/search", {"params": {"q": "出口"}}),
    ("GET", "/facts/search"): ("documents", "/facts/search", {}),
    ("GET", "/admin/keys"): ("admin", "/admin/keys", {}),
    ("POST", "/admin/keys"): (
        "admin",
        "/admin/keys",
        {"json": {"role": "tourism", "label": "matrix"}},
    ),
    ("DELETE", "/admin/keys/{key_id}"): ("admin", "/admin/keys/hs_00000000", {}),
    ("GET", "/admin/audit"): ("admin", "/admin/audit", {"params": {"limit": 5}}),
    ("GET", "/admin/crawl-runs"): ("admin", "/admin/crawl-runs", {"params": {"limit": 5}}),
    ("GET", "/admin/sources"): ("admin", "/admin/sources", {}),
    ("GET", "/ui/datasets"): ("datasets", "/ui/datasets", {}),
    ("GET", "/ui/maps"): ("maps", "/ui/maps", {}),
    ("GET", "/ui/forecasts"): ("forecasts", "/ui/forecasts", {}),
    ("POST", "/ui/forecasts/run"): (
        "forecasts",
        "/ui/forecasts/run",
        {"data": {"series_id": SERIES}, "follow_redirects": False},
    ),
    ("GET", "/ui/network"): ("network", "/ui/network", {}),
    ("GET", "/ui/cross-strait"): ("crossstrait", "/ui/cross-strait", {}),
    ("GET", "/crossstrait/teu"): ("crossstrait", "/crossstrait/teu", {"params": {"port": "CNFOC"}}),
    ("GET", "/crossstrait/teu/ports"): ("crossstrait", "/crossstrait/teu/ports", {}),
    ("GET", "/crossstrait/teu/forecast"): (
        "crossstrait",
        "/crossstrait/teu/forecast",
        {"params": {"port": "CNFOC"}},
    ),
    ("GET", "/crossstrait/visitors"): ("crossstrait", "/crossstrait/visitors", {}),
    ("GET", "/crossstrait/trade"): ("crossstrait", "/crossstrait/trade", {}),
}
OPEN = {
    ("GET", "/"),
    ("GET", "/favicon.ico"),
    ("GET", "/health"),
    ("GET", "/metrics"),
    ("GET", "/ui"),
    ("GET", "/ui/wall"),
    ("GET", "/ui/login"),
    ("POST", "/ui/login"),
    ("POST", "/ui/logout"),
    ("GET", "/docs"),
    ("GET", "/redoc"),
    ("GET", "/docs/oauth2-redirect"),
}
CALLERS = [*ROLES, "anonymous", "wrong-key"]


def test_every_route_is_in_the_matrix(app):
    """A new route must be added to CASES (guarded) or OPEN (no data) before this passes."""
    flat = [
        r
        for top in app.routes  # included routers keep their (prefixed) routes inside
        for r in (top.original_router.routes if hasattr(top, "original_router") else [top])
    ]
    routes = {
        (m, r.path)
        for r in flat
        if isinstance(r, APIRoute)
        for m in r.methods
        if m not in ("HEAD", "OPTIONS")
    }
    assert routes == set(CASES) | OPEN


def _headers(caller: str, keys: dict[str, str]) -> dict:
    if caller == "anonymous":
        return {}
    if caller == "wrong-key":
        return {"X-API-Key": "hs_deadbeef.not-a-real-secret"}
    return {"X-API-Key": keys[caller]}


@pytest.mark.parametrize("route", sorted(CASES), ids=lambda r: f"{r[0]} {r[1]}")
def test_route_by_role(client, keys, route):
    router, path, kw = CASES[route]
    for caller in CALLERS:
        r = client.request(route[0], path, headers=_headers(caller, keys), **kw)
        html = path.startswith("/ui")
        if caller == "wrong-key":
            expect, msg = 401, "API密钥无效或已撤销 invalid or revoked API key"
        elif caller == "anonymous":
            expect, msg = 401, "需要API密钥 API key required (X-API-Key header)"
        elif caller not in ROLE_MATRIX[router]:
            expect, msg = (
                403,
                f"角色 {caller} 无权访问 role {caller!r} may not use the {router} API",
            )
        else:
            assert r.status_code not in (401, 403, 429) and r.status_code < 500, (
                caller,
                r.text[:300],
            )
            continue
        assert r.status_code == expect, (caller, r.status_code, r.text[:300])
        if html:
            assert '<form method="post" action="/ui/login">' in r.text
            assert "<table" not in r.text  # no data on the login page
        else:
            assert r.json() == {"detail": msg}


def test_open_routers_without_key_in_demo_mode(demo_settings, keys):
    """require_api_key=False opens forecasts, maps, datasets, documents; never network or admin."""
    from fastapi.testclient import TestClient
    from haisi.api.app import create_app

    demo = TestClient(create_app(demo_settings.model_copy(update={"require_api_key": False})))
    for (method, route), (router, path, kw) in CASES.items():
        if method != "GET" or path.startswith("/ui"):
            continue
        r = demo.get(path, **kw)
        if router in OPEN_WITHOUT_KEY:
            assert r.status_code not in (401, 403) and r.status_code < 500, (path, r.text[:200])
        else:
            assert r.status_code == 401, path
    assert demo.get("/datasets", headers={"X-API-Key": "hs_x.wrong"}).status_code == 401


def test_rate_limit_per_key(demo_settings, keys):
    from fastapi.testclient import TestClient
    from haisi.api.app import create_app

    c = TestClient(create_app(demo_settings.model_copy(update={"rate_limit_per_minute": 3})))
    h = {"X-API-Key": keys["researcher"]}
    assert [c.get("/maps", headers=h).status_code for _ in range(3)] == [200, 200, 200]
    r = c.get("/maps", headers=h)
    assert r.status_code == 429 and r.json() == {
        "detail": "请求过于频繁 rate limit exceeded; retry later"
    }
    assert 1 <= int(r.headers["retry-after"]) <= 60
    assert c.get("/maps", headers={"X-API-Key": keys["tourism"]}).status_code == 200  # own bucket


def test_a_burst_across_a_minute_boundary_is_cut() -> None:
    """Any 60 seconds hold at most the limit (fixed windows let 2× through at hh:mm:59-00)."""
    from haisi.api.access import RateLimiter

    lim = RateLimiter(5)
    assert [lim.hit("k", now=59.0 + i / 10) for i in range(5)] == [0] * 5
    assert lim.hit("k", now=60.2) == 59  # a new clock minute, but the window still holds five
    assert lim.hit("other", now=60.2) == 0  # each identity its own window
    assert lim.hit("k", now=119.05) == 0  # the first hit (59.0) has left the window
    assert lim.hit("k", now=119.06) == 1  # the second (59.1) has not
    assert RateLimiter(0).hit("k", now=0.0) == 60


def test_revoked_key_gets_401_at_once(client, keys):
    admin = {"X-API-Key": keys["admin"]}
    made = client.post("/admin/keys", json={"role": "researcher"}, headers=admin).json()
    h = {"X-API-Key": made["secret"]}
    assert client.get("/datasets", headers=h).status_code == 200
    assert client.delete(f"/admin/keys/{made['key_id']}", headers=admin).json()["revoked"] is True
    assert client.get("/datasets", headers=h).status_code == 401
    listed = client.get("/admin/keys", headers=admin).json()["data"]
    assert all("secret" not in k and "key_hash" not in k for k in listed)


def test_audit_records_downloads_without_secrets(client, keys, app, caplog):
    h = {"X-API-Key": keys["researcher"]}
    with caplog.at_level("DEBUG"):
        r = client.get("/datasets/hs_codes/download", params={"format": "ndjson"}, headers=h)
    assert r.status_code == 200
    rows = app.state.ops.audit_log(200)
    mine = [a for a in rows if a["resource"] == "/datasets/hs_codes/download"]
    assert mine and mine[0]["action"] == "download" and mine[0]["role"] == "researcher"
    assert mine[0]["key_id"] == keys["researcher"].split(".")[0]
    blob = repr(rows) + caplog.text
    assert all(secret not in blob for secret in keys.values())


def test_metrics_count_requests_by_route(client):
    client.get("/health")
    text = client.get("/metrics").text
    assert 'haisi_requests_total{method="GET",route="/health",status="200"}' in text
    assert "haisi_request_seconds_bucket" in text


def test_crawl_runs_are_visible_to_admins(client, keys, app):
    """What ``haisi crawl --status`` shows, through the API (issue 4)."""
    app.state.ops.start_crawl("gacc-test-run", "gacc")
    app.state.ops.finish_crawl(
        "gacc-test-run", status="finished", pages=12, items=30, errors={"http_404": 2}
    )
    runs = client.get("/admin/crawl-runs", headers={"X-API-Key": keys["admin"]}).json()["data"]
    run = next(r for r in runs if r["run_id"] == "gacc-test-run")
    assert (run["spider"], run["status"], run["pages"], run["items"]) == (
        "gacc",
        "finished",
        12,
        30,
    )
    assert (
        client.get("/admin/crawl-runs", headers={"X-API-Key": keys["customs"]}).status_code == 403
    )
