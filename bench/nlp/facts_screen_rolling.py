"""A learned screen over the fact candidates: measured on a rolling origin, not adopted.

    .venv/bin/python bench/nlp/facts_screen_rolling.py [--parts 30-38] [--threshold 0.1,0.2,0.4]
        [--l2 0.0001] [--steps 1500] [--min-count 5]

A logistic screen scores each candidate fact the rules produce (indicator, unit, magnitude, and
character 1–3-grams of up to 14 characters before its span within the clause, of the span and of 8
characters after it) and drops those below a threshold. Rolling origin over the news-like tuning
parts asked, in the order they were made: part k's extractor output saved before its labels
existed (``labels/readings/made-up-news-tuneK-extractor@HASH.jsonl``) is screened by a screen
trained on the saved outputs of the parts before k, and scored against part k's labels. Reported:
facts F1 (P / R) and reporter exactness of the rules alone and with the screen at each threshold,
pooled over the parts asked. No frozen part is read. Results and why it was not adopted:
``bench/nlp/README.md``.
"""

from __future__ import annotations

import argparse
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from haisi.nlp.evaluate import (
    MADE_UP_SETS,
    Score,
    labelled_set,
    matched_pairs,
    read_labelled,
    score_facts,
)
from scipy import sparse

READINGS = Path(__file__).resolve().parents[2] / "nlp" / "data" / "labels" / "readings"
L2, STEPS, MIN_COUNT = 1e-4, 1500, 5
_CLAUSE_START = "，。；：,"
_BEFORE, _AFTER = 14, 8  # characters read before the span (within its clause) and after it


def _grams(tag: str, s: str) -> list[str]:
    """Character 1- to 3-grams of ``s``, tagged with where they were read."""
    return [f"{tag}{n}={s[j : j + n]}" for n in (1, 2, 3) for j in range(len(s) - n + 1)]


def features(text: str, fact: dict) -> list[str]:
    """Feature strings of one candidate fact (``indicator``, ``unit``, ``value``, ``yoy_pct``,
    ``period_end``, ``span_start`` and ``span_end`` in ``text``)."""
    ind, unit, value = fact["indicator"], fact["unit"], fact.get("value")
    a, b = fact["span_start"], fact["span_end"]
    size = "none" if value is None else str(math.floor(math.log10(max(abs(value), 1e-3))))
    out = [f"i={ind}", f"u={unit}", f"iu={ind}|{unit}", f"v={size}"]
    out += [f"y={fact.get('yoy_pct') is not None}", f"per={fact.get('period_end') is not None}"]
    out.append(f"sl={min((b - a) // 5, 8)}")
    clause = max(text.rfind(c, 0, a) for c in _CLAUSE_START) + 1
    before, span, after = text[max(clause, a - _BEFORE) : a], text[a:b], text[b : b + _AFTER]
    out += _grams("b", before) + _grams("s", span) + _grams("a", after)
    out += [
        f"bl={before[-2:]}",
        f"al={after[:2]}",
        f"cs={a - clause < 3}",
        f"i|bl={ind}|{before[-2:]}",
    ]
    return out


@dataclass(frozen=True)
class Screen:
    """Feature weights, a bias and the probability below which a candidate is dropped."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def __post_init__(self) -> None:
        if not 0.0 <= self.threshold <= 1.0:
            raise ValueError(f"threshold must be a probability in [0, 1]: {self.threshold}")

    def probability(self, text: str, fact: dict) -> float:
        """How likely the candidate is a labelled fact."""
        z = self.bias + sum(self.weights.get(x, 0.0) for x in set(features(text, fact)))
        return 1.0 / (1.0 + math.exp(-z))

    def keep(self, text: str, fact: dict) -> bool:
        """False for a candidate the screen judges less likely than its threshold."""
        return self.probability(text, fact) >= self.threshold


def train(
    rows: Sequence[tuple[list[str], bool]], l2: float, steps: int, min_count: int
) -> tuple[dict[str, float], float]:
    """Logistic weights and bias (L2, full-batch gradient descent, step 1) from (features, is a
    labelled fact) rows, over the features seen in at least ``min_count`` rows."""
    seen = Counter(s for fs, _y in rows for s in set(fs))
    vocab = {s: i for i, s in enumerate(sorted(s for s, n in seen.items() if n >= min_count))}
    r, c = [], []
    for n, (fs, _y) in enumerate(rows):
        idx = sorted({vocab[s] for s in fs if s in vocab})
        r += [n] * len(idx)
        c += idx
    x = sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(rows), len(vocab)))
    y = np.array([float(t) for _fs, t in rows])
    w, b = np.zeros(len(vocab)), 0.0
    for _ in range(steps):
        g = 1.0 / (1.0 + np.exp(-(x @ w + b))) - y
        w -= x.T @ g / len(y) + l2 * w
        b -= float(g.mean())
    return {s: round(float(w[i]), 6) for s, i in vocab.items()}, b


# Parts saved twice before their labels: the earlier output (the later one followed rules written
# on the part's own text for tune10; identical facts for the others).
_EARLIER = {"6": "8b8b9fd", "9": "dc1fa89", "10": "6a6f0de", "11": "af746f6"}


def saved_output(part: str) -> Path | None:
    """The extractor output saved before the labels of ``made-up-news-tune{part}`` existed."""
    found = sorted(READINGS.glob(f"made-up-news-tune{part}-extractor@*.jsonl"))
    if part in _EARLIER:
        found = [p for p in found if p.stem.endswith(_EARLIER[part])]
    return found[0] if found else None


def part_rows(part: str) -> list[tuple[list[str], bool]]:
    """(features, is a labelled fact) of every candidate saved for one tuning part."""
    path = saved_output(part)
    if path is None:
        return []
    gold = {}
    for line in filter(
        str.strip, labelled_set(f"made-up-news-tune{part}").read_text("utf-8").splitlines()
    ):
        d = json.loads(line)
        gold[d["id"]] = d
    rows = []
    for line in filter(str.strip, path.read_text(encoding="utf-8").splitlines()):
        r = json.loads(line)
        d = gold[r["id"]]
        hits = {id(p) for p, _g in matched_pairs(r["facts"], d["facts"])}
        at = 0
        for f in r["facts"]:
            a = d["text"].find(f["span"], at)
            a = a if a >= 0 else d["text"].find(f["span"])
            if a < 0:
                continue
            at = a
            fact = {**f, "span_start": a, "span_end": a + len(f["span"])}
            rows.append((features(d["text"], fact), id(f) in hits))
    return rows


def tuning_parts() -> list[str]:
    """Numbers of the news-like tuning parts with a saved output, in order."""
    nums = [m.group(1) for s in MADE_UP_SETS if (m := re.fullmatch(r"made-up-news-tune(\d+)", s))]
    return sorted((n for n in nums if saved_output(n)), key=int)


def _candidates(part: str) -> dict[str, tuple[dict, list[dict]]]:
    """Each paragraph of a part: its labelled row and the saved candidates with their offsets."""
    gold = {d["id"]: d for d in read_labelled(labelled_set(f"made-up-news-tune{part}"), "facts")}
    out = {}
    for r in read_labelled(saved_output(part), "facts"):
        d, at, facts = gold[r["id"]], 0, []
        for f in r["facts"]:
            a = d["text"].find(f["span"], at)
            a = a if a >= 0 else d["text"].find(f["span"])
            at = max(a, 0)
            facts.append({**f, "span_start": a, "span_end": a + len(f["span"])})
        out[r["id"]] = (d, facts)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--parts", default="30-99", help="first-last tuning part scored")
    ap.add_argument("--threshold", default="0.1,0.2,0.4")
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--steps", type=int, default=STEPS)
    ap.add_argument("--min-count", type=int, default=MIN_COUNT)
    a = ap.parse_args()
    lo, hi = (int(x) for x in a.parts.split("-"))
    thresholds = [float(t) for t in a.threshold.split(",")]
    parts = tuning_parts()
    rows = {p: part_rows(p) for p in parts}
    totals = {t: Score() for t in [None, *thresholds]}
    for p in parts:
        if not lo <= int(p) <= hi:
            continue
        weights, bias = train(
            [r for q in parts if int(q) < int(p) for r in rows[q]], a.l2, a.steps, a.min_count
        )
        for d, facts in _candidates(p).values():
            totals[None].add(score_facts(facts, d["facts"])[0])
            for t in thresholds:
                screen = Screen(weights, bias, t)
                kept = [f for f in facts if f["span_start"] < 0 or screen.keep(d["text"], f)]
                totals[t].add(score_facts(kept, d["facts"])[0])
        print(f"part {p} scored", flush=True)
    for t, s in totals.items():
        print(json.dumps({"threshold": t, **s.as_dict()}))


if __name__ == "__main__":
    main()
