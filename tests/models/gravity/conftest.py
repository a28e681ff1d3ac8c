"""Real gravity data for the PPML tests: the Yotov et al. (2016) panel and the HMR cross-section."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

TABLE1_YEARS = [1986, 1990, 1994, 1998, 2002, 2006]
TABLE1_X = ["log(dist)", "cntg", "lang", "clny"]
TABLE1_FE = ["exporter#year", "importer#year"]


@pytest.fixture(scope="session")
def agtpa(shared_data: Path) -> pd.DataFrame:
    """The full AGTPA panel (99,981 rows), read from the shared data folder."""
    return pd.read_parquet(shared_data / "trade" / "yotov2016_agtpa" / "agtpa_applications.parquet")


@pytest.fixture(scope="session")
def table1_sample(agtpa: pd.DataFrame) -> pd.DataFrame:
    """Book Table 1 sample: international flows, 1986–2006 every four years."""
    mask = (agtpa["exporter"] != agtpa["importer"]) & agtpa["year"].isin(TABLE1_YEARS)
    return agtpa.loc[mask].reset_index(drop=True)


@pytest.fixture(scope="session")
def table1_fit(table1_sample: pd.DataFrame):
    from haisi.models.gravity import fit_ppml

    return fit_ppml(table1_sample, "trade", TABLE1_X, TABLE1_FE, "pair_id")


@pytest.fixture(scope="session")
def hmr(shared_data: Path) -> pd.DataFrame:
    """HMR cross-section with zeros (22,588 pairs)."""
    return pd.read_parquet(shared_data / "trade" / "hmr_gravity_excerpt" / "gravity_zeros.parquet")
