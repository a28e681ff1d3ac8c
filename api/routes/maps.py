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
from starlette.concurrency import run_in_threadpool

from haisi.errors import InvalidInput
from haisi.api.deps import SettingsDep, WarehouseDep, guard
from haisi.api.schemas import Envelope
from haisi.maps.layers import LAYERS
from haisi.warehouse.cache import versioned

router = APIRouter(prefix="/maps", tags=["maps 地图"], dependencies=[guard("maps")])

Layer = Literal["sea-routes", "air-routes", "visitors", "trade", "partner-share"]


def _params(layer: str, given: dict) -> dict:
    accepts = set(inspect.signature(LAYERS[layer]).parameters) - {"wh"}
    extra = sorted(k for k, v in given.items() if v is not None and k not in accepts)
    if extra:
        raise InvalidInput(f"参数不适用于图层 {layer}: parameters {extra} do not apply to "
                                 f"layer {layer!r}; it takes {sorted(accepts)}")
    return {k: v for k, v in given.items() if v is not None}


def _collection(wh, layer: str, params: dict) -> dict:
    """The layer's FeatureCollection, cached per parameters and table versions."""
    return versioned(wh, ["routes", "tourism_flows", "trade_flows"],
                     ("map", layer, tuple(sorted(params.items()))),
                     lambda: LAYERS[layer](wh, **params))


async def _layer(request, wh, layer, params) -> dict:
    return await run_in_threadpool(_collection, wh, layer, params)


def _given(origin, destination, measure, year, reporter, flow, hs) -> dict:
    return {"origin": origin, "destination": destination, "measure": measure, "year": year,
            "reporter": reporter, "flow": flow, "hs": hs}


_Q = {
    "origin": Annotated[str | None, Query(description="起点 origin port/airport (routes)")],
    "destination": Annotated[str | None, Query(description="目的地 destination (visitors)", examples=["CNFOC"])],
    "measure": Annotated[str | None, Query(description="指标 measure (visitors)", examples=["arrivals"])],
    "year": Annotated[int | None, Query(ge=1900, le=2100, description="年份 year; default latest")],
    "reporter": Annotated[str | None, Query(description="报告方 reporter (trade, partner-share)", examples=["CN-FJ"])],
    "flow": Annotated[Literal["export", "import"] | None, Query(description="流向 flow")],
    "hs": Annotated[str | None, Query(description="HS编码 HS code (trade, partner-share)")],
}


@router.get("", response_model=Envelope, summary="地图目录 Map gallery")
async def gallery() -> dict:
    """The map layers with their HTML and GeoJSON addresses."""
    data = [{"layer": k, "html": f"/maps/{k}.html", "geojson": f"/maps/{k}.geojson",
             "parameters": sorted(set(inspect.signature(f).parameters) - {"wh"})}
            for k, f in LAYERS.items()]
    return {"data": data, "count": len(data)}


@router.get("/{layer}.geojson", summary="图层GeoJSON Layer as GeoJSON",
            response_class=Response,
            responses={200: {"content": {"application/geo+json": {}}}})
async def layer_geojson(request: Request, layer: Layer, wh: WarehouseDep,
                        origin: _Q["origin"] = None, destination: _Q["destination"] = None,
                        measure: _Q["measure"] = None, year: _Q["year"] = None,
                        reporter: _Q["reporter"] = None, flow: _Q["flow"] = None,
                        hs: _Q["hs"] = None) -> Response:
    """A layer's features: labels (zh/en), figures, line width, direction, source."""
    params = _params(layer, _given(origin, destination, measure, year, reporter, flow, hs))
    fc = await _layer(request, wh, layer, params)
    return Response(json.dumps(fc, ensure_ascii=False), media_type="application/geo+json")


@router.get("/{layer}.html", summary="交互地图 Interactive map page", response_class=HTMLResponse)
async def layer_html(request: Request, layer: Layer, wh: WarehouseDep, settings: SettingsDep,
                     origin: _Q["origin"] = None, destination: _Q["destination"] = None,
                     measure: _Q["measure"] = None, year: _Q["year"] = None,
                     reporter: _Q["reporter"] = None, flow: _Q["flow"] = None,
                     hs: _Q["hs"] = None) -> HTMLResponse:
    """A Folium page of the layer; assets from /maps/static, tiles from settings.tile_url."""
    from haisi.maps.render import render_map

    params = _params(layer, _given(origin, destination, measure, year, reporter, flow, hs))
    fc = await _layer(request, wh, layer, params)
    page = await run_in_threadpool(render_map, fc, tile_url=settings.tile_url,
                                   attribution=settings.tile_attribution)
    return HTMLResponse(page)
