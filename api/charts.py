"""A history + forecast + 80 %/95 % interval chart as a standalone SVG
(no JS, no fonts to fetch)."""

from __future__ import annotations

from html import escape

import pandas as pd

from haisi.numbers import fmt_number

__all__ = ["forecast_svg", "series_unit"]

W, H, PAD_L, PAD_R, PAD_T, PAD_B = 760, 340, 78, 16, 44, 40


_UNITS = {
    "persons": ("人次", "persons"),
    "USD": ("美元", "USD"),
    "CNY": ("人民币元", "CNY"),
    "SGD": ("新元", "SGD"),
    "JPY": ("日元", "JPY"),
    "TEU": ("标箱", "TEU"),
}


def series_unit(wh, series_id: str) -> tuple[str, str]:
    """(zh, en) unit of a forecast series: the reporter's currency, the tourism unit, or TEU."""
    parts = series_id.split("/")
    if parts[0] == "teu":
        code = "TEU"
    elif parts[0] == "trade":
        hit = wh.sql(
            "SELECT currency, count(*) AS n FROM trade_flows WHERE reporter = ? GROUP BY 1 "
            "ORDER BY n DESC LIMIT 1",
            params=[parts[1]],
        ).to_pylist()
        code = hit[0]["currency"] if hit else ""
    else:
        hit = wh.sql(
            "SELECT any_value(unit) AS u FROM tourism_flows WHERE origin = ? AND destination = ?",
            params=parts[1:3],
        ).to_pylist()
        code = (hit[0]["u"] if hit else "") or ""
    return _UNITS.get(code, (code, code))


def forecast_svg(
    history: pd.DataFrame,
    forecast: pd.DataFrame,
    *,
    title_zh: str,
    title_en: str,
    keep: int = 48,
    unit: tuple[str, str] = ("", ""),
    lang: str = "zh",
) -> str:
    """SVG of the last ``keep`` observed points, the point forecast and its intervals."""
    hist = history.tail(keep).reset_index(drop=True)
    periods = list(hist["period"]) + list(forecast["period"])
    n = len(periods)
    vals = (
        list(hist["value"])
        + list(forecast["lo95"].fillna(forecast["point"]))
        + list(forecast["hi95"].fillna(forecast["point"]))
    )
    lo, hi = min(vals), max(vals)
    span = (hi - lo) or 1.0
    lo, hi = lo - 0.05 * span, hi + 0.05 * span

    def x(i: int) -> float:
        return PAD_L + (W - PAD_L - PAD_R) * (i / max(n - 1, 1))

    def y(v: float) -> float:
        return PAD_T + (H - PAD_T - PAD_B) * (1 - (v - lo) / (hi - lo))

    k = len(hist)
    fi = range(k, n)

    def band(a: str, b: str) -> str:
        up = [f"{x(i):.1f},{y(v):.1f}" for i, v in zip(fi, forecast[b])]
        down = [f"{x(i):.1f},{y(v):.1f}" for i, v in zip(reversed(fi), reversed(list(forecast[a])))]
        return " ".join(up + down)

    hline = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(hist["value"]))
    fline = " ".join(
        f"{x(i):.1f},{y(v):.1f}"
        for i, v in zip([k - 1, *fi], [hist["value"].iloc[-1], *forecast["point"]])
    )
    ticks = "".join(
        f"<text x='{PAD_L - 6}' y='{y(v) + 4:.1f}' text-anchor='end'>"
        f"{fmt_number(v, lang, 1)}</text>"
        f"<line x1='{PAD_L}' x2='{W - PAD_R}' y1='{y(v):.1f}' y2='{y(v):.1f}' stroke='#eee'/>"
        for v in (lo + span * f for f in (0.05, 0.5, 0.95))
    )
    anchor = {0: "start", n - 1: "end"}  # the first and last labels stay inside the drawing
    xlab = "".join(
        f"<text x='{x(i):.1f}' y='{H - PAD_B + 16}' "
        f"text-anchor='{anchor.get(i, 'middle')}'>{escape(str(periods[i]))}</text>"
        for i in sorted({0, k - 1, n - 1})
    )
    ulab = (
        (
            f"<text class='unit' x='4' y='{PAD_T - 4}' font-weight='bold'>"
            f"{escape(unit[0])} {escape(unit[1])}</text>"
        )
        if any(unit)
        else ""
    )
    has_bands = forecast[["lo95", "hi95", "lo80", "hi80"]].notna().all().all()
    bands = (
        (
            f"<polygon class='pi95' points='{band('lo95', 'hi95')}' fill='#c5d8f0'/>"
            f"<polygon class='pi80' points='{band('lo80', 'hi80')}' fill='#8fb3e0'/>"
        )
        if has_bands
        else ""
    )
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {W} {H}' width='{W}' height='{H}' "
        f"font-family='sans-serif' font-size='11'>"
        f"<text x='{PAD_L}' y='18' font-size='14' font-weight='bold'>{escape(title_zh)}</text>"
        f"<text x='{PAD_L}' y='34' fill='#555'>{escape(title_en)} — "
        f"预测区间 80%/95% intervals</text>"
        f"{ulab}{ticks}{bands}"
        f"<polyline class='history' points='{hline}' fill='none' stroke='#222' "
        f"stroke-width='1.5'/>"
        f"<polyline class='forecast' points='{fline}' fill='none' stroke='#1f5fa8' "
        f"stroke-width='2' "
        f"stroke-dasharray='5 3'/>{xlab}</svg>"
    )
