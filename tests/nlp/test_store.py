"""Warehouse path: documents in, entities and facts out with document provenance, idempotent."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
from haisi.nlp.facts import extract_facts
from haisi.nlp.store import run
from haisi.warehouse import Provenance, Warehouse

from haisi.samples import generate


def _docs(shared_data: Path, ids: list[str]) -> pd.DataFrame:
    rows = [
        json.loads(x)
        for x in (shared_data / "text/xwlb-zh-news/paragraphs.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ]
    rows = [r for r in rows if r["id"] in ids]
    return pd.DataFrame(
        {
            "doc_id": [r["id"] for r in rows],
            "url": [f"file://xwlb/{r['source_file']}#{r['id']}" for r in rows],
            "title": None,
            "language": None,
            "published": [r["date"] for r in rows],
            "fetched_at": pd.Timestamp("2026-01-01", tz="UTC"),
            "text": [r["text"] for r in rows],
            "raw": None,
            "raw_encoding": None,
        }
    )


def _put(wh: Warehouse, df: pd.DataFrame, tag: str) -> None:
    wh.append(
        "documents",
        df,
        provenance=Provenance(source_id="xwlb", source_uri="paragraphs.jsonl", content_hash=tag),
    )


def test_run_writes_facts_with_provenance_and_is_idempotent(
    warehouse: Warehouse, shared_data: Path
) -> None:
    docs = _docs(shared_data, ["xwlb-0005", "xwlb-0177", "xwlb-0031"])
    _put(warehouse, docs, "v1")
    r = run(warehouse)
    assert (r.documents, r.skipped) == (3, 0)
    facts = warehouse.scan("facts").to_pylist()
    for d in docs.itertuples():
        want = extract_facts(d.text, d.published)
        got = sorted((f for f in facts if f["doc_id"] == d.doc_id), key=lambda f: f["fact_index"])
        keys = ("indicator", "value", "yoy_pct", "period_end", "span", "span_start", "span_end")
        assert [tuple(f[k] for k in keys) for f in want] == [tuple(f[k] for k in keys) for f in got]
        assert {f["source_uri"] for f in got} == {d.url}
        assert {f["content_hash"] for f in got} == {hashlib.sha256(d.text.encode()).hexdigest()}
    assert {f["source_id"] for f in facts} == {"nlp"}
    ents = warehouse.scan("entities").to_pandas()
    assert {"ASEAN", "EU", "USA", "KOR"} <= set(ents[ents.doc_id == "xwlb-0005"].linked_id)
    v_facts, v_ents = warehouse.version("facts"), warehouse.version("entities")

    again = run(warehouse)
    assert (again.documents, again.skipped, again.facts, again.entities) == (0, 3, 0, 0)
    assert (warehouse.version("facts"), warehouse.version("entities")) == (v_facts, v_ents)

    changed = docs[docs.doc_id == "xwlb-0031"].assign(
        text=lambda d: d.text.str.replace("160.7亿元", "170.7亿元")
    )
    _put(warehouse, changed, "v2")
    third = run(warehouse)
    assert (third.documents, third.skipped) == (1, 2)
    latest = warehouse.scan("facts").to_pylist()
    assert 17_070_000_000 in {f["value"] for f in latest if f["doc_id"] == "xwlb-0031"}


def test_sample_bulletins_match_the_sample_trade_table(warehouse: Warehouse) -> None:
    sample = generate()
    _put(warehouse, sample.documents.head(2), "samples")
    run(warehouse)
    facts = warehouse.scan("facts").to_pandas()
    trade = sample.trade_flows
    for doc in sample.documents.head(2).itertuples():
        year = doc.published[:4]
        half = trade[(trade.period >= f"{year}-01") & (trade.period <= f"{year}-06")]
        got = facts[(facts.doc_id == doc.doc_id) & (facts.partner.isna())].iloc[0]
        assert (got.indicator, got.unit, got.period_start, got.period_end) == (
            "trade_total",
            "USD",
            f"{year}-01",
            f"{year}-06",
        )
        assert abs(got.value - half.value.sum()) <= 0.05e8 + 1e-6  # text rounds to 0.1 亿
