"""Would the reporter ranker gain from the later news-like tuning parts it is not trained on?

    .venv/bin/python bench/nlp/facts_reporter_rolling.py [--l2 0.001,0.003] [--margin 0.2,0.3]
        [--parts 7-14]

Rolling origin over the parts asked (7..14 by default; any part with a saved output), in order: for
part k the ranker is trained on the examples ``haisi nlp train-reporter`` uses
(``labels/readings/rules-unseen.jsonl``) but those of parts 7 and later, plus every part from 7
before k, and chooses the reporter of each fact of part k as the rules produced it before its labels
existed (the first saved output of each part,
``labels/readings/made-up-news-tuneK-extractor@COMMIT.jsonl``). "shipped data" trains on the stored
examples of the earlier parts alone. Reported per setting: reporter exactness among matched facts of
the rules, the ranker on the shipped data and the ranker on the grown data, pooled over the parts
asked. No frozen part is read.
"""

from __future__ import annotations

import argparse

from haisi.nlp.evaluate import matched_pairs
from haisi.nlp.facts.extract import _sentences
from haisi.nlp.facts.ranker import Example, Ranker, train, train_examples
from haisi.nlp.train_reporter import L2, MARGIN, STEPS, examples
from tuning import unseen_output, unseen_paragraphs  # bench/nlp/tuning.py, beside this script

FIRST = 7  # parts before the seventh are in the shipped training rows


def _earlier(group: str) -> bool:
    """True for a stored example's paragraph (``set:id``) outside the rolled parts: the stored
    rows hold every tuning part since the thirty-seventh pass, and part k must not train on k."""
    name = group.split(":")[0]
    k = name.removeprefix("made-up-news-tune")
    return not (k.isdigit() and int(k) >= FIRST)


def part_examples(k: int) -> list[Example]:
    """Examples of part k: its saved unseen output paired with its labels."""
    out: list[Example] = []
    for d, facts in unseen_paragraphs(k):
        partner = {id(p): g["reporter"] for p, g in matched_pairs(facts, d["facts"])}
        golds = [partner.get(id(f)) for f in facts]
        out += train_examples(d["text"], _sentences(d["text"]), facts, golds)
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
    base = [e for g, ex in examples() if _earlier(g) for e in ex]
    parts = {k: part_examples(k) for k in range(FIRST, hi + 1) if unseen_output(k)}
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
