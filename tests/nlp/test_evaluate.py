"""Fact scoring: per-indicator counts add up to the total, reporters included; paragraph
scores and their bootstrap interval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from haisi.nlp.evaluate import Score, bootstrap_interval, evaluate_file, paragraph_scores


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


def test_paragraph_scores_add_up_to_the_file_score(tmp_path: Path) -> None:
    gold = [
        {"id": "p1", "facts": [_fact("export", 10, "全国"), _fact("import", 5, "福建省")]},
        {"id": "p2", "facts": [_fact("export", 7, "厦门市")]},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in gold), encoding="utf-8")
    pred = {"p1": [_fact("export", 10, "福州市")], "p3": [_fact("export", 7, "厦门市")]}
    one, two = paragraph_scores(path, pred)
    assert (one.tp, one.fn, one.reporter_ok, two.tp, two.fn) == (1, 1, 0, 0, 1)
    total, _per = evaluate_file(path, pred)
    assert (total.tp, total.fp, total.fn) == (one.tp + two.tp, one.fp + two.fp, one.fn + two.fn)
    assert Score.pooled([one, two]) == total


def test_the_bootstrap_interval_matches_the_binomial_one() -> None:
    """One fact per paragraph, reporter right in 300 of 400: the 95 % interval of reporter
    exactness is close to the normal approximation 0.75 ± 1.96·√(0.75·0.25/400)."""
    scores = [Score(tp=1, reporter_ok=int(i < 300)) for i in range(400)]
    lo, hi = bootstrap_interval(scores)["reporter_exact"]
    half = 1.96 * (0.75 * 0.25 / 400) ** 0.5
    assert lo == pytest.approx(0.75 - half, abs=0.01) and hi == pytest.approx(0.75 + half, abs=0.01)
    assert bootstrap_interval(scores) == bootstrap_interval(scores)  # seeded: reproducible
    assert bootstrap_interval(scores, seed=1) != bootstrap_interval(scores)


def test_identical_paragraphs_give_no_spread_and_bad_input_is_refused() -> None:
    scores = [Score(tp=3, fp=1, fn=1, reporter_ok=2)] * 50
    got = bootstrap_interval(scores, reps=300)
    assert got["f1"] == (0.75, 0.75) and got["reporter_exact"] == (0.6667, 0.6667)
    with pytest.raises(ValueError):
        bootstrap_interval([])
    with pytest.raises(ValueError):
        bootstrap_interval(scores, level=1.0)
