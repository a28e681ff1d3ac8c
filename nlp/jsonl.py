"""JSONL in, JSONL out: the file contract of ``haisi nlp facts`` and ``haisi nlp entities``.

Bad lines (not JSON, not an object) and bad documents are logged with their line number or id and
written as an empty result, so output line *n* always answers input line *n*.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

__all__ = ["read_jsonl", "facts_jsonl", "entities_jsonl"]

log = logging.getLogger(__name__)


def read_jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each non-blank line; bad lines become {} with a warning."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                log.warning("第 %d 行不是 JSON line %d is not JSON: %s", n, n, e)
                obj = {}
            if not isinstance(obj, dict):
                log.warning("第 %d 行不是对象 line %d is not an object", n, n)
                obj = {}
            yield n, obj


def _text(obj: dict) -> str:
    """The document text as a string ('' when missing)."""
    t = obj.get("text")
    return t if isinstance(t, str) else ""


def facts_jsonl(src: Path, dst: Path) -> tuple[int, int]:
    """Write {id, date, facts} per input line; returns (documents, facts)."""
    from haisi.nlp.facts import extract_facts

    docs = total = 0
    with open(dst, "w", encoding="utf-8") as out:
        for n, obj in read_jsonl(src):
            doc_id, date = obj.get("id"), obj.get("date")
            try:
                facts = extract_facts(_text(obj), str(date or ""), doc_id=doc_id)
            except Exception:  # never lose the rest of the file to one document
                log.exception("文档 %s（第 %d 行）抽取失败 extraction failed", doc_id, n)
                facts = []
            for f in facts:
                f.pop("span_start", None)
                f.pop("span_end", None)
            row = {"id": doc_id, "date": date, "facts": facts}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            docs += 1
            total += len(facts)
    return docs, total


def entities_jsonl(src: Path, dst: Path) -> tuple[int, int]:
    """Write {id, language, entities} per input line; returns (documents, entities)."""
    from haisi.nlp.pipeline import detect_language, extract_entities

    docs = total = 0
    with open(dst, "w", encoding="utf-8") as out:
        for n, obj in read_jsonl(src):
            text = _text(obj)
            lang = detect_language(text)
            try:
                ents = extract_entities(text, lang)
            except Exception:
                log.exception("文档 %s（第 %d 行）实体识别失败 entity extraction failed", obj.get("id"), n)
                ents = []
            row = {"id": obj.get("id"), "language": lang, "entities": ents}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            docs += 1
            total += len(ents)
    return docs, total
