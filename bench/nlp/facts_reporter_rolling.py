"""Would the reporter ranker gain from the later news-like tuning parts it is not trained on?

    .venv/bin/python bench/nlp/facts_reporter_rolling.py [--l2 0.001,0.003] [--margin 0.2,0.3]
        [--parts 7-14]

Rolling origin over the parts asked (7..14 by default; up to 30), in the order they were made: for
part k the ranker is trained on the examples ``haisi nlp train-reporter`` uses
(``labels/readings/rules-unseen.jsonl``) plus every part from 7 before k, and chooses the reporter
of each fact of part k as the rules produced it before its labels existed (the first saved output
of each part, ``labels/readings/made-up-news-tuneK-extractor@COMMIT.jsonl``). "shipped data" trains
on the stored examples alone. Reported per setting: reporter exactness among matched facts of the
rules, the ranker on the shipped data and the ranker on the grown data, pooled over the parts
asked. No frozen part is read.
"""

from __future__ import annotations

import argparse
import json

from haisi.nlp.evaluate import labelled_set, matched_pairs
from haisi.nlp.facts.extract import _sentences
from haisi.nlp.facts.ranker import Example, Ranker, train, train_examples
from haisi.nlp.train_reporter import L2, MARGIN, READINGS, STEPS, examples

# each part's first extractor output saved before its labels existed (labels README)
UNSEEN = {
    7: "31ac874",
    8: "e71470e",
    9: "dc1fa89",
    10: "6a6f0de",
    11: "af746f6",
    12: "acec95b",
    13: "49a3cd4",
    14: "e4b5a7b",
    15: "b107d85",
    16: "3d789c4",
    17: "d22265d",
    18: "304fd80",
    19: "82405b0",
    20: "53312ed",
    21: "24592cf",
    22: "357c908",
    23: "3b7c5be",
    24: "28e6d22",
    25: "59d85f8",
    26: "86a77c2",
    27: "941645e",
    28: "746d4ef",
    29: "3680ab4",
    30: "525c2eb",
}


def part_examples(k: int) -> list[Example]:
    """Examples of part k: its saved unseen output paired with its labels (``span_start`` is
    where each saved span first occurs at or after the previous fact's)."""
    name = f"made-up-news-tune{k}"
    rows = labelled_set(name).read_text(encoding="utf-8").splitlines()
    gold = {d["id"]: d for d in map(json.loads, filter(str.strip, rows))}
    saved = READINGS.parent / f"{name}-extractor@{UNSEEN[k]}.jsonl"
    out: list[Example] = []
    for line in saved.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        d, at = gold[r["id"]], 0
        for f in r["facts"]:
            found = d["text"].find(f["span"], at)
            at = f["span_start"] = found if found >= 0 else max(d["text"].find(f["span"]), 0)
        partner = {id(p): g["reporter"] for p, g in matched_pairs(r["facts"], d["facts"])}
        golds = [partner.get(id(f)) for f in r["facts"]]
        out += train_examples(d["text"], _sentences(d["text"]), r["facts"], golds)
    return out


def right(weights: dict[str, float], margin: float, rows: list[Example]) -> tuple[int, int]:
    """(facts the rules name right, facts the ranker names right) among ``rows``."""
    ranker, rules, ours = Ranker(weights, margin), 0, 0
    for e in rows:
        rule = next(i for i, fs in enumerate(e.feats) if "rule=True" in fs)
        rules += e.names[rule] == e.gold
        ours += e.names[ranker.choose(e.names, e.feats, rule)] == e.gold
    return rules, ours


def main() -> None:
    """Print rules / shipped-data ranker / grown-data ranker exactness per (L2, margin)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--l2", default=str(L2), help="comma-separated L2 values")
    ap.add_argument("--margin", default=str(MARGIN), help="comma-separated margins")
    ap.add_argument("--steps", type=int, default=STEPS)
    ap.add_argument("--parts", default="7-14", help="first-last part scored, e.g. 15-30")
    args = ap.parse_args()
    lo, hi = (int(x) for x in args.parts.split("-"))
    base = [e for _g, ex in examples() for e in ex]
    parts = {k: part_examples(k) for k in UNSEEN if k <= hi}
    scored = [k for k in parts if k >= lo]
    margins = [float(m) for m in args.margin.split(",")]
    n = sum(len(parts[k]) for k in scored)
    for l2 in (float(x) for x in args.l2.split(",")):
        shipped = train(base, l2, args.steps)
        got = {m: [0, 0, 0] for m in margins}
        for k in scored:
            grown = train(base + [e for j in parts if j < k for e in parts[j]], l2, args.steps)
            for m in margins:
                rules, alone = right(shipped, m, parts[k])
                got[m][0] += rules
                got[m][1] += alone
                got[m][2] += right(grown, m, parts[k])[1]
        for m, (rules, alone, more) in got.items():
            print(
                f"l2 {l2} margin {m}: parts {lo}..{hi}, {n} matched facts: rules {rules / n:.4f}, "
                f"ranker on shipped data {alone / n:.4f}, on grown data {more / n:.4f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
