"""Each network metric on real data against an independent computation."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from haisi.models.network import metrics as m
from haisi.models.network.graph import load_view
from haisi.models.network.selection import Selection

from haisi.errors import InvalidInput


def _edges_by_pandas(frame: pd.DataFrame, year: str) -> pd.DataFrame:
    """Exporter → importer values of one year straight from the loaded rows (total flow:
    the importer's report where there is one)."""
    d = frame[frame["period"].str[:4] == year]
    d = d.assign(
        exporter=d["reporter"].where(d["flow"] == "export", d["partner"]),
        importer=d["partner"].where(d["flow"] == "export", d["reporter"]),
    )
    g = d.groupby(["exporter", "importer", "flow"], as_index=False)["value"].sum()
    g = g[(g["value"] > 0) & (g["exporter"] != g["importer"])]
    g = g.sort_values("flow").drop_duplicates(["exporter", "importer"], keep="last")  # import wins
    return g[["exporter", "importer", "value"]].sort_values(
        ["exporter", "importer"], ignore_index=True
    )


@pytest.fixture(scope="module")
def singstat_2019(real):
    wh, frames = real
    return load_view(wh, Selection("2019", source="singstat")), frames["singstat"]


@pytest.fixture(scope="module")
def yotov_2006(real):
    wh, frames = real
    return load_view(wh, Selection("2006", source="yotov2016")), frames["yotov2016"]


def test_edges_equal_a_pandas_groupby_of_the_source_rows(singstat_2019, yotov_2006):
    for view, frame in (singstat_2019, yotov_2006):
        expected = _edges_by_pandas(frame, view.selection.period)
        got = view.edges[["exporter", "importer", "value"]]
        pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-12)


def test_strength_and_degree_equal_group_by(yotov_2006):
    view, _ = yotov_2006
    nodes, _ = m.node_metrics(view.graph, view.edges)
    e = view.edges
    out = e.groupby("exporter")["value"].agg(["sum", "size"])
    inn = e.groupby("importer")["value"].agg(["sum", "size"])
    n = nodes.set_index("node")
    assert np.allclose(n.loc[out.index, "strength_out"], out["sum"])
    assert (n.loc[out.index, "degree_out"] == out["size"]).all()
    assert np.allclose(n.loc[inn.index, "strength_in"], inn["sum"])
    assert (n.loc[inn.index, "degree_in"] == inn["size"]).all()
    # the Yotov panel: USA is the largest importer of manufactures in 2006
    assert n["strength_in"].idxmax() == "USA"


def test_hhi_and_partner_shares_equal_pandas(singstat_2019):
    view, frame = singstat_2019
    d = frame[frame["period"].str.startswith("2019")]
    per = d.groupby("partner")["value"].sum()  # SGP's exports + imports by partner
    per = per[per > 0]
    shares = per / per.sum()
    h = m.hhi(view.edges)
    assert h["SGP"] == pytest.approx(float((shares**2).sum()), rel=1e-9)
    got = m.partner_shares(view.edges, "SGP", "total").set_index("partner")
    assert np.allclose(got.loc[shares.index, "share"], shares)
    assert got.index[0] == "CHN"  # Mainland China, Singapore's largest partner in 2019
    exp_only = d[d["flow"] == "export"].groupby("partner")["value"].sum()
    got_x = m.partner_shares(view.edges, "SGP", "export").set_index("partner")["value"]
    assert np.allclose(got_x.loc[exp_only[exp_only > 0].index], exp_only[exp_only > 0])


def test_pagerank_equals_power_iteration(yotov_2006):
    view, _ = yotov_2006
    nodes, _ = m.node_metrics(view.graph, view.edges)
    names = sorted(view.graph)
    w = nx.to_numpy_array(view.graph, nodelist=names, weight="weight")
    out = w.sum(1)
    p = np.divide(w, out[:, None], out=np.zeros_like(w), where=out[:, None] > 0)
    dangling = out == 0
    x = np.full(len(names), 1 / len(names))
    for _ in range(1000):
        x_new = 0.85 * (x @ p + x[dangling].sum() / len(names)) + 0.15 / len(names)
        if np.abs(x_new - x).sum() < 1e-13:
            break
        x = x_new
    got = nodes.set_index("node").loc[names, "pagerank"].to_numpy()
    assert np.allclose(got, x_new, atol=1e-6)


def test_eigenvector_equals_power_iteration_on_symmetrised_weights(yotov_2006):
    view, _ = yotov_2006
    names = sorted(view.graph)
    w = nx.to_numpy_array(view.graph, nodelist=names, weight="weight")
    s = (w + w.T) / w.max()
    x = np.ones(len(names))
    for _ in range(5000):
        x = s @ x
        x /= np.linalg.norm(x)
    nodes, _ = m.node_metrics(view.graph, view.edges)
    assert np.allclose(nodes.set_index("node").loc[names, "eigenvector"], x, atol=1e-6)


def test_weighted_clustering_equals_networkx(yotov_2006):
    view, _ = yotov_2006
    sub = view.graph.subgraph(sorted(view.graph)[:30]).copy()
    ours = m.weighted_clustering(sub)
    ref = nx.clustering(sub, weight="weight")
    assert ours == pytest.approx(ref, rel=1e-9, abs=1e-12)


def test_betweenness_equals_brute_force_shortest_paths(yotov_2006):
    view, _ = yotov_2006
    sub = view.graph.subgraph(
        ["CHN", "HKG", "SGP", "MYS", "IDN", "IND", "USA", "JPN", "DEU", "GRC"]
    ).copy()
    nodes, _ = m.node_metrics(
        sub, view.edges[view.edges.exporter.isin(sub) & view.edges.importer.isin(sub)]
    )
    n = len(sub)
    brute = dict.fromkeys(sub, 0.0)
    for s, t in itertools.permutations(sub, 2):
        paths = list(nx.all_shortest_paths(sub, s, t, weight="distance"))
        for path in paths:
            for v in path[1:-1]:
                brute[v] += 1 / len(paths)
    brute = {k: v / ((n - 1) * (n - 2)) for k, v in brute.items()}
    assert nodes.set_index("node")["betweenness"].to_dict() == pytest.approx(brute, abs=1e-12)


def test_louvain_is_reproducible_and_modularity_matches(yotov_2006):
    view, _ = yotov_2006
    a, qa = m.communities(view.graph)
    b, qb = m.communities(view.graph)
    assert a == b and qa == qb
    parts = [{n for n, c in a.items() if c == k} for k in sorted(set(a.values()))]
    assert qa == pytest.approx(nx.community.modularity(view.graph, parts, weight="weight"))
    assert set(a) == set(view.graph) and qa > 0.1
    sizes = [len(p) for p in parts]
    assert sizes == sorted(sizes, reverse=True)  # numbered by size


def test_disparity_backbone_equals_pandas_formula(singstat_2019):
    view, _ = singstat_2019
    e = view.edges
    s_out = e.groupby("exporter")["value"].transform("sum")
    k_out = e.groupby("exporter")["value"].transform("size")
    s_in = e.groupby("importer")["value"].transform("sum")
    k_in = e.groupby("importer")["value"].transform("size")
    a = np.minimum((1 - e["value"] / s_out) ** (k_out - 1), (1 - e["value"] / s_in) ** (k_in - 1))
    expected = set(map(tuple, e.loc[a < 0.05, ["exporter", "importer"]].to_numpy()))
    bb = m.disparity_backbone(view.graph, 0.05)
    assert set(bb.edges) == expected
    assert 0 < len(expected) < len(e)
    with pytest.raises(InvalidInput, match="alpha must be in"):
        m.disparity_backbone(view.graph, 1.5)


def test_dependency_is_share_of_importers_imports(real):
    wh, frames = real
    view = load_view(wh, Selection("2006", source="yotov2016"))
    dep = m.dependency(view.edges, exporter="CHN")
    y = frames["yotov2016"]
    y = y[(y["period"] == "2006") & (y["reporter"] != y["partner"]) & (y["value"] > 0)]
    tot = y.groupby("reporter")["value"].sum()
    from_chn = y[y["partner"] == "CHN"].set_index("reporter")["value"]
    expected = (from_chn / tot.loc[from_chn.index]).sort_values(ascending=False)
    got = dep.set_index("importer")["share"]
    assert np.allclose(got.loc[expected.index], expected)
    assert (dep["share"].between(0, 1)).all()


def test_igraph_backend_gives_networkx_betweenness(yotov_2006, singstat_2019):
    pytest.importorskip("igraph")
    for view, _ in (yotov_2006, singstat_2019):
        ours = m.betweenness(view.graph, "igraph")
        ref = m.betweenness(view.graph, "networkx")
        assert ours == pytest.approx(ref, rel=1e-9, abs=1e-12)
    with pytest.raises(InvalidInput, match="backend must be one of"):
        m.betweenness(yotov_2006[0].graph, "graph-tool")


def test_one_community_has_modularity_zero_not_minus_zero():
    """A star (every link touches one node, like Fujian's partners) is one community: modularity
    0, which the floating sum can leave at -2e-16 (the network page printed -0.000)."""
    import random

    rng = random.Random(1)
    graphs = []
    for _ in range(10):
        g = nx.DiGraph()
        for p in (f"P{i}" for i in range(22)):
            g.add_edge("CN-FJ", p, weight=round(rng.uniform(1, 600), 2))
            g.add_edge(p, "CN-FJ", weight=round(rng.uniform(1, 300), 2))
        graphs.append(g)
    raw = [nx.community.modularity(g, [set(g)], weight="weight") for g in graphs]
    assert min(raw) < 0  # the floating sum this guards against
    for g in graphs:
        label, q = m.communities(g)
        assert set(label.values()) == {0} and q == 0.0 and f"{q:.3f}" == "0.000"
