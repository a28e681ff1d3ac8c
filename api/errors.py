"""The one map from error kind to HTTP status, and the one error body, for the whole app.

Routes raise :mod:`haisi.errors` exceptions (or let them rise from the models); this module turns
them into ``{"detail": message, "kind": kind}`` with the status of the kind. No route picks a
status from a message, and builtin ``KeyError``/``ValueError`` stay 500s: they are bugs.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from haisi.errors import Conflict, Forbidden, HaisiError, InvalidInput, NotFound, Unavailable

__all__ = ["STATUS", "ErrorBody", "ERROR_RESPONSES", "status_of", "install"]

STATUS: dict[type[HaisiError], int] = {
    InvalidInput: 400,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    Unavailable: 503,
}
_RETRY_AFTER_S = 30  # how long a client should wait before retrying an unavailable store


class ErrorBody(BaseModel):
    """Every error response of the API (and FastAPI's own 401/403/429 ``detail`` bodies)."""

    detail: Any = Field(description="说明（中文 English） what went wrong, Chinese first")
    kind: str | None = Field(None, description="错误类别 error kind: invalid, not_found, forbidden, "
                                                "unavailable, conflict", examples=["not_found"])


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": desc}
    for status, desc in ((400, "请求无效 invalid request"), (404, "未找到 not found"),
                         (503, "数据仓库暂时无法访问 store unavailable"))
}


def status_of(exc: HaisiError) -> int:
    """The HTTP status of an error's kind (500 for a kind with no mapping)."""
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


def install(app: FastAPI, *, html_page=None) -> None:
    """Register the handler; ``html_page(request, exc, status)`` renders /ui pages if given."""

    async def _handler(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HaisiError)
        status = status_of(exc)
        if html_page is not None and request.url.path.startswith("/ui"):
            return html_page(request, exc, status)
        headers = {"Retry-After": str(_RETRY_AFTER_S)} if isinstance(exc, Unavailable) else None
        return JSONResponse({"detail": exc.message, "kind": exc.kind}, status_code=status,
                            headers=headers)

    app.add_exception_handler(HaisiError, _handler)
