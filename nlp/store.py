"""Warehouse path: read ``documents``, write ``entities`` and ``facts`` with document provenance.

Every written row carries source_id "nlp", source_uri = the document's URL and content_hash = the
SHA-256 of the document text, so a document whose text has not changed is skipped on the next run
and re-running adds nothing.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

import pandas as pd
from haisi.nlp.facts import extract_facts
from haisi.nlp.pipeline import detect_language, extract_entities
from haisi.warehouse import Provenance, Warehouse

__all__ = ["RunResult", "run", "text_hash"]

log = logging.getLogger(__name__)
SOURCE_ID = "nlp"


@dataclass(frozen=True)
class RunResult:
    """What one run did."""

    documents: int
    skipped: int
    entities: int
    facts: int


def text_hash(text: str) -> str:
    """SHA-256 of a document's text: the content identity used for idempotence."""
    return hashlib.sha256((text or "").encode("utf-8")).hexdigest()


def _done(wh: Warehouse) -> set[str]:
    """Content hashes already processed (present in entities or facts)."""
    done: set[str] = set()
    for table in ("entities", "facts"):
        if wh.exists(table):
            rows = wh.scan(
                table, filters={"source_id": SOURCE_ID}, columns=["content_hash"], distinct=True
            )
            done |= set(rows.column("content_hash").to_pylist())
    return done


def _doc_rows(doc: dict) -> tuple[list[dict], list[dict]]:
    """Entity and fact rows of one document."""
    text = doc.get("text") or ""
    h = text_hash(text)
    prov = {
        "source_id": SOURCE_ID,
        "source_uri": doc.get("url") or doc["doc_id"],
        "content_hash": h,
    }
    lang = doc.get("language") or detect_language(text)
    ents = [
        {
            "doc_id": doc["doc_id"],
            "start": e["start"],
            "end": e["end"],
            "label": e["label"],
            "text": e["text"],
            "linked_id": e["linked_id"],
            **prov,
        }
        for e in {
            (e["start"], e["end"], e["label"]): e for e in extract_entities(text, lang)
        }.values()
    ]
    facts = []
    if lang == "zh":
        published = str(doc.get("published") or "")[:10]
        for i, f in enumerate(extract_facts(text, published, doc_id=doc["doc_id"])):
            facts.append(
                {
                    "doc_id": doc["doc_id"],
                    "fact_index": i,
                    "indicator": f["indicator"],
                    "indicator_text": f.get("indicator_text"),
                    "change_pct": f.get("change_pct"),
                    "change_basis": f.get("change_basis"),
                    "reporter": f["reporter"],
                    "partner": f["partner"],
                    "commodity": f["commodity"],
                    "value": None if f["value"] is None else float(f["value"]),
                    "unit": f["unit"],
                    "yoy_pct": f["yoy_pct"],
                    "period_start": f["period_start"],
                    "period_end": f["period_end"],
                    "span": f["span"],
                    "span_start": f["span_start"],
                    "span_end": f["span_end"],
                    **prov,
                }
            )
    return ents, facts


def run(wh: Warehouse, *, limit: int | None = None) -> RunResult:
    """Extract entities and facts for every document not yet processed; one commit per table."""
    with wh.derivation():  # entities and facts take the class of the documents read
        if not wh.exists("documents"):
            return RunResult(0, 0, 0, 0)
        docs = wh.scan(
            "documents", columns=["doc_id", "url", "language", "published", "text"]
        ).to_pylist()
        done = _done(wh)
        todo = [d for d in docs if text_hash(d.get("text") or "") not in done][:limit]
        ents: list[dict] = []
        facts: list[dict] = []
        for d in todo:
            try:
                e, f = _doc_rows(d)
            except Exception:  # one bad document must not stop the run
                log.exception("文档 %s 处理失败 document failed", d.get("doc_id"))
                continue
            ents += e
            facts += f
        prov = Provenance(
            source_id=SOURCE_ID,
            source_uri="documents",
            content_hash=text_hash("".join(sorted(text_hash(d.get("text") or "") for d in todo))),
        )
        n_e = wh.append("entities", pd.DataFrame(ents), provenance=prov).rows_stored if ents else 0
        n_f = wh.append("facts", pd.DataFrame(facts), provenance=prov).rows_stored if facts else 0
        return RunResult(len(todo), len(docs) - len(todo), n_e, n_f)
