"""Line drawing helpers: Douglas–Peucker simplification, arrowheads, widths by volume.

Longitude handling across the date line lives in :mod:`haisi.geojson` (the network uses it too).
"""

from __future__ import annotations

import math

__all__ = ["simplify", "arrowhead", "width_for"]


def _perp(p: list[float], a: list[float], b: list[float]) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def simplify(
    coords: list[list[float]], tolerance: float = 0.05, digits: int = 2
) -> list[list[float]]:
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


def arrowhead(
    coords: list[list[float]], *, at: float = 0.6, size: float | None = None
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
