"""A fact under construction and its output record (the fields of the facts guide)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from haisi.nlp.facts.indicators import indicator_text

__all__ = ["Fact", "as_dict"]


@dataclass
class Fact:
    """A fact under construction with the character offsets of its span."""

    indicator: str
    value: float | None
    unit: str | None
    yoy_pct: float | None
    start: int
    end: int
    period: tuple[str | None, str | None]
    reporter: str
    partner: str | None = None
    commodity: str | None = None
    indicator_text: str | None = None
    change_pct: float | None = None
    change_basis: str | None = None
    group: int | None = None  # facts expanded from one 分别 list share a group id
    noun: str | None = None  # the quantity word when it follows the figure (2800多家企业)


def as_dict(text: str, f: Fact) -> dict:
    """The output record of one fact."""
    out = {
        "indicator": f.indicator,
        "reporter": f.reporter,
        "partner": f.partner,
        "commodity": f.commodity,
        "value": _num(f.value),
        "unit": f.unit if f.value is not None else None,
        "yoy_pct": f.yoy_pct,
        "period_start": f.period[0],
        "period_end": f.period[1],
        "span": text[f.start : f.end],
        "span_start": f.start,
        "span_end": f.end,
    }
    clause = text[max(text.rfind(c, 0, f.start) for c in "，。；,") + 1 : f.end]
    sentence = text[max(text.rfind(c, 0, f.start) for c in "。；！？") + 1 : f.end]
    forecast = re.search(r"预计|预测", sentence) or re.search(
        r"有望|将(?:达|接近|突破|超|实现|增|提高)", clause
    )
    if f.indicator in ("other", "tax_refund_or_other_money", "share") or forecast:
        out["indicator_text"] = indicator_text(text, f.start, f.end, f.noun)
    if forecast:  # forecasts and announced figures are marked （预计）
        out["indicator_text"] = (out["indicator_text"] or f.indicator) + "（预计）"
    if f.change_pct is not None:
        out["change_pct"], out["change_basis"] = f.change_pct, f.change_basis
    return out


def _num(v: float | None) -> float | int | None:
    """Integral values as int so JSON shows 489730000000, not 4.8973e11."""
    if v is None:
        return None
    r = round(v, 6)
    return int(r) if r == int(r) and abs(r) < 1e18 else r
