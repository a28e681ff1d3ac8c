"""Automatic per-series forecasting: candidates, rolling-origin backtest, choice, intervals.

Steps for one series (see :class:`AutoForecaster`):

1. Clean: regular period index, interior gaps filled by linear interpolation on the model scale
   (their count is reported), leading/trailing gaps dropped; too short or non-numeric → error.
2. Scale: log when every value is positive (multiplicative seasonality, positive intervals),
   otherwise the raw values, with intervals clipped at 0 for a non-negative series.
3. Chinese New Year: for monthly series the holiday effect is estimated (:mod:`.cny`) and,
   if asked or clearly present, removed before fitting and added back to the forecast.
4. Backtest: each candidate is fitted at the first of up to ``folds`` forecast origins
   (step ``h/2``) and re-run with the same parameters at the later ones; combinations average
   their members. Scores are the mean absolute scaled error (MASE scale). The frequency's
   default (:data:`DEFAULT_MODEL`) is kept unless another candidate's score is lower by more
   than :data:`MARGIN` — on the tourism competition's training parts, choosing purely by a
   few folds was noisier than this rule (see bench/forecast/README.md).
5. The winner (or every member of a winning combination) is refitted on the whole series.
   Intervals are the winner's own analytic Gaussian intervals on the model scale (members'
   standard errors averaged for a combination), scaled so that the same model's backtest
   errors fall inside its 95 % interval 95 % of the time (factor 0.5–3) — never another
   model's intervals.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.stats import norm

from .candidates import Candidate, Fitted, candidates_for
from .cny import cny_regressor, estimate_cny
from .metrics import coverage, mase, mase_scale, smape
from .periods import (ForecastError, default_horizon, infer_frequency, normalise_frequency,
                      period_labels, season_length, to_periods)

__all__ = ["AutoForecaster", "ForecastResult", "forecast_series", "MIN_OBS", "OUTPUT_COLUMNS"]

MIN_OBS = 3
OUTPUT_COLUMNS = ["step", "period", "point", "lo80", "hi80", "lo95", "hi95", "model"]
#: combinations tried when all their members are candidates (equal weights)
COMBINATIONS: tuple[tuple[str, ...], ...] = (
    ("SeasonalNaive", "Theta"),
    ("SeasonalNaive", "ETS(A,N,A)", "Theta"),
    ("ETS(A,Ad,A)", "Theta", "SARIMA"),
    ("Naive", "Theta"),
    ("ETS(A,Ad,N)", "Theta"),
    ("Naive", "ETS(A,Ad,N)", "Theta"),
)
#: the model kept unless another backtests clearly better (by more than ``MARGIN``); chosen
#: on the training parts of the tourism competition (bench/forecast), where per-series
#: choice alone was noisier than this default
DEFAULT_MODEL = {"monthly": "Comb(SeasonalNaive + Theta)",
                 "quarterly": "Comb(SeasonalNaive + Theta)", "yearly": "Theta"}
MARGIN = 0.7
#: forecast origins in the backtest by frequency (more where models are cheap and data short)
FOLDS = {"monthly": 3, "quarterly": 4, "yearly": 5}
#: backtest calibration of interval widths: factor limits
CALIBRATION = (0.5, 3.0)


@dataclass
class ForecastResult:
    """A forecast with the model that made it, its parameters and its backtest accuracy."""

    frame: pd.DataFrame
    model: str
    params: dict
    metrics: dict
    frequency: str
    interval_method: str = "analytic"
    scores: dict = field(default_factory=dict)


@dataclass
class _Prepared:
    index: pd.PeriodIndex
    y: np.ndarray          # original scale, gaps filled
    z: np.ndarray          # model scale, CNY-adjusted
    cny: np.ndarray        # CNY term on the model scale for index (0 if unused)
    log: bool
    nonneg: bool
    beta: float
    filled: int


class AutoForecaster:
    """Choose and fit a forecasting model for one series; statsforecast-style fit / predict.

    Parameters
    ----------
    frequency : monthly, quarterly or yearly (``M``/``Q``/``A`` accepted).
    horizon : steps to forecast; default 24 / 8 / 4.
    folds : forecast origins in the rolling-origin backtest (at most; default by frequency).
    cny : Chinese New Year adjustment for monthly series: True always, False never,
        None when the estimated effect is clear (|t| > 2.5).

    Intervals are always returned at 80 % and 95 % (``lo80/hi80/lo95/hi95``).

    Examples
    --------
    >>> import pandas as pd
    >>> y = pd.Series([float(10 + i % 4 + i) for i in range(24)],
    ...               index=pd.period_range("2019Q1", periods=24, freq="Q"))
    >>> fc = AutoForecaster(frequency="quarterly", horizon=4).fit(y).predict()
    >>> list(fc.columns) == OUTPUT_COLUMNS and len(fc)
    4
    """

    def __init__(self, *, frequency: str, horizon: int | None = None, folds: int | None = None,
                 cny: bool | None = None) -> None:
        self.frequency = normalise_frequency(frequency)
        self.m = season_length(self.frequency)
        self.horizon = int(horizon) if horizon is not None else default_horizon(self.frequency)
        if self.horizon < 1:
            raise ForecastError(f"预测步数须为正 horizon must be at least 1, not {horizon}")
        folds = FOLDS[self.frequency] if folds is None else folds
        if folds < 1:
            raise ValueError(f"folds must be at least 1, not {folds}")
        self.folds, self.cny = folds, cny
        self.result_: ForecastResult | None = None

    # ---------------------------------------------------------------- fit
    def fit(self, y: pd.Series) -> "AutoForecaster":
        """Fit on ``y`` (index: ``PeriodIndex`` of the frequency; values may have gaps)."""
        prep = self._prepare(y)
        n, h, m = len(prep.z), self.horizon, self.m
        seasonal_min = 2 * m + 2
        if m > 1 and n >= seasonal_min + 2:
            min_train = seasonal_min
        else:  # enough history at the first origin for ETS/ARIMA (6) or Theta (4) if possible
            min_train = 6 if n >= 8 else (4 if n >= 5 else MIN_OBS - 1)
        h_cv = max(0, min(h, n - min_train))
        step = max(1, h_cv // 2)
        k = self.folds
        while k > 1 and n - h_cv - (k - 1) * step < min_train:
            k -= 1
        origins = [n - h_cv - (k - 1 - i) * step for i in range(k)] if h_cv else []
        first = origins[0] if origins else n
        cands = candidates_for(m, first)
        scale = mase_scale(prep.y, m)
        backtests = {c.name: bt for c in cands if (bt := self._backtest(c, prep, origins, h_cv))}
        self._add_combinations(backtests)
        if not backtests:
            raise ForecastError("所有模型均无法拟合 no candidate model could be fitted to this series")
        scores = {name: _score(bt, prep, scale) for name, bt in backtests.items()}
        best = min(scores, key=lambda k_: (scores[k_], _complexity(k_)))
        default = DEFAULT_MODEL[self.frequency]
        if default in scores and scores[best] >= (1 - MARGIN) * scores[default]:
            best = default
        if not origins:  # too short for a backtest: the simplest model, metrics unknown
            best = "Naive"
        self.result_ = self._final(best, cands, prep, backtests.get(best, []), scale, scores)
        return self

    def predict(self) -> pd.DataFrame:
        """The forecast frame: step, period, point, lo80, hi80, lo95, hi95, model."""
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
            raise ForecastError(f"序列太短 series too short: {len(observed)} observations, "
                                f"need at least {MIN_OBS}")
        full = pd.period_range(observed.index[0], observed.index[-1], freq=values.index.freq)
        values = values.reindex(full)
        filled = int(values.isna().sum())
        if filled > len(full) // 2:
            raise ForecastError(f"缺失过多 too many missing periods: {filled} of {len(full)}")
        if np.ptp(observed.to_numpy()) == 0 and observed.iloc[0] == 0:
            raise ForecastError("序列全为零 the series is all zeros; nothing to forecast")
        log = bool((observed > 0).all())
        nonneg = bool((observed >= 0).all())
        z = pd.Series(np.log(values) if log else values, index=full).interpolate("linear")
        cny = np.zeros(len(full))
        beta = 0.0
        if self.frequency == "monthly" and self.cny is not False:
            effect = estimate_cny(z.to_numpy(), full)
            if (self.cny and effect.years >= 4) or (self.cny is None and effect.significant()):
                beta = effect.beta
                cny = beta * cny_regressor(full)
        y_filled = np.exp(z.to_numpy()) if log else z.to_numpy()
        return _Prepared(full, y_filled, z.to_numpy() - cny, cny, log, nonneg, beta, filled)

    def _backtest(self, cand: Candidate, prep: _Prepared, origins: list[int], h_cv: int
                  ) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]] | None:
        """(actual, mean, se) per origin on the original scale; None if the model fails."""
        if not origins:
            return [] if cand.name == "Naive" else None
        m = self.m if cand.seasonal else 1
        out = []
        try:
            fitted: Fitted | None = None
            for o in origins:
                fitted = cand.fit(prep.z[:o], m) if fitted is None else fitted.extend(prep.z[:o])
                hh = min(h_cv, len(prep.z) - o)
                mean, se = fitted.forecast(hh)
                if not (np.isfinite(mean).all() and np.isfinite(se).all()):
                    return None
                out.append((o, mean, se))
        except (ValueError, np.linalg.LinAlgError, IndexError, ZeroDivisionError):
            return None
        return out

    def _add_combinations(self, backtests: dict) -> None:
        """Equal-weight combinations whose members all have backtests."""
        for combo in COMBINATIONS:
            members = [next((n for n in backtests if n.startswith(c)), None) for c in combo]
            if None in members or not backtests[members[0]]:
                continue
            folds = []
            for parts in zip(*(backtests[mm] for mm in members)):
                o = parts[0][0]
                folds.append((o, np.mean([p[1] for p in parts], axis=0),
                              np.mean([p[2] for p in parts], axis=0)))
            backtests[_combo_name(members)] = folds

    def _final(self, best: str, cands: list[Candidate], prep: _Prepared, folds: list,
               scale: float, scores: dict) -> ForecastResult:
        members = _members(best)
        by_name = {c.name: c for c in cands}
        h = self.horizon
        means, ses, params = [], [], {}
        for name in members:
            cand = by_name[name]
            try:
                fitted = cand.fit(prep.z, self.m if cand.seasonal else 1)
                mean, se = fitted.forecast(h)
            except (ValueError, np.linalg.LinAlgError, IndexError, ZeroDivisionError) as exc:
                raise ForecastError(f"模型拟合失败 {name} failed on the full series: {exc}") from exc
            if not (np.isfinite(mean).all() and np.isfinite(se).all()):
                raise ForecastError(f"模型拟合失败 {name} gave non-finite forecasts on the full series")
            means.append(mean)
            ses.append(se)
            params[name] = fitted.params
        factor = _calibration(folds, prep)
        mean, se = np.mean(means, axis=0), np.mean(ses, axis=0) * factor
        future = pd.period_range(prep.index[-1] + 1, periods=h, freq=prep.index.freq)
        extra = prep.beta * cny_regressor(future) if prep.beta else np.zeros(h)
        bounds = self._bounds(mean + extra, se, prep)
        model = best + (" [log]" if prep.log else "") + (" +CNY" if prep.beta else "")
        frame = pd.DataFrame({"step": np.arange(1, h + 1, dtype="int64"),
                              "period": period_labels(future), **bounds, "model": model})
        metrics = self._metrics([(o, mu, sd * factor) for o, mu, sd in folds], prep, scale)
        info = {"members": params, "transform": "log" if prep.log else "none",
                "cny_beta": prep.beta, "interval_factor": round(factor, 4), "filled_gaps": prep.filled, "n_obs": len(prep.z),
                "backtest_scores": {k: round(v, 4) for k, v in scores.items()}}
        method = "analytic" if len(members) == 1 else "analytic (mean of members' SE)"
        if factor != 1.0:
            method += f", widened ×{factor:.2f} to match backtest errors"
        return ForecastResult(frame[OUTPUT_COLUMNS], model, info, metrics, self.frequency,
                              method, scores)

    def _bounds(self, mean: np.ndarray, se: np.ndarray, prep: _Prepared) -> dict[str, np.ndarray]:
        """Point and 80/95 % bounds on the original scale."""
        out = {"point": mean}
        for lv in (80, 95):
            q = norm.ppf(0.5 + lv / 200)
            out[f"lo{lv}"], out[f"hi{lv}"] = mean - q * se, mean + q * se
        if prep.log:
            out = {k: np.exp(v) for k, v in out.items()}
        elif prep.nonneg:
            out = {k: np.maximum(v, 0.0) for k, v in out.items()}
        return {k: out[k] for k in ("point", "lo80", "hi80", "lo95", "hi95")}

    def _metrics(self, folds: list, prep: _Prepared, scale: float) -> dict[str, float]:
        """Backtest MASE, sMAPE and interval coverage of the chosen model on this series."""
        if not folds:
            return {"mase": float("nan"), "smape": float("nan"), "coverage80": float("nan"),
                    "coverage95": float("nan"), "folds": 0}
        acts, parts = [], {k: [] for k in ("point", "lo80", "hi80", "lo95", "hi95")}
        for o, mean, se in folds:
            sl = slice(o, o + len(mean))
            b = self._bounds(mean + prep.cny[sl], se, prep)
            acts.append(prep.y[sl])
            for k in parts:
                parts[k].append(b[k])
        a = np.concatenate(acts)
        c = {k: np.concatenate(v) for k, v in parts.items()}
        return {"mase": mase(a, c["point"], scale), "smape": smape(a, c["point"]),
                "coverage80": coverage(a, c["lo80"], c["hi80"]),
                "coverage95": coverage(a, c["lo95"], c["hi95"]), "folds": len(folds)}


def _score(folds: list, prep: _Prepared, scale: float) -> float:
    """Mean absolute error of the back-transformed backtest points over the MASE scale."""
    if not folds:
        return float("inf")
    errs = []
    for o, mean, _ in folds:
        sl = slice(o, o + len(mean))
        point = mean + prep.cny[sl]
        point = np.exp(point) if prep.log else point
        errs.append(np.abs(prep.y[sl] - point))
    err = float(np.mean(np.concatenate(errs)))
    return err / scale if scale > 0 else err


def _calibration(folds: list, prep: _Prepared) -> float:
    """Factor on the model's SE so that 95 % of backtest errors fall inside the 95 % interval.

    Analytic SEs ignore parameter and model uncertainty (too narrow) or assume a worse fit
    than the series shows (too wide); the rolling-origin errors of the same model on the same
    series measure by how much. The factor is limited to :data:`CALIBRATION`.
    """
    ratios = []
    for o, mean, se in folds:
        err = prep.z[o:o + len(mean)] - mean
        ok = se > 0
        ratios.append(np.abs(err[ok] / se[ok]))
    if not ratios or not len(r := np.concatenate(ratios)):
        return 1.0
    level = min(1.0, np.ceil((len(r) + 1) * 0.95) / len(r))  # split-conformal small-sample level
    lo, hi = CALIBRATION
    return float(np.clip(np.quantile(r, level) / norm.ppf(0.975), lo, hi))


def _members(name: str) -> list[str]:
    return name[len("Comb("):-1].split(" + ") if name.startswith("Comb(") else [name]


def _combo_name(members: list[str]) -> str:
    return "Comb(" + " + ".join(members) + ")"


def _complexity(name: str) -> int:
    return {"Naive": 0, "SeasonalNaive": 1}.get(name, 2 + len(_members(name)))


def forecast_series(series: pd.DataFrame, *, horizon: int | None = None,
                    frequency: str | None = None, cny: bool | None = None) -> pd.DataFrame:
    """Forecast one series ``(ds, y)``: one row per step with 80/95 % intervals and the model.

    ``ds`` holds period labels (``YYYY-MM``, ``YYYYQn``, ``YYYY``; frequency inferred) or
    timestamps (give ``frequency``). Raises :class:`ForecastError` when it cannot be forecast.
    """
    return fit_series(series, horizon=horizon, frequency=frequency, cny=cny).frame


def fit_series(series: pd.DataFrame, *, horizon: int | None = None, frequency: str | None = None,
               cny: bool | None = None, folds: int | None = None) -> ForecastResult:
    """:func:`forecast_series` with the full result: model, parameters, backtest metrics."""
    missing = [c for c in ("ds", "y") if c not in series.columns]
    if missing:
        raise ForecastError(f"缺少列 missing column(s) {missing}; need ds, y")
    if series.empty:
        raise ForecastError("序列为空 the series is empty")
    freq = normalise_frequency(frequency) if frequency else infer_frequency(series["ds"])
    index = to_periods(series["ds"], freq)
    y = pd.Series(pd.to_numeric(series["y"], errors="coerce").to_numpy(float), index=index)
    return AutoForecaster(frequency=freq, horizon=horizon, cny=cny, folds=folds).fit(y).result_
