"""Server-rendered dashboard (Jinja2, no build step, no external assets) under ``/ui``.

Chinese by default, English with ``?lang=en`` (remembered in a cookie). The same keys and
roles apply as for the API: a browser logs in once with its key, which is kept in an
HttpOnly cookie; each page is guarded by the router whose data it shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from haisi.api.access import ROLE_MATRIX
from haisi.api.deps import KEY_COOKIE, CallerDep, OpsDep, WarehouseDep, failed_key, guard
from starlette.concurrency import run_in_threadpool

from haisi.errors import HaisiError

__all__ = ["router", "root_router", "install_error_pages"]

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
#: the pages' stylesheets, scripts and icon (mounted at /ui/static)
UI_STATIC = Path(__file__).parent / "static"
router = APIRouter(prefix="/ui", include_in_schema=False)
_LANG = "haisi_lang"


#: zh/en labels of the access areas and roles in the home page's role table
AREA_LABELS = {
    "forecasts": ("贸易与客流预测", "forecasts"),
    "network": ("贸易网络", "network"),
    "maps": ("地图", "maps"),
    "datasets": ("数据集下载", "datasets"),
    "documents": ("文档与事实抽取", "documents"),
    "admin": ("系统管理", "admin"),
    "crossstrait": ("海峡两岸平台", "cross-strait"),
}
ROLE_LABELS = {
    "analyst": ("商务分析人员", "analyst"),
    "customs": ("海关人员", "customs"),
    "tourism": ("文旅人员", "tourism"),
    "researcher": ("研究人员", "researcher"),
    "admin": ("管理员", "admin"),
}


def _lang(request: Request) -> str:
    q = request.query_params.get("lang")
    return q if q in ("zh", "en") else request.cookies.get(_LANG, "zh")


def _page(request: Request, name: str, status: int = 200, **ctx) -> HTMLResponse:
    from haisi.reference.places import place_names

    from haisi.numbers import STEPS, fmt_number

    lang = _lang(request)
    caller = getattr(request.state, "caller", None)
    other = request.url.include_query_params(lang="zh" if lang == "en" else "en")
    resp = templates.TemplateResponse(
        request,
        name,
        {
            "lang": lang,
            "t": (lambda zh, en: en if lang == "en" else zh),
            "caller": caller,
            "switch_url": f"{other.path}?{other.query}",  # the same page, other language
            "roles": ROLE_MATRIX,
            "number_steps": STEPS,
            "area_labels": AREA_LABELS,
            "role_labels": ROLE_LABELS,
            "num": (lambda v, d=2, signed=False: fmt_number(v, lang, d, signed=signed)),
            "pct": (lambda v: "—" if v is None or v != v else f"{v:+.1f}%"),
            "place": (lambda c, opposite=None: place_names(c, opposite)[1 if lang == "en" else 0]),
            **ctx,
        },
        status_code=status,
    )
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


@root_router.get("/favicon.ico")
async def favicon() -> FileResponse:
    """The tab icon browsers ask every page for (maps included), served from the service."""
    return FileResponse(UI_STATIC / "favicon.svg", media_type="image/svg+xml")


_DISPLAY_TABLES = ("trade_flows", "tourism_flows", "container_flows", "forecasts", "countries")


def _display(request: Request, wh) -> dict:
    """The display platform's figures, recomputed only when one of their tables changes."""
    from haisi.api.display import forecast_cards, headline_tiles, partner_shares
    from haisi.warehouse.cache import versioned

    return versioned(
        wh,
        _DISPLAY_TABLES,
        ("display",),
        lambda: {
            "tiles": [x.to_dict() for x in headline_tiles(wh)],
            "shares": partner_shares(wh),
            "forecasts": forecast_cards(wh),
        },
    )


def _may_see_maps(request: Request, caller) -> bool:
    from haisi.api.access import allowed

    return allowed("maps", caller.role, require_api_key=request.app.state.settings.require_api_key)


@router.get("", response_class=HTMLResponse)
async def home(request: Request, caller: CallerDep, wh: WarehouseDep) -> HTMLResponse:
    """Display platform (海丝大数据展示平台): headline figures, partners, flow map, forecasts."""
    data = await run_in_threadpool(_display, request, wh)
    return _page(request, "home.html", wall=False, maps=_may_see_maps(request, caller), **data)


@router.get("/wall", response_class=HTMLResponse)
async def wall(request: Request, caller: CallerDep, wh: WarehouseDep) -> HTMLResponse:
    """The same figures full-screen for a 1920×1080 wall display (refreshes every 5 minutes)."""
    data = await run_in_threadpool(_display, request, wh)
    return _page(request, "home.html", wall=True, maps=_may_see_maps(request, caller), **data)


@router.get("/cross-strait", response_class=HTMLResponse, dependencies=[guard("crossstrait")])
async def cross_strait(request: Request, wh: WarehouseDep) -> HTMLResponse:
    """Cross-strait interactive platform (海峡两岸大数据互动平台)."""
    from haisi.api import crossstrait as cs

    def load() -> dict:
        fc = (
            wh.sql("SELECT DISTINCT series_id FROM forecasts WHERE series_id LIKE 'teu/%'")
            .column("series_id")
            .to_pylist()
            if wh.exists("forecasts")
            else []
        )
        return {
            "ports": {d: cs.teu_ports(wh, d).to_dict("records") for d in cs.DIRECTIONS},
            "forecast_series": sorted(fc),
            "residences": cs.visitor_residences(wh).to_dict("records"),
            "taiwan_ports": cs.taiwan_ports(wh).to_dict("records"),
        }

    from haisi.warehouse.cache import versioned

    ctx = await run_in_threadpool(
        versioned,
        wh,
        ("container_flows", "tourism_flows", "forecasts"),
        ("crossstrait-page",),
        load,
    )
    return _page(request, "cross_strait.html", **ctx)


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request) -> HTMLResponse:
    return _page(request, "login.html")


@router.post("/login")
async def login(request: Request, ops: OpsDep, key: Annotated[str, Form()]) -> Response:
    """Check the key, then keep it in an HttpOnly cookie for the dashboard's requests."""
    found = await run_in_threadpool(ops.lookup_key, key.strip())
    if found is None:
        failed_key(request, request.client.host if request.client else "unknown")
        return _page(
            request,
            "login.html",
            status=401,
            error="API密钥无效或已撤销 invalid or revoked API key",
        )
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
    from haisi.warehouse.classification import SOURCES

    infos = await run_in_threadpool(datasets_cached, wh)
    return _page(
        request,
        "datasets.html",
        datasets=infos,
        formats=["csv", "parquet", "json", "ndjson"],
        source_titles={k: (s.title_zh, s.title_en) for k, s in SOURCES.items()},
    )


#: Units of measure columns (zh, en); others are codes or text.
_UNITS = {
    "value": ("见币种或单位列", "see currency / unit column"),
    "teu": ("标箱", "TEU"),
    "calls": ("艘次", "vessel calls"),
    "distance_km": ("公里", "km"),
    "frequency_per_week": ("班/周", "per week"),
    "capacity": ("标箱或座位/周", "TEU or seats/week"),
    "quantity": ("见数量单位列", "see quantity_unit"),
    "supp_quantity": ("见第二数量单位列", "see supp_unit"),
    "lat": ("度", "degrees"),
    "lon": ("度", "degrees"),
    "yoy_pct": ("%", "%"),
    "change_pct": ("%", "%"),
    "smape": ("%", "%"),
    "point": ("同序列单位", "series unit"),
    "strength_in": ("金额", "value"),
    "strength_out": ("金额", "value"),
    "value_total": ("见币种列", "see currency column"),
}


#: zh/en labels of the download filters
_FILTER_LABELS = {
    "period_from": ("起始期间", "From period"),
    "period_to": ("截止期间", "To period"),
    "reporter": ("申报方", "Reporter"),
    "partner": ("贸易伙伴", "Partner"),
    "hs": ("HS编码前缀", "HS code prefix"),
    "origin": ("起点", "Origin"),
    "destination": ("终点", "Destination"),
}


def dataset_page(request: Request, ds: dict, table) -> HTMLResponse:
    """The HTML face of ``GET /datasets/{name}``: dictionary, coverage, versions, sources,
    disclosure control, a filter builder for downloads and citations."""
    filters = [
        f
        for f, col in (
            ("period_from", "period"),
            ("period_to", "period"),
            ("reporter", "reporter"),
            ("partner", "partner"),
            ("hs", "hs_code"),
            ("origin", "origin"),
            ("destination", "destination"),
        )
        if col in table.domain_names
    ]
    suppression = next(
        (ds[k] for k in ("suppression", "suppressed", "disclosure_control") if ds.get(k)), None
    )
    from datetime import datetime, timezone

    history = [
        {
            **h,
            "when": datetime.fromtimestamp(h["timestamp"] / 1000, timezone.utc).strftime(
                "%Y-%m-%d %H:%M UTC"
            )
            if h.get("timestamp")
            else "",
        }
        for h in ds.get("history") or []
    ]
    ds = {**ds, "history": history}
    return _page(
        request,
        "dataset.html",
        ds=ds,
        filters=filters,
        filter_labels=_FILTER_LABELS,
        suppression=suppression,
        units=_UNITS,
    )


@router.get("/maps", response_class=HTMLResponse, dependencies=[guard("maps")])
async def maps_page(request: Request) -> HTMLResponse:
    """Gallery of the map layers, each embedded and linked."""
    from haisi.maps.layers import LAYERS

    return _page(request, "maps.html", layers=list(LAYERS))


@router.get("/forecasts", response_class=HTMLResponse, dependencies=[guard("forecasts")])
async def forecasts_page(
    request: Request,
    wh: WarehouseDep,
    ops: OpsDep,
    caller: CallerDep,
    series_id: str | None = None,
    q: str | None = None,
    run_id: str | None = None,
) -> HTMLResponse:
    """Pick a series; see its published forecast (grade, reason, chart) and your own run."""
    from haisi.api.routes.forecasts import series_table, stored_cached

    table = await run_in_threadpool(series_table, wh)
    if q:
        table = table[
            table["series_id"].str.contains(q, case=False, regex=False)
            | table["title_zh"].str.contains(q, regex=False)
        ]
    series = table.head(300).to_dict("records")
    if series_id and series_id not in {r["series_id"] for r in series}:
        picked = table[table["series_id"] == series_id]
        series = picked.to_dict("records") + series
    if not series_id and series:  # the first listed series with a published forecast
        series_id = await run_in_threadpool(_first_published, wh, [r["series_id"] for r in series])
    stored, unit, title = None, ("", ""), ("", "")
    if series_id:
        from haisi.api.charts import series_unit
        from haisi.models.forecast.service import titles

        stored = await run_in_threadpool(stored_cached, wh, series_id)
        unit = await run_in_threadpool(series_unit, wh, series_id)
        title = titles(series_id)
    run = await run_in_threadpool(ops.forecast_run, run_id) if run_id else None
    if run is not None and (run["series_id"] != series_id or run["created_by"] != caller.key_id):
        run = None
    return _page(
        request,
        "forecasts.html",
        series=series,
        series_id=series_id,
        q=q or "",
        stored=None if stored is None else stored.to_dict("records"),
        run=run,
        unit=unit,
        title=title,
    )


def _first_published(wh, ids: list[str]) -> str | None:
    """The first of ``ids`` that has a published forecast; None if none has."""
    if not wh.exists("forecasts"):
        return None
    done = set(wh.sql("SELECT DISTINCT series_id FROM forecasts").column("series_id").to_pylist())
    return next((i for i in ids if i in done), None)


@router.post("/forecasts/run", dependencies=[guard("forecasts")])
async def forecasts_run(
    request: Request,
    wh: WarehouseDep,
    ops: OpsDep,
    caller: CallerDep,
    series_id: Annotated[str, Form()],
) -> RedirectResponse:
    """Fit the picked series now as the caller's run (not published), then show it."""
    from urllib.parse import quote

    from haisi.api.routes.forecasts import _run_and_record
    from haisi.models.forecast.auto import DEFAULT_LEVELS

    run = await run_in_threadpool(
        _run_and_record, wh, ops, caller.key_id, series_id, None, DEFAULT_LEVELS
    )
    return RedirectResponse(
        f"/ui/forecasts?series_id={quote(series_id, safe='')}&run_id={run['run_id']}",
        status_code=303,
    )


_STATUS = {
    "new": ("新增", "new"),
    "broken": ("中断", "broken"),
    "grown": ("增长", "grown"),
    "shrunk": ("下降", "shrunk"),
    "unchanged": ("持平", "unchanged"),
}
#: Passages a user may close on the network page (ids of models.network.sea).
CLOSABLE = {
    "red_sea": ("红海（苏伊士运河与曼德海峡）", "Red Sea (Suez and Bab-el-Mandeb)"),
    "hormuz": ("霍尔木兹海峡", "Strait of Hormuz"),
    "malacca": ("马六甲海峡", "Strait of Malacca"),
    "panama": ("巴拿马运河", "Panama Canal"),
    "suez": ("苏伊士运河", "Suez Canal"),
    "cape_of_good_hope": ("好望角", "Cape of Good Hope"),
}


def _metric_rows(metrics: list[dict]) -> list[dict]:
    """A node's metrics as labelled, rounded rows (Chinese and English labels from the schema)."""
    from haisi.warehouse.schemas import spec

    t = spec("network_metrics")
    skip = {"data_version", "period", "flow", "product", "node", "name_zh", "name_en"}
    out = []
    for k, v in metrics[0].items() if metrics else []:
        if k in skip:
            continue
        try:
            col = t.column(k)
        except KeyError:
            continue
        out.append(
            {
                "zh": col.zh,
                "en": col.en,
                "value": v,
                "kind": "int"
                if isinstance(v, int) or k in ("community",)
                else ("money" if k.startswith("strength") else "ratio"),
            }
        )
    return out


def _network_sections(wh, q: dict) -> dict:
    """Each section of the network page, computed on its own; a failure shows as its message."""
    from haisi.models.network import queries as nq

    def attempt(fn):
        try:
            return fn(), None
        except HaisiError as e:  # shown to the user beside the section
            return None, str(e)

    out = {}
    out["partners"], out["partners_error"] = attempt(
        lambda: nq.top_partners(
            wh, reporter=q["reporter"], period=q["period"], flow=q["flow"], n=15
        ).to_dict("records")
    )
    metrics, out["metrics_error"] = attempt(
        lambda: nq.node_metrics(wh, period=q["period"], flow=q["flow"], node=q["reporter"]).to_dict(
            "records"
        )
    )
    out["metrics"] = _metric_rows(metrics or [])
    gaps, out["gaps_error"] = attempt(
        lambda: nq.mirror_gaps(
            wh, reporter=q["mirror_reporter"], partner=q["mirror_partner"] or None
        )
    )
    if gaps is not None:
        gaps = gaps[gaps["complete"]].sort_values("period", ascending=False).head(20)
        out["gaps"] = gaps.to_dict("records")
    ch, out["changes_error"] = attempt(
        lambda: nq.changes(
            wh, period_a=q["period_a"], period_b=q["period"], flow=q["flow"], reporter=q["reporter"]
        )
    )
    if ch is not None:
        ch = ch.reindex(ch["change"].abs().sort_values(ascending=False).index).head(15)
        out["changes"] = [
            {
                **r,
                "status_zh": _STATUS.get(r["status"], (r["status"],) * 2)[0],
                "status_en": _STATUS.get(r["status"], (r["status"],) * 2)[1],
            }
            for r in ch.to_dict("records")
        ]
    out["community"], out["community_error"] = attempt(
        lambda: nq.community_of(wh, node=q["reporter"], period=q["period"], flow=q["flow"])
    )
    avoid = [a for a in q["avoid"] if a in CLOSABLE]
    path, out["path_error"] = attempt(
        lambda: nq.sea_path(q["origin"], q["destination"], avoid=avoid)
    )
    if path is not None:
        from haisi.models.network.sea import CHOKEPOINTS

        names = {v[0]: (v[1], v[2]) for v in CHOKEPOINTS.values()}
        path.pop("geometry", None)
        path["closed_names"] = [names.get(c, (c, c)) for c in path.get("closed", [])]
    out["path"] = path
    return out


@router.get("/network", response_class=HTMLResponse, dependencies=[guard("network")])
async def network_page(
    request: Request,
    wh: WarehouseDep,
    reporter: str = "CN-FJ",
    period: str | None = None,
    flow: str = "total",
    period_a: str | None = None,
    mirror_reporter: str = "TWN",
    mirror_partner: str = "CHN",
    origin: str = "CNFOC",
    destination: str = "NLRTM",
    avoid: Annotated[list[str] | None, Query()] = None,
) -> HTMLResponse:
    """Top partners, node metrics, mirror gaps, changes between periods, sea paths with a
    closed passage and the distance it adds, and the reporter's community — all labelled."""
    if period is None:
        last = await run_in_threadpool(
            lambda: wh.sql(
                "SELECT max(period) AS p FROM trade_flows WHERE reporter = ?", params=[reporter]
            ).to_pylist()
        )
        period = ((last[0]["p"] if last else None) or "2024")[:4]
    if period_a is None:
        period_a = str(int(period[:4]) - 1) + period[4:] if period[:4].isdigit() else period
    q = {
        "reporter": reporter,
        "period": period,
        "flow": flow,
        "period_a": period_a,
        "mirror_reporter": mirror_reporter,
        "mirror_partner": mirror_partner,
        "origin": origin,
        "destination": destination,
        "avoid": ["red_sea"] if avoid is None else avoid,
    }
    sections = await run_in_threadpool(_network_sections, wh, q)
    return _page(request, "network.html", q=q, closable=CLOSABLE, **sections)
