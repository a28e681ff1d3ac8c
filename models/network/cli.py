"""``haisi network ...`` commands: metrics, top partners, changes, mirror gaps, sea paths and
exports (``haisi network aggregate``, the declarations ingest, lives with the feeds)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from haisi.roleopt import RoleOpt, warehouse_as

network_app = typer.Typer(help="贸易网络 Trade networks.", no_args_is_help=True)

Period = Annotated[str, typer.Option("--period", help="期间 Period: YYYY, YYYYQn or YYYY-MM.")]
Flow = Annotated[str, typer.Option("--flow", help="流向 Flow: export, import or total.")]
Product = Annotated[str, typer.Option("--product", help="商品 Product: TOTAL or HS code prefix.")]
Source = Annotated[str | None, typer.Option("--source", help="来源 Only this source_id.")]
Currency = Annotated[
    str | None, typer.Option("--currency", help="币种 Only rows in this currency.")
]
AsJson = Annotated[bool, typer.Option("--json", help="输出 JSON records.")]


def _fail(exc: Exception) -> None:
    typer.echo(f"错误 Error: {exc.args[0] if exc.args else exc}", err=True)
    raise typer.Exit(2) from exc


def _show(frame, title: str, as_json: bool, columns: list[str] | None = None) -> None:
    if as_json:
        typer.echo(frame.to_json(orient="records", force_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    cols = columns or list(frame.columns)
    table = Table(title=title)
    for c in cols:
        table.add_column(c)
    for row in frame[cols].itertuples(index=False):
        table.add_row(*[f"{v:,.4g}" if isinstance(v, float) else str(v) for v in row])
    Console(width=200).print(table)


@network_app.command("metrics")
def metrics_cmd(
    period: Period,
    flow: Flow = "total",
    product: Product = "TOTAL",
    source: Source = None,
    currency: Currency = None,
    node: Annotated[str | None, typer.Option("--node", help="节点 Only this node.")] = None,
    top: Annotated[int, typer.Option("--top", help="显示前N Show the N by PageRank.")] = 20,
    as_json: AsJson = False,
    role: RoleOpt = None,
) -> None:
    """网络指标 Compute (once per data version) and show node metrics."""
    from haisi.models.network.selection import NetworkError, Selection
    from haisi.models.network.stored import ensure_metrics

    try:
        stored = ensure_metrics(
            warehouse_as(role), Selection(period, flow, product, source, currency), store=True
        )
        frame = stored.nodes if node is None else stored.nodes[stored.nodes["node"] == node]
    except (NetworkError, KeyError) as exc:
        _fail(exc)
    frame = frame.sort_values("pagerank", ascending=False).head(top)
    how = "computed and stored 已计算并保存" if stored.computed else "read from store 读取已存结果"
    if stored.reused_from:
        how = f"unchanged since {stored.reused_from}, reused 网络未变，沿用已存结果"
    if not as_json:
        typer.echo(
            f"{stored.view.data_version}: {how}; " + json.dumps(stored.summary, ensure_ascii=False)
        )
    _show(frame, f"网络指标 Node metrics {period} {flow} {product}", as_json)


@network_app.command("top")
def top_cmd(
    reporter: Annotated[str, typer.Argument(help="报告方 Reporter node (ISO3, CN-FJ).")],
    period: Period,
    flow: Flow = "total",
    product: Product = "TOTAL",
    source: Source = None,
    currency: Currency = None,
    n: Annotated[int, typer.Option("-n", help="个数 How many.")] = 10,
    as_json: AsJson = False,
    role: RoleOpt = None,
) -> None:
    """主要伙伴 Top trading partners of a node."""
    from haisi.models.network.queries import top_partners
    from haisi.models.network.selection import NetworkError

    try:
        frame = top_partners(
            warehouse_as(role),
            reporter=reporter,
            period=period,
            flow=flow,
            product=product,
            n=n,
            source=source,
            currency=currency,
        )
    except NetworkError as exc:
        _fail(exc)
    _show(frame, f"{reporter} 主要伙伴 top partners {period} {flow} {product}", as_json)


@network_app.command("changes")
def changes_cmd(
    period_a: Annotated[str, typer.Option("--from", help="起始期 Period A.")],
    period_b: Annotated[str, typer.Option("--to", help="比较期 Period B.")],
    flow: Flow = "total",
    product: Product = "TOTAL",
    source: Source = None,
    currency: Currency = None,
    reporter: Annotated[
        str | None, typer.Option("--reporter", help="只看此节点 Only links of this node.")
    ] = None,
    status: Annotated[
        str | None, typer.Option("--status", help="new, broken, grown, shrunk.")
    ] = None,
    top: Annotated[int, typer.Option("--top", help="显示前N Show N largest changes.")] = 30,
    as_json: AsJson = False,
    role: RoleOpt = None,
) -> None:
    """联系变化 Links new, broken, grown and shrunk between two periods."""
    from haisi.models.network.queries import changes
    from haisi.models.network.selection import NetworkError

    try:
        frame = changes(
            warehouse_as(role),
            period_a=period_a,
            period_b=period_b,
            flow=flow,
            product=product,
            reporter=reporter,
            source=source,
            currency=currency,
        )
    except NetworkError as exc:
        _fail(exc)
    if status:
        frame = frame[frame["status"] == status]
    _show(
        frame.head(top),
        f"变化 Changes {period_a} → {period_b}",
        as_json,
        None
        if as_json
        else [
            "exporter",
            "exporter_name_zh",
            "importer",
            "importer_name_zh",
            "value_a",
            "value_b",
            "change",
            "change_pct",
            "status",
        ],
    )


@network_app.command("mirror")
def mirror_cmd(
    reporter: Annotated[str, typer.Argument(help="报告方 Reporter (ISO3).")],
    partner: Annotated[str | None, typer.Option("--partner", help="伙伴 Partner.")] = None,
    period: Annotated[str | None, typer.Option("--period", help="期间 Period.")] = None,
    as_json: AsJson = False,
    role: RoleOpt = None,
) -> None:
    """镜像统计 Mirror statistics: both sides' figures, ratio and gap."""
    from haisi.models.network.queries import mirror_gaps
    from haisi.models.network.selection import NetworkError

    try:
        frame = mirror_gaps(warehouse_as(role), reporter=reporter, partner=partner, period=period)
    except NetworkError as exc:
        _fail(exc)
    _show(
        frame,
        f"镜像统计 Mirror statistics {reporter}",
        as_json,
        None
        if as_json
        else [
            "period",
            "exporter",
            "importer",
            "exporter_reports",
            "importer_reports",
            "ratio",
            "gap_pct",
            "note",
        ],
    )


@network_app.command("path")
def path_cmd(
    origin: Annotated[str, typer.Argument(help="起点港 Origin port UN/LOCODE, e.g. CNFOC.")],
    destination: Annotated[str, typer.Argument(help="终点港 Destination UN/LOCODE.")],
    avoid: Annotated[
        list[str] | None,
        typer.Option(
            "--avoid",
            help="关闭通道 Closed passage (suez, bab_el_mandeb, red_sea, hormuz, "
            "malacca, panama, cape_of_good_hope …); repeat.",
        ),
    ] = None,
    as_json: AsJson = False,
) -> None:
    """海上航线 Sea path between two ports, chokepoints passed, detour when passages are closed."""
    from haisi.models.network.sea import NoSeaRouteError, sea_path

    try:
        r = sea_path(origin, destination, avoid=tuple(avoid or ()))
    except (NoSeaRouteError, KeyError, ValueError) as exc:
        _fail(exc)
    if as_json:
        typer.echo(json.dumps(r, ensure_ascii=False))
        return
    o, d = r["origin"], r["destination"]
    typer.echo(
        f"{o['name_zh'] or o['name_en']} {o['unlocode']} → {d['name_zh'] or d['name_en']} "
        f"{d['unlocode']}: {r['distance_km']:,.0f} km, "
        f"{r['duration_hours'] / 24:.1f} 天 days @24 kn"
    )
    typer.echo(
        "咽喉要道 chokepoints: "
        + (", ".join(f"{c['name_zh']} {c['name_en']}" for c in r["chokepoints"]) or "—")
    )
    if avoid:
        typer.echo(
            f"关闭 closed: {', '.join(r['closed'])}; "
            f"不限制时 unrestricted {r['unrestricted_km']:,.0f} km; "
            f"多绕 extra {r['extra_km_vs_unrestricted']:,.0f} km"
        )


@network_app.command("export")
def export_cmd(
    period: Period,
    output: Annotated[Path, typer.Option("-o", "--output", help="输出文件 Output file.")],
    fmt: Annotated[str, typer.Option("--format", help="graphml, gexf, json or csv.")] = "graphml",
    flow: Flow = "total",
    product: Product = "TOTAL",
    source: Source = None,
    currency: Currency = None,
    role: RoleOpt = None,
) -> None:
    """导出网络 Export the network as GraphML, GEXF, node-link JSON or CSV edges."""
    from haisi.models.network.queries import export_graph
    from haisi.models.network.selection import NetworkError

    try:
        data = export_graph(
            warehouse_as(role),
            period=period,
            fmt=fmt,
            flow=flow,
            product=product,
            source=source,
            currency=currency,
        )
    except (NetworkError, ValueError) as exc:
        _fail(exc)
    output.write_bytes(data)
    typer.echo(f"{output} ({len(data):,} bytes, {fmt})")
