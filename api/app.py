"""The haisi service: ``create_app(settings)`` assembles routers, auth, metrics and the audit log.

Routers per audience (see :data:`api.access.ROLE_MATRIX`): forecasts (analysts), network
(customs), maps (tourism staff), datasets (researchers), documents, admin; the dashboard
under ``/ui``; map assets under ``/maps/static``. A middleware times every request for
``/metrics`` and writes one audit row per data request (who, which route, what filters,
status); keys never reach a log: only their public ``key_id`` prefix does.
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from haisi.api import errors
from haisi.api.access import RateLimiter
from haisi.api.answers import Answers
from haisi.warehouse import Warehouse
from haisi.warehouse.ops import KEY_CACHE_SECONDS, OpsDB
from haisi.warehouse.reads import recording

from haisi.settings import Settings, get_settings

__all__ = ["create_app"]

_DESCRIPTION = """海丝贸易与旅游分析服务 — Maritime Silk Road trade and tourism \
analytics for Fuzhou.

Send your key in the `X-API-Key` header (`haisi keys create --role ROLE`). Roles reach routers as
follows: forecasts — analyst, researcher, admin; network — customs, admin; maps — tourism,
analyst, customs, researcher, admin; datasets — researcher, analyst, customs, admin;
documents — all roles; admin — admin. Missing or wrong key: 401; wrong role: 403; too many
requests: 429. With `HAISI_REQUIRE_API_KEY=false` forecasts, maps, datasets and documents are
open (a local demo); network and admin always need a key."""

_UNAUDITED = (
    "/health",
    "/metrics",
    "/maps/static",
    "/ui/static",
    "/docs",
    "/openapi.json",
    "/redoc",
)


def _metrics(registry):
    from prometheus_client import Counter, Histogram

    requests = Counter(
        "haisi_requests",
        "HTTP requests by route, method and status",
        ["route", "method", "status"],
        registry=registry,
    )
    latency = Histogram(
        "haisi_request_seconds",
        "Request latency by route",
        ["route"],
        registry=registry,
        buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10),
    )
    return requests, latency


def _journal_gauge(app: FastAPI) -> None:
    """``haisi_ops_journal_pending``: audit rows waiting in the journal for the ops database."""
    from prometheus_client import Gauge

    Gauge(
        "haisi_ops_journal_pending",
        "Audit and crawl-run events journalled, not yet stored",
        registry=app.state.registry,
    ).set_function(lambda: app.state.ops.journal_pending())


def _answers_gauges(app: FastAPI) -> None:
    """``haisi_kept_answers_served`` and ``…_stored``: answers sent from ``api.answers``."""
    from prometheus_client import Gauge

    def count(what: str) -> Callable[[], float]:
        return lambda: float(getattr(app.state.answers, what))

    for what in ("served", "stored"):
        Gauge(
            f"haisi_kept_answers_{what}",
            f"Kept answers {what} since the start (see api.answers)",
            registry=app.state.registry,
        ).set_function(count(what))


class _Observe:
    """Pure ASGI middleware: Prometheus counts and latency per route, one audit row per data
    request, and kept answers (``api.answers``) served before the app is entered."""

    def __init__(self, app, *, requests, latency, answers: Answers) -> None:
        self.app, self.requests, self.latency, self.answers = app, requests, latency, answers

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()
        status = 500
        audited = False

        async def send_wrapper(message) -> None:
            nonlocal status, audited
            if message["type"] == "http.response.start":
                status = message["status"]
                audited = _audit(scope, status)  # journalled before the client sees a byte
            await send(message)

        try:
            if scope["method"] != "GET" or scope["path"].startswith(_UNAUDITED):
                await self.app(scope, receive, send_wrapper)  # never a kept answer
            elif not await self.answers.answer(scope, send_wrapper):
                with recording() as reads:  # what a kept answer will depend on
                    kept = self.answers.keeping(scope, reads.versions, send_wrapper)
                    await self.app(scope, receive, kept)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")
            self.requests.labels(route, scope["method"], str(status)).inc()
            self.latency.labels(route).observe(time.perf_counter() - t0)
            if not audited:
                _audit(scope, status)


# what a request does, by (method, route): anything else is a read, a download or the method
_ACTIONS = {
    ("POST", "/admin/keys"): "key_create",
    ("DELETE", "/admin/keys/{key_id}"): "key_revoke",
    ("POST", "/forecasts/run"): "forecast_run",
    ("POST", "/forecasts/jobs"): "job_create",
    ("POST", "/ui/forecasts/run"): "forecast_run",
    ("POST", "/ui/login"): "login",
    ("POST", "/ui/logout"): "logout",
}
_PRUNE_EVERY_S = 3600  # how often a process applies the audit retention window


def _action(method: str, route: str, path: str) -> str:
    """The audit action of a request: its real kind, not ``read`` for every call."""
    if (method, route) in _ACTIONS:
        return _ACTIONS[(method, route)]
    if path.endswith(("/download", "/export")):
        return "download"
    return "read" if method in ("GET", "HEAD") else method.lower()


def _audit(scope, status: int) -> bool:
    """Journal who did what (key id and role only, never the secret); no waiting. A handler may
    add ``request.state.audit_detail`` (e.g. which key was created with which role).

    Returns whether the request was audited (False for unaudited paths and unmatched routes).
    """
    from urllib.parse import parse_qsl

    path = scope["path"]
    route = getattr(scope.get("route"), "path", None)
    if path.startswith(_UNAUDITED) or route is None:
        return False
    state = scope.get("state", {})
    if state.get("audit_skip"):
        return True
    caller = state.get("caller")
    action = state.get("audit_action") or _action(scope["method"], route, path)
    detail = {
        "query": dict(parse_qsl(scope.get("query_string", b"").decode("latin-1"))),
        "method": scope["method"],
        **state.get("audit_detail", {}),
    }
    app = scope["app"]
    app.state.ops.audit(
        key_id=caller.key_id if caller else None,
        role=caller.role if caller else None,
        action=action,
        resource=path,
        detail=detail,
        status=status,
    )
    now = time.time()
    if now - app.state.audit_pruned_at > _PRUNE_EVERY_S:  # off the request path
        app.state.audit_pruned_at = now
        threading.Thread(
            target=app.state.ops.prune_audit,
            daemon=True,
            args=(app.state.settings.audit_retention_days,),
        ).start()
    return True


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Open the audit journal (replaying what a killed process left) and flush it on shutdown."""
    app.state.ops.open_journal()
    yield
    await anyio.to_thread.run_sync(app.state.ops.close_journal)


def create_app(settings: Settings | None = None) -> FastAPI:
    """A configured FastAPI app over the warehouse and ops DB named by ``settings``."""
    from haisi.api.dashboard import UI_STATIC, install_error_pages, root_router
    from haisi.api.dashboard import router as dashboard_router
    from haisi.api.docs import install as install_docs
    from haisi.api.routes import (
        admin,
        crossstrait,
        datasets,
        documents,
        forecasts,
        health,
        maps,
        network,
    )
    from haisi.maps.assets import STATIC_DIR
    from prometheus_client import CollectorRegistry

    s = settings or get_settings()
    app = FastAPI(
        title="海丝 haisi API",
        version="1.0",
        description=_DESCRIPTION,
        lifespan=_lifespan,
        docs_url=None,
        redoc_url=None,  # served from the package: api.docs
        openapi_tags=[
            {"name": "forecasts 预测", "description": "商务分析 commerce analysts"},
            {"name": "network 贸易网络", "description": "海关 customs"},
            {"name": "maps 地图", "description": "文旅 tourism staff"},
            {"name": "datasets 数据集", "description": "研究人员 researchers"},
            {"name": "crossstrait 海峡两岸", "description": "两岸互动平台 cross-strait"},
        ],
    )
    app.state.settings = s
    app.state.warehouse = Warehouse.from_settings(s)
    app.state.ops = OpsDB.from_settings(s, key_cache_s=KEY_CACHE_SECONDS)
    app.state.ops.open_journal()  # audit rows: durable at once, stored in batches, never awaited
    app.state.limiter = RateLimiter(s.rate_limit_per_minute)
    app.state.failed_limiter = RateLimiter(s.failed_key_limit_per_minute)
    app.state.ops.prune_audit(s.audit_retention_days)
    app.state.audit_pruned_at = time.time()
    app.state.registry = CollectorRegistry()
    requests, latency = _metrics(app.state.registry)
    _journal_gauge(app)
    app.state.answers = Answers()
    _answers_gauges(app)

    app.add_middleware(_Observe, requests=requests, latency=latency, answers=app.state.answers)
    install_docs(app)
    app.mount("/maps/static", StaticFiles(directory=STATIC_DIR), name="map-static")
    app.mount("/ui/static", StaticFiles(directory=UI_STATIC), name="ui-static")
    for r in (
        health.router,
        forecasts.router,
        network.router,
        maps.router,
        datasets.router,
        documents.router,
        admin.router,
        crossstrait.router,
        forecasts.publish_router,
        dashboard_router,
        root_router,
    ):
        app.include_router(r)
    install_error_pages(app)
    errors.install(app)
    return app
