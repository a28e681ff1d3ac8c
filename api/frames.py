"""DataFrames to JSON-safe ``{data, count}`` envelopes (NaN becomes null, timestamps ISO)."""

from __future__ import annotations

import math

import pandas as pd

__all__ = ["records", "envelope"]


def _clean(v):
    if v is None:
        return None
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.isoformat()
    if hasattr(v, "item"):
        return _clean(v.item())
    if isinstance(v, bytes):
        return None
    return v


def records(df: pd.DataFrame) -> list[dict]:
    """Rows as dicts of plain Python values."""
    cols = list(df.columns)
    return [
        {c: _clean(v) for c, v in zip(cols, row)} for row in df.itertuples(index=False, name=None)
    ]


def envelope(df: pd.DataFrame, **meta) -> dict:
    """``{data, count, **meta}``, the list shape every list endpoint returns."""
    data = records(df)
    return {"data": data, "count": len(data), **meta}
