"""What a figure measures: the indicator from its unit and the nearest quantity word before it.

Also where a fact's span starts (that quantity word) and the short ``indicator_text`` phrase the
guide requires for ``other`` and other money.
"""

from __future__ import annotations

import re

from haisi.nlp.quantities import MONEY_UNITS

__all__ = [
    "KW",
    "MONEY",
    "growth_indicator",
    "indicator",
    "indicator_text",
    "nearest_kw",
    "noun_after",
    "own_quantity",
    "span_start",
]

MONEY = MONEY_UNITS  # the units that are money (currencies, in quantities)
_TRADE_KW = re.compile(
    r"进出口|贸易额|贸易总额|外贸总值|货物贸易|外贸|出口|进口|进出境|进境|出境|供港澳|供港|供澳"
    r"|转口|输往|入境"
)
# Goods crossing the border, as customs counts them (进境货物货值, 进出境货物货值), and goods
# supplied to Hong Kong and Macao (供澳鲜活农产品货值8.6亿元): their trade.
_CROSSING = {"进出境": "进出口", "进境": "进口", "入境": "进口", "出境": "出口"} | dict.fromkeys(
    ("供港澳", "供港", "供澳", "转口", "输往"), "出口"
)
KW = re.compile(
    r"出口退税|退税额|退税|贸易顺差|贸易逆差|顺差|逆差|进出口|对外贸易总额|对外贸易总值|对外贸易|贸易总值|贸易货值|贸易值|贸易额|贸易总额|外贸|货物贸易|出口(?!国)|进口(?!国|博)|集装箱吞吐量|旅游收入|旅游收益|观光收入|观光外汇收入|旅游外汇收入|旅游消费|文旅消费(?!券)|意向成交|意向采购|产值|收入|销售额|营业额|零售总额|零售额|成交额|成交金额|成交|交易额|购物金额|投资|增量"
    r"|供港澳|供港|供澳"  # 供澳蔬菜4.1万吨: supplies to Hong Kong and Macao are exports
    r"|创汇"  # 橡胶出口创汇5.9亿美元: the foreign exchange an export earns is the export
    r"|(?<!零)关税|税款|增值税|消费税|税收"  # 关税减让1.3亿元, 进口环节增值税1.46万亿元: duties
    r"|减负|费用|成本|(?<!成交)(?<!购物)金额"  # 为企业减负700亿元, 采购成本上升一成: other money
    r"|均价|单价"  # 进口均价每吨741元，下降6.8%: a price is other money, as the readers have it
    # 边民互市贸易203.8亿元, 对台贸易约合47亿港元: a trade named right before its amount
    r"|贸易(?=(?:约合|约为|约|达到|达|为|实现|完成|超过|突破|近)?(?:[\d一二三四五六七八九十两]|$))"
    r"|地区生产总值|生产总值|增加值|消费(?!者|券|品)|花费|外资|使用台资|利润|营收|游客接待量|接待游客|游客|旅客|客流量|客流|外国人|外籍|人次|患者|吞吐量|接卸量|装卸量|货物|集装箱|箱量|航班|船舶|开行|航线|订单|储备|发电量|产量"
)
_TRADE_WORDS = (
    "进出口",
    "贸易",
    "对外贸易总额",
    "对外贸易总值",
    "对外贸易",
    "贸易总值",
    "贸易货值",  # 香港与海南之间的贸易货值达到47.3亿港元
    "贸易值",
    "贸易额",
    "贸易总额",
    "外贸",
    "货物贸易",
)


def _word(kw_m: re.Match[str] | None) -> str:
    """The quantity word matched, supplies to Hong Kong and Macao read as exports."""
    kw = kw_m.group(0) if kw_m else ""
    return _CROSSING.get(kw, kw)


def nearest_kw(pre: str) -> re.Match[str] | None:
    """Last indicator keyword in the text before a figure."""
    last = None
    for m in KW.finditer(pre):
        last = m
    return last


# Tourism revenue by name (旅游收入, Taiwan's 观光收入, Singapore's 国际旅游收益).
_TOURISM_WORDS = (
    "旅游收入",
    "旅游收益",
    "观光收入",
    "观光外汇收入",
    "旅游外汇收入",
    "旅游消费",
    "文旅消费",
)
# A business's own income (门票收入, 营业收入, 二次消费收入): other money, not tourism revenue.
_OWN_INCOME = re.compile(r"(?:门票|营业|经营|消费|票房|演出|运营|租金)$")
# Travellers or travel named in the clause of a spending figure (中国游客在泰消费, 旅游营业额).
_TRAVELLERS = re.compile("游客|旅客|访客|旅游")


def _deal_amount(pre: str, kw_m: re.Match[str] | None) -> bool:
    """True for the amount of orders (出口订单金额): deals, not the trade (技术出口合同金额 is the
    technology export, as the readers have it)."""
    return kw_m is not None and pre[: kw_m.start()].endswith("订单")


def _traded(pre: str, kw_m: re.Match[str]) -> str | None:
    """The trade word shortly before a goods or amount word (出口船舶, 出口蓝莓等农产品金额)."""
    window = 12 if kw_m.group(0) == "金额" or pre.startswith("货值", kw_m.end()) else 6
    near = re.split(r"[，,；]", pre[: kw_m.start()][-window:])[-1]
    trade = [m.group(0) for m in _TRADE_KW.finditer(near)]
    return _CROSSING.get(trade[-1], trade[-1]) if trade else None


def _money_indicator(kw_m: re.Match[str] | None, pre: str, sentence_pre: str) -> str:
    """Indicator of a money amount: trade, export, import, tourism revenue or other money."""
    kw = _word(kw_m)
    own_clause = pre[max(pre.rfind(c) for c in "，,；") + 1 :]
    if (
        (not kw and re.search("货值|价值", pre)) or (kw == "金额" and own_clause.startswith("金额"))
    ) and "展品" not in sentence_pre:
        # 出口电动汽车10万辆，货值200亿元 / 进口飞机42架，价值26.1亿美元 / 进口榴莲156万吨，金额约
        # 484亿元: the goods' trade (exhibits at a fair are not traded)
        trade = [m.group(0) for m in _TRADE_KW.finditer(sentence_pre)]
        kw = _CROSSING.get(trade[-1], trade[-1]) if trade else kw
    if kw in ("货物", "船舶", "金额") and not _deal_amount(pre, kw_m):
        kw = _traded(pre, kw_m) or kw  # type: ignore[arg-type]  # 出口货物181.2亿元: the trade's
    if kw in _TRADE_WORDS:
        return "trade_total"
    if kw in ("出口", "进口", "创汇"):
        return "import" if kw == "进口" else "export"
    if kw in ("", "货物") and "零关税" in sentence_pre[-30:]:  # 享惠“零关税”货物3.2亿元: imported
        return "import"
    head = pre[: kw_m.start()] if kw_m else pre  # the text before the quantity word
    if kw == "收入" and (earned := re.search(r"(出口|进口)$", head)):
        return "export" if earned.group(1) == "出口" else "import"  # 使用费出口收入38.2亿美元
    own_income = kw == "收入" and _OWN_INCOME.search(head)
    if kw in _TOURISM_WORDS or (
        kw in ("产值", "收入", "花费")
        and not own_income
        and re.search("旅游|文旅|出游|游客|入境游|出境游", sentence_pre)
    ):
        return "tourism_revenue"
    clause = sentence_pre[max(sentence_pre.rfind(c) for c in "，,；") + 1 :]
    if kw in ("消费", "营业额") and _TRAVELLERS.search(clause):
        return "tourism_revenue"  # 内地旅客在港消费612亿港元, 旅游营业额: travellers' spending
    # 中国游客赴英访问14.2万人次，…，在英消费3.1亿英镑 / 人均消费约2180英镑: the travellers'
    if (
        kw == "消费"
        and re.search(r"(?:在\w{1,4}|人均)消费(?:额)?\w{0,4}$", own_clause)
        and _TRAVELLERS.search(sentence_pre)
    ):
        return "tourism_revenue"
    if kw == "增量":
        return "other"
    return "tax_refund_or_other_money"


# A noun right after a proportion (not 以上/左右 or a verb): the group it is the share of.
_GROUP_AFTER = re.compile(
    r"(?:以上|多)?(?!的?[以左为是来由用可将和与及增提下上降占达])的?[\u4e00-\u9fff]{2}"
)


_SHIP_MOVES = re.compile(
    r"靠泊|离港|进出港|进出境|停靠|挂靠|到港|抵港|靠港|进港|出港|通行|接卸|通过"
)  # 接卸液化天然气船5艘, 共有1142艘船只通过苏伊士运河: ships handled or passing


# Sailings counted in 个: 7个邮轮航次, 以厦门为母港的航次达到97个.
_VOYAGES_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}?航次")
_VOYAGES_BEFORE = re.compile(r"航次(?:数|数量)?(?:已经|已|共|累计)?(?:达到|达|超过|为|有)?$")


# A trade fair or exhibition, whose 观众 are business visitors (专业观众3.2万人).
_FAIR = re.compile(r"展|博览|交易会|进博|广交|洽谈会|采购|专业观众")
# Sports matches and leagues, concerts and shows, whose spectators are no travellers even counted
# in 人次 (readers 6 : 3 for shows).
_MATCHES = re.compile(r"比赛|联赛|赛季|赛事|村BA|村超|龙舟赛|演出|演唱会|音乐节")


# Online visits or views counted in 人次 (访问量, 观看量, 浏览量): not visitors.
_ONLINE_VIEWS = re.compile(r"(?:访问|观看|浏览|点击|播放)(?:量|人次)[^，。；、\d]{0,6}$")


def indicator(unit: str, pre: str, post: str, sentence_pre: str, word: str = "") -> str:
    """Indicator from the unit and the nearest quantity word before (or right after) the figure."""
    kw_m = nearest_kw(pre)
    kw = _word(kw_m)
    if unit == "percent":
        clause = sentence_pre[sentence_pre.rfind("，") + 1 :]
        part_of = (
            (pre.endswith("的") and re.match("(?:以上|左右|多)?(?:为|是|来自|由)", post))
            or re.search(r"完成[^，。；]{0,10}的$", pre)  # 完成全年目标任务的88%: a part of it
        ) or re.match(
            r"(?:以上|左右)?的[^，。；]{0,4}(?:面积|总量|份额|比重)", post
        )  # 完工量的90%为出口船舶
        # "超五成涉海企业…", "三分之一展品是…": a proportion that qualifies a group is its share
        group_of = _GROUP_AFTER.match(post) and (word in ("成", "分之", "一半") or "的" in post[:3])
        return (
            "share"
            if "占" in pre
            or "占" in clause
            or "比重" in clause
            or "份额" in clause  # 国际市场份额分别为54.6%、…
            or ("比例" in clause and "其中" in clause)  # 其中水水中转比例达到55.3%
            # 电动化比例达到98%: a proportion named as such (not 恢复比例, a level against a base)
            or re.search(
                r"(?<!恢复|补贴)比例(?:已经|已)?(?:提升|提高|升|降|下降)?"
                r"(?:达到|达|为|至|到|超过|不到|不足|接近)?$",
                pre,
            )
            or part_of
            or group_of
            or re.search(r"其中[，,]?(?:有)?(?:超过|超|近|约)?$", pre)  # 其中一半以上是…
            # 其中境外企业近四成: a group named after 其中 that makes up a proportion
            or (
                word in ("成", "分之", "一半")
                and re.search(r"其中[^，。；]{1,24}$", clause)
                and not re.search(r"增长|下降|提高|增加|减少|上升|回落|下滑", clause)
            )
            # 贡献了全国技术出口的78.4%: a part of the total
            or re.search(r"贡献了[^，。；]{0,16}?(?:的)?(?:超过|近|约)?$", pre)
            # 相当于国内生产总值的0.29% (相当于去年全年的六成 is a level against a period)
            or bool(
                (eq := re.search(r"相当于([^，。；]{1,16})的(?:超过|近|约)?$", pre))
                and not re.search("去年|今年|上年|同期|全年|平时|以往|往年|上届", eq.group(1))
            )
            else "other"
        )
    if unit in MONEY:
        return _money_indicator(kw_m, pre, sentence_pre)
    if unit == "批次" and re.search(r"检验|检疫|检出|抽检|不合格", pre[-16:]):
        return "other"  # 检验进口食品4.6万批次: consignments inspected, not the trade itself
    if unit in ("person_trips", "persons"):
        ctx = pre[-15:] + post
        if re.search(
            "患者|病例|就诊|人才|员工|志愿者|务工|就业|观影|参保"
            "|受灾|转移安置|惠及|救助|(?:保障|抢修|救援|除雪|工作|抢险)人员|顾客|实习|见习|学员",
            ctx,
        ) or (unit == "persons" and "学生" in ctx):
            # people affected, helped, at work or insured (参保登记), not travellers; students
            # enrolled (招收台湾学生1362名), but students' trips are visits (接待…学生14.3万人次)
            return "other"
        if _ONLINE_VIEWS.search(pre):  # 小程序访问量达到1.9亿人次, 直播观看量超过2600万人次
            return "other"
        if (
            "观众" in ctx
            and not _FAIR.search(sentence_pre + post[:12])
            and (unit == "persons" or (_MATCHES.search(sentence_pre) and "接待" not in ctx))
        ):  # 现场观众5.8万人 at a match or a concert, a league's 现场观众累计163万人次: spectators
            return "other"  # (a fair's 观众 are visitors, and a museum's 接待观众…人次)
        if unit == "person_trips" or re.search("游客|旅客|客流|出入境|入境|出境|观众", ctx):
            return "visitors"
        return "other"  # 境外采购商3.2万人: buyers counted as persons, not visits (readers 42 : 28)
    if unit == "TEU" or (unit == "自然箱" and "集装箱" in pre[-20:]):
        return "container_throughput"
    if unit == "tonnes":
        if kw == "货物" and (traded := _goods_traded(pre, kw_m)):
            return traded  # 出口建材等货物3.2万吨
        if re.search(
            "货物|吞吐量|货运|运量|运送|货邮|接卸|装卸|过货|发运|装船|卸船|卸港|装运|卸载|卸油|作业量"
            "|运回|运往|运抵|运输(?!总?周转)|中转|下水|输送(?!能力)|货重",
            pre[-20:],
        ) or re.search(
            "发往|运往|发运", re.split("[，,]", post)[0] if kw in ("出口", "进口") else post
        ):
            # (出口…138万吨，其中三分之一运往中国: the export's part; 管道…输送原油: carried)
            return "cargo_throughput"
        if kw in ("出口", "进口"):
            return "export" if kw == "出口" else "import"
        return "other"
    if (
        unit in ("trains", "flights", "vessel_calls", "对")  # 对: pairs of trains
        or (unit == "vessels" and _SHIP_MOVES.search(pre[-12:] + post[:12]))
        or (unit == "个" and (_VOYAGES_AFTER.match(post) or _VOYAGES_BEFORE.search(pre)))
        or (unit == "车次" and re.search(r"(?:开行|发车)[^，。；]{0,4}$", pre))
    ):  # ships calling or leaving (17艘船舶靠泊), not ships ordered or built; 7个邮轮航次;
        # buses or trucks run (班车开行1260车次), not vehicles crossing (车流量14.6万车次)
        return "vessel_or_trip_count"
    if unit == "enterprises" or (unit == "户" and "企业" in pre[-20:]):
        return "enterprise_count"
    gap = pre[kw_m.end() :] if kw_m else ""
    if (
        kw == "货物"
        and unit in ("票", "单", "件")
        and not re.search(r"申报|报关|清单", gap)  # 进口货物申报1430票: declarations
        and (traded := _goods_traded(pre, kw_m))
    ):
        return traded  # 以9610模式出口跨境电商货物2.87亿票: the trade word before the goods
    if (
        unit not in ("百分点", "辆次")  # 验放进出口货车1600辆次: vehicles crossing, not goods
        and kw in ("出口", "进口", "进出口")
        # a destination may come between (出口至欧洲的…); deals counted are no goods (技术进口合同)
        and len(gap) <= (16 if gap.startswith(("至", "到")) else 10)
        # nor declarations (出口报关单4.7万票, 出口许可通关手续1400余票)
        and not re.search(r"[，,]|合同|协议|项目|报关单|手续", gap)
    ):  # 汽车出口338.8万辆, 出口至欧洲的跨境电商包裹1.46亿件, 跨境电商进出口包裹4200万件
        return {"出口": "export", "进口": "import"}.get(kw, "trade_total")
    if unit == "件" and (crossed := _PIECES_CROSSING.search(pre)):
        return _CROSSED[crossed.group(1)]  # 进出境跨境电商包裹1.12亿件, 出境包裹9800万件
    if unit in ("票", "单") and re.search(r"进出口(?:量|货物|清单)?[^，。；\d]{0,4}$", pre):
        return "trade_total"  # 对台海运快件进出口量1380万票: consignments traded
    return "other"


# Pieces (parcels, mail) that crossed the border, as customs and the post count them: trade.
# (exhibits entering for a fair, 验放进境展品1.56万件, are not traded)
_PIECES_CROSSING = re.compile(
    r"(进出境|进出(?=的)|(?<!出)入境|进境|出境)(?:(?!展品)[^，。；\d]){0,12}$"
)
_CROSSED = {
    "进出境": "trade_total",
    "进出": "trade_total",  # 经厦门口岸进出的跨境电商商品1860万件
    "入境": "import",
    "进境": "import",
    "出境": "export",
}


def _goods_traded(pre: str, kw_m: re.Match[str] | None) -> str | None:
    """export or import when 出口/进口 stands shortly before the 货物 a figure counts."""
    head = pre[: kw_m.start()] if kw_m else pre
    traded = re.search(r"(?<!进)(出口|进口)[^，。；\d]{0,8}$", head)
    return ("export" if traded.group(1) == "出口" else "import") if traded else None


# Bookings and orders (预订量, 预约量, 订单量, 订单 — not 订单金额) and capacity (运力, 产能):
# quantities of their own.
_OWN_QUANTITY = re.compile(r"预订量|预约量|订单量|(?:预订|订单)(?!金额|额|货值|合同)|运力|产能")


def own_quantity(pre: str) -> bool:
    """True when the clause a growth closes counts bookings, orders or capacity (酒店预订量同比
    增长68%, 出口订单同比增长三成, 运力比去年同期增加约25%): other, whatever the paragraph is
    about (the readers: 38 of 38 growths of 预订量 or 订单量, 22 of 27 of a bare 订单)."""
    return bool(_OWN_QUANTITY.search(pre[max(pre.rfind(c) for c in "，,；") + 1 :]))


def growth_indicator(pre: str) -> str:
    """Indicator for a growth rate with no figure, from the quantity word before it."""
    kw_m = nearest_kw(pre)
    kw = _word(kw_m)
    if own_quantity(pre):
        return "other"
    if kw == "金额" and not _deal_amount(pre, kw_m):  # 出口蓝莓…农产品金额同比增长: the trade's
        kw = _traded(pre, kw_m) or kw  # type: ignore[arg-type]
    if kw in ("货物", "船舶") and (traded := _goods_traded(pre, kw_m)):
        return traded  # 出口东南亚的货物比去年同期翻了一番, 对欧盟出口船舶增长12.3%: the export's
    if kw in _TRADE_WORDS:
        return "trade_total"
    if kw in ("出口", "进口"):
        return "export" if kw == "出口" else "import"
    if kw in _TOURISM_WORDS or (
        kw == "消费" and _TRAVELLERS.search(pre[: kw_m.start()][-8:])  # type: ignore[union-attr]
    ):  # 中国游客人均消费额提高12%: travellers' spending
        return "tourism_revenue"
    if kw == "花费":  # 出游总花费同比增长10.3%: travellers' spending, as with a money figure
        tourist = re.search("旅游|文旅|出游|游客|入境游|出境游", pre)
        return "tourism_revenue" if tourist else "tax_refund_or_other_money"
    if re.search(r"经济(?:同比|实际)?$", pre):  # 肯尼亚经济同比增长5%: the economy's output
        return "tax_refund_or_other_money"
    if kw in ("游客", "旅客", "客流量", "客流", "外国人", "外籍", "人次", "游客接待量", "接待游客"):
        return "visitors"
    if kw in ("集装箱", "集装箱吞吐量", "箱量"):  # 东南亚航线箱量增长18.6%: the line's boxes
        return "container_throughput"
    if kw == "吞吐量" and pre[: kw_m.start()].endswith("旅客"):  # type: ignore[union-attr]
        return "visitors"  # 机场旅客吞吐量同比增长27.8%: passengers
    if kw in ("吞吐量", "货物", "接卸量", "装卸量"):  # 铁矿石接卸量: cargo handled
        return "cargo_throughput"
    if kw in ("开行", "航班", "船舶"):  # 中欧班列开行量增长, 国际航班同比增长: trips
        return "vessel_or_trip_count"
    if kw in (
        "产值",
        "收入",
        "销售额",
        "营业额",
        "零售额",
        "零售总额",
        "购物金额",
        "意向成交",
        "意向采购",
        "成交",
        "成交额",
        "交易额",
        "成交金额",
        "投资",
        "生产总值",
        "地区生产总值",
        "增加值",
        "消费",
        "储备",
        "外资",
        "使用台资",
        "利润",
        "营收",
        "贸易顺差",
        "贸易逆差",
        "顺差",
        "逆差",
        "增值税",
        "消费税",
        "税收",
        "减负",
        "费用",
        "成本",
        "金额",
        "均价",
        "单价",
    ):
        return "tax_refund_or_other_money"
    return "other"


def span_start(pre_start: int, pre: str, fallback: int) -> int:
    """Span starts at the nearest quantity word before the figure in its clause, else at the
    figure."""
    cut = max(pre.rfind("，"), pre.rfind(","), pre.rfind("："))
    m = nearest_kw(pre[cut + 1 :])
    return pre_start + cut + 1 + m.start() if m else fallback


_NOUN_AFTER = re.compile(r"[^，。；、,;和与及\d（）()]{2,10}")
_NOUN_STOP = re.compile(
    r"(的|在|从|将|已|于|以|被|向|对|为|是|等|均|共|正|可|停止|加入|如约|云集|联通|通达|覆盖"
    r"|辐射|满载|集中|签约|参加|参展|对接|落地|落户|陆续|不断|推进|出席|建立|到会|提高|增至"
    r"|降至|达到|达|分别|同比|较|比|占|预计|实现).*$"
)


_NEXT_FIGURE = re.compile(r"(?:已|共|累计|约|近|超过|超|达到|达|为|突破)*[\d０-９]")


def noun_after(rest: str) -> str:
    """The noun right after a figure ("景区景点" in 617个景区景点和…), '' when a clause break
    follows; a quantity word that the next figure measures is not part of it (24个综合保税区
    进出口2918.4亿元)."""
    m = _NOUN_AFTER.match(rest)
    noun = _NOUN_STOP.sub("", m.group(0)) if m else ""
    kw = nearest_kw(noun)
    if kw and _NEXT_FIGURE.match(rest, kw.end()):
        return noun[: kw.start()]
    return noun


_TRAIL = re.compile(
    r"(?:已经|已|将|共|累计|约|近|超过了?|超|达到了?|达|为|突破|保持在|接近|同比|比[^，。]*同期"
    r"|比上届|增长了?|下降了?|翻了?|分别|了|是|有|上|从|由|的)+$"
)


def indicator_text(text: str, start: int, end: int, noun: str | None) -> str | None:
    """Short Chinese phrase naming the quantity (required for other / other money).

    The words of the span before the figure; else the noun after it (617个景区景点); else the
    clause before it (整体参展商品将达305万件).
    """
    span = text[start:end]
    m = re.match(r"[^\d０-９一二三四五六七八九十百千万亿%、，]+", span)
    phrase = _TRAIL.sub("", m.group(0)) if m else ""
    if not phrase:
        phrase = noun or ""
    if len(phrase) < 2:
        clause_start = max(text.rfind(c, 0, start) for c in "，。；：,、") + 1
        phrase = re.sub(
            r"^.*(?:目前|今年|去年|其中|此外|同时|月|年|季度|[\d一二三四五六七八九十][个项例处条件家])",
            "",
            text[clause_start:start],
        )
        phrase = _TRAIL.sub("", phrase)
    return phrase.strip() or None
