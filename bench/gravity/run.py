"""Time the PPML-HDFE fits of Yotov et al. (2016) against pyfixest's ``fepois`` in the same run.

    .venv/bin/python bench/gravity/run.py [--quick]

Specifications: (a) book Table 1 PPML (exporter-year + importer-year effects, 28,152 rows);
(b) the RTA model with a third, pair, fixed effect (28,566 rows, 3,220 levels).
pyfixest is a bench-only extra; without it only haisi's times are printed.
"""

from __future__ import annotations

import argparse
import os
import time
import warnings

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from haisi.models.gravity import fit_ppml  # noqa: E402

from haisi.settings import get_settings  # noqa: E402

YEARS = [1986, 1990, 1994, 1998, 2002, 2006]


def best_of(fn, repeats: int) -> tuple[float, object]:
    """Minimum wall time over ``repeats`` calls, and the last result."""
    times, out = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one repeat instead of three")
    args = parser.parse_args()
    repeats = 1 if args.quick else 3
    path = get_settings().shared_data / "trade" / "yotov2016_agtpa" / "agtpa_applications.parquet"
    panel = pd.read_parquet(path)
    panel = panel[panel["year"].isin(YEARS)].reset_index(drop=True)
    intl = panel[panel["exporter"] != panel["importer"]].reset_index(drop=True)
    specs = {
        "table1 (2 FE)": (
            intl,
            ["log(dist)", "cntg", "lang", "clny"],
            ["exporter#year", "importer#year"],
            "trade ~ ln_dist + cntg + lang + clny | ey + iy",
        ),
        "rta (3 FE)": (
            panel,
            ["rta"],
            ["exporter#year", "importer#year", "pair_id"],
            "trade ~ rta | ey + iy + pair_id",
        ),
    }
    try:
        import pyfixest as pf
    except ImportError:
        pf = None
        print("pyfixest not installed: printing haisi times only")

    print(
        f"{'spec':<16}{'N':>8}{'haisi s':>10}{'pyfixest s':>12}{'ratio':>8}"
        f"{'max |Δcoef|':>13}{'max |Δse|':>11}"
    )
    for name, (data, x, fe, formula) in specs.items():
        t_h, res = best_of(lambda: fit_ppml(data, "trade", x, fe, "pair_id"), repeats)
        line = f"{name:<16}{res.nobs:>8}{t_h:>10.3f}"
        if pf is not None:
            frame = data.assign(
                ln_dist=np.log(data["dist"]),
                ey=data["exporter"] + data["year"].astype(str),
                iy=data["importer"] + data["year"].astype(str),
            )
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                pf.fepois(formula, data=frame, vcov={"CRV1": "pair_id"})  # warm-up (JIT, caches)
                t_p, ref = best_of(
                    lambda: pf.fepois(formula, data=frame, vcov={"CRV1": "pair_id"}), repeats
                )
            dcoef = np.max(np.abs(res.coef.to_numpy() - ref.coef().to_numpy()))
            dse = np.max(np.abs(res.se.to_numpy() - ref.se().to_numpy()))
            line += f"{t_p:>12.3f}{t_p / t_h:>8.2f}{dcoef:>13.1e}{dse:>11.1e}"
        print(line, flush=True)
    print("ratio = pyfixest time / haisi time (> 1: haisi faster); best of", repeats)


if __name__ == "__main__":
    main()
