"""Trade-network benchmark: build + all metrics per period, and query latency from stored results.

A generated world network (countries and Chinese provinces, ≥250 nodes) with ~30,000 weighted
directed links per month over 24 months (gravity-like masses, growth, noise and ~2 % churn per
month) is written to a fresh warehouse as importer-reported ``trade_flows`` rows. Then, per
period: the cold build (select + graph) and the metrics (computed and stored once). Baselines
measured in the same run: ``networkx.clustering`` against our matrix form of the same
coefficient, a full recompute against answering from stored results, and, when ``igraph`` is
installed (bench-only extra), igraph's PageRank and betweenness on the same graphs.

    .venv/bin/python bench/network/run.py            # 24 periods
    .venv/bin/python bench/network/run.py --quick    # 2 periods
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402


def generate(n_nodes: int, n_edges: int, periods: int, seed: int = 7) -> pd.DataFrame:
    """trade_flows rows: ``n_edges`` ± churn importer-reported links per month."""
    from haisi.reference.countries import countries
    from haisi.reference.places import PROVINCES

    codes = (sorted(countries()["iso3"]) + sorted(PROVINCES))[:n_nodes]
    rng = np.random.default_rng(seed)
    n = len(codes)
    mass = rng.lognormal(0, 1.5, n)
    ii, jj = np.where(~np.eye(n, dtype=bool))
    p = mass[ii] * mass[jj]
    p /= p.sum()
    pick = rng.choice(len(ii), size=int(n_edges * 1.1), replace=False, p=p)
    base, spare = pick[:n_edges], pick[n_edges:]
    level = mass[ii] * mass[jj] * rng.lognormal(0, 1.0, len(ii)) * 1e6
    growth = rng.normal(0.03, 0.05, len(ii))
    months = pd.period_range("2023-01", periods=periods, freq="M").astype(str)
    frames = []
    for t, month in enumerate(months):
        keep = base[rng.random(len(base)) > 0.02]
        links = np.concatenate([keep, rng.choice(spare, len(base) - len(keep), replace=False)])
        value = level[links] * (1 + growth[links]) ** (t / 12) * rng.lognormal(0, 0.1, len(links))
        frames.append(
            pd.DataFrame(
                {
                    "period": month,
                    "reporter": np.array(codes)[jj[links]],
                    "partner": np.array(codes)[ii[links]],
                    "value": value,
                }
            )
        )
    df = pd.concat(frames, ignore_index=True)
    return df.assign(
        frequency="M",
        flow="import",
        hs_code="TOTAL",
        hs_revision="H6",
        regime="",
        mode="",
        currency="USD",
        quantity=None,
        quantity_unit=None,
        supp_quantity=None,
        supp_unit=None,
        vintage="bench",
    )


def _t(fn, *a, **k) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn(*a, **k)
    return time.perf_counter() - t0, out


def _latency(fn, repeat: int) -> float:
    times = [_t(fn)[0] for _ in range(repeat)]
    return statistics.median(times) * 1000


def _igraph(g: nx.DiGraph):
    import igraph as ig

    names = list(g.nodes)
    idx = {n: i for i, n in enumerate(names)}
    h = ig.Graph(n=len(names), edges=[(idx[u], idx[v]) for u, v in g.edges], directed=True)
    h.es["weight"] = [d["weight"] for _, _, d in g.edges(data=True)]
    h.es["distance"] = [d["distance"] for _, _, d in g.edges(data=True)]
    return h, names


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="2 periods instead of 24")
    ap.add_argument("--nodes", type=int, default=260)
    ap.add_argument("--edges", type=int, default=30_000)
    ap.add_argument("--periods", type=int, default=24)
    ap.add_argument("--repeat", type=int, default=50, help="repetitions per latency figure")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="haisi-bench-network-") as tmp:
        run(args, Path(tmp))


def run(args: argparse.Namespace, tmp: Path) -> None:
    """Generate, load, time builds, metrics, queries and the igraph baseline; print the figures."""
    periods = 2 if args.quick else args.periods

    from haisi.models.network import graph as graph_mod
    from haisi.models.network import metrics as m
    from haisi.models.network import queries as q
    from haisi.models.network import stored
    from haisi.models.network.selection import Selection, edges_for
    from haisi.warehouse import Provenance, Warehouse
    from haisi.warehouse.cache import RESULTS

    wh = Warehouse(tmp / "warehouse")
    rows = generate(args.nodes, args.edges, periods)
    t_load, _ = _t(
        wh.append,
        "trade_flows",
        rows,
        provenance=Provenance("bench", "bench/network generate()", "bench"),
    )
    months = sorted(rows["period"].unique())
    print(
        f"generated {len(rows):,} rows: {args.nodes} nodes, ~{args.edges:,} links × {periods} "
        f"periods; warehouse load {t_load:.1f} s"
    )

    build, metric, store_read = [], [], []
    for month in months:
        RESULTS.clear()
        sel = Selection(month)
        tb, view = _t(graph_mod.load_view, wh, sel)
        tm, res = _t(stored.ensure_metrics, wh, sel)
        assert res.computed
        RESULTS.clear()
        graph_mod.load_view(wh, sel)
        tr, again = _t(stored.ensure_metrics, wh, sel)
        assert not again.computed
        build.append(tb)
        metric.append(tm)
        store_read.append(tr)
        print(
            f"  {month}: {view.graph.number_of_nodes()} nodes, {view.graph.number_of_edges():,} "
            f"links; build {tb:.2f} s, metrics+store {tm:.2f} s, read stored {tr:.2f} s"
        )

    g = view.graph
    parts = {}
    parts["pagerank"], _ = _t(nx.pagerank, g, alpha=0.85, weight="weight", tol=1e-10, max_iter=1000)
    for backend in ("networkx", "igraph"):
        if backend == "networkx" or m.DEFAULT_BACKEND == "igraph":
            parts[f"betweenness ({backend})"], _ = _t(m.betweenness, g, backend)
    parts["clustering (ours)"], ours = _t(m.weighted_clustering, g)
    parts["louvain + modularity"], _ = _t(m.communities, g)
    parts["disparity backbone"], _ = _t(m.disparity_backbone, g)
    sub = g if not args.quick else g.subgraph(sorted(g)[:80]).copy()
    t_nx_clu, ref = _t(nx.clustering, sub, weight="weight")
    t_our_sub, ours_sub = _t(m.weighted_clustering, sub)
    assert max(abs(ours_sub[k] - ref[k]) for k in ref) < 1e-9

    # query latency: warm (in-process cache), from stored results in a fresh process state,
    # against recomputing everything for the question (no stored results).
    last = months[-1]
    RESULTS.clear()
    top_node = max(g.nodes, key=lambda n: g.in_degree(n, weight="weight"))
    t_cold_top, _ = _t(q.top_partners, wh, reporter=top_node, period=last)
    t_cold_metric, _ = _t(q.node_metrics, wh, period=last, node=top_node)

    def recompute():
        e = edges_for(wh, Selection(last))
        gg = graph_mod.build_graph(e)
        return m.node_metrics(gg, e)

    t_recompute, _ = _t(recompute)
    lat = {
        "top_partners": _latency(
            lambda: q.top_partners(wh, reporter=top_node, period=last), args.repeat
        ),
        "neighbours": _latency(lambda: q.neighbours(wh, node=top_node, period=last), args.repeat),
        "node_metrics(node)": _latency(
            lambda: q.node_metrics(wh, period=last, node=top_node), args.repeat
        ),
        "sea_path CNFOC→GRPIR (cached)": _latency(
            lambda: q.sea_path("CNFOC", "GRPIR", cache=tmp / "sea.sqlite"), args.repeat
        ),
        "sea_path CNFOC→GRPIR red sea closed (cached)": _latency(
            lambda: q.sea_path("CNFOC", "GRPIR", avoid=("red_sea",), cache=tmp / "sea.sqlite"),
            args.repeat,
        ),
    }
    t_sea_cold, _ = _t(q.sea_path, "CNFOC", "SGSIN", cache=tmp / "sea2.sqlite")

    print("\nper period (median over", periods, "periods)")
    print(f"  build (select from warehouse + graph): {statistics.median(build):.2f} s")
    print(
        f"  all metrics, computed and stored:      {statistics.median(metric):.2f} s"
        f"   (betweenness by {m.DEFAULT_BACKEND})"
    )
    print(
        f"  stored metrics read back:              {statistics.median(store_read):.3f} s"
        f"   (recompute / read = {statistics.median(metric) / statistics.median(store_read):.0f}×)"
    )
    print("\nmetric parts on the last period")
    for k, v in parts.items():
        print(f"  {k:24s} {v:.3f} s")
    print(
        f"  clustering: networkx {t_nx_clu:.2f} s vs ours {t_our_sub:.3f} s "
        f"on {sub.number_of_nodes()} "
        f"nodes / {sub.number_of_edges():,} links = {t_nx_clu / t_our_sub:.0f}× faster, same values"
    )
    print("\nquery latency (median of", args.repeat, "warm calls)")
    for k, v in lat.items():
        print(f"  {k:46s} {v:8.2f} ms")
    print(
        f"  first top_partners after restart (edges rebuilt, metrics stored): "
        f"{t_cold_top * 1000:.0f} ms"
    )
    print(
        f"  first node_metrics after restart (read from network_metrics):      "
        f"{t_cold_metric * 1000:.0f} ms"
    )
    print(
        f"  baseline: recompute network + all metrics for one question:      "
        f"{t_recompute * 1000:.0f} ms"
        f"  → warm top_partners is {t_recompute * 1000 / lat['top_partners']:.0f}× faster"
    )
    print(
        f"  sea_path uncached (searoute) {t_sea_cold * 1000:.0f} ms vs cached "
        f"{lat['sea_path CNFOC→GRPIR (cached)']:.2f} ms"
    )

    try:
        import igraph  # noqa: F401
    except ImportError:
        print("\nigraph not installed (bench-only extra): skipped the igraph comparison")
        return
    h, names = _igraph(g)
    t_ig_pr, ig_pr = _t(h.pagerank, weights="weight", damping=0.85)
    t_ig_bw, ig_bw = _t(h.betweenness, weights="distance", directed=True)
    t_nx_pr, nx_pr = _t(nx.pagerank, g, alpha=0.85, weight="weight", tol=1e-10, max_iter=1000)
    t_nx_bw, nx_bw = _t(nx.betweenness_centrality, g, weight="distance", normalized=False)
    pr_diff = max(abs(ig_pr[i] - nx_pr[n]) for i, n in enumerate(names))
    bw_diff = max(abs(ig_bw[i] - nx_bw[n]) for i, n in enumerate(names))
    print(
        f"\nigraph vs networkx on the last period ({g.number_of_nodes()} nodes, "
        f"{g.number_of_edges():,} links)"
    )
    print(
        f"  PageRank:    networkx {t_nx_pr:.3f} s, igraph {t_ig_pr:.4f} s "
        f"→ igraph {t_nx_pr / t_ig_pr:.0f}× faster "
        f"(max |diff| {pr_diff:.1e})"
    )
    print(
        f"  betweenness: networkx {t_nx_bw:.2f} s, igraph {t_ig_bw:.4f} s "
        f"→ igraph {t_nx_bw / t_ig_bw:.0f}× faster "
        f"(max |diff| {bw_diff:.1e})"
    )


if __name__ == "__main__":
    main()
