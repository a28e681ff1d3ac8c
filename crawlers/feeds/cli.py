"""``haisi ingest FORMAT PATH...``: load real feed files into the warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer


def ingest(
    fmt: Annotated[
        Optional[str], typer.Argument(metavar="FORMAT", help="格式 Feed format (see --list)")
    ] = None,
    paths: Annotated[
        Optional[list[Path]], typer.Argument(metavar="PATH...", help="文件 Files to ingest")
    ] = None,
    list_formats: Annotated[
        bool, typer.Option("--list", help="列出格式 List the formats and exit")
    ] = False,
    store: Annotated[
        Optional[str],
        typer.Option(
            help="仓库 Warehouse folder or s3://bucket/prefix "
            "(default: the settings' HAISI_STORE_URL or HAISI_STORE_DIR)"
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option(help="名称无法识别即拒绝 Reject files with unresolved names")
    ] = False,
    revision: Annotated[
        Optional[str], typer.Option(help="来源修订版本 The source's revision/vintage label")
    ] = None,
) -> None:
    """导入数据文件 Ingest feed files: parse, validate, store with provenance \
(one commit per file)."""
    from rich.console import Console

    console = Console()
    if list_formats or fmt is None:
        _print_formats(console)
        if fmt is None and not list_formats:
            raise typer.Exit(2)
        return
    from haisi.crawlers.feeds.registry import UnknownFormat, get_feed

    try:
        feed = get_feed(fmt)
    except UnknownFormat as e:
        console.print(f"[red]{e.args[0]}[/red]")
        raise typer.Exit(2) from None
    if not paths:
        console.print("[red]没有文件 No files given: haisi ingest FORMAT PATH...[/red]")
        raise typer.Exit(2)
    reports = _run(feed, paths, store, strict, revision, console)
    _print_summary(console, reports)
    if not all(r.ok for r in reports):
        raise typer.Exit(1)


def _run(feed, paths: list[Path], store: str | None, strict: bool, revision: str | None, console):
    from haisi.crawlers.feeds.ingest import ingest_files
    from haisi.warehouse import Warehouse
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    wh = Warehouse.at(store)
    with Progress(
        TextColumn("导入 ingest {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=len(paths) < 2,
    ) as bar:
        task = bar.add_task(feed.name, total=len(paths))
        return ingest_files(
            feed,
            paths,
            wh,
            strict=strict,
            source_revision=revision,
            on_file=lambda r: bar.advance(task),
        )


def _print_formats(console) -> None:
    from haisi.crawlers.feeds.registry import FORMATS
    from rich.table import Table

    t = Table(title="数据格式 Feed formats")
    for c in ("格式 format", "表 table", "来源 source", "说明 description"):
        t.add_column(c)
    for name, f in FORMATS.items():
        t.add_row(name, f.table, f.source_id, f.description)
    console.print(t)


def _print_summary(console, reports) -> None:
    from rich.table import Table

    t = Table(title="导入结果 Ingest summary")
    for c in (
        "文件 file",
        "状态 status",
        "读取 read",
        "入库 stored",
        "未变 unchanged",
        "拒绝 rejected",
        "修订 revised",
        "版本 version",
    ):
        t.add_column(c, justify="right" if c[0] in "读入未拒修" else "left", overflow="fold")
    for r in reports:
        style = "red" if not r.ok else None
        t.add_row(
            Path(r.file).name,
            r.status,
            str(r.rows_read),
            str(r.rows_stored),
            str(r.rows_unchanged),
            str(r.rows_rejected),
            str(r.revisions),
            r.dataset_version or "-",
            style=style,
        )
    console.print(t)
    for r in reports:
        for e in r.errors:
            console.print(f"[red]错误 error[/red] {e}", soft_wrap=True)
        for name, n in r.unresolved.items():
            console.print(
                f"[yellow]未识别 unresolved[/yellow] {Path(r.file).name}: {name!r} × {n}",
                soft_wrap=True,
            )
        for why, n in r.skipped.items():
            console.print(f"跳过 skipped {Path(r.file).name}: {why} × {n}", soft_wrap=True)
