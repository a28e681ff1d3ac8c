"""Graph exports: GraphML, GEXF, node-link JSON and CSV edge lists (UTF-8 with BOM, for Excel).

Every format carries node names (zh/en), region and coordinates, and edge values; missing
attributes are left out rather than written as empty strings, so the networkx readers give
back the same graph.
"""

from __future__ import annotations

import io
import json

import networkx as nx
import pandas as pd

from haisi.errors import InvalidInput

__all__ = ["FORMATS", "graph_bytes"]

FORMATS = ("graphml", "gexf", "json", "csv")


def _clean(g: nx.DiGraph) -> nx.DiGraph:
    """A copy with only str/int/float/bool attributes (GraphML and GEXF cannot store None)."""
    ok = (str, int, float, bool)
    h = nx.DiGraph(**{k: v for k, v in g.graph.items() if isinstance(v, ok)})
    h.add_nodes_from(
        (n, {k: v for k, v in d.items() if isinstance(v, ok)}) for n, d in g.nodes(data=True)
    )
    h.add_edges_from(
        (u, v, {k: x for k, x in d.items() if isinstance(x, ok)}) for u, v, d in g.edges(data=True)
    )
    return h


def _csv(g: nx.DiGraph) -> bytes:
    rows = [
        {
            "exporter": u,
            "exporter_zh": g.nodes[u].get("name_zh"),
            "importer": v,
            "importer_zh": g.nodes[v].get("name_zh"),
            "value": d["weight"],
            "currency": g.graph.get("currency"),
            "basis": d.get("basis"),
            "source_id": d.get("source_id"),
        }
        for u, v, d in g.edges(data=True)
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "exporter",
            "exporter_zh",
            "importer",
            "importer_zh",
            "value",
            "currency",
            "basis",
            "source_id",
        ],
    )
    return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def graph_bytes(g: nx.DiGraph, fmt: str) -> bytes:
    """The graph serialised as ``fmt`` (one of :data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise InvalidInput(
            f"导出格式无效 unknown export format {fmt!r}; expected one of {list(FORMATS)}"
        )
    if fmt == "csv":
        return _csv(g)
    h = _clean(g)
    if fmt == "json":
        data = nx.node_link_data(h, edges="edges")
        return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")
    buf = io.BytesIO()
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(h, buf)
    return buf.getvalue()
