"""Line geometry helpers: Douglas–Peucker simplification, arrowheads, widths by volume."""

from __future__ import annotations

import math

__all__ = ["simplify", "arrowhead", "width_for", "unwrap", "rfc_line", "drawable"]


def _perp(p: list[float], a: list[float], b: list[float]) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def simplify(coords: list[list[float]], tolerance: float = 0.05, digits: int = 2) -> list[list[float]]:
    """Douglas–Peucker in degrees (iterative), then rounding; keeps both end points."""
    if len(coords) <= 2:
        return [[round(x, digits), round(y, digits)] for x, y in coords]
    keep = [False] * len(coords)
    keep[0] = keep[-1] = True
    stack = [(0, len(coords) - 1)]
    while stack:
        i, j = stack.pop()
        best, idx = 0.0, -1
        for k in range(i + 1, j):
            d = _perp(coords[k], coords[i], coords[j])
            if d > best:
                best, idx = d, k
        if best > tolerance and idx > 0:
            keep[idx] = True
            stack.extend(((i, idx), (idx, j)))
    out: list[list[float]] = []
    for c, k in zip(coords, keep):
        pt = [round(c[0], digits), round(c[1], digits)]
        if k and (not out or pt != out[-1]):
            out.append(pt)
    return out


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


def arrowhead(coords: list[list[float]], *, at: float = 0.6, size: float | None = None
              ) -> list[list[float]]:
    """A small triangle (lon/lat ring) pointing along the line ``at`` a fraction of its length."""
    seg = [math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in zip(coords, coords[1:])]
    total = sum(seg) or 1.0
    target, run = at * total, 0.0
    for (a, b), s in zip(zip(coords, coords[1:]), seg):
        if run + s >= target and s > 0:
            t = (target - run) / s
            tip = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
            ux, uy = (b[0] - a[0]) / s, (b[1] - a[1]) / s
            break
        run += s
    else:
        tip, (ux, uy) = coords[-1], (1.0, 0.0)
    L = size or max(0.4, min(2.5, total * 0.04))
    back = [tip[0] - ux * L, tip[1] - uy * L]
    left = [back[0] - uy * L * 0.5, back[1] + ux * L * 0.5]
    right = [back[0] + uy * L * 0.5, back[1] - ux * L * 0.5]
    return [tip, left, right, tip]


def width_for(value: float, vmax: float, *, lo: float = 1.5, hi: float = 10.0) -> float:
    """Line width in pixels, by square root of volume so small flows stay visible."""
    if not vmax or value is None or value <= 0:
        return lo
    return round(lo + (hi - lo) * math.sqrt(value / vmax), 2)


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
