"""Metrics computed once per data version and stored in ``network_metrics`` / ``network_summaries``
by an explicit command (``haisi network metrics``); reads compute missing ones without storing.

The key of both tables starts with the trade data version (``trade_flows@v3``). A request for a
network whose version already has stored rows reads them. A new trade version (an ingest, a
revision) has none: if the network's edges are exactly those of an earlier version (same
SHA-256 of the edge list, kept as the rows' ``content_hash``: an ingest of other periods or
sources), the earlier metrics are stored again under the new version without recomputing;
otherwise they are computed afresh. Reads are cached in process by the same key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

import pandas as pd
from haisi.models.network.graph import NetworkView, load_view
from haisi.models.network.metrics import METRIC_COLUMNS, node_metrics, summary
from haisi.models.network.selection import Selection
from haisi.warehouse import Provenance
from haisi.warehouse.cache import versioned

__all__ = ["StoredMetrics", "ensure_metrics"]

SOURCE_ID = "models.network"


@dataclass(frozen=True)
class StoredMetrics:
    """Node metrics and the network summary of one selection at one data version."""

    view: NetworkView
    nodes: pd.DataFrame
    summary: dict
    computed: bool  # True if this call computed (and stored) them, False if read back
    reused_from: str | None = None  # earlier data version whose identical network was reused


def _key(dv: str, sel: Selection) -> dict:
    """Scan filters for the stored rows of ``sel`` at data version ``dv``."""
    return {"data_version": dv, "period": sel.period, "flow": sel.flow, "product": sel.product}


def _filters(dv: str) -> str:
    """The filters of a data version id: ``[source=x]`` of ``trade_flows@v3[source=x]``."""
    return dv[dv.find("[") :] if "[" in dv else ""


def _read(wh, dv: str, sel: Selection) -> tuple[pd.DataFrame, dict] | None:
    key = _key(dv, sel)
    found = wh.scan("network_metrics", filters=key, columns=METRIC_COLUMNS).to_pandas()
    s = wh.scan("network_summaries", filters=key).to_pandas()
    if found.empty or s.empty:
        return None
    return found.sort_values("node", ignore_index=True), _summary_dict(s.iloc[0])


def _same_network(wh, view: NetworkView, edges_hash: str) -> str | None:
    """An earlier data version whose stored network for this selection had the same edges."""
    sel = view.selection
    where = {
        "period": sel.period,
        "flow": sel.flow,
        "product": sel.product,
        "content_hash": edges_hash,
    }
    s = wh.scan("network_summaries", filters=where, columns=["data_version"]).to_pandas()
    same = [dv for dv in s["data_version"] if _filters(dv) == _filters(view.data_version)]
    return same[0] if same else None


def _edges_hash(edges: pd.DataFrame) -> str:
    return hashlib.sha256(
        pd.util.hash_pandas_object(edges, index=False).values.tobytes()
    ).hexdigest()


def ensure_metrics(wh, sel: Selection, *, store: bool = False) -> StoredMetrics:
    """Metrics for ``sel`` at the current data version: read back if stored, else computed
    (kept in process); written to the tables only with ``store`` (the CLI, a job), never by a
    read such as an API GET."""
    if store:  # a cached answer may never have been stored: look at the tables again
        with wh.derivation():  # the stored rows' class: what this network read
            return _ensure(wh, load_view(wh, sel), sel, store=True)
    view = load_view(wh, sel)
    fresh: list[StoredMetrics] = []

    def compute() -> StoredMetrics:
        fresh.append(_ensure(wh, view, sel, store=False))
        return fresh[0]

    result = versioned(wh, ["trade_flows"], ("metrics", view.data_version, sel), compute)
    return result if fresh else replace(result, computed=False, reused_from=None)


def _ensure(wh, view: NetworkView, sel: Selection, *, store: bool) -> StoredMetrics:
    """Read the stored metrics of ``view``, reuse an identical earlier network's, or compute."""
    stored = wh.exists("network_metrics") and wh.exists("network_summaries")
    hit = _read(wh, view.data_version, sel) if stored else None
    result = StoredMetrics(view, *hit, computed=False) if hit else None
    if result is None:
        edges_hash = _edges_hash(view.edges)
        earlier = _same_network(wh, view, edges_hash) if stored else None
        hit = _read(wh, earlier, sel) if earlier else None
        if hit:
            result = StoredMetrics(view, *hit, computed=False, reused_from=earlier)
        else:
            nodes, q = node_metrics(view.graph, view.edges)
            summ = summary(view.graph, q, int(nodes["community"].nunique()))
            result = StoredMetrics(view, nodes, summ, computed=True)
        if store:
            _store(wh, view, result.nodes, result.summary, edges_hash)
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


def _store(wh, view: NetworkView, nodes: pd.DataFrame, summ: dict, edges_hash: str) -> None:
    sel = view.selection
    ident = {
        "data_version": view.data_version,
        "period": sel.period,
        "flow": sel.flow,
        "product": sel.product,
    }
    prov = Provenance(SOURCE_ID, f"models.network.metrics on {view.data_version}", edges_hash)
    wh.append("network_metrics", nodes.assign(**ident), provenance=prov)
    wh.append("network_summaries", pd.DataFrame([{**ident, **summ}]), provenance=prov)
