"""Quantity layer: numbers with units, percentages and growth rates found by regex on raw text.

Works on the original characters (full-width digits are mapped one-to-one first) so every
offset points into the document as stored.

Examples
--------
>>> [(q.value, q.unit) for q in find_quantities("进出口4.7万亿元，接待游客3125万人次")]
[(4700000000000.0, 'CNY'), (31250000.0, 'person_trips')]
>>> [g.values for g in find_growths("同比分别增长15.2%、9%")]
[[15.2, 9.0]]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from haisi.nlp.numbers import NUM_RE, SCALE_RE, parse_number, to_halfwidth

__all__ = [
    "CURRENCIES",
    "MONEY_UNITS",
    "UNITS",
    "Growth",
    "Quantity",
    "find_growths",
    "find_quantities",
    "find_quantities_en",
]

# Currency word → ISO code (a word when the country is not written): the one list of money.
CURRENCIES: dict[str, str] = {
    "元人民币": "CNY",
    "人民币": "CNY",
    "亿元": "CNY",
    "元": "CNY",
    "美元": "USD",
    "欧元": "EUR",
    "日元": "JPY",
    "港元": "HKD",
    "港币": "HKD",
    "澳门元": "MOP",
    "澳元": "AUD",
    "元新台币": "TWD",
    "新台币": "TWD",
    "英镑": "GBP",
    "卢布": "RUB",
    # partners' own currencies in their statistics (Belt and Road bulletins)
    "泰铢": "THB",
    "韩元": "KRW",
    "林吉特": "MYR",
    "印尼盾": "IDR",
    "越南盾": "VND",
    "基普": "LAK",  # Laos
    "瑞尔": "KHR",  # Cambodia
    "缅元": "MMK",
    "菲律宾比索": "PHP",
    "新加坡元": "SGD",
    "新元": "SGD",
    "坚戈": "KZT",
    "卢比": "INR",
    "肯尼亚先令": "KES",
    "挪威克朗": "NOK",
    "瑞典克朗": "SEK",
    "丹麦克朗": "DKK",
    "瑞士法郎": "CHF",
    "加元": "CAD",
    "新西兰元": "NZD",
    "迪拉姆": "AED",
    "沙特里亚尔": "SAR",
    "令吉": "MYR",  # the ringgit as Malaysia's Chinese press writes it (林吉特 on the mainland)
    "卡塔尔里亚尔": "QAR",
    "阿曼里亚尔": "OMR",
    "里亚尔": "里亚尔",  # Saudi, Qatari, Omani … when the country is not written: the word
    "福林": "HUF",
    "兹罗提": "PLN",
    "塞尔维亚第纳尔": "RSD",
    "第纳尔": "第纳尔",  # Serbian, Kuwaiti, Algerian …: the word
    "雷亚尔": "BRL",
    "兰特": "ZAR",
    "奈拉": "NGN",
    "比索": "比索",  # Mexico's, the Philippines', Chile's …: the word, as the readers keep it
}
MONEY_UNITS = frozenset(CURRENCIES.values())
# Unit word → normalised unit (the facts guide's vocabulary; Chinese word when nothing fits).
UNITS: dict[str, str] = CURRENCIES | {
    "人次": "person_trips",
    "人": "persons",
    "名": "persons",
    "位": "persons",
    "标准箱": "TEU",
    "标箱": "TEU",
    "个标准箱": "TEU",  # 满载1200多个标箱: TEU counted with 个 before the word
    "个标箱": "TEU",
    "TEU": "TEU",
    "万TEU": "TEU",
    "自然箱": "自然箱",  # containers counted one by one, whatever their size: not TEU
    "载重吨": "载重吨",  # deadweight tonnage of ships built or ordered, not cargo
    "总吨": "总吨",  # gross tonnage of a fleet or a register (注册船舶总吨位约1.33亿总吨)
    "修正总吨": "修正总吨",  # compensated gross tonnage of ship orders (Clarksons' measure)
    "吨": "tonnes",
    "立方米": "立方米",
    "千升": "千升",  # wine and oils by volume (进口葡萄酒3.8万千升)
    "千瓦时": "千瓦时",  # electricity supplied (向金门供电约4亿千瓦时)
    "千瓦": "千瓦",  # power: a grid's load, capacity installed (用电负荷11.4亿千瓦)
    "兆瓦": "兆瓦",
    "兆瓦时": "兆瓦时",  # energy stored or supplied
    "吉瓦": "吉瓦",  # solar modules shipped, capacity installed (光伏组件出口量约178.5吉瓦)
    "吉瓦时": "吉瓦时",  # batteries made or shipped (锂离子电池总产量1800吉瓦时)
    "艘次": "vessel_calls",
    "艘": "vessels",
    "列": "trains",
    "个往返航班": "flights",
    "往返航班": "flights",
    "个往返": "flights",  # 每周4个往返: round trips of a route
    "个航班": "flights",
    "个航次": "flights",
    "个班次": "flights",
    "航班": "flights",
    "班次": "flights",
    "架次": "flights",
    "家": "enterprises",
    "张": "tickets",
    "份": "份",
    "双": "双",  # pairs (鞋靴10亿双)
    "袋": "袋",  # coffee sacks (出口咖啡约62万袋, 每袋60公斤)
    "桶": "桶",  # barrels of crude (对华原油出口量为日均158万桶)
    "套": "套",  # sets, dwellings (保障性住房1万套)
    "条": "条",
    "件": "件",
    "个": "个",
    "项": "项",
    "例": "例",
    "处": "处",
    "公顷": "公顷",
    "平方米": "平方米",  # many warehouses' floor area (海外仓…总面积260万平方米), when so stated
    "亩": "亩",  # areas sown, planted or treated (水稻种植面积186万亩), when stated as such
    "公里": "公里",  # lengths built or run (新改建农村公路超过70万公里), when stated as such
    "斤": "斤",  # harvests (粮食产量稳定在1100亿斤)
    "场": "场",
    "座": "座",
    "所": "所",
    "台": "台",
    "台套": "台套",  # equipment sets (48台套风电设备)
    "册": "册",  # books (出口实物图书138万册)
    "升": "升",  # wine and oils by volume (出口量21.4亿升), not 提升/上升 (no number before)
    "辆次": "辆次",
    "车次": "车次",  # vehicle crossings (日均车流量达14.6万车次)
    "车": "车",  # wagons loaded (日均装车17.6万车): in 万 only, where the clause ends
    "次": "次",  # visits or views online (线上平台访问量突破1200万次): in 万 or 亿 only
    "辆": "辆",
    "户": "户",
    "部": "部",  # films and works (1600部影片), only before what they count
    "票": "票",
    "单": "单",
    # customs enforcement and quarantine counts (走私案件2860起, 截获有害生物1260种次, 5860批展品)
    "起": "起",
    "批次": "批次",
    "批": "批",
    "种次": "种次",
    "只": "只",
    "架": "架",  # aircraft delivered or ordered (交付A320系列飞机38架)
    "块": "块",  # screens (新增银幕1460块)
    "箱": "箱",  # cases of fruit or goods (40万箱车厘子, 这批共计3800箱的货物)
    "组": "组",  # lantern sets, switches, trainsets (160组大型灯组, 新增4组动车组)
    "枝": "枝",  # cut flowers by the stem (鲜切花交易量达120亿枝)
    "盆": "盆",  # potted plants (销售年宵花卉320万盆)
    "笔": "笔",  # transactions (办理线上业务超过43万笔)
    "班": "flights",
    "航次": "flights",
    "趟": "trains",
    "对": "对",  # pairs of trains run each day (加开动车组12对): kept as pairs
    "公斤": "公斤",  # kept as written, as the guide's readers keep it (出口量约5.3亿公斤)
    "千克": "公斤",
    "个百分点": "百分点",
    "百分点": "百分点",
    "%": "percent",
    "成": "percent",
}
# 单 and 票 are units only when no noun continues them (3.2万单, not 单日 / 票价); 部 only before
# films and works (3部委 is no count).
_UNIT_RE = "|".join(
    re.escape(u)
    + {
        "单": "(?![日位向个次价一独])",
        "所": "(?![有属在需得以谓])",
        "票": "(?![价据])",
        "起": "(?![步飞航运降价来始点源草诉色])",
        "批": "(?![准发复量示次])",
        "只": "(?![有是要能会在])",
        "对": "(?![外华台东西南北中俄美日韩欧非拉于此其该比])",
        "架": "(?![次子构设起])",
        "块": "(?![钱])",
        "箱": "(?![子式型包体级])(?![^，。；]{0,8}?船)",  # 7000箱集装箱船: one ship's size
        "户": "(?!苗寨|侗寨|寨)",  # 西江千户苗寨 is a village's name
        "组": "(?![织成建合团件委长员数])",
        "枝": "(?![条干头叶])",
        "盆": "(?![地景栽])",
        "笔": "(?![记者直试画])",
        "班": "(?![列车机组子])",
        "部": "(?=[^，。；]{0,4}?(?:影片|电影|作品|纪录片|剧|图书))",
        "升": "(?![级值温至到])",
        "车": "(?<=万车)(?=[，。；、,;]|$)",
        "次": "(?<=[万亿]次)",
        "总吨": "(?![的级])",  # 13.55万总吨的邮轮: one ship's size
    }.get(u, "")
    for u in sorted(UNITS, key=len, reverse=True)
)
_QUAL = r"(?:多|余|左右)?"
# Numbers are only tried where a digit or numeral run begins: one attempt per run keeps long
# digit strings linear instead of quadratic.
_START = r"(?<![\d.零〇一二两三四五六七八九十百千])(?<!\d,)"
_Q_RE = re.compile(
    rf"(?P<pre>百分之)?{_START}(?P<num>{NUM_RE}分之{NUM_RE}|{NUM_RE}){_QUAL}(?P<scale>{SCALE_RE})?{_QUAL}\s*(?P<unit>{_UNIT_RE})"
)
_FRAC_RE = re.compile(rf"{_START}(?P<num>{NUM_RE}分之{NUM_RE})")
_HALF_RE = re.compile(
    r"一半(?=以上|左右|多|来自|销往|运往|发往|是|的|[，。；,]|$)|(?<=近)半数?(?=是|的|来自|在|[，。；,]|$)"
    r"|(?:(?<=占比)|(?<=比重)|(?<=份额)|(?<=占))过半(?!数)"
)
# First characters of currency words (港 of 港元, 新 of 新台币), 比 of 比索 aside (亿比去年).
_CURRENCY_FIRST = "".join(sorted({w[0] for w in CURRENCIES} - {"比"}))
# A money amount with no 元 after a money word: "销售额超过百亿", "投资达1.2万亿".
_MONEY_BARE_RE = re.compile(
    rf"(?:额|金额|收入|产值|投资|消费|花费|营收|规模|进出口|出口|进口|外贸|贸易|货值|交易|成交|销售)"
    rf"(?:(?<=进口|出口)[\u4e00-\u9fff]{{1,6}}?)?"  # 进口冰鲜水产品超过百亿: the goods between
    rf"(?:总值|总额)?(?:将|已|预计|有望|首次|再次|历史性地?)*"
    rf"(?:接近|达到|达|超过|超|突破|约|为|近|逾|跃上|迈上|站上)+"
    rf"(?P<num>{NUM_RE})?(?P<scale>万亿|千亿|百亿|亿)(?![\d万亿{_CURRENCY_FIRST}吨人名家条件个项例处艘列户公千起批种只架块笔单票双辆张套座趟桶袋]"
    r"|台(?!币)|比索)"
)
# A scale with no number after a verb, then a unit: "吞吐量超亿吨", "客流突破千万人次" (one 亿).
# Not money (超亿元项目 is a threshold) and not a class (亿吨级大港, 千万人次级机场).
_SCALE_UNIT_RE = re.compile(
    rf"(?:接近|达到|达|超过|超|突破|逾|近|约|跃上|迈上|站上)(?P<scale>万亿|千亿|百亿|千万|百万|亿)"
    rf"(?P<unit>(?!\w*元)(?:{_UNIT_RE}))(?!级|大港|港口|枢纽|机场)"
)
_BARE_SCALES = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "千万": 1e7, "百万": 1e6, "亿": 1e8}
# The unit word before the number: "旅游人次将接近4亿", "客流量达1.2亿".
_UNIT_FIRST_RE = re.compile(
    r"(?P<unit>人次|客流量|游客量|人数|用户)(?:数|累计)?(?:将|已|预计|有望)*(?:接近|达到|达|超过|超|突破|约|为|近)*"
    r"(?P<num>\d+(?:\.\d+)?)(?P<scale>万|亿)(?![\d万亿元吨人名家条件个项例处艘列])"
)
_RATE_WORDS = (
    "(?:增速|增幅|涨幅|升幅|增长率|成长率|年增率)(?:分别)?(?:明显|进一步)?(?:均)?"
    "(?:提升至|提高至|回升至|加快至|保持在|稳定在|维持在|超过|为|达到|达|是|在)?"
)
_VERBS_UP = "增长|成长|增加|提高|上升|上涨|提升|扩大|微升|微增|增"
# How a change went (同比大幅增长34%, 较快增长15%): neither a base nor part of the verb.
_ADVERB = "大幅|明显|快速|稳步|较快|较大|显著|持续|平稳|强劲|小幅|逆势"
_VERBS_DOWN = (  # 年减3%: Taiwan usage; 降幅为3%: a fall of 3 %
    "下降|减少|下滑|回落|降低|下跌|缩小|收窄|收缩|微降|微跌|(?:降幅|跌幅)(?:为|达到|达|是)?|降|年减"
)
# A rate word after a change on another base (较8月末上升165亿美元，升幅为0.5%) keeps that base.
_OTHER_BASE_BEFORE = re.compile(
    r"(?:环比|(?:较|比)(?!上年|去年|上届)[^，。；、]{1,10}?(?:上升|增加|增长|提高|下降|减少))"
    r"[^。；]{0,16}[，,]$"
)
# The tenths after 成 (八成五 = 85 %), not a count or period that follows (两成三季度).
_TENTH = re.compile(r"[一二三四五六七八九](?![\d十百千万亿个家项条季月年])")
# One rate: 3.2%, 1.5倍, 两成, or spoken 百分之六点二.
_G_ITEM = (
    rf"(?:超过?|接近|近|约|逾|高达|达|高于|超出)?(?P<neg>[-−－])?(?:百分之(?P<pn>{NUM_RE})"
    rf"|千分之(?P<pm>{NUM_RE})|(?P<n>{NUM_RE})"
    rf"(?:多|余)?\s*(?P<u>%|倍|成(?:半|{_TENTH.pattern})?(?!员|交|本|果|为|效)))"
)
_G_PLAIN = re.sub(r"\?P<\w+>", "", _G_ITEM)  # the same item without group names, for lists
_G_RE = re.compile(
    rf"(?P<basis>年均|同比|环比|按年率计算|比上年同期|比去年同期|比上年|比去年农历同期|比去年|较上届同期|比上届|较上届"
    rf"|较上年同期|较去年同期|较上年|较去年|较(?!快|大)(?P<ob>[^，。；、,;]{{1,10}}?)"
    rf"|(?<![同可])比(?P<ob2>[^，。；、,;]{{1,10}}?)|与(?P<ob3>[^，。；、,;]{{2,10}}?)相比[，,]?)?"
    rf"(?P<fb>分别)?(?:同比(?:去年|上年)?)?(?:{_ADVERB})?"
    rf"(?P<verb>{_VERBS_UP}|{_VERBS_DOWN}|{_RATE_WORDS})了?(?:更是|更)?(?:仅为|只有|仅|为)?均?在?"
    rf"(?P<list>{_G_PLAIN}(?:\s*[、和及与]\s*{_G_PLAIN})*)"
)
# Half or a fraction as a growth rate: "同比增长一半以上", "下降近一半", "增长过半" (±50 %),
# "比去年同期增长近三分之一" (+33.3 %).
_HALF_GROWTH_RE = re.compile(
    rf"(?:同比|比上年同期|比去年同期|比上年|比去年)?(?:{_ADVERB})?"
    rf"(?P<verb>{_VERBS_UP}|{_VERBS_DOWN})了?(?:超过?|近|约|逾)?"
    r"(?:一半|过半|(?P<den>[二三四五六七八九十])分之(?P<num>[一二三四五六七八九]))(?:以上|左右|多)?"
)
# Another base right before a fraction's change (较2020年减少了四分之一): no rate over a year.
_OTHER_BASE = re.compile(r"[较比](?!上年|去年)[^，。；,同]{1,10}$")
_DOUBLE_RE = re.compile(r"(?P<basis>同比|比上年|比去年)?(?:实现)?翻了?(?P<n>一|两|三)?番")
# The rate before the verb: "同比均实现10%以上较高增长", "保持6%左右的增长".
_G_BEFORE_RE = re.compile(
    rf"(?P<basis>同比)?(?:均|分别)?(?:实现|保持)(?:了)?(?P<n>{NUM_RE})\s*(?P<u>%|成)(?:以上|左右)?的?"
    r"(?:较高|较快|高速|快速|稳定|稳步)?增长"
)
_G_COMPARE_RE = re.compile(
    rf"[比较](?P<ob>[^，。；、,;]{{1,10}}?)(?P<verb>高出|高|低)(?P<n>{NUM_RE})\s*%"
)
# An ordinary day as a change's base (比平日, 较平时): no change over a year.
_ORDINARY = "平日|平时|平常|往常"
# A change against last year said as more or fewer (订单比去年同期多了三成, 比去年少了两成).
_G_MORE_RE = re.compile(
    rf"[比较](?P<ob>(?:去年|上年|上届|{_ORDINARY})[^，。；、,;\d]{{0,6}}?)(?P<verb>多|少)(?:了|出)?"
    r"(?:将近|近|约|超过)?(?:(?P<n>[一二两三四五六七八九十]|\d+(?:\.\d+)?)(?P<u>成[半五]?|%|倍)"
    r"|(?P<half>一半))"
)
# The ordinary day right before a change (比平日翻了一番, 较平时增长一半以上).
_ORDINARY_BEFORE = re.compile(rf"[比较](?P<ob>{_ORDINARY})(?:的水平)?[^，。；\d]{{0,3}}$")
# A multiple of a base: "出口额达到去年同期的4倍" (+300 % year on year), "是2023年除夕当天的近16倍".
_TIMES_RE = re.compile(
    rf"(?:达到|达|是|为|相当于)(?P<ob>[^，。；、,;的]{{2,12}})的(?:近|约|超过?)?(?P<n>{NUM_RE})(?:多|余)?倍"
)
# The next multiple of a 分别 list of them (分别是去年同期的1.6倍和1.9倍).
_TIMES_NEXT = re.compile(rf"\s*[，,、和及与]\s*(?:近|约|超过?)?(?P<n>{NUM_RE})(?:多|余)?倍")
_G_ONE = re.compile(_G_ITEM)
# The next item of a 分别 list, with its own verb when the sign turns (增长9.1%、3.4%和下降6.2%).
_G_NEXT = re.compile(rf"\s*[，,、和及与]\s*(?P<v2>{_VERBS_UP}|{_VERBS_DOWN})?{_G_ITEM}")


@dataclass
class Quantity:
    """A number with its unit at [start, end) in the text."""

    start: int
    end: int
    num_start: int
    value: float
    unit: str
    unit_word: str
    text: str


@dataclass
class Growth:
    """A growth verb with one or more rates ("分别增长a%、b%") at [start, end)."""

    start: int
    end: int
    values: list[float]
    yoy: bool
    basis: str | None = None
    item_ends: list[int] = field(default_factory=list)


def _bare_article(num: str, unit: str, scale: str | None) -> bool:
    """一艘 / 一个 / 一家 are articles, not figures (一亿人次 and 一万吨 are figures)."""
    return num == "一" and not scale and unit not in ("成",)


# A number listed before one that carries the unit (4000万、3000万和2600万标箱; 120、150和180亿元).
_LISTED_BEFORE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(万亿|亿|万)?\s*[、和及]\s*$")


def _sharing(t: str, text: str, end: int, scale: str | None, unit: str, norm: str) -> list:
    """The numbers listed right before a quantity at ``end`` that share its unit (and its scale
    when they have none), nearest last."""
    out: list[Quantity] = []
    if unit == "成":
        return out
    while m := _LISTED_BEFORE.search(t, max(0, end - 24), end):  # a number is never longer
        stop = m.end(2) if m.group(2) else m.end(1)
        value = parse_number(m.group(1) + (m.group(2) or scale or ""))
        out.append(Quantity(m.start(), stop, m.start(), value, norm, unit, text[m.start() : stop]))
        end = m.start()
    return out[::-1]


# Flights named after their count in 个 (近百个国际货运航班, 300个客运航班).
_FLIGHTS_AFTER = re.compile(r"(?:[^，。；、\d个]{0,8}?)(?:往返)?航班")
_FLIGHTS_BEFORE = re.compile(r"航班(?:数量?|总数)?(?:达到|达|超过|共|约|近|逾)*$")


_TEU_BEFORE = re.compile(r"标准?箱(?:约|近|超过|达到?)?$")
_BOXES_BEFORE = re.compile(r"集装箱(?:约|近|超过|达到?)?$")


def find_quantities(text: str) -> list[Quantity]:
    """Every number+unit in ``text`` (including percentages and 百分点), in order."""
    t = to_halfwidth(text)
    out: list[Quantity] = []
    for m in _Q_RE.finditer(t):
        num, unit = m.group("num"), m.group("unit")
        if _bare_article(num, unit, m.group("scale")):
            continue
        if unit == "成" and not re.fullmatch(r"[一二两三四五六七八九十1-9]", num):
            continue
        if m.group("pre"):
            unit = "%"
        raw = num + (m.group("scale") or "")
        try:
            value = parse_number(raw)
        except ValueError:
            continue
        end = m.end()
        if unit == "成":
            value = value * 10 + (5 if t.startswith("半", m.end()) else 0)  # 七成半 → 75
            if tenth := _TENTH.match(t, m.end()):  # 八成五 → 85, 九成六 → 96
                value += parse_number(tenth.group(0))
                end += 1
        if "分之" in num:
            unit = "%"
        start = m.start("num")
        qual = t[max(0, start - 1) : start]
        if qual == "上" and num in ("百", "千", "万"):  # 上百条 → 100
            start -= 1
        norm = UNITS[unit]
        if unit == "个" and (
            _FLIGHTS_BEFORE.search(t, max(0, start - 12), start) or _FLIGHTS_AFTER.match(t, end)
        ):
            norm = "flights"  # 开行往返航班2140个, 近百个国际货运航班: flights counted in 个
        elif unit == "个" and _TEU_BEFORE.search(t, max(0, start - 6), start):
            norm = "TEU"  # 运送标箱23.4万个: TEU counted in 个
        elif unit == "箱" and _BOXES_BEFORE.search(t, max(0, start - 8), start):
            norm = "TEU"  # 日均装卸集装箱近3000箱: containers, as container throughput
        if unit == "元" and re.search(r"(?:新台币|台币)$", t[max(0, start - 3) : start]):
            norm = "TWD"  # 新台币3.5兆元
        out.append(Quantity(m.start(), end, start, float(value), norm, unit, text[m.start() : end]))
        out += _sharing(t, text, m.start(), m.group("scale"), unit, norm)
    for m in _UNIT_FIRST_RE.finditer(t):
        value = parse_number(m.group("num") + m.group("scale"))
        out.append(
            Quantity(
                m.start("num"),
                m.end(),
                m.start("num"),
                value,
                # 报名人数超过22.6万, 海外注册用户超过3000万: persons
                "persons" if m.group("unit") in ("人数", "用户") else "person_trips",
                m.group("unit"),
                text[m.start("num") : m.end()],
            )
        )
    for m in _MONEY_BARE_RE.finditer(t):
        start = m.start("num") if m.group("num") else m.start("scale")
        if m.group("num") and re.search(r"[\d.]", t[max(0, start - 1) : start]):
            continue
        scale = _BARE_SCALES[m.group("scale")]
        value = parse_number(m.group("num") + m.group("scale")) if m.group("num") else scale
        out.append(Quantity(start, m.end(), start, value, "CNY", "亿", text[start : m.end()]))
    for m in _SCALE_UNIT_RE.finditer(t):
        start, unit = m.start("scale"), m.group("unit")
        if any(q.start <= start < q.end for q in out):
            continue  # 千万人次 is a number (千) with a scale already
        value = _BARE_SCALES[m.group("scale")]
        out.append(Quantity(start, m.end(), start, value, UNITS[unit], unit, text[start : m.end()]))
    for m in _HALF_RE.finditer(t):
        if not any(q.start <= m.start() < q.end for q in out):
            out.append(
                Quantity(
                    m.start(),
                    m.end(),
                    m.start(),
                    50.0,
                    "percent",
                    "一半",
                    text[m.start() : m.end()],
                )
            )
    for m in _FRAC_RE.finditer(t):
        if any(q.start <= m.start() < q.end for q in out):
            continue
        try:
            value = parse_number(m.group("num"))
        except ValueError:
            continue
        out.append(
            Quantity(
                m.start(), m.end(), m.start(), value, "percent", "分之", text[m.start() : m.end()]
            )
        )
    out.sort(key=lambda q: q.start)
    return [r for q in out for r in _range_figures(t, text, q, out)]


# The low end of a range right before its high end: 600亿元至, 20万至 (30万人次), 3万—.
_RANGE_LOW = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)(万亿|亿|万)?([^\d至到—－\-~～]{0,4})[至到—－\-~～]$"
)


def _range_figures(t: str, text: str, q: Quantity, qs: list[Quantity]) -> list[Quantity]:
    """A range is one figure, read as its low end (as labellers write it): the high end ``q`` is
    dropped when the low end carries the unit, or becomes the low end when it does not. A range
    stated as bounds (介于600亿至630亿美元之间) is both its ends, as labellers write it."""
    m = _RANGE_LOW.search(t, max(0, q.num_start - 12), q.num_start)
    if not m:
        return [q]
    bounds = t.endswith("介于", 0, m.start()) and t.startswith("之间", q.end)
    if any(o.end == m.end() - 1 and o.unit == q.unit for o in qs):
        return [q] if bounds else []  # 600亿元至650亿元: the low end is a figure already
    high = re.match(r"(\d+(?:\.\d+)?)(万亿|亿|万)?", t[q.num_start : q.end])
    if m.group(3) or not high:
        return [q]  # another word between (3个月至5万吨) or a spelled number: no range
    scale = m.group(2) or high.group(2) or ""
    per = q.value / parse_number(high.group(0))  # the unit's conversion (成 ×10)
    value = parse_number(m.group(1) + scale) * per
    low = Quantity(m.start(), q.end, m.start(), value, q.unit, q.unit_word, text[m.start() : q.end])
    return [low, q] if bounds else [low]


def _rate(n: str, u: str) -> float:
    """Percent value of one rate item (13.8倍 → 1380)."""
    v = parse_number(n)
    if u.startswith("成"):  # 一成半 → 15, 一成五 → 15
        return v * 10.0 + (5.0 if u.endswith("半") else parse_number(u[1:]) if u[1:] else 0.0)
    return round(v * 100.0, 6) if u == "倍" else v


def find_growths(text: str) -> list[Growth]:
    """Growth phrases with their rates, sign from the verb; yoy False for other bases (环比,
    比2019年)."""
    t = to_halfwidth(text)
    out: list[Growth] = []
    for m in _G_RE.finditer(t):
        if out and m.start() < out[-1].end:
            continue  # already an item of the 分别 list before (…和下降6.2%)
        sign = -1.0 if re.fullmatch(_VERBS_DOWN, m.group("verb")) else 1.0
        if any(
            (i.group("u") or "").startswith("成")
            and not re.fullmatch("[一二两三四五六七八九十1-9]", i.group("n"))
            for i in _G_ONE.finditer(t, m.start("list"), m.end("list"))
        ):
            continue
        items = list(_G_ONE.finditer(t, m.start("list"), m.end("list")))
        if "分别" in t[max(0, m.start() - 4) : m.start("verb")]:  # 分别增长3.2%，9.4%和9.6%
            while (nxt := _G_NEXT.match(t, items[-1].end())) is not None:
                items.append(nxt)
        try:
            vals = []
            for i in items:
                if "v2" in i.re.groupindex and i.group("v2"):
                    sign = -1.0 if re.fullmatch(_VERBS_DOWN, i.group("v2")) else 1.0
                if i.group("pm"):  # 增长千分之三: per mille
                    rate = parse_number(i.group("pm")) / 10.0
                else:
                    rate = _rate(i.group("n") or i.group("pn"), i.group("u") or "%")
                vals.append((-sign if i.group("neg") else sign) * rate)
        except ValueError:
            continue
        basis = m.group("basis")
        other = m.group("ob") or m.group("ob2") or m.group("ob3")  # 与去年同期相比: as 比
        rate_word = re.match("增幅|升幅|涨幅|降幅|跌幅|增速", m.group("verb"))
        if basis is None and rate_word and (b := _OTHER_BASE_BEFORE.search(t, 0, m.start())):
            basis, other = "环比", b.group(0)  # the earlier change's base, not a year ago
        # 较2019年同期 compares with an older year: not yoy here (facts re-checks the year against
        # the period).
        yoy = not (
            basis in ("环比", "年均", "按年率计算")
            or (
                other is not None
                and (
                    # a league's, a ski resort's or a crop's last season was a year ago (比上赛季
                    # 增长近四成, 比上一冰雪季增长15.6%, 较上一产季增加两成)
                    not re.search(
                        "同期|上届|去年|上年|上一年|前一年|上一?财年|上[个一]?(?:赛|冰?雪|产|榨)季",
                        other,
                    )
                    or re.search(r"\d{4}年", other)
                    or re.search(r"[年月](?:底|末|初)$", other)  # 比去年底增加近一倍: since a date
                )
            )
        )
        out.append(
            Growth(
                m.start(),
                items[-1].end(),
                vals,
                yoy,
                basis if not yoy else None,
                [i.end() for i in items],
            )
        )
    for m in _G_COMPARE_RE.finditer(t):  # 比2021年高7%
        if not any(g.start <= m.start("n") < g.end for g in out):
            sign = -1.0 if m.group("verb") == "低" else 1.0
            yoy = bool(re.search("去年同期|上年同期", m.group("ob"))) and not re.search(
                r"\d{4}年", m.group("ob")
            )
            out.append(
                Growth(
                    m.start(),
                    m.end(),
                    [sign * parse_number(m.group("n"))],
                    yoy,
                    None if yoy else m.group("ob"),
                    [m.end()],
                )
            )
    for m in _G_MORE_RE.finditer(t):
        at = m.start("half") if m.group("half") else m.start("n")
        if not any(g.start <= at < g.end for g in out):
            sign = -1.0 if m.group("verb") == "少" else 1.0
            rate = sign * (50.0 if m.group("half") else _rate(m.group("n"), m.group("u")))
            day = re.match(_ORDINARY, m.group("ob"))  # 比平时多出一半: not over a year
            base = day.group(0) if day else None
            out.append(Growth(m.start(), m.end(), [rate], not day, base, [m.end()]))
    for m in _TIMES_RE.finditer(t):
        if not any(g.start <= m.start("n") < g.end for g in out):
            # 是上年的2倍, 是上一年的1.8倍, 是去年国庆假期的1.3倍, 是去年除夕当天的3倍 (the same
            # holiday or day a year before)
            yoy = bool(
                re.fullmatch(
                    r"(?:去年|上一?年|前一年)(?:同期|同月|(?:春运|[^\d]{0,6}(?:假期|黄金周|当天|当日))(?:同期)?)?",
                    m.group("ob"),
                )
            )
            items = [m]
            if "分别" in t[max(0, m.start() - 3) : m.start()]:  # 分别是去年同期的1.6倍和1.9倍
                while (nxt := _TIMES_NEXT.match(t, items[-1].end())) is not None:
                    items.append(nxt)
            out.append(
                Growth(
                    m.start(),
                    items[-1].end(),
                    [round((parse_number(i.group("n")) - 1) * 100, 6) for i in items],
                    yoy,
                    None if yoy else m.group("ob"),
                    [i.end() for i in items],
                )
            )
    for m in _G_BEFORE_RE.finditer(t):
        if not any(g.start <= m.start("n") < g.end for g in out):
            out.append(
                Growth(
                    m.start(), m.end(), [_rate(m.group("n"), m.group("u"))], True, None, [m.end()]
                )
            )
    for m in _HALF_GROWTH_RE.finditer(t):
        if m.group("den") and _OTHER_BASE.search(t, max(0, m.start() - 12), m.start()):
            continue  # 较2020年减少了四分之一: against another base, no rate over a year
        if not any(g.start <= m.start("verb") < g.end for g in out):
            sign = -1.0 if re.fullmatch(_VERBS_DOWN, m.group("verb")) else 1.0
            part = 50.0
            if m.group("den"):
                part = round(100.0 * parse_number(m.group("num")) / parse_number(m.group("den")), 1)
            day = _ORDINARY_BEFORE.search(t, max(0, m.start() - 10), m.start())
            start, base = (day.start(), day.group("ob")) if day else (m.start(), None)
            out.append(Growth(start, m.end(), [sign * part], not day, base, [m.end()]))
    for m in _DOUBLE_RE.finditer(t):
        n = {"一": 1, "两": 2, "三": 3}[m.group("n") or "一"]  # 实现翻番: doubled
        day = _ORDINARY_BEFORE.search(t, max(0, m.start() - 10), m.start())
        # 营业额比平日翻番: a change against an ordinary day, not over a year
        start = day.start() if day else m.start()
        base = day.group("ob") if day else None
        out.append(Growth(start, m.end(), [100.0 * (2**n - 1)], not day, base, [m.end()]))
    return sorted(out, key=lambda g: g.start)


# English amounts: "$1.2 billion", "3.58 billion dlrs", "965.04 mln dlr", "14.6 pct", "5.3 percent".
_EN_CUR = {
    "$": "USD",
    "us$": "USD",
    "dlrs": "USD",
    "dlr": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "euros": "EUR",
    "euro": "EUR",
    "taiwan dlrs": "TWD",
    "hk dlrs": "HKD",
    "hong kong dlrs": "HKD",
    "tonnes": "tonnes",
    "tons": "tonnes",
    "teu": "TEU",
    "pct": "percent",
    "percent": "percent",
    "%": "percent",
    "per cent": "percent",
}
_EN_RE = re.compile(
    r"(?P<cur>US\$|\$)?\s?(?<![\d.])(?<!\d,)(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?"
    r"(?P<scale>thousand|million|mln|billion|bln|trillion)?\s?"
    r"(?P<unit>taiwan dlrs|hong kong dlrs|hk dlrs|dlrs|dlr|dollars|dollar|yen|yuan|renminbi|"
    r"euros|euro|"
    r"tonnes|tons|TEU|pct|per cent|percent|%)?(?![\w.])",
    re.IGNORECASE,
)


def find_quantities_en(text: str) -> list[Quantity]:
    """English amounts with a currency, a scale word or a percent (bare numbers and years are
    skipped)."""
    out = []
    for m in _EN_RE.finditer(text):
        cur, unit, scale = m.group("cur"), m.group("unit"), m.group("scale")
        if not (cur or unit or scale):
            continue
        value = parse_number(m.group("num") + (f" {scale}" if scale else ""))
        u = _EN_CUR[(cur or unit or "").lower()] if (cur or unit) else "number"
        start = m.start("cur") if cur else m.start("num")
        out.append(
            Quantity(
                start,
                m.end(),
                m.start("num"),
                value,
                u,
                unit or cur or scale,
                text[start : m.end()],
            )
        )
    return out
