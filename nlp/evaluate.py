"""Fact precision / recall / F1 against a labelled set, with the issue's matching rule.

A predicted fact matches a gold fact when the indicator is equal, value is within 0.5% relative
(or both null), yoy_pct is within 0.05 (or both null) and period_end is equal. Matching is one to
one per paragraph (greedy in gold order). Among matched facts, the share whose reporter is exactly
the labelled one is reported beside F1 (``reporter_exact``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = [
    "INDEPENDENT_SETS",
    "MADE_UP_SETS",
    "SETS",
    "Score",
    "bootstrap_interval",
    "evaluate_file",
    "fact_matches",
    "labelled_set",
    "matched_pairs",
    "paragraph_scores",
    "read_labelled",
    "score_facts",
]

SETS = ("dev", "tune", "tune-other", "test")
# Paragraphs written for haisi in the bulletins' style and labelled by hand with the guide,
# independently of the extractor: a tuning part and a frozen test part by their writers, and
# news-like paragraphs (messier, more topics) read twice by others and settled by a third: a
# tuning part and a frozen test part; later a second frozen news-like part, a second news-like
# tuning part, a validation part (scored to keep or revert one batch of rules and then the
# reporter ranker, never read; since then part of the ranker's training data), a third frozen
# part, first scored at the fourteenth pass's start, a fourth first scored at the fifteenth pass's
# start, a third news-like tuning part made for the reporter ranker's training data, and a fifth
# frozen part made during the fifteenth pass (its extractor outputs saved before labels existed)
# and a fourth news-like tuning part made after it; a sixth frozen part first scored at the
# sixteenth pass's start, a fifth and a sixth news-like tuning part made during that pass, and a
# seventh frozen part made at its end (its extractor outputs saved before the labels existed);
# an eighth frozen part made at its end and first scored at the seventeenth pass's start, and a
# seventh news-like tuning part made during the seventeenth pass and a ninth frozen part made at
# its end, left unscored for the next pass, and an eighth news-like tuning part made after it; a
# ninth news-like tuning part made during the eighteenth pass and a tenth frozen part made at its
# end, first scored at the nineteenth pass's start; a tenth news-like tuning part made during the
# nineteenth pass and an eleventh frozen part made at its end, first scored at the twentieth pass's
# start; an eleventh news-like tuning part and a twelfth frozen part made during the twentieth pass,
# the latter left unscored for the next pass, first scored at the twenty-first pass's start; a
# twelfth news-like tuning part and a thirteenth frozen part made during the twenty-first pass, the
# latter first scored at the twenty-second pass's start; a fourteenth frozen part made during the
# twenty-second pass, first scored at the twenty-third pass's start, and a thirteenth news-like
# tuning part; a fourteenth news-like tuning part and a fifteenth frozen part made during the
# twenty-third pass, the latter first scored at the twenty-fourth pass's start; a fifteenth tuning
# part and a sixteenth frozen part made during the twenty-fourth pass, the latter left unscored;
# and so on, one tuning and one frozen part a pass (nlp/data/labels/README.md lists them all).
MADE_UP_SETS = (
    "made-up-tune",
    "made-up-test",
    "made-up-news-tune",
    "made-up-news-test",
    "made-up-news-test2",
    "made-up-news-tune2",
    "made-up-news-tune3",
    "made-up-news-valid",
    "made-up-news-test3",
    "made-up-news-test4",
    "made-up-news-test5",
    "made-up-news-tune4",
    "made-up-news-test6",
    "made-up-news-tune5",
    "made-up-news-tune6",
    "made-up-news-test7",
    "made-up-news-test8",
    "made-up-news-tune7",
    "made-up-news-test9",
    "made-up-news-tune8",
    "made-up-news-tune9",
    "made-up-news-test10",
    "made-up-news-tune10",
    "made-up-news-test11",
    "made-up-news-tune11",
    "made-up-news-test12",
    "made-up-news-tune12",
    "made-up-news-test13",
    "made-up-news-test14",
    "made-up-news-tune13",
    "made-up-news-tune14",
    "made-up-news-test15",
    "made-up-news-tune15",
    "made-up-news-test16",
    "made-up-news-tune16",
    "made-up-news-test17",
    "made-up-news-tune17",
    "made-up-news-test18",
    "made-up-news-tune18",
    "made-up-news-test19",
    "made-up-news-tune19",
    "made-up-news-test20",
    "made-up-news-tune20",
    "made-up-news-test21",
    "made-up-news-tune21",
    "made-up-news-test22",
    "made-up-news-tune22",
    "made-up-news-test23",
    "made-up-news-tune23",
    "made-up-news-tune24",
    "made-up-news-test24",
    "made-up-news-tune25",
    "made-up-news-test25",
    "made-up-news-tune26",
    "made-up-news-test26",
    "made-up-news-tune27",
    "made-up-news-tune28",
    "made-up-news-test27",
    "made-up-news-tune29",
    "made-up-news-test28",
    "made-up-news-tune30",
    "made-up-news-tune31",
    "made-up-news-test29",
    "made-up-news-tune32",
    "made-up-news-test30",
    "made-up-news-tune33",
    "made-up-news-test31",
    "made-up-news-tune34",
    "made-up-news-test32",
    "made-up-news-tune35",
    "made-up-news-test33",
    "made-up-news-tune36",
    "made-up-news-test34",
    "made-up-news-tune37",
    "made-up-news-test35",
    "made-up-news-tune38",
    "made-up-news-test36",
    "made-up-news-tune39",
    "made-up-news-test37",
    "made-up-news-tune40",
    "made-up-news-test38",
    "made-up-news-tune41",
    "made-up-news-test39",
    "made-up-news-tune42",
    "made-up-news-test40",
    "made-up-news-tune43",
    "made-up-news-test41",
    "made-up-news-tune44",
    "made-up-news-test42",
    "made-up-news-tune45",
    "made-up-news-test43",
    "made-up-news-tune46",
    "made-up-news-test44",
    "made-up-news-tune47",
    "made-up-news-test45",
    "made-up-news-tune48",
    "made-up-news-test46",
    "made-up-news-tune49",
    "made-up-news-test47",
    "made-up-news-tune50",
    "made-up-news-test48",
    "made-up-news-tune51",
    "made-up-news-test49",
    "made-up-news-tune52",
    "made-up-news-test50",
)
# The same news paragraphs as the tuning parts (tune + tune-other) and the frozen test part, read
# twice with the guide by readers who never saw the extractor, disagreements settled by a third.
INDEPENDENT_SETS = ("tune-independent", "test-independent")


def labelled_set(name: str) -> Path:
    """Path of a labelled set: the shared dev set, haisi's own tuning parts (``tune-other``: the
    paragraphs outside the trade, tourism and port tags), the frozen test part, their independent
    readings, or the made-up paragraphs' tuning and frozen test parts (by their writers, and
    news-like ones read by others)."""
    if name == "dev":
        from haisi.settings import get_settings

        return Path(get_settings().shared_data) / "text/xwlb-zh-facts-dev/facts.jsonl"
    if name in ("tune", "tune-other", "test") + INDEPENDENT_SETS:
        return Path(__file__).parent / "data" / "labels" / f"xwlb-facts-{name}.jsonl"
    if name in MADE_UP_SETS:
        part = name.removeprefix("made-up-")
        return Path(__file__).parent / "data" / "labels" / f"made-up-facts-{part}.jsonl"
    from haisi.errors import InvalidInput

    known = ", ".join(SETS + INDEPENDENT_SETS + MADE_UP_SETS)
    raise InvalidInput(f"未知标注集 unknown labelled set {name!r}: one of {known}")


@dataclass
class Score:
    """Counts and the derived precision, recall and F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    reporter_ok: int = 0  # matched facts whose reporter equals the labelled one

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def reporter_exact(self) -> float:
        return self.reporter_ok / self.tp if self.tp else 0.0

    def add(self, other: Score) -> None:
        """Add another score's counts to this one."""
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.reporter_ok += other.reporter_ok

    @classmethod
    def pooled(cls, scores: Sequence[Score]) -> Score:
        """The micro-averaged score of several paragraphs or sets (their counts added)."""
        total = cls()
        for s in scores:
            total.add(s)
        return total

    def as_dict(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "reporter_exact": round(self.reporter_exact, 4),
        }


def _close(a: float | None, b: float | None, *, rel: float = 0.0, abs_: float = 0.0) -> bool:
    """Both null, or both numbers within the relative or absolute tolerance."""
    if a is None or b is None:
        return a is None and b is None
    if rel:
        return abs(a - b) <= rel * max(abs(b), 1e-12)
    return abs(a - b) <= abs_ + 1e-9


def fact_matches(pred: dict, gold: dict) -> bool:
    """The issue's rule: same indicator, value ±0.5%, yoy ±0.05, same period_end."""
    return (
        pred.get("indicator") == gold.get("indicator")
        and _close(pred.get("value"), gold.get("value"), rel=0.005)
        and _close(pred.get("yoy_pct"), gold.get("yoy_pct"), abs_=0.05)
        and pred.get("period_end") == gold.get("period_end")
    )


def matched_pairs(pred: list[dict], gold: list[dict]) -> list[tuple[dict, dict]]:
    """(prediction, gold fact) pairs of one paragraph: each gold fact in order takes the first
    unmatched prediction that matches it."""
    left = list(pred)
    pairs = []
    for g in gold:
        hit = next((p for p in left if fact_matches(p, g)), None)
        if hit is not None:
            left.remove(hit)
            pairs.append((hit, g))
    return pairs


def score_facts(pred: list[dict], gold: list[dict]) -> tuple[Score, list[dict], list[dict]]:
    """Score one paragraph; also return the unmatched predictions and the missed gold facts."""
    pairs = matched_pairs(pred, gold)
    hits = {id(p) for p, _g in pairs}
    found = {id(g) for _p, g in pairs}
    left = [p for p in pred if id(p) not in hits]
    missed = [g for g in gold if id(g) not in found]
    s = Score(tp=len(pairs), fp=len(left), fn=len(missed))
    s.reporter_ok = sum(p.get("reporter") == g.get("reporter") for p, g in pairs)
    return s, left, missed


def read_labelled(path: Path, key: str) -> list[dict]:
    """Rows of a labelled or predicted JSONL file; each needs ``id`` and ``key`` (a list).

    A missing file is NotFound; a bad line is InvalidInput naming the file and line.
    """
    from haisi.nlp.encoding import detect_encoding

    from haisi.errors import InvalidInput, NotFound

    path = Path(path)
    if not path.is_file():
        raise NotFound(f"文件不存在 file not found: {path}")
    rows = []
    for n, line in enumerate(path.read_text(encoding=detect_encoding(path)).splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as e:
            raise InvalidInput(f"{path} 第 {n} 行不是 JSON line {n} is not JSON: {e.msg}") from e
        if not isinstance(d, dict) or "id" not in d or not isinstance(d.get(key), list):
            raise InvalidInput(
                f"{path} 第 {n} 行缺少 id 或 {key} line {n} needs an id and a {key} list"
            )
        rows.append(d)
    return rows


def paragraph_scores(gold_path: Path, pred_by_id: dict[str, list[dict]]) -> list[Score]:
    """One score per labelled paragraph, in file order (what :func:`bootstrap_interval` draws)."""
    return [
        score_facts(pred_by_id.get(d["id"], []), d["facts"])[0]
        for d in read_labelled(gold_path, "facts")
    ]


def bootstrap_interval(
    scores: Sequence[Score], level: float = 0.95, reps: int = 2000, seed: int = 0
) -> dict[str, tuple[float, float]]:
    """Percentile intervals of F1 and reporter exactness over paragraphs drawn with replacement:
    how far a figure could move on another sample of paragraphs like these (facts of one
    paragraph are not independent, so paragraphs, not facts, are resampled)."""
    if not 0 < level < 1 or not scores:
        raise ValueError("level must be in (0, 1) and there must be at least one paragraph")
    counts = np.array([(s.tp, s.fp, s.fn, s.reporter_ok) for s in scores], dtype=float)
    rng, n = np.random.default_rng(seed), len(counts)
    # each resample's summed counts; 100 resamples at a time keep n × 100 × 4 numbers in memory
    sums = [
        counts[rng.integers(0, n, size=(min(100, reps - i), n))].sum(axis=1)
        for i in range(0, reps, 100)
    ]
    tp, fp, fn, ok = np.concatenate(sums).T
    f1 = 2 * tp / np.maximum(2 * tp + fp + fn, 1)  # = 2PR / (P + R)
    reporter = ok / np.maximum(tp, 1)
    tail = (1 - level) / 2 * 100
    return {
        name: (round(float(lo), 4), round(float(hi), 4))
        for name, v in (("f1", f1), ("reporter_exact", reporter))
        for lo, hi in [np.percentile(v, [tail, 100 - tail])]
    }


def evaluate_file(
    gold_path: Path, pred_by_id: dict[str, list[dict]]
) -> tuple[Score, dict[str, Score]]:
    """Micro-averaged score over a labelled JSONL file, and the score per indicator."""
    total = Score()
    per: dict[str, Score] = {}
    for d in read_labelled(gold_path, "facts"):
        pred = pred_by_id.get(d["id"], [])
        s, extra, missed = score_facts(pred, d["facts"])
        total.add(s)
        for p, g in matched_pairs(pred, d["facts"]):
            one = per.setdefault(g["indicator"], Score())
            one.tp += 1
            one.reporter_ok += p.get("reporter") == g.get("reporter")
        for g in missed:
            per.setdefault(g["indicator"], Score()).fn += 1
        for p in extra:
            per.setdefault(p.get("indicator", "?"), Score()).fp += 1
    return total, per
