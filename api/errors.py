"""The one map from error kind to HTTP status, and the one error body, for the whole app.

Routes raise :mod:`haisi.errors` exceptions (or let them rise from the models); this module turns
them into ``{"detail": message, "kind": kind}`` with the status of the kind. No route picks a
status from a message, and builtin ``KeyError``/``ValueError`` stay 500s: they are bugs.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from haisi.errors import Conflict, Forbidden, HaisiError, InvalidInput, NotFound, Unavailable

__all__ = ["STATUS", "ErrorBody", "ERROR_RESPONSES", "CONFLICT", "status_of", "install"]

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
    kind: str | None = Field(
        None,
        description="错误类别 error kind: invalid, not_found, forbidden, unavailable, conflict",
        examples=["not_found"],
    )


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": desc}
    for status, desc in (
        (400, "请求无效（含参数不合格式）invalid request, parameters included"),
        (401, "缺少或无效的API密钥 missing, unknown or revoked API key"),
        (403, "角色无权 the key's role may not use this"),
        (404, "未找到 not found (see api/README.md: not found vs empty)"),
        (409, "冲突 the request's parts, or the rows it selects, conflict; the message says how"),
        (429, "请求过于频繁 rate limit exceeded; see Retry-After"),
        (503, "数据仓库暂时无法访问 store unavailable; see Retry-After"),
    )
}

#: What an operation that can answer 409 declares (an inverted range, rows in mixed currencies).
CONFLICT: dict[int | str, dict[str, Any]] = {409: ERROR_RESPONSES[409]}


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
        return JSONResponse(
            {"detail": exc.message, "kind": exc.kind}, status_code=status, headers=headers
        )

    app.add_exception_handler(HaisiError, _handler)

    async def _invalid(request: Request, exc: Exception) -> Response:
        """A request the OpenAPI schema rejects: 400 in the one error body, naming each field
        and the rule it broke (never echoing the value back)."""
        assert isinstance(exc, RequestValidationError)
        parts = [
            f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()
        ]
        body = {"detail": "参数无效 invalid request: " + "; ".join(parts), "kind": "invalid"}
        if html_page is not None and request.url.path.startswith("/ui"):
            return html_page(request, InvalidInput(body["detail"]), 400)
        return JSONResponse(body, status_code=400)

    app.add_exception_handler(RequestValidationError, _invalid)
    _document(app)


def _document(app: FastAPI) -> None:
    """The OpenAPI description declares the error responses above on every operation that needs
    a key (and 400 on every operation with inputs) in the one error schema, and no 422."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = build()
        schema.setdefault("components", {}).setdefault("schemas", {})["ErrorBody"] = (
            ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
        )
        body = {"schema": {"$ref": "#/components/schemas/ErrorBody"}}
        ref = {"content": {"application/json": body}}
        for path, ops in schema.get("paths", {}).items():
            for op in ops.values():
                responses = op.setdefault("responses", {})
                responses.pop("422", None)
                statuses = [] if path in _OPEN_PATHS else [401, 403, 404, 429, 503]
                if op.get("parameters") or op.get("requestBody") or statuses:
                    statuses.append(400)
                for status in statuses:
                    responses.setdefault(
                        str(status), {"description": ERROR_RESPONSES[status]["description"], **ref}
                    )
        for name in ("HTTPValidationError", "ValidationError"):
            schema["components"]["schemas"].pop(name, None)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


_OPEN_PATHS = frozenset({"/health", "/metrics"})
