"""haisi's own fact labels: disjoint parts, the news text unchanged, spans in it, test frozen."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from haisi.nlp.evaluate import INDEPENDENT_SETS, MADE_UP_SETS, SETS, labelled_set

# sha256 of the frozen test part as first committed (6f1084f): it must never change.
_TEST_SHA256 = "47802362309fa8dfce3720d8db2da6416f7f6745b2483cfd34ae0cd72dfd9df5"
# sha256 of each made-up part that must never change, as first committed: the writers' frozen
# test part, the news-like frozen parts (read twice, settled, never read here) and the validation
# part (scored, never read).
_MADE_UP_FROZEN_SHA256 = {
    "made-up-test": "2998ba544c0beb48c3bfc5e1cba820d69ec2a9c0778d4e08d74177579e81e848",
    "made-up-news-test": "9700c1731330e4b60faf4b7516834159433defb5775d4f6e018bb0d3391c2a9e",
    "made-up-news-test2": "408e9d2ab80e00c17381bbc7d1d407385436420eb2338026fb950fab035e58cd",
    "made-up-news-valid": "078c7f89a0b00d27794cda1fe73ad6ec17a1dbd0f610143adaa105b431163dbc",
    "made-up-news-test3": "23a429fd1c399eaba6f96a63db0a8427294b99544d4ec59cc39924ebaf2b4dd1",
    "made-up-news-test4": "e40edfd5548f9d2e508818f4d99c2768f4255873224562f494ac48454876f861",
    "made-up-news-test5": "621d56b369342ddfd17096bc1f92b4f4f5139d3e83fe272972f73e3b4ee79d67",
    "made-up-news-test6": "89b208a1bf1c9da6e37cc9da174f3bd8967898cfe16310835cd8fc5858475682",
    "made-up-news-test7": "5e5759c255d87c595a330548e8bf7df71831a8b5baa4b02bb63a1cb44864b920",
    "made-up-news-test8": "6dfdf501289b2333b3d5d11d48d25d6688431f4bd21a7b6f7ce4ba33e4870670",
    "made-up-news-test9": "f4224fba65128f20af457b67a364437e5535836567a9659a140a620bdf822ef2",
    "made-up-news-test10": "d4e343da02db35df846f1ed61089469a7f1b78745cd29d252d2ad8dc622f7c4c",
    "made-up-news-test11": "7e0193a8d13dc77d681617a3be6a3de6c29f643faa03d0eb286e4f17e14d653f",
    "made-up-news-test12": "cbdad3b9574eb4b048b8a9877916014b416bc33e36cb8c7b12264bd728cf4d8c",
    "made-up-news-test13": "9efc09ca6bd9a88f5af8b4faa6a953e4f720bc59e5d2c3fbf028f079ecaa5a62",
    "made-up-news-test14": "976d4782094d65a54a51e230f99bbacd334c216f4be515e5069e883776be2ed7",
    "made-up-news-test15": "b3e33037d97254c03f48f5caf4bd5679d59817d8a7a363d9a0064bdb72f091d6",
    "made-up-news-test16": "409e1826ba42c9be8cfa8567edb44078370a49d473e77a1753b2e44b61519a32",
    "made-up-news-test17": "7d071a316a4c01666de7d0cf338b7106799bb27de10ea4351af8440310f2860c",
    "made-up-news-test18": "c9fab36027e8b30db681bba34153056eb15e93425b33fa76070db54b25a67ffa",
    "made-up-news-test19": "9a7a12ed1741e87a9a0013af0be81da8d994739897897c8447d1bde4fcbd0937",
    "made-up-news-test20": "0c2ba7535c034e0fe5dcb4e2ac048fd941409f4c6dd1db83e69a90bb80404fce",
    "made-up-news-test21": "e1cff05aa2be68b494d0870755cc89ed4e2755092630f759abd72362949f9a8d",
    "made-up-news-test22": "2bff99ea6cfef43f4cb67cb660b506b23a8938127a5a0031f6c4c64e95bbd5e2",
    "made-up-news-test23": "f8f96cca41d3be347fb8fe8d0582b6ba2607df75de5cc2db7609694d12a391de",
    "made-up-news-test24": "a9c7a75ed331c0c8bbd47b00726a6df84e1f05f8b1be690526b9b6893c8e5590",
    "made-up-news-test25": "2b8a46a6def5946c6bb4e9e8ccf8d107ffa24da9ef781b53f5fc7b19e832c2c7",
    "made-up-news-test26": "853001b54900bcf4d31e545aee0b210b7282e6851eca712aa3d16bac33397405",
    "made-up-news-test27": "916bb51d095c442b69d2585dbe60511c87217084211ae0ef4dbdb50a835dc239",
    "made-up-news-test28": "54c66c2a9ffccded0a3c9eb31a8ef17dce6e61c013b2baf8073a1ea80a7ff86e",
    "made-up-news-test29": "03b0dec4b13cbfe46002c393df045667e8b27a00c64f5f9789f5881b0a49d167",
    "made-up-news-test30": "ff2b41f0a85931233181ba4e076320c38491b77028a3c0acd1238292d9a78930",
    "made-up-news-test31": "6adc8d5fff18d56b74e308d5423382bc70be571113c5c8f66b867f0d4c67504a",
    "made-up-news-test32": "dc0ac880c66d740bae18e71e68997bdca0014a65d7810eb78f4f10b7648e042c",
    "made-up-news-test33": "2db334bffde7a859f180b79de52841cd5fb7b2b340ce7185b5117e48a2728c03",
    "made-up-news-test34": "96e6e1f95b890f4dd4386a3def53b0eb9f9b874e3babcfbe8d248b0f3035f6d5",
    "made-up-news-test35": "673b6a4ca0c4eda8ef1b7efbf6fd73247f6e97a9b641d8e51ece19caa639a70b",
    "made-up-news-test36": "fb1c60dbc698e02ff2e1681b71935246113c1fd4694cf2563cd0ecc262e15c19",
    "made-up-news-test37": "131c14c9999cc9003d8818ef7c95755eec248b94187840dc3748106794c612c2",
    "made-up-news-test38": "af7fcc34370a332922eb8e93e1448e583d5b193bfcae7333f6eb676d08ff21b5",
    "made-up-news-test39": "1fa51273c602dedf81cf4006a1648f9cce254d93119375e4257bba0f159b16b9",
    "made-up-news-test43": "185d8f4732c37ed119f74a26acf2856390a7e71392592f4c38df0d6112547ce7",
    "made-up-news-test42": "ca2541bc1b0fd6eb1ca64e53cbbf6d76e8de263fc293ac81889dc3b2927793cb",
    "made-up-news-test41": "635f174c4b24643e4898e4a95c4b4f06feba43924d0931ce032696bc091b70b9",
    "made-up-news-test40": "7f1621c4333175a348129974ec238ee7556c31d5620cb4e5d45c833c49a0a3fb",
    "made-up-news-test44": "5a687be02bec50679bdad51760d62915c963ed4d007e73f08d5a578c13977cbe",
    "made-up-news-test45": "a1e02fdc51fb6ecf1814578f0da08cb47cdc0d4fbdd3610618d80f160eb16b46",
    "made-up-news-test46": "7eb2edb0b8f58895e687c91c36e97cef96b5416c42fb3d4ac7733a6629b6daed",
    "made-up-news-test47": "ccdb8160b2011da57c12a2dd4b5883fb73aa6825ee29ac08c89d70b22b04bde6",
    "made-up-news-test48": "b16f43f6c04bab2ea9b43f48bbc845fa8973bcf258e42cd8320d69bb022aefd4",
    "made-up-news-test49": "3797d03942e9b2ba2bfc7077ec32671ee64698bcba9f18056ad2ffd4fa49a723",
    "made-up-news-test50": "fd18c0b8443c52bbb392b810424919770b5eacb8c9783f8fefa704e8d2c4a814",
}
# sha256 of the independent reading of the frozen test part as first committed
_INDEPENDENT_TEST_SHA256 = "f0fe6ca5b8ca454695ebe46e1794608ccf9eb418146b7e8c4645575f1e218a36"


def _rows(name: str) -> list[dict]:
    return [json.loads(x) for x in labelled_set(name).read_text(encoding="utf-8").splitlines()]


def test_parts_are_disjoint_and_copy_the_news_text(shared_data: Path) -> None:
    news = shared_data / "text/xwlb-zh-news/paragraphs.jsonl"
    text = {d["id"]: d for d in map(json.loads, news.read_text(encoding="utf-8").splitlines())}
    seen: dict[str, str] = {}
    for name in SETS:
        for d in _rows(name):
            assert d["id"] not in seen, f"{d['id']} in both {seen.get(d['id'])} and {name}"
            seen[d["id"]] = name
            assert (d["text"], d["date"]) == (text[d["id"]]["text"], text[d["id"]]["date"])
            for f in d["facts"]:
                assert f["span"] in d["text"], (name, d["id"], f["span"])
                assert f["reporter"] in ("全国", "企业") or f["reporter"] in d["text"]
    assert len(seen) == len(text)  # every news paragraph is labelled in exactly one part


def test_the_test_part_is_frozen() -> None:
    digest = hashlib.sha256(labelled_set("test").read_bytes()).hexdigest()
    assert digest == _TEST_SHA256


def test_made_up_parts_are_well_formed_and_the_test_part_frozen() -> None:
    """Made-up paragraphs: ids unique across both parts, spans in the text, reporters written in
    it (or 全国); the test part never changes."""
    seen: set[str] = set()
    for name in MADE_UP_SETS:
        for d in _rows(name):
            assert d["id"] not in seen
            seen.add(d["id"])
            for f in d["facts"]:
                assert f["span"] in d["text"], (name, d["id"], f["span"])
                if name != "made-up-news-test":  # frozen, never read: a settler wrote two
                    # reporters of a shortened list in full, as the guide does for 本届进博会
                    assert f["reporter"] in ("全国", "企业") or f["reporter"] in d["text"]
    for name, expected in _MADE_UP_FROZEN_SHA256.items():
        assert hashlib.sha256(labelled_set(name).read_bytes()).hexdigest() == expected, name


def test_independent_readings_cover_their_parts_and_the_test_reading_is_frozen() -> None:
    """tune-independent holds exactly the tuning parts' paragraphs, test-independent the test
    part's, with the same text and date; spans and reporters are written in the text."""
    parts = {"tune-independent": ("tune", "tune-other"), "test-independent": ("test",)}
    for name in INDEPENDENT_SETS:
        own = {d["id"]: d for part in parts[name] for d in _rows(part)}
        rows = _rows(name)
        assert sorted(d["id"] for d in rows) == sorted(own)
        for d in rows:
            assert (d["text"], d["date"]) == (own[d["id"]]["text"], own[d["id"]]["date"])
            for f in d["facts"]:
                assert f["span"] in d["text"], (name, d["id"], f["span"])
                assert f["reporter"] in ("全国", "企业") or f["reporter"] in d["text"]
    digest = hashlib.sha256(labelled_set("test-independent").read_bytes()).hexdigest()
    assert digest == _INDEPENDENT_TEST_SHA256
