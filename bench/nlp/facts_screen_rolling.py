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
from collections import Counter
from collections.abc import Sequence

import numpy as np
from haisi.nlp.evaluate import Score, matched_pairs, score_facts
from scipy import sparse
from tuning import unseen_output, unseen_paragraphs  # bench/nlp/tuning.py, beside this script

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


def probability(weights: dict[str, float], bias: float, text: str, fact: dict) -> float:
    """How likely the candidate is a labelled fact."""
    z = bias + sum(weights.get(x, 0.0) for x in set(features(text, fact)))
    return 1.0 / (1.0 + math.exp(-z))


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


def _hits(d: dict, facts: list[dict]) -> set[int]:
    """ids of the candidates that match a labelled fact of the paragraph."""
    return {id(p) for p, _g in matched_pairs(facts, d["facts"])}


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
    parts = {k: unseen_paragraphs(k) for k in range(1, hi + 1) if unseen_output(k)}
    rows = {
        k: [(features(d["text"], f), id(f) in _hits(d, facts)) for d, facts in paras for f in facts]
        for k, paras in parts.items()
    }
    totals = {t: Score() for t in [None, *thresholds]}
    for k, paras in parts.items():
        if k < lo:
            continue
        weights, bias = train(
            [r for j in parts if j < k for r in rows[j]], a.l2, a.steps, a.min_count
        )
        for d, facts in paras:
            totals[None].add(score_facts(facts, d["facts"])[0])
            p = [probability(weights, bias, d["text"], f) for f in facts]
            for t in thresholds:
                kept = [f for f, pf in zip(facts, p) if pf >= t]
                totals[t].add(score_facts(kept, d["facts"])[0])
        print(f"part {k} scored", flush=True)
    for t, s in totals.items():
        print(json.dumps({"threshold": t, **s.as_dict()}))


if __name__ == "__main__":
    main()
