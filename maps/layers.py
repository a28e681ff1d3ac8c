"""Map layers as GeoJSON FeatureCollections built from the warehouse.

Every feature carries what the HTML map and a GIS user both need: ``label_zh`` /
``label_en``, the figure (``value`` with ``unit_zh`` / ``unit_en``), ``width`` (pixels,
by volume), ``direction`` and ``source_id``. Place names come from ``reference.places``
(Taiwan, Hong Kong and Macao overrides applied); the figures from ``warehouse.figures``.
The same collections are served as ``.geojson`` and drawn by
:mod:`maps.render`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

import pandas as pd
from haisi.maps.geometry import simplify, width_for
from haisi.maps.outlines import countries_geojson, country_point
from haisi.reference.places import city_of_port, listed_names, map_port, place_names
from haisi.reference.ports import port_names
from haisi.warehouse import figures

from haisi.errors import InvalidInput, NotFound
from haisi.geojson import rfc_line, unwrap

__all__ = [
    "sea_routes",
    "air_routes",
    "visitor_flows",
    "trade_flows",
    "partner_share",
    "crossstrait_teu",
    "route_features",
    "MapError",
    "MapNotFound",
    "LAYERS",
]


class MapError(InvalidInput):
    """A map request that cannot be drawn as asked (bad flow, bad parameters)."""


class MapNotFound(NotFound):
    """A map of a code that names nothing (an unknown airport or place); the message says which."""


def _fc(features: list[dict], *, selection: tuple[str, str] | None = None, **meta) -> dict:
    """A FeatureCollection with its meta; with no features, ``no_data`` is true and a zh/en note
    names the ``selection`` (zh, en) that matched no rows (an empty map is an answer, not an
    error)."""
    meta["no_data"] = not features
    if not features:
        zh, en = selection or ("所选范围", "this selection")
        meta.update(note_zh=f"无数据：{zh}无记录", note_en=f"No data: no rows for {en}")
    return {"type": "FeatureCollection", "features": features, "properties": meta}


def _line(coords: list[list[float]], **props) -> dict:
    """A line feature; the geometry is RFC 7946 (longitudes in [-180, 180], split at 180°)."""
    return {"type": "Feature", "geometry": rfc_line(coords), "properties": props}


@cache
def _port(code: str) -> dict:
    from haisi.reference.ports import port

    p = port(code)
    zh, en = place_names(code)
    return {"lat": p["lat"], "lon": p["lon"], "zh": zh, "en": en}


@cache
def _airport(code: str) -> dict:
    import airportsdata
    from haisi.reference.countries import name_zh, resolve_country

    a = airportsdata.load("IATA").get(code.upper())
    if a is None:
        raise MapNotFound(f"未知机场 unknown IATA airport code {code!r}")
    iso3 = resolve_country(a["country"]) or a["country"]
    return {
        "lat": a["lat"],
        "lon": a["lon"],
        "zh": f"{name_zh(iso3)}·{code}",
        "en": f"{a['city']} {code}",
    }


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.2f}"


def route_features(routes: pd.DataFrame, *, mode: str, tolerance: float = 0.05) -> list[dict]:
    """Line features for routes rows (origin, destination, capacity, frequency, geometry)."""
    place = _airport if mode == "air" else _port
    vmax = float(routes["capacity"].fillna(0).max() or 0) if len(routes) else 0.0
    feats = []
    for r in routes.itertuples(index=False):
        o, d = place(r.origin), place(r.destination)
        geom = getattr(r, "geometry", None)
        if isinstance(geom, str) and geom:
            coords = json.loads(geom)["coordinates"]
        elif mode == "air":
            coords = [[o["lon"], o["lat"]], [d["lon"], d["lat"]]]
        else:
            import searoute

            coords = searoute.searoute([o["lon"], o["lat"]], [d["lon"], d["lat"]])["geometry"][
                "coordinates"
            ]
        cap = float(r.capacity) if pd.notna(r.capacity) else 0.0
        freq = float(r.frequency_per_week) if pd.notna(r.frequency_per_week) else None
        unit = ("座位/周", "seats/week") if mode == "air" else ("标箱/周", "TEU/week")
        feats.append(
            _line(
                simplify(unwrap(coords), tolerance),
                layer=mode,
                origin=r.origin,
                destination=r.destination,
                label_zh=f"{o['zh']} → {d['zh']}",
                label_en=f"{o['en']} → {d['en']}",
                value=cap,
                unit_zh=unit[0],
                unit_en=unit[1],
                width=width_for(cap, vmax),
                direction="out",
                popup=[
                    ["每周班次", "Departures/week", "" if freq is None else _fmt(freq)],
                    ["运力", f"Capacity ({unit[1]})", _fmt(cap)],
                    [
                        "距离（公里）",
                        "Distance (km)",
                        _fmt(float(r.distance_km))
                        if pd.notna(getattr(r, "distance_km", None))
                        else "",
                    ],
                ],
                source_id=getattr(r, "source_id", "") or "",
            )
        )
    return feats


def _routes(wh, modes: tuple[str, ...]) -> pd.DataFrame:
    cols = [
        "origin",
        "destination",
        "mode",
        "capacity",
        "frequency_per_week",
        "distance_km",
        "geometry",
        "source_id",
    ]
    return wh.scan(
        "routes", filters={"mode": list(modes)}, columns=cols, order_by=["origin", "destination"]
    ).to_pandas()


_ROUTE_TITLES = {"sea": ("海上航线", "sea routes"), "air": ("航空航线", "air routes")}


def _route_layer(wh, mode: str, origin: str | None) -> dict:
    """The ``mode`` (sea or air) routes, from ``origin`` only when given: an unknown port or
    airport is a 404, a known one with no routes an empty collection."""
    df = _routes(wh, ("air",) if mode == "air" else ("sea", "ferry"))
    if origin:
        (_airport if mode == "air" else _port)(origin.upper())
        df = df[df["origin"] == origin.upper()]
    zh, en = _ROUTE_TITLES[mode]
    return _fc(
        route_features(df, mode=mode),
        selection=(f"从{origin}出发的{zh}", f"{en} from {origin}") if origin else (zh, en),
        layer=mode,
        title_zh=zh,
        title_en=en.capitalize(),
        dataset_version=wh.dataset_version("routes"),
    )


def sea_routes(wh, *, origin: str | None = None) -> dict:
    """Sea (and ferry) routes between ports, searoute geometry simplified, width by TEU."""
    return _route_layer(wh, "sea", origin)


def air_routes(wh, *, origin: str | None = None) -> dict:
    """Air routes between airports (coordinates from airportsdata), width by seats."""
    return _route_layer(wh, "air", origin)


def _year(figs: pd.DataFrame, year: int | None) -> int | None:
    """``year``, or the last year with figures in the selection (None when it has none)."""
    if year is not None:
        return int(year)
    if figs.empty:
        return None
    return int(str(figs["period"].max())[:4])


def _in(y: int | None) -> tuple[str, str]:
    """How a year reads in a title: zh prefix and en suffix (nothing when there is none)."""
    return (f"{y}年", f", {y}") if y is not None else ("", "")


def _anchor(code: str) -> dict:
    """Where flows of a reporter/destination meet: a port, a sub-national code or a country."""
    zh, en = place_names(code)
    if port := map_port(code):
        return {**_port(port), "zh": zh, "en": en, "code": code}
    if len(code) == 5:
        return {**_port(code), "code": code}
    pt = country_point(code)
    if pt is None:
        raise MapNotFound(f"未知地点 unknown place code {code!r}")
    return {"lat": pt[0], "lon": pt[1], "zh": zh, "en": en, "code": code}


def _flow_lines(
    totals: pd.DataFrame,
    hub: dict,
    *,
    layer: str,
    inward: bool,
    unit: tuple[str, str],
    period: str,
    version: str | None,
) -> list[dict]:
    vmax = float(totals["value"].max()) if len(totals) else 0.0
    whole = float(totals["value"].sum()) or 1.0
    feats = []
    shown = listed_names([hub["code"], *totals["code"]])
    for r in totals.itertuples(index=False):
        pt = country_point(r.code)
        if pt is None:
            continue
        far, near = [pt[1], pt[0]], [hub["lon"], hub["lat"]]
        coords = unwrap([far, near] if inward else [near, far])
        zh, en = shown[r.code]  # 中国大陆 → 中国台湾, never 中国 → 中国台湾
        feats.append(
            _line(
                [[round(x, 3), round(y, 3)] for x, y in coords],
                layer=layer,
                partner=r.code,
                label_zh=f"{zh} → {hub['zh']}" if inward else f"{hub['zh']} → {zh}",
                label_en=f"{en} → {hub['en']}" if inward else f"{hub['en']} → {en}",
                value=float(r.value),
                share=float(r.value) / whole,
                unit_zh=unit[0],
                unit_en=unit[1],
                width=width_for(float(r.value), vmax),
                direction="in" if inward else "out",
                popup=[
                    ["期间", "Period", period],
                    [unit[0], unit[1], _fmt(float(r.value))],
                    ["占比", "Share", f"{float(r.value) / whole:.1%}"],
                    ["数据版本", "Data version", version or ""],
                ],
                source_id=r.source_id,
            )
        )
    return feats


def visitor_flows(
    wh, *, destination: str = "CNFOC", measure: str = "arrivals", year: int | None = None
) -> dict:
    """Visitors into ``destination`` (Fuzhou by default) by origin country over one year."""
    hub = _anchor(city_of_port(destination) or destination)  # CNFOC reads 福州 Fuzhou
    figs = figures.tourism_figures(
        wh,
        period=None if year is None else str(year),
        granularity="A",
        choose="largest",
        filters={"destination": destination, "measure": measure},
    )
    y = _year(figs, year)
    df = figs[figs["period"] == str(y)]
    totals = (
        df.groupby("origin", as_index=False)
        .agg(value=("value", "sum"), source_id=("source_id", "first"))
        .rename(columns={"origin": "code"})
        .sort_values("value", ascending=False)
    )
    unit = str(df["unit"].iloc[0]) if len(df) else "persons"
    feats = _flow_lines(
        totals,
        hub,
        layer="visitors",
        inward=True,
        unit=("人次" if unit == "persons" else unit, unit),
        period=str(y),
        version=wh.dataset_version("tourism_flows"),
    )
    zy, ey = _in(y)
    return _fc(
        feats,
        selection=(
            f"{zy}入境{hub['zh']}的{measure}",
            f"{measure} into {hub['en']}" + (f" in {y}" if y else ""),
        ),
        layer="visitors",
        title_zh=f"{zy}入境{hub['zh']}游客客源地",
        title_en=f"Visitors into {hub['en']} by origin{ey}",
        period=None if y is None else str(y),
        dataset_version=wh.dataset_version("tourism_flows"),
    )


_FLOW = {"export": ("出口", "exports"), "import": ("进口", "imports")}


def _trade_layer(
    wh, layer: str, reporter: str, flow: str, year: int | None, hs: str | None
) -> dict:
    """``reporter``'s ``flow`` by partner country over one year (the last with figures by
    default): flow lines for ``trade``, shaded partner countries for ``share``."""
    if flow not in _FLOW:
        raise MapError(f"流向须为 export 或 import; flow must be export or import, not {flow!r}")
    hub = _anchor(reporter)  # an unknown reporter is a 404 before any figure is read
    figs = figures.trade_figures(
        wh,
        period=None if year is None else str(year),
        granularity="A",
        product=hs or "TOTAL",
        filters={"reporter": reporter, "flow": flow},
        choose="largest",
    )
    figs = figs[(figs["partner"].str.len() == 3) & ~figs["partner"].isin(["WLD", "W00"])]
    y = _year(figs, year)
    totals = (
        figs[figs["period"] == str(y)]
        .rename(columns={"partner": "code"})[["code", "value", "currency", "source_id"]]
        .sort_values("value", ascending=False, ignore_index=True)
    )
    cur = str(totals["currency"].iloc[0]) if len(totals) else ""
    version = wh.dataset_version("trade_flows")
    if layer == "share":
        feats = _share_areas(totals, cur, hub["code"])
    else:
        feats = _flow_lines(
            totals,
            hub,
            layer="trade",
            inward=flow == "import",
            unit=(f"金额（{cur}）", f"Value ({cur})"),
            period=str(y),
            version=version,
        )
    zh, en = _FLOW[flow]
    zy, ey = _in(y)
    what = (f"HS {hs} " if hs else "", f" in HS {hs}" if hs else "", f" in {y}" if y else "")
    title_zh, title_en = _TRADE_TITLES[layer]
    return _fc(
        feats,
        selection=(f"{zy}{hub['zh']}{what[0]}{zh}", f"{en} of {hub['en']}{what[1]}{what[2]}"),
        layer=layer,
        title_zh=title_zh.format(y=zy, hub=hub["zh"], flow=zh),
        title_en=title_en.format(y=ey, hub=hub["en"], flow=en),
        period=None if y is None else str(y),
        dataset_version=version,
    )


_TRADE_TITLES = {
    "trade": ("{y}{hub}{flow}（按贸易伙伴）", "{hub} {flow} by partner{y}"),
    "share": ("{y}{hub}{flow}伙伴占比", "Partner shares of {hub} {flow}{y}"),
}


def trade_flows(
    wh,
    *,
    reporter: str = "CN-FJ",
    flow: str = "export",
    year: int | None = None,
    hs: str | None = None,
) -> dict:
    """Trade of ``reporter`` with each partner country over one year, arrows in flow direction."""
    return _trade_layer(wh, "trade", reporter, flow, year, hs)


def partner_share(
    wh,
    *,
    reporter: str = "CN-FJ",
    flow: str = "export",
    year: int | None = None,
    hs: str | None = None,
) -> dict:
    """Each partner's share of ``reporter``'s trade as country polygons (a choropleth)."""
    return _trade_layer(wh, "share", reporter, flow, year, hs)


def _share_areas(totals: pd.DataFrame, cur: str, reporter: str) -> list[dict]:
    """Country polygons shaded by each partner's share of ``totals`` (``reporter``'s)."""
    whole = float(totals["value"].sum()) or 1.0
    by = {r.code: r for r in totals.itertuples(index=False)}
    shown = listed_names([reporter, *by])  # 中国大陆 beside 中国台湾
    feats = []
    for f in countries_geojson()["features"]:
        r = by.get(f["properties"]["iso3"])
        if r is None:
            continue
        share = float(r.value) / whole
        feats.append(
            {
                "type": "Feature",
                "geometry": f["geometry"],
                "properties": {
                    **f["properties"],
                    "name_zh": shown[r.code][0],
                    "name_en": shown[r.code][1],
                    "layer": "share",
                    "value": float(r.value),
                    "share": share,
                    "share_label": f"{share:.1%}",
                    "value_label": f"{_fmt(float(r.value))} {cur}",
                    "label_zh": shown[r.code][0],
                    "label_en": shown[r.code][1],
                    "source_id": r.source_id,
                },
            }
        )
    return feats


def crossstrait_teu(wh, *, direction: str = "to_taiwan", year: int | None = None) -> dict:
    """Monthly containers between mainland ports and Taiwan (iMarine): one line per port with
    every month's TEU, for the map's month slider; widths start at the last month."""
    from haisi.reference.countries import name_en, name_zh

    if direction not in ("to_taiwan", "from_taiwan"):
        raise MapError(
            f"方向须为 to_taiwan 或 from_taiwan; direction must be to_taiwan or "
            f"from_taiwan, not {direction!r}"
        )
    port_col, tw_col = (
        ("origin", "destination") if direction == "to_taiwan" else ("destination", "origin")
    )
    asked = (
        f"{year}年两岸集装箱量" if year else "两岸集装箱量",
        f"cross-strait TEU in {year}" if year else "cross-strait TEU",
    )
    meta: dict[str, Any] = {
        "layer": "teu",
        "view": "strait",
        "title_zh": "大陆港口与台湾地区月度集装箱量",
        "title_en": "Monthly containers between mainland ports and Taiwan, China",
    }
    if not wh.exists("container_flows"):
        return _fc([], selection=asked, months=[], period=None, dataset_version=None, **meta)
    df = wh.sql(
        f"SELECT period, {port_col} AS port, sum(teu) AS teu, any_value(source_id) AS src, "
        f"any_value({port_col}_name) AS written "
        f"FROM container_flows WHERE {tw_col} LIKE 'TW%' AND {port_col} LIKE 'CN%' "
        f"AND period LIKE ? GROUP BY period, port",
        params=[f"{year}%" if year else "%"],
    ).to_pandas()
    if df.empty:
        version = wh.dataset_version("container_flows")
        return _fc([], selection=asked, months=[], period=None, dataset_version=version, **meta)
    months = sorted(df["period"].unique())
    wide = (
        df.pivot_table(index="port", columns="period", values="teu", aggfunc="sum")
        .reindex(columns=months)
        .fillna(0.0)
    )
    wide = wide.loc[wide.sum(axis=1).sort_values(ascending=False).index]
    tw = country_point("TWN")
    assert tw is not None  # Taiwan is in the bundled outlines
    hub = {"lat": tw[0], "lon": tw[1], "zh": name_zh("TWN"), "en": name_en("TWN")}
    vmax = float(wide.to_numpy().max()) or 1.0
    feats: list[dict] = []
    unplaced: list[str] = []  # busier ports than the last drawn that no reference places
    written = df.groupby("port")["written"].first().to_dict()
    for code, row in wide.iterrows():
        try:
            o = _port(code)
        except NotFound:
            name = port_names(code, written.get(code))[0]
            unplaced.append(code if name == code else f"{name} ({code})")
            continue
        ends = [[o["lon"], o["lat"]], [hub["lon"], hub["lat"]]]
        coords = ends if direction == "to_taiwan" else ends[::-1]
        last = float(row.iloc[-1])
        out = direction == "to_taiwan"
        zh, en = port_names(code, written.get(code))
        feats.append(
            _line(
                [[round(x, 3), round(y, 3)] for x, y in coords],
                layer="teu",
                port=code,
                label_zh=f"{zh} → {hub['zh']}" if out else f"{hub['zh']} → {zh}",
                label_en=f"{en} → {hub['en']}" if out else f"{hub['en']} → {en}",
                value=last,
                unit_zh="标箱",
                unit_en="TEU",
                width=width_for(last, vmax),
                direction="out" if out else "in",
                monthly=[float(v) for v in row],
                popup=[
                    ["期间", "Period", f"{months[0]} … {months[-1]}"],
                    ["合计（标箱）", "Total (TEU)", _fmt(float(row.sum()))],
                ],
                source_id=str(df["src"].iloc[0]),
            )
        )
        if len(feats) == 12:
            break
    if unplaced:  # never silently: say which busy ports the map leaves out
        listed = "、".join(unplaced)
        meta.update(
            left_out=unplaced,
            left_out_zh=f"未绘制{len(unplaced)}个港口（无坐标）：{listed}",
            left_out_en=f"{len(unplaced)} ports not drawn (no coordinates): " + ", ".join(unplaced),
        )
    return _fc(
        feats,
        selection=asked,
        months=months,
        period=f"{months[0]}/{months[-1]}",
        dataset_version=wh.dataset_version("container_flows"),
        **meta,
    )


LAYERS: dict[str, Callable[..., dict]] = {
    "sea-routes": sea_routes,
    "air-routes": air_routes,
    "visitors": visitor_flows,
    "trade": trade_flows,
    "partner-share": partner_share,
    "crossstrait-teu": crossstrait_teu,
}
