"""Periods and frequencies: ``YYYY-MM`` / ``YYYYQn`` / ``YYYY`` labels, season lengths, horizons."""

from __future__ import annotations

import re

import pandas as pd

from haisi.errors import InvalidInput

__all__ = [
    "FREQUENCIES",
    "ForecastError",
    "infer_frequency",
    "normalise_frequency",
    "to_periods",
    "period_labels",
    "season_length",
    "default_horizon",
]


class ForecastError(InvalidInput):
    """A series that cannot be forecast, with the reason in the message (zh + en)."""


#: frequency name → (pandas offset alias, season length, default horizon)
FREQUENCIES: dict[str, tuple[str, int, int]] = {
    "monthly": ("M", 12, 24),
    "quarterly": ("Q", 4, 8),
    "yearly": ("Y", 1, 4),
}
_ALIASES = {
    "m": "monthly",
    "month": "monthly",
    "monthly": "monthly",
    "q": "quarterly",
    "quarter": "quarterly",
    "quarterly": "quarterly",
    "a": "yearly",
    "y": "yearly",
    "year": "yearly",
    "yearly": "yearly",
    "annual": "yearly",
}
_PATTERNS = (
    ("monthly", re.compile(r"^\d{4}-\d{2}$")),
    ("quarterly", re.compile(r"^\d{4}Q[1-4]$")),
    ("yearly", re.compile(r"^\d{4}$")),
)


def normalise_frequency(name: str) -> str:
    """``M``/``monthly``/``Q``/``quarterly``/``A``/``Y``/``yearly``
    → monthly, quarterly or yearly."""
    key = str(name).strip().lower()
    if key not in _ALIASES:
        raise ForecastError(
            f"未知频率 unknown frequency {name!r}; use monthly, quarterly or yearly"
        )
    return _ALIASES[key]


def infer_frequency(periods: pd.Series | list) -> str:
    """The frequency of period labels:
    ``2024-03`` monthly, ``2024Q1`` quarterly, ``2024`` yearly."""
    labels = pd.Series(periods)
    if pd.api.types.is_datetime64_any_dtype(labels):
        raise ForecastError("日期需给出频率 timestamps need an explicit frequency")
    labels = labels.astype(str).str.strip()
    for name, pattern in _PATTERNS:
        if labels.str.match(pattern).all():
            return name
    bad = next(v for v in labels if not any(p.match(v) for _, p in _PATTERNS))
    raise ForecastError(
        f"无法识别期间格式 cannot infer the frequency from period {bad!r}; "
        "expected YYYY-MM, YYYYQn or YYYY"
    )


def to_periods(values: pd.Series | list, frequency: str) -> pd.PeriodIndex:
    """Period labels or timestamps as a ``PeriodIndex`` of ``frequency``."""
    alias = FREQUENCIES[frequency][0]
    labels = pd.Series(values)
    if pd.api.types.is_datetime64_any_dtype(labels):
        return pd.PeriodIndex(labels.dt.to_period(alias))
    try:
        return pd.PeriodIndex([pd.Period(str(v).strip(), freq=alias) for v in labels])
    except ValueError as exc:
        raise ForecastError(f"期间格式错误 bad period for a {frequency} series: {exc}") from None


def period_labels(index: pd.PeriodIndex) -> list[str]:
    """``YYYY-MM`` / ``YYYYQn`` / ``YYYY`` labels, the warehouse's period format."""
    return [str(p) for p in index]


def season_length(frequency: str) -> int:
    """12 monthly, 4 quarterly, 1 yearly."""
    return FREQUENCIES[frequency][1]


def default_horizon(frequency: str) -> int:
    """24 monthly, 8 quarterly, 4 yearly (the Tourism Forecasting Competition horizons)."""
    return FREQUENCIES[frequency][2]
