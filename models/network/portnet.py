"""The port network in the warehouse: services (``routes``, mode sea) and calls (``port_calls``).

A port's partners are the previous/next ports of its services, ranked by containers (TEU) or
calls in a period. The service network joins ports by searoute distance (cached, see
:mod:`models.network.sea`), so chains of services can be searched for the shortest way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pandas as pd
from haisi.models.network.sea import port_graph, port_shortest_path
from haisi.models.network.selection import NetworkError, parse_period
from haisi.warehouse.figures import period_filter

from haisi.errors import NotFound

__all__ = ["is_port_code", "port_partners", "service_network", "service_path"]

_LOCODE = re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$")
MEASURES = ("teu", "calls")


def is_port_code(code: str) -> bool:
    """True for a UN/LOCODE-shaped code (CNFOC, SGSIN, GRPIR …)."""
    return bool(_LOCODE.match(code or ""))


def port_partners(wh, *, port: str, period: str, measure: str = "teu", n: int = 10) -> pd.DataFrame:
    """Partner ports of ``port`` by TEU or calls in ``period``: rank, partner, names, share."""
    from haisi.reference.ports import port as port_info

    if measure not in MEASURES:
        raise NetworkError(f"指标无效 measure must be one of {list(MEASURES)}, got {measure!r}")
    if not wh.exists("port_calls"):
        raise NotFound("仓库中没有港口挂靠数据 the warehouse has no port_calls table yet")
    parse_period(period)
    calls = wh.scan(
        "port_calls",
        filters={"port": port, "period": period_filter(period), measure: ("not null",)},
        columns=["partner_port", measure],
    ).to_pandas()
    if calls.empty:
        raise NotFound(f"没有港口挂靠数据 no port calls at {port} in {period}")
    calls = calls.sort_values(measure, kind="stable")  # sums independent of the scan's order
    per = calls.groupby("partner_port", as_index=False)[measure].sum()
    per = per.rename(columns={"partner_port": "partner", measure: "value"})
    per["share"] = per["value"] / per["value"].sum()
    per = per.sort_values(["value", "partner"], ascending=[False, True], ignore_index=True)
    per = per.head(max(int(n), 0))
    per.insert(0, "rank", range(1, len(per) + 1))
    names = {p: port_info(p) for p in per["partner"]}
    per.insert(2, "name_zh", per["partner"].map(lambda p: names[p]["name_zh"]))
    per.insert(3, "name_en", per["partner"].map(lambda p: names[p]["name_en"]))
    return per.assign(unit="TEU" if measure == "teu" else "calls")


def service_network(wh, *, avoid: Iterable[str] = (), cache: Path | None = None) -> nx.Graph:
    """Ports linked by the sea services in ``routes`` and the port pairs in ``port_calls``."""
    links: set[tuple[str, str]] = set()
    if wh.exists("routes"):
        r = wh.scan(
            "routes", filters={"mode": "sea"}, columns=["origin", "destination"]
        ).to_pandas()
        links |= {tuple(sorted(x)) for x in r.itertuples(index=False, name=None)}
    if wh.exists("port_calls"):
        pc = wh.scan("port_calls", columns=["port", "partner_port"], distinct=True).to_pandas()
        links |= {tuple(sorted(x)) for x in pc.itertuples(index=False, name=None)}
    links = {(a, b) for a, b in links if a != b and is_port_code(a) and is_port_code(b)}
    if not links:
        raise NotFound("仓库中没有海运航线 the warehouse has no sea routes or port calls")
    ports = {p for link in links for p in link}
    return port_graph(ports, avoid=avoid, cache=cache, links=sorted(links))


def service_path(
    wh, *, origin: str, destination: str, avoid: Iterable[str] = (), cache: Path | None = None
) -> dict:
    """Shortest chain of services between two ports (by sea distance), under closures."""
    g = service_network(wh, avoid=avoid, cache=cache)
    return port_shortest_path(g, origin.upper(), destination.upper())
