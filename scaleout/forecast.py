"""Batch forecasting of many series on Spark: the local per-series forecaster, one group per series.

The per-series function is pure (one series in, its forecast rows out). Spark only decides where
it runs (``groupBy(id).applyInPandas``), so results equal the local engine's row for row.
Both engines call it through the same wrapper, which orders each series by ``ds`` first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from haisi.models.engines import Forecaster

from haisi.errors import InvalidInput

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["Forecaster", "batch_forecast_local", "batch_forecast_spark", "default_forecaster"]


def default_forecaster() -> Forecaster:
    """The local engine's per-series function, ``models.forecast.forecast_series``."""
    try:
        from haisi.models.forecast import forecast_series
    except ImportError as exc:
        raise ImportError(
            "models.forecast.forecast_series (the local per-series forecaster) is not available; "
            "pass forecaster= explicitly"
        ) from exc
    return forecast_series


def _check_frame(frame: pd.DataFrame, id_col: str) -> None:
    missing = [c for c in (id_col, "ds", "y") if c not in frame.columns]
    if missing:
        raise InvalidInput(f"series frame: missing column(s) {missing}; need {id_col}, ds, y")
    if frame.empty:
        raise InvalidInput("series frame is empty")


def _one_series(fn: Forecaster, horizon: int | None, id_col: str):
    """The wrapper both engines call: sort one series by ``ds``, forecast, prepend its id."""

    def run(group: pd.DataFrame) -> pd.DataFrame:
        series = group.sort_values("ds", kind="stable").reset_index(drop=True)
        out = fn(series[["ds", "y"]], horizon=horizon)
        out = out.reset_index(drop=True)
        out.insert(0, id_col, series[id_col].iloc[0])
        return out

    return run


def batch_forecast_local(
    frame: pd.DataFrame,
    *,
    horizon: int | None,
    forecaster: Forecaster | None = None,
    id_col: str = "unique_id",
) -> pd.DataFrame:
    """Forecast every series in the long frame ``(id_col, ds, y)`` in this process."""
    _check_frame(frame, id_col)
    run = _one_series(forecaster or default_forecaster(), horizon, id_col)
    parts = [run(g) for _, g in frame.groupby(id_col, sort=True)]
    return _canonical(pd.concat(parts, ignore_index=True), id_col)


def batch_forecast_spark(
    frame: pd.DataFrame,
    *,
    horizon: int | None,
    master: str,
    forecaster: Forecaster | None = None,
    id_col: str = "unique_id",
    spark: "SparkSession | None" = None,
) -> pd.DataFrame:
    """Forecast every series on Spark (``master`` e.g. ``local[2]`` or ``spark://host:7077``).

    The output schema comes from running the forecaster on the first series locally. Spark then
    runs every series (that one again too) in its Python workers with ``applyInPandas``.
    """
    _check_frame(frame, id_col)
    fn = forecaster or default_forecaster()
    run = _one_series(fn, horizon, id_col)
    first_id = frame[id_col].min()
    sample = run(frame[frame[id_col] == first_id])
    from haisi.scaleout.spark import spark_session

    session = spark or spark_session(master)
    schema = _spark_schema(sample)
    sdf = session.createDataFrame(frame[[id_col, "ds", "y"]])
    n_parts = max(
        1, min(frame[id_col].nunique(), int(session.conf.get("spark.sql.shuffle.partitions")))
    )
    result = sdf.repartition(n_parts, id_col).groupBy(id_col).applyInPandas(run, schema=schema)
    out = result.toPandas()
    return _canonical(out.astype(sample.dtypes.to_dict()), id_col)


def _canonical(out: pd.DataFrame, id_col: str) -> pd.DataFrame:
    """Rows ordered by series and, within one, as the forecaster returned them (stable)."""
    order = out.groupby(id_col, sort=False).cumcount()
    return (
        out.assign(_pos=order)
        .sort_values([id_col, "_pos"], kind="stable")
        .drop(columns="_pos")
        .reset_index(drop=True)
    )


def _spark_schema(sample: pd.DataFrame):
    """Spark StructType for the forecaster's output columns."""
    from pyspark.sql import types as T

    fields = []
    for name, dtype in sample.dtypes.items():
        if pd.api.types.is_bool_dtype(dtype):
            t = T.BooleanType()
        elif pd.api.types.is_integer_dtype(dtype):
            t = T.LongType()
        elif pd.api.types.is_float_dtype(dtype):
            t = T.DoubleType()
        elif pd.api.types.is_datetime64_any_dtype(dtype):
            t = T.TimestampType()
        elif pd.api.types.is_string_dtype(dtype) or dtype == np.dtype("O"):
            t = T.StringType()
        else:
            raise TypeError(f"forecaster output column {name!r} has unsupported dtype {dtype}")
        fields.append(T.StructField(str(name), t, True))
    return T.StructType(fields)
