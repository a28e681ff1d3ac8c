"""The trade network for customs: partners, neighbours, metrics, communities, changes,
mirror gaps, sea paths and graph exports. Customs and admin keys only (see api.access)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from haisi.api.answers import kept
from haisi.api.deps import WarehouseDep, guard
from haisi.api.errors import CONFLICT
from haisi.api.frames import envelope
from haisi.api.params import Partner, Period, PeriodOpt, Product, Reporter, ReporterOpt
from haisi.api.schemas import Envelope
from haisi.models.network.sea import AVOID_ALIASES
from haisi.warehouse import Warehouse
from haisi.warehouse.cache import versioned
from starlette.concurrency import run_in_threadpool

from haisi.errors import InvalidInput

router = APIRouter(prefix="/network", tags=["network 贸易网络"], dependencies=[guard("network")])

Flow = Annotated[Literal["export", "import", "total"], Query(description="流向 flow")]
Node = Reporter  # a node is named like a reporter: ISO3, CN-FJ or a port's UN/LOCODE
_PORT = r"^[A-Z]{2}[A-Z0-9]{3}$"
if TYPE_CHECKING:  # the passages are known at run time only; checkers see a string
    Passage = str
else:
    Passage = Literal[tuple(sorted(AVOID_ALIASES))]
Source = Annotated[
    str | None,
    Query(
        pattern=r"^[a-z0-9][a-z0-9_.-]{1,63}$",
        description="来源 only this source_id (GET /admin/sources lists them)",
        examples=["singstat"],
    ),
]
Currency = Annotated[
    str | None,
    Query(pattern=r"^[A-Z]{3}$", description="币种 only rows in this currency", examples=["USD"]),
]


class _Rows:
    """Which trade rows a network selection reads: flow, product, and optionally one source or
    currency (a selection whose rows mix currencies is a 409 until one is picked)."""

    def __init__(
        self,
        flow: Flow = "total",
        product: Product = "TOTAL",
        source: Source = None,
        currency: Currency = None,
    ) -> None:
        self.kw = {"flow": flow, "product": product, "source": source, "currency": currency}


Rows = Annotated[_Rows, Depends()]
Port = Annotated[str, Query(pattern=_PORT, description="港口 UN/LOCODE port", examples=["CNFOC"])]
_EXPORT_TYPES = {
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
}


def _run(fn, args: tuple, kw: dict):
    """``fn(*args, **kw)``; answers over a warehouse are cached until trade_flows or port_calls
    get a new version (the network is a function of those two tables)."""
    if not args or not isinstance(args[0], Warehouse):
        return fn(*args, **kw)
    wh = args[0]
    key = (fn.__name__, args[1:], tuple(sorted((k, str(v)) for k, v in kw.items())))
    return versioned(wh, ["trade_flows", "port_calls"], key, lambda: fn(*args, **kw))


def _enveloped(fn):
    """``fn`` answering the list envelope, so the cache keeps the shaped answer (shaping: ~1 ms)."""

    def answer(*args, **kw) -> dict:
        return envelope(fn(*args, **kw))

    answer.__name__ = f"{fn.__name__}:envelope"
    return answer


async def _q(fn, *args, **kw):
    """Run a network query in the thread pool (its errors map to HTTP in haisi.api.errors)."""
    return await run_in_threadpool(_run, fn, args, kw)


@router.get(
    "/top-partners",
    responses=CONFLICT,
    response_model=Envelope,
    summary="主要贸易伙伴 Top partners",
)
@kept
async def top_partners(
    wh: WarehouseDep,
    rows: Rows,
    reporter: Node,
    period: Period,
    n: Annotated[int, Query(ge=1, le=250)] = 10,
) -> dict:
    """The n largest partners of a reporter (or partner ports of a UN/LOCODE port) with shares."""
    from haisi.models.network.queries import top_partners as f

    return await _q(_enveloped(f), wh, reporter=reporter, period=period, n=n, **rows.kw)


@router.get(
    "/neighbours",
    responses=CONFLICT,
    response_model=Envelope,
    summary="相邻节点 Neighbours",
)
@kept
async def neighbours(
    wh: WarehouseDep,
    rows: Rows,
    node: Node,
    period: Period,
) -> dict:
    """Every link of a node, both directions, with values and shares."""
    from haisi.models.network.queries import neighbours as f

    return await _q(_enveloped(f), wh, node=node, period=period, **rows.kw)


@router.get(
    "/metrics",
    responses=CONFLICT,
    response_model=Envelope,
    summary="节点指标 Node metrics",
)
@kept
async def metrics(
    wh: WarehouseDep,
    rows: Rows,
    period: Period,
    node: ReporterOpt = None,
) -> dict:
    """Degree, strength, PageRank, betweenness, eigenvector, clustering, community, HHI."""
    from haisi.models.network.queries import node_metrics as f

    return await _q(_enveloped(f), wh, period=period, node=node, **rows.kw)


@router.get(
    "/community",
    responses=CONFLICT,
    summary="所属社区 Community of a node",
)
@kept
async def community(
    wh: WarehouseDep,
    rows: Rows,
    node: Node,
    period: Period,
) -> dict:
    """The Louvain community of a node: members by strength and the modularity."""
    from haisi.models.network.queries import community_of as f

    return await _q(f, wh, node=node, period=period, **rows.kw)


@router.get(
    "/changes",
    responses=CONFLICT,
    response_model=Envelope,
    summary="期间变化 Changes between periods",
)
@kept
async def changes(
    wh: WarehouseDep,
    rows: Rows,
    period_a: Period,
    period_b: Period,
    reporter: ReporterOpt = None,
) -> dict:
    """Links new, broken, grown and shrunk between two periods."""
    from haisi.models.network.queries import changes as f

    return await _q(
        _enveloped(f), wh, period_a=period_a, period_b=period_b, reporter=reporter, **rows.kw
    )


@router.get("/mirror-gaps", response_model=Envelope, summary="镜像差异 Mirror gaps")
@kept
async def mirror_gaps(
    wh: WarehouseDep, reporter: Node, partner: Partner = None, period: PeriodOpt = None
) -> dict:
    """Both sides' figures for each link of a reporter: ratio, gap and CIF/FOB note."""
    from haisi.models.network.queries import mirror_gaps as f

    return await _q(_enveloped(f), wh, reporter=reporter, partner=partner, period=period)


@router.get("/sea-path", summary="港到港海上航线 Port-to-port sea path")
async def sea_path(
    origin: Port,
    destination: Port,
    avoid: Annotated[
        list[Passage],
        Query(description="避开通道 passages to avoid", max_length=10, examples=[["suez"]]),
    ] = [],
) -> dict:
    """Sea route between two UN/LOCODE ports: distance, GeoJSON geometry, chokepoints."""
    from haisi.models.network.queries import sea_path as f

    return await _q(f, origin, destination, avoid=tuple(avoid))


@router.get("/port-path", summary="航线服务链 Chain of sea services between ports")
@kept
async def port_path(wh: WarehouseDep, origin: Port, destination: Port) -> dict:
    """Shortest chain of the warehouse's sea services between two ports (ports, legs, km)."""
    from haisi.models.network.queries import port_path as f

    return await _q(f, wh, origin=origin, destination=destination)


@router.get(
    "/subgraph",
    responses=CONFLICT,
    summary="子网络 Subgraph",
)
@kept
async def subgraph(
    wh: WarehouseDep,
    rows: Rows,
    nodes: Annotated[
        str,
        Query(
            pattern=r"^[A-Z0-9-]{2,8}(,[A-Z0-9-]{2,8}){0,49}$",
            description="逗号分隔的节点 comma-separated nodes",
            examples=["CN-FJ,USA,JPN"],
        ),
    ],
    period: Period,
) -> dict:
    """The links among the given nodes as node-link JSON."""
    from haisi.models.network.queries import subgraph as f

    ids = [n.strip() for n in nodes.split(",") if n.strip()]
    if not ids:
        raise InvalidInput("节点为空 nodes must name at least one node")
    return await _q(f, wh, nodes=ids, period=period, **rows.kw)


@router.get(
    "/export",
    summary="导出网络 Export the network",
    response_class=Response,
    responses={200: {"content": {v.split(";")[0]: {} for v in _EXPORT_TYPES.values()}}, **CONFLICT},
)
async def export(
    wh: WarehouseDep,
    rows: Rows,
    period: Period,
    format: Annotated[Literal["graphml", "gexf", "json", "csv"], Query()] = "graphml",
) -> Response:
    """The whole network of one selection as GraphML, GEXF, node-link JSON or a CSV edge list."""
    from haisi.models.network.queries import export_graph as f

    body = await _q(f, wh, period=period, fmt=format, **rows.kw)
    return Response(
        body,
        media_type=_EXPORT_TYPES[format],
        headers={
            "Content-Disposition": f'attachment; filename="network_{period}_{rows.kw["flow"]}_'
            f'{rows.kw["product"]}.{format}"'
        },
    )
