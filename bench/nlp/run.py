"""Fact F1, entity F1 (LOC/ORG) and throughput of haisi's NLP,
with baselines measured in the same run.

    .venv/bin/python bench/nlp/run.py [--quick]

- Facts (bench/nlp/facts.py): precision/recall/F1 and reporter exactness on the shared dev set,
  haisi's tuning part and its frozen test part (the issue's matching rule), facts chars/s.
- Entities: bench/nlp/ner.py (Chinese NER F1 per corpus on frozen test parts, CoNLL English
  before/after, NER chars/s). Label mapping: see bench/nlp/README.md.
- Throughput: characters per second, single process, for the Chinese pipeline (facts + entities)
  against plain jieba tokenisation, and for the English pipeline against spaCy's bare tokenizer.
"""

from __future__ import annotations

import argparse
import json
import time

import ner as ner_bench  # bench/nlp/ner.py, beside this file
from facts import report as facts_report  # bench/nlp/facts.py, beside this script
from haisi.nlp.facts import extract_facts
from haisi.nlp.pipeline import english_nlp, extract_entities, tokenize_zh

from haisi.settings import get_settings


def rate(fn, texts: list[str], min_seconds: float) -> float:
    """Characters per second of ``fn`` over ``texts``,
    repeated until ``min_seconds`` have passed."""
    chars = sum(map(len, texts))
    n, t0 = 0, time.perf_counter()
    while True:
        for t in texts:
            fn(t)
        n += 1
        dt = time.perf_counter() - t0
        if dt >= min_seconds:
            return n * chars / dt


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="small samples, short timings")
    args = ap.parse_args()
    text_dir = get_settings().shared_data / "text"
    secs = 1.0 if args.quick else 5.0

    facts_report(secs)  # bench/nlp/facts.py: dev, tuning and frozen test parts, facts chars/s

    ner_bench.main(args.quick)

    zh = [
        json.loads(x)["text"]
        for x in (text_dir / "xwlb-zh-news/paragraphs.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ]
    zh_dates = "2024-06-30"

    def zh_pipeline(t: str) -> None:
        extract_facts(t, zh_dates)
        extract_entities(t, "zh")

    tokenize_zh(zh[0])  # load the dictionary before timing
    base = rate(tokenize_zh, zh, secs)
    ours = rate(zh_pipeline, zh, secs)
    print(
        f"throughput zh: pipeline {ours:,.0f} chars/s | plain jieba {base:,.0f} chars/s | "
        f"ratio {ours / base:.2f}"
    )
    en_texts = [
        json.loads(x)["text"]
        for x in (text_dir / "reuters21578-trade-en/articles.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ][: 40 if args.quick else 200]
    en = english_nlp()
    base_en = rate(en.tokenizer, en_texts, secs)
    ours_en = rate(lambda t: extract_entities(t, "en"), en_texts, secs)
    print(
        f"throughput en: pipeline {ours_en:,.0f} chars/s | "
        f"spaCy tokenizer {base_en:,.0f} chars/s | "
        f"ratio {ours_en / base_en:.4f}"
    )


if __name__ == "__main__":
    main()
