"""Batch forecasting on Spark returns exactly what the local engine returns, on 50 real series."""

from __future__ import annotations

import pandas as pd
import pytest

from scaleout.forecast import batch_forecast_local, batch_forecast_spark
from tests.scaleout.conftest import ets_log_forecaster

pytestmark = [pytest.mark.spark,
              pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")]


def test_spark_equals_local_on_50_real_series(spark, singstat_series):
    assert singstat_series["unique_id"].nunique() == 50
    local = batch_forecast_local(singstat_series, horizon=12, forecaster=ets_log_forecaster)
    # rows shuffled: each engine must order a series by ds itself
    shuffled = singstat_series.sample(frac=1.0, random_state=3)
    distributed = batch_forecast_spark(shuffled, horizon=12, master="local[2]",
                                       forecaster=ets_log_forecaster, spark=spark)
    assert len(local) == 50 * 12
    assert list(local.columns) == ["unique_id", "step", "period", "model", "point", "lo80",
                                   "hi80", "lo95", "hi95"]
    pd.testing.assert_frame_equal(distributed, local)  # bit-for-bit, same per-series code
    first = local[local["unique_id"] == local["unique_id"].iloc[0]]
    assert first["period"].tolist()[:2] == ["2021-01", "2021-02"]
    assert (local["lo95"] <= local["lo80"]).all() and (local["lo80"] <= local["point"]).all()
    assert (local["point"] <= local["hi80"]).all() and (local["hi80"] <= local["hi95"]).all()


def test_local_engine_is_the_per_series_function(singstat_series):
    one = singstat_series[singstat_series["unique_id"] == singstat_series["unique_id"].iloc[0]]
    local = batch_forecast_local(one, horizon=3, forecaster=ets_log_forecaster)
    direct = ets_log_forecaster(one[["ds", "y"]].reset_index(drop=True), horizon=3)
    pd.testing.assert_frame_equal(local.drop(columns="unique_id"), direct)


def test_bad_series_frame(spark):
    with pytest.raises(KeyError, match="'y'"):
        batch_forecast_spark(pd.DataFrame({"unique_id": ["a"], "ds": ["2020-01"]}), horizon=2,
                             master="local[2]", forecaster=ets_log_forecaster, spark=spark)
