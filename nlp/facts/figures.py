"""Which numbers are reportable figures: not ordinals, place counts, tariff rates, ship sizes …

The facts guide lists what is *not* annotated (dates, ordinals, counts of places reached, sizes of
one object, quoted targets, thresholds followed by the exact figure); these rules drop them.
"""

from __future__ import annotations

import re

from haisi.nlp.facts.indicators import MONEY
from haisi.nlp.quantities import Growth, Quantity

__all__ = ["COST_AFTER", "figures", "is_goal"]

_PLACE_COUNT_AFTER = re.compile(
    r"^(?:的)?[^，。；,\d]{0,8}?(?:(?:国家|地区|省|城市|城区|港口|口岸|县|区、?市|地级(?:及|以上)?市)(?!级)|经济体"
    r"|(?:签署|成员|建交|伙伴|缔约|参与|沿线)国|国际组织)"
)
_PLACE_COUNT_BEFORE = re.compile(
    r"(?:覆盖|涵盖|辐射|通达|联通|涉及|遍及|来自)\s*(?:全球|全国|全省|世界)?\s*(?:近|超过?|约)?$"
    r"|(?:国家|地区|城市|省份|口岸|港口|通航点)(?:数量|总数)?已?"
    r"(?:达到|达|为|共|有|扩大至|扩大到|增至|增加到|增加至)$"
)
_KINDS_BEFORE = re.compile(
    r"(?:税目|品类|品种|种类|类别)(?:数量?|总数)?(?:由[^，。；]{1,12}?)?"
    r"(?:由|从|增加至|增至|扩大至|达到|达|为|共|有|约)*$"
)
_GE_AFTER = {
    "个": re.compile(
        r"^(?:多|余|半)?(?:月|季度|小时|工作日|品种|种|批次|调研组|督察组|组|目的地|门类|大类|类"
        r"|方面|领域|层次|专业|环节|行业|站点|泊位|规格|型号|品类|展位|展区"
        # destinations served, island states, departments, typhoons, a team's size (3个人), years
        # since a start (第11个年头), seats, tariff lines and warehouse slots
        r"|航点|岛国|部门|台风|人(?![次民])|年头|座位|税目|(?:标准)?货位"
        r")"
    ),
    "TEU": re.compile(r"^(?:级|的?超大型|集装箱船|的集装箱船|箱位)"),
    "tonnes": re.compile(r"^(?:级|的?(?:超大型|大型)?(?:货轮|油轮|邮轮|散货船))"),
    # 2艘17.5万立方米大型液化天然气运输船: the size of each ship
    "立方米": re.compile(r"^(?:级|[^，。；、\d]{0,10}?(?:船|舰|储罐))"),
    "persons": re.compile(r"^(?:次|群|数)"),
}
# Few things counted in a small Chinese numeral that readers still count (两条…航线, 两艘邮轮靠泊).
_FEW_COUNTED = re.compile(
    r"两条[^，。；]{0,14}?航线|两艘[^，。；]{0,6}?(?:邮轮|客滚船|滚装船)[^，。；]{0,4}(?:靠泊|靠港|作业)"
    r"|两架[^，。；]{0,10}?(?:客机|货机|飞机)"
    r"|(?<=每周执飞)[两二三四五六七八九]班|(?<=每周往返)[两二三四五六七八九]班"  # 每周执飞三班
)
# …but not the lines a list has just named (平潭至台中、台北两条航线累计开行…): the list counted
# again, unless they are opened (新开通至曼谷、胡志明市的两条国际航线).
_RESTATED = re.compile(r"、[^，。；、]{1,14}?$")
_OPENED = re.compile(r"新开|开通|新增|开辟|新辟|增开|开设|将再")


def _restated(text: str, at: int) -> bool:
    """True when the small count at ``at`` restates a list just named, not lines opened."""
    clause = text[max(text.rfind(c, 0, at) for c in "，。；") + 1 : at]
    return bool(_RESTATED.search(text, 0, at)) and not _OPENED.search(clause)


_MILESTONE = re.compile(r"(?:首次)?(?:突破|跨越|迈上|站上)$")
# A milestone said of the figure just given, in the next clause (…，规模首次突破2万亿元).
_MILESTONE_AFTER = re.compile(
    r"[^；;其]*[，,]\s*(?:年度)?(?:规模|总量|总值|总额|全年|年?[^，。；\d港市省区岸]{0,3}量)?"
    r"(?:首次|再次|历史性地?)?(?:在[^，。；\d]{1,5}内)?(?:突破|跨越|迈上|站上)"
)  # …1286万标箱，…，年吞吐量首次突破1200万标箱; …，首次在半年内突破千亿件
# Not reported activity: indices, costs, times and efficiency; design capacity; goals; policy
# counts.
# An index or a quality ratio (航班正常率达92%, 满意度): no activity. Occupancy (酒店入住率达到九成)
# is use, and the labels count it.
_INDEX = re.compile(r"正常率|准点率|正点率|满意度|满意率|合格率|达标率|优良率|好评率")
_COST_BEFORE = re.compile(r"(?:节约|节省|缩短|降低|减少)(?:了)?(?:近|约|超过?)?$")
COST_AFTER = re.compile(r"^(?:以上|左右)?的?(?:物流|运输|通关|综合|时间)?(?:成本|运费|时间|时效)")
# What a facility, vehicle or fleet can do, not what it did (日加氢能力达到2吨, 单日最大运力可达
# 360个航班, 可载客756人、载小汽车160辆, 每晚限流3000人).
_CAPACITY = re.compile(
    r"可承载|可满足|可提供座位|设计能力|设计年|承载能力|承载量|容纳|(?:吞吐|通过|运输|接待|处理|通关)能力"
    r"|可(?:一次)?装载|装载能力|载箱量|可停靠|(?:接卸|装卸)能力"
    r"|设计[^，。；\d]{0,6}(?:规模|库容|仓容|产能)|可同时|可载|载车量|限流|可搭载|设计(?:容量|满足)"
)
# What one plant, store or train holds (年产能达到300万吨, 冷库总库容18万吨, 单列定员1283人): its
# size, not activity; a nation's or a year's stock built, added or freed is counted (全国…仓容超过
# 8000万吨, 全区共建成各类水库671座，总库容超过230亿立方米, 新增冷库库容3万吨, 已腾出有效仓容1600万
# 吨), as the readers do.
_HOLDS = re.compile(r"(?:产能|库容|仓容|定员)[^，。；\d]{0,6}$")
_STOCK_ADDED = re.compile(r"全国|全[区省市]共|全年|新增|腾出")
_CAN_DO = re.compile(r"(?:能力|运力)[^，。；\d]{0,7}$")  # but 蓄水能力达到35.6% is a level
# The size of one ship, flight, hall or plant (一艘可载客4200人的邮轮, 单班最大载重约100吨, 最大的
# 巨幕厅有410个座位): the guide's "size of a single object", not activity.
_ONE_THING = re.compile(
    r"(?:一艘|一座|一架|一列|单船|单班|单列|单机|单艘|每艘|每架|最大的?)[^，。；\d]{0,10}?"
    r"(?:可载客?|载客|载重|最多可|拥有|(?<![载装])有|设计|容量)[^，。；\d]{0,4}$"
)
# What a power figure followed by 的 sizes: one plant or project, not a region's stock or load.
_OF_ONE_PLANT = re.compile(r"(?:左右|以上)?的?[^，。；]{0,8}?(?:基地|电站|电厂|风电场|项目|机组)")
# A plant named, then its capacity (电站位于沙漠，…装机容量2.6吉瓦), or a line's or plant's output
# capacity (一条年产能20吉瓦时的新产线, 该工厂规划总产能100吉瓦时).
_PLANT_CAPACITY = re.compile(
    r"(?:电站|电厂|风电场|机组)[^。；]{0,24}?装机(?:容量)?(?:为|约|达)?$|产能[^，。；\d]{0,6}$"
)
_BUILT = re.compile(r"(?:建成|完工|竣工|投运|完成|投入使用)后")
_GOAL = re.compile(r"(?<!完成)(?<!完成全年)(?<!完成年度)目标")  # 完成全年目标任务的88%: an outcome
# A sentence that names a target: 目标是到2027年…, 计划到“十四五”末…, a growth path 将推动…年均增长,
# or a bare 到2030年 (not 从2013年到2023年). Plans stated as figures (今年还将新增…) are announced
# figures; what is striven for or ensured (力争…, 确保…) is a target (see ``_target``).
_GOAL_SENTENCE = re.compile(
    r"目标(?:是|为|：)|计划到|将推动|(?<![\d年至])到(?:20\d\d年|[“\"]?十[一二三四五]五[”\"]?)(?:底|末)?[，,]"
)
_POLICY_AFTER = re.compile(
    r"^(?:多|余)?[^，。；\d]{0,12}?(?:措施|举措|政策事项|重点任务|任务|实事|具体要求"
    r"|分论坛|论坛|专题|工作组|督察组|调研组|展映单元|单元|参考指标)"
)
# Facilities opened or built at a port, station or airport (查验通道增至36条, 12个临时售票窗口,
# 新建4个10万吨级集装箱泊位, 6个多语种咨询点, 42个渡口, 15个展馆, 12个边民互市点): their number
# is no activity.
_FACILITY_AFTER = re.compile(
    r"^(?:多|余)?[^，。；]{0,12}?(?:通道|窗口|咨询点|专区|除冰坪|停车位|泊位|渡口|展馆|场馆"
    r"|互市点|作业场所|监管场所|水域|车站|文化广场|休息区|待渡区|补给站|船坞)"
)
_STATIONS_AFTER = re.compile(r"^[^，。；\d]{0,6}?车站")  # 设16座车站: a line's stations
_FACILITY_BEFORE = re.compile(
    r"(?:通道|窗口)(?:由|从)$|(?:通道|窗口)由[^，。；]*(?:增加|增)(?:至|到)$"
)
# Kinds, standards and techniques counted with modifiers between (24个优质高效水稻新品种,
# 18项茶产业标准): categories and policy, not activity.
_KINDS_AFTER = re.compile(
    r"^(?:多|余)?[^，。；、\d]{0,8}?(?:品种|品类|种类|标准|技术)(?=[，。；、和及与等]|$)"
)
# A figure with 以上 that qualifies a counted noun is a threshold (投资5亿元以上项目93个,
# 年营收千万元以上的企业120家): the class of the counted things, not a figure of its own.
_THRESHOLD_AFTER = re.compile(
    r"^(?:及)?以上的?(?![是为占来由])[\u4e00-\u9fff]{1,8}?(?:有|达到|达|共)?(?:近|约|超过?)?"
    r"[\d一二三四五六七八九十百千]"
)
# The same after 超过 (其中投资超过10亿元的项目5个, 单片票房过10亿元的影片有3部, 年销售额超千万元
# 的有1200多家): the things above it, then their count.
_OVER_AFTER = re.compile(
    r"^的(?![是为占来由])[^，。；\d]{0,8}?(?:有|达到?|共|为)?(?:近|约|超过?)?"
    r"[\d一二两三四五六七八九十几百千]"
)
# Per-unit standards, yields and prices (补助标准由每人每年4.5万元提高至5.5万元, 每亩增产10%,
# 进口均价每吨4000元): prices and efficiency, not activity.
_PER_UNIT = re.compile(
    r"标准|(?:^|[，,按])每(?:人|户|亩|吨|公斤|斤|平方米)|售价|单价|价格为|收购价"
)


def _in_quotes(text: str, pos: int) -> bool:
    """True when ``pos`` lies inside a “…” quotation of more than a few characters (slogans,
    targets)."""
    left = text.rfind("“", 0, pos)
    if left < 0:
        return False
    right = text.find("”", left)
    return right > pos and right - left > 6


def _keep(q: Quantity, text: str, growths: list[Growth]) -> bool:
    """Whether a quantity is a reportable figure (not an ordinal, a place count, a tariff rate
    …)."""
    if any(g.start <= q.num_start < g.end for g in growths):
        return False
    before, after = text[max(0, q.num_start - 12) : q.num_start], text[q.end : q.end + 14]
    if (
        before.endswith("第")
        or (before.endswith("前") and q.unit_word in ("位", "名"))  # 跻身全国热门景区前十位
        or (before.endswith("这") and text.find(text[q.num_start : q.end]) < q.num_start)
        or re.search(r"(?<![人次总件户艘架位])数$", before)
        or _in_quotes(text, q.num_start)
    ):
        return False  # ordinals (第133届), vague magnitudes (数千项), 这1.6万亿元 named again
    # Small Chinese numerals before a count word are mostly names or idioms (三台山, 五座城), but
    # routes opened (新开通…两条航线) and cruise ships calling (两艘国际邮轮同时靠泊) are counted.
    if re.match(r"千家万户|万家灯火|千家万企", text[q.num_start :]):
        return False  # idioms: every household, not a thousand firms
    if (
        q.value < 10
        and not q.text[:1].isdigit()
        and q.unit != "percent"
        and (not _FEW_COUNTED.match(text, q.num_start) or _restated(text, q.num_start))
    ):
        return False
    if (
        q.value == 1
        and q.unit not in ("percent", "百分点")
        and not q.text[1:2].isdigit()
        and not re.match(r"1[.\d]", q.text)
    ):
        return False  # 1个试点 is an article, not a count
    if q.unit != "percent" and (
        _PLACE_COUNT_AFTER.match(after) or _PLACE_COUNT_BEFORE.search(before)
    ):  # (三成经由平潭口岸通关: a proportion counts no ports)
        return False
    if q.unit in ("个", "项", "种") and _KINDS_BEFORE.search(
        text, max(0, q.num_start - 24), q.num_start
    ):
        return False  # 零关税商品税目由1900个增加至6600个: kinds, not activity
    clause = text[
        max(text.rfind("，", 0, q.num_start), text.rfind(",", 0, q.num_start)) + 1 : q.num_start
    ]
    if re.search(
        r"辐射|通达|覆盖|涵盖|遍及", clause
    ):  # counts of places reached (…18个省73个城市156个站点)
        return False
    if q.unit == "个" and re.search(r"相当于(?:约|近)?$", before):
        return False  # 甲板面积相当于3.5个标准足球场: a size by comparison
    if q.unit == "persons" and re.search(r"人口(?:不到|超过|约|近|达)?$", before):
        return False  # population, not visitors
    if q.unit in ("公顷", "平方米") and re.search(r"占地(?:面积)?(?:约|近|达|超过)?$", before):
        return False  # 工厂占地300多公顷: the size of one site
    if q.unit == "平方米" and not _WAREHOUSES_AREA.search(text, 0, q.num_start):
        return False  # 展览面积12万平方米, 建筑面积约5.5万平方米: the size of one site or fair
    if q.unit in _MEASURED and not _measured(q, text, before, after):
        return False  # the area of one site, the length of one line, a yield per mu
    if q.unit == "tonnes" and re.search(r"(?:总吨位|吨位|排水量)(?:达到|达|为|约)?$", before):
        return False  # the size of one ship
    if re.match(r"/(?:年|日|天)", after):
        return False  # 4万吨/年基础锂盐项目, 设计接收能力300万吨/年: a plant's rate, not activity
    if re.search(r"监测的?(?:全国)?$", before):
        return False  # 商务部重点监测的78个步行街: the sample watched, not a count of activity
    if q.unit_word in ("台", "条") and _AT_WORK.match(after):
        return False  # 5台卸船机同时开工, 20多条生产线满负荷运转: a scene, not a count
    if q.unit == "TEU" and re.search(r"(?:箱位数?|载箱量|运力)(?:达到|达|为)?$", before):
        return False  # the capacity of one ship
    clause = text[text.rfind("，", 0, q.num_start) + 1 : q.num_start]
    if q.unit == "percent" and (
        re.match(r"^(?:的)?[^，。；]{0,6}?(?:关税|税率|附加税)", after)
        or re.search(r"关税|税率", clause)
    ):
        return False  # tariff rates are policy, not reported activity
    if _origin_count(text, q.num_start, q.end) or (
        q.unit not in MONEY and q.unit != "percent" and _KINDS_AFTER.match(after)
    ):
        return False
    if (
        _THRESHOLD_AFTER.match(after)
        or (re.search(r"(?:超过?|过|逾)$", before) and _OVER_AFTER.match(after))
        or ((q.unit in MONEY or q.unit == "percent") and _PER_UNIT.search(clause))
    ):
        return False
    pat = _GE_AFTER.get(q.unit if q.unit in _GE_AFTER else q.unit_word)
    return not (pat and pat.match(after)) and _activity(q, text, before, after, clause)


# Machines or lines shown at work (同时作业, 满负荷运转, 24小时不停): colour, not activity counted.
_AT_WORK = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:同时|满负荷|不停|往来穿梭|昼夜|24小时|全部落钩)")
# Areas and lengths are figures only when the text says they were sown, built or run (种植面积
# 186万亩, 新改建农村公路70万公里, 雪道总长度200公里), not when they size one site or line
# (600多亩油菜花, 全长98.3公里); weights in 斤 are harvests unless a yield or price (亩产, 每斤).
_MEASURED = ("亩", "公里", "斤")
# The floor area of many warehouses, summed (海外仓…总面积, 仓储面积合计) or after their count
# (海外仓超过560个，面积约480万平方米), not one warehouse's (设计仓储面积3万平方米).
_WAREHOUSES_AREA = re.compile(
    r"(?:仓|仓库|仓储)[^。；]{0,12}(?:总面积|面积合计|面积总计)[^，。；\d]{0,6}$"
    r"|总仓储面积[^，。；\d]{0,6}$"
    r"|(?:海外仓|边境仓|仓库)[^。；，]{0,10}\d+(?:多|余)?个[，,](?:仓储)?(?:总)?面积(?:合计)?[^，。；\d]{0,6}$"
)
_AREA_OR_LENGTH_OF = re.compile(
    r"面积|种植|播种|插秧|造林|治沙|任务|新增|新建|新改建|改建|建成|累计|推广|农田|耕地|里程|通车"
    r"|投产|新线|铺设|雪道|产量|收获|收购"
)
_ONE_OBJECT = re.compile(
    r"(?:最大的?|单个|全长|总长|长约|长达|长|距离|相距|跨度|航程|半径|时速|亩产|单产|每)[^，。；\d]{0,3}$"
)


def _measured(q: Quantity, text: str, before: str, after: str) -> bool:
    """True for an area, length or weight that is a statistic, not the size of one object."""
    clause = text[max(text.rfind(c, 0, q.num_start) for c in "，。；,：") + 1 : q.end + 6]
    if _ONE_OBJECT.search(before) or re.match(r"^[^，。；]{0,4}/(?:小时|时)", after):
        return False
    return (
        q.unit == "斤"
        and not re.match(r"^(?:价|重)", after)
        or bool(_AREA_OR_LENGTH_OF.search(clause))
    )


def _origin_count(text: str, num_start: int, end: int) -> bool:
    """A count inside "来自…的" (来自49个国家和地区及13个国际组织的嘉宾): where the counted
    come from, not a figure."""
    clause_start = max(text.rfind(c, 0, num_start) for c in "，。；,") + 1
    src = text.rfind("来自", clause_start, num_start)
    if src < 0 or "的" in text[src:num_start]:
        return False
    return bool(re.match(r"[^，。；,]{0,12}?的", text[end:]))


# A plan for a timetable (每周将开行2列, 计划每周3班), not the weekly count as it stands.
_TIMETABLE_PLAN = re.compile(r"将|计划|拟|预计|力争")
# What a line runs each week, counted as it stands (每周往返航班超过300班, 每周挂靠船舶约50艘次).
_RUN_EACH_WEEK = ("flights", "trains", "vessels", "vessel_calls")
# A season's timetable (新航季，…每周计划航班6870班; 其中，国内航空公司每周计划执行3980班): the
# season's figure, planned or not; 计划每周执飞3班 of a new route is only its plan.
_SEASON_TIMETABLE = re.compile(r"航季|航班计划|每周计划|今冬明春|冬春|夏秋")


# A figure a target is named after (提出全年增长5.5%左右的预期目标).
_GOAL_AFTER = re.compile(r"[^，。；]{0,12}?的(?:预期|发展|主要)?目标")


def is_goal(text: str, pos: int) -> bool:
    """True when the figure or rate at ``pos`` is a goal (目标是…, 将推动…年均增长5%以上)."""
    clause = text[text.rfind("，", 0, pos) + 1 : pos]
    sentence_pre = text[max(text.rfind(c, 0, pos) for c in "。；！？") + 1 : pos]
    return (
        bool(_GOAL.search(clause))
        or _goal_sentence(sentence_pre)
        or _target(clause)
        or bool(_GOAL_AFTER.match(text, pos))
    )


def _target(clause: str) -> bool:
    """True for what is striven for or ensured (港口负责人表示，…力争全年吞吐量突破4100万标箱;
    政府工作报告提出…力争突破1亿人次; 确保粮食年产量稳定在1100亿斤以上): a target, not an announced
    figure, as the news paragraphs' first labels and the eleventh tuning part's readers have it."""
    return bool(re.search(r"力争|确保", clause))


def _goal_sentence(sentence_pre: str) -> bool:
    """True when the sentence set a goal before the figure and no current figure followed it."""
    goals = list(_GOAL_SENTENCE.finditer(sentence_pre))
    return bool(
        goals
        and not re.search(r"预计|预测|从", sentence_pre)
        and not re.search(
            r"目前|截至|已有|已经|以来|季度|半年|前\d+个月|\d+[—\-至]\d+月|去年",
            sentence_pre[goals[-1].end() :],
        )  # a goal, then the figures so far
    )


# The change of an index just given (制造业采购经理指数为49.8%，比上月上升0.4个百分点).
_INDEX_CHANGE = re.compile(
    r"(?:指数|PMI)为?[\d.]+%[，,](?:比上月|环比|较上月)?(?:上升|下降|回升|回落|提高)$"
)
# Money, time or a share saved, a price lower (通关时间压缩超过七成): no activity.
_SAVED = re.compile(r"节约|节省|便宜|压缩")


def _activity(q: Quantity, text: str, before: str, after: str, clause: str) -> bool:
    """False for what the guide does not count as activity (indices, costs, capacity, goals …)."""
    if q.unit in ("percent", "百分点") and _INDEX.search(
        text[max(0, q.num_start - 25) : q.num_start]
    ):
        return False  # 出口指数为52.8%, 环比上升3.9个百分点 (of an index)
    if q.unit == "百分点" and _INDEX_CHANGE.search(text, max(0, q.num_start - 30), q.num_start):
        return False  # 采购经理指数为49.8%，比上月上升0.4个百分点: the index is the figure
    if (
        (_COST_BEFORE.search(before) and not re.search(r"[逆顺]差(?:同比)?减少$", before))
        or COST_AFTER.match(after)
        or _SAVED.search(clause)
    ):  # 节约20%以上的物流成本, 每标箱可节约1400元人民币的运费, 便宜了三分之一 (a trade
        # balance that shrank, 逆差同比减少1208.5亿元, is no cost saved)
        return False
    if q.unit in ("千瓦", "兆瓦", "吉瓦", "兆瓦时", "吉瓦时") and (
        _OF_ONE_PLANT.match(after)
        or _PLANT_CAPACITY.search(text, max(0, q.num_start - 30), q.num_start)
    ):  # 装机容量为300万千瓦的风电基地, 500兆瓦光伏电站, 电站…装机容量2.6吉瓦: one plant's size
        return False
    if (q.unit == "座" and _STATIONS_AFTER.match(after)) or (
        q.unit in ("个", "条", "处", "座")
        and (
            _FACILITY_AFTER.match(after)
            or _FACILITY_BEFORE.search(before)
            or (re.search(r"增至$", before) and re.search(r"通道|窗口|泊位", clause))
        )
    ):
        return False  # 查验通道由24条增加至36条: facilities, not activity
    if q.unit == "项" and re.match(r"[^，。；\d]{0,14}的(?:措施|举措)", after):
        return False  # 再推出10项支持综合保税区发展新业态的措施: measures
    if q.unit == "个" and re.search(r"监测的$", before):
        return False  # 重点监测的78个步行街客流量增长…: the sample watched, not activity
    if re.match(r"(?:及|或)?以上的[^，。；\d]{0,6}?团", after):
        return False  # 3人以上的中国旅游团可免签: the size a group must reach, no count
    if re.match(r"[^，。；]{0,3}?的?最大(?:承载|接待|容纳)", after):
        return False  # 每日6000人的最大承载量: a limit, no activity
    if re.search(r"限额(?:调整为|提高到|提高至|调整至|为)?(?:约|近)?$|限招$", before) or re.match(
        r"(?:以内)?的?[^，。；\d]{0,4}?(?:总量控制|参观限额|限额)", after
    ):
        return False  # 每日开放限额4万人次, 每日5万人次的总量控制, 每期限招40名: limits
    if re.search(r"每[袋箱件只头个][^，。；\d]{0,4}重(?:约|达)?$", before):
        return False  # 每袋咖啡重60公斤: the weight of one sack, no activity
    if q.unit == "tonnes" and re.search(r"总吨(?:位)?(?:约|为|达)?$", before):
        return False  # 这艘邮轮总吨14.2万吨: the size of one ship
    if re.search(r"控制在(?:约|近)?$", before):
        return False  # 差错率控制在千分之三以内: a standard kept, not activity
    if (
        q.unit not in ("percent", "百分点")
        and (
            _HOLDS.search(before)
            or (q.unit_word == "辆" and (before.endswith("编组") or after.startswith("编组")))
        )
        and not _STOCK_ADDED.search(text, text.rfind("。", 0, q.num_start) + 1, q.num_start)
    ):
        return False  # 单线年产能达到1200万只, 采用8辆编组: what one line or train holds
    sentence_pre = text[max(text.rfind(c, 0, q.num_start) for c in "。；！？") + 1 : q.num_start]
    if (
        (q.unit not in MONEY and q.unit != "percent" and _ONE_THING.search(clause))
        or _CAPACITY.search(clause)
        or (q.unit != "percent" and _CAN_DO.search(clause))
        or (_BUILT.search(sentence_pre) and re.search(r"吞吐量|产值|年产|产能", clause))
    ):
        return False  # the design capacity of one airport, port, ship or plant
    if (
        is_goal(text, q.num_start)
        or _POLICY_AFTER.match(after)
        or (  # timetables planned or of other things (每周将加密至5班); flights, trains, ship
            # calls and voyages a line runs each week now (每周往返航班超过300班, 每周挂靠船舶约50
            # 艘次) are counted, as the readers do
            re.search(r"每周|每月(?:开行|运行|往返)", clause)
            and not (
                (q.unit in _RUN_EACH_WEEK or re.match(r"个?航次", after))
                and (
                    not _TIMETABLE_PLAN.search(clause)
                    or _SEASON_TIMETABLE.search(sentence_pre)
                    or re.match(r"[，,](?:同比|比去年同期|较去年同期)", after)
                )  # 计划每周执行航班3126班，同比增长8.5%: a season's timetable against last year's
            )
        )
        or re.search(r"每(?:分钟|秒钟?|小时)", clause)  # 每分钟约有3600万元的货物: an image
        or re.search(r"减少[^，。；]{0,8}排放|减排", clause)  # emissions avoided: no activity
    ):
        return False  # goals, policy measures, timetables, lists of awards
    if "连续" in clause and re.search(r"(?:保持在|超过|超|突破)$", before):
        return False  # "连续两个月超过40万辆", "连续48个月…保持在千列以上": a streak, not a figure
    return True


_CONVERTED = re.compile(r"[，,（(]?\s*(?:约合|折合|合)(?:人民币|美元)?(?:约|超过?|近|逾)?")


def figures(sent: str, quants: list[Quantity], growths: list[Growth]) -> list[Quantity]:
    """The reportable figures of a sentence, thresholds dropped where the exact figure follows."""
    quants = [q for q in quants if _keep(q, sent, growths)]
    # 300亿美元（约合2100亿元人民币）, 折合300亿美元: the same money in another currency
    quants = [
        q
        for i, q in enumerate(quants)
        if not (
            q.unit in MONEY
            and i > 0
            and quants[i - 1].unit in MONEY
            and _CONVERTED.fullmatch(sent, quants[i - 1].end, q.num_start)
        )
    ]
    # "突破万亿大关" is a threshold: dropped when another figure of the same unit is given.
    quants = [
        q
        for q in quants
        if not (
            sent.startswith("大关", q.end) and any(r is not q and r.unit == q.unit for r in quants)
        )
    ]
    # A threshold ("首次突破4000列") is dropped when the exact figure of the same unit follows,
    # or came just before it (进出口2.06万亿元，…，规模首次突破2万亿元).
    return [
        q
        for i, q in enumerate(quants)
        if not any(
            r.unit == q.unit
            and q.value <= r.value < 1.5 * q.value
            and _MILESTONE_AFTER.fullmatch(sent, r.end, q.num_start)
            for r in quants[:i]
        )
        and not (
            _MILESTONE.search(sent[max(0, q.num_start - 6) : q.num_start])
            and any(  # not a part of it (突破30万人次，其中台胞20万人次), nor an earlier figure
                r.unit == q.unit
                and "其中" not in sent[q.end : r.num_start]
                and r.value >= q.value  # 突破200万人次，高于去年的178.4万人次: both stay
                for r in quants[i + 1 :]
            )
        )
        and not (
            i + 1 < len(quants)
            and quants[i + 1].unit == q.unit  # 超过4万亿元，达到4.06万亿元
            and re.fullmatch(r"[，,]?(?:达到|达)", sent[q.end : quants[i + 1].num_start])
        )
    ]
