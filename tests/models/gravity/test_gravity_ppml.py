"""PPML-HDFE against published results and an independent dummy-variable GLM."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from haisi.models.gravity import fit_ppml

from haisi.errors import InvalidInput
from tests.models.gravity.conftest import TABLE1_FE, TABLE1_X


def test_yotov_table1_ppml_coefficients(table1_fit):
    """Book Table 1, column (4): the published PPML estimates to three decimals."""
    book = {"log(dist)": -0.841, "cntg": 0.437, "lang": 0.247, "clny": -0.222}
    assert table1_fit.converged
    assert table1_fit.nobs == 28_152  # zeros kept; no exporter- or importer-year is all zero
    for name, value in book.items():
        assert round(table1_fit.coef[name], 3) == value, name


def test_yotov_table1_clustered_se_matches_pyfixest_and_book(table1_fit):
    """CRV1 by the symmetric pair_id: pyfixest 0.60.0 fepois gives these to 6 decimals.

    They round to the book's Stata ppml column (0.032, 0.083/0.084, 0.077, 0.116/0.118).
    """
    pyfixest = {"log(dist)": 0.032135, "cntg": 0.084414, "lang": 0.077693, "clny": 0.117997}
    assert table1_fit.n_clusters == 2346  # 69·68/2 unordered pairs
    for name, value in pyfixest.items():
        assert table1_fit.se[name] == pytest.approx(value, abs=1e-6), name
    assert round(table1_fit.se["log(dist)"], 3) == 0.032


def test_yotov_se_clustered_by_directed_pair_is_0_027(table1_sample):
    """0.027 is what CRV1 gives when clusters are ordered exporter→importer pairs (4,692)."""
    res = fit_ppml(table1_sample, "trade", TABLE1_X, TABLE1_FE, "exporter#importer")
    assert res.n_clusters == 4692
    assert round(res.se["log(dist)"], 3) == 0.027
    assert res.se["log(dist)"] == pytest.approx(0.026564, abs=1e-6)  # pyfixest 0.60.0


def test_yotov_rta_with_pair_fixed_effects(agtpa):
    """Three fixed effects (exporter-year, importer-year, pair): RTA 0.557 as in the book.

    The SE 0.1038 is pyfixest's; the book's Stata run prints 0.102.
    """
    data = agtpa[agtpa["year"].isin([1986, 1990, 1994, 1998, 2002, 2006])]
    res = fit_ppml(data, "trade", ["rta"], [*TABLE1_FE, "pair_id"], "pair_id")
    assert round(res.coef["rta"], 3) == 0.557
    assert res.se["rta"] == pytest.approx(0.1038, abs=5e-5)
    # 84 observations sit in pairs that never trade in the sample (all-zero pair groups)
    assert res.nobs == 28_482 and res.dropped["separated_or_singleton"] == 84


def _hmr_subset(hmr: pd.DataFrame, n: int) -> pd.DataFrame:
    """Flows among the ``n`` largest origin economies: a square block small enough for dummies."""
    top = hmr.groupby("iso_o")["gdp_o"].first().nlargest(n).index
    sub = hmr[hmr["iso_o"].isin(top) & hmr["iso_d"].isin(top)].reset_index(drop=True)
    return sub


def test_hmr_matches_statsmodels_glm_with_dummy_columns(hmr):
    """Same coefficients and clustered SEs as a Poisson GLM with origin/destination dummies.

    Clusters are unordered country pairs, in which neither fixed effect is nested, so the
    small-sample factor G/(G-1)(N-1)/(N-K) counts every dummy in K, as statsmodels does.
    """
    data = _hmr_subset(hmr, 30)
    low = data[["iso_o", "iso_d"]].min(axis=1)
    high = data[["iso_o", "iso_d"]].max(axis=1)
    data = data.assign(pair=low + "-" + high)
    x = ["log(distw)", "contig", "comlang_off", "rta"]
    res = fit_ppml(data, "flow", x, ["iso_o", "iso_d"], "pair")

    design = pd.DataFrame(
        {
            "log(distw)": np.log(data["distw"]),
            "contig": data["contig"],
            "comlang_off": data["comlang_off"],
            "rta": data["rta"],
        }
    ).astype(float)
    dummies = pd.get_dummies(data[["iso_o", "iso_d"]], drop_first=True, dtype=float)
    exog = sm.add_constant(pd.concat([design, dummies], axis=1))
    glm = sm.GLM(data["flow"].to_numpy(float), exog, family=sm.families.Poisson())
    ref = glm.fit(
        cov_type="cluster",
        cov_kwds={"groups": pd.factorize(data["pair"])[0]},
        tol=1e-12,
        maxiter=200,
    )

    assert res.nobs == len(data) == 870
    for name in x:
        assert res.coef[name] == pytest.approx(ref.params[name], abs=1e-7), name
        assert res.se[name] == pytest.approx(ref.bse[name], rel=1e-6), name


def test_fixed_effect_nested_in_cluster_is_not_counted_in_k(hmr):
    """Clustering by origin, the origin effects are nested in the clusters and leave K.

    The SEs then equal pyfixest 0.60.0 ``fepois(..., vcov={"CRV1": "iso_o"})`` (0.083128 for
    log distance), about 1.8 % below a count of every dummy.
    """
    data = _hmr_subset(hmr, 30)
    res = fit_ppml(
        data, "flow", ["log(distw)", "contig", "comlang_off", "rta"], ["iso_o", "iso_d"], "iso_o"
    )
    np.testing.assert_allclose(
        res.se.to_numpy(), [0.083128, 0.108092, 0.118842, 0.195794], atol=3e-6
    )


def test_hmr_without_fixed_effects_matches_statsmodels(hmr):
    """No fixed effects: an intercept is added; SEs are statsmodels' HC0 times sqrt(N/(N-K)).

    (statsmodels' GLM applies no degrees-of-freedom factor for "HC1"; fixest's hetero does.)
    """
    x = ["log(distw)", "log(gdp_o)", "log(gdp_d)", "rta"]
    res = fit_ppml(hmr, "flow", x)
    exog = sm.add_constant(
        pd.DataFrame(
            {
                "log(distw)": np.log(hmr["distw"]),
                "log(gdp_o)": np.log(hmr["gdp_o"]),
                "log(gdp_d)": np.log(hmr["gdp_d"]),
                "rta": hmr["rta"].astype(float),
            }
        )
    )
    ref = sm.GLM(hmr["flow"].to_numpy(float), exog, family=sm.families.Poisson()).fit(
        cov_type="HC0", tol=1e-12
    )
    n, k = len(hmr), len(x) + 1
    assert list(res.coef.index) == ["Intercept", *x]
    np.testing.assert_allclose(res.coef.to_numpy(), ref.params.to_numpy(), atol=1e-7)
    np.testing.assert_allclose(
        res.se.to_numpy(), ref.bse.to_numpy() * np.sqrt(n / (n - k)), rtol=1e-6
    )


def test_all_zero_groups_are_dropped_and_do_not_change_estimates(hmr):
    """An origin that never exports is separated: its rows are dropped and nobs says so."""
    data = _hmr_subset(hmr, 20).copy()
    silent = data["iso_o"].iloc[0]
    data.loc[data["iso_o"] == silent, "flow"] = 0.0
    res = fit_ppml(data, "flow", ["log(distw)", "contig"], ["iso_o", "iso_d"])
    without = fit_ppml(
        data[data["iso_o"] != silent], "flow", ["log(distw)", "contig"], ["iso_o", "iso_d"]
    )
    n_silent = int((data["iso_o"] == silent).sum())
    assert res.nobs == len(data) - n_silent
    assert res.dropped["separated_or_singleton"] == n_silent
    assert not res.sample[(data["iso_o"] == silent).to_numpy()].any()
    np.testing.assert_allclose(res.coef.to_numpy(), without.coef.to_numpy(), atol=1e-10)


def test_regressor_collinear_with_fixed_effect_is_dropped(hmr):
    data = _hmr_subset(hmr, 15)
    with pytest.warns(UserWarning, match="log\\(gdp_o\\).*collinear"):
        res = fit_ppml(data, "flow", ["log(distw)", "log(gdp_o)"], ["iso_o", "iso_d"])
    assert list(res.coef.index) == ["log(distw)"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"y": "flows"}, "outcome column 'flows'"),
        ({"x": ["log(dst)"]}, r"regressor 'log\(dst\)': column 'dst'"),
        ({"fe": ["iso_o#yr"]}, "fixed effect 'iso_o#yr'.*'yr'"),
        ({"cluster": "pair"}, "cluster 'pair'"),
        ({"fe": ["iso_o#"]}, "expected COL or COL#COL"),
    ],
)
def test_bad_specification_names_the_problem(hmr, kwargs, message):
    args = {"y": "flow", "x": ["log(distw)"], "fe": ["iso_o"], "cluster": None} | kwargs
    with pytest.raises(InvalidInput, match=message):
        fit_ppml(hmr.head(200), **args)


def test_bad_values_name_the_row(hmr):
    data = hmr.head(50).copy()
    data.loc[7, "flow"] = -1.0
    with pytest.raises(InvalidInput, match="row 7"):
        fit_ppml(data, "flow", ["log(distw)"], ["iso_o"])
    data = hmr.head(50).copy()
    data.loc[3, "distw"] = 0.0
    with pytest.raises(InvalidInput, match="log\\(distw\\).*row 3"):
        fit_ppml(data, "flow", ["log(distw)"], ["iso_o"])
