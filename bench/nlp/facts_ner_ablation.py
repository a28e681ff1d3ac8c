"""Gazetteer ablation: do NER spans as extra reporter candidates make the reporter robust to
names missing from our lists?

    .venv/bin/python bench/nlp/facts_ner_ablation.py [--seeds 5] [--fraction 0.3]

The tuning labels' names are mostly in the gazetteer, so names the lists lack are simulated: a
random ``fraction`` of the city, port, zone (FTZ), customs and organisation entries (every
surface form of one canonical name together) is removed from what the extractor can match, once
per seed. Four variants are scored on the tuning sets only (dev + tune + tune-other, pooled;
the frozen test part is never read):

- (a) rules, full lists;  (b) rules, ablated lists;
- (c) rules + NER fallback, ablated lists;  (d) rules + NER fallback, full lists.

NER fallback: in a sentence with a figure, every clause in which the rules' finders
(``roles.subjects``) propose no name gets the shipped NER's LOC and ORG spans as extra
candidates (``--gate clause``; ``--gate sentence``: every NER span that overlaps no rules' name,
in any clause of the sentence; ``--gate initial``: as ``clause``, but only a span that opens its
clause, after at most 在/据/目前/同时/此外/其中, the subject's place; ``--labels LOC`` keeps places
only); the rules' reporter choice then treats them like any other name.

The ablation edits the gazetteer's cached entry table in place and clears the caches built on
it, so no switch is added to the product; everything is restored on exit.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from functools import lru_cache

import numpy as np
from haisi.nlp import gazetteer, ner
from haisi.nlp.evaluate import Score, evaluate_file, labelled_set, matched_pairs
from haisi.nlp.facts import extract_facts, roles
from tuning import TUNING_SETS, paragraphs

from haisi.settings import get_settings

ABLATED_LABELS = ("CITY", "PORT", "FTZ", "CUSTOMS", "ORG")
_FIGURE = re.compile(r"\d|[一两二三四五六七八九十]成|倍")
_CLAUSE = re.compile(r"[^，,；;：:。！？]+")

_rules_subjects = roles.subjects


def _clear() -> None:
    """Drop every cache built on the gazetteer's entries (the regex, the subject finder)."""
    gazetteer._pattern.cache_clear()
    _rules_subjects.cache_clear()
    _with_ner.cache_clear()


def dropped(fraction: float, seed: int) -> list[tuple[str, str]]:
    """A seeded random ``fraction`` of the city/port/zone/customs/org names, as (label, name)."""
    ents = gazetteer.entries()
    names = sorted({(v[0], v[1]) for v in ents.values() if v[0] in ABLATED_LABELS})
    pick = np.random.default_rng(seed).choice(len(names), round(fraction * len(names)), False)
    return sorted(names[i] for i in pick)


@contextmanager
def ablated(fraction: float, seed: int) -> Iterator[None]:
    """The gazetteer without the :func:`dropped` names (all their surface forms) for the
    duration."""
    drop = set(dropped(fraction, seed))
    ents = gazetteer.entries()
    removed = {k: v for k, v in ents.items() if (v[0], v[1]) in drop}
    for k in removed:
        del ents[k]
    _clear()
    try:
        yield
    finally:
        ents.update(removed)
        _clear()


GATE = {"labels": ("LOC", "ORG"), "clause": True, "initial": False}  # from the command line
_LEAD = re.compile(r"\s*(?:在|据|目前|同时|此外|其中)?")
NER_CHARS = [0]  # characters the NER has read (the fallback's cost)


@lru_cache(maxsize=4096)
def _ner_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """LOC and ORG spans of the shipped NER in ``text``."""
    NER_CHARS[0] += len(text)
    return tuple(s for s in ner.spans(ner.load()(text)) if s[2] in ("LOC", "ORG"))


@lru_cache(maxsize=1024)
def _with_ner(pre: str) -> list[tuple[int, int, str]]:
    """The rules' subjects plus NER LOC/ORG spans in the clauses where the rules find no name
    (sentences with a figure only)."""
    found = _rules_subjects(pre)
    if not _FIGURE.search(pre):
        return found
    empty = [
        m.span()
        for m in _CLAUSE.finditer(pre)
        if not (GATE["clause"] and any(s < m.end() and m.start() < e for s, e, _ in found))
    ]
    if not empty:
        return found
    extra = [
        (s, e, pre[s:e])
        for s, e, label in _ner_spans(pre)
        if e - s >= 2
        and label in GATE["labels"]
        and any(
            a <= s and e <= b and (not GATE["initial"] or _LEAD.fullmatch(pre, a, s))
            for a, b in empty
        )
        and not any(s < fe and fs < e for fs, fe, _ in found)
    ]
    return sorted(found + extra) if extra else found


@contextmanager
def ner_fallback() -> Iterator[None]:
    """Route the reporter's candidate finder through the NER fallback for the duration."""
    roles.subjects = _with_ner
    try:
        yield
    finally:
        roles.subjects = _rules_subjects


Result = tuple[Score, list[tuple[str, str]]]  # pooled score, (gold, predicted) reporter pairs


def score_tuning(rows: list[tuple[str, dict]]) -> Result:
    """Facts of every tuning paragraph, scored per set and pooled, with the reporters of the
    matched facts."""
    total, pairs = Score(), []
    for name in TUNING_SETS:
        part = [d for g, d in rows if g.startswith(f"{name}:")]
        preds = {d["id"]: extract_facts(d["text"], d["date"]) for d in part}
        total.add(evaluate_file(labelled_set(name), preds)[0])
        for d in part:
            pairs += [
                (g["reporter"], p["reporter"]) for p, g in matched_pairs(preds[d["id"]], d["facts"])
            ]
    return total, pairs


def run_variant(rows: list, ablate: tuple[float, int] | None, use_ner: bool) -> Result:
    """One variant's pooled score and reporter pairs."""
    with (
        ablated(*ablate) if ablate else nullcontext(),
        ner_fallback() if use_ner else nullcontext(),
    ):
        return score_tuning(rows)


def affected(pairs: list[tuple[str, str]], drop: list[tuple[str, str]]) -> tuple[int, int]:
    """(right, all) among matched facts whose gold reporter contains a removed name."""
    names = [n for _label, n in drop]
    hit = [(g, p) for g, p in pairs if g and any(n in g for n in names)]
    return sum(g == p for g, p in hit), len(hit)


def _fmt(vals: list[float]) -> str:
    """Mean ± half the range (spread over seeds), in points."""
    a = np.array(vals) * 100
    return f"{a.mean():5.1f} ± {(a.max() - a.min()) / 2:3.1f}"


def rate(texts: list[tuple[str, str]], min_seconds: float) -> tuple[float, int]:
    """Characters per CPU second of ``extract_facts`` over the paragraphs, every cache of
    sentences emptied before each pass (a repeated pass must not find its NER spans cached), and
    the number of passes."""
    chars = sum(len(t) for t, _ in texts)
    n, c0 = 0, time.process_time()
    while True:
        _clear()
        _ner_spans.cache_clear()
        for text, date in texts:
            extract_facts(text, date)
        n += 1
        if time.process_time() - c0 >= min_seconds:
            return n * chars / (time.process_time() - c0), n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--first-seed", type=int, default=1)
    ap.add_argument("--fraction", type=float, default=0.3)
    ap.add_argument("--labels", default="LOC,ORG", help="NER labels used as candidates")
    ap.add_argument("--gate", choices=("clause", "sentence", "initial"), default="clause")
    ap.add_argument(
        "--timing", type=float, default=0.0, help="seconds per throughput run (0: none)"
    )
    args = ap.parse_args()
    GATE["labels"], GATE["clause"] = tuple(args.labels.split(",")), args.gate != "sentence"
    GATE["initial"] = args.gate == "initial"
    rows = paragraphs()
    ner.load()
    full_runs = {v: run_variant(rows, None, v) for v in (False, True)}
    full = {v: r[0] for v, r in full_runs.items()}
    b_all, c_all = [], []
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        drop = dropped(args.fraction, seed)
        (b, b_pairs), (c, c_pairs) = (
            run_variant(rows, (args.fraction, seed), v) for v in (False, True)
        )
        b_all.append(b)
        c_all.append(c)
        (b_ok, n), (c_ok, _n) = affected(b_pairs, drop), affected(c_pairs, drop)
        a_ok = affected(full_runs[False][1], drop)[0]
        print(
            f"seed {seed}: {len(drop)} names removed, {n} matched facts report for one "
            f"[right with full lists {a_ok}/{n}]; "
            f"(b) reporter {b.reporter_exact:.3f} [{b_ok}/{n}] F1 {b.f1:.3f}; "
            f"(c) reporter {c.reporter_exact:.3f} [{c_ok}/{n}] F1 {c.f1:.3f}"
        )
    print(f"gate {args.gate}, NER labels {args.labels}, fraction {args.fraction}")
    print("variant                         reporter exact   F1 (points, mean ± half range)")
    for key, label, scores in (
        ("a", "rules, full lists", [full[False]]),
        ("b", "rules, ablated lists", b_all),
        ("c", "rules + NER, ablated lists", c_all),
        ("d", "rules + NER, full lists", [full[True]]),
    ):
        print(
            f"({key}) {label:28s} {_fmt([s.reporter_exact for s in scores])}   "
            f"{_fmt([s.f1 for s in scores])}"
        )
    gain = np.mean([c.reporter_exact - b.reporter_exact for b, c in zip(b_all, c_all)])
    print(f"(c) − (b) reporter exact: {100 * gain:+.1f} points (mean over seeds)")
    if args.timing:
        news = get_settings().shared_data / "text/xwlb-zh-news/paragraphs.jsonl"
        texts = [
            (d["text"], d["date"]) for d in map(json.loads, news.read_text("utf-8").splitlines())
        ]
        for use_ner in (False, True):
            with ner_fallback() if use_ner else nullcontext():
                extract_facts(*texts[0])
                NER_CHARS[0] = 0
                cps, passes = rate(texts, args.timing)
            share = NER_CHARS[0] / passes / sum(len(t) for t, _ in texts)
            print(
                f"facts chars per CPU second, {'rules + NER' if use_ner else 'rules'}: {cps:,.0f} "
                f"(NER reads {share:.0%} of the characters)"
            )


if __name__ == "__main__":
    main()
