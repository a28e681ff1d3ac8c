"""The members' numpy seasonal decomposition: statsmodels' numbers, errors and forecasts."""

from __future__ import annotations

import numpy as np
import pytest
import statsforecast.theta
from haisi.models.forecast.members import MEMBERS, seasonal_component
from statsforecast.models import AutoCES, AutoETS, AutoTheta
from statsmodels.tsa.seasonal import seasonal_decompose

from tests.models.forecast.conftest import as_series


@pytest.fixture(scope="module")
def monthly(aus_inbound, china_trade) -> list[np.ndarray]:
    """Six real monthly series: three tourism, three trade."""
    out = []
    for sid in sorted(aus_inbound["series_id"].unique())[:3]:
        out.append(as_series(aus_inbound[aus_inbound["series_id"] == sid])["y"].to_numpy(float))
    for _, part in list(china_trade.groupby(["reporter_iso3", "partner_iso3", "flow"]))[:3]:
        out.append(as_series(part)["y"].to_numpy(float))
    return out


@pytest.mark.parametrize("model", ["additive", "multiplicative"])
def test_seasonal_component_is_statsmodels_seasonal(monthly, model):
    """Same seasonal component as statsmodels for even (12) and odd (7) periods, every length."""
    for y in monthly:
        for period in (12, 7):
            for n in (2 * period, 2 * period + 5, 57, len(y)):
                want = seasonal_decompose(y[:n], model=model, period=period).seasonal
                got = seasonal_component(y[:n], model=model, period=period).seasonal
                np.testing.assert_allclose(got, want, rtol=1e-12, atol=0)


def test_seasonal_component_refuses_what_statsmodels_refuses(monthly):
    y = monthly[0]
    for bad in (
        dict(x=y[:23], model="additive", period=12),  # fewer than two cycles
        dict(x=np.r_[y[:30], -1.0], model="multiplicative", period=12),
        dict(x=np.r_[y[:30], np.nan], model="additive", period=12),
    ):
        with pytest.raises(ValueError):
            seasonal_decompose(**bad)
        with pytest.raises(ValueError):
            seasonal_component(**bad)


def test_member_forecasts_match_statsforecast_as_shipped(monthly):
    """Theta, ETS and CES members fitted and moved with the numpy decomposition give the
    forecasts statsforecast gives with statsmodels' (fit once, forward from three origins),
    and statsforecast's own module is left as it was."""
    original = statsforecast.theta.seasonal_decompose
    for y in monthly[::2]:
        z, o = y[:-24], len(y) - 24
        for kind, ref in (
            ("Theta", AutoTheta(season_length=12)),
            ("ETS", AutoETS(season_length=12, model="AZZ")),
            ("CES", AutoCES(season_length=12, model="Z")),
        ):
            member = MEMBERS[kind](z, 12)
            ref.fit(z)
            for origin in (o, o + 7, len(y)):
                want = ref.forward(y=y[:origin], h=12)["mean"]
                np.testing.assert_allclose(member.path(y[:origin], 12), want, rtol=1e-9)
    assert statsforecast.theta.seasonal_decompose is original


def test_threads_leave_statsforecast_as_shipped(monthly):
    """Members fitted in eight threads at once: statsmodels' function is back afterwards."""
    from concurrent.futures import ThreadPoolExecutor

    original = statsforecast.theta.seasonal_decompose
    with ThreadPoolExecutor(8) as pool:
        paths = list(pool.map(lambda y: MEMBERS["Theta"](y[:-12], 12).path(y, 12), monthly * 3))
    assert all(np.isfinite(p).all() for p in paths)
    assert statsforecast.theta.seasonal_decompose is original
