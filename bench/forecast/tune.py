"""Choose the forecaster's settings on the TUNING part only (never on the frozen test part).

For each series the last ``H`` periods are dropped (the frozen test part) and the ``H`` before
them are the validation. Members' backtests are computed once per series; the variants — which
members, how many of the best to combine (``k``), their median or mean, the final forecast from
the pre-origin parameters (``stale``) or refitted on every observation (``refit``), seasonal
naive instead when its backtest error is below ``switch`` × the combination's — are scored on
the validation periods: mean MASE per data set, as a ratio to the best baseline when
``--baselines`` gives ``run.py --part tune`` results, and 80/95 % coverage of the best variant
at interval factors 0.9–1.5.

Usage: ``nice -n 10 python bench/forecast/tune.py [--limit 25] [--jobs 2] --out tune.csv
[--baselines tune_baselines.csv]`` (``--load`` re-reads ``--out``)
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
from datasets import LOADERS, Series, first_series, split  # noqa: E402
from haisi.models.forecast import auto  # noqa: E402
from haisi.models.forecast.metrics import coverage, mase, mase_scale  # noqa: E402
from haisi.models.forecast.periods import season_length  # noqa: E402

ALL = ("Naive", "SeasonalNaive", "ETS", "Theta", "CES", "HWD", "Airline")
MEMBER_SETS = {
    "base": ("Naive", "SeasonalNaive", "ETS", "Theta", "CES"),
    "base+HWD": ("Naive", "SeasonalNaive", "ETS", "Theta", "CES", "HWD"),
    "base+HWD+Airline": ALL,
    "strong+SN": ("SeasonalNaive", "ETS", "Theta", "CES", "HWD"),
}
#: score weights: an origin this many origins before the last counts half (inf: equal)
HALF_LIVES = (np.inf, 12.0)
FACTORS = (0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5)


def _one(s: Series) -> list[dict]:
    """Every variant on one series' validation periods."""
    hist, actual = split(s, "tune")
    y = hist.values
    rows: list[dict] = []
    positive = bool((y > 0).all())
    for transform in ("log", "raw"):  # log: where every value is positive (as the forecaster)
        log = transform == "log" and positive
        rows += [
            {**r, "transform": transform}
            for r in _variants(s, hist, actual, np.log(y) if log else y, log)
        ]
    return rows


def _combine(paths: list[np.ndarray], how: str, log: bool) -> np.ndarray:
    """Median or mean on the model scale, or the mean on the original scale (``mean-orig``)."""
    if how == "median":
        return np.median(np.stack(paths), axis=0)
    if how == "mean-orig" and log:
        return np.log(np.mean(np.exp(np.stack(paths)), axis=0))
    return np.mean(np.stack(paths), axis=0)


def _variants(s: Series, hist: Series, actual: np.ndarray, z: np.ndarray, log: bool) -> list:
    h = len(actual)
    m = season_length(s.frequency)
    y = hist.values
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bt = auto.run_backtest(z, m, h, h, ALL)
    scale = mase_scale(y, m)
    rows: list[dict] = []
    if not bt.paths:
        return rows
    back = np.exp if log else (lambda v: v)
    win_actual = auto._window_values(z, bt.origins, bt.horizon)
    for (set_name, names), k, hl in itertools.product(
        MEMBER_SETS.items(), (3, 4, 5, 6), HALF_LIVES
    ):
        all_scores = auto.member_scores(bt, y, log, scale, hl)
        have = [n for n in names if n in bt.paths]
        if not have:
            continue  # k beyond the members there: all of them (as the forecaster does)
        chosen = sorted(have, key=all_scores.__getitem__)[:k]
        for how, final in itertools.product(("median", "mean", "mean-orig"), ("refit", "stale")):
            src = bt.final if final == "refit" else bt.stale
            comb = _combine([bt.paths[c] for c in chosen], how, log)
            point = _combine([src[c] for c in chosen], how, log)[:h]
            comb_score = float(np.nanmean(np.abs(back(win_actual) - back(comb))) / scale)
            for switch in (0.0, 0.9):
                use_sn = (
                    switch > 0
                    and "SeasonalNaive" in bt.paths
                    and all_scores["SeasonalNaive"] < switch * comb_score
                )
                p = src["SeasonalNaive"][:h] if use_sn else point
                c = bt.paths["SeasonalNaive"] if use_sn else comb
                row = {
                    "dataset": s.dataset,
                    "series_id": s.series_id,
                    "members": set_name,
                    "k": k,
                    "half_life": hl,
                    "how": how,
                    "final": final,
                    "switch": switch,
                    "mase": mase(actual, back(p), scale),
                }
                if switch == 0.0:
                    half = auto.conformal_halfwidths(win_actual - c, (80, 95), h, 1.0)
                    for lv in (80, 95):
                        for f in FACTORS:
                            lo, hi = back(p - f * half[lv]), back(p + f * half[lv])
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
    ap.add_argument(
        "--baselines",
        type=Path,
        default=None,
        help="run.py --part tune results of the baselines: ratios to the best of them",
    )
    ap.add_argument("--load", action="store_true", help="read --out instead of fitting")
    args = ap.parse_args()
    if args.load:
        df = pd.read_csv(args.out, dtype={"series_id": str})
    else:
        df = pd.DataFrame(_rows(args.datasets.split(","), args.limit, args.jobs))
        if args.out:
            df.to_csv(args.out, index=False)
    print(summary(df, args.baselines))


def _rows(datasets: list[str], limit: int, jobs: int) -> list[dict]:
    series = first_series(datasets, limit)
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            return [r for out in pool.map(_one, series, chunksize=2) for r in out]
    return [r for s in series for r in _one(s)]


def summary(df: pd.DataFrame, baselines: Path | None) -> str:
    """Variants ranked by their worst data set; coverage of the best variant per factor."""
    keys = ["transform", "members", "k", "half_life", "how", "final", "switch"]
    t = df.groupby(["dataset", *keys])["mase"].mean().unstack("dataset")
    if baselines is not None:
        b = pd.read_csv(baselines, dtype={"series_id": str})
        b = b[b["part"] == "tune"]
        seen = set(zip(df["dataset"], df["series_id"]))
        b = b[[k in seen for k in zip(b["dataset"], b["series_id"])]]
        ref = b.groupby(["dataset", "method"])["mase"].mean().unstack("method").min(axis=1)
    else:
        ref = t.min()
    r = t / ref
    r["worst"], r["mean"] = r.max(axis=1), r.mean(axis=1)
    pd.set_option("display.width", 300)
    out = [r.sort_values("mean").round(3).head(25).to_string()]
    cov = [c for c in df.columns if c.startswith("cov")]
    best_refit = (*r["mean"].idxmin()[:5], "refit", 0.0)  # bands: no naive switch
    sel = df.set_index(keys).loc[best_refit].reset_index()
    freq = sel["dataset"].map(
        lambda d: (
            "yearly"
            if "yearly" in d
            else "quarterly"
            if "quarter" in d or "dom" in d
            else "monthly"
        )
    )
    out.append(f"coverage of {best_refit}:")
    out.append(sel.groupby("dataset")[cov].mean().round(3).T.to_string())
    out.append(sel.groupby(freq)[cov].mean().round(3).T.to_string())
    return "\n".join(out)


if __name__ == "__main__":
    main()
