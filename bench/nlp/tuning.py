"""The tuning labels and their paragraph-grouped folds, shared by the learned-component experiments.

Only the tuning sets are read (shared dev + ``tune`` + ``tune-other``); the frozen test part is
never loaded here. Folds are drawn over paragraphs, so that no paragraph has facts on both sides.
"""

from __future__ import annotations

import json

import numpy as np
from haisi.nlp.evaluate import labelled_set

TUNING_SETS = ("dev", "tune", "tune-other")


def paragraphs() -> list[tuple[str, dict]]:
    """(group id ``set:id``, labelled row) for every paragraph of the tuning sets, in file order."""
    rows = []
    for name in TUNING_SETS:
        for line in labelled_set(name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                rows.append((f"{name}:{d['id']}", d))
    return rows


def fold_of(groups: list[str], folds: int, seed: int = 17) -> dict[str, int]:
    """The fold of each paragraph group: a seeded permutation dealt round-robin."""
    groups = sorted(set(groups))
    order = np.random.default_rng(seed).permutation(len(groups))
    return {groups[g]: k % folds for k, g in enumerate(order)}
