"""The real open-data starter set shipped with haisi, and its catalogue (``catalogue.json``).

Each file is a byte-exact copy (gzip -9n where it ends in .gz) of a published file; the catalogue
gives per file its feed, publisher, licence statement, citation, upstream origin and the SHA-256 of
both the shipped and the original file. ``haisi demo`` loads it (``haisi.loading.load_starter``).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

__all__ = ["STARTER_DIR", "starter_sets", "starter_source"]

STARTER_DIR = Path(__file__).parent


@cache
def starter_sets() -> tuple[dict, ...]:
    """The catalogue: per file its feed, publisher, licence, citation and hashes."""
    sets = json.loads((STARTER_DIR / "catalogue.json").read_text("utf-8"))["sets"]
    return tuple({**s, **_publisher_and_citation(s)} for s in sets)


def _publisher_and_citation(s: dict) -> dict[str, str]:
    """``publisher`` (Chinese label first, the region's prefix from the override table, then
    English) and the ``citation`` of one catalogue entry."""
    from haisi.reference.places import agency_zh

    zh = agency_zh(s["publisher_region"], s["publisher_zh"])
    note = f" ({s['publisher_note']})" if s.get("publisher_note") else ""
    citation = (
        f"{zh} · {s['publisher_en']}. {s['title_zh']} · {s['title_en']}, {s['coverage']}. "
        f"Mirrored in haisi (starter set {s['id']}, sha256 {s['original_sha256'][:12]})."
    )
    publisher = f"{zh} · {s['publisher_en']}{note}"
    return {"publisher_label_zh": zh, "publisher": publisher, "citation": citation}


def starter_source(source_id: str) -> list[dict]:
    """Catalogue entries of one source id (empty when the source is not in the starter set)."""
    return [s for s in starter_sets() if s["source_id"] == source_id]
