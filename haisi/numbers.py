"""Figures for people: 万/亿 in Chinese, thousands separators (and bn/m) in English."""

from __future__ import annotations

import math

__all__ = ["STEPS", "fmt_number"]

#: (divisor, suffix), largest first, per language; the pages' script formats with this table too
STEPS: dict[str, tuple[tuple[float, str], ...]] = {
    "zh": ((1e8, "亿"), (1e4, "万")),
    "en": ((1e9, " bn"), (1e6, " m")),
}


def fmt_number(
    value: float | None, lang: str = "zh", digits: int = 2, *, signed: bool = False
) -> str:
    """``164875`` → ``16.49万`` (zh) or ``164,875`` (en); ``1.2e9`` → ``12.00亿`` / ``1.20 bn``;
    ``signed`` puts ``+`` before a positive figure (changes, gaps)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    v = float(value)
    out = f"{v:,.0f}"
    for div, suffix in STEPS["zh" if lang == "zh" else "en"]:
        if abs(v) >= div:
            out = f"{v / div:,.{digits}f}{suffix}"
            break
    return f"+{out}" if signed and v > 0 and out != "0" else out
