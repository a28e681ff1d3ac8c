"""Forecasts of warehouse series: list, history, fit-and-store, stored results, hierarchies.

Series ids (documented in ``docs``; stable, URL-safe apart from ``/``):

- ``trade/<reporter>/<flow>/<partner>/<product>`` — e.g. ``trade/CN-FJ/export/ASEAN/TOTAL``.
  ``partner`` is an ISO3 code, a group code from ``reference.groups`` (ASEAN, EU, RCEP, BRICS,
  GCC, SCO, CentralAsia: the sum over its members) or ``WLD`` (all partners: the source's
  world rows, else the sum over countries). ``product`` is a 2-digit HS chapter or ``TOTAL``
  (the source's TOTAL rows, else the sum over chapters).
- ``tourism/<origin>/<destination>/<measure>`` — e.g. ``tourism/TWN/CNFOC/arrivals``;
  ``origin`` may be a group code or ``ALL``.

Figures come from :mod:`haisi.warehouse.figures` (all-regime rows first, TOTAL rows or else
chapters; per reporter the source with most rows), so they are never double counted. A
forecast is stored in ``forecasts`` with the dataset version it was fit on
(``trade_flows@v3``); asking again for the same version returns the stored rows without
refitting.

Published forecast vs runs: the ``forecasts`` table holds the PUBLISHED forecast of each series,
every publication kept as a version (its batch). It changes only through
:func:`publish_forecast` (admin route, ``haisi forecast publish``) or :func:`refresh_published`
(``haisi forecast refresh``, the scheduled job on new data). A user's run
(:func:`compute_forecast`, ``POST /forecasts/run``, jobs) is kept as that caller's run in the
OpsDB (``forecast_runs``) and never replaces the published forecast.
"""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pandas as pd
from haisi.reference.places import place_names
from haisi.warehouse import Provenance, Warehouse, figures
from haisi.warehouse.cache import versioned
from haisi.warehouse.classification import PUBLIC

from haisi.errors import InvalidInput, NotFound

from .auto import DEFAULT_LEVELS, fit_series
from .periods import ForecastError, infer_frequency
from .reconcile import reconcile

__all__ = [
    "list_series",
    "series_history",
    "compute_forecast",
    "publish_forecast",
    "refresh_published",
    "published_versions",
    "stored_forecast",
    "run_hierarchy",
    "parse_series_id",
    "SOURCE_ID",
]

SOURCE_ID = "haisi.forecast"
_FREQ = {"M": "monthly", "Q": "quarterly", "A": "yearly", "Y": "yearly"}
_FLOW = {
    "export": ("出口", "exports"),
    "import": ("进口", "imports"),
    "re_export": ("转出口", "re-exports"),
    "re_import": ("转进口", "re-imports"),
}
_MEASURE = {
    "arrivals": ("入境游客", "visitor arrivals"),
    "departures": ("出境人数", "departures"),
    "trips": ("旅游人次", "trips"),
    "nights": ("过夜数", "nights"),
    "revenue": ("旅游收入", "revenue"),
}
_WORLD = ("WLD", "W00")


def parse_series_id(series_id: str) -> dict:
    """The parts of a series id; ``InvalidInput`` naming the expected shape if malformed."""
    parts = series_id.strip("/").split("/")
    if parts[0] == "trade" and len(parts) == 5:
        return dict(zip(("kind", "reporter", "flow", "partner", "product"), parts))
    if parts[0] == "tourism" and len(parts) == 4:
        return dict(zip(("kind", "origin", "destination", "measure"), parts))
    if parts[0] == "teu" and len(parts) == 3 and parts[2] in figures.TEU_DIRECTIONS:
        return dict(zip(("kind", "port", "direction"), parts))
    raise InvalidInput(
        f"无效序列编号 bad series id {series_id!r}; expected "
        "trade/<reporter>/<flow>/<partner>/<product>, "
        "tourism/<origin>/<destination>/<measure> or teu/<port>/<to_taiwan|from_taiwan>"
    )


def _table(kind: str) -> str:
    return {"trade": "trade_flows", "tourism": "tourism_flows"}.get(kind, "container_flows")


# ---------------------------------------------------------------- reading
def _trade_base(wh: Warehouse) -> pd.DataFrame:
    """Trade figures per (reporter, flow, partner, product, period): TOTAL and each chapter,
    from TOTAL and chapter rows only (a source of HS 8542 alone has no TOTAL series). Cached
    until trade_flows changes: a hierarchy reads it three times per part (read-only)."""

    def compute() -> pd.DataFrame:
        parts = [
            figures.trade_figures(wh, product=p, levels=(0, 2), choose="largest")
            for p in ("TOTAL", "chapters")
        ]
        return pd.concat(parts, ignore_index=True)[
            ["reporter", "flow", "partner", "product", "period", "frequency", "value"]
        ]

    return versioned(wh, ["trade_flows"], "forecast.trade_base", compute)


def _tourism_base(wh: Warehouse) -> pd.DataFrame:
    """Tourism figures per (origin, destination, measure, period), cached until tourism_flows
    changes (read-only)."""

    def compute() -> pd.DataFrame:
        return figures.tourism_figures(wh, choose="largest")[
            ["origin", "destination", "measure", "period", "frequency", "value"]
        ]

    return versioned(wh, ["tourism_flows"], "forecast.tourism_base", compute)


def _groups() -> dict[str, tuple[str, ...]]:
    from haisi.reference.groups import GROUPS

    return {code: g.members for code, g in GROUPS.items()}


def _select(base: pd.DataFrame, col: str, code: str, world: tuple[str, ...]) -> pd.DataFrame:
    """Rows of ``base`` for partner/origin ``code``: one country, a group sum or the world."""
    groups = _groups()
    if code in world:
        own = base[base[col].isin(_WORLD)]
        if not own.empty:
            return own
        return base[
            base[col].str.fullmatch(r"[A-Z]{3}")
            & ~base[col].isin(_WORLD)
            & ~base[col].isin(list(groups))
        ]
    if code in groups:
        return base[base[col].isin(groups[code])]
    return base[base[col] == code]


def _history_frame(sub: pd.DataFrame) -> pd.DataFrame:
    out = (
        sub.groupby("period", as_index=False)["value"]
        .sum()
        .sort_values("period")
        .reset_index(drop=True)
    )
    return out[["period", "value"]]


def series_history(wh: Warehouse, series_id: str) -> pd.DataFrame:
    """The observed series as ``period, value`` (oldest first); ``NotFound`` if it has no data."""
    p = parse_series_id(series_id)
    if p["kind"] == "teu":  # a mainland port's containers with Taiwan, all Taiwan ports summed
        rows = figures.teu_with_taiwan(wh, p["direction"])
        sub = rows[rows["port"] == p["port"]].rename(columns={"teu": "value"})
        if sub.empty:
            raise NotFound(f"序列无数据 no data for series {series_id!r}")
        return _history_frame(sub)
    if p["kind"] == "trade":
        base = _trade_base(wh)
        base = base[
            (base["reporter"] == p["reporter"])
            & (base["flow"] == p["flow"])
            & (base["product"] == p["product"])
        ]
        sub = _select(base, "partner", p["partner"], ("WLD", "W00"))
    else:
        base = _tourism_base(wh)
        base = base[(base["destination"] == p["destination"]) & (base["measure"] == p["measure"])]
        sub = _select(base, "origin", p["origin"], ("ALL",))
    sub = _finest(sub)
    if sub.empty:
        raise NotFound(f"序列无数据 no data for series {series_id!r}")
    return _history_frame(sub)


def _finest(sub: pd.DataFrame) -> pd.DataFrame:
    """Rows of the finest regular frequency only (monthly and yearly rows of one figure keep
    the monthly ones; year-to-date and other cumulative rows are no series); may be empty."""
    freqs = set(sub["frequency"].unique())
    finest = next((f for f in _FREQ if f in freqs), None)
    return sub[sub["frequency"] == finest]


def list_series(wh: Warehouse) -> pd.DataFrame:
    """Every forecastable series: id, zh/en title, frequency, n_obs, first and last period.

    Trade: per reporter and flow, each partner, each group with members present and the
    world, all products; and the world by HS chapter. Tourism: each origin, each group and
    ALL, per destination and measure.
    """
    rows = []
    trade = _trade_base(wh)
    groups = _groups()
    for (rep, flow), g in trade.groupby(["reporter", "flow"]):
        tot = g[g["product"] == "TOTAL"]
        partners = sorted(p for p in tot["partner"].unique() if p not in _WORLD)
        present = [c for c, members in groups.items() if tot["partner"].isin(members).any()]
        for partner in partners + present + ["WLD"]:
            sub = _select(tot, "partner", partner, _WORLD)
            rows.append(_row(f"trade/{rep}/{flow}/{partner}/TOTAL", sub))
        for ch in sorted(p for p in g["product"].unique() if p != "TOTAL"):
            sub = _select(g[g["product"] == ch], "partner", "WLD", _WORLD)
            rows.append(_row(f"trade/{rep}/{flow}/WLD/{ch}", sub))
    tour = _tourism_base(wh)
    for (dest, measure), g in tour.groupby(["destination", "measure"]):
        origins = sorted(o for o in g["origin"].unique() if o != "ALL")
        present = [c for c, members in groups.items() if g["origin"].isin(members).any()]
        for origin in origins + present + ["ALL"]:
            rows.append(
                _row(f"tourism/{origin}/{dest}/{measure}", _select(g, "origin", origin, ("ALL",)))
            )
    cols = [
        "series_id",
        "title_zh",
        "title_en",
        "frequency",
        "n_obs",
        "first_period",
        "last_period",
    ]
    return pd.DataFrame([r for r in rows if r], columns=cols)


def _row(series_id: str, sub: pd.DataFrame) -> dict | None:
    sub = _finest(sub)
    if sub.empty:
        return None
    periods = sorted(sub["period"].unique())
    zh, en = titles(series_id)
    return {
        "series_id": series_id,
        "title_zh": zh,
        "title_en": en,
        "frequency": _FREQ[sub["frequency"].iloc[0]],
        "n_obs": len(periods),
        "first_period": periods[0],
        "last_period": periods[-1],
    }


def titles(series_id: str) -> tuple[str, str]:
    """Human titles, e.g. ``福建省对东盟出口（全部商品）``
    / ``Fujian exports to ASEAN (all products)``."""
    p = parse_series_id(series_id)
    if p["kind"] == "teu":
        from haisi.reference.ports import port_names

        zh, en = port_names(p["port"])
        if p["direction"] == "from_taiwan":
            return f"台湾地区至{zh}集装箱量", f"Taiwan, China → {en}: containers (TEU)"
        return f"{zh}至台湾地区集装箱量", f"{en} → Taiwan, China: containers (TEU)"
    if p["kind"] == "trade":
        rz, re_ = place_names(p["reporter"], p["partner"])
        pz, pe = place_names(p["partner"], p["reporter"])
        fz, fe = _FLOW.get(p["flow"], (p["flow"], p["flow"]))
        prod_zh = "全部商品" if p["product"] == "TOTAL" else f"HS第{p['product']}章"
        prod_en = "all products" if p["product"] == "TOTAL" else f"HS chapter {p['product']}"
        out = p["flow"] in ("export", "re_export")
        to, prep = ("to", "对") if out else ("from", "自")
        return f"{rz}{prep}{pz}{fz}（{prod_zh}）", f"{re_} {fe} {to} {pe} ({prod_en})"
    oz, oe = place_names(p["origin"], p["destination"])
    dz, de = place_names(p["destination"], p["origin"])
    mz, me = _MEASURE.get(p["measure"], (p["measure"], p["measure"]))
    return f"{dz}{mz}：来自{oz}", f"{de} {me} from {oe}"


# ---------------------------------------------------------------- forecasting
def stored_forecast(
    wh: Warehouse, series_id: str, data_version: str | None = None, version: str | None = None
) -> pd.DataFrame | None:
    """The published forecast of ``series_id`` (all revisions are read: every publication is a
    version): the latest (for ``data_version`` if given), or
    the published version ``version`` (a batch id from :func:`published_versions`); else None.

    Rows carry ``grade`` and ``reason`` (the reliability grade, kept in ``params``).
    """
    if not wh.exists("forecasts"):
        return None
    key = {
        "series_id": series_id,
        **({"data_version": data_version} if data_version else {}),
        **({"batch_id": version} if version else {}),
    }
    df = (
        wh.scan("forecasts", revisions="all", filters=key)
        .to_pandas()
        .drop(columns=["key_hash", "row_hash"])
    )
    if df.empty:
        return None
    latest = df.sort_values("ingested_at").iloc[-1]["batch_id"]
    out = df[df["batch_id"] == latest].sort_values("step").reset_index(drop=True)
    rel = [json.loads(p).get("reliability", {}) if p else {} for p in out["params"]]
    return out.assign(
        grade=[r.get("grade", "") for r in rel], reason=[r.get("reason", "") for r in rel]
    )


def published_versions(wh: Warehouse, series_id: str) -> pd.DataFrame:
    """Every published version of a series, newest first: version, published_at, data version,
    model, horizon and grade."""
    cols = ["version", "published_at", "data_version", "model", "horizon", "grade"]
    if not wh.exists("forecasts"):
        return pd.DataFrame(columns=cols)
    rows = wh.scan(
        "forecasts",
        revisions="all",
        filters={"series_id": series_id},
        columns=["batch_id", "ingested_at", "data_version", "model", "params"],
    ).to_pandas()
    df = (
        rows.groupby("batch_id", as_index=False)
        .agg(
            published_at=("ingested_at", "min"),
            data_version=("data_version", "first"),
            model=("model", "first"),
            horizon=("model", "size"),
            params=("params", "first"),
        )
        .rename(columns={"batch_id": "version"})
        .sort_values("published_at", ascending=False, ignore_index=True)
    )
    df["grade"] = [
        json.loads(p).get("reliability", {}).get("grade", "") if p else "" for p in df["params"]
    ]
    return df[cols]


def compute_forecast(
    wh: Warehouse,
    series_id: str,
    *,
    horizon: int | None = None,
    levels: tuple[int, ...] = DEFAULT_LEVELS,
) -> tuple[pd.DataFrame, str]:
    """Fit and backtest ``series_id`` on the current data, storing nothing.

    Returns the rows (one per step: point, bounds per level, model, grade, reason, params
    JSON, interval method, backtest MASE / sMAPE / coverage) and the data version used.
    """
    p = parse_series_id(series_id)
    data_version = wh.dataset_version(_table(p["kind"]))
    if data_version is None:
        raise NotFound(f"序列无数据 no data for series {series_id!r} (table is empty)")
    hist = series_history(wh, series_id)
    frame = hist.rename(columns={"period": "ds", "value": "y"})
    res = fit_series(
        frame, horizon=horizon, frequency=infer_frequency(hist["period"]), levels=levels
    )  # CNY adjustment decided per series by its backtest
    params = {**res.params, "reliability": {"grade": res.grade, "reason": res.reason}}
    rows = res.frame.assign(
        series_id=series_id,
        data_version=data_version,
        params=json.dumps(params, ensure_ascii=False, default=float),
        interval_method=res.interval_method,
        **{k: res.metrics.get(k, np.nan) for k in ("mase", "smape", "coverage80", "coverage95")},
    )
    return rows, data_version


def publish_forecast(
    wh: Warehouse, series_id: str, *, horizon: int | None = None, published_by: str | None = None
) -> pd.DataFrame:
    """Publish the forecast everyone sees: fit on the current data and keep it as a new version.

    Unchanged data and horizon → the current published version is returned as is (no refit).
    Earlier versions stay readable (:func:`published_versions`, ``stored_forecast(version=)``).
    It is fit on the public, disclosure-controlled view of the data, whoever publishes it, so
    every role may see it.
    """
    wh = wh.cleared(PUBLIC)
    with wh.derivation():  # the stored rows' class: what this fit read, nothing before it
        p = parse_series_id(series_id)
        current = stored_forecast(wh, series_id, wh.dataset_version(_table(p["kind"])))
        if current is not None and (horizon is None or len(current) == horizon):
            return current
        rows, data_version = compute_forecast(wh, series_id, horizon=horizon)
        if published_by:
            info = json.loads(rows["params"].iloc[0])
            rows["params"] = json.dumps(
                {**info, "published_by": published_by}, ensure_ascii=False, default=float
            )
        _store(wh, rows, series_id, data_version, series_history(wh, series_id))
        return stored_forecast(wh, series_id, data_version)


def refresh_published(wh: Warehouse) -> dict:
    """The scheduled refresh: republish every published series whose data has a new version.

    Keeps each series' published horizon. Returns ``{"refreshed", "unchanged", "failed"}``.
    """
    wh = wh.cleared(PUBLIC)
    out: dict = {"refreshed": [], "unchanged": [], "failed": {}}
    if not wh.exists("forecasts"):
        return out
    rows = wh.scan(
        "forecasts",
        revisions="all",
        columns=["series_id", "data_version", "batch_id", "ingested_at"],
    ).to_pandas()
    latest = (
        rows.sort_values("ingested_at")
        .groupby("series_id", as_index=False)
        .last()
        .rename(columns={"batch_id": "batch"})
    )
    for r in latest.itertuples():
        try:
            kind = parse_series_id(r.series_id)["kind"]
            if wh.dataset_version(_table(kind)) == r.data_version:
                out["unchanged"].append(r.series_id)
                continue
            last = stored_forecast(wh, r.series_id, version=r.batch)
            assert last is not None  # the batch was just read from forecasts
            horizon = len(last)
            publish_forecast(wh, r.series_id, horizon=horizon, published_by="refresh")
            out["refreshed"].append(r.series_id)
        except (NotFound, InvalidInput, ForecastError) as exc:
            out["failed"][r.series_id] = str(exc)
    return out


def _store(
    wh: Warehouse, rows: pd.DataFrame, series_id: str, data_version: str | None, hist: pd.DataFrame
) -> None:
    h = hashlib.sha256(series_id.encode())
    h.update(pd.util.hash_pandas_object(hist, index=False).values.tobytes())
    h.update(
        pd.util.hash_pandas_object(rows[["model", "period", "point"]], index=False).values.tobytes()
    )
    prov = Provenance(
        source_id=SOURCE_ID,
        source_uri=f"warehouse:{data_version}",
        content_hash=h.hexdigest(),
        source_revision=data_version,
    )
    cols = [
        "series_id",
        "data_version",
        "model",
        "params",
        "step",
        "period",
        "point",
        "lo80",
        "hi80",
        "lo95",
        "hi95",
        "interval_method",
        "mase",
        "smape",
        "coverage80",
        "coverage95",
    ]
    out = rows[cols].copy()
    for c in ("mase", "smape", "coverage80", "coverage95"):
        out[c] = out[c].astype(float).where(np.isfinite(out[c].astype(float)))
    wh.append("forecasts", out, provenance=prov, dedupe=False)  # each publication: a version


def run_hierarchy(
    wh: Warehouse, total_id: str, *, horizon: int | None = None, by: str = "partner"
) -> dict[str, pd.DataFrame]:
    """Forecast a total and its parts, reconcile them (MinT-diag) and store the coherent set.

    ``by="partner"`` takes every partner of ``trade/<rep>/<flow>/WLD/<product>`` (or every
    member of a group id) as parts; ``by="product"`` the HS chapters of ``…/<partner>/TOTAL``.
    The total is then the sum of those parts, so history adds up exactly. Reconciled rows are
    stored with the model name suffixed `` | reconciled`` and returned by series id.
    """
    with wh.derivation():
        p = parse_series_id(total_id)
        if p["kind"] != "trade":
            raise ValueError("hierarchies are defined for trade series")
        base = _trade_base(wh)
        base = base[(base["reporter"] == p["reporter"]) & (base["flow"] == p["flow"])]
        if by == "partner":
            scope = _select(base[base["product"] == p["product"]], "partner", p["partner"], _WORLD)
            ids = [
                f"trade/{p['reporter']}/{p['flow']}/{c}/{p['product']}"
                for c in sorted(scope["partner"].unique())
            ]
        elif by == "product":
            if p["product"] != "TOTAL":
                raise ValueError("by='product' needs a TOTAL series")
            scope = _select(base[base["product"] != "TOTAL"], "partner", p["partner"], _WORLD)
            ids = [
                f"trade/{p['reporter']}/{p['flow']}/{p['partner']}/{c}"
                for c in sorted(scope["product"].unique())
            ]
        else:
            raise ValueError(f"by must be 'partner' or 'product', not {by!r}")
        if len(ids) < 2:
            raise ForecastError(f"层级不足 {total_id!r} has fewer than two parts by {by}")
        total = publish_forecast(wh, total_id, horizon=horizon)
        parts = {i: publish_forecast(wh, i, horizon=len(total)) for i in ids}
        new_total, new_parts = reconcile(total, parts)
        out = {total_id: new_total, **new_parts}
        data_version = total["data_version"].iloc[0]
        for sid, frame in out.items():
            frame = frame.assign(
                model=frame["model"] + " | reconciled",
                interval_method=frame["interval_method"] + "; MinT-diag shift",
            )
            _store(wh, frame, sid, data_version, series_history(wh, sid))
            out[sid] = stored_forecast(wh, sid, data_version)
        return out
