"""Tidy tourism series (one row per series and period): Australian domestic overnight trips by
region × purpose, and short-term arrivals / resident departures by country × purpose.

The competition series (Tcomp) are anonymous (no origin or destination), so they are not
tourism flows and have no reader here; the forecasting code reads them as plain series.
"""

from __future__ import annotations

import pandas as pd
from haisi.crawlers.feeds.base import BaseFeed, FeedResult, RowError, conform
from haisi.crawlers.feeds.tabular import (
    MAX_PEOPLE,
    check_values,
    numeric,
    raise_if,
    read_frame,
    resolve,
)

__all__ = ["AusDomesticTripsFeed", "AusArrivalsFeed", "AusDeparturesFeed"]

_TOURISM = "tourism_flows"
_PERIOD = {
    "quarterly": (r"(19|20)\d\dQ[1-4]", "Q"),
    "monthly": (r"(19|20)\d\d-(0[1-9]|1[0-2])", "M"),
}
_ALIASES = {"China (excl SARs and Taiwan province)": "CHN"}  # TRA's label for the mainland


def _country(name: str) -> str | None:
    from haisi.reference.countries import resolve_country

    return _ALIASES.get(name) or resolve_country(name)


class _TidyFeed(BaseFeed):
    table = _TOURISM
    source_id = "tourism_research_australia"
    columns: tuple[str, ...] = ("series_id", "purpose", "frequency", "period", "value")
    per_value = 1.0  # people one unit of ``value`` counts

    def _frame(self, raw: bytes, file: str) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
        df = read_frame(raw, file=file, required=self.columns)
        errors: list[RowError] = []
        check_values(df, "frequency", set(_PERIOD), file=file, errors=errors, what="frequency")
        raise_if(errors)
        ok = pd.Series(False, index=df.index)
        for freq, (rx, _) in _PERIOD.items():
            mask = df["frequency"] == freq
            ok[mask] = df.loc[mask, "period"].str.fullmatch(rx)
        check_values(df, "period", lambda s: ok, file=file, errors=errors, what="period")
        value = numeric(
            df,
            "value",
            file=file,
            errors=errors,
            required=True,
            maximum=MAX_PEOPLE / self.per_value,
        )
        raise_if(errors)
        return df, value, df["frequency"].map({k: v[1] for k, v in _PERIOD.items()})


class AusDomesticTripsFeed(_TidyFeed):
    """Domestic overnight trips (thousands) by tourism region, state and purpose, quarterly."""

    name = "tourism-aus-domestic"
    description = (
        "Australian domestic overnight trips by region × purpose (thousand) 澳大利亚国内过夜旅行"
    )
    columns = _TidyFeed.columns + ("region", "state")
    per_value = 1000.0  # thousands of trips

    def _parse(self, raw: bytes, file: str) -> FeedResult:
        df, value, freq = self._frame(raw, file)
        out = pd.DataFrame(
            {
                "period": df["period"],
                "frequency": freq,
                "destination": "AUS:" + df["state"] + "/" + df["region"],
                "purpose": df["purpose"].str.lower(),
                "value": value * 1000.0,
                "series_label": df["series_id"],
            }
        )
        rows = conform(
            _TOURISM, out, {"origin": "AUS", "measure": "trips", "mode": "", "unit": "trips"}
        )
        return FeedResult(_TOURISM, rows, [], {}, rows_read=len(df))


class _AusInternational(_TidyFeed):
    columns = _TidyFeed.columns + ("country",)
    measure = ""

    def _parse(self, raw: bytes, file: str) -> FeedResult:
        df, value, freq = self._frame(raw, file)
        country, unresolved = resolve(df["country"], _country)
        keep = country.notna().to_numpy()
        inbound = self.measure == "arrivals"
        out = pd.DataFrame(
            {
                "period": df["period"],
                "frequency": freq,
                "origin": country if inbound else "AUS",
                "destination": "AUS" if inbound else country,
                "purpose": df["purpose"].str.lower(),
                "value": value,
                "series_label": df["series_id"],
            }
        )[keep]
        rows = conform(_TOURISM, out, {"measure": self.measure, "mode": "", "unit": "persons"})
        return FeedResult(_TOURISM, rows, [], unresolved, rows_read=len(df))


class AusArrivalsFeed(_AusInternational):
    """Short-term visitor arrivals to Australia by country of residence × purpose, monthly."""

    name = "tourism-aus-arrivals"
    description = "Australia short-term visitor arrivals by residence × purpose 澳大利亚入境游客"
    measure = "arrivals"


class AusDeparturesFeed(_AusInternational):
    """Short-term departures of Australian residents by destination × purpose, monthly."""

    name = "tourism-aus-departures"
    description = "Australian resident departures by destination × purpose 澳大利亚居民出境"
    measure = "departures"
