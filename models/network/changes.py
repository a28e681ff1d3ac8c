"""Change of a trade network between two periods: links new, broken, grown, shrunk, unchanged.

A link is (exporter → importer). ``new``: only in period B; ``broken``: only in period A;
``grown`` / ``shrunk``: in both, value up / down; ``unchanged``: equal values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from haisi.models.network.selection import MixedCurrencies

__all__ = ["STATUSES", "compare_edges"]

STATUSES = ("new", "broken", "grown", "shrunk", "unchanged")


def compare_edges(a: pd.DataFrame, b: pd.DataFrame, *, reporter: str | None = None) -> pd.DataFrame:
    """Links of two edge frames side by side with change, % change and status, largest change first.

    ``reporter`` keeps only the links that start or end at that node.
    """
    ca, cb = set(a["currency"]), set(b["currency"])
    if ca and cb and ca != cb:
        raise MixedCurrencies(  # valid periods whose rows conflict: 409, pick a currency
            f"两期币种不同 the periods are in different currencies: {sorted(ca)} vs {sorted(cb)}; "
            "pass currency=… to compare one"
        )
    key = ["exporter", "importer"]
    m = pd.merge(a[key + ["value"]], b[key + ["value"]], on=key, how="outer", suffixes=("_a", "_b"))
    if reporter:
        m = m[(m["exporter"] == reporter) | (m["importer"] == reporter)]
    va, vb = m["value_a"], m["value_b"]
    m["change"] = vb.fillna(0) - va.fillna(0)
    m["change_pct"] = np.where(va.notna() & vb.notna() & (va != 0), (vb / va - 1) * 100, np.nan)
    m["status"] = np.select(
        [va.isna(), vb.isna(), vb > va, vb < va],
        ["new", "broken", "grown", "shrunk"],
        default="unchanged",
    )
    m = m.assign(abs_change=m["change"].abs()).sort_values(
        ["abs_change", "exporter", "importer"], ascending=[False, True, True]
    )
    return m.drop(columns="abs_change").reset_index(drop=True)
