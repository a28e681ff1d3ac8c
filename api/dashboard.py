"""Server-rendered dashboard (Jinja2, no build step, no external assets) under ``/ui``.

Chinese by default, English with ``?lang=en`` (remembered in a cookie). The same keys and
roles apply as for the API: a browser logs in once with its key, which is kept in an
HttpOnly cookie; each page is guarded by the router whose data it shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from haisi.errors import HaisiError
from haisi.api.access import ROLE_MATRIX
from haisi.api.deps import KEY_COOKIE, CallerDep, OpsDep, WarehouseDep, guard

__all__ = ["router", "root_router", "install_error_pages"]

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
router = APIRouter(prefix="/ui", include_in_schema=False)
_LANG = "haisi_lang"


def _lang(request: Request) -> str:
    q = request.query_params.get("lang")
    return q if q in ("zh", "en") else request.cookies.get(_LANG, "zh")


def _page(request: Request, name: str, status: int = 200, **ctx) -> HTMLResponse:
    lang = _lang(request)
    caller = getattr(request.state, "caller", None)
    resp = templates.TemplateResponse(request, name, {
        "lang": lang, "t": (lambda zh, en: en if lang == "en" else zh), "caller": caller,
        "roles": ROLE_MATRIX, **ctx}, status_code=status)
    if request.query_params.get("lang") in ("zh", "en"):
        resp.set_cookie(_LANG, lang, samesite="lax")
    return resp


def install_error_pages(app) -> None:
    """401/403 on a dashboard page render the login page instead of JSON."""
    from fastapi.exception_handlers import http_exception_handler
    from starlette.exceptions import HTTPException as StarletteHTTPException

    @app.exception_handler(StarletteHTTPException)
    async def _handler(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/ui") and exc.status_code in (401, 403):
            return _page(request, "login.html", status=exc.status_code, error=exc.detail)
        return await http_exception_handler(request, exc)


root_router = APIRouter(include_in_schema=False)


@root_router.get("/")
async def root() -> RedirectResponse:
    """The service's front door is the dashboard."""
    return RedirectResponse("/ui", status_code=307)


@router.get("", response_class=HTMLResponse)
async def home(request: Request, caller: CallerDep) -> HTMLResponse:
    """Start page: what each audience finds where."""
    return _page(request, "home.html")


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request) -> HTMLResponse:
    return _page(request, "login.html")


@router.post("/login")
async def login(request: Request, ops: OpsDep, key: Annotated[str, Form()]) -> HTMLResponse:
    """Check the key, then keep it in an HttpOnly cookie for the dashboard's requests."""
    found = await run_in_threadpool(ops.lookup_key, key.strip())
    if found is None:
        return _page(request, "login.html", status=401,
                     error="API密钥无效或已撤销 invalid or revoked API key")
    resp = RedirectResponse("/ui", status_code=303)
    resp.set_cookie(KEY_COOKIE, key.strip(), httponly=True, samesite="strict")
    return resp


@router.post("/logout")
async def logout() -> RedirectResponse:
    resp = RedirectResponse("/ui", status_code=303)
    resp.delete_cookie(KEY_COOKIE)
    return resp


@router.get("/datasets", response_class=HTMLResponse, dependencies=[guard("datasets")])
async def datasets_page(request: Request, wh: WarehouseDep) -> HTMLResponse:
    """Catalogue with download buttons per format."""
    from haisi.api.routes.datasets import datasets_cached

    infos = await run_in_threadpool(datasets_cached, wh)
    return _page(request, "datasets.html", datasets=infos, formats=["csv", "parquet", "json", "ndjson"])


@router.get("/maps", response_class=HTMLResponse, dependencies=[guard("maps")])
async def maps_page(request: Request) -> HTMLResponse:
    """Gallery of the map layers, each embedded and linked."""
    from haisi.maps.layers import LAYERS

    return _page(request, "maps.html", layers=list(LAYERS))


@router.get("/forecasts", response_class=HTMLResponse, dependencies=[guard("forecasts")])
async def forecasts_page(request: Request, wh: WarehouseDep, ops: OpsDep, caller: CallerDep,
                         series_id: str | None = None, q: str | None = None,
                         run_id: str | None = None) -> HTMLResponse:
    """Pick a series; see its published forecast (grade, reason, chart) and your own run."""
    from haisi.api.routes.forecasts import series_table, stored_cached

    table = await run_in_threadpool(series_table, wh)
    if q:
        table = table[table["series_id"].str.contains(q, case=False, regex=False)
                      | table["title_zh"].str.contains(q, regex=False)]
    series = table.head(300).to_dict("records")
    if series_id and series_id not in {r["series_id"] for r in series}:
        picked = table[table["series_id"] == series_id]
        series = picked.to_dict("records") + series
    stored = None
    if series_id:
        stored = await run_in_threadpool(stored_cached, wh, series_id)
    run = await run_in_threadpool(ops.forecast_run, run_id) if run_id else None
    if run is not None and (run["series_id"] != series_id or run["created_by"] != caller.key_id):
        run = None
    return _page(request, "forecasts.html", series=series, series_id=series_id, q=q or "",
                 stored=None if stored is None else stored.to_dict("records"), run=run)


@router.post("/forecasts/run", dependencies=[guard("forecasts")])
async def forecasts_run(request: Request, wh: WarehouseDep, ops: OpsDep, caller: CallerDep,
                        series_id: Annotated[str, Form()]) -> RedirectResponse:
    """Fit the picked series now as the caller's run (not published), then show it."""
    from urllib.parse import quote

    from haisi.api.routes.forecasts import _run_and_record
    from haisi.models.forecast.auto import DEFAULT_LEVELS

    run = await run_in_threadpool(_run_and_record, wh, ops, caller.key_id, series_id, None,
                                  DEFAULT_LEVELS)
    return RedirectResponse(f"/ui/forecasts?series_id={quote(series_id, safe='')}"
                            f"&run_id={run['run_id']}", status_code=303)


@router.get("/network", response_class=HTMLResponse, dependencies=[guard("network")])
async def network_page(request: Request, wh: WarehouseDep, reporter: str = "CN-FJ",
                       period: str | None = None, flow: str = "total") -> HTMLResponse:
    """Top partners and the reporter's metrics for one period."""
    from haisi.models.network.queries import node_metrics, top_partners

    if period is None:
        last = await run_in_threadpool(lambda: wh.sql("SELECT max(period) AS p FROM trade_flows").to_pylist())
        period = (last[0]["p"] or "2024")[:4] if last else "2024"
    error, partners, metrics = None, [], []
    try:
        partners = (await run_in_threadpool(
            lambda: top_partners(wh, reporter=reporter, period=period, flow=flow, n=20))).to_dict("records")
        metrics = (await run_in_threadpool(
            lambda: node_metrics(wh, period=period, flow=flow, node=reporter))).to_dict("records")
    except HaisiError as e:  # shown on the page beside the form
        error = str(e)
    return _page(request, "network.html", reporter=reporter, period=period, flow=flow,
                 partners=partners, metrics=metrics, error=error)
