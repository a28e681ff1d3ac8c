"""``haisi forecast batch`` end to end: columns, horizons, errors, interrupt and resume."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from haisi.models.forecast import forecast_series
from haisi.models.forecast.batch import checkpoint_path, errors_path, run_batch

COLUMNS = [
    "series_id",
    "period",
    "step",
    "point",
    "lo80",
    "hi80",
    "lo95",
    "hi95",
    "model",
    "grade",
    "reason",
]
HAISI = str(Path(sys.executable).with_name("haisi"))


@pytest.fixture(scope="module")
def batch_input(tcomp, tmp_path_factory) -> Path:
    """5 real tcomp series (2 monthly, 2 quarterly, 1 yearly) and one that cannot be forecast."""
    ids = list(dict.fromkeys(tcomp["series_id"]))
    pick = ids[:2] + [i for i in ids if i[0] == "Q"][:2] + [i for i in ids if i[0] == "Y"][:1]
    d = tcomp[tcomp["series_id"].isin(pick)][["series_id", "period", "value"]]
    d = d.groupby("series_id").tail(40)  # keep the test fast
    bad = pd.DataFrame(
        {"series_id": ["short"] * 2, "period": ["2020-01", "2020-02"], "value": [1.0, 2.0]}
    )
    path = tmp_path_factory.mktemp("batch") / "input.csv"
    pd.concat([d, bad]).to_csv(path, index=False)
    return path


def test_batch_cli_end_to_end(batch_input, tmp_path):
    out = tmp_path / "out.csv"
    proc = subprocess.run(
        [HAISI, "forecast", "batch", str(batch_input), "-o", str(out), "--jobs", "2"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "6 series (0 resumed from checkpoint, 6 fitted, 1 failed)" in proc.stderr
    assert "预测 forecasting" in proc.stderr  # the progress bar
    res = pd.read_csv(out, dtype={"period": str})
    assert list(res.columns) == COLUMNS
    sizes = res.groupby("series_id").size()
    inp = pd.read_csv(batch_input, dtype={"period": str})
    for sid, n in sizes.items():
        assert n == {"M": 24, "Q": 8, "Y": 4}[sid[0]]
    # same numbers as the per-series function
    sid = sizes.index[0]
    one = inp[inp["series_id"] == sid].rename(columns={"period": "ds", "value": "y"})
    direct = forecast_series(one[["ds", "y"]].reset_index(drop=True))
    got = res[res["series_id"] == sid].reset_index(drop=True)
    pd.testing.assert_frame_equal(
        got.drop(columns="series_id"), direct[COLUMNS[1:]], check_dtype=False
    )
    errors = pd.read_csv(errors_path(out))
    assert errors.to_dict("records") == [
        {
            "series_id": "short",
            "error": "序列太短 series too short: 2 observations, need at least 3",
        }
    ]
    assert not checkpoint_path(out).exists()


def test_per_series_horizon_and_frequency_columns(tmp_path, tcomp):
    d = tcomp[tcomp["series_id"] == "M1"][["series_id", "period", "value"]].tail(60)
    a = d.assign(horizon=3)
    b = d.assign(series_id="M1-as-given", frequency="monthly")
    path = tmp_path / "in.csv"
    pd.concat([a, b]).to_csv(path, index=False)
    run_batch(path, tmp_path / "o.csv", horizon=5, jobs=1, progress=False)
    res = pd.read_csv(tmp_path / "o.csv")
    assert res.groupby("series_id").size().to_dict() == {"M1": 3, "M1-as-given": 5}


def test_interrupt_and_resume_without_refitting(batch_input, tmp_path):
    out = tmp_path / "out.csv"

    def stop_after_two(n: int) -> None:
        if n == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(batch_input, out, jobs=1, progress=False, on_done=stop_after_two)
    ckpt = checkpoint_path(out)
    lines = [json.loads(x) for x in ckpt.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 2 and not out.exists()
    with ckpt.open("a", encoding="utf-8") as fh:  # a line torn by a kill is ignored
        fh.write('{"series_id": "torn", "key"')
    stats = run_batch(batch_input, out, jobs=2, progress=False)
    assert stats == {"series": 6, "reused": 2, "fitted": 4, "failed": 1, "rows": 24 * 2 + 8 * 2 + 4}
    fresh = tmp_path / "fresh.csv"
    run_batch(batch_input, fresh, jobs=2, progress=False)
    pd.testing.assert_frame_equal(pd.read_csv(out), pd.read_csv(fresh))


def _batch_cli(tmp_path: Path, csv_text: str) -> subprocess.CompletedProcess:
    """``haisi forecast batch`` on a small CSV written from ``csv_text``; output ``o.csv``."""
    path = tmp_path / "in.csv"
    path.write_text(csv_text, encoding="utf-8")
    return subprocess.run(
        [HAISI, "forecast", "batch", str(path), "-o", str(tmp_path / "o.csv")],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_bad_input_is_a_clear_error(tmp_path):
    proc = _batch_cli(tmp_path, "series,period,value\na,2020-01,1\n")
    assert proc.returncode == 2
    assert "输入缺少列 input is missing column(s) ['series_id']" in proc.stderr


def test_batch_cli_levels_and_grades(batch_input, tmp_path):
    """``--level 50 80 95`` adds the 50 % pair; 80/95 bounds are those of the default run."""
    small = tmp_path / "in.csv"
    inp = pd.read_csv(batch_input, dtype={"period": str})
    inp[inp["series_id"].str.startswith("Q")].to_csv(small, index=False)
    outs = {}
    for name, extra in (("levels", ["--level", "50", "80", "95"]), ("default", [])):
        outs[name] = tmp_path / f"{name}.csv"
        proc = subprocess.run(
            [
                HAISI,
                "forecast",
                "batch",
                str(small),
                "-o",
                str(outs[name]),
                "--horizon",
                "4",
                "--jobs",
                "1",
                "--no-progress",
                *extra,
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stderr
    got = pd.read_csv(outs["levels"], dtype={"period": str})
    base = pd.read_csv(outs["default"], dtype={"period": str})
    assert list(got.columns) == [
        "series_id",
        "period",
        "step",
        "point",
        "lo50",
        "hi50",
        "lo80",
        "hi80",
        "lo95",
        "hi95",
        "model",
        "grade",
        "reason",
    ]
    pd.testing.assert_frame_equal(got[COLUMNS], base[COLUMNS])
    assert (
        (got.lo80 <= got.lo50)
        & (got.lo50 <= got.point)
        & (got.point <= got.hi50)
        & (got.hi50 <= got.hi80)
    ).all()
    assert got["grade"].isin(["A", "B", "C"]).all() and got["reason"].str.len().gt(0).all()
    bad = subprocess.run(
        [
            HAISI,
            "forecast",
            "batch",
            str(small),
            "-o",
            str(tmp_path / "x.csv"),
            "--level",
            "80",
            "abc",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "300"},
    )
    assert bad.returncode == 2 and "levels go after --level" in bad.stderr


def test_a_value_that_is_not_a_number_fails_its_series_with_the_line(tmp_path, tcomp):
    """'x' in a value cell is bad input, not a gap: that series is listed with the line and
    never forecast; an empty cell is a missing period; the other series are forecast."""
    sid = next(i for i in dict.fromkeys(tcomp["series_id"]) if i[0] == "M")
    good = tcomp[tcomp["series_id"] == sid][["series_id", "period", "value"]].tail(40)
    typo = good.assign(series_id="typo", value=good["value"].astype(object))
    typo.iloc[5, typo.columns.get_loc("value")] = "1,2x"
    gap = good.assign(series_id="gap", value=good["value"].astype(object))
    gap.iloc[5, gap.columns.get_loc("value")] = None
    path, out = tmp_path / "in.csv", tmp_path / "out.csv"
    pd.concat([good, typo, gap]).to_csv(path, index=False)  # typo's 6th row: line 1 + 40 + 6
    stats = run_batch(path, out, jobs=1, progress=False)
    assert (stats["series"], stats["failed"]) == (3, 1)
    errors = pd.read_csv(errors_path(out))
    assert errors.to_dict("records") == [
        {"series_id": "typo", "error": "第 47 行数值无效 line 47: value '1,2x' is not a number"}
    ]
    assert set(pd.read_csv(out)["series_id"]) == {sid, "gap"}


def test_a_row_without_series_id_is_refused_with_its_line(tmp_path):
    proc = _batch_cli(tmp_path, "series_id,period,value\na,2020-01,1\n,2020-02,2\n")
    assert proc.returncode == 2 and not (tmp_path / "o.csv").exists()
    assert "第 3 行缺少序列编号 line 3 has no series_id" in proc.stderr
