"""NER figures of haisi's entity extraction, each measured in one run (called by bench/nlp/run.py).

    .venv/bin/python bench/nlp/ner.py [--quick]

- Chinese, per corpus, on the frozen ``test`` part (:mod:`haisi.nlp.corpora`; never trained on,
  never used to choose anything) beside the ``dev`` part used to choose the checkpoint:
  exact-span PER/LOC/ORG micro F1 of the shipped NER's spans in ``extract_entities``, of its whole
  output (NER plus gazetteer additions, finer place types counted as LOC) and of the gazetteer
  alone (the old behaviour).
- English CoNLL-2003 slice, split by CRC-32 into a tuning half (where the rules of
  haisi.nlp.entities were looked at) and a test half: en_core_web_sm's raw labels (PERSON → PER,
  GPE/LOC → LOC, ORG → ORG) against haisi's English entities.
- Speed: characters per second of the Chinese NER (one process, batch pipe) against the
  character tokenizer alone, and of ``extract_entities`` for Chinese.
"""

from __future__ import annotations

import argparse
import time
import zlib
from pathlib import Path

from haisi.nlp import corpora, ner
from haisi.nlp.entities import coarse_label
from haisi.nlp.pipeline import english_nlp, extract_entities

from haisi.settings import get_settings

LABELS = ("PER", "LOC", "ORG")


def _coarse(ents: list[dict]) -> list[ner.Span]:
    return [(e["start"], e["end"], coarse_label(e["label"])) for e in ents]


def _gazetteer_only(text: str) -> list[ner.Span]:
    from haisi.nlp.entities import PLACE_KINDS
    from haisi.nlp.gazetteer import match
    from haisi.nlp.pipeline import to_simplified

    simp, _ = to_simplified(text)
    return [
        (g["start"], g["end"], "LOC" if g["label"] in PLACE_KINDS else "ORG")
        for g in match(simp)
        if g["label"] in PLACE_KINDS | {"ORG", "CUSTOMS", "FTZ"}
    ]


def _f1(gold, pred) -> str:
    r = ner.entity_f1(gold, pred, LABELS)
    per = " ".join(f"{lab} {ner.entity_f1(gold, pred, [lab])['f1']:.3f}" for lab in LABELS)
    return f"F1 {r['f1']:.3f} (P {r['precision']:.3f} R {r['recall']:.3f}; {per})"


def chinese(text_dir: Path, limit: int | None) -> None:
    """Per-corpus F1 on dev and frozen test parts."""
    for name in corpora.CORPORA:
        parts = corpora.parts(name, text_dir)
        for part in ("dev", "test"):
            data = parts[part][:limit]
            gold = [s for _, s in data]
            texts = [t for t, _ in data]
            ents = [extract_entities(t, "zh") for t in texts]
            model = [_coarse([e for e in x if e["source"] == "ner"]) for x in ents]
            full = [_coarse(x) for x in ents]
            gaz = [_gazetteer_only(t) for t in texts]
            n_ent = sum(len(g) for g in gold)
            print(
                f"ner {name:13s} {part:4s} n={len(data):5d} ents={n_ent:5d} | "
                f"NER {_f1(gold, model)}"
            )
            print(f"{'':23s}{'':18s} | entities {_f1(gold, full)}")
            print(f"{'':23s}{'':18s} | gazetteer {_f1(gold, gaz)}")


def english(text_dir: Path) -> None:
    """CoNLL slice: raw en_core_web_sm labels against haisi's English entities, per half."""
    data = ner.read_conll(text_dir / "conll2003-en-dev-slice/testa_slice.conll")
    raw_map = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}
    nlp = english_nlp()
    for half in ("tune", "test"):
        part = [d for d in data if (zlib.crc32(d[0].encode()) % 2 == 0) == (half == "tune")]
        gold = [s for _, s in part]
        before = [
            [
                (e.start_char, e.end_char, raw_map[e.label_])
                for e in nlp(t).ents
                if e.label_ in raw_map
            ]
            for t, _ in part
        ]
        after = [_coarse(extract_entities(t, "en")) for t, _ in part]
        print(
            f"ner conll-en {half:4s} n={len(part)} | "
            f"before (en_core_web_sm raw) {_f1(gold, before)} | persons as ORG "
            f"{_per_as_org(gold, before)}"
        )
        print(
            f"{'':27s}| after (haisi)              {_f1(gold, after)} | persons as ORG "
            f"{_per_as_org(gold, after)}"
        )


def _per_as_org(gold: list[list[ner.Span]], pred: list[list[ner.Span]]) -> int:
    """Gold PER spans predicted with the same offsets as ORG."""
    return sum(
        1 for g, p in zip(gold, pred) for s, e, lab in g if lab == "PER" and (s, e, "ORG") in set(p)
    )


def rate(fn, texts: list[str], min_seconds: float) -> float:
    """Characters per second of ``fn(texts)``, repeated until ``min_seconds`` have passed."""
    chars = sum(map(len, texts))
    n, t0 = 0, time.perf_counter()
    while True:
        fn(texts)
        n += 1
        dt = time.perf_counter() - t0
        if dt >= min_seconds:
            return n * chars / dt


def speed(text_dir: Path, n: int, secs: float) -> None:
    """Chinese NER chars/s against its own tokenizer, in the same run."""
    texts = [t for t, _ in corpora.parts("msra", text_dir)["test"][:n]]
    nlp = ner.load()
    tok = rate(lambda ts: [nlp.make_doc(t) for t in ts], texts, secs)
    model = rate(lambda ts: ner.predict(ts), texts, secs)
    full = rate(lambda ts: [extract_entities(t, "zh") for t in ts], texts, secs)
    print(
        f"throughput ner zh: NER {model:,.0f} chars/s | entities (NER+gazetteer) "
        f"{full:,.0f} chars/s | tokenizer alone {tok:,.0f} chars/s | "
        f"NER/tokenizer {model / tok:.3f}"
    )


def main(quick: bool = False) -> None:
    """All NER figures."""
    text_dir = get_settings().shared_data / "text"
    s = ner.summary(ner.model_dir())
    print(
        f"ner model: {ner.model_dir()} (epoch {s.get('epoch')}, batch {s.get('batch')}, "
        f"dev mean F1 {s.get('best')})"
    )
    chinese(text_dir, 300 if quick else None)
    english(text_dir)
    speed(text_dir, 100 if quick else 400, 1.0 if quick else 5.0)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="small samples, short timings")
    main(ap.parse_args().quick)
