"""Real series for the forecasting tests: tourism competition, Australian arrivals, China trade."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest


def as_series(df: pd.DataFrame, period: str = "period", value: str = "value") -> pd.DataFrame:
    """A ``ds, y`` frame ordered by period."""
    out = df.rename(columns={period: "ds", value: "y"})[["ds", "y"]]
    return out.sort_values("ds").reset_index(drop=True)


@pytest.fixture(scope="session")
def tcomp(shared_data: Path) -> pd.DataFrame:
    """Tourism Forecasting Competition training parts (developer half), long format."""
    return pd.read_csv(shared_data / "tourism" / "tcomp" / "train.csv", dtype={"period": str})


@pytest.fixture(scope="session")
def aus_inbound(shared_data: Path) -> pd.DataFrame:
    """Australian short-term arrivals by source market × purpose, monthly 2005-01…2017-12."""
    return pd.read_csv(
        shared_data / "tourism" / "aus-inbound-outbound" / "inbound_train.csv",
        dtype={"period": str},
    )


@pytest.fixture(scope="session")
def china_trade(shared_data: Path) -> pd.DataFrame:
    """Monthly trade of KOR, JPN and USA with China, 2001-01…2017-12."""
    return pd.read_csv(
        shared_data
        / "trade"
        / "china_bilateral_monthly"
        / "china_bilateral_monthly_2001-01_2017-12.csv",
        dtype={"period": str},
    )
