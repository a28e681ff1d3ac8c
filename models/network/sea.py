"""Sea routes between ports (UN/LOCODE) from ``searoute``, cached on disk, with chokepoints.

``searoute`` takes points as ``[lon, lat]`` and returns a GeoJSON LineString over its maritime
network, with the passages it traverses. Its ``restrictions`` argument closes passages; a
closure that leaves no way through gives an infinite length, which is reported here as
:class:`NoSeaRouteError`, never as the unrestricted route. Each (origin, destination, closed
passages) route is computed once and kept in an SQLite file (default
``DATA_DIR/network/sea_routes.sqlite``).

Examples
--------
>>> r = sea_path("CNFOC", "GRPIR", avoid=("red_sea",))            # doctest: +SKIP
>>> [c["id"] for c in r["chokepoints"]], round(r["extra_km_vs_unrestricted"])  # doctest: +SKIP
(['cape_of_good_hope', ...], 11827)
"""

from __future__ import annotations

import json
import math
import sqlite3
import threading
import warnings
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
from haisi.reference.ports import port

from haisi.errors import InvalidInput, NotFound

__all__ = [
    "CHOKEPOINTS",
    "AVOID_ALIASES",
    "NoSeaRouteError",
    "sea_route",
    "sea_path",
    "port_graph",
    "port_shortest_path",
]

# Our chokepoint id → (searoute passage, 中文, English). Malacca … Cape are the six the
# customs users ask about; the others are reported when passed but are not chokepoints here.
CHOKEPOINTS: dict[str, tuple[str, str, str]] = {
    "malacca": ("malacca", "马六甲海峡", "Strait of Malacca"),
    "suez": ("suez", "苏伊士运河", "Suez Canal"),
    "bab_el_mandeb": ("babalmandab", "曼德海峡", "Bab-el-Mandeb"),
    "hormuz": ("ormuz", "霍尔木兹海峡", "Strait of Hormuz"),
    "panama": ("panama", "巴拿马运河", "Panama Canal"),
    "cape_of_good_hope": ("south_africa", "好望角", "Cape of Good Hope"),
}
_OTHER_PASSAGES = {
    "gibraltar": ("直布罗陀海峡", "Strait of Gibraltar"),
    "sunda": ("巽他海峡", "Sunda Strait"),
    "bosporus": ("博斯普鲁斯海峡", "Bosporus"),
    "northwest": ("西北航道", "Northwest Passage"),
    "chili": ("麦哲伦海峡", "Strait of Magellan"),
    "bering": ("白令海峡", "Bering Strait"),
}
# What a caller may close: our ids, searoute's names, and "red_sea" (Suez + Bab-el-Mandeb).
AVOID_ALIASES: dict[str, tuple[str, ...]] = {
    **{k: (v[0],) for k, v in CHOKEPOINTS.items()},
    **{v[0]: (v[0],) for v in CHOKEPOINTS.values()},
    "bab-el-mandeb": ("babalmandab",),
    "cape": ("south_africa",),
    "red_sea": ("suez", "babalmandab"),
    **{k: (k,) for k in _OTHER_PASSAGES},
}
_ALWAYS_CLOSED = ("northwest",)  # searoute's default: the Northwest Passage is not navigable
_LOCK = threading.Lock()


class NoSeaRouteError(NotFound):
    """No sea route satisfies the closures asked for (the message names them)."""


def _passages(avoid: Iterable[str]) -> tuple[str, ...]:
    out: set[str] = set()
    for name in avoid:
        key = name.strip().lower().replace(" ", "_")
        if key not in AVOID_ALIASES:
            raise InvalidInput(f"未知通道 unknown passage {name!r}; known: {sorted(AVOID_ALIASES)}")
        out.update(AVOID_ALIASES[key])
    return tuple(sorted(out))


def _default_cache() -> Path:
    from haisi.settings import get_settings

    return get_settings().data_dir / "network" / "sea_routes.sqlite"


def _db(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=30)
    con.execute(
        "CREATE TABLE IF NOT EXISTS sea_routes (origin TEXT, destination TEXT, "
        "closed TEXT, distance_km REAL, duration_hours REAL, geometry TEXT, "
        "passages TEXT, PRIMARY KEY (origin, destination, closed))"
    )
    return con


def _compute(
    o: dict, d: dict, closed: tuple[str, ...]
) -> tuple[float | None, float | None, str, str]:
    import searoute as sr

    restrictions = sorted(set(closed) | set(_ALWAYS_CLOSED))
    with _LOCK, warnings.catch_warnings():  # searoute keeps restrictions on a shared graph
        warnings.simplefilter("ignore", UserWarning)
        feat = sr.searoute(
            [o["lon"], o["lat"]],
            [d["lon"], d["lat"]],
            units="km",
            restrictions=restrictions,
            return_passages=True,
        )
    length = float(feat.properties["length"])
    coords = feat.geometry["coordinates"]
    passed = feat.properties.get("traversed_passages") or []
    if not coords or not math.isfinite(length) or set(passed) & set(restrictions):
        return None, None, json.dumps(None), json.dumps([])
    return (
        length,
        float(feat.properties["duration_hours"]),
        json.dumps({"type": "LineString", "coordinates": coords}),
        json.dumps(passed),
    )


def sea_route(
    origin: str, destination: str, *, avoid: Iterable[str] = (), cache: Path | None = None
) -> dict:
    """Distance, duration (24 kn), geometry and passages of one route; cached per closure set."""
    o, d = port(origin), port(destination)
    closed = _passages(avoid)
    path = Path(cache) if cache else _default_cache()
    key = (o["unlocode"], d["unlocode"], ",".join(closed))
    con = _db(path)
    try:
        row = con.execute(
            "SELECT distance_km, duration_hours, geometry, passages FROM sea_routes "
            "WHERE origin = ? AND destination = ? AND closed = ?",
            key,
        ).fetchone()
        cached = row is not None
        if not cached:
            row = _compute(o, d, closed)
            with con:
                con.execute(
                    "INSERT OR REPLACE INTO sea_routes VALUES (?, ?, ?, ?, ?, ?, ?)", (*key, *row)
                )
    finally:
        con.close()
    dist, hours, geometry, passed = row
    geom = json.loads(geometry)
    if geom and geom["type"] == "LineString":  # RFC 7946: split at 180°, a Point if one position
        from haisi.geojson import rfc_line, unwrap

        geom = rfc_line(unwrap(geom["coordinates"]))
    if dist is None:
        raise NoSeaRouteError(
            f"没有满足限制的海上航线 no sea route from {o['unlocode']} to {d['unlocode']} "
            f"avoids {', '.join(closed)}"
        )
    return {
        "distance_km": dist,
        "duration_hours": hours,
        "geometry": geom,
        "passages": json.loads(passed),
        "closed": list(closed),
        "cached": cached,
        "origin": _port_info(o),
        "destination": _port_info(d),
    }


def _port_info(p: dict) -> dict:
    return {k: p[k] for k in ("unlocode", "name_zh", "name_en", "country", "lat", "lon")}


def _chokepoints(passages: list[str]) -> list[dict]:
    by_passage = {v[0]: (k, v[1], v[2]) for k, v in CHOKEPOINTS.items()}
    out = []
    for p in dict.fromkeys(passages):
        if p in by_passage:
            cid, zh, en = by_passage[p]
            out.append({"id": cid, "name_zh": zh, "name_en": en})
    return out


def sea_path(
    origin: str, destination: str, *, avoid: Iterable[str] = (), cache: Path | None = None
) -> dict:
    """The sea route between two ports, its chokepoints, and the detour a closure costs.

    Returns ``distance_km``, ``duration_hours``, ``geometry`` (GeoJSON LineString,
    ``[lon, lat]``), ``chokepoints`` ([{id, name_zh, name_en}]), ``passages`` (all passed),
    ``origin`` / ``destination`` port info, and with ``avoid``: ``closed``,
    ``unrestricted_km`` and ``extra_km_vs_unrestricted``. Raises :class:`NoSeaRouteError`
    when the closures leave no route, ``NotFound`` for an unknown port, ``InvalidInput`` for an
    unknown passage.
    """
    avoid = tuple(avoid)
    route = sea_route(origin, destination, avoid=avoid, cache=cache)
    route["chokepoints"] = _chokepoints(route["passages"])
    if avoid:
        base = sea_route(origin, destination, cache=cache)
        route["unrestricted_km"] = base["distance_km"]
        route["extra_km_vs_unrestricted"] = route["distance_km"] - base["distance_km"]
        route["unrestricted_chokepoints"] = _chokepoints(base["passages"])
    return route


def port_graph(
    ports: Iterable[str],
    *,
    avoid: Iterable[str] = (),
    cache: Path | None = None,
    links: Iterable[tuple[str, str]] | None = None,
) -> nx.Graph:
    """Ports joined by sea distance: every pair, or only ``links`` (e.g. ``routes`` services).

    Pairs with no route under the closures are left out.
    """
    avoid = tuple(avoid)
    codes = sorted({p.upper() for p in ports})
    pairs = (
        links
        if links is not None
        else [(a, b) for i, a in enumerate(codes) for b in codes[i + 1 :]]
    )
    g = nx.Graph(closed=list(_passages(avoid)))
    for code in codes:
        info = _port_info(port(code))
        g.add_node(code, **{k: v for k, v in info.items() if v is not None})
    for a, b in pairs:
        try:
            r = sea_route(a, b, avoid=avoid, cache=cache)
        except NoSeaRouteError:
            continue
        g.add_edge(
            a.upper(), b.upper(), distance_km=r["distance_km"], passages=",".join(r["passages"])
        )
    return g


def port_shortest_path(g: nx.Graph, origin: str, destination: str) -> dict:
    """Shortest chain of port-to-port legs by distance in a :func:`port_graph`."""
    try:
        nodes = nx.dijkstra_path(g, origin, destination, weight="distance_km")
    except (nx.NetworkXNoPath, nx.NodeNotFound) as exc:
        raise NoSeaRouteError(
            f"港口网络中无路径 no path from {origin} to {destination} in the port network ({exc})"
        ) from None
    legs = [
        {"from": a, "to": b, "distance_km": g.edges[a, b]["distance_km"]}
        for a, b in zip(nodes, nodes[1:])
    ]
    return {"ports": nodes, "legs": legs, "distance_km": sum(x["distance_km"] for x in legs)}
