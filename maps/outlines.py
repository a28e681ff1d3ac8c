"""Country outlines shipped with haisi (Natural Earth 1:110m via world-atlas 2.0.2, ISC).

``static/world-atlas/countries-110m.json`` is TopoJSON; this module decodes it into
GeoJSON keyed by ISO3 so maps stay readable with no tile server, and gives each
country a label point (centre of its largest ring) for flow lines.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

__all__ = ["countries_geojson", "drawing_outline", "country_point", "TOPOJSON_PATH"]

TOPOJSON_PATH = Path(__file__).parent / "static" / "world-atlas" / "countries-110m.json"


def _decode_arcs(topo: dict) -> list[list[list[float]]]:
    """Absolute lon/lat arcs from quantised, delta-encoded TopoJSON arcs."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append([round(x * sx + tx, 3), round(y * sy + ty, 3)])
        out.append(pts)
    return out


def _ring(arcs: list[list[list[float]]], idx: list[int]) -> list[list[float]]:
    ring: list[list[float]] = []
    for i in idx:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(pts if not ring else pts[1:])
    return ring


def _iso3_by_numeric() -> dict[str, str]:
    from haisi.reference.countries import countries

    return {str(r.m49).zfill(3): r.iso3 for r in countries().itertuples() if r.m49}


@cache
def countries_geojson() -> dict:
    """All countries as a GeoJSON FeatureCollection with properties iso3, name_zh, name_en."""
    from haisi.reference.countries import name_en, name_zh

    topo = json.loads(TOPOJSON_PATH.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topo)
    iso = _iso3_by_numeric()
    feats = []
    for g in topo["objects"]["countries"]["geometries"]:
        if g.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        coords = [[_ring(arcs, r) for r in poly] for poly in polys]
        code = iso.get(str(g.get("id", "")), "")
        feats.append(
            {
                "type": "Feature",
                "id": code or g["properties"]["name"],
                "properties": {
                    "iso3": code,
                    "name_zh": name_zh(code) if code else "",
                    "name_en": name_en(code) if code else g["properties"]["name"],
                },
                "geometry": {"type": "MultiPolygon", "coordinates": coords},
            }
        )
    return {"type": "FeatureCollection", "features": feats}


@cache
def drawing_outline() -> dict:
    """The outlines for a planar (Web Mercator) map: each ring made continuous across 180° (no
    bands across the map from Russia, Fiji or Antarctica), plus a copy 360° east of every country
    west of Greenwich, so a Pacific-centred view shows the Americas east of the date line."""
    from haisi.geojson import unwrap

    feats = []
    for f in countries_geojson()["features"]:
        polys = [
            [[[round(x, 2), round(y, 2)] for x, y in unwrap(r)] for r in poly]
            for poly in f["geometry"]["coordinates"]
        ]
        feats.append({**f, "geometry": {"type": "MultiPolygon", "coordinates": polys}})
        if min(x for poly in polys for r in poly for x, _ in r) < 0:
            east = [[[[x + 360, y] for x, y in r] for r in poly] for poly in polys]
            feats.append(
                {
                    **f,
                    "id": f"{f['id']}+360",
                    "geometry": {"type": "MultiPolygon", "coordinates": east},
                }
            )
    return {"type": "FeatureCollection", "features": feats}


def _area_centre(ring: list[list[float]]) -> tuple[float, float, float]:
    """Absolute area and centroid (lon, lat) of a ring by the shoelace formula."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if a == 0:
        return 0.0, ring[0][0], ring[0][1]
    return abs(a / 2), cx / (3 * a), cy / (3 * a)


@cache
def _points() -> dict[str, tuple[float, float]]:
    out = {}
    for f in countries_geojson()["features"]:
        iso3 = f["properties"]["iso3"]
        if iso3:
            best = max(
                (_area_centre(p[0]) for p in f["geometry"]["coordinates"]), key=lambda t: t[0]
            )
            out[iso3] = (best[2], best[1])
    return out


def country_point(iso3: str) -> tuple[float, float] | None:
    """(lat, lon) to draw a flow to ``iso3``: its largest outline's centroid,
    else its first port."""
    hit = _points().get(iso3)
    if hit:
        return hit
    from haisi.reference.ports import ports

    p = ports()
    rows = p[p["country"] == iso3]
    if rows.empty:
        return None
    best = rows.sort_values(["silk_road", "unlocode"], ascending=[False, True]).iloc[0]
    return float(best["lat"]), float(best["lon"])
