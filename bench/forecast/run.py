"""haisi's forecaster against textbook baselines on every development data set, per data set.

For each series of each data set (``datasets.py``) the FROZEN TEST part is its last ``H``
periods (24 monthly, 8 quarterly, 4 yearly): every method sees only what precedes them.
``--part tune`` drops those periods altogether and scores the ``H`` before them instead — the
part on which the forecaster's settings were chosen; report figures from ``--part test`` only.

Methods: haisi (``fit_series``); seasonal naive; statsmodels ExponentialSmoothing (additive
damped trend, additive seasonality, on logs when positive); statsmodels ThetaModel
(deseasonalised); statsforecast AutoETS, AutoTheta, AutoARIMA (on the raw series) and the mean
of the three. Prints per data set the mean MASE (scale: in-sample seasonal-naive MAE of the
history), its ratio to the best method, 80/95 % interval coverage on the test periods (where
the method gives intervals) and CPU seconds per 100 series (process time, one thread).

Usage: ``nice -n 10 python bench/forecast/run.py [--part test] [--datasets a,b] [--limit N]
[--jobs 2] [--out results.csv]``
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from datasets import LOADERS, Series, split  # noqa: E402
from haisi.models.forecast.metrics import coverage, mase, mase_scale  # noqa: E402
from haisi.models.forecast.periods import season_length  # noqa: E402

METHODS = [
    "haisi",
    "SeasonalNaive",
    "HW-damped-log",
    "sm-Theta",
    "sf-AutoETS",
    "sf-AutoTheta",
    "sf-AutoARIMA",
    "sf-mean3",
]


def _quiet(fn):
    def run(*a, **k):
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return fn(*a, **k)

    return run


def _frame(s: Series) -> pd.DataFrame:
    return pd.DataFrame({"ds": list(s.periods), "y": s.values})


@_quiet
def _haisi(s: Series, h: int) -> dict:
    from haisi.models.forecast import fit_series

    res = fit_series(_frame(s), horizon=h, frequency=s.frequency)
    f = res.frame
    return {
        "point": f["point"].to_numpy(),
        "lo80": f["lo80"].to_numpy(),
        "hi80": f["hi80"].to_numpy(),
        "lo95": f["lo95"].to_numpy(),
        "hi95": f["hi95"].to_numpy(),
        "model": res.model,
        "grade": res.grade,
    }


def _snaive(s: Series, h: int) -> dict:
    m = season_length(s.frequency)
    y = s.values
    lag = m if len(y) >= m else 1
    return {"point": y[-lag:][np.arange(h) % lag]}


@_quiet
def _hw_log(s: Series, h: int) -> dict:
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    m = season_length(s.frequency)
    y = s.values
    log = bool((y > 0).all())
    z = np.log(y) if log else y
    seasonal = "add" if m > 1 and len(y) >= 2 * m + 2 else None
    fit = ExponentialSmoothing(
        z,
        trend="add",
        damped_trend=True,
        seasonal=seasonal,
        seasonal_periods=m if seasonal else None,
    ).fit()
    p = np.asarray(fit.forecast(h), float)
    return {"point": np.exp(p) if log else p}


@_quiet
def _sm_theta(s: Series, h: int) -> dict:
    from statsmodels.tsa.forecasting.theta import ThetaModel

    m = season_length(s.frequency)
    deseason = m > 1 and len(s.values) >= 2 * m
    try:
        res = ThetaModel(s.values, period=max(m, 1), deseasonalize=deseason).fit()
    except ValueError:  # multiplicative deseasonalising needs positive data
        res = ThetaModel(
            s.values, period=max(m, 1), deseasonalize=deseason, method="additive"
        ).fit()
    return {"point": np.asarray(res.forecast(h), float)}


def _sf(cls_name: str):
    @_quiet
    def run(s: Series, h: int) -> dict:
        from statsforecast import models as sf

        m = season_length(s.frequency)
        fc = getattr(sf, cls_name)(season_length=m).forecast(
            y=s.values.astype(float), h=h, level=[80, 95]
        )
        return {
            "point": fc["mean"],
            "lo80": fc["lo-80"],
            "hi80": fc["hi-80"],
            "lo95": fc["lo-95"],
            "hi95": fc["hi-95"],
        }

    return run


RUNNERS = {
    "haisi": _haisi,
    "SeasonalNaive": _snaive,
    "HW-damped-log": _hw_log,
    "sm-Theta": _sm_theta,
    "sf-AutoETS": _sf("AutoETS"),
    "sf-AutoTheta": _sf("AutoTheta"),
    "sf-AutoARIMA": _sf("AutoARIMA"),
}


def evaluate(args: tuple[Series, str, list[str]]) -> list[dict]:
    """Every method on one series: MASE, coverage and CPU seconds (rows for the table)."""
    s, part, methods = args
    hist, actual = split(s, part)
    if len(hist.values) < 3:  # nothing to forecast from (a short series' tuning part)
        return []
    h = len(actual)
    scale = mase_scale(hist.values, season_length(s.frequency))
    rows, points = [], {}
    for name in methods:
        if name == "sf-mean3":
            continue
        t0 = time.process_time()
        try:
            out = RUNNERS[name](hist, h)
        except Exception as exc:  # a baseline failing on a series falls back to seasonal naive
            out = {**_snaive(hist, h), "model": f"failed: {type(exc).__name__}"}
        cpu = time.process_time() - t0
        points[name] = out["point"]
        rows.append(_row(s, name, out, actual, scale, cpu))
    if "sf-mean3" in methods:
        parts = ["sf-AutoETS", "sf-AutoTheta", "sf-AutoARIMA"]
        out = {"point": np.mean([points[p] for p in parts], axis=0)}
        cpu = sum(r["cpu"] for r in rows if r["method"] in parts)
        rows.append(_row(s, "sf-mean3", out, actual, scale, cpu))
    return rows


def _row(s: Series, name: str, out: dict, actual: np.ndarray, scale: float, cpu: float) -> dict:
    row = {
        "dataset": s.dataset,
        "series_id": s.series_id,
        "method": name,
        "cpu": cpu,
        "mase": mase(actual, out["point"], scale),
        "model": out.get("model", ""),
        "grade": out.get("grade", ""),
    }
    for lv in (80, 95):
        row[f"cov{lv}"] = (
            coverage(actual, out[f"lo{lv}"], out[f"hi{lv}"]) if f"lo{lv}" in out else np.nan
        )
    return row


def report(df: pd.DataFrame) -> str:
    """The per-data-set table: MASE, ratio to the best, rank, coverage, CPU s / 100 series."""
    lines = []
    for ds, g in df.groupby("dataset", sort=False):
        t = g.groupby("method", sort=False, observed=True).agg(
            mase=("mase", "mean"),
            cov80=("cov80", "mean"),
            cov95=("cov95", "mean"),
            cpu=("cpu", "mean"),
            n=("series_id", "nunique"),
        )
        best = t["mase"].min()
        t["ratio"] = t["mase"] / best
        t["rank"] = t["mase"].rank(method="min").astype(int)
        lines.append(f"\n## {ds} ({int(t['n'].iloc[0])} series)\n")
        lines.append("| method | MASE | ÷ best | rank | cover 80 % | cover 95 % | CPU s/100 |")
        lines.append("|---|---|---|---|---|---|---|")
        for name, r in t.iterrows():
            cov = [f"{v:.3f}" if np.isfinite(v) else "—" for v in (r.cov80, r.cov95)]
            lines.append(
                f"| {name} | {r.mase:.3f} | {r.ratio:.3f} | {int(r['rank'])} | {cov[0]} | "
                f"{cov[1]} | {100 * r.cpu:.1f} |"
            )
        if "haisi" in t.index and "sf-AutoETS" in t.index:
            lines.append(
                f"\nhaisi CPU ÷ sf-AutoETS CPU: "
                f"{t.loc['haisi', 'cpu'] / t.loc['sf-AutoETS', 'cpu']:.2f}"
            )
    if "haisi" in set(df["method"]) and "sf-AutoETS" in set(df["method"]):
        cpu = df.groupby("method", observed=True)["cpu"].sum()
        lines.append(
            f"\nAll data sets: haisi CPU ÷ sf-AutoETS CPU = "
            f"{cpu['haisi'] / cpu['sf-AutoETS']:.2f} "
            f"({100 * df[df.method == 'haisi'].cpu.mean():.1f} vs "
            f"{100 * df[df.method == 'sf-AutoETS'].cpu.mean():.1f} s per 100 series)"
        )
    return "\n".join(lines)


def _round_robin(series: list[Series]) -> list[Series]:
    by: dict[str, list[Series]] = {}
    for s in series:
        by.setdefault(s.dataset, []).append(s)
    groups = list(by.values())
    return [g[i] for i in range(max(map(len, groups))) for g in groups if i < len(g)]


def _done(out: Path | None, part: str) -> set[tuple[str, str, str]]:
    """(dataset, series, method) already in the results file for this part."""
    if out is None or not out.exists():
        return set()
    d = pd.read_csv(out, dtype={"series_id": str})
    d = d[d["part"] == part]
    return set(zip(d["dataset"], d["series_id"], d["method"]))


def _results(tasks: list, jobs: int):
    """Rows per series as they finish (a process pool when ``jobs`` > 1)."""
    if jobs <= 1:
        yield from map(evaluate, tasks)
        return
    with ProcessPoolExecutor(jobs) as pool:
        yield from pool.map(evaluate, tasks)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=["tune", "test"], default="test")
    ap.add_argument("--datasets", default=",".join(LOADERS))
    ap.add_argument("--methods", default=",".join(METHODS))
    ap.add_argument("--limit", type=int, default=None, help="series per data set (default all)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument(
        "--out",
        type=Path,
        default=None,
        help="per-series results CSV, appended as series finish; a re-run skips "
        "what it holds and reports everything in it",
    )
    ap.add_argument(
        "--report",
        action="store_true",
        help="fit nothing: report the selected series from --out and --merge",
    )
    ap.add_argument(
        "--merge",
        type=Path,
        nargs="*",
        default=[],
        help="per-series CSVs of other runs (e.g. baselines) to report with",
    )
    args = ap.parse_args()
    methods = args.methods.split(",")
    series: list[Series] = []
    for name in args.datasets.split(","):
        got = LOADERS[name]()
        if args.limit:
            by_ds: dict[str, list[Series]] = {}
            for s in got:
                by_ds.setdefault(s.dataset, []).append(s)
            got = [s for group in by_ds.values() for s in group[: args.limit]]
        series += got
    series = _round_robin(series)  # every data set advances together: a cut run stays fair
    done = _done(args.out, args.part)
    tasks = [
        (s, args.part, [m for m in methods if (s.dataset, s.series_id, m) not in done])
        for s in series
    ]
    tasks = [t for t in tasks if t[2] and not args.report]
    t0 = time.time()
    for rows in _results(tasks, args.jobs):
        if args.out and rows:  # one series at a time: an interrupted run resumes there
            pd.DataFrame(rows).assign(part=args.part).to_csv(
                args.out, mode="a", header=not args.out.exists(), index=False
            )
    frames = [pd.read_csv(p, dtype={"series_id": str}) for p in [*args.merge, args.out] if p]
    df = pd.concat(frames, ignore_index=True)
    df = df[
        (df["part"] == args.part)
        & df.set_index(["dataset", "series_id"]).index.isin(
            [(s.dataset, s.series_id) for s in series]
        )
    ]
    df["method"] = pd.Categorical(df["method"], [m for m in METHODS if m in set(df["method"])])
    df = df.sort_values(["dataset", "method"], kind="stable")
    print(
        f"# forecast bench, part={args.part}: "
        f"{len(df[['dataset', 'series_id']].drop_duplicates())} series, "
        f"{time.time() - t0:.0f} s wall"
    )
    print(report(df))


if __name__ == "__main__":
    main()
