"""Does a learned reporter choice beat the rules' reporter? Grouped CV on the tuning labels says.

    .venv/bin/python bench/nlp/facts_reporter_cv.py [--folds 5] [--seed 17]

Issue 17: the reporter rules (``haisi.nlp.facts.roles``) fit what they were written on (0.93 of
matched facts exact on the tuning sets, 0.73 on the frozen test part). This trains a small ranker
that picks the reporter of each matched fact among candidates: every name the extractor's own
name finders (``roles.subjects``, ``names.named_subjects``) find anywhere in the paragraph, plus
全国 and the rules' choice. A candidate is described by whether it is the rules' choice, its
kind (gazetteer label or type word), where its nearest mention sits relative to the figure (same
clause / sentence / earlier sentence, character distance, proximity rank), the characters around
that mention (的, 海关, 口岸 after; 对, 与, 从, 在 before; inside 来自…/从…), its mention count
and the fact's indicator. The model is a conditional logit (softmax over a fact's candidates,
L2, full-batch gradient descent, numpy). A hybrid keeps the rules' choice unless the ranker
prefers another candidate by at least a margin in probability (margin 0.0 is the ranker alone);
the margin is chosen by an inner grouped CV on each outer training part, never on the outer
held-out part.

Trained and scored on the tuning labels only (shared dev + ``tune`` + ``tune-other``; the frozen
test part is never read), 5-fold cross-validation grouped by paragraph (``tuning.fold_of``),
against the rules' reporter on the same folds. Only the reporter changes, so fact F1 is that of
the rules on every fold; the score is reporter exactness among matched facts.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass

import numpy as np
from haisi.nlp.facts import extract_facts
from haisi.nlp.facts.extract import _sentences
from haisi.nlp.facts.names import _SUFFIXES, named_subjects, type_word
from haisi.nlp.facts.roles import foreign, subjects
from haisi.nlp.gazetteer import entries
from tuning import fold_of, matched_pairs, paragraphs  # bench/nlp/tuning.py, beside this script

NATIONAL = "全国"
_NATIONAL_WORDS = re.compile(r"全国|我国|中国")
_SITE = re.compile(r"景区|风貌区|旅游区|度假区|公园|长城|村寨|滑雪场|古城|古镇|博物|馆|园$")


@dataclass
class Fact:
    """One matched fact: its candidates' feature lists, the rules' pick and the gold reporter."""

    group: str
    names: list[str]
    feats: list[list[str]]
    rule: int  # index of the rules' choice among names
    gold: str


def _kind(name: str) -> str:
    """The candidate's kind: nation, gazetteer label, family of its type word, site, or other."""
    if name == NATIONAL:
        return "nation"
    if name in ("当地", "这里", "企业"):
        return "deictic"
    e = entries().get(name)
    if e:
        return e[0] + (":foreign" if foreign(name) else "")
    word = type_word(name)
    if word:  # the family of type words it ends in (lines, ports, zones, stations, events …)
        return next(
            (f"typed{i}" for i, s in enumerate(_SUFFIXES) if re.fullmatch(s, word)), "typed"
        )
    if name.startswith("“"):
        return "quoted"
    if name.startswith("第"):
        return "event"
    return "site" if _SITE.search(name) else "other"


def _mentions(text: str, names: list[str]) -> dict[str, list[int]]:
    """Start offsets of each candidate in the text, leaving out those inside a longer candidate's
    mention (厦门 inside 厦门港)."""
    covered = np.zeros(len(text) + 1, dtype=bool)
    out: dict[str, list[int]] = {}
    for name in sorted(names, key=len, reverse=True):
        rx = _NATIONAL_WORDS if name == NATIONAL else re.compile(re.escape(name))
        hits = [m.start() for m in rx.finditer(text) if not covered[m.start()]]
        for m in rx.finditer(text):
            covered[m.start() : m.end()] = True
        out[name] = hits
    return out


def _bin(x: int, edges: tuple[int, ...]) -> str:
    """The index of the first edge ``x`` does not exceed (a coarse count or distance)."""
    return str(next((i for i, e in enumerate(edges) if x <= e), len(edges)))


def candidate_features(
    text: str, sents: list[tuple[int, str]], names: list[str], pred: dict
) -> list[list[str]]:
    """Feature strings of every candidate reporter of one predicted fact."""
    anchor = pred["span_start"]
    sid = max(i for i, (s0, _s) in enumerate(sents) if s0 <= anchor)
    s0 = sents[sid][0]
    clause0 = max(text.rfind(c, 0, anchor) for c in "，,；。：") + 1
    mentions = _mentions(text, names)
    before_pos = {n: max((m for m in mentions[n] if m < anchor), default=-1) for n in names}
    ranked = sorted((p for p in before_pos.values() if p >= s0), reverse=True)
    ind, chosen = pred["indicator"], pred["reporter"]
    rule_kind = _kind(chosen)
    out = []
    for name in names:
        kind = _kind(name)
        rule = name == chosen
        f = [f"kind={kind}", f"ind={ind}|kind={kind}", f"rule={rule}", f"rule={rule}|kind={kind}"]
        f.append(f"rulekind={rule_kind}|kind={kind}")
        if not rule and (chosen in name or name in chosen):
            f.append(f"overlaps_rule={'longer' if chosen in name else 'shorter'}")
        f.append(f"count={_bin(len(mentions[name]), (0, 1, 2))}")
        pos = before_pos[name]
        if pos < 0:
            after = [m for m in mentions[name] if m >= anchor]
            where = (
                "absent"
                if not after
                else ("after_same" if after[0] < s0 + len(sents[sid][1]) else "after_later")
            )
            f += [f"where={where}", f"where={where}|kind={kind}"]
        else:
            msid = max(i for i, (a, _s) in enumerate(sents) if a <= pos)
            end = pos + (2 if name == NATIONAL else len(name))
            if pos >= clause0:
                where = "clause"
            elif msid == sid:
                where = "sentence"
            else:
                where = "prev" if msid == sid - 1 else ("first" if msid == 0 else "earlier")
            f += [f"where={where}", f"where={where}|kind={kind}", f"where={where}|rule={rule}"]
            f.append(f"dist={_bin(anchor - end, (0, 3, 8, 20, 50))}")
            if msid == sid:
                f.append(f"rank={_bin(ranked.index(pos), (0, 1))}")
                f.append(f"initial={pos - s0 <= 1 or text[s0:pos].endswith(('，', ','))}")
            p1, p2 = text[max(0, pos - 1) : pos], text[max(0, pos - 2) : pos]
            n1, n2 = text[end : end + 1], text[end : end + 2]
            f += [f"p1={p1}", f"p2={p2}", f"n1={n1}", f"n2={n2}"]
            lead = text[max(clause0 if pos >= clause0 else s0, pos - 12) : pos]
            if re.search(r"来自|从|与|同|对|和", lead):
                f.append("inside_counterpart")
            if re.search(r"在$|在[^，。；]{0,4}$", lead):
                f.append("after_zai")
            if re.match(r"海关|口岸|的", n2):
                f.append(f"follow={n2}")
        out.append(f)
    return out


def collect() -> list[Fact]:
    """The matched facts of the tuning sets with their candidates (the rules' choice included)."""
    out = []
    for gid, d in paragraphs():
        text = d["text"]
        sents = _sentences(text)
        found = {n for _s0, s in sents for f in (subjects, named_subjects) for _a, _b, n in f(s)}
        found = {NATIONAL if n in ("中国", "我国") else n for n in found}
        pred = extract_facts(text, d["date"])
        for p, g in matched_pairs(pred, d["facts"]):
            names = sorted(found | {NATIONAL, p["reporter"]})
            feats = candidate_features(text, sents, names, p)
            out.append(Fact(gid, names, feats, names.index(p["reporter"]), g["reporter"]))
    return out


_RULE_FEATURES = re.compile(r"(?:^|\|)(?:rule|rulekind|overlaps_rule)")


def without_rule(facts: list[Fact]) -> list[Fact]:
    """The same facts with every feature that looks at the rules' choice removed (a ranker that
    learns the reporter from structure alone; the hybrid still falls back on the rules)."""
    return [
        Fact(
            f.group,
            f.names,
            [[s for s in c if not _RULE_FEATURES.search(s)] for c in f.feats],
            f.rule,
            f.gold,
        )
        for f in facts
    ]


def _design(facts: list[Fact], vocab: dict[str, int]) -> list[np.ndarray]:
    """One 0/1 matrix (candidates × features) per fact; features outside ``vocab`` are dropped."""
    mats = []
    for f in facts:
        x = np.zeros((len(f.names), len(vocab)), dtype=np.float64)
        for i, fs in enumerate(f.feats):
            x[i, [vocab[s] for s in fs if s in vocab]] = 1.0
        mats.append(x)
    return mats


def train(
    facts: list[Fact], l2: float = 0.01, steps: int = 300
) -> tuple[dict[str, int], np.ndarray]:
    """Conditional-logit weights over the facts whose gold reporter is among the candidates."""
    usable = [f for f in facts if f.gold in f.names]
    vocab = {s: i for i, s in enumerate(sorted({s for f in usable for fs in f.feats for s in fs}))}
    mats = _design(usable, vocab)
    x = np.vstack(mats)
    bounds = np.cumsum([0] + [len(m) for m in mats])
    y = np.zeros(len(x))
    for k, f in enumerate(usable):
        y[bounds[k] + f.names.index(f.gold)] = 1.0
    w = np.zeros(len(vocab))
    starts, sizes = bounds[:-1], np.diff(bounds)
    for _ in range(steps):
        s = x @ w
        e = np.exp(s - np.repeat(np.maximum.reduceat(s, starts), sizes))
        p = e / np.repeat(np.add.reduceat(e, starts), sizes)
        w -= 1.0 * (x.T @ (p - y) / len(usable) + l2 * w)
    return vocab, w


def choose(facts: list[Fact], vocab: dict[str, int], w: np.ndarray, margin: float) -> list[str]:
    """The reporter of each fact: the ranker's top unless it beats the rules' choice by less than
    ``margin`` in probability (margin 0 = the ranker alone)."""
    out = []
    for f, x in zip(facts, _design(facts, vocab)):
        s = x @ w
        p = np.exp(s - s.max())
        p /= p.sum()
        top = int(p.argmax())
        out.append(
            f.names[top] if p[top] - p[f.rule] >= margin and top != f.rule else f.names[f.rule]
        )
    return out


MARGINS = (0.0, 0.1, 0.2, 0.3, 0.5, 0.7)


def _exact(facts: list[Fact], picks: list[str]) -> int:
    """How many picks equal the gold reporter."""
    return sum(p == f.gold for f, p in zip(facts, picks))


def cross_validate(facts: list[Fact], folds: int, seed: int, l2: float) -> dict[str, int]:
    """Exact reporters pooled over the grouped outer folds: rules, ranker, hybrid at each fixed
    margin, and the hybrid whose margin an inner grouped CV chose on the training part."""
    fold = fold_of([f.group for f in facts], folds, seed)
    got = {"rules": 0, "hybrid (inner-CV margin)": 0, "overrides": 0}
    got.update({f"hybrid margin {m}": 0 for m in MARGINS})
    for k in range(folds):
        train_part = [f for f in facts if fold[f.group] != k]
        held = [f for f in facts if fold[f.group] == k]
        vocab, w = train(train_part, l2)
        got["rules"] += sum(f.names[f.rule] == f.gold for f in held)
        for m in MARGINS:
            got[f"hybrid margin {m}"] += _exact(held, choose(held, vocab, w, m))
        inner = fold_of([f.group for f in train_part], folds, seed + 1 + k)
        inner_got = dict.fromkeys(MARGINS, 0)
        for j in range(folds):
            iv, iw = train([f for f in train_part if inner[f.group] != j], l2)
            ih = [f for f in train_part if inner[f.group] == j]
            for m in MARGINS:
                inner_got[m] += _exact(ih, choose(ih, iv, iw, m))
        best = max(MARGINS, key=lambda m: (inner_got[m], m))
        got["hybrid (inner-CV margin)"] += _exact(held, choose(held, vocab, w, best))
        ranked = choose(held, vocab, w, 0.0)
        got["overrides"] += sum(a != f.names[f.rule] for a, f in zip(ranked, held))
        print(f"  fold {k}: {len(held)} facts, inner CV chose margin {best}")
    return got


def main() -> None:
    """Print exact-reporter counts of the rules, the ranker and the hybrids over grouped folds."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--l2", type=float, default=0.01)
    args = ap.parse_args()
    facts = collect()
    reach = sum(f.gold in f.names for f in facts)
    print(
        f"{len(facts)} matched facts; gold reporter among the candidates for {reach} "
        f"({reach / len(facts):.3f}), {sum(len(f.names) for f in facts) / len(facts):.1f} "
        "candidates a fact"
    )
    for title, rows in (
        ("with the rules' choice as a feature", facts),
        ("without it (structure alone)", without_rule(facts)),
    ):
        print(f"ranker {title}:")
        got = cross_validate(rows, args.folds, args.seed, args.l2)
        for name, n in got.items():
            if name == "overrides":
                print(f"  the ranker alone (margin 0.0) overrides the rules on {n} facts")
            else:
                print(f"  {name:26s}: reporter exact {n / len(facts):.3f} ({n}/{len(facts)})")


if __name__ == "__main__":
    main()
