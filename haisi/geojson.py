"""GeoJSON lines across the 180° meridian: RFC 7946 output and continuous planar drawing.

Below every stage that writes line geometry (maps, the network's sea paths), so each can use it.
"""

from __future__ import annotations

import math

__all__ = ["unwrap", "rfc_line", "drawable"]


def unwrap(coords: list[list[float]]) -> list[list[float]]:
    """Shift longitudes so a line crossing the antimeridian is drawn continuously."""
    out = [list(coords[0])]
    for x, y in coords[1:]:
        px = out[-1][0]
        while x - px > 180:
            x -= 360
        while x - px < -180:
            x += 360
        out.append([x, y])
    return out


def _seam_point(a: list[float], b: list[float], seam: float) -> float:
    """Latitude where the segment a→b (continuous longitudes) meets longitude ``seam``."""
    t = (seam - a[0]) / (b[0] - a[0])
    return round(a[1] + t * (b[1] - a[1]), 4)


def rfc_line(coords: list[list[float]]) -> dict:
    """An RFC 7946 geometry for a continuous (unwrapped) line: longitudes in [-180, 180], split
    into a MultiLineString where it crosses the antimeridian; a Point when it has one position."""
    pts = [list(p) for i, p in enumerate(coords) if i == 0 or list(p) != list(coords[i - 1])]
    if len(pts) < 2:
        x, y = pts[0] if pts else coords[0]
        return {"type": "Point", "coordinates": [round(((x + 180) % 360) - 180, 4), y]}
    shift = -360 * math.floor((pts[0][0] + 180) / 360)
    pts = [[x + shift, y] for x, y in pts]
    parts, cur = [], [pts[0]]
    for a, b in zip(pts, pts[1:]):
        k_a, k_b = math.floor((a[0] + 180) / 360), math.floor((b[0] + 180) / 360)
        while k_a != k_b:  # crosses a seam at 180 + 360k
            seam = 180 + 360 * min(k_a, k_b) if k_b > k_a else 180 + 360 * (k_a - 1)
            lat = _seam_point(a, b, seam)
            cur.append([seam, lat])
            parts.append(cur)
            cur = [[seam, lat]]
            k_a += 1 if k_b > k_a else -1
        cur.append(b)
    parts.append(cur)
    norm = []
    for part in parts:
        mid = sum(x for x, _ in part) / len(part)
        off = -360 * math.floor((mid + 180) / 360)
        norm.append([[round(min(180.0, max(-180.0, x + off)), 4), y] for x, y in part])
    norm = [p for p in norm if len(p) >= 2]
    if len(norm) == 1:
        return {"type": "LineString", "coordinates": norm[0]}
    return {"type": "MultiLineString", "coordinates": norm}


def drawable(geometry: dict) -> list[list[float]]:
    """One continuous line to draw on a planar map from an RFC 7946 line geometry: the parts of
    a split line joined again, shifted east by 360° when they start west of -180°."""
    if geometry["type"] == "LineString":
        parts = [geometry["coordinates"]]
    elif geometry["type"] == "MultiLineString":
        parts = geometry["coordinates"]
    else:
        return []
    joined: list[list[float]] = []
    for part in parts:
        for p in part:
            if not joined or abs(abs(p[0] - joined[-1][0]) - 360) > 1e-9 or p[1] != joined[-1][1]:
                joined.append(list(p))
    line = unwrap(joined)
    if min(x for x, _ in line) < -180:
        line = [[x + 360, y] for x, y in line]
    return line
