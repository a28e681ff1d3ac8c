"""Who and what a figure is about: reporter, partner and commodity, as written in the text.

The guide copies names as written; China as a whole is ``全国``. A share names whose total it is
(reporter) and the part (partner): 东盟占我国外贸总值 → 全国 / 东盟.
"""

from __future__ import annotations

import re

from haisi.nlp.gazetteer import match, places_in

__all__ = ["reporter", "partner", "commodity", "share_roles", "list_items", "clean_item", "item_role",
           "item_reporter"]

_NATIONAL = re.compile(r"我国|全国|中国(?!企业|船企)|海关总署")
_NOT_SUBJECT = re.compile(r"(?:对|与|同|从|自|至|到|向|和|、|占|于|在|为)$")


def reporter(pre: str, carried: str) -> str:
    """The place or body the figure is about, as written; 全国 for China as a whole.

    The last place in the text before the figure wins, unless it is a counterpart
    (对东盟, 与美国, 占全国 …) or a later national mention (我国, 海关总署) follows it.
    """
    found = [p for p in places_in(pre) if not _NOT_SUBJECT.search(pre[:p[0]])]
    natl = [m.end() for m in _NATIONAL.finditer(pre) if not _NOT_SUBJECT.search(pre[:m.start()])]
    if natl and (not found or natl[-1] >= found[-1][1]):
        return "全国"
    if found:
        return found[-1][2]
    return carried


def commodity(pre: str) -> str | None:
    """The last commodity named before the figure in its sentence (液化天然气, 跨境电商包裹 …)."""
    hits = [e["text"] for e in match(pre) if e["label"] == "COMMODITY"]
    return hits[-1] if hits else None


def share_roles(sentence_pre: str, rep: str) -> tuple[str, str | None]:
    """(reporter, partner) of a share: 东盟占我国外贸总值 → (全国, 东盟); 我国…占全球 → (全国, None)."""
    z = sentence_pre.rfind("占")
    if z < 0:
        return rep, None
    whole = sentence_pre[z + 1:]
    subject = reporter(sentence_pre[:z], rep)
    if re.match(r"(?:我国|全国|中国)", whole) and subject != "全国":
        return "全国", subject
    hit = places_in(whole)
    if hit and hit[0][0] == 0 and subject != "全国" and hit[0][2] != subject:
        return hit[0][2], subject
    return subject, None


def partner(pre: str) -> str | None:
    """The counterpart after 对/与/同/从 (东盟, 美国, RCEP其他成员 …) or None."""
    best = None
    for m in re.finditer(r"(?:对|与|同|从|自)", pre):
        for s, _e, name in places_in(pre[m.end():m.end() + 14]):
            if s == 0:
                best = name
                ext = re.match(r"(其他成员|成员国|沿线国家)", pre[m.end() + len(name):])
                if ext:
                    best = name + ext.group(1)
    if best is None:
        m = re.search(r"(?:对|与)(沿线国家|共建国家|金砖国家)", pre)
        best = m.group(1) if m else None
    return best


def list_items(text: str, end: int) -> list[tuple[int, str]]:
    """Items of a "A、B和C分别" list ending at ``end`` (offset of 分别 or of the verb before it)."""
    seg_start = max(text.rfind(c, 0, end) for c in "，。；：,")
    if "、" not in text[seg_start + 1:end] and seg_start > 0 and text[seg_start] in "，,":
        # "欧洲、北美洲和大洋洲，分别占比30%和15%": the items sit in the clause before
        prev = max(text.rfind(c, 0, seg_start) for c in "，。；：,")
        seg_start, end = prev, seg_start
    seg = re.sub(r"^(?:其次是|其中|包括|分别是|主要是)", "", text[seg_start + 1:end])
    seg_start = end - len(seg) - 1
    m = re.search(r"(?:对|与|同|向|从|自)?([^对与同向从自]+)$", seg)
    if not m:
        return []
    body = m.group(1)
    body_start = seg_start + 1 + m.start(1)
    parts, pos = [], 0
    for p in re.split(r"[、和及与]", body):
        parts.append((body_start + pos, p))
        pos += len(p) + 1
    return parts


def clean_item(item: str) -> str:
    """Strip the trailing verb/indicator from the last list item (锂电池出口 → 锂电池)."""
    item = re.sub(r"(的)?(进出口|出口|进口|贸易额|产量|分别).*$", "", item)
    return re.sub(r"等.*$", "", item).strip("“”\" ")


_NAMED_PLACE = re.compile(r"^(?:新疆|内蒙古|广西|云南|黑龙江|吉林|辽宁|西藏)?([^\d，。；、]{1,10}?"
                          r"(?:口岸|港|省|市|区|县|州|村|镇))")


def item_reporter(item: str) -> str | None:
    """The place a list item names when it is a reporter (霍尔果斯口岸、阿拉山口口岸…双双…)."""
    m = _NAMED_PLACE.match(item)
    if m:
        return m.group(1)
    hit = places_in(item)
    return hit[0][2] if hit and hit[0][0] == 0 else None


def item_role(item: str) -> tuple[str | None, str | None]:
    """(partner, commodity) of a 分别 list item: a place or group is the partner, else the commodity."""
    hit = places_in(item)
    if hit and hit[0][0] == 0 and hit[0][1] >= len(item) - 1:
        return item, None
    if hit and hit[0][0] == 0:  # 宁波口岸电动载人汽车: the place is the reporter, the rest the commodity
        return None, re.sub(r"^的", "", item[hit[0][1]:]) or None
    return None, item
