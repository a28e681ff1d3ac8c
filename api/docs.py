"""/docs (Swagger UI) and /redoc (ReDoc) served from this service, so they work with no internet.

The scripts and styles come from the pinned ``fastapi-offline`` package (Swagger UI: Apache-2.0,
ReDoc: MIT, package: MIT; licences in its dist-info), mounted under ``/docs/static``; ReDoc's
Google Fonts link is left out (the system fonts render the pages). Both pages carry a
Content-Security-Policy that lets them load nothing from elsewhere (ReDoc's bundle would otherwise
fetch its "powered by" logo from a CDN).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

__all__ = ["ASSETS", "install"]

_STATIC = "/docs/static"
_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; "
    "connect-src 'self'"
)


def _local_only(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = _CSP
    return page


def _assets() -> Path:
    import fastapi_offline

    return Path(fastapi_offline.__file__).parent / "static"


ASSETS = _assets()


def install(app: FastAPI) -> None:
    """Add /docs, /docs/oauth2-redirect and /redoc over the packaged assets (the app is built with
    ``docs_url=None, redoc_url=None``)."""
    app.mount(_STATIC, StaticFiles(directory=ASSETS), name="docs-static")
    redirect = "/docs/oauth2-redirect"

    def page(request: Request, render, **files: str) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        urls = {k: f"{root}{_STATIC}/{v}" for k, v in files.items()}
        return _local_only(render(openapi_url=f"{root}{app.openapi_url}", **urls))

    @app.get("/docs", include_in_schema=False)
    async def swagger(request: Request) -> HTMLResponse:
        return page(
            request,
            partial(
                get_swagger_ui_html, title=f"{app.title} — Swagger UI", oauth2_redirect_url=redirect
            ),
            swagger_js_url="swagger-ui-bundle.js",
            swagger_css_url="swagger-ui.css",
            swagger_favicon_url="favicon.png",
        )

    @app.get(redirect, include_in_schema=False)
    async def swagger_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        return page(
            request,
            partial(get_redoc_html, title=f"{app.title} — ReDoc", with_google_fonts=False),
            redoc_js_url="redoc.standalone.js",
            redoc_favicon_url="favicon.png",
        )
