"""Chinese New Year (春节) adjustment for monthly series.

The Spring Festival moves between late January and mid February, and with it the weeks when
factories close and people travel. A seasonal model sees an "average January"; the regressor
here says how much of the holiday falls in each January and February, relative to the average.

Regressor: the holiday window is the 7 days before to the 14 days after New Year's Day
(21 days); ``w`` is the share of the window in the month, and ``x = w − mean(w)`` with the mean
over 1990–2035 for that calendar month (zero outside January and February).
The effect ``β`` is estimated on the January-minus-February contrast of each year, which
cancels trend and level, by least squares with intercept (one pass dropping outliers beyond
3.5 robust SDs, e.g. the 2020 shutdown). The model is fit to ``z − βx`` and ``βx`` is added back
to the forecast and its intervals (the effect is treated as known).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

__all__ = ["CNY_DATES", "cny_date", "cny_regressor", "CnyEffect", "estimate_cny"]

_TABLE = """
1990-01-27 1991-02-15 1992-02-04 1993-01-23 1994-02-10 1995-01-31 1996-02-19 1997-02-07
1998-01-28 1999-02-16 2000-02-05 2001-01-24 2002-02-12 2003-02-01 2004-01-22 2005-02-09
2006-01-29 2007-02-18 2008-02-07 2009-01-26 2010-02-14 2011-02-03 2012-01-23 2013-02-10
2014-01-31 2015-02-19 2016-02-08 2017-01-28 2018-02-16 2019-02-05 2020-01-25 2021-02-12
2022-02-01 2023-01-22 2024-02-10 2025-01-29 2026-02-17 2027-02-06 2028-01-26 2029-02-13
2030-02-03 2031-01-23 2032-02-11 2033-01-31 2034-02-19 2035-02-08
"""
#: Chinese New Year's Day (正月初一) by year, 1990–2035 (Chinese calendar).
CNY_DATES: dict[int, date] = {d.year: d for d in map(date.fromisoformat, _TABLE.split())}
_BEFORE, _AFTER = 7, 14


def cny_date(year: int) -> date:
    """Chinese New Year's Day of ``year``; a clear error outside 1990–2035."""
    try:
        return CNY_DATES[year]
    except KeyError:
        raise ValueError(
            f"春节日期表只覆盖 Chinese New Year table covers {min(CNY_DATES)}–"
            f"{max(CNY_DATES)}, not {year}"
        ) from None


def _share(year: int, month: int) -> float:
    """Share of the 21-day holiday window of ``year`` that falls in ``month`` (1 or 2)."""
    start = cny_date(year) - timedelta(days=_BEFORE)
    days = [start + timedelta(days=i) for i in range(_BEFORE + _AFTER)]
    return sum(d.month == month for d in days) / len(days)


_MEAN = {m: float(np.mean([_share(y, m) for y in CNY_DATES])) for m in (1, 2)}


def cny_regressor(index: pd.PeriodIndex) -> np.ndarray:
    """``x_t``: the holiday share of month t minus its 1990–2035 average (0 except Jan/Feb).

    Years outside the table get 0 (no adjustment), so older history simply carries no signal.
    """
    out = np.zeros(len(index))
    for i, p in enumerate(index):
        if p.month in (1, 2) and p.year in CNY_DATES:
            out[i] = _share(p.year, p.month) - _MEAN[p.month]
    return out


@dataclass(frozen=True)
class CnyEffect:
    """Estimated holiday effect ``β`` (on the model scale), its t statistic and years used."""

    beta: float
    t_stat: float
    years: int

    def significant(self, threshold: float = 2.5) -> bool:
        """Whether the effect is clear enough to adjust for (|t| above ``threshold``)."""
        return self.years >= 4 and abs(self.t_stat) > threshold


def estimate_cny(z: np.ndarray, index: pd.PeriodIndex) -> CnyEffect:
    """Estimate ``β`` from the Jan − Feb contrast of every year with both months observed."""
    x = cny_regressor(index)
    pos = {
        (p.year, p.month): i
        for i, p in enumerate(index)
        if p.month in (1, 2) and p.year in CNY_DATES
    }
    pairs = [(pos[(y, 1)], pos[(y, 2)]) for (y, m) in pos if m == 1 and (y, 2) in pos]
    if len(pairs) < 4:
        return CnyEffect(0.0, 0.0, len(pairs))
    d = np.array([z[j] - z[f] for j, f in pairs])
    dx = np.array([x[j] - x[f] for j, f in pairs])
    keep = np.isfinite(d)
    beta, t, keep = _ols(d, dx, keep)
    resid = d - (d[keep].mean() - beta * dx[keep].mean()) - beta * dx
    mad = np.median(np.abs(resid[keep] - np.median(resid[keep]))) * 1.4826
    if mad > 0:
        keep &= np.abs(resid) <= 3.5 * mad
        beta, t, keep = _ols(d, dx, keep)
    return CnyEffect(beta, t, int(keep.sum()))


def _ols(d: np.ndarray, dx: np.ndarray, keep: np.ndarray) -> tuple[float, float, np.ndarray]:
    """Slope and t statistic of ``d ~ 1 + dx`` on the kept years."""
    dd, xx = d[keep], dx[keep]
    n = len(dd)
    sxx = float(((xx - xx.mean()) ** 2).sum())
    if n < 4 or sxx <= 0:
        return 0.0, 0.0, keep
    beta = float(((xx - xx.mean()) * (dd - dd.mean())).sum() / sxx)
    resid = dd - dd.mean() - beta * (xx - xx.mean())
    s2 = float((resid**2).sum() / (n - 2))
    t = beta / np.sqrt(s2 / sxx) if s2 > 0 else np.inf * np.sign(beta)
    return beta, float(t), keep
