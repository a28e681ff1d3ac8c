"""``haisi crawl`` and ``haisi mirror ...``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

mirror_app = typer.Typer(help="本地镜像 Local mirror of the real sources.", no_args_is_help=True)


def _pairs(values: list[str] | None, what: str) -> dict[str, str]:
    out = {}
    for v in values or []:
        if "=" not in v:
            raise typer.BadParameter(f"{what} must be KEY=VALUE, got {v!r} 格式应为 KEY=VALUE")
        k, val = v.split("=", 1)
        out[k] = val
    return out


def crawl(
    spider: Optional[str] = typer.Argument(None, help="爬虫名或 all  Spider name, or all"),
    mirror: Optional[str] = typer.Option(
        None, "--mirror", help="镜像地址 Re-root spiders at this base URL"
    ),
    redis: Optional[str] = typer.Option(
        None, "--redis", help="分布式 Redis URL (scrapy-redis shared queue)"
    ),
    run_id: str = typer.Option(
        "run", "--run-id", help="分布式运行编号 Run id shared by all workers"
    ),
    jobdir: Optional[Path] = typer.Option(
        None, "--jobdir", help="断点续爬目录 JOBDIR to pause/resume"
    ),
    store: Optional[str] = typer.Option(
        None, "--store", help="仓库 Warehouse folder or s3://bucket/prefix (default: settings)"
    ),
    ops_db: Optional[str] = typer.Option(
        None, "--ops-db", help="运维库 OpsDB file or postgresql:// URL (default: settings)"
    ),
    setting: Optional[list[str]] = typer.Option(None, "--set", "-s", help="Scrapy 设置 KEY=VALUE"),
    arg: Optional[list[str]] = typer.Option(
        None, "--arg", "-a", help="爬虫参数 Spider argument KEY=VALUE"
    ),
    status: bool = typer.Option(False, "--status", help="显示抓取记录 Show recorded crawl runs"),
    progress: bool = typer.Option(
        True, "--progress/--no-progress", help="进度显示 Live progress line"
    ),
) -> None:
    """抓取 Run a spider (or all) with progress and a summary; --status lists past runs."""
    from rich.console import Console
    from rich.table import Table

    console = Console(width=120)
    if status:
        from haisi.crawlers.storage import ops_from

        ops = ops_from({"HAISI_OPS_DB": ops_db})
        ops.open_journal()  # replays what dead crawls left and closes their stale runs
        ops.close_journal()
        t = Table(title="抓取记录 Crawl runs")
        for col in (
            "run_id",
            "spider",
            "started_at",
            "finished_at",
            "status",
            "pages",
            "items",
            "errors",
        ):
            t.add_column(col)
        for r in ops.crawl_runs():
            t.add_row(
                *(
                    str(r[c] or "")
                    for c in (
                        "run_id",
                        "spider",
                        "started_at",
                        "finished_at",
                        "status",
                        "pages",
                        "items",
                        "errors",
                    )
                )
            )
        console.print(t)
        return
    if not spider:
        raise typer.BadParameter("give a spider name or 'all' 请指定爬虫名或 all")
    from haisi.crawlers.runner import crawl_settings, run_crawl

    if mirror is None:
        from haisi.settings import get_settings

        mirror = get_settings().crawl_mirror_url
    settings = crawl_settings(
        mirror=mirror,
        redis_url=redis,
        run_id=run_id,
        jobdir=jobdir,
        store_dir=store,
        ops_db=ops_db,
        progress=progress,
        overrides=_pairs(setting, "--set"),
    )
    from scrapy.spiderloader import SpiderLoader

    known = SpiderLoader.from_settings(settings).list()
    names = sorted(known) if spider == "all" else [spider]
    if names[0] not in known:
        raise typer.BadParameter(
            f"unknown spider {spider!r} 未知爬虫; known: {', '.join(sorted(known))}"
        )
    summaries = run_crawl(names, settings, _pairs(arg, "--arg"))
    t = Table(title="抓取汇总 Crawl summary")
    for col in (
        "spider",
        "状态 status",
        "页面 pages",
        "条目 items",
        "入库行 rows stored",
        "问题页 errors",
    ):
        t.add_column(col)
    for s in summaries:
        t.add_row(
            s.spider,
            s.status,
            str(s.pages),
            str(s.items),
            "\n".join(f"{k}={v}" for k, v in s.rows_stored.items()) or "0",
            "\n".join(f"{k}={v}" for k, v in sorted(s.errors.items())) or "0",
        )
    console.print(t)
    from haisi.crawlers.runs import exit_code

    for s in summaries:
        if s.store_error:
            typer.echo(
                f"错误 error: {s.spider}: 入库失败 store write failed: {s.store_error}", err=True
            )
    code = exit_code([s.status for s in summaries])
    if code:
        raise typer.Exit(code)


@mirror_app.command("build")
def mirror_build(
    out: Path = typer.Argument(..., help="输出目录 Output folder"),
    source: str = typer.Option("shared", "--from", help="数据 shared (../shared/data) or sample"),
    articles: int = typer.Option(12, "--articles", help="每个新闻站文章数 Articles per news site"),
    faults: bool = typer.Option(False, "--faults", help="故障页面 Add fault-injecting pages"),
) -> None:
    """生成镜像 Build a static mirror of the real sources' structure."""
    from haisi.crawlers.mirror import build

    m = build(out, source=source, articles=articles, faults=faults)
    typer.echo(f"镜像已生成 mirror built: {m.files} files in {out}")


@mirror_app.command("serve")
def mirror_serve(
    root: Path = typer.Argument(..., help="镜像目录 Mirror folder"),
    port: int = typer.Option(8765, "--port", help="端口 Port on 127.0.0.1"),
    log: Optional[Path] = typer.Option(None, "--log", help="请求日志 Append each request here"),
) -> None:
    """提供镜像 Serve a built mirror on 127.0.0.1."""
    from haisi.crawlers.mirror import MirrorServer

    server = MirrorServer(root, port, log)
    typer.echo(f"serving {root} at {server.url} (Ctrl-C to stop 停止)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
