"""The Spark engine behind :class:`haisi.models.engines.Engine` (entry point ``spark``)."""

from __future__ import annotations

import pandas as pd
from haisi.models.engines import Forecaster
from haisi.scaleout.forecast import batch_forecast_spark

__all__ = ["SparkEngine"]


class SparkEngine:
    """Per-series fits as one Spark ``applyInPandas`` job on ``master`` (e.g. ``local[2]``)."""

    name = "spark"

    def __init__(self, master: str = "local[2]") -> None:
        import pyspark  # noqa: F401  (fail here, at lookup, when the extra is not installed)

        self.master = master

    def forecast_many(
        self,
        frame: pd.DataFrame,
        *,
        horizon: int | None,
        forecaster: Forecaster,
        id_col: str = "unique_id",
    ) -> pd.DataFrame:
        """Every series of ``frame`` on Spark; equals the local engine row for row."""
        return batch_forecast_spark(
            frame, horizon=horizon, master=self.master, forecaster=forecaster, id_col=id_col
        )
