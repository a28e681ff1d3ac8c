"""Per-series choice between combinations and short-series backtest rules, on the TUNING part.

``--cache`` computes, for every series of the tuning part (its last ``H`` periods dropped; the
``H`` before them the validation; ``--keep N``: only the last N periods before them), the
members' backtests on the raw values and on logs, and for each candidate combination (one
member alone; the mean or median of the best ``k``) its backtest score and its validation MASE,
plus the series' features known before the forecast origin (:func:`series_features`). Where
the forecaster's backtest rules (``SEASONAL_LEAD``, ``RESEARCH``) change a series, the same
candidates under the earlier rules (``raw0``) and with every member's form searched again
(``F``) are added. ``--evaluate`` prints the forecaster against the earlier rules, fixed
candidates against the current settings, and selection rules (leave-one-data-set-out
cross-validation, so a rule is judged only on data sets it was not learned on).

Usage: ``nice -n 10 python bench/forecast/choose.py --cache cache.csv [--limit 60] [--jobs 2]``
then ``python bench/forecast/choose.py --evaluate cache.csv``
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from datasets import LOADERS, Series, first_series, split  # noqa: E402
from haisi.models.forecast import auto  # noqa: E402
from haisi.models.forecast.members import members_for  # noqa: E402
from haisi.models.forecast.metrics import mase, mase_scale  # noqa: E402
from haisi.models.forecast.periods import season_length  # noqa: E402

MEMBER_SETS = {"6": auto.MEMBER_NAMES, "5": auto.MEMBER_NAMES[1:]}


def series_features(y: np.ndarray, m: int) -> dict[str, float]:
    """Features of a series known before its forecast origin (for choosing a combination).

    On logs when positive: length in seasons, seasonal and trend strength (classical
    decomposition: 1 − var(remainder) / var(remainder + component)), the last season's level
    shift against the season before in units of the mean absolute seasonal difference, and
    that mean absolute difference itself (volatility).
    """
    z = np.log(y) if (y > 0).all() else (y - y.mean()) / (np.std(y) or 1.0)
    n, mm = len(z), max(m, 1)
    out = {"seasons": n / mm, "season_str": 0.0, "trend_str": 0.0}
    if m > 1 and n >= 2 * m + 1:
        kernel = np.r_[0.5, np.ones(m - 1), 0.5] / m if m % 2 == 0 else np.ones(m) / m
        trend = np.convolve(z, kernel, mode="valid")
        off = (len(z) - len(trend)) // 2
        detr = z[off : off + len(trend)] - trend
        pos = (np.arange(len(detr)) + off) % m
        season = np.array([detr[pos == j].mean() for j in range(m)])
        season -= season.mean()
        rem = detr - season[pos]
        out["season_str"] = max(0.0, 1 - np.var(rem) / max(np.var(rem + season[pos]), 1e-12))
    else:
        trend, rem = z, np.zeros(n)
        if n >= 5:
            trend = np.convolve(z, np.ones(3) / 3, mode="valid")
            rem = z[1:-1] - trend
    out["trend_str"] = max(0.0, 1 - np.var(rem) / max(np.var(rem + trend - trend.mean()), 1e-12))
    d = np.abs(z[mm:] - z[:-mm]) if n > mm else np.abs(np.diff(z))
    vol = float(np.mean(d)) if len(d) else 0.0
    out["volatility"] = vol
    if n >= 2 * mm:
        shift = float(z[-mm:].mean() - z[-2 * mm : -mm].mean())
        out["shift"] = shift / vol if vol > 0 else 0.0
    else:
        out["shift"] = 0.0
    return {k: float(v) for k, v in out.items()}


def _one(s: Series, keep: int | None = None, freq: str = "monthly") -> list[dict]:
    """Every candidate's backtest score and validation MASE on one series, with its features.

    ``keep``: only the last ``keep`` periods before the validation are seen (a short series
    of frequency ``freq``; other frequencies are then skipped).
    """
    if keep and s.frequency != freq:
        return []
    hist, actual = split(s, "tune", keep)
    y, h, m = hist.values, len(actual), season_length(s.frequency)
    scale = mase_scale(y, m)
    feats = series_features(y, m)
    rows = []
    # raw0: the earlier rules (seasonal members only with half a horizon of origins after two
    # seasons + 2 points; no form searched again), where they differ from the forecaster's
    old_lead = max(2, h // 2)
    old_window = auto.backtest_window(len(y), m, h, old_lead)
    new_window = auto.backtest_window(len(y), m, h)
    differs = old_window != new_window or 2 * new_window[1] < len(y)
    for transform in ("raw", "log", "raw0") if differs else ("raw", "log"):
        log = transform == "log"
        if log and not (y > 0).all():
            continue
        z = np.log(y) if log else y
        rules = {"seasonal_lead": old_lead, "research": ()} if transform == "raw0" else {}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bt = auto.run_backtest(z, m, h, h, auto.MEMBER_NAMES, **rules)
        if not bt.paths:
            continue
        back = np.exp if log else (lambda v: v)
        win = auto._window_values(y, bt.origins, bt.horizon)
        scores = auto.member_scores(bt, y, log, scale)
        base = {"dataset": s.dataset, "series_id": s.series_id, "n": len(y), **feats}

        def add(name: str, paths: list, finals: list, how: str) -> None:
            agg = np.mean if how == "mean" else np.median
            comb = agg(np.stack(paths), axis=0)
            point = agg(np.stack(finals), axis=0)[:h]
            bt_score = float(np.nanmean(np.abs(win - back(comb))) / scale)
            val = mase(actual, back(point), scale)
            rows.append({**base, "cand": f"{transform}|{name}", "bt": bt_score, "val": val})

        if transform == "raw" and 2 * bt.origins[0] < len(y):  # forms chosen on < half
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                fresh = members_for(z, m, auto.MEMBER_NAMES)
            finals = {k: fresh[k].path(z, h) if k in fresh else bt.final[k] for k in bt.paths}
            _candidates(add, bt, scores, finals, "F")  # every member's form searched again
        _candidates(add, bt, scores, bt.final, "")
    return rows


def _candidates(add, bt, scores: dict, finals: dict, tag: str) -> None:
    """Each member alone, and the mean and median of the best k of each member set."""
    for k in bt.paths:
        add(tag + k, [bt.paths[k]], [finals[k]], "mean")
    for set_name, names in MEMBER_SETS.items():
        have = sorted((n for n in names if n in bt.paths), key=scores.__getitem__)
        for k in range(2, len(names) + 1) if have else ():
            chosen = have[:k]  # k beyond the members there: all of them (as the forecaster)
            for how in ("mean", "median"):
                add(
                    f"{tag}{set_name}|{k}|{how}",
                    [bt.paths[c] for c in chosen],
                    [finals[c] for c in chosen],
                    how,
                )


def cache(
    path: Path,
    datasets: list[str],
    limit: int | None,
    jobs: int,
    keep: int | None = None,
    freq: str = "monthly",
) -> None:
    """Compute the candidates of every series and write them to ``path``."""
    series = first_series(datasets, limit)
    more = [keep] * len(series), [freq] * len(series)
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            rows = [r for out in pool.map(_one, series, *more, chunksize=2) for r in out]
    else:
        rows = [r for s in series for r in _one(s, keep, freq)]
    pd.DataFrame(rows).to_csv(path, index=False)


FREQ = {"tcomp_yearly": "yearly", "tcomp_quarterly": "quarterly", "aus_domestic": "quarterly"}
#: the current settings' combination per frequency (auto.SETTINGS), as a candidate name
CURRENT = {"monthly": "raw|5|5|mean", "quarterly": "raw|6|5|median", "yearly": "log|6|5|mean"}
FEATURES = ["lseasons", "season_str", "trend_str", "volatility", "shift", "spread", "rel_bt"]


def tables(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(validation MASE, backtest score) as series × candidate, and the per-series features."""
    df = df.assign(freq=df["dataset"].map(lambda d: FREQ.get(d, "monthly")))
    key = ["dataset", "series_id"]
    val = df.pivot_table(index=key, columns="cand", values="val")
    bt = df.pivot_table(index=key, columns="cand", values="bt")
    feats = df.groupby(key)[
        ["freq", "n", "seasons", "season_str", "trend_str", "volatility", "shift"]
    ].first()
    feats["lseasons"] = np.log(feats["seasons"])
    singles = [c for c in bt.columns if c.startswith("raw|") and c.count("|") == 1]
    feats["spread"] = np.log(bt[singles]).std(axis=1)
    feats["cur"] = feats["freq"].map(CURRENT)
    return val, bt, feats


def _pick(frame: pd.DataFrame, feats: pd.DataFrame) -> np.ndarray:
    """Each series' value of the current-settings candidate."""
    cols = {c: i for i, c in enumerate(frame.columns)}
    return frame.to_numpy()[np.arange(len(frame)), feats["cur"].map(cols).to_numpy()]


def _design(feats: pd.DataFrame, rel_bt: np.ndarray) -> np.ndarray:
    """Standardised features plus intercept and frequency dummies."""
    x = feats.assign(rel_bt=rel_bt)[FEATURES].to_numpy(float)
    x = np.nan_to_num(x)
    dummies = np.stack([(feats["freq"] == f).to_numpy(float) for f in CURRENT], axis=1)
    return np.hstack([x, dummies])


def _ridge(x: np.ndarray, t: np.ndarray, lam: float) -> np.ndarray:
    mu, sd = x.mean(0), x.std(0) + 1e-9
    xs = np.hstack([np.ones((len(x), 1)), (x - mu) / sd])
    pen = lam * np.eye(xs.shape[1])
    pen[0, 0] = 0
    w = np.linalg.solve(xs.T @ xs + pen, xs.T @ t)
    return np.r_[w[0] - (w[1:] * mu / sd).sum(), w[1:] / sd]


def learned(val, bt, feats, alts: list[str], lam: float, margin: float) -> pd.Series:
    """Leave-one-data-set-out: the candidate whose predicted log-ratio to current is lowest."""
    cur_val, cur_bt = _pick(val, feats), _pick(bt, feats)
    out = pd.Series(cur_val, index=val.index)
    ds = val.index.get_level_values("dataset")
    preds = {}
    for c in alts:
        ok = np.isfinite(val[c]) & np.isfinite(bt[c]) & (cur_val > 0) & (val[c] > 0)
        x = _design(feats, np.log(bt[c].to_numpy() / cur_bt))
        t = np.log(val[c].to_numpy() / cur_val)
        p = np.full(len(val), np.inf)
        for d in ds.unique():
            train = ok & (ds != d)
            w = _ridge(x[train], np.clip(t[train], -1, 1), lam)
            test = ok & (ds == d)
            p[test] = w[0] + x[test] @ w[1:]
        preds[c] = p
    pm = np.stack([preds[c] for c in alts], axis=1)
    best = pm.argmin(1)
    use = pm[np.arange(len(pm)), best] < -margin
    chosen = np.array(alts)[best]
    vals = val.to_numpy()
    cols = {c: i for i, c in enumerate(val.columns)}
    for i in np.flatnonzero(use):
        out.iloc[i] = vals[i, cols[chosen[i]]]
    return out


def by_backtest(val, bt, feats, alts: list[str], factor: float) -> pd.Series:
    """The candidate with the lowest backtest score, if below ``factor`` × the current's."""
    cur_val, cur_bt = _pick(val, feats), _pick(bt, feats)
    b = bt[alts].to_numpy()
    b = np.where(np.isfinite(b), b, np.inf)
    best = b.argmin(1)
    use = b[np.arange(len(b)), best] < factor * cur_bt
    v = val[alts].to_numpy()[np.arange(len(b)), best]
    return pd.Series(np.where(use, v, cur_val), index=val.index)


def evaluate(path: Path) -> None:
    """Fixed candidates and selection rules against the current settings, per data set."""
    val, bt, feats = tables(pd.read_csv(path, dtype={"series_id": str}))
    cur = pd.Series(_pick(val, feats), index=val.index)
    ds = val.index.get_level_values("dataset")
    pd.set_option("display.width", 250)
    print("series per data set:", ds.value_counts().to_dict())
    print("current settings, mean validation MASE:")
    print(cur.groupby(level="dataset").mean().round(4).to_string())
    old = feats["cur"].map(lambda c: "raw0" + c[3:] if c.startswith("raw|") else c)
    earlier = pd.Series(
        [val.at[i, c] if c in val.columns else np.nan for i, c in zip(val.index, old)],
        index=val.index,
    ).fillna(cur)  # the earlier backtest rules where they differ (raw0), else the same
    if (earlier != cur).any():
        changed = (earlier != cur).groupby(level="dataset").sum()
        ratio = cur.groupby(level="dataset").mean() / earlier.groupby(level="dataset").mean()
        print("\nforecaster ÷ the earlier backtest rules (series changed):")
        print(pd.DataFrame({"ratio": ratio.round(3), "changed": changed}).to_string())
    for f in CURRENT:
        sel = (feats["freq"] == f).to_numpy()
        # a candidate missing on a series (member failed) counts as the current settings there
        filled = val[sel].apply(lambda col: col.fillna(cur[sel]))
        r = (
            filled.groupby(level="dataset")
            .mean()
            .div(cur[sel].groupby(level="dataset").mean(), axis=0)
        )
        r = r.T.dropna()
        r["mean"] = r.mean(axis=1)
        print(f"\n{f}: fixed candidates, mean MASE ÷ current (best 12)")
        print(r.sort_values("mean").head(12).round(3).to_string())
    rules = {}
    alt_sets = {
        "small": ["raw|ETS", "raw|6|3|median", "log|HWD"],
        "wide": [
            "raw|ETS",
            "raw|6|3|median",
            "log|HWD",
            "log|5|5|mean",
            "raw|Theta",
            "raw|6|6|mean",
            "log|6|3|median",
        ],
    }
    for an, alts in alt_sets.items():
        alts = [a for a in alts if a in val.columns]
        for fac in (0.8, 0.9, 1.0):
            rules[f"bt<{fac} {an}"] = by_backtest(val, bt, feats, alts, fac)
        for lam in (1.0, 30.0) if ds.nunique() >= 3 else ():  # leave-one-out needs others
            for mg in (0.0, 0.02, 0.05):
                rules[f"learn {an} lam{lam} m{mg}"] = learned(val, bt, feats, alts, lam, mg)
    base = cur.groupby(level="dataset").mean()
    t = pd.DataFrame({k: v.groupby(level="dataset").mean() / base for k, v in rules.items()}).T
    t["mean"] = t.mean(axis=1)
    t["better"] = (t.drop(columns="mean") < 0.999).sum(axis=1)
    t["worse"] = (t.drop(columns=["mean", "better"]) > 1.001).sum(axis=1)
    print("\nrules (leave-one-data-set-out for the learned ones), mean MASE ÷ current:")
    print(t.sort_values("mean").round(3).to_string())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--evaluate", type=Path)
    ap.add_argument("--datasets", default=",".join(LOADERS))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--keep", type=int, default=None, help="periods seen before the validation")
    ap.add_argument("--freq", default="monthly", help="with --keep: the frequency kept")
    args = ap.parse_args()
    if args.cache:
        cache(args.cache, args.datasets.split(","), args.limit, args.jobs, args.keep, args.freq)
    if args.evaluate:
        evaluate(args.evaluate)


if __name__ == "__main__":
    main()
