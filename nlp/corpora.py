"""Public Chinese NER corpora in shared/data/text, mapped to PER / LOC / ORG, with a frozen split.

Each corpus is read from its published format (see the corpus's SOURCE.md) into ``(text, spans)``
with character offsets (end exclusive). Labels are mapped to haisi's three entity types:

- MSRA, People's Daily: PER, LOC, ORG as published.
- Weibo (Peng & Dredze, 2nd version): PER.NAM → PER, LOC.NAM and GPE.NAM → LOC, ORG.NAM → ORG;
  nominal mentions (*.NOM: 老师, 朋友) are not names and are dropped. ``weibo-nominal`` is the
  same sentences and split with the nominal mentions kept (PER.NOM → PER …), the "overall"
  figure of the Weibo NER papers; it is scored, never trained on (haisi's labels are names).
- CLUENER2020: name → PER; address, scene → LOC; company, government, organization → ORG;
  book, game, movie, position are not PER/LOC/ORG and are dropped.
- Resume: NAME → PER, ORG → ORG, LOC → LOC; CONT "中国国籍" → LOC on the country part (中国).

The split is decided by a CRC-32 of the sentence text (:func:`split_of`), so it is the same on
every machine and a sentence that occurs twice always lands in the same part. The ``test`` part of
every corpus is never trained on and never used to choose anything; ``dev`` chooses the
checkpoint; ``train`` trains.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Span", "Sentence", "Corpus", "CORPORA", "read", "split_of", "parts", "bio_spans"]

Span = tuple[int, int, str]
Sentence = tuple[str, list[Span]]


def bio_spans(tags: list[str]) -> list[Span]:
    """Spans of a BIO (or BMES/BIOES) tag sequence; a tag's type is what follows the first '-'."""
    spans: list[Span] = []
    start, label = None, None
    for i, t in enumerate([*tags, "O"]):
        head, _, typ = t.partition("-")
        continues = head in ("I", "M", "E") and typ == label and start is not None
        if not continues:
            if start is not None:
                spans.append((start, i, label))
            start, label = (i, typ) if head in ("B", "S", "I", "M", "E") else (None, None)
        if head in ("E", "S") and start is not None:
            spans.append((start, i + 1, label))
            start, label = None, None
    return spans


def _columns(
    path: Path, split_line: Callable[[str], tuple[str, str] | None]
) -> list[tuple[str, list[str]]]:
    """Character-per-line files: (text, tags) per sentence; blank lines separate sentences."""
    out, chars, tags = [], [], []
    for line in [*path.read_text(encoding="utf-8").split("\n"), ""]:
        parsed = split_line(line) if line.strip() else None
        if parsed is None:
            if chars:
                out.append(("".join(chars), tags))
            chars, tags = [], []
            continue
        chars.append(parsed[0])
        tags.append(parsed[1])
    return out


def _mapped(sentences: list[tuple[str, list[str]]], mapping: dict[str, str]) -> list[Sentence]:
    """BIO sentences with span labels mapped (unmapped labels dropped)."""
    return [
        (text, [(s, e, mapping[lab]) for s, e, lab in bio_spans(tags) if lab in mapping])
        for text, tags in sentences
    ]


def _space_split(line: str) -> tuple[str, str] | None:
    parts = line.split()
    return (parts[0], parts[-1]) if len(parts) >= 2 else None


def _tab_split(line: str) -> tuple[str, str] | None:
    ch, sep, tag = line.rpartition("\t")
    return (ch, tag) if sep and ch else None


def _weibo_split(line: str) -> tuple[str, str] | None:
    tok, sep, tag = line.rpartition("\t")
    return (tok[:-1], tag) if sep and len(tok) >= 2 else None


_IDENTITY = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}
WEIBO_MAP = {"PER.NAM": "PER", "LOC.NAM": "LOC", "GPE.NAM": "LOC", "ORG.NAM": "ORG"}
WEIBO_NOMINAL_MAP = {
    **WEIBO_MAP,
    "PER.NOM": "PER",
    "LOC.NOM": "LOC",
    "GPE.NOM": "LOC",
    "ORG.NOM": "ORG",
}
CLUENER_MAP = {
    "name": "PER",
    "address": "LOC",
    "scene": "LOC",
    "company": "ORG",
    "government": "ORG",
    "organization": "ORG",
}
RESUME_MAP = {"NAME": "PER", "ORG": "ORG", "LOC": "LOC", "CONT": "LOC"}


def read_msra(path: Path) -> list[Sentence]:
    """MSRA ``char<TAB>tag`` BIO file."""
    return _mapped(_columns(path, _tab_split), _IDENTITY)


def read_bio(path: Path) -> list[Sentence]:
    """People's Daily ``char tag`` BIO file."""
    return _mapped(_columns(path, _space_split), _IDENTITY)


def read_weibo(path: Path) -> list[Sentence]:
    """Weibo ``char+segpos<TAB>tag`` file, named mentions only."""
    return _mapped(_columns(path, _weibo_split), WEIBO_MAP)


def read_weibo_nominal(path: Path) -> list[Sentence]:
    """Weibo file with named and nominal mentions (scoring only: the papers' "overall")."""
    return _mapped(_columns(path, _weibo_split), WEIBO_NOMINAL_MAP)


def read_resume(path: Path) -> list[Sentence]:
    """Resume ``char tag`` BMES file; CONT keeps only the country before 国籍."""
    out = []
    for text, spans in _mapped(_columns(path, _space_split), RESUME_MAP):
        fixed = []
        for s, e, lab in spans:
            if text[s:e].endswith("国籍"):
                e -= 2
            if e > s:
                fixed.append((s, e, lab))
        out.append((text, fixed))
    return out


def read_cluener(path: Path, mapping: dict[str, str] = CLUENER_MAP) -> list[Sentence]:
    """CLUENER JSONL (end-inclusive offsets) with labels mapped; nested spans keep the outer one."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        spans = sorted(
            {
                (s, e + 1, mapping[lab])
                for lab, ms in d["label"].items()
                if lab in mapping
                for offs in ms.values()
                for s, e in offs
            },
            key=lambda x: (x[0], -x[1]),
        )
        kept: list[Span] = []
        for sp in spans:
            if not kept or sp[0] >= kept[-1][1]:
                kept.append(sp)
        out.append((d["text"], kept))
    return out


@dataclass(frozen=True)
class Corpus:
    """A corpus file, its reader and the share (per cent) of sentences held out as test and dev."""

    name: str
    path: str
    reader: Callable[[Path], list[Sentence]]
    test_pct: int
    dev_pct: int


CORPORA: dict[str, Corpus] = {
    c.name: c
    for c in (
        Corpus("msra", "msra-ner-train/msra_train_bio", read_msra, 5, 2),
        Corpus("weibo", "weibo-ner-train/weiboNER_2nd_conll.train", read_weibo, 20, 10),
        Corpus(
            "weibo-nominal", "weibo-ner-train/weiboNER_2nd_conll.train", read_weibo_nominal, 20, 10
        ),
        Corpus("cluener", "cluener2020-train/train.json", read_cluener, 10, 3),
        Corpus("resume", "resume-ner-train/train.char.bmes", read_resume, 10, 3),
        Corpus("peoples-daily", "peoples-daily-ner-dev-slice/dev_slice.bio", read_bio, 40, 10),
    )
}


def split_of(text: str, corpus: Corpus) -> str:
    """'test', 'dev' or 'train' for a sentence, fixed by the CRC-32 of its text."""
    bucket = zlib.crc32(text.encode("utf-8")) % 100
    if bucket < corpus.test_pct:
        return "test"
    return "dev" if bucket < corpus.test_pct + corpus.dev_pct else "train"


def read(name: str, text_dir: Path) -> list[Sentence]:
    """All sentences of a corpus (empty sentences dropped)."""
    c = CORPORA[name]
    return [s for s in c.reader(text_dir / c.path) if s[0].strip()]


def parts(name: str, text_dir: Path) -> dict[str, list[Sentence]]:
    """The corpus split into {'train', 'dev', 'test'}."""
    c = CORPORA[name]
    out: dict[str, list[Sentence]] = {"train": [], "dev": [], "test": []}
    for s in read(name, text_dir):
        out[split_of(s[0], c)].append(s)
    return out
