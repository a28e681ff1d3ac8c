"""Train the reporter ranker (``haisi.nlp.facts.ranker``) from the tuning labels.

The examples pair each gold fact of the tuning parts with the fact the rules produced for it
*before* those rules were tuned on that paragraph (``labels/readings/rules-unseen.jsonl``: the
extractor's output at the commit that added each part; the validation part's, saved before its
labels existed), so the rules' choice is a feature with the reliability it has on unseen text.
Settings (L2, iterations) were chosen by grouped cross-validation on the same examples
(``bench/nlp/facts_reporter_cv.py``, two fold seeds); the margin 0.5 (CV 0.817 against 0.825 at
0.1) keeps the rules' choices the pinned reporter tests hold (a customs district's province, a
shipment's goods origin, a source word before a name), which lower margins override.
"""

from __future__ import annotations

import json
from pathlib import Path

from haisi.nlp.evaluate import labelled_set, matched_pairs
from haisi.nlp.facts.extract import _sentences
from haisi.nlp.facts.ranker import WEIGHTS, Example, train, train_examples

__all__ = ["L2", "MARGIN", "READINGS", "STEPS", "examples", "fit"]

READINGS = Path(__file__).parent / "data" / "labels" / "readings" / "rules-unseen.jsonl"
L2, STEPS, MARGIN = 0.0001, 500, 0.5


def examples() -> list[tuple[str, list[Example]]]:
    """(paragraph id ``set:id``, its examples) for every paragraph of the stored readings."""
    gold: dict[str, dict[str, dict]] = {}
    out = []
    for line in READINGS.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["set"] not in gold:
            rows = labelled_set(r["set"]).read_text(encoding="utf-8").splitlines()
            gold[r["set"]] = {d["id"]: d for d in map(json.loads, filter(str.strip, rows))}
        d = gold[r["set"]][r["id"]]
        partner = {id(p): g["reporter"] for p, g in matched_pairs(r["facts"], d["facts"])}
        golds = [partner.get(id(f)) for f in r["facts"]]
        out.append(
            (
                f"{r['set']}:{r['id']}",
                train_examples(d["text"], _sentences(d["text"]), r["facts"], golds),
            )
        )
    return out


def fit(path: Path = WEIGHTS) -> int:
    """Train on every stored example and write the weights; returns the number of examples."""
    rows = [e for _g, ex in examples() for e in ex]
    weights = train(rows, L2, STEPS)
    doc = {"l2": L2, "steps": STEPS, "margin": MARGIN, "examples": len(rows), "weights": weights}
    tmp = path.with_name(path.name + ".tmp")  # written whole, then renamed over the old file
    tmp.write_text(
        json.dumps(doc, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )
    tmp.replace(path)
    return len(rows)
