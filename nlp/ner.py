"""Chinese NER (PER / LOC / ORG): spaCy ``ner`` over characters, shipped in nlp/data/ner_zh.

The pipeline is ``spacy.blank("zh")``-style with a character tokenizer that also writes two
hashed context features on each character token, read by the tok2vec's ``MultiHashEmbed``:

- ``LEMMA``: the character bigram starting here (天安 for 天 in 天安门);
- ``TAG``: the jieba word containing the character and the character's place in it (B/M/E/S).

No vectors, no transformer, nothing downloaded: the trained weights live in the repository
(``nlp/data/ner_zh``, a few MB) with a SHA-256 manifest checked before loading. It is trained by
``haisi nlp train`` (see :mod:`haisi.nlp.ner_train` and nlp/data/README.md) on the public corpora
of shared/data/text (:mod:`haisi.nlp.corpora`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from haisi.errors import Unavailable

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

__all__ = [
    "Span",
    "LABELS",
    "CharTokenizer",
    "config_path",
    "model_dir",
    "manifest",
    "write_manifest",
    "verify",
    "load",
    "load_from",
    "spans",
    "predict",
    "entity_f1",
    "read_conll",
    "summary",
]

Span = tuple[int, int, str]
LABELS = ("PER", "LOC", "ORG")
MANIFEST = "SHA256SUMS"


@cache
def _jieba():
    """A plain jieba tokenizer (its default dictionary, nothing added: the feature is stable)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def word_starts(text: str) -> set[int]:
    """Offsets where a word of the plain jieba dictionary starts: a name found elsewhere is cut
    out of another word (查德 in 理查德, 天水 in 今天水路)."""
    out, i = set(), 0
    for w in _jieba().cut(text, HMM=True):
        out.add(i)
        i += len(w)
    return out


class CharTokenizer:
    """One token per character, with bigram (LEMMA) and jieba word-position (TAG) hashes."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        from spacy.strings import hash_string
        from spacy.tokens import Doc

        doc = Doc(self.vocab, words=list(text), spaces=[False] * len(text))
        words = list(_jieba().cut(text, HMM=True))
        if "".join(words) != text:  # jieba keeps every character; guard the offsets anyway
            words = list(text)
        i = 0
        for w in words:
            n = len(w)
            for k in range(n):
                place = "S" if n == 1 else "B" if k == 0 else "E" if k == n - 1 else "M"
                tok = doc[i + k]
                tok.lemma = hash_string(text[i + k : i + k + 2])
                tok.tag = hash_string(f"{w}|{place}")
            i += n
        return doc

    def to_bytes(self, **kwargs) -> bytes:
        return b"{}"

    def from_bytes(self, data: bytes, **kwargs) -> CharTokenizer:
        return self

    def to_disk(self, path: Path, **kwargs) -> None:
        Path(path).write_text('{"tokenizer": "haisi.zh_char_features.v1"}\n', encoding="utf-8")

    def from_disk(self, path: Path, **kwargs) -> CharTokenizer:
        return self


def _register() -> None:
    """Register the tokenizer factory named in the config (idempotent)."""
    from spacy.util import registry

    if "haisi.zh_char_features.v1" not in registry.tokenizers:

        @registry.tokenizers("haisi.zh_char_features.v1")
        def _factory():
            return lambda nlp: CharTokenizer(nlp.vocab)


def config_path() -> Path:
    """The training config (nlp/data/ner_zh.cfg)."""
    return Path(str(resources.files("haisi.nlp") / "data" / "ner_zh.cfg"))


def model_dir() -> Path:
    """Folder of the shipped pipeline."""
    return Path(str(resources.files("haisi.nlp") / "data" / "ner_zh"))


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST)


def manifest(folder: Path) -> dict[str, str]:
    """SHA-256 of every file of a saved pipeline, by path relative to the folder."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in _files(folder)
    }


def write_manifest(folder: Path) -> Path:
    """Write ``SHA256SUMS`` (sha256sum format) for a saved pipeline."""
    out = folder / MANIFEST
    lines = "".join(f"{h}  {name}\n" for name, h in manifest(folder).items())
    out.write_text(lines, encoding="utf-8")
    return out


def verify(folder: Path) -> None:
    """Raise :class:`Unavailable` unless the folder's files match its ``SHA256SUMS`` exactly."""
    listed_path = folder / MANIFEST
    if not listed_path.is_file():
        raise Unavailable(
            f"中文实体模型缺少校验清单 Chinese NER model has no manifest: {listed_path}"
        )
    listed = {}
    for line in listed_path.read_text(encoding="utf-8").splitlines():
        h, _, name = line.partition("  ")
        listed[name] = h
    actual = manifest(folder)
    bad = sorted(n for n in listed.keys() | actual.keys() if listed.get(n) != actual.get(n))
    if bad:
        raise Unavailable(
            f"中文实体模型校验失败 Chinese NER model fails its SHA-256 manifest "
            f"({folder}): {', '.join(bad[:5])}",
            detail={"files": bad},
        )


def load_from(folder: Path) -> Language:
    """A saved pipeline (trained or checkpoint) from disk, without the manifest check."""
    import spacy

    _register()
    return spacy.load(folder)


@cache
def load() -> Language:
    """The shipped pipeline, after checking its SHA-256 manifest."""
    folder = model_dir()
    verify(folder)
    return load_from(folder)


def spans(doc: Doc) -> list[Span]:
    """(start, end, label) character spans of a processed doc."""
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def predict(
    texts: Iterable[str], nlp: Language | None = None, batch_size: int = 64
) -> list[list[Span]]:
    """Entity spans for each text (the shipped pipeline unless ``nlp`` is given)."""
    model = nlp or load()
    return [spans(d) for d in model.pipe(texts, batch_size=batch_size)]


def entity_f1(
    gold: Iterable[list[Span]], pred: Iterable[list[Span]], labels: Iterable[str]
) -> dict:
    """Exact-span micro P/R/F1 over the given labels."""
    keep = set(labels)
    tp = fp = fn = 0
    for g, p in zip(gold, pred, strict=True):
        gs = {s for s in g if s[2] in keep}
        ps = {s for s in p if s[2] in keep}
        tp += len(gs & ps)
        fp += len(ps - gs)
        fn += len(gs - ps)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(prec, 4),
        "recall": round(rec, 4),
        "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0,
    }


def read_conll(path: Path) -> list[tuple[str, list[Span]]]:
    """CoNLL-2003 (token POS chunk NER) → (space-joined text, character spans)."""
    from haisi.nlp.corpora import bio_spans

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
            sp = [
                (starts[s], starts[e - 1] + len(toks[e - 1]), lab) for s, e, lab in bio_spans(tags)
            ]
            out.append((" ".join(toks), sp))
        toks, tags = [], []
    return out


def summary(folder: Path) -> dict:
    """The training record saved beside a pipeline (corpora, steps, dev scores)."""
    p = folder / "training.json"
    return json.loads(p.read_text(encoding="utf-8")) if p.is_file() else {}
