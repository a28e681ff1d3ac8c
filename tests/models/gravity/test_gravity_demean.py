"""Alternating-projection demeaning and fixed-effect encoding."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from haisi.models.gravity.demean import demean
from haisi.models.gravity.fixed_effects import drop_separated, encode_fixed_effects, parse_fe_term

from haisi.errors import InvalidInput


def _dummy_residuals(x, groups, w):
    """Weighted least-squares residuals of x on explicit dummy columns (the slow, exact way)."""
    cols = [np.ones(len(x))]
    for codes in groups:
        cols += [(codes == g).astype(float) for g in range(1, codes.max() + 1)]
    d = np.column_stack(cols)
    sw = np.sqrt(w)[:, None]
    beta, *_ = np.linalg.lstsq(d * sw, x * sw, rcond=None)
    return x - d @ beta


def test_three_fixed_effects_match_dummy_regression():
    rng = np.random.default_rng(7)
    n = 600
    groups = [rng.integers(0, 12, n), rng.integers(0, 9, n), rng.integers(0, 30, n)]
    x = rng.normal(size=(n, 3)) + groups[0][:, None] * 0.5
    w = rng.uniform(0.1, 5.0, n)
    out, sweeps = demean(x, groups, w)
    np.testing.assert_allclose(out, _dummy_residuals(x, groups, w), atol=1e-8)
    assert sweeps > 1


def test_real_exporter_year_importer_year_match_dummies(table1_sample):
    """On the Table 1 sample (828 effects) demeaned log distance equals the dummy residual."""
    sub = table1_sample[table1_sample["year"] == 2006].reset_index(drop=True)
    fes = encode_fixed_effects(sub, ["exporter#year", "importer#year"])
    x = np.log(sub[["dist"]].to_numpy(float))
    w = sub["trade"].to_numpy(float) + 1.0
    out, _ = demean(x, [f.codes for f in fes], w)
    np.testing.assert_allclose(out, _dummy_residuals(x, [f.codes for f in fes], w), atol=1e-8)


def test_one_fixed_effect_is_a_single_exact_sweep():
    x = np.array([1.0, 3.0, 10.0, 20.0])
    out, sweeps = demean(x, [np.array([0, 0, 1, 1])], np.array([1.0, 3.0, 1.0, 1.0]))
    assert sweeps == 1
    np.testing.assert_allclose(out, [-1.5, 0.5, -5.0, 5.0])


def test_interaction_term_has_one_level_per_combination(table1_sample):
    fes = encode_fixed_effects(table1_sample, ["exporter#year", "importer^year", "pair_id"])
    assert [f.n_levels for f in fes] == [414, 414, 2346]  # 69 countries x 6 years
    assert fes[0].columns == ("exporter", "year") and fes[1].columns == ("importer", "year")
    pairs = table1_sample[["exporter", "year"]].drop_duplicates()
    assert len(pairs) == fes[0].n_levels


def test_parse_and_encode_errors():
    assert parse_fe_term(" exporter # year ") == ("exporter", "year")
    with pytest.raises(InvalidInput, match="expected COL"):
        parse_fe_term("exporter##year")
    frame = pd.DataFrame({"a": ["x", None, "y"], "b": [1, 2, 3]})
    with pytest.raises(InvalidInput, match="'a#b': 1 row.*row 1"):
        encode_fixed_effects(frame, ["a#b"])
    with pytest.raises(InvalidInput, match="'c'"):
        encode_fixed_effects(frame, ["b#c"])


def test_drop_separated_removes_all_zero_groups_and_singletons():
    y = np.array([0.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    g1 = np.array([0, 0, 1, 1, 2, 2, 3, 3])  # group 0 (rows 0, 1) is all zero
    g2 = np.array([0, 1, 0, 1, 0, 1, 0, 2])  # group 2 (row 7) is a singleton
    # dropping row 7 leaves row 6 alone in g1 group 3, so a second pass drops it too
    assert drop_separated(y, [g1, g2]).tolist() == [
        False,
        False,
        True,
        True,
        True,
        True,
        False,
        False,
    ]
    assert drop_separated(y, [g1, g2], singletons=False).tolist() == [False, False] + [True] * 6
