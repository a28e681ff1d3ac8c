"""Pipelines on real text: language detection, traditional→simplified offsets, gazetteer, English NER."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from haisi.nlp.gazetteer import match
from haisi.nlp.pipeline import chinese_nlp, detect_language, extract_entities, to_simplified, tokenize_zh


def _lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_language_detection_on_real_corpora(shared_data: Path) -> None:
    zh = _lines(shared_data / "text/xwlb-zh-news/paragraphs.jsonl")
    en = _lines(shared_data / "text/reuters21578-trade-en/articles.jsonl")
    assert {detect_language(d["text"]) for d in zh} == {"zh"}
    assert {detect_language(d["text"]) for d in en} == {"en"}
    assert detect_language("") == "und"


def test_traditional_text_spans_point_into_the_original() -> None:
    text = "據廈門海關統計，福建對東協出口增長，臺灣旅客經金門往來。"
    simp, offsets = to_simplified(text)
    assert simp == "据厦门海关统计，福建对东协出口增长，台湾旅客经金门往来。"
    assert len(offsets) == len(simp)
    got = {(e["text"], e["label"], e["linked_id"]) for e in extract_entities(text)}
    assert ("廈門海關", "CUSTOMS", None) in got
    assert ("東協", "REGION", "ASEAN") in got  # the Taiwan usage 东协 links to ASEAN
    assert ("臺灣", "COUNTRY", "TWN") in got
    for e in extract_entities(text):
        assert text[e["start"]:e["end"]] == e["text"]


def test_taiwan_usages_link_to_the_same_ids() -> None:
    got = {(e["text"], e["linked_id"]) for e in extract_entities("對紐西蘭、寮國與東協出口")}
    assert got == {("紐西蘭", "NZL"), ("寮國", "LAO"), ("東協", "ASEAN")}


def test_gazetteer_links_ids_on_a_real_paragraph(shared_data: Path) -> None:
    d = next(x for x in _lines(shared_data / "text/xwlb-zh-news/paragraphs.jsonl") if x["id"] == "xwlb-0005")
    got = [(e["text"], e["linked_id"]) for e in match(d["text"])]
    assert [x for x in got if x[0] in ("东盟", "欧盟", "美国", "韩国")][:4] == [
        ("东盟", "ASEAN"), ("欧盟", "EU"), ("美国", "USA"), ("韩国", "KOR")]


def test_chinese_names_are_labelled_with_the_override_table() -> None:
    (e,) = [x for x in match("对中国台湾地区出口") if x["label"] == "COUNTRY"]
    assert (e["text"], e["linked_id"], e["name"]) == ("中国台湾", "TWN", "中国台湾")


def test_jieba_keeps_gazetteer_names_whole() -> None:
    assert "宁波舟山港" in tokenize_zh("宁波舟山港年货物吞吐量超12.5亿吨")
    doc = chinese_nlp()("福建对东盟进出口1571亿元")
    assert [t.text for t in doc][:3] == ["福建", "对", "东盟"]


@pytest.mark.parametrize("text", ["", "<div>&nbsp;</div>", "12345 67890"])
def test_entities_on_empty_and_odd_input(text: str) -> None:
    assert extract_entities(text) == []


def test_english_entities_on_reuters(shared_data: Path) -> None:
    d = next(x for x in _lines(shared_data / "text/reuters21578-trade-en/articles.jsonl") if x["id"] == "reuters-271")
    ents = extract_entities(d["text"], "en")
    assert ("Japan", "JPN") in {(e["text"], e["linked_id"]) for e in ents}
    for e in ents:
        assert d["text"][e["start"]:e["end"]] == e["text"]
