"""Each feed format on the real shared files: stored rows and totals equal an independent pandas
computation on the same source file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from haisi.crawlers.feeds.ingest import ingest_file
from haisi.crawlers.feeds.registry import FORMATS, get_feed
from haisi.warehouse import Warehouse

T = "trade"
CT = "trade/api_fixtures/comtrade"
TW = "trade/taiwan_hs8542_exports"


def _comtrade_csv(p: Path, enc: str = "utf-8") -> tuple[int, float]:
    d = pd.read_csv(
        p, encoding=enc, index_col=False, dtype={"partnerCode": str, "partner_code": str}
    )
    d.columns = [c.replace("_", "").lower() for c in d.columns]
    d = d[d["partneriso"].fillna("").str.strip() != "_X"] if "partneriso" in d else d  # areas nes
    return len(d), d["primaryvalue"].sum()


def _gacc(p: Path) -> tuple[int, float]:
    d = pd.read_csv(p, dtype=str, index_col=False)
    return len(d), d["US dollar"].str.replace(",", "").astype(float).sum()


def _singstat(p: Path) -> tuple[int, float]:
    d = pd.read_csv(p)
    coded = ~d["is_aggregate"] | d["market"].isin(
        ["Total Merchandise Exports", "Total Merchandise Imports", "European Union"]
    )
    d = d[coded & d["value"].notna()]
    return len(d), (d["value_sgd_thousand"] * 1000).sum()


def _taiwan(p: Path) -> tuple[int, float]:
    d = pd.read_csv(p, encoding="utf-8-sig")
    d = d[d["Country"] != "其他國家"]  # "other countries": reported as unresolved, not stored
    return len(d), d["Export Value (USD)"].sum()


def _aus_intl(p: Path) -> tuple[int, float]:
    d = pd.read_csv(p)
    d = d[~d["country"].str.startswith(("Other", "MENA"))]
    return len(d), d["value"].sum()


CASES: list[tuple[str, str, Callable[[Path], tuple[int, float]]]] = [
    ("comtrade-csv", f"{TW}/ic_exports_world_HS8542_raw.csv", lambda p: _comtrade_csv(p, "cp1252")),
    (
        "comtrade-csv",
        f"{TW}/ic_exports_world_HS8542_202501_202508_uncomtrade.csv",
        lambda p: _comtrade_csv(p, "cp1252"),
    ),
    ("comtrade-csv", f"{CT}/comtradr_parsed_example_3.csv", _comtrade_csv),
    ("comtrade-csv", f"{CT}/comtradr_parsed_hs0_all.csv", _comtrade_csv),
    (
        "comtrade-json",
        f"{CT}/comtrade_v1_get_C_A_HS_chn_imports_2010_sample.json",
        lambda p: (4, sum(r["primaryValue"] for r in json.loads(p.read_text())["data"])),
    ),
    (
        "gacc-csv",
        f"{T}/gacc_query_samples/gacc_china_imports_from_usa_2019-01_hs8_by_regime.csv",
        _gacc,
    ),
    (
        "gacc-csv",
        f"{T}/gacc_query_samples/gacc_china_exports_to_ceuta_2018-10_hs8_by_regime.csv",
        _gacc,
    ),
    ("taiwan-exports-by-country", f"{TW}/taiwan_exports_by_country_2013_2025.csv", _taiwan),
    (
        "taiwan-exports-totals",
        f"{TW}/taiwan_exports_8542_2013_2025.csv",
        lambda p: (289, pd.read_csv(p)["美元(千元)"].sum() * 1000),
    ),
    (
        "singstat-monthly",
        f"{T}/singstat_monthly_by_market/"
        "singstat_merchandise_trade_by_market_monthly_1976-01_2020-12.csv",
        _singstat,
    ),
    (
        "china-bilateral-monthly",
        f"{T}/china_bilateral_monthly/china_bilateral_monthly_2001-01_2017-12.csv",
        lambda p: (lambda d: (len(d), (d["value"] * d["unit_multiplier"]).sum()))(pd.read_csv(p)),
    ),
    (
        "gravity-agtpa",
        f"{T}/yotov2016_agtpa/agtpa_applications.parquet",
        lambda p: (lambda d: (len(d), d["trade"].sum() * 1e6))(pd.read_parquet(p)),
    ),
    (
        "gravity-hmr",
        f"{T}/hmr_gravity_excerpt/gravity_zeros.csv",
        lambda p: (lambda d: (len(d), d["flow"].sum() * 1e6))(pd.read_csv(p)),
    ),
    (
        "tourism-aus-domestic",
        "tourism/aus-domestic-trips/train.csv",
        lambda p: (lambda d: (len(d), d["value"].sum() * 1000))(pd.read_csv(p)),
    ),
    ("tourism-aus-arrivals", "tourism/aus-inbound-outbound/inbound_train.csv", _aus_intl),
    ("tourism-aus-departures", "tourism/aus-inbound-outbound/outbound_train.csv", _aus_intl),
]


@pytest.mark.parametrize(
    ("fmt", "rel", "expect"), CASES, ids=[f"{c[0]}:{Path(c[1]).name}" for c in CASES]
)
def test_stored_rows_and_total_match_pandas(
    fmt: str, rel: str, expect, shared_data: Path, warehouse: Warehouse
) -> None:
    path = shared_data / rel
    feed = get_feed(fmt)
    report = ingest_file(feed, path, warehouse)
    assert report.ok, [str(e) for e in report.errors]
    n, total = expect(path)
    got_n, got_total = (
        warehouse.sql(f"SELECT count(*), sum(value) FROM {feed.table}").to_pylist()[0].values()
    )
    assert report.rows_stored == got_n == n
    assert got_total == pytest.approx(total, rel=1e-9)
    prov = warehouse.sql(
        f"SELECT DISTINCT source_id, source_uri, content_hash FROM {feed.table}"
    ).to_pylist()
    assert prov == [
        {
            "source_id": feed.source_id,
            "source_uri": str(path.resolve()),
            "content_hash": __import__("hashlib").sha256(path.read_bytes()).hexdigest(),
        }
    ]


def test_every_format_is_tested() -> None:
    # taiwan-visitors-by-residence has no real file in the shared data:
    # tested on the mirror's sample
    # the cross-strait formats are tested in test_crossstrait.py
    crossstrait = {
        "crossstrait-teu-import",
        "crossstrait-teu-export",
        "crossstrait-visitors-purpose",
        "crossstrait-trade-both-sides",
    }
    tested = {c[0] for c in CASES} | {"gacc-html", "taiwan-visitors-by-residence"} | crossstrait
    assert tested >= {n for n in FORMATS if not n.startswith("gacc-")}


def test_taiwan_visitors_by_residence_sample(tmp_path: Path, warehouse: Warehouse) -> None:
    """ROC years → Gregorian months; aggregates (港澳) reported as unresolved, not stored."""
    import io

    from haisi.crawlers.mirror.build import _taiwan_visitors_sample

    ((name, data, enc),) = _taiwan_visitors_sample()
    path = tmp_path / name
    path.write_bytes(data)
    report = ingest_file(get_feed("taiwan-visitors-by-residence"), path, warehouse)
    assert report.ok, [str(e) for e in report.errors]
    src = pd.read_csv(io.BytesIO(data), encoding=enc)
    kept = src[src["居住地"] != "港澳"]
    got = warehouse.sql(
        "SELECT min(period) lo, max(period) hi, count(*) n, sum(value) v, "
        "count(DISTINCT origin) k FROM tourism_flows"
    ).to_pylist()[0]
    assert got == {
        "lo": "2023-01",
        "hi": "2024-12",
        "n": len(kept),
        "v": kept["人次"].sum(),
        "k": 8,
    }
    assert report.unresolved == {"港澳": 24}


def test_gacc_html_page_equals_the_csv_rows(shared_data: Path, warehouse: Warehouse) -> None:
    """The saved HTML page holds the first 25 rows of the same export query as the parsed CSV."""
    d = shared_data / "trade/gacc_query_samples"
    page = get_feed("gacc-html").parse(
        (d / "gacc_query_result_page_sample_exports_usa_2019-01.html").read_bytes(),
        source_uri="exports_usa.html",
    )
    csv = get_feed("gacc-csv-export").parse(
        (d / "gacc_china_exports_to_usa_2019-01_hs8_by_regime.csv").read_bytes(), source_uri="x.csv"
    )
    assert not page.errors and len(page.rows) == 25
    assert page.rows.fillna(-1).equals(csv.rows.head(25).fillna(-1))


def test_comtrade_json_known_figure(shared_data: Path) -> None:
    res = get_feed("comtrade-json").parse(
        (shared_data / CT / "comtrade_v1_get_C_A_HS_chn_imports_2010_sample.json").read_bytes(),
        source_uri="j",
    )
    deu = res.rows[(res.rows.partner == "DEU") & (res.rows.flow == "import")]
    assert deu["value"].tolist() == [74_251_272_075.0] and set(res.rows.reporter) == {"CHN"}


def test_taiwan_names_resolve_to_codes(shared_data: Path) -> None:
    """中國大陸 and 香港 resolve; the SOURCE.md's 2013 figures come back by ISO3."""
    res = get_feed("taiwan-exports-by-country").parse(
        (shared_data / TW / "taiwan_exports_by_country_2013_2025.csv").read_bytes(), source_uri="t"
    )
    y13 = res.rows[res.rows.period == "2013"].groupby("partner")["value"].sum()
    assert y13["CHN"] == pytest.approx(1.31e10, rel=0.01) and y13["HKG"] == pytest.approx(
        1.90e10, rel=0.01
    )
    assert res.unresolved == {"其他國家": 39}


def test_taiwan_roc_periods_and_preliminary(shared_data: Path) -> None:
    res = get_feed("taiwan-exports-totals").parse(
        (shared_data / TW / "taiwan_exports_8542_2013_2025.csv").read_bytes(), source_uri="t"
    )
    assert sorted(set(res.rows.period))[:2] == ["2013", "2014"]
    last = res.rows[res.rows.period == "2025-07"]
    assert (
        len(last) == 22 and set(last.frequency) == {"YTD"} and set(last.vintage) == {"preliminary"}
    )
