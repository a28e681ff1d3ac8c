"""Fact scoring: per-indicator counts add up to the total, reporters included."""

from __future__ import annotations

import json
from pathlib import Path

from haisi.nlp.evaluate import evaluate_file


def _fact(indicator: str, value: float, reporter: str) -> dict:
    return {
        "indicator": indicator,
        "value": value,
        "yoy_pct": None,
        "period_end": "2026-10",
        "reporter": reporter,
    }


def test_per_indicator_scores_count_reporters_and_add_up(tmp_path: Path) -> None:
    gold = [
        {"id": "p1", "facts": [_fact("export", 10, "全国"), _fact("import", 5, "福建省")]},
        {"id": "p2", "facts": [_fact("export", 7, "厦门市"), _fact("visitors", 3, "福州市")]},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in gold), encoding="utf-8")
    pred = {
        "p1": [_fact("export", 10.01, "全国"), _fact("import", 5, "全国"), _fact("share", 1, "x")],
        "p2": [_fact("export", 7, "厦门市")],
    }
    total, per = evaluate_file(path, pred)
    assert (total.tp, total.fp, total.fn, total.reporter_ok) == (3, 1, 1, 2)
    assert (per["export"].tp, per["export"].reporter_exact) == (2, 1.0)
    assert (per["import"].tp, per["import"].reporter_exact) == (1, 0.0)
    assert (per["share"].fp, per["visitors"].fn) == (1, 1)
    for field in ("tp", "fp", "fn", "reporter_ok"):
        assert sum(getattr(s, field) for s in per.values()) == getattr(total, field)
