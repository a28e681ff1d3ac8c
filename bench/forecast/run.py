"""Accuracy and speed of haisi's forecaster on the Tourism Forecasting Competition series.

Data: ``shared/data/tourism/tcomp`` (training parts of the developer half). For each series the
last ``horizon`` training points (24 monthly, 8 quarterly, 4 yearly) are held out; models see
only the points before them. Prints MASE per frequency (scale: in-sample seasonal naive MAE of
the shortened training part, as in the competition) for haisi and seasonal naive, 80/95 %
interval coverage, the models chosen, and seconds per 100 series (one process, one core).
If ``statsforecast`` is installed (bench-only extra), its AutoETS / AutoARIMA run on the same
series in the same run and their accuracy and time ratios are printed.

Usage: ``python bench/forecast/run.py [--quick] [--data DIR] [--per-freq N]``
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from haisi.models.forecast import fit_series  # noqa: E402
from haisi.models.forecast.metrics import coverage, mase, mase_scale  # noqa: E402
from haisi.models.forecast.periods import default_horizon, season_length  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "tourism" / "tcomp"


def load(data: Path, per_freq: int | None) -> list[tuple[str, str, pd.DataFrame, np.ndarray]]:
    """(series_id, frequency, training frame ds/y, held-out values) for every series used."""
    train = pd.read_csv(data / "train.csv", dtype={"period": str})
    out = []
    for freq, group in train.groupby("frequency", sort=False):
        ids = list(dict.fromkeys(group["series_id"]))
        if per_freq:
            ids = ids[:per_freq]
        h = default_horizon(freq)
        for sid in ids:
            s = group[group["series_id"] == sid]
            fit_part = s.iloc[:-h]
            out.append((sid, freq, fit_part.rename(columns={"period": "ds", "value": "y"})[["ds", "y"]]
                        .reset_index(drop=True), s["value"].to_numpy()[-h:]))
    return out


def snaive(y: np.ndarray, m: int, h: int) -> np.ndarray:
    """Seasonal naive forecast (naive when m = 1)."""
    return y[-m:][np.arange(h) % m]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--quick", action="store_true", help="20 series per frequency")
    ap.add_argument("--per-freq", type=int, default=None, help="series per frequency (default all)")
    args = ap.parse_args()
    per_freq = args.per_freq or (20 if args.quick else None)
    series = load(args.data, per_freq)
    rows = []
    t_total = 0.0
    for sid, freq, frame, actual in series:
        m, h = season_length(freq), default_horizon(freq)
        y = frame["y"].to_numpy(float)
        scale = mase_scale(y, m)
        t0 = time.perf_counter()
        res = fit_series(frame, horizon=h, frequency=freq)
        seconds = time.perf_counter() - t0
        t_total += seconds
        fc = res.frame
        rows.append({
            "series_id": sid, "frequency": freq, "model": res.model, "seconds": seconds,
            "mase": mase(actual, fc["point"], scale),
            "mase_snaive": mase(actual, snaive(y, m, h), scale),
            "cov80": coverage(actual, fc["lo80"], fc["hi80"]),
            "cov95": coverage(actual, fc["lo95"], fc["hi95"]),
            "bt_cov95": res.metrics["coverage95"],
        })
    df = pd.DataFrame(rows)
    print(f"haisi forecast bench: {len(df)} series from {args.data}")
    print(f"{'frequency':<10} {'n':>4} {'MASE haisi':>11} {'MASE snaive':>12} {'ratio':>6} "
          f"{'cov80':>6} {'cov95':>6} {'s/100':>6}")
    for freq, g in df.groupby("frequency", sort=False):
        print(f"{freq:<10} {len(g):>4} {g.mase.mean():>11.3f} {g.mase_snaive.mean():>12.3f} "
              f"{g.mase.mean() / g.mase_snaive.mean():>6.3f} {g.cov80.mean():>6.3f} "
              f"{g.cov95.mean():>6.3f} {100 * g.seconds.mean():>6.1f}")
    print(f"{'all':<10} {len(df):>4} {df.mase.mean():>11.3f} {df.mase_snaive.mean():>12.3f} "
          f"{df.mase.mean() / df.mase_snaive.mean():>6.3f} {df.cov80.mean():>6.3f} "
          f"{df.cov95.mean():>6.3f}")
    print(f"seconds per 100 series (one core): {100 * t_total / len(df):.1f}")
    print("models chosen:", df["model"].str.replace(r" \[log\]| \+CNY", "", regex=True)
          .value_counts().to_dict())
    _statsforecast(series, df)


def _statsforecast(series, df: pd.DataFrame) -> None:
    """AutoETS / AutoARIMA from statsforecast on the same series, if installed."""
    try:
        from statsforecast.models import AutoARIMA, AutoETS
    except ImportError:
        print("statsforecast not installed: baseline skipped (pip install -r requirements/bench.txt)")
        return
    for name, cls in (("AutoETS", AutoETS), ("AutoARIMA", AutoARIMA)):
        errs, t = [], 0.0
        for sid, freq, frame, actual in series:
            m, h = season_length(freq), default_horizon(freq)
            y = frame["y"].to_numpy(float)
            t0 = time.perf_counter()
            fc = cls(season_length=m).forecast(y=y, h=h)["mean"]
            t += time.perf_counter() - t0
            errs.append(mase(actual, fc, mase_scale(y, m)))
        print(f"statsforecast {name}: MASE {np.mean(errs):.3f} (haisi/that = "
              f"{df.mase.mean() / np.mean(errs):.3f}), seconds per 100 series "
              f"{100 * t / len(series):.1f}")


if __name__ == "__main__":
    main()
