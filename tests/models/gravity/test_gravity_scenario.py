"""Counterfactual flows: the direct effect equals exp(Δx'b); the conditional one keeps totals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from haisi.models.gravity import fit_ppml, predict_scenario, with_change
from haisi.reference.groups import GROUPS

from haisi.errors import InvalidInput

EU = set(GROUPS["EU"].members)  # no RTA with China in the data


@pytest.fixture(scope="module")
def cross_section(agtpa: pd.DataFrame) -> pd.DataFrame:
    """2006 international flows, with an RTA dummy."""
    d = agtpa[(agtpa["year"] == 2006) & (agtpa["exporter"] != agtpa["importer"])]
    return d.reset_index(drop=True)


@pytest.fixture(scope="module")
def rta_fit(cross_section):
    return fit_ppml(
        cross_section, "trade", ["log(dist)", "cntg", "lang", "rta"], ["exporter", "importer"]
    )


def test_distance_cut_direct_effect(table1_sample, table1_fit):
    """10 % shorter effective distance on China's routes: flows × 0.9^b there, same elsewhere."""
    china = ((table1_sample["exporter"] == "CHN") | (table1_sample["importer"] == "CHN")).to_numpy()
    cf = with_change(table1_sample, "dist", factor=0.9, mask=china)
    out = predict_scenario(table1_fit, table1_sample, cf)
    expected = 0.9 ** table1_fit.coef["log(dist)"] - 1.0  # about +9.3 %
    assert expected == pytest.approx(0.0926, abs=1e-3)
    np.testing.assert_allclose(out.loc[china, "change"], expected, rtol=1e-10)
    np.testing.assert_allclose(out.loc[~china, "change"], 0.0, atol=1e-12)
    np.testing.assert_allclose(out["baseline"], table1_fit.mu)


def test_new_rta_direct_effect_is_exp_coefficient(cross_section, rta_fit):
    asean = cross_section["importer"].isin(EU)
    new = ((cross_section["exporter"] == "CHN") & asean & (cross_section["rta"] == 0)).to_numpy()
    assert new.sum() >= 3
    out = predict_scenario(
        rta_fit, cross_section, with_change(cross_section, "rta", value=1, mask=new)
    )
    np.testing.assert_allclose(out.loc[new, "change"], np.expm1(rta_fit.coef["rta"]), rtol=1e-10)
    assert (out.loc[~new, "change"].abs() < 1e-12).all()


def test_conditional_scenario_keeps_totals_and_redistributes(cross_section, rta_fit):
    partners = cross_section["importer"].isin(EU)
    new = ((cross_section["exporter"] == "CHN") & partners & (cross_section["rta"] == 0)).to_numpy()
    cf = with_change(cross_section, "rta", value=1, mask=new)
    out = predict_scenario(rta_fit, cross_section, cf, mode="conditional")
    flows = cross_section.assign(scenario=out["scenario"], baseline=out["baseline"])
    # PPML with exporter and importer effects reproduces each exporter's and importer's total
    for key in ("exporter", "importer"):
        totals = flows.groupby(key)[["trade", "baseline", "scenario"]].sum()
        np.testing.assert_allclose(totals["scenario"], totals["trade"], rtol=1e-6)
        np.testing.assert_allclose(totals["baseline"], totals["trade"], rtol=1e-6)
    # the new agreement pulls China's exports towards its partners and away from the rest
    china_other = ((cross_section["exporter"] == "CHN") & ~new).to_numpy()
    assert (out.loc[new, "change"] > 0).all()
    assert (out.loc[china_other, "change"] < 0).all()
    # but by less than the direct effect, because multilateral resistance adjusts
    assert (out.loc[new, "change"] < np.expm1(rta_fit.coef["rta"])).all()


def test_conditional_without_change_reproduces_baseline(cross_section, rta_fit):
    out = predict_scenario(rta_fit, cross_section, cross_section.copy(), mode="conditional")
    np.testing.assert_allclose(out["scenario"], out["baseline"], rtol=1e-6)


def test_scenario_input_errors(table1_sample, table1_fit):
    with pytest.raises(InvalidInput, match="exactly one"):
        with_change(table1_sample, "dist")
    with pytest.raises(InvalidInput, match="'distance'"):
        with_change(table1_sample, "distance", factor=2.0)
    with pytest.raises(InvalidInput, match="same rows"):
        predict_scenario(table1_fit, table1_sample, table1_sample.iloc[:10])
    with pytest.raises(InvalidInput, match="mode"):
        predict_scenario(table1_fit, table1_sample, table1_sample, mode="general")
