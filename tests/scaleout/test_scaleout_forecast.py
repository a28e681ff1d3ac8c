"""Batch forecasting on Spark returns exactly what the local engine returns, on 50 real series."""

from __future__ import annotations

import pandas as pd
import pytest
from haisi.scaleout.forecast import batch_forecast_local, batch_forecast_spark

from haisi.errors import InvalidInput
from tests.scaleout.conftest import ets_log_forecaster

pytestmark = [
    pytest.mark.spark,
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas"),
]


def test_spark_equals_local_on_50_real_series(spark, singstat_series):
    assert singstat_series["unique_id"].nunique() == 50
    local = batch_forecast_local(singstat_series, horizon=12, forecaster=ets_log_forecaster)
    # rows shuffled: each engine must order a series by ds itself
    shuffled = singstat_series.sample(frac=1.0, random_state=3)
    distributed = batch_forecast_spark(
        shuffled, horizon=12, master="local[2]", forecaster=ets_log_forecaster, spark=spark
    )
    assert len(local) == 50 * 12
    assert list(local.columns) == [
        "unique_id",
        "step",
        "period",
        "model",
        "point",
        "lo80",
        "hi80",
        "lo95",
        "hi95",
    ]
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
    with pytest.raises(InvalidInput, match="'y'"):
        batch_forecast_spark(
            pd.DataFrame({"unique_id": ["a"], "ds": ["2020-01"]}),
            horizon=2,
            master="local[2]",
            forecaster=ets_log_forecaster,
            spark=spark,
        )


def test_spark_equals_local_with_the_haisi_forecaster(spark, singstat_series):
    """The default per-series function (models.forecast.forecast_series) on 50 real series."""
    local = batch_forecast_local(singstat_series, horizon=6)
    distributed = batch_forecast_spark(
        singstat_series.sample(frac=1.0, random_state=5), horizon=6, master="local[2]", spark=spark
    )
    assert len(local) == 50 * 6 and local["unique_id"].nunique() == 50
    assert list(local.columns) == [
        "unique_id",
        "step",
        "period",
        "point",
        "lo80",
        "hi80",
        "lo95",
        "hi95",
        "model",
        "grade",
        "reason",
    ]
    pd.testing.assert_frame_equal(distributed, local)


def test_batch_command_spark_engine_equals_local(spark, singstat_series, tmp_path):
    """``haisi forecast batch --engine spark`` writes the same OUTPUT as the local engine."""
    from haisi.models.forecast.batch import run_batch

    ids = sorted(singstat_series["unique_id"].unique())[:4]
    d = singstat_series[singstat_series["unique_id"].isin(ids)]
    inp = tmp_path / "in.csv"
    d.rename(columns={"unique_id": "series_id", "ds": "period", "y": "value"}).to_csv(
        inp, index=False
    )
    short = tmp_path / "short.csv"
    pd.concat(
        [
            pd.read_csv(inp),
            pd.DataFrame({"series_id": ["tiny"], "period": ["2020-01"], "value": [1.0]}),
        ]
    ).to_csv(short, index=False)
    a = run_batch(short, tmp_path / "local.csv", horizon=4, jobs=1, progress=False)
    b = run_batch(short, tmp_path / "spark.csv", horizon=4, engine="spark", master="local[2]")
    assert a == b == {"series": 5, "reused": 0, "fitted": 5, "failed": 1, "rows": 16}
    pd.testing.assert_frame_equal(
        pd.read_csv(tmp_path / "spark.csv"), pd.read_csv(tmp_path / "local.csv")
    )
    assert (tmp_path / "spark.csv.errors.csv").read_text(encoding="utf-8") == (
        tmp_path / "local.csv.errors.csv"
    ).read_text(encoding="utf-8")
