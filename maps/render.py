"""Draw a layer FeatureCollection as a self-contained Folium HTML page that needs no internet.

Lines get class ``haisi-route`` (one per route or flow) and an arrowhead of class
``haisi-arrow`` showing the direction; areas are shaded by share. Labels and legend are
Chinese with English beside. The shipped country outlines are always drawn: filled when there
is no tile URL (``''`` or ``'none'``), as thin borders over tiles otherwise, so the map stays
readable on an isolated intranet even if its tile server is unreachable.
"""

from __future__ import annotations

import html
from typing import cast

import folium
from branca.element import Element, Figure, MacroElement
from haisi.maps.assets import DEFAULT_STATIC_URL, map_css, map_js
from haisi.maps.geometry import arrowhead
from haisi.maps.outlines import drawing_outline
from jinja2 import Template

from haisi.geojson import drawable
from haisi.numbers import fmt_number

__all__ = ["render_map", "COLOURS", "VIEWS"]

#: Initial views: centre (lat, lon) and zoom. "pacific" centres on the date line.
VIEWS: dict[str, tuple[list[float], int]] = {
    "asia": ([20, 115], 3),
    "pacific": ([15, 180], 2),
    "atlantic": ([25, -10], 2),
    "strait": ([25.5, 120.5], 6),
}

COLOURS = {
    "sea": "#1f5fa8",
    "air": "#d9480f",
    "visitors": "#2b8a3e",
    "trade": "#c2255c",
    "share": "#5f3dc4",
    "teu": "#0b7285",
}
_SHADES = ["#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f"]
_BREAKS = [0.01, 0.03, 0.06, 0.1, 0.2]


class _Tools(MacroElement):
    """View buttons, PNG export and (for monthly layers) the month slider, from haisi-map.js."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "HaisiMap.init({{ this._parent.get_name() }}, {{ this.options|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, options: dict) -> None:
        super().__init__()
        self._name = "HaisiTools"
        self.options = options


class _Popup(MacroElement):
    """A popup bound as an HTML string (folium.Popup needs jQuery, which haisi does not load)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.bindPopup({{ this.html|tojson }}, {maxWidth: 360});"
        "{% endmacro %}"
    )

    def __init__(self, html: str) -> None:
        super().__init__()
        self._name = "HaisiPopup"
        self.html = html


def _shade(share: float) -> str:
    return _SHADES[sum(share >= b for b in _BREAKS)]


def _popup(p: dict) -> str:
    e = html.escape
    rows = "".join(
        f"<tr><td>{e(zh)} {e(en)}</td><td class='v'>{e(str(v))}</td></tr>"
        for zh, en, v in p.get("popup", [])
    )
    return (
        f"<div class='haisi-popup'><b>{e(p['label_zh'])}</b><br>{e(p['label_en'])}"
        f"<table>{rows}</table><small>来源 Source: {e(str(p.get('source_id', '')))}</small></div>"
    )


def _base(tile_url: str, attribution: str, static_url: str, view: str = "asia") -> folium.Map:
    centre, zoom = VIEWS.get(view, VIEWS["asia"])
    m = folium.Map(
        location=centre, zoom_start=zoom, tiles=None, control_scale=True, world_copy_jump=False
    )
    m.default_js = map_js(static_url)
    m.default_css = map_css(static_url)
    tiles = bool(tile_url) and tile_url.lower() != "none"
    if tiles:
        folium.TileLayer(tiles=tile_url, attr=attribution, name="底图 Tiles").add_to(m)
    # outlines always: filled when there are no tiles; thin borders over tiles, so a map whose
    # tile server is unreachable still shows the coastlines
    fill = {"fillColor": "#f4f1ea", "fillOpacity": 0 if tiles else 1}
    folium.GeoJson(
        drawing_outline(),
        name="国界 Country outlines",
        interactive=False,
        style_function=lambda f: {"color": "#8a8a8a", "weight": 0.6, **fill},
    ).add_to(m)
    return m


def _legend(fc: dict) -> str:
    e = html.escape
    layer = fc.get("properties", {}).get("layer", "")
    feats = fc["features"]
    if not feats:
        return "<b>无数据 No data</b>"
    if layer == "share":
        items = "".join(
            f"<div><i style='background:{c};height:12px'></i>≥ {b:.0%}</div>"
            for c, b in zip(_SHADES, [0.0, *_BREAKS])
        )
        return f"<b>伙伴占比 Partner share</b>{items}"
    p0 = feats[0]["properties"]
    vals = sorted((f["properties"]["value"], f["properties"]["width"]) for f in feats)
    picks = [vals[0], vals[len(vals) // 2], vals[-1]]
    items = "".join(
        f"<div><i style='border-top:{w}px solid {COLOURS.get(layer, '#333')}'></i>"
        f"{fmt_number(v, 'zh')}（{fmt_number(v, 'en')}）</div>"
        for v, w in picks
    )
    meta = fc.get("properties", {})
    n = len(meta.get("left_out", []))
    left_out = (  # what the layer could not draw, one line that opens to the list
        f"<details class='haisi-left-out'><summary>未绘制 {n} 项 {n} not drawn</summary>"
        f"{e(meta['left_out_zh'])}<br><small>{e(meta['left_out_en'])}</small></details>"
        if n
        else ""
    )
    return (
        f"<b>线宽 Line width: {e(p0['unit_zh'])} {e(p0['unit_en'])}</b>{items}"
        f"<div>▶ 方向 direction of flow</div>{left_out}"
    )


def render_map(
    fc: dict,
    *,
    tile_url: str = "none",
    attribution: str = "",
    static_url: str = DEFAULT_STATIC_URL,
    view: str | None = None,
) -> str:
    """The HTML page of ``fc`` (a :mod:`maps.layers` collection), assets from ``static_url``.

    Lines split at 180° (RFC 7946) are joined again and drawn continuously across the date
    line; ``view`` picks the initial centre (asia, pacific, atlantic, strait; default the
    layer's own or asia)."""
    meta = fc.get("properties", {})
    m = _base(tile_url, attribution, static_url, view or meta.get("view") or "asia")
    colour = COLOURS.get(meta.get("layer", ""), "#333")
    lines = [
        f for f in fc["features"] if f["geometry"]["type"] in ("LineString", "MultiLineString")
    ]
    areas = [f for f in fc["features"] if f["geometry"]["type"] in ("Polygon", "MultiPolygon")]
    if areas:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": areas},
            name="占比 Shares",
            style_function=lambda f: {
                "fillColor": _shade(f["properties"]["share"]),
                "color": "#444",
                "weight": 0.7,
                "fillOpacity": 0.85,
                "className": "haisi-area",
            },
            tooltip=folium.GeoJsonTooltip(
                fields=["name_zh", "name_en", "share_label", "value_label", "source_id"],
                aliases=["伙伴", "Partner", "占比 Share", "金额 Value", "来源 Source"],
            ),
        ).add_to(m)
    group = folium.FeatureGroup(name="线路 Lines").add_to(m)
    for k, f in enumerate(lines):
        p = f["properties"]
        coords = drawable(f["geometry"])
        latlon = [[y, x] for x, y in coords]
        tip = f"{p['label_zh']} {p['label_en']}"
        line = folium.PolyLine(
            latlon,
            color=colour,
            weight=p["width"],
            opacity=0.75,
            className=f"haisi-route haisi-k-{k}",
            tooltip=tip,
        ).add_to(group)
        _Popup(_popup(p)).add_to(line)
        head = [[y, x] for x, y in arrowhead(coords)]
        folium.Polygon(
            head,
            color=colour,
            weight=1,
            fill=True,
            fill_opacity=0.9,
            className=f"haisi-arrow haisi-k-{k}",
            interactive=False,
        ).add_to(group)
    tools = {"title": meta.get("layer", "map")}
    if meta.get("months"):
        tools.update(
            months=meta["months"],
            series=[f["properties"].get("monthly", []) for f in lines],
            labels=[f"{f['properties']['label_zh']}" for f in lines],
            unit=lines[0]["properties"]["unit_zh"] if lines else "",
        )
    _Tools(tools).add_to(m)
    e = html.escape
    title = (
        f"<div class='haisi-box haisi-title'>{e(meta.get('title_zh', ''))} "
        f"<small>{e(meta.get('title_en', ''))}</small><br><small>"
        f"数据版本 Data version: {e(str(meta.get('dataset_version') or ''))}</small></div>"
    )
    root = cast(Figure, m.get_root())  # a Map's root is its Figure; the stub says Element
    root.html.add_child(Element(title))
    if meta.get("no_data"):  # a selection with no rows is an empty map that says so
        root.html.add_child(
            Element(
                f"<div class='haisi-box haisi-note' role='status'>{e(meta.get('note_zh', ''))}"
                f"<br><small>{e(meta.get('note_en', ''))}</small></div>"
            )
        )
    root.html.add_child(Element(f"<div class='haisi-box haisi-legend'>{_legend(fc)}</div>"))
    root.header.add_child(
        Element(
            f"<title>{e(meta.get('title_zh', '海丝地图'))} {e(meta.get('title_en', ''))}</title>"
        )
    )
    page = m.get_root().render()
    return page.replace("<html>", '<html lang="zh-CN">', 1)  # Chinese first, English beside
