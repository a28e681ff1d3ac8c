"""Figures for people: 万/亿 in Chinese, thousands separators (and bn/m) in English."""

from __future__ import annotations

import math

__all__ = ["fmt_number"]


def fmt_number(
    value: float | None, lang: str = "zh", digits: int = 2, *, signed: bool = False
) -> str:
    """``164875`` → ``16.49万`` (zh) or ``164,875`` (en); ``1.2e9`` → ``12.00亿`` / ``1.20 bn``;
    ``signed`` puts ``+`` before a positive figure (changes, gaps)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    v = float(value)
    a = abs(v)
    if lang == "zh":
        if a >= 1e8:
            out = f"{v / 1e8:,.{digits}f}亿"
        elif a >= 1e4:
            out = f"{v / 1e4:,.{digits}f}万"
        else:
            out = f"{v:,.0f}"
    elif a >= 1e9:
        out = f"{v / 1e9:,.{digits}f} bn"
    elif a >= 1e6:
        out = f"{v / 1e6:,.{digits}f} m"
    else:
        out = f"{v:,.0f}"
    return f"+{out}" if signed and v > 0 and out != "0" else out
