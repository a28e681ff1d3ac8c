"""The fact extractor's entry point: sentences in order, period and reporter carried between them.

Traditional script is converted to simplified for the rules and spans are mapped back; the same
figure mentioned twice is one fact.
"""

from __future__ import annotations

import logging
import re
from datetime import date as date_cls

from haisi.nlp.facts import ranker, roles
from haisi.nlp.facts.names import type_word
from haisi.nlp.facts.record import Fact, as_dict
from haisi.nlp.facts.sentence import facts_in_sentence
from haisi.nlp.gazetteer import entries
from haisi.nlp.periods import parse_date
from haisi.reference.countries import OVERRIDES

__all__ = ["MAX_CHARS", "MAX_SENTENCE", "extract_facts"]

log = logging.getLogger("haisi.nlp.facts")

MAX_CHARS = 200_000  # longer documents are cut (a 5 MB page is not a bulletin paragraph)
MAX_SENTENCE = 400  # longest sentence analysed as one unit (bulletin sentences are far shorter)

# Frequent characters that only traditional script uses; one of them switches on t2s conversion.
_TRADITIONAL = re.compile(r"[萬億與進貿額長減關臺灣這個們時區國經濟華業務運輸貨櫃數統計達較]")
_SENT_RE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;\n]?")
# A sentence giving parts of the figure just before it: its reporter is that figure's, even one
# not carried further (Taiwan's, an "在X，" frame's).
_PART = re.compile(r"\s*(?:其中|内中)[，,]?")
# 同期 opening a clause (同期，…; 随着…，同期…) after a stock up to now (目前…已有320多家): the
# period of the flows before that stock, not the stock's.
_SAME_PERIOD = re.compile(r"(?:^|[，,])\s*(?:而|但|与此同时[，,]?)?同期(?![的为相])")
# Taiwan's own releases (its authorities in the override table, or words only they use): there
# the nation of 我國/全國/財政部 is Taiwan, a region of China, never 全国 (China as a whole).
_TW = OVERRIDES["TWN"]
# Words of Taiwan's releases (Hong Kong writes 增長 and 按年, not 成長 or 年增).
_TAIWAN_USAGE = re.compile(
    "|".join(["年增", "年減", "新臺幣", "新台幣", "國發會", "經濟部", "成長", "上年同月"])
)
_TAIWAN_AGENCIES = re.compile(_TW["agencies_zh"])


def _sentences(text: str) -> list[tuple[int, str]]:
    """Sentences (split on 。！？；) with their offsets; run-ons are cut at commas into ≤
    MAX_SENTENCE chars.

    Work per sentence grows with its length times its figures, so a page with no full stops must
    not become one 200,000-character sentence.
    """
    out = []
    for m in _SENT_RE.finditer(text):
        start, sent = m.start(), m.group(0)
        while len(sent) > MAX_SENTENCE:
            cut = max(sent.rfind("，", 0, MAX_SENTENCE), sent.rfind(",", 0, MAX_SENTENCE))
            cut = cut + 1 if cut > 0 else MAX_SENTENCE
            out.append((start, sent[:cut]))
            start, sent = start + cut, sent[cut:]
        out.append((start, sent))
    return out


# Two broadcast dates a year apart and after any stated date: a period that comes out the same
# against both does not depend on the broadcast date (2024年1—6月); one that differs (今年前8个月,
# 去年) cannot be resolved without it.
_ANCHORS = (date_cls(2097, 12, 31), date_cls(2098, 12, 31))


def _as_written(
    name: str | None, text: str, original: str, offsets: list[int], before: int
) -> str | None:
    """A name found in the simplified text, copied from the original at its last mention before
    ``before`` (else its first mention); unchanged when the text does not contain it."""
    if not name:
        return name
    i = text.rfind(name, 0, before + len(name))
    i = i if i >= 0 else text.find(name)
    return original[offsets[i] : offsets[i + len(name) - 1] + 1] if i >= 0 else name


def _kind(name: str) -> str | None:
    """What sort of subject a name is: its gazetteer label or the type word it ends in."""
    entry = entries().get(name)
    if entry:
        return entry[0]
    return type_word(name)


def _after_examples(named: list[str]) -> bool:
    """True when a sentence of a national paragraph names no one after two sentences that named
    different places of one kind (宁波口岸…；深圳口岸…。而…): those were examples, and the
    sentence speaks for the nation again."""
    if len(named) < 3 or named[-1] or named[0] not in ("", "全国"):
        return False
    a, b = named[-3], named[-2]
    return bool(a and b and a != b and "全国" not in (a, b) and _kind(a) == _kind(b) is not None)


def extract_facts(text: str, date: str, *, doc_id: str | None = None) -> list[dict]:
    """Facts in one document (fields of the facts guide); [] for empty text.

    With a malformed date the facts are kept and only periods that need the broadcast date are null.
    """
    if not text or not text.strip():
        return []
    doc = parse_date(date)
    if doc is None:
        log.warning(
            "文档 %s 日期无法解析 malformed date %r: periods resolved without it", doc_id, date
        )
        first, second = (_extract(text, anchor, doc_id) for anchor in _ANCHORS)
        if len(first) != len(second):
            second = [{} for _ in first]
        for f, g in zip(first, second):
            for key in ("period_start", "period_end"):
                if f[key] != g.get(key):
                    f[key] = None
        return first
    return _extract(text, doc, doc_id)


# A threshold crossed (首次突破180万人次), in the span of its fact.
_MILESTONE_SPAN = re.compile(
    r"(?:突破|跨越|迈上|站上|重回)[^，。；\d]{0,3}[\d一二三四五六七八九十百千]"
)


_FIRST_FIGURE = re.compile(r"[\d一二三四五六七八九十百千两]")


def _without_milestones(text: str, facts: list[Fact]) -> list[Fact]:
    """Facts less the thresholds whose exact figure the paragraph also gives (…旅客运输量首次突破
    180万人次。全年共运送旅客186.5万人次; 出口额达1003亿美元，重回千亿美元以上): the guide keeps
    only the exact figure."""

    def milestone(f: Fact) -> bool:
        # only a threshold word before the fact's own first figure (not 完成1003.8亿件，首次突破
        # 千亿件，同比增长…, whose span runs over the threshold after it)
        first = _FIRST_FIGURE.search(text, f.start, f.end)
        return f.value is not None and bool(
            _MILESTONE_SPAN.search(text, max(0, f.start - 6), first.end() if first else f.end)
            or "台阶" in text[f.end - 2 : f.end + 3]  # 跨越120万亿元、130万亿元台阶
        )

    return [
        f
        for i, f in enumerate(facts)
        if not (
            milestone(f)
            and any(
                (g.indicator, g.unit, g.period[1]) == (f.indicator, f.unit, f.period[1])
                and (g.reporter in f.reporter or f.reporter in g.reporter)
                and g.value is not None
                and f.value <= g.value < 1.5 * f.value  # type: ignore[operator]
                and not milestone(g)
                for g in facts[:i] + facts[i + 1 :]
            )
        )
    ]


def _extract(text: str, doc: date_cls, doc_id: str | None) -> list[dict]:
    """Facts of a non-empty document against a known broadcast date."""
    from haisi.nlp.pipeline import detect_language, to_simplified

    if detect_language(text) != "zh":
        log.info("文档 %s 不是中文 not Chinese: the bulletin rules do not apply", doc_id)
        return []
    if len(text) > MAX_CHARS:
        log.warning(
            "文档 %s 过长 document too long (%d chars): first %d used", doc_id, len(text), MAX_CHARS
        )
        text = text[:MAX_CHARS]
    original, offsets = text, None
    if _TRADITIONAL.search(text):  # 進出口4.7萬億元: rules run on simplified text, spans map back
        text, offsets = to_simplified(text)
    period: tuple[str | None, str | None] = (None, None)
    reporter = "全国"
    facts: list[Fact] = []
    group = 0
    named: list[str] = []  # the reporter each sentence names itself ("" for none)
    sentences = _sentences(text)
    got: list[Fact] = []
    flow: tuple[str | None, str | None] = (None, None)  # the last period that has a start
    for s0, sent in sentences:
        if period[0] is None and flow[0] and _SAME_PERIOD.search(sent[:24]):
            period = flow
        topic = next(
            (f.indicator for f in reversed(facts) if f.indicator not in ("share", "other")), None
        )
        named.append(roles.reporter(sent, "", before=text[:s0]))
        if _after_examples(named):  # 宁波口岸…；深圳口岸…。而…: the nation again
            reporter = "全国"
        elif got and _PART.match(sent):  # 台湾出口总额…。其中，对美国出口…: that total's parts
            reporter = got[-1].reporter
        got, period, reporter, group = facts_in_sentence(
            text, s0, sent, doc, period, reporter, group, topic
        )
        facts.extend(got)
        if period[0]:
            flow = period
    facts = _without_milestones(text, facts)
    out, seen = [], set()
    # Taiwan's own release (traditional script only): its nation is 台湾地区; decided once per text
    taiwan = offsets is not None and bool(
        _TAIWAN_USAGE.search(original) or _TAIWAN_AGENCIES.search(original)
    )
    records = []
    # the same figure mentioned twice is one fact (one figure for two partners is two:
    # 自卡塔尔、澳大利亚进口…均超过800万吨; for two listed goods too: 水果、水产品均超过千吨)
    for f in facts:
        key = (f.indicator, f.value, f.unit, f.yoy_pct, f.period[1], f.reporter, f.partner)
        key += (f.indicator_text, f.commodity if f.group is not None else None)
        if f.value is not None and key in seen:
            continue
        seen.add(key)
        records.append(as_dict(text, f))
    ranker.rerank(text, sentences, records, ranker.load())  # a learned second look at reporters
    for d in records:
        d["reporter"] = roles.quoted_as_written(text, d["reporter"])
        if offsets is not None:
            start = d["span_start"]
            d["span_start"], d["span_end"] = offsets[start], offsets[d["span_end"] - 1] + 1
            d["span"] = original[d["span_start"] : d["span_end"]]
            for key in ("reporter", "partner", "commodity"):  # 臺灣 as written, not 台湾
                d[key] = _as_written(d[key], text, original, offsets, start)
            if d["reporter"] == "全国" and taiwan:
                d["reporter"] = _TW["agency_prefix_zh"]  # 財政部…年增49.7%: 台湾地区's figure
        out.append(d)
    return out
