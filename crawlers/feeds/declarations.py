"""The declarations feed: record-level customs declarations aggregated to trade_flows rows.

Records (period, reporter, partner, flow, hs_code, regime, value) are aggregated by
``haisi.scaleout.aggregate`` (DuckDB locally, or Spark; ``haisi network aggregate``) to edges
(period, flow, product, exporter,
importer, value), and stored as ``trade_flows``, the table the network models read. Each edge
becomes the row its reporter would publish: exports and re-exports are reported by the
exporter, imports and re-imports by the importer, summed over customs regimes
(``regime = ''``), ``hs_code`` = the product (``TOTAL`` or an HS prefix). Each row keeps
its edge's contributor count and largest contributor's share (``contributors``, ``top_share``),
so disclosure control can apply both the threshold and the dominance rule to these restricted
rows; an edge file without them gives cells that cannot be shown safe (suppressed).
"""

from __future__ import annotations

import pandas as pd
from haisi.warehouse import Provenance, WriteResult
from haisi.warehouse.figures import parse_period

from haisi.errors import InvalidInput

__all__ = ["edges_to_trade_flows", "store_edges"]

_OUTWARD = ("export", "re_export")


def edges_to_trade_flows(edges: pd.DataFrame, *, currency: str = "USD") -> pd.DataFrame:
    """The ``trade_flows`` rows (domain columns) for an edge table."""
    missing = {"period", "flow", "product", "exporter", "importer", "value"} - set(edges.columns)
    if missing:
        raise InvalidInput(f"边表缺少列 edge table lacks column(s) {sorted(missing)}")
    out = edges["flow"].isin(_OUTWARD)
    freq = {"A": "A", "Q": "Q", "M": "M"}
    return pd.DataFrame(
        {
            "period": edges["period"].astype(str),
            "frequency": edges["period"].astype(str).map(lambda p: freq[parse_period(p)]),
            "reporter": edges["exporter"].where(out, edges["importer"]),
            "partner": edges["importer"].where(out, edges["exporter"]),
            "flow": edges["flow"],
            "hs_code": edges["product"].astype(str),
            "hs_revision": "national",
            "regime": "",
            "mode": "",
            "value": edges["value"].astype(float),
            "currency": currency,
            "quantity": None,
            "quantity_unit": None,
            "supp_quantity": None,
            "supp_unit": None,
            "vintage": None,
            # contributors behind each cell (enterprises, else declarations) and the largest
            # one's share of its value: what disclosure control of these restricted rows needs
            "contributors": _column(edges, "contributors", "records").astype("Int64"),
            "top_share": _column(edges, "top_share").astype("float64"),
        }
    )


def _column(edges: pd.DataFrame, *names: str) -> pd.Series:
    """The first of ``names`` the edge table has (all missing for an older edge file)."""
    have = next((n for n in names if n in edges), None)
    return edges[have] if have else pd.Series(pd.NA, index=edges.index, dtype="Float64")


def store_edges(
    wh,
    edges: pd.DataFrame,
    *,
    source_id: str,
    source_uri: str,
    content_hash: str,
    currency: str = "USD",
) -> WriteResult:
    """Append an edge table to ``trade_flows`` as one commit (unchanged rows are skipped)."""
    rows = edges_to_trade_flows(edges, currency=currency)
    return wh.append(
        "trade_flows", rows, provenance=Provenance(source_id, source_uri, content_hash)
    )
