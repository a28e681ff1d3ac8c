"""Directed, weighted trade graphs (networkx) built from warehouse edges, cached per data version.

Edge attributes: ``weight`` (value in ``currency``), ``distance`` (mean weight / weight, for
shortest paths and betweenness: a strong link is a short one; scaled to be near 1 so that
path lengths compare well in floating point whatever the currency unit), ``basis`` and
``source_id``. Node
attributes: ``name_zh``, ``name_en``, ``region``, ``lat``, ``lon``.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pandas as pd
from haisi.models.network.nodes import node_attributes
from haisi.models.network.selection import Selection, edges_for
from haisi.warehouse.cache import versioned
from haisi.warehouse.classification import RESTRICTED

from haisi.errors import NotFound

__all__ = ["NetworkView", "build_graph", "data_version", "load_view"]


@dataclass(frozen=True)
class NetworkView:
    """One network: its selection, the data version it was built from, edges and graph."""

    selection: Selection
    data_version: str
    edges: pd.DataFrame
    graph: nx.DiGraph

    @property
    def currency(self) -> str | None:
        return self.graph.graph.get("currency")


def build_graph(edges: pd.DataFrame, **graph_attrs) -> nx.DiGraph:
    """A DiGraph from an edge frame (exporter, importer, value, …) with node names attached."""
    g = nx.DiGraph(**graph_attrs)
    if not edges.empty:
        g.graph.setdefault("currency", str(edges["currency"].iloc[0]))
        mean = float(edges["value"].mean())
    for e in edges.itertuples(index=False):
        g.add_edge(
            e.exporter,
            e.importer,
            weight=float(e.value),
            distance=mean / float(e.value),
            basis=e.basis,
            source_id=e.source_id,
        )
    for node in g.nodes:
        g.nodes[node].update({k: v for k, v in node_attributes(node).items() if v is not None})
    return g


def data_version(wh, source: str | None = None, currency: str | None = None) -> str:
    """The trade data version a network is computed on, e.g. ``trade_flows@v3[source=x]``;
    ``view=public`` when read through a public view (restricted cells disclosure-controlled)."""
    dv = wh.dataset_version("trade_flows")
    if dv is None:
        raise NotFound("仓库中没有贸易流量 the warehouse has no trade_flows table yet")
    view = None if wh.clearance == RESTRICTED else wh.clearance
    filters = [
        f"{k}={v}" for k, v in (("source", source), ("currency", currency), ("view", view)) if v
    ]
    return f"{dv}[{';'.join(filters)}]" if filters else dv


def load_view(wh, sel: Selection) -> NetworkView:
    """The network for ``sel`` at the warehouse's current data version (built once, then kept
    in the one results cache until ``trade_flows`` changes)."""
    dv = data_version(wh, sel.source, sel.currency)
    return versioned(wh, ["trade_flows"], ("network", dv, sel), lambda: _build_view(wh, sel, dv))


def _build_view(wh, sel: Selection, dv: str) -> NetworkView:
    edges = edges_for(wh, sel)
    if edges.empty:
        raise NotFound(
            f"没有符合条件的贸易流量 no trade flows for period {sel.period}, flow {sel.flow}, "
            f"product {sel.product}"
            + (f", source {sel.source}" if sel.source else "")
            + (f", currency {sel.currency}" if sel.currency else "")
        )
    g = build_graph(edges, period=sel.period, flow=sel.flow, product=sel.product, data_version=dv)
    return NetworkView(sel, dv, edges, g)
