"""The trade-network questions the API answers, as plain functions over a warehouse.

Every function reads the network of one (period, flow, product[, source, currency]) at the
warehouse's
current trade data version; graphs and metrics are built once per data version and then served
from the in-process cache and the ``network_metrics`` table. Frames carry node codes with
``name_zh`` / ``name_en`` beside them. Errors: :class:`NetworkError` (bad request or no data),
:class:`NoSeaRouteError`, ``NotFound`` for unknown ports.

``flow`` selects whose reports build the network (``export``: exporters', ``import``:
importers', ``total``: both, reconciled) and, for a node's partners, the direction
(``export``: its out-links, ``import``: its in-links, ``total``: both summed).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd
from haisi.models.network import metrics as m
from haisi.models.network.changes import compare_edges
from haisi.models.network.export import graph_bytes
from haisi.models.network.graph import load_view
from haisi.models.network.mirror import mirror_gaps as _mirror_gaps
from haisi.models.network.nodes import node_attributes
from haisi.models.network.portnet import is_port_code, port_partners, service_path
from haisi.models.network.sea import sea_path as _sea_path
from haisi.models.network.selection import Selection
from haisi.models.network.stored import ensure_metrics

from haisi.errors import NotFound

__all__ = [
    "top_partners",
    "neighbours",
    "node_metrics",
    "community_of",
    "changes",
    "mirror_gaps",
    "sea_path",
    "port_path",
    "subgraph",
    "export_graph",
    "dependence",
    "backbone",
]


def _names(
    frame: pd.DataFrame, col: str, prefix: str = "", against: str | pd.Series | None = None
) -> pd.DataFrame:
    """Insert ``<prefix>name_zh`` and ``<prefix>name_en`` right after the code column ``col``.

    ``against`` is the other party (a code, or one per row). China listed with, or against,
    Taiwan, Hong Kong or Macao is the mainland (``listed_names``: 中国大陆, never 中国 beside
    中国台湾)."""
    from haisi.reference.places import MAINLAND, listed_names

    other = against if isinstance(against, pd.Series) else pd.Series(against, index=frame.index)
    shown = listed_names([*frame[col], *other.dropna()])
    at = {
        c: MAINLAND
        if shown[c] == MAINLAND
        else (node_attributes(c)["name_zh"], node_attributes(c)["name_en"])
        for c in frame[col].unique()
    }
    pos = frame.columns.get_loc(col) + 1
    frame = frame.copy()
    frame.insert(pos, f"{prefix}name_en", frame[col].map(lambda c: at[c][1]))
    frame.insert(pos, f"{prefix}name_zh", frame[col].map(lambda c: at[c][0]))
    return frame


def _require_node(g, node: str, sel: Selection) -> None:
    if node not in g:
        raise NotFound(
            f"节点不在网络中 node {node!r} is not in the network of {sel.period} "
            f"(flow {sel.flow}, product {sel.product})"
        )


def top_partners(
    wh,
    *,
    reporter: str,
    period: str,
    flow: str = "total",
    product: str = "TOTAL",
    n: int = 10,
    source: str | None = None,
    currency: str | None = None,
) -> pd.DataFrame:
    """The ``n`` largest partners of ``reporter``: rank, partner, names, value, share, currency.

    A port (UN/LOCODE, e.g. ``CNFOC``) gets its partner ports by containers handled (TEU) from
    ``port_calls`` instead; ``flow``, ``product`` and ``source`` do not apply to it.
    """
    if is_port_code(reporter):
        return port_partners(wh, port=reporter, period=period, measure="teu", n=n)
    sel = Selection(period, flow, product, source, currency)
    view = load_view(wh, sel)
    _require_node(view.graph, reporter, sel)
    out = m.partner_shares(view.edges, reporter, flow).head(max(int(n), 0))
    out.insert(0, "rank", range(1, len(out) + 1))
    return _names(out, "partner", against=reporter).assign(currency=view.currency)


def neighbours(
    wh,
    *,
    node: str,
    period: str,
    flow: str = "total",
    product: str = "TOTAL",
    source: str | None = None,
    currency: str | None = None,
) -> pd.DataFrame:
    """Every link of ``node``: partner, names, direction (out = node exports), value, share."""
    sel = Selection(period, flow, product, source, currency)
    view = load_view(wh, sel)
    _require_node(view.graph, node, sel)
    e = view.edges
    out_l = e[e["exporter"] == node].assign(partner=lambda d: d["importer"], direction="out")
    in_l = e[e["importer"] == node].assign(partner=lambda d: d["exporter"], direction="in")
    frame = pd.concat([out_l, in_l], ignore_index=True)
    frame["share"] = frame["value"] / frame.groupby("direction")["value"].transform("sum")
    frame = frame[["partner", "direction", "value", "share", "basis", "source_id"]].sort_values(
        ["direction", "value"], ascending=[False, False], ignore_index=True
    )
    return _names(frame, "partner", against=node).assign(currency=view.currency)


def node_metrics(
    wh,
    *,
    period: str,
    flow: str = "total",
    product: str = "TOTAL",
    node: str | None = None,
    source: str | None = None,
    currency: str | None = None,
) -> pd.DataFrame:
    """Stored node metrics (degree, strength, PageRank, betweenness, …, HHI) with names."""
    sel = Selection(period, flow, product, source, currency)
    stored = ensure_metrics(wh, sel)
    frame = stored.nodes.copy()
    if node is not None:
        _require_node(stored.view.graph, node, sel)
        frame = frame[frame["node"] == node].reset_index(drop=True)
    frame = _names(frame, "node")
    return frame.assign(data_version=stored.view.data_version)


def community_of(
    wh,
    *,
    node: str,
    period: str,
    flow: str = "total",
    product: str = "TOTAL",
    source: str | None = None,
    currency: str | None = None,
) -> dict:
    """The Louvain community of ``node``: its id, members (by strength) and the modularity."""
    sel = Selection(period, flow, product, source, currency)
    stored = ensure_metrics(wh, sel)
    _require_node(stored.view.graph, node, sel)
    nodes = stored.nodes
    cid = int(nodes.loc[nodes["node"] == node, "community"].iloc[0])
    mem = (
        nodes[nodes["community"] == cid]
        .assign(strength=lambda d: d["strength_in"] + d["strength_out"])
        .sort_values(["strength", "node"], ascending=[False, True])
    )
    named = _names(mem[["node", "strength"]], "node")
    members = [
        {"node": r.node, "name_zh": r.name_zh, "name_en": r.name_en, "strength": float(r.strength)}
        for r in named.itertuples()
    ]
    return {
        "node": node,
        "community": cid,
        "size": len(members),
        "members": members,
        "modularity": float(stored.summary["modularity"]),
        "communities": int(stored.summary["communities"]),
        "period": period,
        "flow": flow,
        "product": product,
        "data_version": stored.view.data_version,
        "method": f"Louvain, seed {m.LOUVAIN_SEED}",
    }


def changes(
    wh,
    *,
    period_a: str,
    period_b: str,
    flow: str = "total",
    product: str = "TOTAL",
    reporter: str | None = None,
    source: str | None = None,
    currency: str | None = None,
) -> pd.DataFrame:
    """Links new, broken, grown, shrunk between two periods (value_a, value_b, change, status)."""
    a = load_view(wh, Selection(period_a, flow, product, source, currency))
    b = load_view(wh, Selection(period_b, flow, product, source, currency))
    if reporter is not None and reporter not in a.graph and reporter not in b.graph:
        raise NotFound(
            f"节点不在网络中 node {reporter!r} is in neither the network of "
            f"{period_a} nor that of {period_b} (flow {flow}, product {product})"
        )
    frame = compare_edges(a.edges, b.edges, reporter=reporter)
    frame = _names(frame, "importer", "importer_", against=frame["exporter"])
    frame = _names(frame, "exporter", "exporter_", against=frame["importer"])
    return frame.assign(currency=a.currency)


def mirror_gaps(
    wh, *, reporter: str, partner: str | None = None, period: str | None = None
) -> pd.DataFrame:
    """Both sides' figures for each link of ``reporter`` (ratio, gap, CIF/FOB note); NotFound
    for a reporter no trade row names, an empty frame for one with no mirrored link."""
    frame = _mirror_gaps(wh, reporter=reporter, partner=partner, period=period)
    if (
        frame.empty
        and not wh.sql(
            "SELECT 1 FROM trade_flows WHERE reporter = ? OR partner = ? LIMIT 1",
            params=[reporter, reporter],
        ).num_rows
    ):
        raise NotFound(f"未知节点 no trade row names {reporter!r} as reporter or partner")
    return frame


def sea_path(
    origin: str, destination: str, *, avoid: Iterable[str] = (), cache: Path | None = None
) -> dict:
    """Sea route between two UN/LOCODE ports: distance_km, GeoJSON geometry, chokepoints, detour."""
    return _sea_path(origin, destination, avoid=avoid, cache=cache)


def port_path(
    wh, *, origin: str, destination: str, avoid: Iterable[str] = (), cache: Path | None = None
) -> dict:
    """Shortest chain of the warehouse's sea services between two ports (ports, legs, km)."""
    return service_path(wh, origin=origin, destination=destination, avoid=avoid, cache=cache)


def subgraph(
    wh,
    *,
    nodes: Iterable[str],
    period: str,
    flow: str = "total",
    product: str = "TOTAL",
    source: str | None = None,
    currency: str | None = None,
) -> dict:
    """The links among ``nodes`` as node-link JSON (nodes with names, edges with values)."""
    sel = Selection(period, flow, product, source, currency)
    view = load_view(wh, sel)
    wanted = list(dict.fromkeys(nodes))
    missing = [n for n in wanted if n not in view.graph]
    if missing:
        raise NotFound(f"节点不在网络中 not in the network of {period}: {missing}")
    h = view.graph.subgraph(wanted)
    return {
        "period": period,
        "flow": flow,
        "product": product,
        "currency": view.currency,
        "data_version": view.data_version,
        "nodes": [{"id": n, **d} for n, d in h.nodes(data=True)],
        "edges": [
            {"source": u, "target": v, "value": d["weight"], "basis": d["basis"]}
            for u, v, d in h.edges(data=True)
        ],
    }


def export_graph(
    wh,
    *,
    period: str,
    fmt: str,
    flow: str = "total",
    product: str = "TOTAL",
    source: str | None = None,
    currency: str | None = None,
) -> bytes:
    """The whole network as GraphML, GEXF, node-link JSON or a CSV edge list."""
    return graph_bytes(load_view(wh, Selection(period, flow, product, source, currency)).graph, fmt)


def dependence(
    wh,
    *,
    period: str,
    product: str = "TOTAL",
    exporter: str | None = None,
    importer: str | None = None,
    flow: str = "total",
    source: str | None = None,
    currency: str | None = None,
) -> pd.DataFrame:
    """Share of each importer's imports (of ``product``) that comes from each exporter."""
    view = load_view(wh, Selection(period, flow, product, source, currency))
    frame = m.dependency(view.edges, importer=importer, exporter=exporter)
    frame = _names(frame, "exporter", "exporter_", against=frame["importer"])
    frame = _names(frame, "importer", "importer_", against=frame["exporter"])
    return frame.assign(currency=view.currency)


def backbone(
    wh,
    *,
    period: str,
    flow: str = "total",
    product: str = "TOTAL",
    alpha: float = 0.05,
    source: str | None = None,
    currency: str | None = None,
) -> pd.DataFrame:
    """Links kept by the disparity filter at ``alpha``: exporter, importer, value, alpha."""
    view = load_view(wh, Selection(period, flow, product, source, currency))
    bb = m.disparity_backbone(view.graph, alpha)
    frame = pd.DataFrame(
        [(u, v, d["weight"], d["alpha"]) for u, v, d in bb.edges(data=True)],
        columns=["exporter", "importer", "value", "alpha"],
    )
    return frame.sort_values("value", ascending=False, ignore_index=True)
