"""Does a learned period ranker beat the rules' period on paragraphs the rules had not seen?

    .venv/bin/python bench/nlp/facts_period_cv.py [--l2 0.0003 0.001] [--steps 1000]

Issue 17 names period attachment as a place for a learned component. This measures one: for each
fact the rules emitted *before* they were tuned on its paragraph (``labels/readings/
rules-unseen.jsonl`` and the saved unseen outputs of the seventh and eighth tuning parts), the
candidates are every ``period_end`` the paragraph offers (each period cue's, every other fact's,
the broadcast month, none); a conditional logit (``haisi.nlp.facts.ranker.train``) scores them
from where the cue sits relative to the figure, its kind, the clause's words and whether the rules
chose it, and replaces the rules' choice when it is more probable by the margin. Leave-one-part-out
over the tuning parts only: each part's facts are re-dated by a ranker trained on the others and
scored as ``haisi nlp evaluate`` scores. The frozen parts are never read.
"""

from __future__ import annotations

import argparse
import json
import math
import re
from collections import Counter
from pathlib import Path

import numpy as np
from haisi.nlp.evaluate import Score, fact_matches, labelled_set, score_facts
from haisi.nlp.facts.extract import _sentences
from haisi.nlp.facts.ranker import Example, train
from haisi.nlp.periods import find_cues, parse_date

READINGS = Path(__file__).resolve().parents[2] / "nlp" / "data" / "labels" / "readings"
# Saved unseen outputs of parts not in rules-unseen.jsonl (their facts carry a span, no offset).
SAVED = {
    "made-up-news-tune7": "made-up-news-tune7-extractor@31ac874.jsonl",
    "made-up-news-tune8": "made-up-news-tune8-extractor@e71470e.jsonl",
    "made-up-news-tune9": "made-up-news-tune9-extractor@dc1fa89.jsonl",
}
MARGINS = (0.0, 0.2, 0.4, 0.6)
_WORDS = (
    "累计",
    "已",
    "目前",
    "截至",
    "日均",
    "预计",
    "将",
    "每年",
    "全年",
    "同期",
    "其中",
    "今年",
)
_WORDS += (
    "去年",
    "以来",
    "期间",
    "当天",
    "首日",
    "本届",
    "近日",
    "分别",
    "共",
    "达",
    "计划",
    "力争",
)
_PLAN = re.compile(r"计划|力争|预计|有望|目标|将(?!于|在)")
_CAPACITY = re.compile(r"每年|年均|可达|能力|设计|年产|年运|年接待|年处理")
_BASE = re.compile(r"(?:高于|超过|低于|不及|相当于|是|恢复[至到]|比|较)$")


def rows() -> list[tuple[str, dict, list[dict]]]:
    """(part, labelled paragraph, the rules' unseen facts with ``span_start``) of every part."""
    gold: dict[str, dict[str, dict]] = {}

    def para(part: str, pid: str) -> dict:
        if part not in gold:
            lines = labelled_set(part).read_text(encoding="utf-8").splitlines()
            gold[part] = {d["id"]: d for d in map(json.loads, filter(str.strip, lines))}
        return gold[part][pid]

    out = []
    for line in (READINGS / "rules-unseen.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        out.append((r["set"], para(r["set"], r["id"]), r["facts"]))
    for part, name in SAVED.items():
        for line in (READINGS / name).read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            d = para(part, r["id"])
            for f in r["facts"]:
                at = d["text"].find(f["span"]) if f.get("span") else -1
                f["span_start"] = at if at >= 0 else None
            out.append((part, d, r["facts"]))
    return out


def pair(facts: list[dict], gold: list[dict]) -> dict[int, dict]:
    """The gold fact of each rules fact ignoring the period (exact matches first)."""
    left, out = list(gold), {}
    for strict in (True, False):
        for i, f in enumerate(facts):
            if i in out or f.get("span_start") is None:
                continue
            g = next(
                (
                    g
                    for g in left
                    if fact_matches(
                        {**f, "period_end": g.get("period_end")} if not strict else f, g
                    )
                ),
                None,
            )
            if g is not None:
                out[i] = g
                left.remove(g)
    return out


def _relation(end: str | None, month: str) -> str:
    """Where a period end sits against the broadcast month."""
    if end is None:
        return "none"
    d = (int(end[:4]) - int(month[:4])) * 12 + int(end[5:7]) - int(month[5:7])
    if d > 0:
        return "next" if d <= 2 else "future"
    return {0: "month", -1: "m1"}.get(d, "m3" if d >= -3 else ("m12" if d >= -12 else "old"))


def describe(
    text: str, day: str, facts: list[dict]
) -> list[tuple[list[str], list[list[str]], int] | None]:
    """(candidate ends, their features, the rules' index) of each fact with an offset."""
    doc = parse_date(day)
    month = f"{doc.year:04d}-{doc.month:02d}"
    sents = _sentences(text)
    cues = [(s0 + c.start, s0 + c.end, c) for s0, s in sents for c in find_cues(s, doc)]
    shared = Counter(f.get("period_end") for f in facts)
    out: list = []
    previous = "start"
    for f in facts:
        pos = f.get("span_start")
        if pos is None:
            out.append(None)
            continue
        sid = max(k for k, (a, _s) in enumerate(sents) if a <= pos)
        s0 = sents[sid][0]
        clause0 = max(text.rfind(c, 0, pos) for c in "，,；。：") + 1
        clause = text[clause0:pos]
        rule_end = f.get("period_end")
        plan, capacity = bool(_PLAN.search(text[s0:pos])), bool(_CAPACITY.search(clause))
        ends = sorted(
            {rule_end, None, month}
            | {c.period_end for _a, _b, c in cues}
            | {g.get("period_end") for g in facts},
            key=lambda e: e or "",
        )
        context = [f"ind={f['indicator']}", f"yoy={f.get('yoy_pct') is not None}"]
        context += [f"kw={w}" for w in _WORDS if w in clause]
        context += [f"skw={w}" for w in _WORDS if w in text[s0:clause0]]
        feats = []
        for end in ends:
            rule, rel = end == rule_end, _relation(end, month)
            year_end = end is not None and end.endswith("-12")
            fs = [
                f"rule={rule}",
                f"rel={rel}",
                f"rel={rel}|rule={rule}",
                f"prev={end == previous}|rule={rule}",
                f"share={min(shared.get(end, 0), 3)}",
                f"ye={year_end}|plan={plan}|rule={rule}",
                f"cap={capacity}|rel={rel}|rule={rule}",
            ]
            own = [x for x in cues if x[2].period_end == end]
            before = [x for x in own if x[1] <= pos]
            near = before[-1] if before else next((x for x in own if x[0] >= pos), None)
            if near is None:
                fs.append(f"nocue|rule={rule}")
            else:
                a, b, c = near
                msid = max(k for k, (s, _t) in enumerate(sents) if s <= a)
                where = (
                    ("clause" if a >= clause0 else "sentence")
                    if msid == sid and a < pos
                    else ("prev" if msid == sid - 1 else ("earlier" if a < pos else "after"))
                )
                fs += [
                    f"cw={where}",
                    f"ck={c.kind}",
                    f"cwk={where}|{c.kind}",
                    f"cw={where}|rule={rule}",
                    f"cdist={min(int(math.log2(1 + abs(pos - b))), 7)}",
                    f"ctext={text[a:b][:4]}",
                ]
                if b <= pos:
                    base = bool(_BASE.search(text[max(0, a - 4) : a])) and "的" in text[b:pos]
                    fs += [f"base={base}", f"tongqi={'同期' in text[b:pos]}"]
            fs += [f"{x}|rel={rel}" for x in context] + [f"{x}|rule={rule}" for x in context]
            feats.append(fs)
        out.append((["none" if e is None else e for e in ends], feats, ends.index(rule_end)))
        previous = rule_end
    return out


def main() -> None:
    """Print F1 of the rules and of the ranker at each margin, pooled and per held-out part."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--l2", type=float, nargs="+", default=[0.0003, 0.001])
    ap.add_argument("--steps", type=int, default=1000)
    args = ap.parse_args()
    data = rows()
    described = []
    among = paired = 0
    for part, d, facts in data:
        gold = pair(facts, d["facts"])
        for i, x in enumerate(describe(d["text"], d["date"], facts)):
            if x is not None:
                end = (gold[i].get("period_end") or "none") if i in gold else None
                paired += end is not None
                among += end in x[0] if end else 0
                described.append((part, id(d), i, x, end))
    print(
        f"facts {len(described)}, paired with a gold fact {paired}, "
        f"gold end among the candidates {among / paired:.3f}"
    )
    parts = sorted({p for p, _d, _f in data})
    for l2 in args.l2:
        base, hybrid = Score(), {m: Score() for m in MARGINS}
        lines = []
        for held in parts:
            ex = [Example(x[0], x[1], end) for p, _d, _i, x, end in described if p != held and end]
            w = train(ex, l2, args.steps)
            pick = {}
            for p, did, i, (names, feats, rule), _end in described:
                if p == held:
                    s = np.array([sum(w.get(q, 0.0) for q in set(fs)) for fs in feats])
                    prob = np.exp(s - s.max())
                    prob /= prob.sum()
                    top = int(prob.argmax())
                    pick[did, i] = (names[top], prob[top] - prob[rule]) if top != rule else None
            b, h = Score(), {m: Score() for m in MARGINS}
            for p, d, facts in data:
                if p != held:
                    continue
                b.add(score_facts(facts, d["facts"])[0])
                for m in MARGINS:
                    new = [
                        {**f, "period_end": None if c[0] == "none" else c[0]}
                        if (c := pick.get((id(d), i))) and c[1] >= m
                        else f
                        for i, f in enumerate(facts)
                    ]
                    h[m].add(score_facts(new, d["facts"])[0])
            base.add(b)
            for m in MARGINS:
                hybrid[m].add(h[m])
            lines.append(
                f"  {held:22s} rules {b.f1:.4f}  " + "  ".join(f"{h[m].f1:.4f}" for m in MARGINS)
            )
        print(
            f"l2 {l2}: rules F1 {base.f1:.4f}; ranker at margins {MARGINS}: "
            + "  ".join(f"{hybrid[m].f1:.4f}" for m in MARGINS)
        )
        print("\n".join(lines))


if __name__ == "__main__":
    main()
