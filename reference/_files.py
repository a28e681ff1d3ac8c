"""Access to the curated CSV files shipped in ``reference/data``."""

from __future__ import annotations

from functools import cache
from importlib import resources

import pandas as pd


@cache
def curated(name: str) -> pd.DataFrame:
    """A curated table by file stem, all columns as strings (no NA guessing: 'NA' is Namibia)."""
    path = resources.files("haisi.reference") / "data" / f"{name}.csv"
    with path.open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)
