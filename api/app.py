"""The haisi service: ``create_app(settings)`` assembles routers, auth, metrics and the audit log.

Routers per audience (see :data:`api.access.ROLE_MATRIX`): forecasts (analysts), network
(customs), maps (tourism staff), datasets (researchers), documents, admin; the dashboard
under ``/ui``; map assets under ``/maps/static``. A middleware times every request for
``/metrics`` and writes one audit row per data request (who, which route, what filters,
status); keys never reach a log: only their public ``key_id`` prefix does.
"""

from __future__ import annotations

import time
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from haisi.api import errors
from haisi.api.access import RateLimiter
from haisi.settings import Settings, get_settings
from haisi.warehouse import Warehouse
from haisi.warehouse.ops import OpsDB

__all__ = ["create_app"]

_DESCRIPTION = """海丝贸易与旅游分析服务 — Maritime Silk Road trade and tourism analytics for Fuzhou.

Send your key in the `X-API-Key` header (`haisi keys create --role ROLE`). Roles reach routers as
follows: forecasts — analyst, researcher, admin; network — customs, admin; maps — tourism,
analyst, customs, researcher, admin; datasets — researcher, analyst, customs, admin;
documents — all roles; admin — admin. Missing or wrong key: 401; wrong role: 403; too many
requests: 429. With `HAISI_REQUIRE_API_KEY=false` forecasts, maps, datasets and documents are
open (a local demo); network and admin always need a key."""

_UI_STATIC = Path(__file__).parent / "static"
_UNAUDITED = ("/health", "/metrics", "/maps/static", "/ui/static", "/docs", "/openapi.json", "/redoc")


def _metrics(registry):
    from prometheus_client import Counter, Histogram

    requests = Counter("haisi_requests", "HTTP requests by route, method and status",
                       ["route", "method", "status"], registry=registry)
    latency = Histogram("haisi_request_seconds", "Request latency by route", ["route"],
                        registry=registry,
                        buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10))
    return requests, latency


class _Observe:
    """Pure ASGI middleware: Prometheus counts and latency per route, one audit row per data request."""

    def __init__(self, app, *, requests, latency) -> None:
        self.app, self.requests, self.latency = app, requests, latency

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()
        status = 500

        async def send_wrapper(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")
            self.requests.labels(route, scope["method"], str(status)).inc()
            self.latency.labels(route).observe(time.perf_counter() - t0)
            path = scope["path"]
            if not path.startswith(_UNAUDITED) and route != "unmatched":
                await _audit(scope, path, status)


async def _audit(scope, path: str, status: int) -> None:
    """Who read or downloaded what (key id and role only, never the secret), in the thread pool."""
    from urllib.parse import parse_qsl

    caller = scope.get("state", {}).get("caller")
    action = "download" if path.endswith(("/download", "/export")) else "read"
    detail = {"query": dict(parse_qsl(scope.get("query_string", b"").decode("latin-1"))),
              "method": scope["method"]}
    ops = scope["app"].state.ops
    await anyio.to_thread.run_sync(lambda: ops.audit(
        key_id=caller.key_id if caller else None, role=caller.role if caller else None,
        action=action, resource=path, detail=detail, status=status))


def create_app(settings: Settings | None = None) -> FastAPI:
    """A configured FastAPI app over the warehouse and ops DB named by ``settings``."""
    from prometheus_client import CollectorRegistry

    from haisi.api.dashboard import install_error_pages, root_router, router as dashboard_router
    from haisi.api.routes import admin, datasets, documents, forecasts, health, maps, network
    from haisi.maps.assets import STATIC_DIR

    s = settings or get_settings()
    app = FastAPI(title="海丝 haisi API", version="1.0", description=_DESCRIPTION,
                  openapi_tags=[{"name": "forecasts 预测", "description": "商务分析 commerce analysts"},
                                {"name": "network 贸易网络", "description": "海关 customs"},
                                {"name": "maps 地图", "description": "文旅 tourism staff"},
                                {"name": "datasets 数据集", "description": "研究人员 researchers"}])
    app.state.settings = s
    app.state.warehouse = Warehouse.from_settings(s)
    app.state.ops = OpsDB(s.ops_db)
    app.state.limiter = RateLimiter(s.rate_limit_per_minute)
    app.state.registry = CollectorRegistry()
    requests, latency = _metrics(app.state.registry)

    app.add_middleware(_Observe, requests=requests, latency=latency)
    app.mount("/maps/static", StaticFiles(directory=STATIC_DIR), name="map-static")
    app.mount("/ui/static", StaticFiles(directory=_UI_STATIC), name="ui-static")
    for r in (health.router, forecasts.router, network.router, maps.router, datasets.router,
              documents.router, admin.router, forecasts.publish_router, dashboard_router,
              root_router):
        app.include_router(r)
    install_error_pages(app)
    errors.install(app)
    return app
