"""Choose the forecaster's settings on the TUNING part only (never on the frozen test part).

For each series the last ``H`` periods are dropped (the frozen test part) and the ``H`` before
them are the validation. Members' backtests are computed once per series; the variants —
which members, how many of the best to combine (``top_k``), CNY on/off/decided, interval
factor — are then scored on the validation periods: mean MASE and 80/95 % coverage per data set.

Usage: ``nice -n 10 python bench/forecast/tune.py [--limit 20] [--datasets a,b] [--jobs 2]``
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from datasets import LOADERS, Series, split  # noqa: E402
from haisi.models.forecast import auto  # noqa: E402
from haisi.models.forecast.metrics import coverage, mase, mase_scale  # noqa: E402
from haisi.models.forecast.periods import season_length  # noqa: E402

ALL = ("Naive", "SeasonalNaive", "ETS", "Theta", "CES", "ARIMA")
MEMBER_SETS = {
    "base": ("Naive", "SeasonalNaive", "ETS", "Theta", "CES"),
    "base+ARIMA": ALL,
    "no-naives": ("ETS", "Theta", "CES"),
    "no-naives+ARIMA": ("ETS", "Theta", "CES", "ARIMA"),
}


def _one(s: Series) -> list[dict]:
    """Every variant on one series' validation periods."""
    hist, actual = split(s, "tune")
    h = len(actual)
    m = season_length(s.frequency)
    y = hist.values
    log = bool((y > 0).all())
    z = np.log(y) if log else y
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bt = auto.run_backtest(z, m, h, h, ALL)
    scale = mase_scale(y, m)
    rows = []
    if not bt.paths:
        return rows
    back = np.exp if log else (lambda v: v)
    win_actual = auto._window_values(z, bt.origins, bt.horizon)
    for (set_name, names), k in itertools.product(MEMBER_SETS.items(), (1, 2, 3, 4)):
        sub = auto.Backtest(
            bt.origins,
            bt.horizon,
            {n: bt.paths[n] for n in names if n in bt.paths},
            {n: bt.final[n] for n in names if n in bt.final},
            bt.names,
        )
        if not sub.paths or k > len(sub.paths):
            continue
        scores = auto.member_scores(sub, y, log, scale)
        chosen = sorted(scores, key=scores.get)[:k]
        for how in ("median", "mean"):
            agg = np.median if how == "median" else np.mean
            comb = agg(np.stack([sub.paths[c] for c in chosen]), axis=0)
            point = agg(np.stack([sub.final[c] for c in chosen]), axis=0)[:h]
            half = auto.conformal_halfwidths(win_actual - comb, (80, 95), h, 1.0)
            row = {
                "dataset": s.dataset,
                "series_id": s.series_id,
                "members": set_name,
                "k": k,
                "how": how,
                "mase": mase(actual, back(point), scale),
            }
            for lv in (80, 95):
                for f in (0.8, 0.9, 1.0, 1.1, 1.2):
                    lo, hi = back(point - f * half[lv]), back(point + f * half[lv])
                    if not log and (y >= 0).all():
                        lo = np.maximum(lo, 0)
                    row[f"cov{lv}x{f}"] = coverage(actual, lo, hi)
            rows.append(row)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", default=",".join(LOADERS))
    ap.add_argument("--limit", type=int, default=20)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    series = []
    for name in args.datasets.split(","):
        by: dict[str, list[Series]] = {}
        for s in LOADERS[name]():
            by.setdefault(s.dataset, []).append(s)
        series += [s for g in by.values() for s in g[: args.limit]]
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:
            rows = [r for out in pool.map(_one, series, chunksize=2) for r in out]
    else:
        rows = [r for s in series for r in _one(s)]
    df = pd.DataFrame(rows)
    if args.out:
        df.to_csv(args.out, index=False)
    keys = ["members", "k", "how"]
    t = df.groupby(["dataset", *keys])["mase"].mean().unstack("dataset")
    t["mean_ratio"] = (t / t.min()).mean(axis=1)
    pd.set_option("display.width", 250)
    print(t.sort_values("mean_ratio").round(3).head(15).to_string())
    cov = [c for c in df.columns if c.startswith("cov")]
    best = df[(df.members == "base") & (df.k == 3) & (df.how == "median")]
    print(best.groupby("dataset")[cov].mean().round(3).T.to_string())


if __name__ == "__main__":
    main()
