"""The starter set shipped in the repository:
small, complete, and byte-for-byte the shared files."""

from __future__ import annotations

import gzip
import hashlib

from haisi.starter import STARTER_DIR, starter_sets


def test_starter_set_is_small_and_every_file_is_catalogued():
    files = {p.name for p in STARTER_DIR.iterdir() if p.is_file()}
    assert sum(p.stat().st_size for p in STARTER_DIR.iterdir() if p.is_file()) <= 8 * 1024 * 1024
    assert files == {s["file"] for s in starter_sets()} | {"catalogue.json", "__init__.py"}
    ids = {s["id"] for s in starter_sets()}
    assert {
        "crossstrait/teu-monthly/import",
        "crossstrait/visitor-arrivals-monthly",
        "crossstrait/trade-annual-both-sides",
        "trade/singstat_monthly_by_market",
        "trade/china_bilateral_monthly",
    } <= ids
    for s in starter_sets():
        assert s["publisher"] and s["licence"] and s["citation"] and s["upstream"], s["id"]
        assert s["classification"] == "public"


def test_shipped_bytes_are_the_shared_files(shared_data):
    for s in starter_sets():
        raw = (STARTER_DIR / s["file"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == s["sha256"], s["file"]
        plain = gzip.decompress(raw) if s["file"].endswith(".gz") else raw
        assert hashlib.sha256(plain).hexdigest() == s["original_sha256"], s["file"]
        original = (shared_data / s["original"]).read_bytes()
        assert hashlib.sha256(original).hexdigest() == s["original_sha256"], s["original"]
