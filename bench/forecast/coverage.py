"""Interval coverage of haisi's bands per data set, within and beyond the backtest horizon.

A short series' backtest covers fewer steps than the forecast asks (a 33-month series: 7),
so its bands beyond that step are extrapolated; this prints how often the 80 % / 95 % bands
held the actual values, split at the series' own backtest horizon, on the tuning or the frozen
test part, optionally with histories cut to their last ``--keep`` periods (monthly series).

Usage: ``nice -n 10 python bench/forecast/coverage.py --part tune --keep 33 [--limit 30]
[--jobs 2] [--out steps.csv]``
"""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pandas as pd  # noqa: E402
from datasets import Series, first_series, split  # noqa: E402
from haisi.models.forecast import fit_series  # noqa: E402
from haisi.models.forecast.periods import ForecastError  # noqa: E402
from run import _frame, _quiet  # noqa: E402

MONTHLY = (
    "singstat,china_bilateral,aus_inbound,aus_outbound,tcomp,crossstrait_teu,crossstrait_visitors"
)


def steps(args: tuple[Series, str, int | None]) -> list[dict]:
    """One row per forecast step of one series: inside each band, beyond the backtest or not."""
    s, part, keep = args
    hist, actual = split(s, part, keep)
    try:
        res = _quiet(fit_series)(_frame(hist), horizon=len(actual), frequency=s.frequency)
    except ForecastError:
        return []
    f, H = res.frame, int(res.params.get("backtest_horizon", 0))
    return [
        {
            "dataset": s.dataset,
            "series_id": s.series_id,
            "n": len(hist.values),
            "step": j + 1,
            "beyond": j + 1 > H,
            **{f"in{lv}": bool(f[f"lo{lv}"][j] <= a <= f[f"hi{lv}"][j]) for lv in (80, 95)},
        }
        for j, a in enumerate(actual)
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=["tune", "test"], default="tune")
    ap.add_argument("--keep", type=int, default=None, help="periods of history shown")
    ap.add_argument("--datasets", default=MONTHLY)
    ap.add_argument("--limit", type=int, default=30, help="series per data set")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", type=Path, default=None, help="per-step CSV")
    args = ap.parse_args()
    series = first_series(args.datasets.split(","), args.limit)
    if args.keep:  # a cut history only means something for the monthly series
        series = [s for s in series if s.frequency == "monthly"]
    tasks = [(s, args.part, args.keep) for s in series]
    with ProcessPoolExecutor(args.jobs) as pool:
        df = pd.DataFrame([r for rows in pool.map(steps, tasks) for r in rows])
    if args.out:
        df.to_csv(args.out, index=False)
    print(f"# coverage, part={args.part}, keep={args.keep}: {df['series_id'].nunique()} series")
    table = df.groupby(["dataset", "beyond"])[["in80", "in95"]].mean().unstack().round(3)
    print(table.to_string())
    print(df.groupby("beyond")[["in80", "in95"]].mean().round(3).to_string())


if __name__ == "__main__":
    main()
