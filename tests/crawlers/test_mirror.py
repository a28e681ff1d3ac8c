"""The mirror builder and server: structure of the real sources, HTTP caching, sessions, faults."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
from haisi.crawlers.mirror import build, serve_background
from haisi.crawlers.mirror.build import PER_LIST_PAGE


@pytest.fixture(scope="module")
def mirror(tmp_path_factory: pytest.TempPathFactory, shared_data: Path):
    root = tmp_path_factory.mktemp("mirror")
    build(root, source="shared", shared=shared_data, articles=12, faults=True)
    server = serve_background(root)
    yield root, server
    server.shutdown()


def _get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_list_pages_paginate_and_gbk_pages_declare_gbk(mirror) -> None:
    root, server = mirror
    status, headers, body = _get(f"{server.url}/fuzhou_customs/list_1.html")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=gbk"
    text = body.decode("gbk")
    assert text.count('<li><a href="art/xwlb-') == PER_LIST_PAGE and 'href="list_2.html"' in text
    _, _, page2 = _get(f"{server.url}/fuzhou_customs/list_2.html")
    assert page2.decode("gbk").count('<li><a href="art/xwlb-') == 12 - PER_LIST_PAGE


def test_article_bodies_are_the_xwlb_paragraphs(mirror, shared_data: Path) -> None:
    root, server = mirror
    paras = {
        json.loads(x)["id"]: json.loads(x)["text"]
        for x in (shared_data / "text/xwlb-zh-news/paragraphs.jsonl")
        .read_text("utf-8")
        .splitlines()
    }
    art = next((root / "xiamen_customs/art").glob("xwlb-*.html"))
    pid = art.stem.rsplit("-", 1)[0]
    assert paras[pid] in art.read_text("utf-8")


def test_etag_and_last_modified_give_304(mirror) -> None:
    _, server = mirror
    status, headers, _ = _get(f"{server.url}/xiamen_customs/list_1.html")
    assert status == 200
    assert (
        _get(f"{server.url}/xiamen_customs/list_1.html", {"If-None-Match": headers["ETag"]})[0]
        == 304
    )
    assert (
        _get(
            f"{server.url}/xiamen_customs/list_1.html",
            {"If-Modified-Since": headers["Last-Modified"]},
        )[0]
        == 304
    )


def test_query_string_selects_the_comtrade_response(mirror, shared_data: Path) -> None:
    _, server = mirror
    fixture = json.loads(
        (
            shared_data / "trade/api_fixtures/comtrade/"
            "comtrade_v1_get_C_A_HS_chn_imports_2010_sample.json"
        ).read_text()
    )
    base = f"{server.url}/comtrade/data/v1/get/C/A/HS"
    assert _get(f"{base}?reporterCode=156&period=2010")[0] == 429  # the rate-limit fault, once
    _, _, body = _get(f"{base}?reporterCode=156&period=2010")
    assert json.loads(body)["data"] == fixture["data"]
    partner = fixture["data"][0]["partnerCode"]
    _, _, one = _get(f"{base}?reporterCode=156&period=2010&partnerCode={partner}")
    assert {r["partnerCode"] for r in json.loads(one)["data"]} == {partner}
    _, _, none = _get(f"{base}?reporterCode=156&period=1999")
    assert json.loads(none)["count"] == 0


def test_gacc_query_needs_the_session_cookie_and_a_referer(mirror) -> None:
    _, server = mirror
    url = f"{server.url}/gacc/query/result_exports_usa_2019-01.html"
    _, _, body = _get(url)
    assert "会话已过期" in body.decode("utf-8")
    _, headers, _ = _get(f"{server.url}/gacc/query/index.html")
    cookie = headers["Set-Cookie"].split(";")[0]
    _, _, body = _get(url, {"Cookie": cookie})
    assert "会话已过期" in body.decode("utf-8")  # no Referer
    _, _, body = _get(url, {"Cookie": cookie, "Referer": f"{server.url}/gacc/release/201901.html"})
    assert 'class="th-line"' in body.decode("utf-8")


def test_faults(mirror) -> None:
    _, server = mirror
    assert _get(f"{server.url}/fuzhou_customs/art/f404.html")[0] == 404
    assert _get(f"{server.url}/fuzhou_customs/art/f500.html")[0] == 500
    status, _, body = _get(f"{server.url}/taiwan/api/v2/rest/dataset?page=1")
    assert status == 200 and b"Request Rejected" in body
    _get(f"{server.url}/taiwan/api/v2/rest/dataset?page=1")
    assert json.loads(_get(f"{server.url}/taiwan/api/v2/rest/dataset?page=1")[2])["success"] is True
    with pytest.raises(Exception):  # Content-Length promises more than is sent
        urllib.request.urlopen(f"{server.url}/xiamen_customs/art/ftrunc.html").read()


def test_robots_txt_disallows_private(mirror) -> None:
    _, server = mirror
    assert b"Disallow: /private/" in _get(f"{server.url}/robots.txt")[2]


def test_taiwan_resources_are_big5_or_utf8_and_hold_the_real_rows(
    mirror, shared_data: Path
) -> None:
    root, _ = mirror
    real = pd.read_csv(
        shared_data / "trade/taiwan_hs8542_exports/taiwan_exports_by_country_2013_2025.csv",
        dtype=str,
        encoding="utf-8-sig",
    )
    n = 0
    for f in (root / "taiwan/resources").glob("exports_by_country_*.csv"):
        enc = json.loads((root / "_mirror.json").read_text())["headers"][
            f"taiwan/resources/{f.name}"
        ]["Content-Type"].split("=")[1]
        n += len(pd.read_csv(f, dtype=str, encoding=enc))
    assert n == len(real)


def test_sample_mirror_builds(tmp_path: Path) -> None:
    m = build(tmp_path / "demo", source="sample", articles=5)
    assert (tmp_path / "demo/gacc/list_1.html").exists() and m.files > 20
