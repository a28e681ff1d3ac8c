"""Belt and Road partner countries with the date their cooperation document was signed.

A curated, partial table (``data/belt_road_signings.csv``): each row was typed in and must be
reviewed against the official list before it is extended.
"""

from __future__ import annotations

import pandas as pd
from haisi.reference._files import curated

__all__ = ["belt_road_signings"]


def belt_road_signings() -> pd.DataFrame:
    """iso3, signed (YYYY-MM-DD), document, note."""
    return curated("belt_road_signings").copy()
