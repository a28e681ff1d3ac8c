"""Named subjects by their type word: lines, corridors, ports, zones and regions as written.

A bulletin names what a figure is about with a head word that says its type (中老铁路,
湘粤非铁海联运通道, 满洲里口岸, 洋山深水港区, 临港新片区, 中西部地区, 长江经济带,
西部十二省（区、市）). The gazetteer cannot list every one, so a name is found structurally: a
type suffix, extended left over name characters to the nearest boundary (punctuation, a function
word, a time phrase, a verb or 我国). Coordinated names sharing one suffix (阿拉山口、霍尔果斯口岸)
are one subject; a generic name right after a named one narrows it (西部陆海新通道 +
铁海联运班列).
"""

from __future__ import annotations

import re

from haisi.nlp.gazetteer import match

__all__ = [
    "FAIRS",
    "event_name",
    "kind_only",
    "named_subjects",
    "narrowed",
    "port_name",
    "type_word",
    "typed",
]

# Trade fairs and summits by their type word or short name (进博会期间, 中国—东盟博览会).
FAIRS = (
    "博览会|交易会|展览会|洽谈会|进博会|广交会|服贸会|消博会|东博会|文博会|链博会|投洽会|海交会|丝博会"
    "|峰会"
)

# Type words, longest first within a family. Each entry: suffix pattern (with its own guards).
_SUFFIXES = (
    # corridors, railways and lines
    r"班列(?:[东中西]通道|（[^）]{2,6}）|[\u4e00-\u9fff]{1,3}号)?",
    r"(?:国际)?(?:旅客|货物)列车",  # 中老铁路国际旅客列车: the trains as a line of their own
    r"(?<=”)(?:冰雪)?(?:旅游)?专列",  # “敦煌号”旅游专列: a named tourist train runs its own figures
    r"(?:新|大|联运|物流|贸易|国际)通道",
    # a section of a line reports its own figures (中老铁路老挝段, 中老铁路国内段)
    r"(?:高铁|铁路)(?:[\u4e00-\u9fff]{2,3}段)?"
    r"(?!部门|局|公司|集团|系统|网|沿线|口岸|港|运输(?!跨境|国际|货物|旅客))",
    r"(?:航线|专线|快线|快航|航道|水道|运河|干线)",
    # supply and link projects (晋江向金门供水工程, 福建至金门联网工程, 厦金大桥（厦门段）工程)
    r"(?:供水|供电|供气|联网|输水|引水|调水|输电|大桥(?:（[^）]{2,6}）)?)工程",
    r"大桥(?:（[^）]{2,6}）)?",  # 厦金大桥（厦门段）: a section reports its own figures
    r"(?:原油|天然气|油气|输油|输气)管道(?!公司|集团)",  # 中俄原油管道: a pipeline is a line
    # waterway works, roads, heritage sites and business groups reporting their own figures
    # (三峡船闸, 三峡枢纽, 独库公路, 莫高窟, 西夏陵, 中国船舶集团)
    r"(?:船闸|枢纽|升船机|(?<![国省县乡农速])公路(?!口岸|运输|货运|客运|桥|局|部门|沿线)|石窟|窟|(?<![皇帝])陵"
    r"|集团(?!公司|旗下|下属)|工厂|电网(?!公司|投资|建设|企业|改造))",
    # named cruise boats and ferries (长江三峡游轮, 漓江游船, 粤海铁路轮渡; not 旅游船, 发航游船)
    r"(?<![航旅光华])(?:游轮|游船|轮渡)(?!码头|母港|港|公司|企业)",
    # ports and border crossings
    r"(?:港口岸|公路口岸|铁路口岸|口岸)(?!签证)",  # 口岸签证 is a visa
    # 香港港口, 长江干线港口: the ports as written (not 山东港口日照港: the port named)
    r"港口(?!岸|集团|群|企业|型|[^，。；、]{0,6}港)",
    r"(?:保税港区|港区|关区|作业区)",
    # not 回港避风, 内地访港, 港资, 港作机械
    r"(?<![开出进离抵到靠建在通经香回返访问])港(?![口澳珠务城资人作])",
    r"(?:国际机场|机场|码头(?!门诊|工人)|陆港(?!区)|空港(?!区))",  # 郑州航空港区 ends in 港区
    # zones
    r"(?:自由贸易港|自贸港|自由贸易试验区|自贸试验区|自贸区|新片区|片区|综合保税区|综保区|保税区"
    r"|综试区|经济特区|经济区)",
    r"(?:合作区|合作中心|示范区|试验区|实验区|先行区|先导区|开发区|高新区|经开区|新区|投资区|协同发展区"
    r"|产业园区|产业园|物流园区|工业园区|园区|创业园|工业园|科技园区|科技园|物流园|科学城|科技城"
    r"|(?:快件|物流|分拨|集散|监管|邮轮|集结|交易|数贸)中心|商贸城|水产城"
    r"|(?:物流合作|合作|物流|产业|创新创业)基地)",  # 中哈（连云港）物流合作基地
    r"(?:免税店|免税城)(?!内|里)",  # 海南离岛免税店, 三亚国际免税城: the shops' own sales
    # wholesale and produce markets counting their own trade (斗南花卉市场, 新发地市场)
    r"(?:花卉|果蔬|水果|农产品|海鲜|水产|批发|交易|新发地)市场",
    # stations
    r"(?:火车站|高铁站|客运站|货运站|车站|(?<![网加服务检测基工电总])站(?![台点长内稳]))",
    # events
    r"(?:博览会|交易会|展览会|展会|进博会|广交会|服贸会|消博会|东博会|文博会|链博会|峰会|论坛|大赛|比赛|马拉松"
    r"|(?:电影|艺术|旅游|文化|音乐|购物|啤酒|冰雪|美食|服装|茶|动漫|戏剧|时装|读书|科技|青年)节"
    r"|(?:经贸|合作|投资)?(?:交流会|推介会|对接会|洽谈会)|(?:发展|合作|推进)大会|恳谈会|展销会"
    r"|特展)",
    # bureaus that run or police what they count (国铁哈尔滨局, 浙江海事局, 湛江海关缉私局)
    r"(?:(?<=国铁)[\u4e00-\u9fff]{2,4}局|海事局|海关缉私局)",
    # delegations at a fair (福建交易团, 台湾采购团): the body the deals are about
    r"(?:交易团|代表团|采购团|展团)",
    # border inspection stations counting what they inspect (港珠澳大桥边检站, 北京边检总站)
    r"(?:边检站|边检总站|边防检查站)",
    # regions and economic belts
    r"(?:经济带|经济圈|经济走廊|都市圈|城市群|流域|地区(?!总部)|区域(?!总部))",
    # islands (湄洲岛, 鼓浪屿, 马祖列岛); not 离岛 (offshore duty-free), 宝岛, 全岛, 岛内, 岛屿
    # 进出岛 / 出岛 / 进岛: crossing to or from the island, no island's name
    r"(?:群岛|列岛|半岛|(?<![离宝全海进出])岛(?![内外上民游屿国])|(?<!岛)屿)",  # 岛国: countries
    # straits carrying ferries (琼州海峡, 渤海海峡); not 海峡两岸, 海峡西岸, 海峡论坛
    r"海峡(?!两岸|西岸|论坛|之声|号|[东西]岸|经济区)",
    r"省（区、市）",
    r"(?<![\d个])(?:[一两二三四五六七八九十]+|\d{1,2})(?:省（区、市）|省区市|省市区|省区|省市|省份|省|市"
    r"|个(?:片区|机场|港口|口岸|城市))"  # 乌鲁木齐、喀什、霍尔果斯三个片区
    r"(?![长委政场民])",
)
_SUFFIX = re.compile("|".join(f"(?:{s})" for s in _SUFFIXES))
_TYPED = re.compile(f"(?:{_SUFFIX.pattern})$")
_PORT = re.compile(r"(?:口岸|港区|母港|陆港|港|关区)$")
# Type words of a route between two places (厦门至金门航线, 重庆至厦门高铁).
_ROUTE_WORD = re.compile(
    r"班列|航线|专线|快线|快航|高铁|铁路|(?:国际)?(?:旅客|货物)列车|供水|供电|供气|联网|输水|输电"
)
_EVENT = re.compile(r"(?:会|论坛|赛|节|马拉松)$")
# Characters that never belong to a name: punctuation, digits, function words; 各 (福建各口岸:
# all the ports of a place) leaves the place as the subject.
_STOP = set('，。；：、,;:“”"（）()的在经从自对与和及至到向由是为已于以据共等月日去将把被也都还均')
_STOP.update("各0123456789")
# Words a name never runs across: time phrases, the nation, verbs of reporting and activity.
_BOUNDARY = re.compile(
    r"今年|去年|明年|目前|同期|以来|期间|季度|个月|月份|上半年|下半年|全年|当天|今天|近日|日前"
    r"|我国|全国|全省|全市|全区|中国(?=[^—（(]|$)|海关|统计|显示|数据|获悉|了解|记者"
    # 义乌西站发往宁波舟山港的班列: the station, not where the trains go; 售出鼓浪屿船票;
    # 进出平潭港区
    r"|发往|运抵|运往|输往|售出|进出(?![口境])(?=[\u4e00-\u9fff]{2})"
    # 持台胞证乘坐福厦高铁, 仅火炬高新区, 入境台湾地区旅客 (“入境游…” is a name)
    r"|设立|设置|乘坐|执飞|通往|靠上|我们|(?<![不])仅|(?<![出“])入境(?!游)(?=[\u4e00-\u9fff]{2})"
    r"|开往|前往|搭乘|推出|上线|往来|往返|每逢|安排|驶入|驶抵|所属"  # 辽港集团所属大连港
    r"|通过|依托|借助|实现|完成|到发|开行|开通|开辟|新开|新辟|开设|发送|运送|运输|承运|输送|通行|进出境|出入境|验放|监管|接待|吸引|服务(?!业|外包|贸易)|保障"
    r"|累计|新增|达到|突破|超过|进出口|出口|进口|贸易|外贸|首次|首趟|首列|首条|首个|首家|首批|一列|一艘|这里|这|当地"
    r"|吞吐(?!量)|航季"  # 共吞吐台湾地区水产品, 新航季国内航线: a verb or a season, no name
    r"|增速|位?居(?=[中全第前首])"  # 增速居中部六省第一位: a ranking, no name
    r"|其中|(?<![红甘])其(?!拉甫)|该港(?![口区])|该|此|预计|预测|力争|纷纷|落户|届时"
    r"|本届|此次|该届|这届|共建|共有|拥有|有|最大|第一大|全社会"
    r"|[\d一二三四五六七八九十百千万两几]+(?:多|余)?[个家条座处所批艘列]"
    r"|(?<=[这该那每])[个家条座处所批艘列趟]"  # 该条东南亚航线: the measure word is no part of it
    r"|随着|随即|开赴|标志着|加密|靠泊|停靠|离开|抵达|带动|采取|加开|增加|提升|实施|推动|支持|签约|入驻|投运"
    r"|培养|培训|首周|首日|首月|首场|假期里?|转移|撤离|疏散|安置|部分|推进|进行|延长|暂停"
    r"|投产|约占|占|助力|连接|串联|覆盖|辐射|构建|打造|形成|拓展|加快|促进|建成|建设|建|引进"
    r"|举办|举行|召开|参加|迎来|成为|作为|位于|地处|是|时刻表|走进|来到|走访|探访|距离"
    # a port group before one of its ports (山东港口日照港 → 日照港, as readers name it)
    r"|山东港口(?=[\u4e00-\u9fff])|辽港集团|河北港口集团"  # (山东港口集团 itself is a name)
)
# Bodies that only describe a kind (国际航线, 外贸航线, 铁海联运班列) name nothing by themselves.
_GENERIC = re.compile(
    r"(?:国际|国内|外贸|内贸|集装箱|货运|客运|新|直航|远洋|近洋|全货机|定期|跨境|冷链|铁海联运"
    r"|海铁联运|公铁联运|班轮|邮轮|海上|空中|陆路|航空|铁路|其他|部分|各|有关|相关|周边|沿线|全球"
    r"|偏远|重点|主要|这些|多个|一些|两|各类|综合|客源|跨|命名|热门|城市|农村|城乡|特色|港口"
    r"|高速|客货运|旅游|水运|多式联运|直达|世界|亿吨|大|回程|去程|返程|地区|港澳台|危险|受灾|灾区"
    r"|半程|全程|迷你|江海直达|近洋|直航|监测|旅客|货物|离岛|类|会议|管制)*"
)
# A type word that names the whole set (自贸试验区 = all of them) is a subject with no body.
_BARE = re.compile(
    r"自由贸易试验区|自贸试验区|综合保税区|综保区|自由贸易港|自贸港"
    r"|进博会|广交会|服贸会|消博会|东博会|文博会|链博会"
)
# Words that begin with a stop character but belong to names (经济 in 经济合作区, 都市 in 都市圈).
_WORDS = {"经济", "经贸", "经开", "都市", "和平", "和谐", "对外", "自由", "自贸", "自治"}
# 平潭对台客滚航线, 福建沿海对台海上客运航线: a line to Taiwan named with its place
_TAIWAN_LINE = re.compile(r"[^，。；：、]{0,6}航线")
# Provinces readers leave off a port's, airport's or zone's own name (内蒙古甘其毛都口岸 →
# 甘其毛都口岸, 湖北鄂州花湖国际机场 → 鄂州花湖国际机场, 新疆霍尔果斯口岸 → 霍尔果斯口岸); others
# (广西, 福建) they split on or keep. Not the province's own bodies (湖北省…, 内蒙古自治区…).
_PROVINCE_CUT = re.compile(
    r"(?:内蒙古|安徽|江西|湖北|湖南|四川|陕西|新疆(?!维吾尔))(?![\u4e00-\u9fff]{0,2}(?:省|自治区))"
)
_MAX = 14  # longest name body before its type word
# 日 inside a name (布鲁日港, 安特卫普—布鲁日港), not a date's (12日, 十二日) or a day word's (今日)
# (日韩航线: Japan and Korea; 单日: a single day)
_NAME_DAY = re.compile(
    r"(?![的在经从自对与和及至到向由是为已于以据共等去将把被也都还均往今昨近节假每当次本同首前翌"
    r"周平半整月时单一二三四五六七八九十廿卅])[\u4e00-\u9fff]日(?![韩均])"
)


def _left(pre: str, end: int, floor: int, inside: tuple[tuple[int, int], ...] = ()) -> int:
    """Start of the name body that ends at ``end``: back to a stop character or boundary word.

    ``inside`` are gazetteer names in ``pre``: a boundary word within one (建 in 福建) is no
    boundary.
    """
    i = end
    while i > floor and end - i < _MAX:
        if pre[i - 1] == "）" and (j := pre.rfind("（", floor, i)) >= 0 and i - j <= 6:
            i = j  # 中国（海南）自由贸易试验区
        elif (
            (
                pre[i - 1] in _STOP
                and pre[i - 1 : i + 1] not in _WORDS
                and not (  # 平潭对台客滚航线 (not 其中，对台集装箱航线: a kind)
                    pre[i - 1 : i + 1] == "对台"
                    and _TAIWAN_LINE.match(pre, i + 1)
                    and i - 2 >= floor
                    and pre[i - 2] not in _STOP
                )
                and not (pre[i - 1] == "日" and i - 2 >= floor and _NAME_DAY.match(pre, i - 2))
                and not any(a < i <= b for a, b in inside)  # 都 of 成都
                and pre[i - 2 : i] != "首都"  # 北京首都国际机场
                and not (pre[i - 1] == "都" and i == end)  # 甘其毛都口岸: 都 ends the name
            )
            or (pre[i - 1] == "年" and pre[i - 2 : i - 1].isdigit())
        ):  # 2025年上海关区
            break
        else:
            i -= 1
    cut = i
    for m in _BOUNDARY.finditer(pre, max(floor, i - 3), end):  # 到|发中欧班列: 到发 straddles
        if not any(a <= m.start() and m.end() <= b for a, b in inside):
            cut = max(cut, m.end())
    return cut


_PEOPLE = re.compile(r"(?:旅客|游客|居民|公民|人员)$")


def _coordinated(pre: str, start: int, floor: int, inside: tuple[tuple[int, int], ...] = ()) -> int:
    """Extend a name over coordinated names before it (阿拉山口、霍尔果斯口岸; 中西部和东北地区);
    a gazetteer name before the list mark is one item whatever precedes it (新疆铁路阿拉山口)."""
    ends = {b: a for a, b in inside}
    while start - 1 > floor and pre[start - 1] in "、和":
        j = ends[start - 1] if ends.get(start - 1, -1) >= floor else _left(pre, start - 1, floor)
        if not 2 <= start - 1 - j <= 5 or _PEOPLE.search(pre, j, start - 1):
            break  # 中国香港旅客和台湾地区旅客: travellers listed, not places
        start = j
    return start


def type_word(name: str) -> str | None:
    """The type word a name ends in (口岸, 港, 自贸试验区 …), or None."""
    m = _TYPED.search(name)
    return m.group(0) if m else None


def typed(name: str) -> bool:
    """True when a name ends in a type word (a line, corridor, port, zone or region)."""
    return bool(_TYPED.search(name))


def port_name(name: str) -> str:
    """The port type word a name ends in (口岸, 港, 港区, 关区), or "" for none."""
    m = _PORT.search(name)
    return m.group(0) if m else ""


def event_name(name: str) -> bool:
    """True for an event (博览会, 广交会, 峰会)."""
    return bool(_EVENT.search(name))


def narrowed(name: str) -> str | None:
    """The named subject a generic kind narrows (广西北部湾港 of 广西北部湾港集装箱航线,
    “丝路海运” of “丝路海运”命名航线) or None."""
    last = None
    for last in _SUFFIX.finditer(name):
        pass
    if last is None or last.end() != len(name):
        return None
    body = name[: last.start()]
    for k in range(2, len(body)):
        head = body[:k]
        if _GENERIC.fullmatch(body[k:]) and (
            head.endswith("”") or _TYPED.search(head) or any(e["end"] == k for e in match(head))
        ):
            return head
    return None


def kind_only(body: str) -> bool:
    """True when a name body only describes a kind (国际铁路, 集装箱) and names nothing."""
    return bool(_GENERIC.fullmatch(body))


# Regions a class of lines is named by (东盟航线, 涉非航线, 南亚方向): a class of a port's or an
# airport's routes, not a subject of its own.
_ROUTE_CLASS = re.compile(
    r"(?:东盟|南亚|日韩|澳新|涉非|非洲|大洋洲|东南亚|中东|欧美|东北亚)(?:及地区)?"
    r"(?:客运|货运|全货机)?"
)


def _generic(body: str, type_word: str) -> bool:
    """True when a body names no particular subject (国际航线; one character; a bare 港; a
    class of lines: 东盟航线)."""
    if not body:
        return not _BARE.fullmatch(type_word)
    if type_word == "航线" and _ROUTE_CLASS.fullmatch(body):
        return True
    return len(body) == 1 or bool(_GENERIC.fullmatch(body))


# A route between places before 的 (平潭至台中、台北的海上客滚航线): the places after 至.
_ROUTE_ENDS = re.compile(r"至[^，。；：,;“”的至]{2,14}$")


def _route_before(pre: str, de: int, inside: tuple[tuple[int, int], ...]) -> int:
    """Start of ``X至Y的`` ending at ``de`` (the 的) when X is a place or port, else ``de + 1``."""
    m = _ROUTE_ENDS.search(pre, max(0, de - 15), de)
    if not m:
        return de + 1
    j = _left(pre, m.start(), 0, inside)
    x = pre[j : m.start()]
    if 2 <= len(x) and (any(a == j for a, _b in inside) or port_name(x)):
        return j
    return de + 1


# What may close a list of a line's destinations before its type word (…、台北两条, …、台中等,
# …、槟城港的)
_LIST_CLOSE = re.compile(r"(?:等(?:地|国|城市|港口)?的?|的?[两三四五六七八九十]条|的)?$")


def _route_list(pre: str, start: int, floor: int, inside: tuple[tuple[int, int], ...]) -> int:
    """Start of a line's origin and listed destinations before its name (平潭至台中、台北两条海上
    客滚航线, 厦门至台北、高雄、台中等两岸航线): readers name the line with them; else ``start``."""
    close = _LIST_CLOSE.search(pre, max(floor, start - 6), start)
    end = close.start() if close else start
    lo = max(floor, end - 36)
    for z in (i for i in range(lo, end) if pre[i] == "至"):
        dests = pre[z + 1 : end]
        if "、" not in dests or re.search(r"[，。；：,;:（）()“”至]", dests):
            continue
        j = _coordinated(pre, _left(pre, z, floor, inside), floor, inside)
        if 2 <= z - j and not re.search(r"[，。；：,;:]", pre[j:z]):
            return j
    return start


# A count of places as a type word (乌鲁木齐、喀什、霍尔果斯三个片区), a name only after a list.
_COUNTED = re.compile(r"[\d一两二三四五六七八九十]+个")
# An event's edition right before its name (第36届|青岛国际啤酒节, 第三届全国|乡村旅游发展大会).
_ORDINAL = re.compile(r"第[\d一二三四五六七八九十百零]+届(?:全国|中国)?$")


def named_subjects(pre: str) -> list[tuple[int, int, str]]:
    """Subjects named by a type word in ``pre`` as (start, end, name), in text order."""
    out: list[tuple[int, int, str]] = []
    floor = 0
    floors: list[int] = []  # the floor each name in ``out`` was found above
    inside: tuple[tuple[int, int], ...] | None = None
    places: dict[int, str] = {}
    for m in _SUFFIX.finditer(pre):
        if inside is None:  # gazetteer names, looked up once and only when a type word occurs
            found = [e for e in match(pre) if e["end"] - e["start"] > 1]
            inside = tuple((e["start"], e["end"]) for e in found)
            places = {e["start"]: e["label"] for e in found}
        # 上合组织（连云港）国际物流园: the place in brackets is part of the name around it
        if out and pre[out[-1][0] - 1 : out[-1][0]] == "（" and pre.startswith("）", out[-1][1]):
            floor = floors.pop()
            out.pop()
        start = _left(pre, m.start(), floor, inside)
        if _ROUTE_WORD.match(m.group(0)) and pre[start - 1 : start] in "至向" and start - 1 > floor:
            j = _left(pre, start - 1, floor, inside)  # 厦门至金门航线: a route between two places
            if 2 <= start - 1 - j <= 6 and any(a == j for a, _b in inside):
                start = j
        if _ROUTE_WORD.match(m.group(0)) and pre[start - 1 : start] == "的":
            start = _route_before(pre, start - 1, inside)  # may reach over ports named in it
        if _ROUTE_WORD.match(m.group(0)) and start - 1 > floor:
            start = _route_list(pre, start, floor, inside)
        if m.group(0) == "港口" and not (
            places.get(start) in ("PROVINCE", "CITY")
            or pre.startswith(("长江", "沿江"), start)
            or (out and out[-1][1] == start)  # 长江干线港口
        ):
            continue  # 中国港口, 欧洲港口, 内河港口: counterparts or a kind, not a place's ports
        if pre.startswith("按", start):
            continue  # 按接单地区看: a breakdown, no place
        # 该条东南亚航线: a line pointed to is that line, not a class of lines
        pointed = pre[max(floor, start - 2) : start] in ("该条", "这条")
        generic = _generic(pre[start : m.start()], m.group(0)) and not pointed
        quote = pre.rfind("“", floor, start)
        # A quote right before the type word is in the name: it names a generic body (“海上福州”
        # 命名航线) or a short one precedes a named body (“小三通”厦金航线); not “一带一路”.
        reach = 22 if generic else 8
        if start > floor and pre[start - 1] == "”" and quote >= max(0, start - reach):
            if not pre.startswith("“一带一路", quote):
                start, generic = quote, False
                if 2 <= quote - (j := _left(pre, quote, floor, inside)) <= 3:
                    start = j  # 厦金“小三通”航线: the places before the quote are in the name
        # 厦金航线、两马航线 (two lines, one subject); 西部陆海新通道铁海联运班列 (a kind narrows
        # the name before it)
        joins = out and (
            (out[-1][1] == start - 1 and pre[start - 1] == "、")
            or (generic and out[-1][1] == start)
        )
        if joins:
            start = out.pop()[0]
        elif generic:
            continue
        else:
            start = _coordinated(pre, start, floor, inside)
        if _EVENT.search(m.group(0)) and re.search(r"(?<!\d)(?:19|20)\d\d$", pre[floor:start]):
            start -= 4  # 2026杭州马拉松, 2026两岸企业家峰会: the year belongs to the event's name
        if _EVENT.search(m.group(0)) and (
            o := _ORDINAL.search(pre, floor, start + (pre.startswith("届", start)))
        ):  # 第36届青岛国际啤酒节, 第三届全国乡村旅游发展大会: the edition is named
            start = o.start()
        if (
            (cut := _PROVINCE_CUT.match(pre, start, m.end()))
            and m.end() - cut.end() >= 4
            and not m.group(0).startswith("集团")  # 湖北机场集团: a group keeps its province
        ):
            start = cut.end()  # 内蒙古甘其毛都口岸: readers name it without these provinces
        if _COUNTED.match(m.group(0)) and not re.search("[、和及与]", pre[start : m.start()]):
            continue  # 通达38个城市: places counted, not a list of places named (三个片区)
        out.append((start, m.end(), pre[start : m.end()]))
        floors.append(floor)
        floor = m.end()
    return out
