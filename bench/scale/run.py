"""Scale-out benchmark: local engine (DuckDB / in-process pandas) vs Spark local[2], same run.

    .venv/bin/python bench/scale/run.py [--quick] [--sizes 1e6,5e6,2e7] [--workdir DIR]

1. Network aggregation: generated record-level declarations (period, reporter, partner, flow,
   HS8, regime, value) at 1M, 5M and 20M rows, written as Parquet once. Both engines turn the
   same files into the edge table (TOTAL and HS2 levels), and the results are checked equal.
2. Batch forecast: 125 and 500 generated monthly series (120 months), one ETS model per series,
   with ``batch_forecast_local`` and ``batch_forecast_spark``; the results are checked equal.
3. The same series through ``haisi forecast batch`` (the product's forecaster): the local engine's
   process pool against ``--engine spark``; the output files are checked equal.

Growth is printed against the smallest size, so you can see where Spark starts to pay off.
Spark's JVM start-up is timed on its own and left out of the per-size times.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repo root, for tests.scaleout

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from haisi.scaleout.aggregate import edges_duckdb, edges_spark, edges_to_pandas  # noqa: E402
from haisi.scaleout.forecast import batch_forecast_local, batch_forecast_spark  # noqa: E402

# the fixed damped-ETS forecaster the scale-out tests use
# (section 2 times the engines, not model choice)
from tests.scaleout.conftest import ets_log_forecaster  # noqa: E402

CHUNK = 1_000_000
PERIODS = [f"2024-{m:02d}" for m in range(1, 13)]
REGIMES = ["10", "14", "15", "19", "20", "33", "34", "39", "41", "61"]


def generate_records(path: Path, rows: int, seed: int = 0) -> None:
    """Write ``rows`` declarations (China-reported, 220 partners, 8,000 HS8 lines) to Parquet.

    Partners and products are Zipf-like, as in real customs data; values are whole dollars,
    so float sums are exact and the two engines can be compared with ``==``.
    """
    rng = np.random.default_rng(seed)
    partners = np.array([f"P{i:03d}" for i in range(220)])
    hs8 = np.array([f"{c:02d}{rng.integers(0, 10**6):06d}" for c in rng.integers(1, 98, 8000)])
    p_w = 1.0 / np.arange(1, 221) ** 1.1
    h_w = 1.0 / np.arange(1, 8001) ** 0.9
    p_w, h_w = p_w / p_w.sum(), h_w / h_w.sum()
    dict_arr = pa.DictionaryArray.from_arrays
    with pq.ParquetWriter(
        path,
        pa.schema(
            [
                ("period", pa.string()),
                ("reporter", pa.string()),
                ("partner", pa.string()),
                ("flow", pa.string()),
                ("hs_code", pa.string()),
                ("regime", pa.string()),
                ("value", pa.float64()),
            ]
        ),
    ) as writer:
        for start in range(0, rows, CHUNK):
            n = min(CHUNK, rows - start)
            cols = {
                "period": dict_arr(rng.integers(0, 12, n), pa.array(PERIODS)),
                "reporter": pa.repeat(pa.scalar("CHN"), n),
                "partner": dict_arr(rng.choice(220, n, p=p_w), pa.array(partners)),
                "flow": dict_arr(rng.integers(0, 2, n), pa.array(["export", "import"])),
                "hs_code": dict_arr(rng.choice(8000, n, p=h_w), pa.array(hs8)),
                "regime": dict_arr(rng.integers(0, 10, n), pa.array(REGIMES)),
                "value": pa.array(np.floor(rng.lognormal(9.0, 2.0, n)) + 1.0),
            }
            table = pa.table(
                {
                    k: (v.cast(pa.string()) if pa.types.is_dictionary(v.type) else v)
                    for k, v in cols.items()
                }
            )
            writer.write_table(table, row_group_size=CHUNK)


def generate_series(n_series: int, months: int = 120, seed: int = 1) -> pd.DataFrame:
    """Monthly positive series with trend, seasonality and noise (long frame unique_id, ds, y)."""
    rng = np.random.default_rng(seed)
    ds = pd.period_range("2011-01", periods=months, freq="M").astype(str)
    t = np.arange(months)
    frames = []
    for i in range(n_series):
        level = rng.uniform(5, 12)
        y = np.exp(
            level
            + rng.normal(0, 0.004) * t
            + rng.uniform(0.05, 0.3) * np.sin(2 * np.pi * (t + rng.integers(12)) / 12)
            + rng.normal(0, 0.08, months)
        )
        frames.append(pd.DataFrame({"unique_id": f"S{i:04d}", "ds": ds, "y": y}))
    return pd.concat(frames, ignore_index=True)


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="100k/500k rows, 25/100 series")
    parser.add_argument("--sizes", help="comma-separated row counts, e.g. 1e6,5e6,2e7")
    parser.add_argument("--series", help="comma-separated series counts, e.g. 125,500")
    parser.add_argument("--workdir", type=Path, help="where the Parquet files go (default: tmp)")
    args = parser.parse_args()
    sizes = [
        int(float(s))
        for s in (args.sizes or ("1e5,5e5" if args.quick else "1e6,5e6,2e7")).split(",")
    ]
    series_counts = [
        int(s) for s in (args.series or ("25,100" if args.quick else "125,500")).split(",")
    ]
    work = args.workdir or Path(tempfile.mkdtemp(prefix="haisi-bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    from haisi.scaleout.spark import spark_session

    try:
        t_start, spark = timed(lambda: spark_session("local[2]", driver_memory="2g"))
        print(f"Spark local[2] session start-up: {t_start:.1f} s (excluded below)\n", flush=True)

        print("1. record-level declarations → network edges (TOTAL + HS2), both engines")
        print(
            f"{'rows':>12}{'gen s':>8}{'edges':>10}{'DuckDB s':>10}{'Spark s':>9}"
            f"{'Spark/DuckDB':>14}{'DuckDB ×':>10}{'Spark ×':>9}"
        )
        base = None
        for rows in sizes:
            path = work / f"records_{rows}.parquet"
            t_gen, _ = (0.0, None) if path.exists() else timed(lambda: generate_records(path, rows))
            t_local, local = timed(lambda: edges_duckdb(path, threads=2))
            edges_spark(spark, str(path)).limit(1).collect()  # warm the reader and workers
            t_spark, dist = timed(lambda: edges_to_pandas(edges_spark(spark, str(path)).toPandas()))
            pd.testing.assert_frame_equal(dist, local)
            base = base or (rows, t_local, t_spark)
            print(
                f"{rows:>12,}{t_gen:>8.1f}{len(local):>10,}{t_local:>10.2f}{t_spark:>9.2f}"
                f"{t_spark / t_local:>14.1f}{t_local / base[1]:>10.1f}{t_spark / base[2]:>9.1f}",
                flush=True,
            )
        print(
            "(× = time relative to the smallest size; rows grow "
            + " : ".join(f"{r / sizes[0]:g}" for r in sizes)
            + ")\n"
        )

        print("2. batch forecast, one damped ETS per series (120 months, h=12), both engines")
        print(
            f"{'series':>8}{'local s':>10}{'Spark s':>9}{'local/Spark':>13}{'local ×':>9}"
            f"{'Spark ×':>9}"
        )
        fbase = None
        for n in series_counts:
            frame = generate_series(n)
            t_local, local = timed(
                lambda: batch_forecast_local(frame, horizon=12, forecaster=ets_log_forecaster)
            )
            t_spark, dist = timed(
                lambda: batch_forecast_spark(
                    frame, horizon=12, master="local[2]", forecaster=ets_log_forecaster, spark=spark
                )
            )
            pd.testing.assert_frame_equal(dist, local)
            fbase = fbase or (t_local, t_spark)
            print(
                f"{n:>8}{t_local:>10.2f}{t_spark:>9.2f}{t_local / t_spark:>13.2f}"
                f"{t_local / fbase[0]:>9.1f}{t_spark / fbase[1]:>9.1f}",
                flush=True,
            )
        print("results of both engines were checked equal at every size\n")

        print(
            "3. `haisi forecast batch` with haisi's own forecaster (model choice by backtest, "
            "CNY, intervals):\n   local engine = process pool of 2 vs --engine spark local[2]"
        )
        print(f"{'series':>8}{'local s':>10}{'Spark s':>9}{'local/Spark':>13}{'s/100 local':>13}")
        from haisi.models.forecast.batch import run_batch

        for n in series_counts:
            csv = work / f"series_{n}.csv"
            generate_series(n).rename(columns={"ds": "period", "y": "value"}).rename(
                columns={"unique_id": "series_id"}
            ).to_csv(csv, index=False)
            outs = {}
            for engine in ("local", "spark"):
                out = work / f"forecast_{engine}_{n}.csv"
                t, _ = timed(
                    lambda: run_batch(csv, out, horizon=12, jobs=2, engine=engine, progress=False)
                )
                outs[engine] = (t, pd.read_csv(out))
            pd.testing.assert_frame_equal(outs["spark"][1], outs["local"][1])
            t_local, t_spark = outs["local"][0], outs["spark"][0]
            print(
                f"{n:>8}{t_local:>10.2f}{t_spark:>9.2f}{t_local / t_spark:>13.2f}"
                f"{100 * t_local / n:>13.1f}",
                flush=True,
            )
        print("forecast files of both engines were checked equal")
        spark.stop()
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
