"""Crawl benchmark: pages/s of the full haisi spider vs a bare fetch-only Scrapy spider.

Both crawl the same mirror (≥2,000 pages by default) in the same run with the same concurrency,
no throttling and no delay. The haisi spider parses, validates and stores every page (documents
table, raw page compressed, batched Delta commits, OpsDB crawl state); the bare spider only
follows links. Prints both rates and their ratio (goal ≥ 0.7).

    .venv/bin/python bench/crawl/run.py            # 2,000 articles + 200 list pages
    .venv/bin/python bench/crawl/run.py --quick    # 300 articles
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from haisi.crawlers.mirror import build, serve_background  # noqa: E402

BIN = Path(sys.executable).parent
COMMON = [
    "-s",
    "AUTOTHROTTLE_ENABLED=0",
    "-s",
    "DOWNLOAD_DELAY=0",
    "-s",
    "CONCURRENT_REQUESTS=16",
    "-s",
    "CONCURRENT_REQUESTS_PER_DOMAIN=16",
    "-s",
    "LOG_LEVEL=INFO",
    "-s",
    "TELNETCONSOLE_ENABLED=0",
]


def _stats(output: str) -> tuple[int, float]:
    pages = int(re.search(r"'response_received_count': (\d+)", output)[1])
    elapsed = float(re.search(r"'elapsed_time_seconds': ([\d.]+)", output)[1])
    return pages, elapsed


def run_bare(url: str) -> tuple[int, float]:
    """Pages and seconds of the bare spider."""
    p = subprocess.run(
        [
            str(BIN / "scrapy"),
            "runspider",
            str(Path(__file__).with_name("bare_spider.py")),
            "-a",
            f"start={url}/xiamen_customs/list_1.html",
            *COMMON,
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return _stats(p.stderr)


def run_haisi(url: str, work: Path) -> tuple[int, float]:
    """Pages and seconds of the full haisi spider (parse, validate, store)."""
    p = subprocess.run(
        [
            str(BIN / "haisi"),
            "crawl",
            "xiamen_customs",
            "--mirror",
            url,
            "--store",
            str(work / "wh"),
            "--ops-db",
            str(work / "ops.sqlite"),
            "--no-progress",
            *COMMON,
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return _stats(p.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="300 articles instead of 2,000")
    ap.add_argument(
        "--articles", type=int, default=None, help="articles in the mirror (default 2000)"
    )
    args = ap.parse_args()
    n = args.articles or (300 if args.quick else 2000)
    with tempfile.TemporaryDirectory(prefix="haisi-bench-crawl-") as tmp:
        work = Path(tmp)
        t = time.perf_counter()
        build(work / "mirror", source="shared", articles=n)
        print(
            f"mirror: {n} articles + {-(-n // 10)} list pages per site, "
            f"built in {time.perf_counter() - t:.1f} s"
        )
        server = serve_background(work / "mirror")
        try:
            bare_pages, bare_s = run_bare(server.url)
            full_pages, full_s = run_haisi(server.url, work)
        finally:
            server.shutdown()
    bare_rate, full_rate = bare_pages / bare_s, full_pages / full_s
    print(
        f"bare Scrapy spider (fetch only): {bare_pages} pages in {bare_s:.2f} s = "
        f"{bare_rate:.1f} pages/s"
    )
    print(
        f"haisi spider (parse+validate+store): {full_pages} pages in {full_s:.2f} s = "
        f"{full_rate:.1f} pages/s"
    )
    print(f"ratio haisi/bare = {full_rate / bare_rate:.2f} (goal >= 0.70)")


if __name__ == "__main__":
    main()
