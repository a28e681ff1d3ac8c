"""The learned reporter ranker: its choice rule, its training data and its shipped weights."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from haisi.nlp.evaluate import labelled_set, matched_pairs, score_facts
from haisi.nlp.facts import extract_facts
from haisi.nlp.facts.extract import _sentences
from haisi.nlp.facts.ranker import WEIGHTS, Ranker, _example_of, candidates, load, rerank, train
from haisi.nlp.train_reporter import MARGIN, READINGS, examples, fit

TEXT = "宁波舟山港今年前10个月完成集装箱吞吐量3200万标准箱，同比增长8%。"


def _facts() -> list[dict]:
    """The one fact of TEXT, with the rules' reporter replaced by 全国 (a wrong choice)."""
    (f,) = extract_facts(TEXT, "2025-11-20")
    return [{**f, "reporter": "全国"}]


def test_a_later_item_of_a_list_ending_in_deng_is_an_example_not_a_reporter() -> None:
    text = (
        "已先后筛选出深圳茅洲河、厦门筼筜湖等56个美丽河湖优秀案例。"
        "滨海新区推出海河游船、邮轮观光等52项文旅活动。"
    )
    first, second = text.index("56个"), text.index("52项")
    assert _example_of(text, "厦门", first)
    # the first item and a subject before the list are not marked (no 、 right before them)
    assert not _example_of(text, "深圳", first)
    assert not _example_of(text, "滨海新区", second)
    # a clause break between the item and the figure ends the list
    assert not _example_of("深圳、厦门等地，共56个案例", "厦门", len("深圳、厦门等地，共"))


def test_a_confident_ranker_replaces_the_rules_choice() -> None:
    facts = _facts()
    rerank(TEXT, _sentences(TEXT), facts, Ranker({"where=clause": 5.0}, margin=0.3))
    assert facts[0]["reporter"] == "宁波舟山港"


def test_an_override_needs_the_margin() -> None:
    """Two candidates, one feature worth 0.4 in score: the top beats the rules' choice by
    about 0.1 in probability, below a margin of 0.3 and above one of 0.05."""
    names, feats = ["全国", "宁波舟山港"], [["rule=True"], ["x"]]
    assert Ranker({"x": 0.4}, margin=0.3).choose(names, feats, 0) == 0
    assert Ranker({"x": 0.4}, margin=0.05).choose(names, feats, 0) == 1


def test_a_part_of_the_rules_name_replaces_it_when_more_probable() -> None:
    names, feats = ["哈尔滨冰雪大世界", "冰雪大世界"], [["rule=True"], ["x"]]
    assert Ranker({"x": 9.0}, margin=0.2).choose(names, feats, 0) == 1
    assert Ranker({"x": -9.0}, margin=0.2).choose(names, feats, 0) == 0


@pytest.mark.parametrize("part", ["论坛", "国际航线"])
def test_a_bare_type_word_of_the_rules_name_never_replaces_it(part: str) -> None:
    names, feats = ["中国—波兰经贸合作论坛国际航线", part], [["rule=True"], ["x"]]
    assert Ranker({"x": 9.0}, margin=0.0).choose(names, feats, 0) == 0


@pytest.mark.parametrize(
    "rule,part,replaced",
    [
        ("哈尔滨冰雪大世界", "冰雪大世界", True),  # a place cut off its start
        ("江西省", "江西", True),  # its head
        ("国家考古遗址公园", "遗址公园", False),  # what follows no place
        ("义乌至宁波舟山港的海铁联运班列", "宁波舟山港", False),  # a name inside it
    ],
)
def test_only_a_head_or_what_follows_a_place_replaces_the_rules_name(
    rule: str, part: str, replaced: bool
) -> None:
    names, feats = [rule, part], [["rule=True"], ["x"]]
    assert Ranker({"x": 9.0}, margin=0.1).choose(names, feats, 0) == int(replaced)


@pytest.mark.parametrize("top", ["俄罗斯海关", "场专题论坛"])
def test_a_customs_office_or_a_measure_word_never_replaces_the_rules_name(top: str) -> None:
    names, feats = ["俄罗斯", top], [["rule=True"], ["x"]]
    assert Ranker({"x": 9.0}, margin=0.0).choose(names, feats, 0) == 0


def test_a_place_starting_with_a_measure_words_character_may_replace_the_rules_name() -> None:
    names, feats = ["澳大利亚", "所罗门群岛"], [["rule=True"], ["x"]]
    assert Ranker({"x": 9.0}, margin=0.0).choose(names, feats, 0) == 1


def test_the_provinces_of_named_customs_offices() -> None:
    from haisi.nlp.facts.ranker import _districts_named

    assert _districts_named("据南昌海关统计，乌鲁木齐海关数据显示，厦门海关介绍") == {
        "江西",
        "新疆",
    }


def test_a_list_holding_the_rules_name_never_replaces_it() -> None:
    names, feats = ["霍尔果斯口岸", "霍尔果斯口岸、阿拉山口口岸"], [["rule=True"], ["x"]]
    assert Ranker({"x": 9.0}, margin=0.0).choose(names, feats, 0) == 0


def test_candidates_are_the_names_the_finders_see_and_the_nation() -> None:
    pool = candidates(_sentences(TEXT))
    assert "宁波舟山港" in pool and "全国" in pool and pool == sorted(pool)


def test_matched_pairs_agree_with_the_score() -> None:
    """Every labelled paragraph of a tuning part: the pairs are as many as the true positives,
    one to one, each a match, and their equal reporters are the score's reporter_ok."""
    for line in labelled_set("made-up-news-tune2").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        pred = extract_facts(d["text"], d["date"])
        pairs = matched_pairs(pred, d["facts"])
        s, _extra, _missed = score_facts(pred, d["facts"])
        assert len(pairs) == s.tp
        assert len({id(p) for p, _g in pairs}) == len({id(g) for _p, g in pairs}) == s.tp
        assert s.reporter_ok == sum(p["reporter"] == g["reporter"] for p, g in pairs)


def test_the_training_readings_never_cover_a_frozen_part() -> None:
    """The stored rules' outputs come from tuning parts and the validation part (added after it
    decided to keep the ranker), never from a frozen test part."""
    sets = {json.loads(line)["set"] for line in READINGS.read_text(encoding="utf-8").splitlines()}
    assert sets == {
        "tune-independent",
        "made-up-tune",
        "made-up-news-tune",
        "made-up-news-tune2",
        "made-up-news-valid",
        "made-up-news-tune3",
        "made-up-news-tune4",
        "made-up-news-tune5",
        "made-up-news-tune6",
    } | {f"made-up-news-tune{k}" for k in range(7, 53)}


def test_every_example_has_the_rules_choice_among_its_candidates() -> None:
    rows = [e for _g, ex in examples() for e in ex]
    assert len(rows) > 36000
    assert all(sum("rule=True" in fs for fs in e.feats) == 1 for e in rows)


def test_the_shipped_weights_are_what_training_gives(tmp_path: Path) -> None:
    """Retraining from the repository's files reproduces the shipped weights and margin."""
    n = fit(tmp_path / "w.json")
    got = json.loads((tmp_path / "w.json").read_text(encoding="utf-8"))
    shipped = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert got["examples"] == shipped["examples"] == n
    assert got["margin"] == shipped["margin"] == MARGIN == load().margin
    assert got["weights"].keys() == shipped["weights"].keys()
    assert max(abs(got["weights"][k] - v) for k, v in shipped["weights"].items()) < 1e-9


def test_training_learns_the_feature_that_names_the_gold() -> None:
    """Two-candidate examples where the gold always has feature g: its weight ends positive and
    the other's negative."""
    from haisi.nlp.facts.ranker import Example

    rows = [Example(["a", "b"], [["g"], ["h"]], "a"), Example(["a", "b"], [["h"], ["g"]], "b")]
    w = train(rows * 5, l2=0.0, steps=50)
    assert w["g"] > 0 > w["h"]


@pytest.mark.parametrize("margin", [-0.1, 1.5])
def test_a_margin_outside_zero_to_one_is_refused(margin: float) -> None:
    with pytest.raises(ValueError, match="margin"):
        Ranker({}, margin=margin)


def test_a_long_page_is_read_in_paragraph_sized_blocks() -> None:
    """Blocks keep every sentence once and in order, and none is longer than BLOCK unless it is
    one sentence; a labelled-size paragraph is one block."""
    from haisi.nlp.facts.ranker import BLOCK, _blocks

    page = "\n".join([TEXT * 3] * 40) + "。" + "长" * (BLOCK + 50) + "。"
    sents = _sentences(page)
    blocks = _blocks(sents)
    assert [s for b in blocks for s in b] == sents and len(blocks) > 1
    for b in blocks:
        span = b[-1][0] + len(b[-1][1]) - b[0][0]
        assert span <= BLOCK or len(b) == 1
    assert len(_blocks(_sentences(TEXT * 3))) == 1


def test_reporters_of_a_long_page_come_from_its_blocks() -> None:
    """The ranker's choices on a long page equal those made on each block read alone."""
    from haisi.nlp.facts.ranker import _blocks

    page = "\n".join(
        json.loads(line)["text"]
        for line in labelled_set("made-up-news-tune").read_text(encoding="utf-8").splitlines()[:12]
    )
    sents = _sentences(page)
    facts = extract_facts(page, "2025-10-20")
    whole = [dict(f) for f in facts]
    rerank(page, sents, whole, load())
    for block in _blocks(sents):
        b0, b1 = block[0][0], block[-1][0] + len(block[-1][1])
        part = [
            {**f, "span_start": f["span_start"] - b0} for f in facts if b0 <= f["span_start"] < b1
        ]
        rerank(page[b0:b1], [(s - b0, t) for s, t in block], part, load())
        assert [f["reporter"] for f in part] == [
            f["reporter"] for f in whole if b0 <= f["span_start"] < b1
        ]


@pytest.mark.parametrize(
    "text,name",
    [("厦门港厦门港厦门", "厦门港"), ("aaaa", "aa"), ("福州", "厦门"), ("港港港", "港")],
)
def test_a_names_occurrences_are_the_regex_search_ones(text: str, name: str) -> None:
    from haisi.nlp.facts.ranker import _occurrences

    want = [(m.start(), m.end()) for m in re.finditer(re.escape(name), text)]
    assert _occurrences(text, name) == want
