"""Does a learned filter on the rules' candidate facts beat the rules alone? Grouped CV says.

    .venv/bin/python bench/nlp/facts_filter_cv.py [--folds 5] [--threshold 0.5]

Issue 17 suggests a learned component where rules break on structure. This is the cheapest one:
a logistic regression (numpy, L2, gradient descent) that reads each fact the rules emit (hashed
character bigrams and trigrams of its clause and of the text right after it, its indicator and
unit) and drops it when P(fact) falls below the threshold. Trained and scored only on the tuning
labels (shared dev + ``tune`` + ``tune-other``; never the frozen test part), by K-fold
cross-validation grouped by paragraph, against the rules alone on the same folds. The filter can
only remove candidates, so it can raise precision and never recall.
"""

from __future__ import annotations

import argparse
import zlib

import numpy as np
from haisi.nlp.evaluate import Score, score_facts
from haisi.nlp.facts import extract_facts
from tuning import fold_of, paragraphs  # bench/nlp/tuning.py, beside this script

DIM = 1 << 13


def _features(text: str, fact: dict) -> list[int]:
    """Hashed feature ids of one candidate: n-grams of its clause, the text after, its kind."""
    start, end = fact["span_start"], fact["span_end"]
    clause = text[max(text.rfind(c, 0, start) for c in "，。；,") + 1 : end]
    after = text[end : end + 8]
    feats = [f"ind={fact['indicator']}", f"unit={fact['unit']}", f"null={fact['value'] is None}"]
    for name, s in (("c", clause), ("a", after)):
        feats += [f"{name}{n}:{s[i : i + n]}" for n in (2, 3) for i in range(len(s) - n + 1)]
    return sorted({zlib.crc32(f.encode()) % DIM for f in feats})


def candidates() -> list[tuple[str, int, list[int], int]]:
    """(paragraph id, gold fact count, features, 1 if the candidate matches a gold fact)."""
    rows = []
    for gid, d in paragraphs():
        pred = extract_facts(d["text"], d["date"])
        _s, extra, _missed = score_facts(pred, d["facts"])
        extra_ids = {id(p) for p in extra}
        rows.append((gid, len(d["facts"]), [], -1))  # the paragraph itself (its gold count)
        for p in pred:
            rows.append((gid, 0, _features(d["text"], p), int(id(p) not in extra_ids)))
    return rows


def _matrix(feats: list[list[int]]) -> np.ndarray:
    x = np.zeros((len(feats), DIM + 1), dtype=np.float32)
    x[:, DIM] = 1.0  # bias
    for i, f in enumerate(feats):
        x[i, f] = 1.0
    return x


def train(x: np.ndarray, y: np.ndarray, l2: float = 1e-2, steps: int = 400) -> np.ndarray:
    """Logistic regression weights by full-batch gradient descent, classes weighted equally."""
    w = np.zeros(x.shape[1], dtype=np.float32)
    pos = max(y.sum(), 1)
    neg = max(len(y) - y.sum(), 1)
    sample_w = np.where(y == 1, len(y) / (2 * pos), len(y) / (2 * neg)).astype(np.float32)
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ ((p - y) * sample_w) / len(y) + l2 * w
        w -= 0.5 * grad
    return w


def cross_validate(folds: int, threshold: float) -> tuple[Score, Score]:
    """(rules alone, rules + filter), pooled over grouped folds."""
    rows = candidates()
    fold = fold_of([r[0] for r in rows], folds)
    rules, filtered = Score(), Score()
    for k in range(folds):
        train_rows = [r for r in rows if fold[r[0]] != k and r[3] >= 0]
        test_rows = [r for r in rows if fold[r[0]] == k]
        w = train(_matrix([r[2] for r in train_rows]), np.array([r[3] for r in train_rows]))
        gold = sum(r[1] for r in test_rows if r[3] < 0)
        cands = [r for r in test_rows if r[3] >= 0]
        keep = 1 / (1 + np.exp(-(_matrix([r[2] for r in cands]) @ w))) >= threshold
        for score, kept in ((rules, [True] * len(cands)), (filtered, list(keep))):
            tp = sum(r[3] for r, kk in zip(cands, kept) if kk)
            fp = sum(1 - r[3] for r, kk in zip(cands, kept) if kk)
            score.add(Score(tp=tp, fp=fp, fn=gold - tp))
    return rules, filtered


def main() -> None:
    """Print the rules' and the filtered F1 over the grouped folds."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--threshold", type=float, default=0.5)
    args = ap.parse_args()
    rules, filtered = cross_validate(args.folds, args.threshold)
    for name, s in (("rules alone", rules), ("rules + filter", filtered)):
        print(
            f"{name:15s}: F1 {s.f1:.3f}  P {s.precision:.3f}  R {s.recall:.3f}  "
            f"(tp {s.tp} fp {s.fp} fn {s.fn})"
        )


if __name__ == "__main__":
    main()
