"""Maps for tourism staff: sea and air routes, visitor and trade flows, partner shares.

Each layer is served as GeoJSON and as an HTML page whose scripts and styles come from
``/maps/static`` (this service), so it works with no internet.
"""

from __future__ import annotations

import inspect
import json
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from haisi.api.deps import SettingsDep, WarehouseDep, guard
from haisi.api.params import HsProduct, ReporterOpt
from haisi.api.schemas import Envelope
from haisi.maps.layers import LAYERS
from haisi.warehouse.cache import versioned
from starlette.concurrency import run_in_threadpool

router = APIRouter(prefix="/maps", tags=["maps 地图"], dependencies=[guard("maps")])


def _collection(wh, layer: str, params: dict) -> dict:
    """The layer's FeatureCollection, cached per parameters and table versions."""
    return versioned(
        wh,
        ["routes", "tourism_flows", "trade_flows", "container_flows"],
        ("map", layer, tuple(sorted(params.items()))),
        lambda: LAYERS[layer](wh, **params),
    )


async def _layer(request, wh, layer, params) -> dict:
    return await run_in_threadpool(_collection, wh, layer, params)


_Q = {
    "origin": Annotated[
        str | None,
        Query(
            pattern=r"^[A-Za-z]{3}([A-Za-z0-9]{2})?$",
            description="起点 origin port (UN/LOCODE) or airport (IATA)",
            examples=["CNFOC"],
        ),
    ],
    "destination": Annotated[
        str | None,
        Query(
            pattern=r"^[A-Z]{2}[A-Z0-9]{3}$",
            examples=["CNFOC"],
            description="目的地 destination (UN/LOCODE)",
        ),
    ],
    "measure": Annotated[
        str | None,
        Query(pattern=r"^[a-z_]{2,20}$", examples=["arrivals"], description="指标 measure"),
    ],
    "year": Annotated[int | None, Query(ge=1900, le=2100, description="年份 year; default latest")],
    "reporter": ReporterOpt,
    "flow": Annotated[Literal["export", "import"] | None, Query(description="流向 flow")],
    "hs": HsProduct,
    "direction": Annotated[
        Literal["to_taiwan", "from_taiwan"] | None,
        Query(description="方向 direction (crossstrait-teu)"),
    ],
    "view": Annotated[
        Literal["asia", "pacific", "atlantic", "strait"] | None,
        Query(description="视角 initial view; pacific centres on the date line"),
    ],
}


@router.get("", response_model=Envelope, summary="地图目录 Map gallery")
async def gallery() -> dict:
    """The map layers with their HTML and GeoJSON addresses."""
    data = [
        {
            "layer": k,
            "html": f"/maps/{k}.html",
            "geojson": f"/maps/{k}.geojson",
            "parameters": sorted(set(inspect.signature(f).parameters) - {"wh"}),
        }
        for k, f in LAYERS.items()
    ]
    return {"data": data, "count": len(data)}


def _endpoint(layer: str, html: bool):
    """The GET handler of one layer as GeoJSON or as a page, taking that layer's parameters only
    (so the OpenAPI description lists, per layer, exactly what it accepts); pages also take the
    initial ``view``."""
    from haisi.maps.render import render_map

    async def endpoint(request: Request, wh: WarehouseDep, settings: SettingsDep, **given):
        view = given.pop("view", None)
        fc = await _layer(request, wh, layer, {k: v for k, v in given.items() if v is not None})
        if not html:
            return Response(json.dumps(fc, ensure_ascii=False), media_type="application/geo+json")
        return HTMLResponse(
            await run_in_threadpool(
                lambda: render_map(
                    fc, tile_url=settings.tile_url, attribution=settings.tile_attribution, view=view
                )
            )
        )

    kw = inspect.Parameter.KEYWORD_ONLY
    fixed = [
        inspect.Parameter("request", kw, annotation=Request),
        inspect.Parameter("wh", kw, annotation=WarehouseDep),
        inspect.Parameter("settings", kw, annotation=SettingsDep),
    ]
    names = [n for n in inspect.signature(LAYERS[layer]).parameters if n != "wh"]
    own = [
        inspect.Parameter(n, kw, default=None, annotation=_Q[n])
        for n in names + (["view"] if html else [])
    ]
    # FastAPI reads the signature; mypy has no attributes on a function
    endpoint.__signature__ = inspect.Signature(fixed + own)  # type: ignore[attr-defined]
    endpoint.__name__ = f"{layer.replace('-', '_')}_{'html' if html else 'geojson'}"
    return endpoint


for _name in LAYERS:
    router.add_api_route(
        f"/{_name}.geojson",
        _endpoint(_name, False),
        methods=["GET"],
        summary=f"图层GeoJSON Layer {_name} as GeoJSON",
        response_class=Response,
        responses={200: {"content": {"application/geo+json": {}}}},
        description="A layer's features: labels (zh/en), figures, line width, direction, source.",
    )
    router.add_api_route(
        f"/{_name}.html",
        _endpoint(_name, True),
        methods=["GET"],
        summary=f"交互地图 Interactive map {_name}",
        response_class=HTMLResponse,
        description="A Folium page of the layer; assets from /maps/static, "
        "tiles from settings.tile_url.",
    )
