"""Exports round-trip through networkx readers (GraphML, GEXF, node-link JSON) and pandas (CSV)."""

from __future__ import annotations

import io
import json

import networkx as nx
import pandas as pd
import pytest
from haisi.models.network.graph import load_view
from haisi.models.network.queries import export_graph
from haisi.models.network.selection import Selection

from haisi.errors import InvalidInput

SEL = dict(period="2024", product="8542", source="taiwan-customs")


@pytest.fixture(scope="module")
def taiwan_graph(real):
    wh, _ = real
    return load_view(wh, Selection(SEL["period"], "total", SEL["product"], SEL["source"])).graph


def _same(g: nx.DiGraph, h: nx.DiGraph) -> None:
    assert set(h.nodes) == set(g.nodes)
    assert set(h.edges) == set(g.edges)
    for u, v, d in g.edges(data=True):
        assert float(h.edges[u, v]["weight"]) == pytest.approx(d["weight"])
    assert h.nodes["TWN"]["name_zh"] == "中国台湾"
    assert h.nodes["HKG"]["name_zh"] == "中国香港"
    assert float(h.nodes["CHN"]["lat"]) == pytest.approx(g.nodes["CHN"]["lat"])


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_formats_round_trip(real, taiwan_graph, fmt):
    wh, _ = real
    data = export_graph(wh, fmt=fmt, **SEL)
    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    h = reader(io.BytesIO(data))
    assert h.is_directed()
    _same(taiwan_graph, h)


def test_node_link_json_round_trips(real, taiwan_graph):
    wh, _ = real
    data = json.loads(export_graph(wh, fmt="json", **SEL).decode("utf-8"))
    h = nx.node_link_graph(data, edges="edges")
    _same(taiwan_graph, h)
    assert h.graph["currency"] == "USD" and h.graph["product"] == "8542"


def test_csv_edge_list_opens_in_excel_and_round_trips(real, taiwan_graph):
    wh, _ = real
    data = export_graph(wh, fmt="csv", **SEL)
    assert data.startswith("\ufeff".encode("utf-8")) and b"\r\n" in data
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    h = nx.from_pandas_edgelist(
        frame, "exporter", "importer", edge_attr="value", create_using=nx.DiGraph
    )
    assert set(h.edges) == set(taiwan_graph.edges)
    chn = frame.set_index("importer").loc["CHN"]
    assert chn["importer_zh"] == "中国" and chn["value"] == pytest.approx(4.847206e10, rel=1e-6)


def test_unknown_format_is_refused(real):
    wh, _ = real
    with pytest.raises(InvalidInput, match="unknown export format 'xlsx'"):
        export_graph(wh, fmt="xlsx", **SEL)
