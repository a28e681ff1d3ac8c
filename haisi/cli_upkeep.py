"""``haisi vacuum`` and ``haisi doctor``: remove files interrupted writes left behind, and check a
store, the ops database and the settings, saying what is wrong (non-zero exit on a problem)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from haisi.errors import HaisiError


def vacuum(
    tables: Annotated[Optional[list[str]], typer.Argument(help="表 Tables (default: all present)")] = None,
    retention_hours: Annotated[int, typer.Option(
        "--retention-hours", help="保留时间 Keep unreferenced files younger than this (hours, ≥ 1)")] = 168,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只列出 List, do not delete")] = False,
    store: Annotated[Optional[str], typer.Option(help="仓库 Warehouse folder or s3:// URI")] = None,
) -> None:
    """清理孤立文件 Remove data files no commit refers to (left by interrupted writes; Delta VACUUM).

    Files of earlier versions are kept, so every version stays readable.
    """
    from haisi.warehouse import Warehouse
    from haisi.warehouse.commit import orphans
    from haisi.warehouse.commit import vacuum as remove

    wh = Warehouse.at(store)
    present = wh.require_store()
    names = _known(tables, present)
    t = Table(title=f"清理孤立文件 vacuum — {wh.location.describe()}")
    for col in ("表 table", "文件 files", "大小 MB", "状态 status"):
        t.add_column(col)
    for name in names:
        files = orphans(wh, name, retention_hours)
        size = _size(wh, name, files)
        if files and not dry_run:
            remove(wh, name, retention_hours)
        t.add_row(name, str(len(files)), f"{size / 1e6:.1f}",
                  "dry run 未删除" if dry_run and files else "removed 已删除" if files else "clean 无")
    Console().print(t)


def _known(tables: list[str] | None, present: list[str]) -> list[str]:
    from haisi.errors import InvalidInput
    from haisi.warehouse.schemas import TABLES

    unknown = sorted(set(tables or []) - set(TABLES))
    if unknown:
        raise InvalidInput(f"未知表 unknown table(s) {unknown}; known: {', '.join(TABLES)}")
    return [n for n in tables or present]


def _size(wh, table: str, files: list[str]) -> int:
    """Bytes of ``files`` (URIs or paths relative to the table)."""
    fs, prefix = wh.location.table_filesystem(table)
    total = 0
    for f in files:
        info = fs.get_file_info(prefix + f.rsplit("/", 1)[-1])
        total += info.size or 0
    return total


def doctor(
    store: Annotated[Optional[str], typer.Option(help="仓库 Warehouse folder or s3:// URI")] = None,
) -> None:
    """体检 Check the settings, the store (tables, logs, orphan files) and the ops database."""
    checks: list[tuple[str, str, str]] = []  # (what, ok|warn|FAIL, detail)

    def check(what: str, fn: Callable[[], tuple[str, str]]) -> None:
        try:
            status, detail = fn()
        except HaisiError as e:
            status, detail = "FAIL", str(e)
        except Exception as e:  # a check that breaks is a finding, not a crash
            status, detail = "FAIL", f"{type(e).__name__}: {e}"
        checks.append((what, status, detail))

    settings = _settings(checks)
    if settings is not None:
        check("仓库 store", lambda: _store(settings, store, checks))
        check("运维数据库 ops database", lambda: _ops(settings))
    t = Table(title="haisi doctor 体检")
    for col in ("检查 check", "状态 status", "说明 detail"):
        t.add_column(col, overflow="fold")
    for what, status, detail in checks:
        style = {"FAIL": "red", "warn": "yellow"}.get(status)
        t.add_row(what, status, detail, style=style)
    Console().print(t)
    if any(status == "FAIL" for _, status, _ in checks):
        raise typer.Exit(1)


def _settings(checks: list) -> object | None:
    from pydantic import ValidationError

    from haisi.settings import get_settings

    try:
        s = get_settings()
    except (ValidationError, HaisiError, ValueError) as e:
        first = str(e).splitlines()
        checks.append(("设置 settings", "FAIL", " ".join(first[:3])))
        return None
    checks.append(("设置 settings", "ok", f"data dir {s.data_dir}, environment {s.environment}"))
    if not s.shared_data.is_dir():
        checks.append(("共享数据 shared data", "warn", f"{s.shared_data} not found (real-data "
                       "tests and `haisi mirror build --from shared` need it)"))
    if s.environment == "production" and not s.require_api_key:
        checks.append(("访问控制 API keys", "FAIL", "production without REQUIRE_API_KEY: every "
                       "caller is anonymous"))
    return s


def _store(settings, store: str | None, checks: list) -> tuple[str, str]:
    from haisi.warehouse import Warehouse
    from haisi.warehouse.commit import MIN_RETENTION_HOURS, orphans

    wh = Warehouse.at(store, settings)
    present = wh.require_store()
    for name in present:
        dt = wh.delta_table(name)  # reads the log: a broken log is a finding
        files = orphans(wh, name, MIN_RETENTION_HOURS)
        if files:
            checks.append((f"表 {name}", "warn", f"v{dt.version()}: {len(files)} orphan data file(s) "
                           "of interrupted writes; `haisi vacuum` removes them"))
    return "ok", f"{wh.location.describe()}: {len(present)} table(s): {', '.join(present)}"


def _ops(settings) -> tuple[str, str]:
    from haisi.warehouse.ops import OpsDB

    ops = OpsDB.from_settings(settings)
    keys = len(ops.list_keys())
    runs = ops.crawl_runs(limit=1)
    return "ok", f"{getattr(ops, 'path', '')}: {keys} API key(s), last crawl run " + (
        f"{runs[0].get('status')}" if runs else "none")
