"""Maps keep the API's "not found vs empty" rule over HTTP on the demo store: a selection that
matches no rows is 200 with an empty RFC 7946 FeatureCollection (and an HTML map that says so in
Chinese and English); a code that names nothing is 404."""

from __future__ import annotations

import json

import pytest

EMPTY = [
    ("trade", "year=1990"),
    ("trade", "year=2024&hs=99"),
    ("partner-share", "year=1990&flow=import"),
    ("visitors", "year=1990"),
    ("visitors", "measure=no_such_measure"),
    ("crossstrait-teu", "year=1990"),
    ("sea-routes", "origin=CNSHA"),
    ("air-routes", "origin=PEK"),
]


@pytest.mark.parametrize(("layer", "query"), EMPTY)
def test_selection_with_no_rows_is_an_empty_collection(client, keys, layer, query) -> None:
    h = {"X-API-Key": keys["tourism"]}
    r = client.get(f"/maps/{layer}.geojson?{query}", headers=h)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/geo+json")
    fc = json.loads(r.content)
    assert fc["type"] == "FeatureCollection" and fc["features"] == []
    meta = fc["properties"]
    assert meta["no_data"] is True
    assert meta["note_zh"].startswith("无数据") and meta["note_en"].startswith("No data")
    page = client.get(f"/maps/{layer}.html?{query}", headers=h)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "haisi-note" in page.text and meta["note_zh"] in page.text
    assert meta["note_en"] in page.text and "haisi-route" not in page.text


def test_the_same_layer_with_rows_says_it_has_data(client, keys) -> None:
    got = client.get("/maps/trade.geojson?year=2024", headers={"X-API-Key": keys["tourism"]})
    meta = got.json()["properties"]
    assert got.json()["features"] and meta["no_data"] is False and "note_zh" not in meta
    page = client.get("/maps/trade.html?year=2024", headers={"X-API-Key": keys["tourism"]})
    assert "haisi-note" not in page.text and "haisi-route" in page.text


@pytest.mark.parametrize(
    ("layer", "query", "named"),
    [
        ("air-routes", "origin=QQQ", "QQQ"),
        ("sea-routes", "origin=ZZZZZ", "ZZZZZ"),
        ("visitors", "destination=ZZZZZ", "ZZZZZ"),
        ("trade", "reporter=XX-YY", "XX-YY"),
        ("partner-share", "reporter=QQQ", "QQQ"),
    ],
)
def test_a_code_that_names_nothing_is_404(client, keys, layer, query, named) -> None:
    h = {"X-API-Key": keys["tourism"]}
    for ext in ("geojson", "html"):
        r = client.get(f"/maps/{layer}.{ext}?{query}", headers=h)
        assert r.status_code == 404, (ext, r.text)
        assert r.json()["kind"] == "not_found" and named in r.json()["detail"]
