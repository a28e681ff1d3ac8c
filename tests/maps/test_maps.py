"""Map layers and pages: figures from the warehouse, Chinese names, offline assets, size."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from haisi.maps.assets import STATIC_DIR
from haisi.maps.layers import (
    air_routes,
    partner_share,
    route_features,
    sea_routes,
    trade_flows,
    visitor_flows,
)
from haisi.maps.render import render_map
from haisi.reference.countries import name_zh

from haisi.geojson import drawable


def test_sea_routes_follow_stored_geometry(demo_wh):
    rows = demo_wh.sql(
        "SELECT * FROM routes WHERE mode = 'sea' ORDER BY origin, destination"
    ).to_pandas()
    fc = sea_routes(demo_wh)
    assert len(fc["features"]) == len(rows)
    for f, r in zip(fc["features"], rows.itertuples()):
        stored = json.loads(r.geometry)["coordinates"]
        got = drawable(f["geometry"])
        assert len(got) <= len(stored)
        assert got[0] == [round(stored[0][0], 2), round(stored[0][1], 2)]
        assert f["properties"]["value"] == r.capacity
    widths = sorted((f["properties"]["value"], f["properties"]["width"]) for f in fc["features"])
    assert [w for _, w in widths] == sorted(w for _, w in widths)  # wider with volume


def test_air_routes_use_airportsdata(demo_wh):
    import airportsdata

    air = airportsdata.load("IATA")
    fc = air_routes(demo_wh)
    kul = next(f for f in fc["features"] if f["properties"]["destination"] == "KUL")
    assert kul["geometry"]["coordinates"][-1] == [
        round(air["KUL"]["lon"], 2),
        round(air["KUL"]["lat"], 2),
    ]
    assert kul["properties"]["label_zh"].endswith(f"{name_zh('MYS')}·KUL")


def test_visitor_flows_sum_the_year_and_use_override_names(demo_wh):
    fc = visitor_flows(demo_wh, year=2024)
    exp = demo_wh.sql(
        "SELECT origin, sum(value) AS v FROM tourism_flows WHERE destination = 'CNFOC' "
        "AND measure = 'arrivals' AND period LIKE '2024%' GROUP BY origin"
    ).to_pandas()
    got = {f["properties"]["partner"]: f["properties"]["value"] for f in fc["features"]}
    assert got == pytest.approx(dict(zip(exp["origin"], exp["v"])), rel=1e-12)
    twn = next(f for f in fc["features"] if f["properties"]["partner"] == "TWN")
    assert twn["properties"]["label_zh"] == "中国台湾 → 福州"
    assert twn["properties"]["direction"] == "in"
    to_taiwan = visitor_flows(demo_wh, destination="TWN")  # the starter set's arrivals
    chn = next(f for f in to_taiwan["features"] if f["properties"]["partner"] == "CHN")
    assert chn["properties"]["label_zh"] == "中国大陆 → 中国台湾"  # never 中国 → 中国台湾


def test_trade_flows_and_shares_agree(demo_wh):
    fc = trade_flows(demo_wh, flow="export", year=2024)
    sh = partner_share(demo_wh, flow="export", year=2024)
    exp = demo_wh.sql(
        "SELECT partner, sum(value) AS v FROM trade_flows WHERE reporter = 'CN-FJ' AND "
        "flow = 'export' AND period LIKE '2024%' AND length(hs_code) = 2 "
        "GROUP BY partner"
    ).to_pandas()
    got = {f["properties"]["partner"]: f["properties"]["value"] for f in fc["features"]}
    assert got.keys() == set(exp["partner"])
    for p, v in zip(exp["partner"], exp["v"]):
        assert got[p] == pytest.approx(v, rel=1e-12)
    total = exp["v"].sum()
    shares = {f["properties"]["iso3"]: f["properties"]["share"] for f in sh["features"]}
    for p, v in zip(exp["partner"], exp["v"]):
        if p in shares:
            assert shares[p] == pytest.approx(v / total, rel=1e-9)


def test_html_needs_no_internet_and_draws_every_route(demo_wh):
    fc = sea_routes(demo_wh)
    page = render_map(fc, tile_url="none")
    assert re.findall(r"https?://(?!www\.w3\.org)[^\s\"']+", page) == []
    assert len(re.findall(r'"className": "haisi-route haisi-k-\d+"', page)) == len(fc["features"])
    assert len(re.findall(r'"className": "haisi-arrow haisi-k-\d+"', page)) == len(fc["features"])
    for asset in re.findall(r'(?:src|href)="(/maps/static/[^"]+)"', page):
        assert (STATIC_DIR / asset.removeprefix("/maps/static/")).is_file(), asset
    assert '"iso3": "FJI"' in page  # the shipped country outlines are drawn
    tiles = render_map(fc, tile_url="http://tiles.intranet/{z}/{x}/{y}.png", attribution="内网")
    assert "http://tiles.intranet/{z}/{x}/{y}.png" in tiles and '"iso3": "FJI"' in tiles
    assert (STATIC_DIR / "leaflet" / "LICENSE").is_file() and (
        STATIC_DIR / "world-atlas" / "LICENSE"
    ).is_file()


def test_thousand_sea_routes_stay_under_5_mb(demo_wh):
    """1,000 routes with real searoute geometries (the stored ones, reused) render under 5 MB."""
    rows = demo_wh.sql("SELECT * FROM routes WHERE mode = 'sea'").to_pandas()
    many = pd.concat([rows] * (1000 // len(rows) + 1), ignore_index=True).head(1000)
    fc = {
        "type": "FeatureCollection",
        "features": route_features(many, mode="sea"),
        "properties": {"layer": "sea", "title_zh": "海上航线", "title_en": "Sea routes"},
    }
    page = render_map(fc, tile_url="none")
    assert len(re.findall(r'"className": "haisi-route haisi-k-\d+"', page)) == 1000
    assert len(page.encode()) < 5_000_000, len(page.encode())


def test_china_beside_taiwan_is_the_mainland_on_every_trade_map(demo_wh):
    """Singapore's partners include China and Taiwan, China: the lines and the shaded areas
    name China 中国大陆 (the tooltip reads name_zh, the label label_zh)."""
    lines = trade_flows(demo_wh, reporter="SGP", flow="export")
    areas = partner_share(demo_wh, reporter="SGP", flow="export")
    line = {f["properties"]["partner"]: f["properties"]["label_zh"] for f in lines["features"]}
    area = {f["properties"]["iso3"]: f["properties"] for f in areas["features"]}
    assert {"CHN", "TWN"} <= line.keys() and line["CHN"].startswith("新加坡 → 中国大陆")
    assert area["CHN"]["name_zh"] == area["CHN"]["label_zh"] == "中国大陆"
    assert area["TWN"]["name_zh"] == "中国台湾"
