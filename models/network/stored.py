"""Metrics computed once per data version and stored in ``network_metrics`` / ``network_summaries``.

The key of both tables starts with the trade data version (``trade_flows@v3``). A request for a
network whose version already has stored rows reads them; a new trade version (an ingest, a
revision) finds none and computes afresh. Reads are cached in process by the same key.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, replace

import pandas as pd

from models.network.graph import NetworkView, load_view
from models.network.metrics import METRIC_COLUMNS, node_metrics, summary
from models.network.selection import Selection
from warehouse import Provenance

__all__ = ["StoredMetrics", "ensure_metrics"]

SOURCE_ID = "models.network"
_CACHE: dict[tuple, "StoredMetrics"] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class StoredMetrics:
    """Node metrics and the network summary of one selection at one data version."""

    view: NetworkView
    nodes: pd.DataFrame
    summary: dict
    computed: bool  # True if this call computed (and stored) them, False if read back


def _key_sql(dv: str, sel: Selection) -> str:
    q = lambda s: s.replace("'", "''")  # noqa: E731
    return (
        f"data_version = '{q(dv)}' AND period = '{sel.period}' AND flow = '{sel.flow}' "
        f"AND product = '{sel.product}'"
    )


def _edges_hash(edges: pd.DataFrame) -> str:
    return hashlib.sha256(
        pd.util.hash_pandas_object(edges, index=False).values.tobytes()
    ).hexdigest()


def ensure_metrics(wh, sel: Selection) -> StoredMetrics:
    """Stored metrics for ``sel`` at the current data version; computed and stored if absent."""
    view = load_view(wh, sel)
    key = (str(wh.root), view.data_version, sel)
    with _LOCK:
        if key in _CACHE:
            return replace(_CACHE[key], computed=False)
    where = _key_sql(view.data_version, sel)
    nodes = summ = None
    if wh.exists("network_metrics") and wh.exists("network_summaries"):
        found = wh.scan("network_metrics", where=where, columns=METRIC_COLUMNS).to_pandas()
        s = wh.scan("network_summaries", where=where).to_pandas()
        if len(found) and len(s):
            nodes = found.sort_values("node", ignore_index=True)
            summ = _summary_dict(s.iloc[0])
    computed = nodes is None
    if computed:
        nodes, q = node_metrics(view.graph, view.edges)
        summ = summary(view.graph, q, int(nodes["community"].nunique()))
        _store(wh, view, nodes, summ)
    result = StoredMetrics(view, nodes, summ, computed)
    with _LOCK:
        _CACHE[key] = result
    return result


def _summary_dict(row: pd.Series) -> dict:
    keys = [
        "nodes",
        "edges",
        "value_total",
        "currency",
        "density",
        "reciprocity",
        "modularity",
        "communities",
        "backbone_edges",
    ]
    out = {k: row[k] for k in keys}
    return {k: (v.item() if hasattr(v, "item") else v) for k, v in out.items()}


def _store(wh, view: NetworkView, nodes: pd.DataFrame, summ: dict) -> None:
    sel = view.selection
    ident = {
        "data_version": view.data_version,
        "period": sel.period,
        "flow": sel.flow,
        "product": sel.product,
    }
    prov = Provenance(
        SOURCE_ID, f"models.network.metrics on {view.data_version}", _edges_hash(view.edges)
    )
    wh.append("network_metrics", nodes.assign(**ident), provenance=prov)
    wh.append("network_summaries", pd.DataFrame([{**ident, **summ}]), provenance=prov)
