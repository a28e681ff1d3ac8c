"""Sea paths from searoute: chokepoints, closures (the Cape route), no-route errors, the cache."""

from __future__ import annotations

import json
import math
import sqlite3

import pytest
from haisi.models.network.queries import sea_path
from haisi.models.network.sea import NoSeaRouteError, port_graph, port_shortest_path

from haisi.errors import InvalidInput, NotFound


def _haversine_km(line: list[list[float]]) -> float:
    total = 0.0
    for (lon1, lat1), (lon2, lat2) in zip(line, line[1:]):
        p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
        h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        total += 2 * 6371.0088 * math.asin(math.sqrt(h))
    return total


@pytest.fixture
def cache(tmp_path):
    return tmp_path / "sea_routes.sqlite"


def test_fuzhou_piraeus_via_suez_and_round_the_cape_when_the_red_sea_is_closed(cache):
    direct = sea_path("CNFOC", "GRPIR", cache=cache)
    ids = [c["id"] for c in direct["chokepoints"]]
    assert {"malacca", "bab_el_mandeb", "suez"} <= set(ids)
    assert "cape_of_good_hope" not in ids
    assert direct["geometry"]["type"] == "LineString"
    first = direct["geometry"]["coordinates"][0]
    assert first[0] == pytest.approx(119.6, abs=1.0) and first[1] == pytest.approx(
        26.1, abs=1.0
    )  # [lon, lat]
    assert direct["distance_km"] == pytest.approx(
        _haversine_km(direct["geometry"]["coordinates"]), rel=0.01
    )
    assert direct["origin"]["name_zh"] == "福州港"

    cape = sea_path("CNFOC", "GRPIR", avoid=("red_sea",), cache=cache)
    ids = [c["id"] for c in cape["chokepoints"]]
    assert "cape_of_good_hope" in ids and "suez" not in ids and "bab_el_mandeb" not in ids
    assert cape["closed"] == ["babalmandab", "suez"]
    assert cape["unrestricted_km"] == pytest.approx(direct["distance_km"])
    assert cape["extra_km_vs_unrestricted"] == pytest.approx(
        cape["distance_km"] - direct["distance_km"]
    )
    assert cape["extra_km_vs_unrestricted"] > 8000
    json.dumps(cape)  # JSON-serialisable for the API


def test_no_route_through_a_closed_passage_is_an_error_not_the_open_route(cache):
    with pytest.raises(NoSeaRouteError, match="no sea route from CNFOC to IRBND avoids ormuz"):
        sea_path("CNFOC", "IRBND", avoid=("hormuz",), cache=cache)
    with pytest.raises(NoSeaRouteError):  # the negative answer is cached too
        sea_path("CNFOC", "IRBND", avoid=("hormuz",), cache=cache)
    with pytest.raises(InvalidInput, match="unknown passage 'atlantis'"):
        sea_path("CNFOC", "GRPIR", avoid=("atlantis",), cache=cache)
    with pytest.raises(NotFound, match="XXXXX"):
        sea_path("CNFOC", "XXXXX", cache=cache)


def test_routes_are_computed_once_and_cached(cache):
    a = sea_path("CNFOC", "SGSIN", cache=cache)
    b = sea_path("CNFOC", "SGSIN", cache=cache)
    assert not a["cached"] and b["cached"]
    assert b["distance_km"] == a["distance_km"] and b["geometry"] == a["geometry"]
    con = sqlite3.connect(cache)
    assert con.execute("SELECT count(*) FROM sea_routes").fetchone()[0] == 1


def test_port_network_shortest_path_over_services(cache):
    links = [
        ("CNFOC", "SGSIN"),
        ("SGSIN", "LKCMB"),
        ("LKCMB", "GRPIR"),
        ("CNFOC", "HKHKG"),
        ("HKHKG", "SGSIN"),
    ]
    g = port_graph({p for link in links for p in link}, links=links, cache=cache)
    path = port_shortest_path(g, "CNFOC", "GRPIR")
    assert path["ports"] == ["CNFOC", "SGSIN", "LKCMB", "GRPIR"]
    legs = [
        sea_path(a, b, cache=cache)["distance_km"] for a, b in zip(path["ports"], path["ports"][1:])
    ]
    assert path["distance_km"] == pytest.approx(sum(legs))
    with pytest.raises(NoSeaRouteError):
        port_shortest_path(g, "CNFOC", "DEHAM")
