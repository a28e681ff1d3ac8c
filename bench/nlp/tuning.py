"""The tuning labels and their paragraph-grouped folds, shared by the learned-component experiments.

Only the tuning sets are read (shared dev + ``tune`` + ``tune-other``, and the news-like tuning
parts' saved outputs); no frozen part is loaded here. Folds are drawn over paragraphs, so that no
paragraph has facts on both sides.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from haisi.nlp.evaluate import labelled_set, read_labelled

READINGS = Path(__file__).resolve().parents[2] / "nlp" / "data" / "labels" / "readings"
# Parts saved twice before their labels (labels README): the earlier output (the later one followed
# rules written on the part's own text for tune10; identical facts for the others).
_EARLIER = {6: "8b8b9fd", 9: "dc1fa89", 10: "6a6f0de", 11: "af746f6"}

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


def unseen_output(part: int) -> Path | None:
    """The extractor output saved before the labels of ``made-up-news-tune{part}`` existed."""
    found = sorted(READINGS.glob(f"made-up-news-tune{part}-extractor@*.jsonl"))
    if part in _EARLIER:
        found = [p for p in found if p.stem.endswith(_EARLIER[part])]
    return found[0] if found else None


def unseen_paragraphs(part: int) -> list[tuple[dict, list[dict]]]:
    """(labelled row, saved facts) of each paragraph of a part's unseen output; each saved fact
    gets ``span_start`` / ``span_end`` where its span first occurs at or after the previous
    one's."""
    gold = {d["id"]: d for d in read_labelled(labelled_set(f"made-up-news-tune{part}"), "facts")}
    out = []
    for r in read_labelled(unseen_output(part), "facts"):
        d, at = gold[r["id"]], 0
        for f in r["facts"]:
            found = d["text"].find(f["span"], at)
            at = f["span_start"] = found if found >= 0 else max(d["text"].find(f["span"]), 0)
            f["span_end"] = at + len(f["span"])
        out.append((d, r["facts"]))
    return out
