"""The query functions the API calls: answers on real data, names, JSON-ready values, errors."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from haisi.models.network.queries import (
    backbone,
    community_of,
    dependence,
    neighbours,
    node_metrics,
    subgraph,
    top_partners,
)
from haisi.models.network.selection import NetworkError

from haisi.errors import NotFound


def test_top_partners_of_taiwan_ic_exports(real):
    wh, frames = real
    got = top_partners(
        wh,
        reporter="TWN",
        period="2024",
        flow="export",
        product="8542",
        n=5,
        source="taiwan-customs",
    )
    t = frames["taiwan-customs"]
    t = t[t["period"] == "2024"].groupby("partner")["value"].sum()
    expected = (t / t.sum()).sort_values(ascending=False).head(5)
    assert got["partner"].tolist() == expected.index.tolist()
    assert got["share"].to_numpy() == pytest.approx(expected.to_numpy())
    assert got["rank"].tolist() == [1, 2, 3, 4, 5]
    assert got.loc[got.partner == "HKG", "name_zh"].item() == "中国香港"
    # China against Taiwan (the reporter) is the mainland
    assert got.loc[got.partner == "CHN", ["name_zh", "name_en"]].values.tolist() == [
        ["中国大陆", "Chinese mainland"]
    ]
    json.dumps(got.to_dict(orient="records"), ensure_ascii=False)


def test_neighbours_split_by_direction(real):
    wh, frames = real
    got = neighbours(wh, node="SGP", period="2020-03", source="singstat")
    s = frames["singstat"]
    s = s[(s["period"] == "2020-03") & (s["value"] > 0)]
    for direction, flow in (("out", "export"), ("in", "import")):
        part = got[got["direction"] == direction].set_index("partner")["value"]
        exp = s[s["flow"] == flow].groupby("partner")["value"].sum()
        exp = exp[exp.index.isin(part.index)]
        assert (
            len(part)
            == (s["flow"] == flow).sum() - (s[s["flow"] == flow]["partner"] == "SGP").sum()
        )
        assert part.loc[exp.index].to_numpy() == pytest.approx(exp.to_numpy())
        assert got.loc[got.direction == direction, "share"].sum() == pytest.approx(1.0)


def test_node_metrics_and_community(real):
    wh, _ = real
    one = node_metrics(wh, period="2006", node="CHN", source="yotov2016")
    assert len(one) == 1 and one["name_zh"].item() == "中国"
    full = node_metrics(wh, period="2006", source="yotov2016")
    c = community_of(wh, node="CHN", period="2006", source="yotov2016")
    members = {m["node"] for m in c["members"]}
    assert "CHN" in members and c["size"] == len(members)
    assert members == set(full.loc[full["community"] == c["community"], "node"])
    assert 0 < c["modularity"] < 1 and c["method"] == "Louvain, seed 42"
    json.dumps(c, ensure_ascii=False)


def test_subgraph_dependence_and_backbone(real):
    wh, _ = real
    sg = subgraph(wh, nodes=["CHN", "USA", "JPN"], period="2006", source="yotov2016")
    assert {n["id"] for n in sg["nodes"]} == {"CHN", "USA", "JPN"}
    assert len(sg["edges"]) == 6 and sg["currency"] == "USD"
    dep = dependence(wh, period="2006", exporter="CHN", source="yotov2016")
    assert (dep["exporter"] == "CHN").all() and dep["share"].is_monotonic_decreasing
    bb = backbone(wh, period="2006", source="yotov2016", alpha=0.01)
    assert (bb["alpha"] < 0.01).all() and len(bb) > 0


def test_errors_say_what_is_wrong(real):
    wh, _ = real
    with pytest.raises(NotFound, match="node 'ATA' is not in the network of 2006"):
        top_partners(wh, reporter="ATA", period="2006", source="yotov2016")
    with pytest.raises(NotFound, match="no trade flows for period 1990"):
        top_partners(wh, reporter="CHN", period="1990", source="yotov2016")
    with pytest.raises(NetworkError, match="period must be YYYY, YYYYQn or YYYY-MM"):
        top_partners(wh, reporter="CHN", period="2006-13")
    with pytest.raises(NetworkError, match="unknown flow 'both'"):
        top_partners(wh, reporter="CHN", period="2006", flow="both")
    with pytest.raises(NetworkError, match="mixes currencies"):
        node_metrics(wh, period="2017")


def test_quarter_sums_its_months(real):
    wh, frames = real
    got = top_partners(wh, reporter="SGP", period="2020Q2", flow="import", n=200, source="singstat")
    s = frames["singstat"]
    s = s[s["period"].isin(["2020-04", "2020-05", "2020-06"]) & (s["flow"] == "import")]
    exp = s.groupby("partner")["value"].sum()
    exp = exp[exp > 0].drop("SGP", errors="ignore")
    assert got.set_index("partner")["value"].sort_index().to_numpy() == pytest.approx(
        exp.sort_index().to_numpy()
    )
    assert isinstance(got, pd.DataFrame)
