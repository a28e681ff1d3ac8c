"""Forecasting (预测): per-series combinations chosen by rolling-origin backtests, conformal
intervals, reliability grades, and published forecasts kept as versions.

``forecast_series`` is the per-series function both batch engines (local, Spark) and the API
call; ``service`` stores forecasts in the warehouse; ``batch`` runs a CSV of many series.
"""

from .auto import OUTPUT_COLUMNS, AutoForecaster, ForecastResult, fit_series, forecast_series
from .periods import ForecastError

__all__ = [
    "AutoForecaster",
    "ForecastError",
    "ForecastResult",
    "OUTPUT_COLUMNS",
    "fit_series",
    "forecast_series",
]
