"""Requests valid by the schema whose parts, or the rows they select, conflict are 409 with a
message saying how to resolve it (never 400: the schema accepted them, see api/README.md)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/datasets/trade_flows/download", {"period_from": "2025-01", "period_to": "2024-01"}),
        ("/crossstrait/teu", {"port": "CNFOC", "period_from": "1980-11", "period_to": "1958-11"}),
        ("/crossstrait/visitors", {"period_from": "2012-01", "period_to": "1902-01"}),
    ],
)
def test_an_inverted_period_range_is_a_conflict(client, keys, path, params) -> None:
    r = client.get(path, params=params, headers={"X-API-Key": keys["admin"]})
    assert r.status_code == 409, r.text
    assert r.json()["kind"] == "conflict" and "period_from" in r.json()["detail"]
    swapped = {**params, "period_from": params["period_to"], "period_to": params["period_from"]}
    assert client.get(path, params=swapped, headers={"X-API-Key": keys["admin"]}).status_code == 200


def test_a_selection_mixing_currencies_is_a_conflict_naming_the_sources(client, keys) -> None:
    h = {"X-API-Key": keys["customs"]}
    r = client.get("/network/top-partners", params={"reporter": "SGP", "period": "2020"}, headers=h)
    assert r.status_code == 409, r.text
    body = r.json()
    assert body["kind"] == "conflict" and "singstat" in body["detail"] and "SGD" in body["detail"]
    one = client.get(
        "/network/top-partners",
        params={"reporter": "SGP", "period": "2020", "currency": "SGD"},
        headers=h,
    )
    assert one.status_code == 200 and one.json()["count"] > 0


def test_operations_that_can_conflict_declare_409(app) -> None:
    paths = app.openapi()["paths"]
    can = [
        "/datasets/{name}/download",
        "/crossstrait/teu",
        "/crossstrait/visitors",
        *(f"/network/{p}" for p in ("top-partners", "neighbours", "metrics", "community")),
        *(f"/network/{p}" for p in ("changes", "subgraph", "export")),
    ]
    for path in can:
        body = paths[path]["get"]["responses"]["409"]["content"]["application/json"]
        assert body["schema"]["$ref"].endswith("/ErrorBody"), path
