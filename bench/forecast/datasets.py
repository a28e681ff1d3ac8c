"""The development data sets of the forecast bench, as (series id, frequency, periods, values).

Each loader reads one folder of ``shared/data`` (see its SOURCE.md) and returns complete,
regular series. :func:`split` cuts the frozen test part (the last ``H`` periods of every series)
and the tuning part (everything before; its own last ``H`` periods are the tuning validation).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from haisi.settings import get_settings

DATA = get_settings().shared_data  # HAISI_SHARED_DATA, default ../shared/data beside the repo
HORIZON = {"monthly": 24, "quarterly": 8, "yearly": 4}


@dataclass(frozen=True)
class Series:
    """One series of a data set: id, frequency, period labels and values (oldest first)."""

    dataset: str
    series_id: str
    frequency: str
    periods: tuple[str, ...]
    values: np.ndarray

    @property
    def horizon(self) -> int:
        """The data set's forecast horizon (24 monthly, 8 quarterly, 4 yearly)."""
        return HORIZON[self.frequency]


def _series(
    dataset: str,
    frame: pd.DataFrame,
    freq: str,
    id_col: str = "series_id",
    period: str = "period",
    value: str = "value",
) -> list[Series]:
    out = []
    for sid, g in frame.groupby(id_col, sort=False):
        g = g.sort_values(period)
        out.append(
            Series(dataset, str(sid), freq, tuple(g[period].astype(str)), g[value].to_numpy(float))
        )
    return out


def singstat(data: Path = DATA) -> list[Series]:
    """SingStat trade by market: the 30 largest markets per flow with every month since 2003.

    From 2003-01 on (before it Singapore's trade with Indonesia is excluded); markets, not
    regions or totals; value in thousand SGD; 60 series.
    """
    df = pd.read_csv(next((data / "trade" / "singstat_monthly_by_market").glob("*.csv")))
    df = df[(~df["is_aggregate"]) & (df["period"] >= "2003-01")]
    out = []
    for flow, g in df.groupby("flow"):
        wide = g.pivot(index="market", columns="period", values="value_sgd_thousand")
        wide = wide[(wide.notna().all(axis=1)) & (wide > 0).all(axis=1)]
        top = wide.sum(axis=1).sort_values(ascending=False).index[:30]
        for mk in top:
            out.append(
                Series(
                    "singstat",
                    f"{flow}|{mk}",
                    "monthly",
                    tuple(wide.columns),
                    wide.loc[mk].to_numpy(float),
                )
            )
    return out


def china_bilateral(data: Path = DATA) -> list[Series]:
    """KOR/JPN/USA exports to and imports from China, monthly, 6 series."""
    df = pd.read_csv(next((data / "trade" / "china_bilateral_monthly").glob("*.csv")))
    df["series_id"] = df["reporter_iso3"] + "|" + df["flow"]
    return _series("china_bilateral", df, "monthly")


def aus_inbound(data: Path = DATA) -> list[Series]:
    """Australian inbound arrivals, 19 countries × 6 purposes = 114 monthly series."""
    df = pd.read_csv(data / "tourism" / "aus-inbound-outbound" / "inbound_train.csv")
    return _series("aus_inbound", df, "monthly")


def aus_outbound(data: Path = DATA) -> list[Series]:
    """Australian resident departures, 13 destinations × 6 purposes = 78 monthly series."""
    df = pd.read_csv(data / "tourism" / "aus-inbound-outbound" / "outbound_train.csv")
    return _series("aus_outbound", df, "monthly")


def aus_domestic(data: Path = DATA) -> list[Series]:
    """Australian domestic overnight trips, 76 regions × 4 purposes = 304 quarterly series."""
    df = pd.read_csv(data / "tourism" / "aus-domestic-trips" / "train.csv")
    return _series("aus_domestic", df, "quarterly")


def tcomp(data: Path = DATA) -> list[Series]:
    """Tourism competition, developer half: 183 monthly, 213 quarterly, 259 yearly series."""
    df = pd.read_csv(data / "tourism" / "tcomp" / "train.csv", dtype={"period": str})
    out = []
    for freq, g in df.groupby("frequency", sort=False):
        out += [
            Series(f"tcomp_{freq}", s.series_id, freq, s.periods, s.values)
            for s in _series("tcomp", g, freq)
        ]
    return out


_PORT_ALIASES = {"CNFZH": "CNFOC", "CNXMG": "CNXMN", "CNXMI": "CNXMN", "CNXMM": "CNXMN"}


def crossstrait_teu(data: Path = DATA) -> list[Series]:
    """Cross-strait TEU by direction and mainland port (all Taiwan ports summed), every month.

    Port strings are reduced to their UN/LOCODE (Fuzhou and Xiamen aliases merged); a port is
    kept if it has traffic in every month 2016-01 … 2023-04; plus each direction's total.
    """
    out = []
    folder = data / "crossstrait" / "teu-monthly"
    for file, col, direction in (
        ("import_from_china_teu.csv", "來源港", "import"),
        ("export_to_china_teu.csv", "目的港", "export"),
    ):
        df = pd.read_csv(folder / file)
        df["code"] = df[col].str.extract(r"([A-Z]{5})\)?$")[0].replace(_PORT_ALIASES)
        df["period"] = df["年月"].str.replace("/", "-")
        wide = df.groupby(["code", "period"])["TEU"].sum().unstack()
        total = wide.sum(axis=0)
        wide = wide[wide.notna().all(axis=1) & (wide > 0).all(axis=1)]
        out.append(
            Series(
                "crossstrait_teu",
                f"{direction}|TOTAL",
                "monthly",
                tuple(total.index),
                total.to_numpy(float),
            )
        )
        out += [
            Series(
                "crossstrait_teu",
                f"{direction}|{code}",
                "monthly",
                tuple(wide.columns),
                wide.loc[code].to_numpy(float),
            )
            for code in wide.index
        ]
    return out


def crossstrait_visitors(data: Path = DATA) -> list[Series]:
    """Visitor arrivals to Taiwan by residence (sum of the purposes), monthly; no 'Unstated'."""
    df = pd.read_csv(data / "crossstrait" / "visitor-arrivals-monthly" / "purpose.csv")
    purposes = [
        "Business",
        "Pleasure",
        "Visit Relatives",
        "Conference",
        "Study",
        "Exhibition",
        "Medical Treatment",
        "Others",
        "Unstated",
    ]
    df["value"] = df[purposes].sum(axis=1)
    df = df[df["Residence"] != "Unstated"]
    return [
        s
        for s in _series("crossstrait_visitors", df, "monthly", "Residence", "Period")
        if (s.values > 0).all()
    ]


LOADERS = {
    "singstat": singstat,
    "china_bilateral": china_bilateral,
    "aus_inbound": aus_inbound,
    "aus_outbound": aus_outbound,
    "aus_domestic": aus_domestic,
    "crossstrait_teu": crossstrait_teu,
    "crossstrait_visitors": crossstrait_visitors,
    "tcomp": tcomp,
}


def first_series(datasets: list[str], limit: int | None) -> list[Series]:
    """The first ``limit`` series (all when None) of every data set of the named loaders."""
    out = []
    for name in datasets:
        by: dict[str, list[Series]] = {}
        for s in LOADERS[name]():
            by.setdefault(s.dataset, []).append(s)
        out += [s for g in by.values() for s in g[:limit]]
    return out


def split(s: Series, part: str, keep: int | None = None) -> tuple[Series, np.ndarray]:
    """(history shown to the forecaster, actual values to score) for ``part`` tune or test.

    test: the last ``H`` periods are scored (the frozen test part; report only this);
    tune: the last ``H`` periods are dropped altogether and the ``H`` before them are scored.
    ``keep``: only the last ``keep`` periods of the history are shown (a short series).
    """
    h = s.horizon
    if part == "tune":
        s = Series(s.dataset, s.series_id, s.frequency, s.periods[:-h], s.values[:-h])
    elif part != "test":
        raise ValueError(f"part must be tune or test, not {part!r}")
    start = max(0, len(s.values) - h - keep) if keep else 0
    hist = Series(s.dataset, s.series_id, s.frequency, s.periods[start:-h], s.values[start:-h])
    return hist, s.values[-h:]
