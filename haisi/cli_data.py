"""``haisi datasets``, ``haisi compact`` and ``haisi demo``: what the warehouse holds, its upkeep,
and the demo store."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from haisi.roleopt import RoleOpt, warehouse_as


def datasets(role: RoleOpt = None) -> None:
    """数据集 List warehouse tables with versions, rows, periods and sources (as ``--role`` sees
    them: the public view by default)."""
    wh = warehouse_as(role)
    wh.require_store()  # a misspelled store is an error, not an empty catalogue
    t = Table(title=f"haisi 数据集 datasets — {wh.root}")
    for col in (
        "表 table",
        "名称 title",
        "版本 version",
        "行 rows",
        "键 keys",
        "期间 periods",
        "来源 sources",
    ):
        t.add_column(col)
    for d in wh.datasets():
        periods = f"{d.period_min} … {d.period_max}" if d.period_min else "—"
        t.add_row(
            d.name,
            f"{d.title_zh} {d.title_en}",
            d.dataset_version or "—",
            f"{d.rows:,}",
            f"{d.keys:,}",
            periods,
            ", ".join(d.sources) or "—",
        )
    Console().print(t)


def compact(
    tables: list[str] = typer.Argument(None, help="表 Tables to compact (default: all)"),
    target_mb: int = typer.Option(256, "--target-mb", help="目标文件大小 Target file size, MB"),
) -> None:
    """合并小文件 Compact tables' small data files (Delta OPTIMIZE); rows and old versions stay."""
    from haisi.warehouse import Warehouse
    from haisi.warehouse.schemas import table_names as spec_names

    wh = Warehouse.from_settings()
    wh.require_store()
    unknown = sorted(set(tables or []) - set(spec_names()))
    if unknown:
        raise typer.BadParameter(
            f"unknown table(s) {unknown} 未知表; known: {', '.join(spec_names())}"
        )
    t = Table(title=f"合并小文件 compact — {wh.root}")
    for col in ("表 table", "文件 files before", "文件 files after", "版本 version"):
        t.add_column(col)
    for name in tables or spec_names():
        before, after, version = wh.compact(name, target_mb=target_mb)
        if version is not None:
            t.add_row(name, str(before), str(after), wh.dataset_version(name, version))
    Console().print(t)


#: Series the demo forecasts up front (stored with model, intervals and backtest scores).
DEMO_FORECASTS = (
    "trade/CN-FJ/export/WLD/TOTAL",
    "trade/CN-FJ/export/ASEAN/TOTAL",
    "tourism/TWN/CNFOC/arrivals",
    "trade/SGP/export/CHN/TOTAL",
    "tourism/CHN/TWN/arrivals",
)


def demo() -> None:
    """演示 Prepare the embedded store: reference tables, the real open-data starter set, and
    labelled SAMPLE data only where no open source exists (Fujian declaration-level customs)."""
    from haisi.loading import load_reference, load_samples, load_starter
    from haisi.samples import SAMPLE_LABEL
    from haisi.warehouse import Warehouse

    console = Console()
    wh = Warehouse.from_settings()
    console.print(f"[bold]准备演示数据 Preparing demo store[/] at {wh.root}\n{SAMPLE_LABEL}")
    for r in load_reference(wh) + load_samples(wh):
        console.print(
            f"  {r.table:<14} stored {r.rows_stored:>7,} of {r.rows_in:>7,} rows "
            f"→ {r.dataset_version}"
        )
    console.print("[bold]真实公开数据 Real open-data starter set[/] (haisi/starter/catalogue.json)")
    for f in load_starter(wh):
        console.print(
            f"  {f.table:<14} {f.status:<16} {f.rows_stored:>7,} of {f.rows_read:>7,} rows "
            f"← {f.file.rsplit('/', 1)[-1]}"
        )
    from haisi.nlp.store import (
        run as extract,
    )  # the sample bulletins' entities and facts, searchable at once

    n = extract(wh)
    console.print(
        f"  entities/facts from {n.documents} new document(s): {n.entities} entities, "
        f"{n.facts} facts"
    )
    from haisi.models.forecast.service import (
        publish_forecast,
    )  # headline forecasts, so the pages are not empty

    for series_id in DEMO_FORECASTS:  # fit on the public view, so every role may see them
        rows = publish_forecast(wh, series_id)
        console.print(
            f"  forecast {series_id}: {rows['model'].iloc[0]}, {len(rows)} steps "
            f"→ {rows['data_version'].iloc[0]}"
        )
    from haisi.api.crossstrait import DEMO_TEU, teu_forecast

    for port, direction in DEMO_TEU:
        rows = teu_forecast(wh, port, direction)  # public rows in, public rows out
        console.print(
            f"  forecast TEU {port} {direction}: {rows['model'].iloc[0]}, {len(rows)} steps"
        )
    raise typer.Exit(0)
