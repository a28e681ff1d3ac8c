"""``haisi forecast batch``: forecast every series of a CSV, on all cores, resumable.

INPUT columns: ``series_id, period, value`` and optionally ``frequency`` (monthly / quarterly /
yearly, else inferred from the period format) and ``horizon`` (per series; else ``--horizon``,
else 24 / 8 / 4). OUTPUT columns: ``series_id, period, step, point, lo80, hi80, lo95, hi95,
model, grade, reason`` (UTF-8, series in input order); ``--level 50 80 95`` adds/changes the
``loNN, hiNN`` pairs. ``grade`` is the reliability grade A/B/C and ``reason`` says why (backtest
error, interval width or too short a history), so a poor forecast is never silent.

Resume: every finished series is appended to the checkpoint ``OUTPUT.partial.jsonl`` (one JSON
line per series, flushed at once, keyed by a hash of the series' data, frequency and horizon).
Re-running the same command after an interrupt reuses those lines and fits only the rest; the
checkpoint is removed once OUTPUT is written. Series that cannot be forecast are listed in
``OUTPUT.errors.csv`` with the reason; a value cell that is not a number fails its series with
the line (an empty cell is a missing period); a row without ``series_id`` refuses the input.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from haisi.models import engines

from .auto import DEFAULT_LEVELS, forecast_series, interval_columns, levels_ok
from .periods import ForecastError, default_horizon, infer_frequency, normalise_frequency

__all__ = [
    "BATCH_COLUMNS",
    "SeriesTask",
    "read_input",
    "run_batch",
    "checkpoint_path",
    "errors_path",
]

BATCH_COLUMNS = [
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


@dataclass(frozen=True)
class SeriesTask:
    """One series to forecast: its id, frequency, horizon, periods and values."""

    series_id: str
    frequency: str
    horizon: int
    periods: tuple[str, ...]
    values: tuple[float | None, ...]  # None: a missing month
    levels: tuple[int, ...] = DEFAULT_LEVELS
    problem: str | None = None  # bad input of this series: reported, never forecast

    @property
    def key(self) -> str:
        """Hash of everything the forecast depends on (a checkpoint line is reused if equal)."""
        h = hashlib.sha256(
            json.dumps(
                [
                    self.series_id,
                    self.frequency,
                    self.horizon,
                    self.periods,
                    self.values,
                    self.levels,
                    self.problem,
                ]
            ).encode()
        )
        return h.hexdigest()[:32]

    def frame(self) -> pd.DataFrame:
        """The series as ``ds, y``, ordered by period."""
        return (
            pd.DataFrame({"ds": list(self.periods), "y": list(self.values)})
            .sort_values("ds", kind="stable")
            .reset_index(drop=True)
        )


def checkpoint_path(output: Path) -> Path:
    """``OUTPUT.partial.jsonl`` beside OUTPUT."""
    return output.with_name(output.name + ".partial.jsonl")


def errors_path(output: Path) -> Path:
    """``OUTPUT.errors.csv`` beside OUTPUT."""
    return output.with_name(output.name + ".errors.csv")


def read_input(
    path: Path, *, horizon: int | None = None, levels: tuple[int, ...] = DEFAULT_LEVELS
) -> list[SeriesTask]:
    """Read INPUT.csv into one task per series (in order of first appearance)."""
    try:
        df = pd.read_csv(
            path,
            dtype={"series_id": str, "period": str, "frequency": str},
            keep_default_na=True,
            encoding="utf-8-sig",
        )
    except FileNotFoundError:
        raise ForecastError(f"找不到输入文件 input file not found: {path}") from None
    missing = [c for c in ("series_id", "period", "value") if c not in df.columns]
    if missing:
        raise ForecastError(
            f"输入缺少列 input is missing column(s) {missing}; need series_id, period, value"
        )
    if df.empty:
        raise ForecastError("输入为空 the input has no rows")
    nameless = df.index[df["series_id"].isna() | (df["series_id"].str.strip() == "")]
    if len(nameless):
        line = int(nameless[0]) + 2  # line 1 is the header
        raise ForecastError(
            f"第 {line} 行缺少序列编号 line {line} has no series_id "
            f"({len(nameless)} such line(s)); every row needs one"
        )
    df["period"] = df["period"].str.strip()
    raw = df["value"]
    df["value"] = pd.to_numeric(raw, errors="coerce")
    typo = df["value"].isna() & raw.notna() & (raw.astype(str).str.strip() != "")
    tasks = []
    for sid, g in df.groupby("series_id", sort=False):
        freq = _series_frequency(g)
        h = _series_horizon(g, horizon, freq)
        tasks.append(
            SeriesTask(
                str(sid),
                freq,
                h,
                tuple(g["period"]),
                tuple(None if pd.isna(v) else float(v) for v in g["value"]),
                levels,
                _not_numbers(raw[typo & (df["series_id"] == sid)]),
            )
        )
    return tasks


def _not_numbers(cells: pd.Series) -> str | None:
    """The error for value cells that are not numbers (an empty cell is a missing period)."""
    if cells.empty:
        return None
    line, value = int(cells.index[0]) + 2, cells.iloc[0]  # line 1 is the header
    more = f" (and {len(cells) - 1} more)" if len(cells) > 1 else ""
    return f"第 {line} 行数值无效 line {line}: value {value!r} is not a number{more}"


def _series_frequency(g: pd.DataFrame) -> str:
    if "frequency" in g.columns and g["frequency"].notna().any():
        values = {normalise_frequency(v) for v in g["frequency"].dropna()}
        if len(values) > 1:
            raise ForecastError(
                f"序列频率不一致 series {g['series_id'].iloc[0]!r} has several "
                f"frequencies {sorted(values)}"
            )
        return values.pop()
    try:
        return infer_frequency(g["period"])
    except ForecastError as exc:
        raise ForecastError(f"series {g['series_id'].iloc[0]!r}: {exc}") from None


def _series_horizon(g: pd.DataFrame, horizon: int | None, freq: str) -> int:
    if "horizon" in g.columns and g["horizon"].notna().any():
        return int(pd.to_numeric(g["horizon"].dropna()).iloc[0])
    return horizon if horizon is not None else default_horizon(freq)


def forecast_task(task: SeriesTask) -> tuple[str, str, list[dict] | None, str | None]:
    """(series_id, key, rows, error) for one task; runs in a worker process."""
    if task.problem:
        return task.series_id, task.key, None, task.problem
    try:
        out = forecast_series(
            task.frame(), horizon=task.horizon, frequency=task.frequency, levels=task.levels
        )
    except ForecastError as exc:
        return task.series_id, task.key, None, str(exc)
    return task.series_id, task.key, out.to_dict("records"), None


def _read_checkpoint(path: Path) -> dict[str, dict]:
    """Finished series by key from the checkpoint (a torn last line is ignored)."""
    done: dict[str, dict] = {}
    if not path.exists():
        return done
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue
            done[rec["key"]] = rec
    return done


def run_batch(
    input_path: Path,
    output_path: Path,
    *,
    horizon: int | None = None,
    jobs: int | None = None,
    engine: str = "local",
    master: str = "local[2]",
    progress: bool = True,
    on_done: Callable[[int], None] | None = None,
    levels: tuple[int, ...] = DEFAULT_LEVELS,
) -> dict:
    """Forecast every series of INPUT into OUTPUT; returns counts (series, reused, fitted, failed).

    ``on_done(n)`` is called after each newly finished series (tests use it to interrupt).
    """
    levels = levels_ok(levels)
    tasks = read_input(input_path, horizon=horizon, levels=levels)
    ckpt = checkpoint_path(output_path)
    done = _read_checkpoint(ckpt)
    todo = [t for t in tasks if t.key not in done]
    reused = len(tasks) - len(todo)
    if engine != "local" and levels != DEFAULT_LEVELS:
        raise ForecastError(
            f"{engine}引擎只给80/95%区间 the {engine} engine gives the 80/95 % "
            "levels only; use --engine local for other levels"
        )
    if engine == "local":
        results = _run_pool(todo, jobs or os.cpu_count() or 1, progress, reused, len(tasks))
    else:
        results = _run_engine(todo, engines.load(engine, master=master))
    output_path.parent.mkdir(parents=True, exist_ok=True)
    with ckpt.open("a", encoding="utf-8") as fh:
        if _torn(ckpt):
            fh.write("\n")  # end a line torn by a kill before appending
        for n, (sid, key, rows, error) in enumerate(results, start=1):
            rec = {"series_id": sid, "key": key, "rows": rows, "error": error}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            fh.flush()
            done[key] = rec
            if on_done:
                on_done(n)
    return _write_output(tasks, done, output_path, reused, levels)


def _torn(path: Path) -> bool:
    """Whether the file's last line lacks its newline."""
    with path.open("rb") as fh:
        if fh.seek(0, os.SEEK_END) == 0:
            return False
        fh.seek(-1, os.SEEK_END)
        return fh.read(1) != b"\n"


def _run_pool(
    todo: list[SeriesTask], jobs: int, progress: bool, reused: int, total: int
) -> Iterator[tuple]:
    """Results as they finish, from a forkserver pool of ``jobs`` processes, with a progress bar."""
    from tqdm import tqdm

    if not todo:
        return
    bar = tqdm(
        total=total,
        initial=reused,
        disable=not progress,
        unit="series",
        desc="预测 forecasting",
        file=sys.stderr,
    )
    method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(todo)),
        mp_context=mp.get_context(method),
        initializer=_worker_init,
    )
    pending = {pool.submit(forecast_task, t) for t in todo}
    try:
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                bar.update(1)
                yield fut.result()
    finally:
        # all done: wait for the workers to exit (leaving them to interpreter shutdown printed
        # "OSError: Bad file descriptor" tracebacks now and then); interrupted: do not wait
        pool.shutdown(wait=not pending, cancel_futures=True)
        bar.close()


def _worker_init() -> None:
    """One BLAS thread per worker process: the pool already uses every core."""
    os.environ["OMP_NUM_THREADS"] = os.environ["OPENBLAS_NUM_THREADS"] = "1"


def _run_engine(todo: list[SeriesTask], engine: engines.Engine) -> Iterator[tuple]:
    """Results from another engine (e.g. Spark): one job per (frequency, horizon) group."""
    by_group: dict[tuple[str, int], list[SeriesTask]] = {}
    for t in todo:
        if t.problem:
            yield t.series_id, t.key, None, t.problem
        else:
            by_group.setdefault((t.frequency, t.horizon), []).append(t)
    for (freq, h), group in by_group.items():
        frame = pd.concat(
            [t.frame().assign(unique_id=t.series_id) for t in group], ignore_index=True
        )
        out = engine.forecast_many(frame, horizon=h, forecaster=_SafeForecaster(freq))
        for t in group:
            rows = out[out["unique_id"] == t.series_id].drop(columns="unique_id")
            if (rows["step"] == 0).any():
                yield t.series_id, t.key, None, rows["model"].iloc[0][len("ERROR: ") :]
            else:
                yield t.series_id, t.key, rows.to_dict("records"), None


class _SafeForecaster:
    """``forecast_series`` at one frequency that reports a failure as a step-0 row (Spark-safe)."""

    def __init__(self, frequency: str) -> None:
        self.frequency = frequency

    def __call__(self, series: pd.DataFrame, *, horizon: int | None) -> pd.DataFrame:
        try:
            return forecast_series(series, horizon=horizon, frequency=self.frequency)
        except ForecastError as exc:
            nan = float("nan")
            return pd.DataFrame(
                {
                    "step": [0],
                    "period": [""],
                    "point": [nan],
                    "lo80": [nan],
                    "hi80": [nan],
                    "lo95": [nan],
                    "hi95": [nan],
                    "model": [f"ERROR: {exc}"],
                    "grade": [""],
                    "reason": [""],
                }
            )


def _write_output(
    tasks: list[SeriesTask],
    done: dict[str, dict],
    output: Path,
    reused: int,
    levels: tuple[int, ...] = DEFAULT_LEVELS,
) -> dict:
    """Write OUTPUT (and the error list) atomically, then drop the checkpoint."""
    frames, errors = [], []
    for t in tasks:
        rec = done[t.key]
        if rec["error"]:
            errors.append({"series_id": t.series_id, "error": rec["error"]})
        else:
            frames.append(pd.DataFrame(rec["rows"]).assign(series_id=t.series_id))
    cols = [
        "series_id",
        "period",
        "step",
        "point",
        *interval_columns(levels),
        "model",
        "grade",
        "reason",
    ]
    out = pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)
    tmp = output.with_name(output.name + ".tmp")
    out.to_csv(tmp, index=False)
    os.replace(tmp, output)
    err_file = errors_path(output)
    if errors:
        pd.DataFrame(errors).to_csv(err_file, index=False)
    elif err_file.exists():
        err_file.unlink()
    checkpoint_path(output).unlink(missing_ok=True)
    return {
        "series": len(tasks),
        "reused": reused,
        "fitted": len(tasks) - reused,
        "failed": len(errors),
        "rows": len(out),
    }
