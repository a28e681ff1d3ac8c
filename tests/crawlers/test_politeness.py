"""Politeness: polite defaults (robots, AutoThrottle, per-domain limit, retries)
and the user agent."""

from __future__ import annotations

from pathlib import Path

import pytest
from haisi.crawlers import settings as crawl_settings
from haisi.crawlers.mirror import build, serve_background

from tests.crawlers.helpers import HAISI, run


@pytest.fixture(scope="module")
def mirror(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Path:
    root = tmp_path_factory.mktemp("polite") / "mirror"
    build(root, source="shared", shared=shared_data, articles=12)
    return root


def _crawl(url: str, work: Path, *settings: str) -> None:
    run(
        [
            HAISI,
            "crawl",
            "xiamen_customs",
            "--mirror",
            url,
            "--store",
            str(work / "wh"),
            "--ops-db",
            str(work / "ops.sqlite"),
            "--no-progress",
            "-s",
            "LOG_LEVEL=WARNING",
            *settings,
        ]
    )


def test_defaults_are_polite() -> None:
    s = crawl_settings
    assert s.ROBOTSTXT_OBEY and s.AUTOTHROTTLE_ENABLED and s.CONCURRENT_REQUESTS_PER_DOMAIN <= 2
    assert 429 in s.RETRY_HTTP_CODES and 503 in s.RETRY_HTTP_CODES and s.DOWNLOAD_DELAY >= 1
    assert "haisi" in s.USER_AGENT


def test_every_request_identifies_the_crawler(mirror: Path, tmp_path: Path) -> None:
    server = serve_background(mirror)
    try:
        _crawl(server.url, tmp_path, "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0")
    finally:
        server.shutdown()
    assert server.user_agents == {crawl_settings.USER_AGENT}


def test_per_domain_concurrency_limit_is_honoured(mirror: Path, tmp_path: Path) -> None:
    server = serve_background(mirror, delay=0.05)
    try:
        _crawl(
            server.url,
            tmp_path,
            "-s",
            "AUTOTHROTTLE_ENABLED=0",
            "-s",
            "DOWNLOAD_DELAY=0",
            "-s",
            "CONCURRENT_REQUESTS=16",
            "-s",
            "CONCURRENT_REQUESTS_PER_DOMAIN=3",
        )
    finally:
        server.shutdown()
    assert server.max_in_flight == 3  # reached, never passed
