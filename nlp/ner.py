"""Trainable Chinese NER (LOC / ORG) on haisi's own labelled sentences, with a spaCy config.

Training data: ``nlp/data/train.jsonl`` (template sentences written for haisi, labels from the
gazetteer, checked by hand; regenerate with ``bench/nlp/make_train_data.py``). The public corpora
in shared/data/text are used only to evaluate (:func:`read_bio`, :func:`read_cluener`,
:func:`entity_f1`), never to train.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["load_training", "build", "train", "read_bio", "read_cluener", "read_conll", "entity_f1",
           "CLUENER_MAP", "GAZETTEER_MAP"]

# Label mapping used for evaluation on public sets (documented in bench/nlp/README.md).
CLUENER_MAP = {"address": "LOC", "government": "ORG", "company": "ORG", "organization": "ORG"}
GAZETTEER_MAP = {"COUNTRY": "LOC", "REGION": "LOC", "PROVINCE": "LOC", "CITY": "LOC", "PORT": "LOC",
                 "ORG": "ORG", "CUSTOMS": "ORG", "FTZ": "ORG"}

Span = tuple[int, int, str]


def load_training(path: Path | None = None) -> list[tuple[str, list[Span]]]:
    """The labelled sentences: (text, [(start, end, label)])."""
    p = path or Path(str(resources.files("haisi.nlp") / "data" / "train.jsonl"))
    out = []
    for line in Path(p).read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append((d["text"], [tuple(e) for e in d["entities"]]))
    return out


def build(config: Path | None = None) -> Language:
    """A fresh, untrained pipeline from the config file (nlp/data/ner.cfg)."""
    from spacy.util import load_config, load_model_from_config

    cfg = load_config(config or Path(str(resources.files("haisi.nlp") / "data" / "ner.cfg")))
    return load_model_from_config(cfg, auto_fill=True, validate=True)


def train(data: list[tuple[str, list[Span]]], *, epochs: int = 10, seed: int = 13) -> Language:
    """Train the NER on ``data`` and return the pipeline (CPU, single process)."""
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    nlp = build()
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": [list(e) for e in ents]}) for t, ents in data]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=32):
            nlp.update(batch, sgd=optimizer, drop=0.1)
    return nlp


def read_bio(path: Path) -> list[tuple[str, list[Span]]]:
    """Character-per-line BIO file (People's Daily) → (text, spans)."""
    out, chars, tags = [], [], []

    def flush() -> None:
        if chars:
            out.append(("".join(chars), _bio_spans(tags)))
        chars.clear()
        tags.clear()

    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2:
            flush()
            continue
        chars.append(parts[0])
        tags.append(parts[-1])
    flush()
    return out


def _bio_spans(tags: list[str]) -> list[Span]:
    """Spans of a BIO tag sequence."""
    spans, start, label = [], None, None
    for i, t in enumerate([*tags, "O"]):
        if t.startswith("B-") or t == "O" or (t.startswith("I-") and t[2:] != label):
            if start is not None:
                spans.append((start, i, label))
            start, label = (i, t[2:]) if t != "O" else (None, None)
    return spans


def read_cluener(path: Path, mapping: dict[str, str] = CLUENER_MAP) -> list[tuple[str, list[Span]]]:
    """CLUENER JSONL (end-inclusive offsets) → (text, spans) with labels mapped to LOC/ORG."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        spans = [(s, e + 1, mapping[lab]) for lab, ms in d["label"].items() if lab in mapping
                 for offs in ms.values() for s, e in offs]
        out.append((d["text"], spans))
    return out


def read_conll(path: Path) -> list[tuple[str, list[Span]]]:
    """CoNLL-2003 (token POS chunk NER) → (space-joined text, character spans)."""
    out, toks, tags = [], [], []
    for line in [*Path(path).read_text(encoding="utf-8").splitlines(), ""]:
        parts = line.split()
        if parts and parts[0] != "-DOCSTART-":
            toks.append(parts[0])
            tags.append(parts[-1])
            continue
        if toks:
            starts, pos = [], 0
            for t in toks:
                starts.append(pos)
                pos += len(t) + 1
            spans = [(starts[s], starts[e - 1] + len(toks[e - 1]), lab) for s, e, lab in _bio_spans(tags)]
            out.append((" ".join(toks), spans))
        toks, tags = [], []
    return out


def entity_f1(gold: Iterable[list[Span]], pred: Iterable[list[Span]], labels: set[str]) -> dict:
    """Exact-span micro P/R/F1 over the given labels."""
    tp = fp = fn = 0
    for g, p in zip(gold, pred):
        gs = {s for s in g if s[2] in labels}
        ps = {s for s in p if s[2] in labels}
        tp += len(gs & ps)
        fp += len(ps - gs)
        fn += len(gs - ps)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(prec, 4), "recall": round(rec, 4),
            "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0}
