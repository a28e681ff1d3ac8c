"""Automatic per-series forecasting: rolling-origin backtest, best-few combination, conformal bands.

Steps for one series (see :class:`AutoForecaster`):

1. Clean: regular period index, interior gaps filled by linear interpolation on the model scale
   (their count is reported), leading/trailing gaps dropped; too short or non-numeric → error.
2. Scale (:data:`SETTINGS`): yearly series on logs when every value is positive; monthly and
   quarterly series (and any series with a zero or negative value) on the raw values (bounds
   clipped at 0 for a non-negative series).
3. Backtest: the members (:mod:`.members`: AutoETS with additive errors, AutoTheta incl.
   DOTM, AutoCES, damped Holt-Winters ETS(A,Ad,A), naive, seasonal naive) are fitted once on
   the series up to the first origin and forecast ``H`` steps (the frequency's default
   horizon, whatever horizon is asked) from EVERY later origin with those parameters.
   Seasonal members need two seasons plus two points before the first origin and
   :data:`SEASONAL_LEAD` origins after it (a 33-month series: 7 origins, 7 steps each).
   Each member's score is its mean absolute error over all origins and steps, on the original
   scale, over the MASE scale.
4. Combination (:data:`SETTINGS`), step by step: monthly the equal-weight mean of all five
   members (Naive left out); quarterly the median, yearly the mean, of the five best-scoring
   of six — a choice per series, made on errors of periods the members were not fitted on.
   The forecast itself comes from the chosen members' forms (e.g. ETS(A,Ad,A), DOTM)
   refitted on every observation, so recent periods set its parameters; where the first
   origin leaves less than half a seasonal series, AutoETS searches its form again on every
   observation (:data:`RESEARCH`).
5. Chinese New Year (monthly): the moving-holiday effect ``β`` (:mod:`.cny`, estimated before
   the first origin) is added to the forecast only if it lowers the backtest error of the
   January and February forecasts of this series (``cny=None``, the default).
6. Intervals (split-conformal, per horizon step): the level-``l`` quantile of the combination's
   absolute backtest errors at step ``j`` (pooled with steps ``j±1``, more for short backtests;
   a Student-t floor when too few errors hold the level's quantile), made non-decreasing in
   ``j`` and scaled by :func:`interval_factor` (per frequency and level, set on the tuning part
   of the development data, bench/forecast). They depend only on the backtest, so a
   shorter horizon never changes the intervals of the same steps. Steps beyond ``H`` grow
   with √step from step ``H``.
7. Grade (A/B/C) and reason from the backtest error and the interval width (:func:`grade`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.stats import t as student_t

from .cny import cny_regressor, estimate_cny
from .members import MEMBER_ERRORS, Member, members_for
from .metrics import coverage, mase, mase_scale, smape
from .periods import (
    ForecastError,
    default_horizon,
    infer_frequency,
    normalise_frequency,
    period_labels,
    season_length,
    to_periods,
)

__all__ = [
    "DEFAULT_LEVELS",
    "MIN_OBS",
    "OUTPUT_COLUMNS",
    "AutoForecaster",
    "ForecastResult",
    "fit_series",
    "forecast_series",
    "grade",
    "interval_columns",
]

MIN_OBS = 3
DEFAULT_LEVELS: tuple[int, ...] = (80, 95)
#: members tried for every series (cost per series: bench/forecast)
MEMBER_NAMES: tuple[str, ...] = ("Naive", "SeasonalNaive", "ETS", "Theta", "CES", "HWD")
#: per frequency, chosen on the tuning part (bench/forecast/tune.py, up to 60 series per data
#: set): whether the members work on logs (when every value is positive), which members are
#: tried, how many of the best by backtest score are combined, and how. Monthly: the
#: equal-weight mean of all five members on the raw values (1–4 % lower MASE than the best five
#: of six on logs on four of five monthly data sets); quarterly: the median of the best five of
#: six on the raw values (tourism-competition quarterly −12 %, domestic tourism even); yearly:
#: the mean of the best five of six on logs (raw values 9–15 % worse there)
SETTINGS: dict[str, tuple[bool, tuple[str, ...], int, str]] = {
    "monthly": (False, ("SeasonalNaive", "ETS", "Theta", "CES", "HWD"), 5, "mean"),
    "quarterly": (False, MEMBER_NAMES, 5, "median"),
    "yearly": (True, MEMBER_NAMES, 5, "mean"),
}
#: seasonal members when the series has two seasons plus two points before the first backtest
#: origin and this many origins after it (before: half the horizon; tuning part truncated to
#: 33 months: 32–48 % lower MASE on four of five monthly data sets, bench/forecast/choose.py)
SEASONAL_LEAD = 2
#: members whose form is searched again on the whole series when the first backtest origin
#: leaves less than half of it (monthly under 96, quarterly under 32 periods; not yearly, where
#: the tuning part's short series got 4 % worse): AutoETS' choice on 26 months is poor (tuning
#: part truncated to 57 / 84 months: the combination 1–26 % better on four of five monthly
#: data sets each; outbound tourism −2.5 % at full length; bench/forecast/choose.py, run.py)
RESEARCH: tuple[str, ...] = ("ETS",)
#: fewest backtest errors behind a step's quantile: the steps pooled around it widen until
#: they hold this many (the last steps of a short series' backtest have 1–3). With the
#: Student-t floor in :func:`conformal_halfwidths`, set on the tuning part with histories cut
#: to 33 / 45 months (bench/forecast/coverage.py): 95 % bands covered 0.884 / 0.946 of the
#: steps within the backtest horizon and 0.886 / 0.903 beyond it; now 0.928 / 0.958 and
#: 0.934 / 0.946; 80 % bands within ±0.01 of before; long series are unchanged
MIN_ERRORS = 8
#: multiplier on the conformal half-widths at the 80 % and 95 % levels, per frequency (linear
#: between, constant outside): the backtest's few, overlapping errors understate the spread of
#: new errors. Set on the tuning part (bench/forecast/tune.py) so that 80 % bands cover ≈ 0.81
#: and 95 % bands ≈ 0.945 of the validation values: unscaled they covered 0.79 / 0.92 monthly,
#: 0.74 / 0.90 quarterly and 0.84 / 0.89 yearly (few backtest windows). Yearly 95 %: 1.6
#: until the Student-t bands of series too short to backtest (:data:`MIN_ERRORS`), then 1.15
#: (tuning part, tcomp yearly: 1.6 → 0.969, 1.35 → 0.958, 1.2 → 0.949, 1.15 → 0.945)
INTERVAL_SCALE = {
    "monthly": {80: 1.1, 95: 1.2},
    "quarterly": {80: 1.2, 95: 1.3},
    "yearly": {80: 0.9, 95: 1.15},
}


def interval_factor(level: int, frequency: str = "monthly") -> float:
    """The multiplier of :data:`INTERVAL_SCALE` for one level and frequency."""
    f = INTERVAL_SCALE[frequency]
    return float(np.interp(level, [80, 95], [f[80], f[95]]))


def _scaling_text(levels: tuple[int, ...], frequency: str) -> str:
    """How the bands were scaled, said truthfully (×0.90 is a narrowing)."""
    parts = []
    for lv in levels:
        f = interval_factor(lv, frequency)
        if f != 1.0:
            parts.append(f"{lv} % {'widened' if f > 1 else 'narrowed'} ×{f:.2f}")
    return "; " + ", ".join(parts) if parts else ""


#: grade limits: backtest MASE and the 95 % band's ratio hi/point (or point/lo)
GRADE_LIMITS = {"mase": (1.0, 1.5), "smape": (20.0, 40.0), "width": (2.0, 4.0)}


def interval_columns(levels: tuple[int, ...] = DEFAULT_LEVELS) -> list[str]:
    """``lo80, hi80, lo95, hi95`` for the levels asked, in increasing order."""
    return [c for lv in sorted(levels) for c in (f"lo{lv}", f"hi{lv}")]


OUTPUT_COLUMNS = ["step", "period", "point", *interval_columns(), "model", "grade", "reason"]


@dataclass
class ForecastResult:
    """A forecast with the model that made it, its parameters and its backtest accuracy."""

    frame: pd.DataFrame
    model: str
    params: dict
    metrics: dict
    frequency: str
    interval_method: str = "conformal"
    scores: dict = field(default_factory=dict)
    grade: str = "C"
    reason: str = ""


@dataclass
class _Prepared:
    index: pd.PeriodIndex
    y: np.ndarray  # original scale, gaps filled
    z: np.ndarray  # model scale
    log: bool
    nonneg: bool
    filled: int


@dataclass
class Backtest:
    """Members' forecasts from every origin (model scale; NaN past the data) and from the end."""

    origins: np.ndarray  # first forecast index of each window
    horizon: int  # H: steps per window
    paths: dict[str, np.ndarray]  # name → (windows, H)
    final: dict[str, np.ndarray]  # name → forecast after the last observation (refitted)
    names: dict[str, str]  # name → chosen form, e.g. ETS(M,Ad,M)
    stale: dict[str, np.ndarray] = field(default_factory=dict)  # final, pre-origin parameters


def levels_ok(levels: tuple[int, ...]) -> tuple[int, ...]:
    """Validated, sorted, unique interval levels (each strictly between 0 and 100)."""
    out = tuple(sorted({int(v) for v in levels}))
    if not out or any(not 0 < v < 100 for v in out):
        raise ForecastError(
            f"区间水平须在0到100之间 interval levels must be between 0 and 100, not {list(levels)}"
        )
    return out


class AutoForecaster:
    """Backtest, combine and calibrate a forecast for one series; fit / predict.

    Parameters
    ----------
    frequency : monthly, quarterly or yearly (``M``/``Q``/``A`` accepted).
    horizon : steps to forecast; default 24 / 8 / 4.
    cny : Chinese New Year adjustment for monthly series: True when estimable, False never,
        None (default) when it lowers this series' January/February backtest error.
    levels : interval levels in percent, default 80 and 95.
    members, top_k : the members tried and how many of the best are averaged; default
        :data:`SETTINGS` of the frequency.

    Examples
    --------
    >>> import pandas as pd
    >>> y = pd.Series([float(10 + i % 4 + i) for i in range(24)],
    ...               index=pd.period_range("2019Q1", periods=24, freq="Q"))
    >>> fc = AutoForecaster(frequency="quarterly", horizon=4).fit(y).predict()
    >>> list(fc.columns) == OUTPUT_COLUMNS and len(fc)
    4
    """

    def __init__(
        self,
        *,
        frequency: str,
        horizon: int | None = None,
        cny: bool | None = None,
        levels: tuple[int, ...] = DEFAULT_LEVELS,
        members: tuple[str, ...] | None = None,
        top_k: int | None = None,
    ) -> None:
        self.frequency = normalise_frequency(frequency)
        self.m = season_length(self.frequency)
        self.horizon = int(horizon) if horizon is not None else default_horizon(self.frequency)
        if self.horizon < 1:
            raise ForecastError(f"预测步数须为正 horizon must be at least 1, not {horizon}")
        self.cny, self.levels = cny, levels_ok(levels)
        self.use_log, default_members, default_k, self.how = SETTINGS[self.frequency]
        self.members = default_members if members is None else members
        self.top_k = default_k if top_k is None else top_k
        self.result_: ForecastResult | None = None
        self.backtest_: Backtest | None = None

    # ---------------------------------------------------------------- fit
    def fit(self, y: pd.Series) -> "AutoForecaster":
        """Fit on ``y`` (index: ``PeriodIndex`` of the frequency; values may have gaps)."""
        prep = self._prepare(y)
        bt = run_backtest(
            prep.z, self.m, default_horizon(self.frequency), self.horizon, self.members
        )
        self.backtest_ = bt
        self.result_ = self._result(prep, bt)
        return self

    def predict(self) -> pd.DataFrame:
        """The forecast frame: step, period, point, lo/hi per level, model, grade, reason."""
        if self.result_ is None:
            raise RuntimeError("call fit() first")
        return self.result_.frame.copy()

    # ---------------------------------------------------------------- steps
    def _prepare(self, y: pd.Series) -> _Prepared:
        if not isinstance(y.index, pd.PeriodIndex):
            raise TypeError("y needs a PeriodIndex")
        if y.index.has_duplicates:
            dup = y.index[y.index.duplicated()][0]
            raise ForecastError(f"期间重复 duplicate period {dup} in the series")
        values = pd.to_numeric(y, errors="coerce").astype(float).sort_index()
        if np.isinf(values.to_numpy()).any():
            raise ForecastError("序列含无穷值 the series contains infinite values")
        observed = values.dropna()
        if len(observed) < MIN_OBS:
            raise ForecastError(
                f"序列太短 series too short: {len(observed)} observations, need at least {MIN_OBS}"
            )
        full = pd.period_range(observed.index[0], observed.index[-1], freq=values.index.freq)
        values = values.reindex(full)
        filled = int(values.isna().sum())
        if filled > len(full) // 2:
            raise ForecastError(f"缺失过多 too many missing periods: {filled} of {len(full)}")
        if np.ptp(observed.to_numpy()) == 0 and observed.iloc[0] == 0:
            raise ForecastError("序列全为零 the series is all zeros; nothing to forecast")
        log = self.use_log and bool((observed > 0).all())
        nonneg = bool((observed >= 0).all())
        z = pd.Series(np.log(values) if log else values, index=full).interpolate("linear")
        z = z.to_numpy()
        return _Prepared(full, np.exp(z) if log else z, z, log, nonneg, filled)

    def _result(self, prep: _Prepared, bt: Backtest) -> ForecastResult:
        h, n = self.horizon, len(prep.z)
        hh = max(h, bt.horizon)  # bounds over the backtest horizon too: the grade ignores h
        future = pd.period_range(prep.index[-1] + 1, periods=hh, freq=prep.index.freq)
        scale = mase_scale(prep.y, self.m)
        if not bt.paths:
            return self._too_short(prep, future[:h], scale)
        scores = member_scores(bt, prep.y, prep.log, scale)
        chosen = sorted(scores, key=scores.__getitem__)[: self.top_k]
        agg = np.mean if self.how == "mean" else np.median
        comb = agg(np.stack([bt.paths[c] for c in chosen]), axis=0)
        point = agg(np.stack([bt.final[c] for c in chosen]), axis=0)[:hh]
        beta_cv, beta, use_cny = self._cny(prep, bt, comb)
        if use_cny:
            comb = comb + _window_values(
                beta_cv * cny_regressor(prep.index), bt.origins, bt.horizon
            )
            point = point + beta * cny_regressor(future)
        actual = _window_values(prep.z, bt.origins, bt.horizon)
        factors = {lv: interval_factor(lv, self.frequency) for lv in self.levels}
        half = conformal_halfwidths(actual - comb, self.levels, hh, factors)
        bounds = self._bounds(point, half, prep)
        metrics = backtest_metrics(actual, comb, half, prep, scale, self.levels)
        names = [bt.names[c] for c in chosen]
        label = f"{self.how.title()}({', '.join(names)})" if len(names) > 1 else names[0]
        model = label + (" [log]" if prep.log else "") + (" +CNY" if use_cny else "")
        g, why = grade(metrics, {k: v[: bt.horizon] for k, v in bounds.items()}, self.levels)
        frame = pd.DataFrame(
            {
                "step": np.arange(1, h + 1, dtype="int64"),
                "period": period_labels(future[:h]),
                **{k: v[:h] for k, v in bounds.items()},
                "model": model,
                "grade": g,
                "reason": why,
            }
        )
        info = {
            "members": {k: bt.names[k] for k in chosen},
            "backtest_scores": {k: round(v, 4) for k, v in scores.items()},
            "transform": "log" if prep.log else "none",
            "cny_beta": beta if use_cny else 0.0,
            "cny_tested": self.frequency == "monthly" and self.cny is None,
            "filled_gaps": prep.filled,
            "n_obs": n,
            "backtest_windows": len(bt.origins),
            "backtest_horizon": bt.horizon,
            "interval_factors": factors,
        }
        method = (
            f"split-conformal per step: quantiles of the combination's |errors| at each "
            f"step (±1, wider to hold {MIN_ERRORS} errors; Student-t bound when too few for "
            f"the level) over {len(bt.origins)} rolling origins, non-decreasing in the step"
            + _scaling_text(self.levels, self.frequency)
            + ("; on logs" if prep.log else "")
        )
        return ForecastResult(frame, model, info, metrics, self.frequency, method, scores, g, why)

    def _cny(self, prep: _Prepared, bt: Backtest, comb: np.ndarray) -> tuple[float, float, bool]:
        """(β for the backtest windows, β for the forecast, whether to adjust).

        Decided (``cny=None``): β estimated before the first origin is added to the backtest
        forecasts; adjust only if that lowers this series' January/February backtest error.
        The forecast then uses β re-estimated on the whole series. Too few years before the
        first origin: adjust only for a clear whole-series effect (|t| > 2.5). Forced
        (``cny=True``): the whole-series β everywhere, when it can be estimated (≥ 4 years).
        """
        if self.frequency != "monthly" or self.cny is False:
            return 0.0, 0.0, False
        full = estimate_cny(prep.z, prep.index)
        if self.cny:
            ok = full.years >= 4 and full.beta != 0.0
            return full.beta, full.beta, ok
        o1 = int(bt.origins[0])
        early = estimate_cny(prep.z[:o1], prep.index[:o1])
        if early.years < 4 or early.beta == 0.0:  # no out-of-sample test possible: adjust
            return full.beta, full.beta, full.significant()  # only for a clear effect
        x = _window_values(cny_regressor(prep.index), bt.origins, bt.horizon)
        actual = _window_values(prep.y, bt.origins, bt.horizon)
        hit = x != 0
        if not hit.any():
            return 0.0, 0.0, False
        back = np.exp if prep.log else (lambda v: v)
        with_ = np.nanmean(np.abs(actual - back(comb + early.beta * x))[hit])
        without = np.nanmean(np.abs(actual - back(comb))[hit])
        return early.beta, full.beta, bool(with_ < without)

    def _too_short(self, prep: _Prepared, future: pd.PeriodIndex, scale: float) -> ForecastResult:
        """No backtest possible: the last value, random-walk intervals, grade C."""
        h = len(future)
        d = np.diff(prep.z)
        steps = np.arange(1, h + 1)
        half = {lv: t_bound(d, lv) * np.sqrt(steps) for lv in self.levels}
        bounds = self._bounds(np.full(h, prep.z[-1]), half, prep)
        why = (
            f"历史太短无法回测 too short to backtest ({len(prep.z)} observations): last value "
            "with random-walk intervals"
        )
        frame = pd.DataFrame(
            {
                "step": steps.astype("int64"),
                "period": period_labels(future),
                **bounds,
                "model": "Naive",
                "grade": "C",
                "reason": why,
            }
        )
        nan = float("nan")
        metrics = {
            "mase": nan,
            "smape": nan,
            **{f"coverage{lv}": nan for lv in self.levels},
            "windows": 0,
        }
        info = {
            "transform": "log" if prep.log else "none",
            "n_obs": len(prep.z),
            "filled_gaps": prep.filled,
        }
        return ForecastResult(
            frame,
            "Naive",
            info,
            metrics,
            self.frequency,
            "random walk (Student-t of the first differences, √step); no backtest",
            {},
            "C",
            why,
        )

    def _bounds(
        self, point: np.ndarray, half: dict[int, np.ndarray], prep: _Prepared
    ) -> dict[str, np.ndarray]:
        """Point and bounds per level on the original scale."""
        out = {"point": point}
        for lv in self.levels:
            out[f"lo{lv}"], out[f"hi{lv}"] = point - half[lv], point + half[lv]
        if prep.log:
            out = {k: np.exp(v) for k, v in out.items()}
        elif prep.nonneg:
            out = {k: np.maximum(v, 0.0) for k, v in out.items()}
        return {k: out[k] for k in ["point", *interval_columns(self.levels)]}


# -------------------------------------------------------------------- backtest
def backtest_window(
    n: int, m: int, horizon: int, seasonal_lead: int = SEASONAL_LEAD
) -> tuple[int, int]:
    """(steps per window ``H``, first origin) of the backtest of a series of length ``n``."""
    min_train = 2 * m + 2 if m > 1 and n >= 2 * m + 2 + seasonal_lead else 4
    H = min(horizon, n - min_train)
    w = max(0, min(H, n - min_train - H))
    return H, n - H - w


def run_backtest(
    z: np.ndarray,
    m: int,
    horizon: int,
    h_out: int,
    names: tuple[str, ...] = MEMBER_NAMES,
    seasonal_lead: int = SEASONAL_LEAD,
    research: tuple[str, ...] = RESEARCH,
) -> Backtest:
    """Fit members before the first origin; forecast from every origin and from the end.

    Windows: ``H`` = the default horizon (shortened for short series), first origin
    ``n − H − w`` with ``w = H`` extra origins, so step ``j`` has ``w + H − j + 1`` errors.
    Seasonal members need two seasons plus two points before the first origin and
    ``seasonal_lead`` origins after it. The final forecast refits each member's form on every
    observation; on a seasonal series the members in ``research`` search their form again on
    every observation when the first origin leaves them less than half the series.
    """
    n = len(z)
    H, o1 = backtest_window(n, m, horizon, seasonal_lead)
    if H < 1:
        return Backtest(np.array([], int), 0, {}, {}, {})
    fitted: dict[str, Member] = members_for(z[:o1], m if o1 >= 2 * m + 2 else 1, names)
    origins = np.arange(o1, n)
    again = research if 2 * o1 < n and m > 1 else ()  # seasonal series only (RESEARCH)
    again_fit = members_for(z, m if n >= 2 * m + 2 else 1, again) if again else {}
    paths, final, labels = {}, {}, {}
    # a member whose path leaves the series' range by more than 5 ranges has exploded
    centre, reach = (z.max() + z.min()) / 2, 5.5 * max(float(np.ptp(z)), 1e-9)
    stale = {}
    for key, mem in fitted.items():
        try:
            block = np.full((len(origins), H), np.nan)
            for i, o in enumerate(origins):
                hh = min(H, n - int(o))
                block[i, :hh] = mem.path(z[:o], hh)
            old = mem.path(z, max(h_out, H))
        except MEMBER_ERRORS:
            continue
        if not _sane(np.concatenate([old, block[~np.isnan(block)]]), centre, reach):
            continue
        paths[key], final[key], stale[key], labels[key] = block, old, old, mem.name
        try:  # the form searched again or refitted on every observation; else the old one
            now = again_fit.get(key) or (mem.refit(z) if mem.refit else mem)
            new = now.path(z, max(h_out, H))
        except MEMBER_ERRORS:
            continue
        if _sane(new, centre, reach):
            final[key], labels[key] = new, now.name
    return Backtest(origins, H, paths, final, labels, stale)


def _sane(v: np.ndarray, centre: float, reach: float) -> bool:
    """Finite and within ``reach`` of the series' centre (else the member exploded)."""
    return bool(np.isfinite(v).all() and (np.abs(v - centre) <= reach).all())


def _window_values(v: np.ndarray, origins: np.ndarray, H: int) -> np.ndarray:
    """``v`` laid out like the backtest windows: row i = v[o_i : o_i + H], NaN past the end."""
    out = np.full((len(origins), H), np.nan)
    for i, o in enumerate(origins):
        part = v[o : o + H]
        out[i, : len(part)] = part
    return out


def member_scores(
    bt: Backtest, y: np.ndarray, log: bool, scale: float, half_life: float = np.inf
) -> dict[str, float]:
    """Mean absolute backtest error of each member on the original scale over the MASE scale.

    ``half_life`` (in origins) weighs later origins more: an origin ``half_life`` before the
    last counts half as much (``inf``: all origins alike).
    """
    actual = _window_values(y, bt.origins, bt.horizon)
    age = (bt.origins[-1] - bt.origins)[:, None] * np.ones((1, bt.horizon))
    weight = np.where(np.isfinite(actual), 0.5 ** (age / half_life), 0.0)
    out = {}
    for name, block in bt.paths.items():
        fc = np.exp(block) if log else block
        err = float(np.nansum(np.abs(actual - fc) * weight) / weight.sum())
        out[name] = err / scale if scale > 0 else err
    return out


def conformal_halfwidths(
    errors: np.ndarray,
    levels: tuple[int, ...],
    h: int,
    factors: dict[int, float] | float = 1.0,
) -> dict[int, np.ndarray]:
    """Half-width per level and step from backtest errors (windows × steps) on the model scale.

    Step ``j``: the split-conformal quantile ``⌈(N+1)l⌉/N`` of the |errors| at steps
    ``j−1..j+1`` (widened to ``j−r..j+r`` until it holds :data:`MIN_ERRORS`), then the running
    maximum over steps, times the level's factor (:func:`interval_factor` in the forecaster);
    beyond the backtest horizon ``H`` the width grows with √(j/H). Too few errors for the
    level (``⌈(N+1)l⌉ > N``, e.g. N < 19 at 95 %): the largest error is no quantile, so the
    width is at least :func:`t_bound` of those errors.
    """
    H = errors.shape[1]
    out = {}
    for lv in levels:
        q = np.empty(H)
        for j in range(H):
            e = _step_errors(errors, j)
            if len(e) == 0:
                q[j] = q[j - 1] if j else 0.0
                continue
            rank = int(np.ceil((len(e) + 1) * lv / 100))
            q[j] = np.sort(e)[min(len(e), rank) - 1]
            if rank > len(e):
                q[j] = max(q[j], t_bound(e, lv))
        f = factors[lv] if isinstance(factors, dict) else factors
        q = np.maximum.accumulate(q) * f
        steps = np.arange(1, h + 1)
        out[lv] = np.where(steps <= H, q[np.minimum(steps, H) - 1], q[-1] * np.sqrt(steps / H))
    return out


def t_bound(errors: np.ndarray, level: float) -> float:
    """Half-width holding a new error with probability ``level`` % if ``errors`` are N(0, σ²).

    ``e / RMS(errors)`` is Student-t with N degrees of freedom, so the bound is
    ``t(N)·RMS``: wide when N is small, the normal quantile as N grows.
    """
    rms = float(np.sqrt(np.mean(np.square(errors))))
    return float(student_t.ppf(0.5 + level / 200, len(errors))) * rms


def _step_errors(errors: np.ndarray, j: int) -> np.ndarray:
    """The finite |errors| at steps ``j±1``, widened to ``j±r`` until :data:`MIN_ERRORS`."""
    H = errors.shape[1]
    r = 1
    while True:
        e = np.abs(errors[:, max(0, j - r) : j + r + 1])
        e = e[np.isfinite(e)]
        if len(e) >= MIN_ERRORS or r >= H:
            return e
        r += 1


def backtest_metrics(
    actual: np.ndarray,
    comb: np.ndarray,
    half: dict[int, np.ndarray],
    prep: _Prepared,
    scale: float,
    levels: tuple[int, ...],
) -> dict:
    """Backtest MASE, sMAPE and in-sample interval coverage of the combination."""
    ok = np.isfinite(actual) & np.isfinite(comb)
    back = np.exp if prep.log else (lambda v: v)
    a, f = back(actual[ok]), back(comb[ok])
    out = {"mase": mase(a, f, scale), "smape": smape(a, f), "windows": int(comb.shape[0])}
    steps = np.broadcast_to(np.arange(comb.shape[1]), comb.shape)[ok]
    for lv in levels:
        w = half[lv][np.minimum(steps, len(half[lv]) - 1)]
        out[f"coverage{lv}"] = coverage(actual[ok], comb[ok] - w, comb[ok] + w)
    return out


def grade(metrics: dict, bounds: dict[str, np.ndarray], levels: tuple[int, ...]) -> tuple[str, str]:
    """Reliability grade A/B/C and the reason (zh + en) from backtest error and band width.

    C: backtest MASE > 1.5 or sMAPE > 40 %, or the widest band's upper bound more than 4× the
    point (or the point more than 4× its lower bound); B: MASE > 1, sMAPE > 20 % or 2×; else A.
    """
    top = max(levels)
    point, hi, lo = bounds["point"], bounds[f"hi{top}"], bounds[f"lo{top}"]
    with np.errstate(divide="ignore", invalid="ignore"):
        up = np.nanmax(np.where(point > 0, hi / point, np.inf))
        down = np.nanmax(np.where(lo > 0, point / lo, np.inf)) if (lo > 0).all() else 1.0
    width = float(max(up, down))
    checks = [
        ("mase", metrics["mase"], "回测误差 backtest MASE {:.2f}"),
        ("smape", metrics["smape"], "回测 backtest sMAPE {:.0f} %"),
        ("width", width, f"{top}%区间宽 {top} % band up to {{:.1f}}× the point"),
    ]
    level, reasons = 0, []
    for key, value, text in checks:
        good, bad = GRADE_LIMITS[key]
        if not np.isfinite(value) or value > bad:
            level = 2
            reasons.append(
                text.format(value) if np.isfinite(value) else text.split(" ")[0] + " n/a"
            )
        elif value > good:
            level = max(level, 1)
            reasons.append(text.format(value))
    g = "ABC"[level]
    if not reasons:
        return g, (
            f"可靠 reliable: backtest MASE {metrics['mase']:.2f}, sMAPE "
            f"{metrics['smape']:.0f} %, {top} % band within {width:.1f}× the point"
        )
    prefix = "谨慎使用 use with care: " if level == 1 else "不可靠 unreliable: "
    return g, prefix + "; ".join(reasons)


# -------------------------------------------------------------------- entry points
def forecast_series(
    series: pd.DataFrame,
    *,
    horizon: int | None = None,
    frequency: str | None = None,
    cny: bool | None = None,
    levels: tuple[int, ...] = DEFAULT_LEVELS,
) -> pd.DataFrame:
    """Forecast one series ``(ds, y)``: one row per step with intervals, model, grade and reason.

    ``ds`` holds period labels (``YYYY-MM``, ``YYYYQn``, ``YYYY``; frequency inferred) or
    timestamps (give ``frequency``). Raises :class:`ForecastError` when it cannot be forecast.
    """
    return fit_series(series, horizon=horizon, frequency=frequency, cny=cny, levels=levels).frame


def fit_series(
    series: pd.DataFrame,
    *,
    horizon: int | None = None,
    frequency: str | None = None,
    cny: bool | None = None,
    levels: tuple[int, ...] = DEFAULT_LEVELS,
) -> ForecastResult:
    """:func:`forecast_series` with the full result: model, parameters, backtest metrics."""
    missing = [c for c in ("ds", "y") if c not in series.columns]
    if missing:
        raise ForecastError(f"缺少列 missing column(s) {missing}; need ds, y")
    if series.empty:
        raise ForecastError("序列为空 the series is empty")
    freq = normalise_frequency(frequency) if frequency else infer_frequency(series["ds"])
    index = to_periods(series["ds"], freq)
    y = pd.Series(pd.to_numeric(series["y"], errors="coerce").to_numpy(float), index=index)
    result = AutoForecaster(frequency=freq, horizon=horizon, cny=cny, levels=levels).fit(y).result_
    assert result is not None  # fit() always sets it
    return result
