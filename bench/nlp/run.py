"""Fact F1, entity F1 (LOC/ORG) and throughput of haisi's NLP, with baselines measured in the same run.

    .venv/bin/python bench/nlp/run.py [--quick]

- Facts (bench/nlp/facts.py): precision/recall/F1 and reporter exactness on the shared dev set,
  haisi's tuning part and its frozen test part (the issue's matching rule), facts chars/s.
- Entities: exact-span LOC/ORG F1 on the People's Daily and CLUENER slices (Chinese: gazetteer and
  the NER trained on haisi's own sentences) and the CoNLL-2003 English slice (en_core_web_sm).
  Label mapping: see bench/nlp/README.md.
- Throughput: characters per second, single process, for the Chinese pipeline (facts + entities)
  against plain jieba tokenisation, and for the English pipeline against spaCy's bare tokenizer.
"""

from __future__ import annotations

import argparse
import json
import time

from facts import report as facts_report  # bench/nlp/facts.py, beside this script
from haisi.nlp import ner
from haisi.nlp.facts import extract_facts
from haisi.nlp.ner import CLUENER_MAP, GAZETTEER_MAP, entity_f1
from haisi.nlp.pipeline import english_nlp, extract_entities, tokenize_zh

from haisi.settings import get_settings


def rate(fn, texts: list[str], min_seconds: float) -> float:
    """Characters per second of ``fn`` over ``texts``, repeated until ``min_seconds`` have passed."""
    chars = sum(map(len, texts))
    n, t0 = 0, time.perf_counter()
    while True:
        for t in texts:
            fn(t)
        n += 1
        dt = time.perf_counter() - t0
        if dt >= min_seconds:
            return n * chars / dt


def gazetteer_spans(text: str) -> list[tuple[int, int, str]]:
    """Gazetteer entities mapped to LOC/ORG."""
    return [(e["start"], e["end"], GAZETTEER_MAP[e["label"]]) for e in extract_entities(text, "zh")
            if e["label"] in GAZETTEER_MAP]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="small samples, short timings")
    args = ap.parse_args()
    text_dir = get_settings().shared_data / "text"
    n_eval = 200 if args.quick else 1000
    secs = 1.0 if args.quick else 5.0

    facts_report(secs)  # bench/nlp/facts.py: dev, tuning and frozen test parts, facts chars/s

    t0 = time.perf_counter()
    model = ner.train(ner.load_training(), epochs=10)
    print(f"NER trained on {len(ner.load_training())} own sentences in {time.perf_counter() - t0:.1f} s")
    sets = {
        "peoples-daily": ner.read_bio(text_dir / "peoples-daily-ner-dev-slice/dev_slice.bio")[:n_eval],
        "cluener": ner.read_cluener(text_dir / "cluener2020-train-slice/train_slice.jsonl", CLUENER_MAP)[:n_eval],
    }
    for name, data in sets.items():
        golds = [s for _, s in data]
        gz = entity_f1(golds, [gazetteer_spans(t) for t, _ in data], {"LOC", "ORG"})
        md = entity_f1(golds, [[(e.start_char, e.end_char, e.label_) for e in model(t).ents] for t, _ in data],
                       {"LOC", "ORG"})
        print(f"entities {name:14s} gazetteer F1={gz['f1']:.3f} (P {gz['precision']:.3f} R {gz['recall']:.3f})"
              f" | own NER F1={md['f1']:.3f} (P {md['precision']:.3f} R {md['recall']:.3f})")
    conll = ner.read_conll(text_dir / "conll2003-en-dev-slice/testa_slice.conll")[:n_eval]
    en = english_nlp()
    en_map = {"GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}
    pred = [[(e.start_char, e.end_char, en_map[e.label_]) for e in en(t).ents if e.label_ in en_map]
            for t, _ in conll]
    r = entity_f1([s for _, s in conll], pred, {"LOC", "ORG"})
    print(f"entities conll-en       en_core_web_sm F1={r['f1']:.3f} (P {r['precision']:.3f} R {r['recall']:.3f})")

    zh = [json.loads(x)["text"] for x in (text_dir / "xwlb-zh-news/paragraphs.jsonl").read_text(
        encoding="utf-8").splitlines()]
    zh_dates = "2024-06-30"

    def zh_pipeline(t: str) -> None:
        extract_facts(t, zh_dates)
        extract_entities(t, "zh")

    tokenize_zh(zh[0])  # load the dictionary before timing
    base = rate(tokenize_zh, zh, secs)
    ours = rate(zh_pipeline, zh, secs)
    print(f"throughput zh: pipeline {ours:,.0f} chars/s | plain jieba {base:,.0f} chars/s | ratio {ours / base:.2f}")
    en_texts = [json.loads(x)["text"] for x in (text_dir / "reuters21578-trade-en/articles.jsonl").read_text(
        encoding="utf-8").splitlines()][: 40 if args.quick else 200]
    base_en = rate(en.tokenizer, en_texts, secs)
    ours_en = rate(lambda t: extract_entities(t, "en"), en_texts, secs)
    print(f"throughput en: pipeline {ours_en:,.0f} chars/s | spaCy tokenizer {base_en:,.0f} chars/s | "
          f"ratio {ours_en / base_en:.4f}")


if __name__ == "__main__":
    main()
