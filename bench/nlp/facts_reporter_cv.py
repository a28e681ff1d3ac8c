"""Does the learned reporter ranker beat the rules' reporter on paragraphs the rules had not seen?

    .venv/bin/python bench/nlp/facts_reporter_cv.py [--folds 5] [--seed 17]

The examples are those ``haisi nlp train-reporter`` trains on (``haisi.nlp.train_reporter``):
each gold fact of the tuning parts with the fact the rules produced for it before they were
tuned on that paragraph. Grouped by paragraph into folds, the ranker (``haisi.nlp.facts.ranker``)
is trained on the other folds and picks the reporter of each held-out fact, at several margins
(an override needs the top candidate to beat the rules' choice by that much in probability).
Reported: reporter exactness among matched facts of the rules and of the hybrid at each margin,
over all folds and per tuning part. Fact F1 is not affected (only the reporter changes).
"""

from __future__ import annotations

import argparse
from collections import defaultdict

from haisi.nlp.facts.ranker import Ranker, train
from haisi.nlp.train_reporter import L2, STEPS, examples
from tuning import fold_of  # bench/nlp/tuning.py, beside this script

MARGINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7)


def main() -> None:
    """Print exactness of the rules and of the ranker at each margin, pooled and per part."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--steps", type=int, default=STEPS)
    args = ap.parse_args()
    rows = examples()
    fold = fold_of([g for g, _e in rows], args.folds, args.seed)
    got: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for k in range(args.folds):
        weights = train([e for g, ex in rows if fold[g] != k for e in ex], args.l2, args.steps)
        for g, ex in rows:
            if fold[g] != k:
                continue
            part = g.split(":")[0]
            for e in ex:
                rule = next(i for i, fs in enumerate(e.feats) if "rule=True" in fs)
                for key in (part, "all"):
                    got[key]["facts"] += 1
                    got[key]["rules"] += e.names[rule] == e.gold
                    for m in MARGINS:
                        pick = Ranker(weights, m).choose(e.names, e.feats, rule)
                        got[key][f"margin {m}"] += e.names[pick] == e.gold
    print(f"l2 {args.l2}, {args.steps} steps, {args.folds} folds grouped by paragraph")
    print("part".ljust(20) + "facts  rules  " + "  ".join(f"m={m}" for m in MARGINS))
    for key, c in sorted(got.items(), key=lambda kv: kv[0] == "all"):
        n = c["facts"]
        cells = "  ".join(f"{c[f'margin {m}'] / n:.3f}" for m in MARGINS)
        print(f"{key:20s}{n:5d}  {c['rules'] / n:.3f}  {cells}")


if __name__ == "__main__":
    main()
