"""Liveness and Prometheus metrics (open to all: no data in either)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from haisi.api.schemas import Health

router = APIRouter(tags=["service 服务"])


@router.get("/health", response_model=Health, summary="健康检查 Health check")
async def health() -> dict:
    """``{"status": "ok"}`` while the service answers."""
    return {"status": "ok"}


@router.get(
    "/metrics",
    summary="Prometheus指标 Prometheus metrics",
    response_class=Response,
    responses={200: {"content": {"text/plain": {}}}},
)
async def metrics(request: Request) -> Response:
    """Request counts and latencies per route and status, in Prometheus text format."""
    from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

    return Response(generate_latest(request.app.state.registry), media_type=CONTENT_TYPE_LATEST)
