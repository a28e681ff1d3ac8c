"""Annotated dependencies: settings, warehouse, ops DB, the caller and per-router guards.

A key lookup answered from the ops DB's short cache costs no I/O and stays on the event loop;
one that reads the database runs in the thread pool, never on the event loop.
"""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Header, HTTPException, Request
from haisi.api.access import Caller, allowed
from haisi.warehouse import Warehouse
from haisi.warehouse.classification import clearance
from haisi.warehouse.ops import KEY_MISS, ApiKey, OpsDB
from starlette.concurrency import run_in_threadpool

from haisi.settings import Settings

__all__ = [
    "SettingsDep",
    "WarehouseDep",
    "OpsDep",
    "CallerDep",
    "guard",
    "failed_key",
    "KEY_COOKIE",
]

KEY_COOKIE = "haisi_key"


async def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


async def get_ops(request: Request) -> OpsDB:
    return request.app.state.ops


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
OpsDep = Annotated[OpsDB, Depends(get_ops)]


async def get_caller(
    request: Request,
    ops: OpsDep,
    x_api_key: Annotated[
        str | None, Header(description="API密钥 API key (haisi keys create)")
    ] = None,
) -> Caller:
    """The caller from ``X-API-Key`` (or the dashboard's cookie); 401 for an unknown key."""
    client = request.client.host if request.client else "unknown"
    secret = x_api_key or request.cookies.get(KEY_COOKIE)
    if not secret:
        caller = Caller(None, None, client)
    else:
        hit = ops.cached_key(secret)  # no I/O: a lookup of the last KEY_CACHE_SECONDS
        key = (
            await run_in_threadpool(ops.lookup_key, secret)
            if hit is KEY_MISS
            else cast("ApiKey | None", hit)
        )
        if key is None:
            request.state.caller = Caller(None, None, client)  # nothing of the secret is kept
            failed_key(request, client)
            raise HTTPException(
                401,
                "API密钥无效或已撤销 invalid or revoked API key",
                headers={"WWW-Authenticate": "X-API-Key"},
            )
        caller = Caller(key["key_id"], key["role"], client)
    request.state.caller = caller
    return caller


CallerDep = Annotated[Caller, Depends(get_caller)]


def failed_key(request: Request, client: str) -> None:
    """Count a request with a wrong key against its address; past the limit, 429 (not audited)."""
    request.state.audit_action = "auth_failed"
    wait = request.app.state.failed_limiter.hit(f"ip:{client}")
    if wait:
        request.state.audit_skip = True  # a flood of wrong keys must not flood the audit log
        raise HTTPException(
            429,
            "错误密钥过多 too many requests with a wrong key; retry later",
            headers={"Retry-After": str(wait)},
        )


async def get_warehouse(request: Request, caller: CallerDep) -> Warehouse:
    """The warehouse as the caller's role may see it: the one read path of every route, so
    restricted rows reach customs and admin only and everyone else gets them disclosure-controlled
    (see :mod:`haisi.warehouse.classification`)."""
    return request.app.state.warehouse.cleared(clearance(caller.role))


WarehouseDep = Annotated[Warehouse, Depends(get_warehouse)]


def guard(router: str):
    """A dependency that admits callers whose role reaches ``router`` and counts their rate."""

    async def check(request: Request, caller: CallerDep, settings: SettingsDep) -> Caller:
        request.state.router = router
        if not allowed(router, caller.role, require_api_key=settings.require_api_key):
            if caller.role is None:
                raise HTTPException(
                    401,
                    "需要API密钥 API key required (X-API-Key header)",
                    headers={"WWW-Authenticate": "X-API-Key"},
                )
            raise HTTPException(
                403,
                f"角色 {caller.role} 无权访问 role {caller.role!r} may not use the {router} API",
            )
        wait = request.app.state.limiter.hit(caller.identity)
        if wait:
            raise HTTPException(
                429,
                "请求过于频繁 rate limit exceeded; retry later",
                headers={"Retry-After": str(wait)},
            )
        return caller

    return Depends(check)
