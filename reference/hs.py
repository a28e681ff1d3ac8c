"""Harmonized System chapters with English and Chinese names
(curated in ``data/hs_chapters.csv``)."""

from __future__ import annotations

import pandas as pd
from haisi.reference._files import curated

__all__ = ["hs_chapters", "chapter_of"]


def hs_chapters() -> pd.DataFrame:
    """code (2 digits), name_zh, name_en."""
    return curated("hs_chapters").copy()


def chapter_of(hs_code: str) -> str | None:
    """The 2-digit chapter of an HS/CN/CCC code ('85423190' → '85'); None for TOTAL or junk."""
    code = hs_code.strip()
    return code[:2] if len(code) >= 2 and code[:2].isdigit() else None
