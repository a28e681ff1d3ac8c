"""Fact F1 on the tuning part and the frozen test part, reporter exactness, and facts chars/s.

    .venv/bin/python bench/nlp/facts.py [--quick] [--skip SET ...]

``--skip`` leaves sets out: a frozen part made at the end of a pass stays unscored until the next
pass scores it first (its saved outputs, then the start commit's).

- Sets: the shared dev set (40 paragraphs the rules were first written on), haisi's tuning part
  (121 trade, tourism and port paragraphs, 2023–2024), its second tuning part ``tune-other`` (the
  67 remaining news paragraphs, outside those tags) and the frozen test part (72 paragraphs,
  2025; never tuned on), all scored as ``haisi nlp evaluate`` scores (indicator, value ±0.5 %,
  yoy ±0.05, period_end); then the same news paragraphs read twice independently with the guide
  (readers who never saw the extractor; a third settled their disagreements): the tuning parts'
  reading and the frozen test part's; then the made-up paragraphs labelled by hand with the guide,
  independently of the extractor: their tuning part and their frozen test part, and the messier
  news-like made-up paragraphs read twice by others (tuning).
- ``reporter_exact``: among matched facts, the share whose reporter is exactly the labelled one.
- The news-like frozen parts (``made-up-news-test*``) pooled, with a 95 % interval from drawing
  their paragraphs with replacement (``haisi.nlp.evaluate.bootstrap_interval``): how far the pooled
  figure could move on another sample of paragraphs like these.
- Throughput: characters per second of the Chinese facts pipeline in one process, over all
  paragraphs of shared/data/text/xwlb-zh-news (target ≥ 50,000 chars/s).
- Long documents: the same paragraphs joined four times into one text (about 143,000 characters)
  must run at no less than half the per-paragraph rate (CPU time, same run): work per sentence
  must not grow with the text before it.
"""

from __future__ import annotations

import argparse
import json
import time

from haisi.nlp.evaluate import (
    INDEPENDENT_SETS,
    MADE_UP_SETS,
    SETS,
    Score,
    bootstrap_interval,
    labelled_set,
    paragraph_scores,
)
from haisi.nlp.facts import extract_facts
from haisi.nlp.ner import word_starts

from haisi.settings import get_settings


def score_set(name: str) -> list[Score]:
    """Extract facts for every paragraph of a labelled set; one score per paragraph."""
    path = labelled_set(name)
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return paragraph_scores(path, {d["id"]: extract_facts(d["text"], d["date"]) for d in rows})


def facts_rate(texts: list[tuple[str, str]], min_seconds: float) -> tuple[float, float]:
    """Characters per wall-clock second and per CPU second of ``extract_facts`` over the paragraphs.

    The build machine is shared (load often far above its 2 cores), so the CPU-time rate is the
    figure that says what one process does; the wall-clock rate is what this run saw.
    """
    chars = sum(len(t) for t, _ in texts)
    n, t0, c0 = 0, time.perf_counter(), time.process_time()
    while True:
        for text, date in texts:
            extract_facts(text, date)
        n += 1
        dt = time.perf_counter() - t0
        if dt >= min_seconds:
            return n * chars / dt, n * chars / max(time.process_time() - c0, 1e-9)


def report(min_seconds: float, skip: frozenset[str] = frozenset()) -> dict:
    """Scores per set (but those in ``skip``) and the throughput, printed and returned."""
    out: dict = {}
    frozen: list[Score] = []  # the news-like frozen parts' paragraphs, pooled
    for name in SETS + INDEPENDENT_SETS + MADE_UP_SETS:
        if name in skip:
            print(f"facts {name:16s}: skipped")
            continue
        scores = score_set(name)
        total = Score.pooled(scores)
        out[name] = total.as_dict()
        print(
            f"facts {name:16s}: F1 {total.f1:.3f}  P {total.precision:.3f}  R {total.recall:.3f}  "
            f"reporter exact {total.reporter_exact:.3f}  "
            f"(tp {total.tp} fp {total.fp} fn {total.fn})"
        )
        if name.startswith("made-up-news-test"):
            frozen += scores
    if frozen:
        total, interval = Score.pooled(frozen), bootstrap_interval(frozen)
        out["frozen_news_like_pooled"] = {**total.as_dict(), "interval95": interval}
        (f_lo, f_hi), (r_lo, r_hi) = interval["f1"], interval["reporter_exact"]
        print(
            f"facts frozen news-like parts pooled ({len(frozen)} paragraphs): "
            f"F1 {total.f1:.4f} [95 % {f_lo:.4f}–{f_hi:.4f}]  reporter exact "
            f"{total.reporter_exact:.4f} [{r_lo:.4f}–{r_hi:.4f}]"
        )
    news = get_settings().shared_data / "text/xwlb-zh-news/paragraphs.jsonl"
    rows = [json.loads(x) for x in news.read_text(encoding="utf-8").splitlines() if x.strip()]
    extract_facts(rows[0]["text"], rows[0]["date"])  # warm the gazetteer and converters
    word_starts(rows[0]["text"])  # and load the word segmenter's dictionary (once per process)
    wall, cpu = facts_rate([(d["text"], d["date"]) for d in rows], min_seconds)
    out["facts_chars_per_s"], out["facts_chars_per_cpu_s"] = round(wall), round(cpu)
    print(
        f"facts pipeline: {cpu:,.0f} chars per CPU second, {wall:,.0f} chars/s wall clock "
        f"(one process; target ≥ 50,000)"
    )
    long_text = "".join(d["text"] for d in rows) * 4
    c0 = time.process_time()
    extract_facts(long_text, rows[-1]["date"])
    long_cpu = len(long_text) / max(time.process_time() - c0, 1e-9)
    out["long_document_chars_per_cpu_s"] = round(long_cpu)
    print(
        f"facts one {len(long_text):,}-char document: {long_cpu:,.0f} chars per CPU second, "
        f"{long_cpu / cpu:.2f}× the per-paragraph rate (target ≥ 0.5×)"
    )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="short timing")
    ap.add_argument("--skip", nargs="*", default=[], metavar="SET", help="sets left unscored")
    args = ap.parse_args()
    known = set(SETS + INDEPENDENT_SETS + MADE_UP_SETS)
    if unknown := set(args.skip) - known:
        ap.error(f"unknown set(s): {', '.join(sorted(unknown))}")
    report(1.0 if args.quick else 5.0, frozenset(args.skip))


if __name__ == "__main__":
    main()
