"""Lines and outlines across the 180° meridian: RFC 7946 GeoJSON out, continuous drawing in."""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest
from haisi.maps.layers import crossstrait_teu, sea_routes, trade_flows
from haisi.maps.outlines import drawing_outline
from haisi.maps.render import render_map

from haisi.geojson import drawable, rfc_line


def _positions(geom: dict) -> list[list[float]]:
    if geom["type"] == "Point":
        return [geom["coordinates"]]
    if geom["type"] == "LineString":
        return geom["coordinates"]
    return [p for part in geom["coordinates"] for p in part]


def _check_rfc(geom: dict) -> None:
    assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in _positions(geom)), geom
    if geom["type"] == "LineString":
        assert len(geom["coordinates"]) >= 2
    if geom["type"] == "MultiLineString":
        parts = geom["coordinates"]
        assert all(len(p) >= 2 for p in parts)
        for a, b in zip(parts, parts[1:]):  # split exactly at the meridian, same latitude
            assert abs(a[-1][0]) == abs(b[0][0]) == 180 and a[-1][1] == b[0][1]


def test_rfc_line_splits_at_180_and_draws_continuously():
    g = rfc_line([[119.3, 26.0], [200.0, 40.0], [260.94, 38.0]])
    _check_rfc(g)
    assert g["type"] == "MultiLineString" and len(g["coordinates"]) == 2
    assert g["coordinates"][1][-1] == [-99.06, 38.0]
    line = drawable(g)
    assert line[0] == [119.3, 26.0] and line[-1] == pytest.approx([260.94, 38.0])
    assert all(abs(b[0] - a[0]) < 180 for a, b in zip(line, line[1:]))
    # the crossing latitude is on the straight segment 119.3→200
    assert g["coordinates"][0][-1][1] == pytest.approx(
        26 + (180 - 119.3) / (200 - 119.3) * 14, abs=1e-3
    )


def test_a_one_position_line_is_a_point():
    assert rfc_line([[119.3, 26.0], [119.3, 26.0]]) == {
        "type": "Point",
        "coordinates": [119.3, 26.0],
    }


def test_layers_are_valid_rfc7946(demo_wh):
    us = trade_flows(demo_wh, reporter="SGP", flow="export")
    sea = sea_routes(demo_wh)
    for f in us["features"] + sea["features"]:
        _check_rfc(f["geometry"])
    usa = next(f for f in us["features"] if f["properties"]["partner"] == "USA")
    assert usa["geometry"]["type"] == "MultiLineString"  # Singapore → USA crosses the Pacific
    lax = next(f for f in sea["features"] if f["properties"]["destination"] == "USLAX")
    assert lax["geometry"]["type"] == "MultiLineString"
    drawn = drawable(lax["geometry"])
    assert drawn[-1][0] > 180  # drawn east of the date line, reaching Los Angeles
    assert all(abs(b[0] - a[0]) < 180 for a, b in zip(drawn, drawn[1:]))


def test_outline_has_no_bands_and_a_copy_east_of_180():
    feats = drawing_outline()["features"]
    for f in feats:
        for poly in f["geometry"]["coordinates"]:
            for ring in poly:
                assert all(abs(b[0] - a[0]) < 180 for a, b in zip(ring, ring[1:])), f["id"]
    ids = {f["id"] for f in feats}
    assert {"RUS", "FJI", "USA", "USA+360", "BRA+360"} <= ids and "CHN+360" not in ids
    rus = next(f for f in feats if f["id"] == "RUS")
    assert (
        max(x for poly in rus["geometry"]["coordinates"] for r in poly for x, _ in r) > 180
    )  # Chukotka


def test_views_and_tools_on_the_page(demo_wh):
    fc = sea_routes(demo_wh)
    pacific = render_map(fc, view="pacific")
    assert "center: [15.0, 180.0]" in pacific
    assert "HaisiMap.init(" in pacific and "/maps/static/haisi-map.js" in pacific


def test_monthly_teu_layer_matches_the_source(demo_wh, shared_data):
    fc = crossstrait_teu(demo_wh, direction="to_taiwan")
    months = fc["properties"]["months"]
    assert months[0] == "2016-01" and months[-1] == "2023-04" and len(months) == 88
    foc = next(f for f in fc["features"] if f["properties"]["port"] == "CNFOC")
    src: dict[str, float] = defaultdict(float)
    with open(
        shared_data / "crossstrait/teu-monthly/import_from_china_teu.csv", encoding="utf-8"
    ) as fh:
        for row in csv.DictReader(fh):
            if row["來源港"].endswith("(CNFOC)"):
                src[row["年月"].replace("/", "-")] += float(row["TEU"])
    assert foc["properties"]["monthly"] == [src.get(m, 0.0) for m in months]
    assert foc["properties"]["label_zh"].endswith("中国台湾")
    page = render_map(fc)
    assert '"months": ["2016-01"' in page


def test_sea_path_geometry_is_rfc7946(tmp_path):
    from haisi.models.network.queries import sea_path

    cache = tmp_path / "sea.sqlite"
    pacific = sea_path("CNFOC", "USLAX", cache=cache)
    _check_rfc(pacific["geometry"])
    assert pacific["geometry"]["type"] == "MultiLineString"
    again = sea_path("CNFOC", "USLAX", cache=cache)  # from the cache: the same valid geometry
    assert again["cached"] and again["geometry"] == pacific["geometry"]
    itself = sea_path("CNFOC", "CNFOC", cache=cache)
    assert itself["geometry"]["type"] == "Point" and itself["distance_km"] == 0
