"""Administration: API keys (created, listed, revoked) and the audit log. Admin keys only."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from haisi.api.deps import OpsDep, WarehouseDep, guard
from haisi.api.schemas import Envelope
from haisi.warehouse.ops import LABEL_PATTERN
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from haisi.errors import NotFound

router = APIRouter(prefix="/admin", tags=["admin 管理"], dependencies=[guard("admin")])


class NewKey(BaseModel):
    """A key to create."""

    role: Literal["analyst", "customs", "tourism", "researcher", "admin"] = Field(
        examples=["researcher"]
    )
    label: str | None = Field(
        None,
        max_length=200,
        pattern=LABEL_PATTERN,
        description="备注，不含换行或控制字符 no newlines or control characters",
        examples=["厦门大学 Xiamen University"],
    )


@router.get("/keys", response_model=Envelope, summary="API密钥列表 List API keys")
async def keys(ops: OpsDep) -> dict:
    """Key ids, roles, labels and dates; never the secrets (only their hashes are stored)."""
    rows = await run_in_threadpool(ops.list_keys)
    return {"data": [dict(r) for r in rows], "count": len(rows)}


@router.post("/keys", status_code=201, summary="创建API密钥 Create an API key")
async def create_key(request: Request, ops: OpsDep, body: NewKey) -> dict:
    """Create a key; the secret is in this response only. The audit row names the new key's id
    and role."""
    key_id, secret = await run_in_threadpool(ops.create_key, body.role, body.label)
    request.state.audit_detail = {"created_key_id": key_id, "created_role": body.role}
    return {"key_id": key_id, "role": body.role, "secret": secret}


@router.delete("/keys/{key_id}", summary="撤销API密钥 Revoke an API key")
async def revoke_key(request: Request, ops: OpsDep, key_id: str) -> dict:
    """Revoke a key at once; later requests with it get 401."""
    request.state.audit_detail = {"revoked_key_id": key_id}
    if not await run_in_threadpool(ops.revoke_key, key_id):
        raise NotFound(f"未知或已撤销 unknown or already revoked key {key_id!r}")
    return {"key_id": key_id, "revoked": True}


@router.get("/audit", response_model=Envelope, summary="审计日志 Audit log")
async def audit(ops: OpsDep, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict:
    """Who read or downloaded what, newest first."""
    rows = await run_in_threadpool(ops.audit_log, limit)
    return {"data": rows, "count": len(rows)}


@router.get(
    "/sources", response_model=Envelope, summary="数据来源及密级 Sources and their classification"
)
async def sources(wh: WarehouseDep) -> dict:
    """Every registered source and every source with stored rows: its classification (public or
    restricted), whether it is registered or derived, and the tables its rows sit in."""
    from haisi.warehouse.classification import sources as listing

    rows = listing(await run_in_threadpool(wh.source_classes))
    return {"data": rows, "count": len(rows)}


@router.get("/crawl-runs", response_model=Envelope, summary="抓取运行记录 Crawl runs")
async def crawl_runs(ops: OpsDep, limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> dict:
    """Spider runs, newest first: start, end, status, pages, items and errors per reason."""
    rows = await run_in_threadpool(ops.crawl_runs, limit)
    return {"data": rows, "count": len(rows)}
