"""One local Spark session for all scale-out tests, and real record-level customs data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

GACC_FILES = {
    "gacc_china_exports_to_usa_2019-01_hs8_by_regime.csv": "export",
    "gacc_china_imports_from_usa_2019-01_hs8_by_regime.csv": "import",
    "gacc_china_exports_to_ceuta_2018-10_hs8_by_regime.csv": "export",
    "gacc_china_imports_from_botswana_2018-06_hs8_by_regime.csv": "import",
}


@pytest.fixture(scope="session")
def spark():
    """``local[2]`` SparkSession shared by every Spark test (the JVM takes seconds to start)."""
    pytest.importorskip("pyspark")
    from haisi.scaleout.spark import spark_session

    session = spark_session("local[2]", shuffle_partitions=4)
    yield session
    session.stop()


@pytest.fixture(scope="session")
def gacc_records(shared_data: Path) -> pd.DataFrame:
    """The four GACC HS8 × regime extracts as declaration records (reporter CHN), 24,418 rows."""
    from haisi.reference.countries import resolve_country

    frames = []
    for name, flow in GACC_FILES.items():
        raw = pd.read_csv(
            shared_data / "trade" / "gacc_query_samples" / name,
            dtype=str,
            keep_default_na=False,
            index_col=False,
        )
        partner = raw["Trading partner"].map(resolve_country)
        assert partner.notna().all(), name
        frames.append(
            pd.DataFrame(
                {
                    "period": raw["Date of data"].str[:4] + "-" + raw["Date of data"].str[4:],
                    "reporter": "CHN",
                    "partner": partner,
                    "flow": flow,
                    "hs_code": raw["Commodity code"],
                    "regime": raw["Customs Regime code"],
                    "value": pd.to_numeric(raw["US dollar"].str.replace(",", ""), errors="raise"),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def ets_log_forecaster(series: pd.DataFrame, *, horizon: int | None) -> pd.DataFrame:
    """A real per-series forecaster for the engine tests: damped additive ETS on log values.

    Stands in for ``models.forecast.forecast_series`` with the same contract (``ds``/``y`` in,
    one row per step out, with 80 %/95 % intervals), so the tests do not depend on which
    model the forecasting package picks.
    """
    import warnings

    import numpy as np
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    h = horizon or 12
    start = pd.Period(series["ds"].iloc[0], freq="M")
    index = pd.period_range(start, periods=len(series), freq="M").to_timestamp()
    y = pd.Series(np.log(series["y"].to_numpy(float)), index=index)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = ETSModel(
            y, error="add", trend="add", damped_trend=True, seasonal="add", seasonal_periods=12
        ).fit(disp=False)
        pred = fit.get_prediction(start=len(y), end=len(y) + h - 1)
        f80, f95 = pred.summary_frame(alpha=0.2), pred.summary_frame(alpha=0.05)
    periods = pd.period_range(start + len(series), periods=h, freq="M").astype(str)
    return pd.DataFrame(
        {
            "step": np.arange(1, h + 1),
            "period": list(periods),
            "model": "ETS(A,Ad,A) log",
            "point": np.exp(f80["mean"].to_numpy()),
            "lo80": np.exp(f80["pi_lower"].to_numpy()),
            "hi80": np.exp(f80["pi_upper"].to_numpy()),
            "lo95": np.exp(f95["pi_lower"].to_numpy()),
            "hi95": np.exp(f95["pi_upper"].to_numpy()),
        }
    )


@pytest.fixture(scope="session")
def singstat_series(shared_data: Path) -> pd.DataFrame:
    """50 real monthly series (Singapore trade by market, 2011-01…2020-12, complete, positive).

    The 50 largest by value among the markets (not regional aggregates), both flows; long frame
    ``unique_id, ds, y``.
    """
    path = (
        shared_data
        / "trade"
        / "singstat_monthly_by_market"
        / "singstat_merchandise_trade_by_market_monthly_1976-01_2020-12.csv"
    )
    d = pd.read_csv(path)
    d = d[~d["is_aggregate"] & (d["period"] >= "2011-01")]
    d = d.assign(unique_id=d["flow"] + ":" + d["market"])
    g = d.groupby("unique_id")["value_sgd_thousand"]
    complete = g.count().eq(120) & g.min().gt(0)
    top = g.sum()[complete].nlargest(50).index
    out = d[d["unique_id"].isin(top)].rename(columns={"period": "ds", "value_sgd_thousand": "y"})
    return out[["unique_id", "ds", "y"]].reset_index(drop=True)
