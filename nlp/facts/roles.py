"""Who and what a figure is about: reporter, partner and commodity, as written in the text.

The guide copies names as written; China as a whole is ``全国``. A share names whose total it is
(reporter) and the part (partner): 东盟占我国外贸总值 → 全国 / 东盟.
"""

from __future__ import annotations

import re
from functools import lru_cache

from haisi.nlp.facts.names import (
    FAIRS,
    event_name,
    kind_only,
    named_subjects,
    narrowed,
    port_name,
    type_word,
    typed,
)
from haisi.nlp.gazetteer import customs_province, entries, match, places_in
from haisi.reference.countries import outside_mainland

__all__ = [
    "DEICTIC",
    "deictic_kind",
    "carries",
    "CHINA",
    "clean_item",
    "counted_places",
    "counterparts",
    "counted_line",
    "antecedent",
    "commodity",
    "domestic",
    "foreign",
    "each_reporter",
    "item_reporter",
    "item_role",
    "list_items",
    "national_body",
    "partner",
    "reporter",
    "share_roles",
    "site",
    "subjects",
]

# National bodies: the nation when they are the source of figures, else the body as written
# (国家发展改革委下达5亿元, 中央组织部划拨专项资金).
_BODIES = (
    r"海关总署|国务院|国铁集团|中央财政|中央(?=已|累计|预拨|下拨|下达|拨付)|中央[^，。；]{1,4}部|国家[^，。；的]{1,8}?(?:委|局|署)"
    r"|(?:商务|财政|交通运输|文化和旅游|农业农村|生态环境|水利|工业和信息化|外交|应急管理|自然资源"
    r"|人力资源社会保障|住房和城乡建设|公安|教育|科技|民政|卫生健康)部(?!门)"  # 教育部门: a kind
)
_BODY = re.compile(f"(?:{_BODIES})")


def national_body(name: str) -> bool:
    """True for a ministry, bureau or the State Council (国家能源局, 商务部): a source of the
    nation's figures, which the guide writes 全国."""
    return bool(_BODY.fullmatch(name))


# A body reporting (交通运输部预计, 国家能源局今天发布数据): the source of national figures.
_SOURCE_AFTER = re.compile(
    r"(?:今天|昨天|近日|日前)?(?:（[^）]{2,10}）)?(?:发布|公布|通报|预计|预测|测算|数据|统计|最新)"
)
# 数字中国, 美丽中国 name a programme, not China.
_SLOGANS = "数字|美丽|健康|平安|智慧|魅力|幸福|法治|绿色|诗画|文化|品牌|活力|体育|书香"
_SLOGAN = re.compile(f"(?:{_SLOGANS})$")
_NATIONAL = re.compile(
    # 全国重点实验室, 全国人大代表: a title or class, not the nation
    rf"我国|全国(?!重点|人大|政协|文明|先进|优秀|示范|劳模|劳动模范|百强|首批)|(?<!{_SLOGANS})(?<!其)中国(?!企业|船企|式|建设|”)|(?<![\u4e00-\u9fff])我(?=与|对|同)"
    # a national body as the source of national figures (海关总署发布, 国铁集团获悉)
    rf"|(?:{_BODIES})(?=[^，。；]{{0,30}}?(?:消息|统计|数据|发布|公布|获悉|显示|介绍|表示|了解|公告|通报|宣布|监测|测算))"
    r"|(?<![洲亚欧])大陆(?=与|对|同|自)"  # 大陆对台出口: the mainland, China
)
# Scenic and visitor sites (the guide's reporters besides places).
_SITES = (
    "景区|风景名胜区|风貌区|旅游区|度假区|公园|长城|村寨|滑雪场|大世界|古城|古镇|博物院|博物馆|美术馆|纪念馆"
    "|动物园|植物园|乐园|土楼|街区|步行街|古街|老街|故居|祖庙|寺|庙(?!会)|(?<=..)宫(?![殿廷博文])|交易所"
    "|市场群|商贸城|(?:丝绸|批发|交易|专业)市场"  # 中国轻纺城市场群, 中国东方丝绸市场
)
# 是 after a day (今天是中老铁路开通运营四周年) makes no predicate: the day is no subject.
_NOT_A_DAY = r"(?<!今天)(?<!日)(?<!日）)"
# A name right after a counterpart word or a transitive verb is not the subject (对东盟, 进口非洲…,
# 上合示范区到发中欧班列, 与第一大贸易伙伴——东盟, 福建先后在宁夏 — but 在西藏，… is).
_NOT_SUBJECT = re.compile(
    r"(?:对|与|同|从|自|至|到|向|和|及|、|占|于|为|给)$|占同期$"
    # A与B之间 is a subject; 参与 is no counterpart (由中国企业承建并参与运营的蒙内铁路)
    r"|(?:对|(?<!参)与|同(?![期比]))(?![^，。；对与同]*之间)[^，。；对与同]{0,12}$"
    r"|[\u4e00-\u9fff]了$|(?:位于|地处)[^，。；：的]{0,8}$|随着[^，。；]*$"
    rf"|{_NOT_A_DAY}(?:是|成为|作为)(?:我国|全国|中国)?$|(?:高出|超出|领先|比|低于|落后)$"
    r"|(?:进口|出口|利用|到发|开行|通行|进出境|出入境|验放|监管|发送|承运|输送|开通|接待|吸引"
    r"|通达|覆盖|辐射|联通|连接|前往|抵达|到达|发往|运往|驶往|飞往|开往|往来|往返|销往|输往|远销|来自|源自|直航|通往"
    r"|新增|新设|新建|建成|获批|批复|拥有|加密|新开|新辟|设置|设立|开设|设有|推进)(?:了)?$"
)
# 从上海港出发的邮轮: the port a service leaves from is its subject, not a counterpart.
_ORIGIN = re.compile(r"(?:出发|始发|启程|开出|驶出)")
# 福建先后在宁夏建了…: a place after 在 is where the subject before it acted, when the clause names
# one (目前在福建有近20台 has none: 福建 is the subject).
# …12月19日在北京举行: the city is where an event took place, not whose figures follow.
_VENUE = re.compile(r"(?:隆重)?(?:举行|举办|开幕|闭幕|召开|开展|落幕)")
_AFTER_ZAI = re.compile(r"[^，。；：\s]在(?:[^，。；：\s]{2,4})?$")
# A day opening a sentence before its subject (今天（10月19日），…).
_DATE_LEAD = re.compile(r"(?:今天|昨天|近日|日前|\d{1,2}月\d{1,2}日)(?:（[^）]{2,10}）)?[，,]")
# Named subjects the gazetteer does not hold, as written: routes and lines, ports and zones,
# events, economic regions and scenic spots (the guide's reporters besides places).
_STOP = r"，。；：、,;:“”（）()\d的在经从对与和及至到向由是为已于以据共等其中年月日去各"
# Words pointing back to a place or named subject: 这里, 当地, 该口岸, 该班列, 该码头, 该区.
_DEICTIC = (
    r"当地|这里|这家工厂"
    r"|该(?:口岸|港区|港口|港(?![\u4e00-\u9fff]{2,4}(?:港区|作业区|码头))|片区|园区|班列|航线|机场"
    r"|综保区|新区|关|码头|区|工厂|国)"  # 该港江阴港区: the port area named, not 该港
)
# A character of a name: 中 stops one only as part of 其中 (中山路步行街, “义新欧”中欧班列), 月
# only as part of a date (月牙泉 is a name, 8月 and 本月 are not).
_NAME_CHAR = (
    rf"(?:[^{_STOP}]|(?<!其)中"
    r"|(?<![\d一二三四五六七八九十正腊本上下当每个同至])月(?![\d份底末初中]))"
)
_SUBJECT = re.compile(
    r"(?:金砖城市跨境电商空运专线|[\u4e00-\u9fff]{2,4}[—至](?:(?!等)[\u4e00-\u9fff]){2,4}|两岸)?"
    r"“(?!一带一路)[^”]{2,20}”(?:客运)?(?:航线|专线)"
    rf"|“(?!一带一路)[^”]{{2,14}}”{_NAME_CHAR}{{0,6}}?(?:班列|货物列车)"
    # (班列“不停运、不断档” quotes a slogan, not a line's name)
    r"|(?:金砖城市跨境电商空运专线|专线|中欧班列|中亚班列|班列)“(?!不)[^”、，]{2,20}”"
    # named ships and trains: “和平方舟”号医院船, “爱达·魔都”号邮轮
    r"|“[^”]{2,10}”号(?:医院船|邮轮|货轮|客轮|轮|船|列车|班列)?|“[^”]{2,10}号”"  # “爱达·魔都号”
    rf"|“丝路海运”|{_DEICTIC}"
    # 稳居全省首位 ranks the subject before it; 全省 is no subject there
    r"|(?<![居列])全(?:省|市|区|岛)(?![场域内外])|我(?:省|市)(?![场域内外])|全球(?=范围)"
    r"|(?:(?<=本届)|(?<=此次)|^)(?:博览会|展会|交易会|展览会|洽谈会|大会|论坛|峰会|电影节|艺术节|旅游节"
    r"|投洽会|海交会|丝博会|进博会|广交会|服贸会|消博会|东博会|文博会|链博会"
    r"|(?<=本届)[\u4e00-\u9fff]{1,2}博会)"  # 本届农博会, 本届花博会
    r"|(?:第[\d一二三四五六七八九十百]+|首)届[^，。；]{0,20}?"
    r"(?:博览会|广交会|进博会|交易会|展览会|洽谈会|投洽会|海交会|丝博会|大会|服贸会|消博会|东博会"
    r"|文博会|链博会|峰会|比赛|大赛|视听周|电影周|文化周|电影节|论坛(?:大会)?)"
    r"(?:大型贸易投资对接会|年会|暨[^，。；]{2,12}?(?:洽谈会|交易会|博览会|论坛|大会|对接会)"
    r"|[一二三]期(?!间))?"  # 第139届广交会一期: a phase reports its own figures
    r"|\d{4}年?(?=中国|国际|海峡|世界|全球)[^，。；\d]{2,20}?(?:博览会|交易会|展览会|洽谈会)"
    # a year and a fair's short name (2026年服贸会今天闭幕): as written, year and all
    r"|(?<!\d)\d{4}年?(?:投洽会|海交会|丝博会|进博会|广交会|服贸会|消博会|东博会|文博会|链博会)"
    r"|长三角|珠三角|粤港澳大湾区|京津冀|北部湾|内地(?=与|对|同)|(?<![\u4e00-\u9fff])沿海港口"
    r"|全国(?:沿海)?邮轮(?:口岸|港口)"
    # an event opening a sentence with where and when it is held (2025两岸企业家峰会年会今天在南京
    # 开幕, 湄洲妈祖祖庙秋祭大典在莆田举行): its participants and deals are its figures
    rf"|^(?:{_DATE_LEAD.pattern})?[^，。；：{_STOP[1:]}]{{0,2}}[^，。；：]{{4,28}}?"
    r"(?:年会|会议|论坛|大典|活动|仪式|庆典|文化周|活动周|旅游周)"
    r"(?=(?:今天|昨天|近日|日前|昨晚|今晚|\d{1,2}月\d{1,2}日)?(?:（[^）]{2,10}）)?(?:上午|下午|晚上?)?"
    r"(?:在[^，。；]{2,14})?(?:隆重|正式)?(?:举行|举办|开幕|召开|闭幕|落幕))"
    rf"|(?:{_BODIES})(?:、(?:{_BODIES}))*"  # 财政部、水利部: as written
    r"|(?<![\u4e00-\u9fff])民营企业"
    r"|(?<![\u4e00-\u9fff])(?:东部|中部|西部|东北|中西部)(?=[，,])"
    rf"|{_NAME_CHAR}{{2,12}}?(?:{_SITES})(?:景区|旅游区)?"  # 喀什古城景区
    rf"|[^{_STOP}]{{2,4}}[省市](?:民营|台资|外资)企业"
    rf"|(?:一家|这家|该|这个)[^{_STOP}]{{0,8}}?(?:企业|公司|工厂|旅行社|商行|平台|门店)"
    # a platform whose data the figures are (在线旅游平台数据显示, 据机票预订平台统计)
    rf"|(?:一家|主要|国内)?(?:在线)?[^{_STOP}]{{0,4}}?(?:旅游|电商|预订|出行|生活服务)平台"
    r"(?=数据|统计|监测)"
    # (not the tail of a longer name: 蒙古族自治县; nor 省区市, the provinces as a class)
    rf"|(?!间)[^{_STOP}城超都门上就]{{2,3}}(?<![全各本该每互省地开])(?<!自治|省区)[市县](?:主城区)?"
    r"(?![场民政委级区内城域]|、[县区乡镇])"
    rf"|[^{_STOP}城超都门上乡]{{1,3}}(?<![小城乡集古各全该本每重])镇(?![场民政委级区内城域])"
    # villages as written (村头村); not kinds (农村, 乡村, 山村, 渔村, 古村, 新村, 亿元强村 305个)
    rf"|[^{_STOP}城超都门上乡农山渔新区县]{{2,4}}(?<![小城乡集古各全该本每重一强])村"
    r"(?![民委级庄落镇寨\d])"
)
_LEAD = re.compile(
    r"^(?:新疆|四川|河南|湖北|湖南|江西|安徽|河北|辽宁|贵州|陕西|甘肃|浙江|江苏|广东|福建|山东"
    r"|黑龙江|云南|在(?!线)|今年|目前|今天|昨天|涵盖|包括|全省|全市|全区"
    r"|为期[\d一二三四五六七八九十两]+天的)+(?=.{2})"
)


_ADMIN = re.compile(r"^[\u4e00-\u9fff]{1,3}?[州县]")
# 两岸 describing a kind of activity or people (两岸交流活动, 两岸青年), not the pair reporting.


# Groups of firms a place's figures are given for (福建民营企业, 泉州台资企业), as written.
_FIRM_GROUPS = ("民营企业", "台资企业", "外资企业")
_GROUPS = _FIRM_GROUPS + ("沿海港口",)  # groups a place's (or the nation's) figures are given for
# Words a place's name runs on into, as bulletins write it: 澳门特区, 深圳各口岸, 深圳各陆路口岸,
# 广西边境口岸, 山东沿海港口, 山东港口 (the province's port group) doing something.
_PLACE_TAIL = re.compile(
    r"特区(?!政府)|各(?:(?:陆路|公路|铁路|水运|空港|海港)?口岸|港口|机场)|边境口岸|沿海港口"
    r"|港口(?=完成|实现|累计|新增|新开|开通|共|已)"  # 山东港口完成…: the port group
    r"|企业(?=在|已在|申领|凭|对华|累计)"  # 深圳企业在全球布局海外仓…: the place's firms
)
# The organ a 省/市 begins (四川省政府, 福建省文旅厅, 海南省旅游和文化广电体育厅, 福建省防指,
# 云南省十四届人大): the place is written without it (not before 部门: 福建省文旅部门).
_ORGAN = re.compile(
    r"[^，。；：、]{0,12}?(?:人民政府|政府|厅|局|委员会|委|指挥部|防指|人大|政协|协会|商会)"
)
_VIA_PORT = re.compile(
    r"经([^，。；经、]{2,14}?(?:口岸|港区|港|机场))(?:进出境|进出口|出入境|中转)?的$"
)
_VIA_QUOTED = re.compile(r"经(“[^”]{2,8}”)(?=往来|往返|出入境|进出|进境|出境|入境)")
# A list of destinations: after 至 / 通达 …, closed by 等地 / 等国.
_TOWARDS = re.compile(r"(?:至|往|通达|直达|覆盖|辐射)[^，。；]*$")
# Verbs of where a service is bound for (开往德国杜伊斯堡的班列).
_BOUND = "开往|发往|运往|驶往|飞往|前往"
_BOUND_FOR = re.compile(f"(?:{_BOUND})[^，。；]*$")
_PLACES_END = re.compile(r"[^，。；]{0,12}?等(?:地|国|城市|国家|港口|口岸)")


# A joint subject, as written: a list of places or named subjects closed by what they are
# (广西东兴、友谊关、龙邦、水口等口岸, 威海、烟台两地船企) or two of one kind (成都天府国际机场和
# 双流国际机场): the figure is the list's, so the list is the reporter (a 分别 list gives each
# member its own figure and reporter). A time word before it is no member (去年全年吴淞口、…).
_JOINT_KIND = (
    r"(?:地区?|城市|港口|港区|口岸|机场|码头|景区|度假区|滑雪场|场馆|航线|车站|站|省区|省份|省|市|县"
    r"|港|铁路|船企|油厂|基地|平台)(?!场)"
)
# a member's character: no verb of a route or a stay (开通至…, 飞往…, 已入驻来自…) runs in
_MEMBER = (
    r"(?:(?!开通|以来|入驻|来自|转运|造成|设置|增设|推出|举办|期间|假期)"
    r"[^，。；：、和及与等的在经从由至往其各已共着对据\s\d（）()“”])"
)
_JOINT = re.compile(
    rf"(?:(?P<lead>[^，。；：]{{0,12}}?)[的在经从由到])?(?:今年|去年|全年|目前|假期)*"
    rf"(?P<j>(?!将){_MEMBER}{{2,10}}?"
    rf"(?:(?:、{_MEMBER}{{1,14}}?)+(?:[和及]{_MEMBER}{{2,14}}?)?"
    rf"(?:等(?:[两三四五六七八九十\d]+(?:个|座|家|大|条))?|[两三四五六七八九十\d]+(?:个|座|家|大|条)?)"
    rf"{_MEMBER}{{0,6}}?(?:{_JOINT_KIND})+"
    rf"|和{_MEMBER}{{2,14}}?(?P<kind>机场|码头|铁路|港|口岸)))(?!之间)"
)
# who acts at or through the listed places (边检部门在瑞丽、河口等口岸…): the list is no subject
_ACTOR = re.compile(r"(?:部门|居民|游客|旅客|企业|公司|政府|人员)$")


def _joint(pre: str, last: tuple[int, int, str] | None) -> str | None:
    """The list opening the clause of ``last`` (the last subject; None: of the figure) and
    holding it, when the list is the clause's subject and the figure is not given for each
    member (分别)."""
    at = last[0] if last else len(pre)
    cs = max(pre.rfind(c, 0, at) for c in "，。；：") + 1
    m = _JOINT.match(pre, cs)
    if not m or (last and not m.start("j") <= at < m.end("j")) or "分别" in pre[m.end("j") :]:
        return None
    if m.group("lead") and _ACTOR.search(m.group("lead")):
        return None
    if m.group("kind") and not m.group("j").split("和")[0].endswith(m.group("kind")):
        return None  # 蒙内铁路和内马铁路: two of one kind
    return m.group("j")


_SITE = re.compile(f"(?:{_SITES}|(?<=[\u4e00-\u9fff]{{2}})村)$")  # 宁德下党村
_KIND_OF_SITE = re.compile(
    rf"(?:(?:累计|已)?(?:关闭|暂停开放|恢复开放)|新增|新建|新评|新晋|共有|拥有|已建成|建成)?"
    rf"(?:全省|全市|全国|全区)?"
    rf"(?:重点|主要|热门|各大|各|部分|多个|国家级|省级|[345]?A级|旅游|监测|室内|室外|户外|备案)+"
    rf"(?:{_SITES})"
    rf"|(?:已建成|建成)(?:{_SITES})"
)


def _trim(name: str) -> int:
    """How many leading characters of a named subject are not part of it (time words, 在, 巴州…)."""
    if date := _DATE_LEAD.match(name):  # 今天（10月19日），湄洲妈祖祖庙秋祭大典
        return date.end() + _trim(name[date.end() :])
    if re.match(r"经[^—至]{2,}[—至]", name):  # 经马尾—马祖“小三通”航线: the route, not 经
        return 1
    if name.startswith(("“", "第")) or name.endswith(_FIRM_GROUPS) or re.match(r"..+?[—至]", name):
        return 0
    if name[-1] in "市县":  # 前三季度青岛市 → 青岛市 (度青岛市 before): a known place starts it
        known = [e["start"] for e in match(name) if e["end"] >= len(name) - 1 > e["start"] + 1]
        if known:
            return known[0]
    cut = 0
    while (lead := _LEAD.match(name[cut:]) or _ADMIN.match(name[cut:])) and len(
        name
    ) - cut - lead.end() >= 4:
        cut += lead.end()
    return cut


def site(name: str) -> bool:
    """True for a scenic or visitor site named by its type word (三坊七巷历史文化街区)."""
    return bool(_SITE.search(name)) and len(name) >= 2  # 土楼 in a list of sites is one


def foreign(name: str) -> bool:
    """A customs territory other than the mainland's: a country, Taiwan, Hong Kong or Macao, or a
    linked group of countries (东盟, 欧洲); not a mainland place."""
    # 香港特区 is 香港; 中亚地区 is 中亚 (a world region named with its type word)
    e = entries().get(name.removesuffix("特区")) or entries().get(name.removesuffix("地区"))
    if not e or e[2] == "CHN":  # 中国, 大陆, 中国大陆: the mainland itself
        return False
    return e[0] == "COUNTRY" or outside_mainland(e[2]) or (e[0] == "REGION" and bool(e[2]))


_FRAME = re.compile(r"(?:^|[。；，,])\s*在([\u4e00-\u9fff]{2,10})[，,]")


def _framed(pre: str) -> list[tuple[int, int, str]]:
    """The place an "在X，" frame names when the gazetteer lacks it: 在河南开封， → 开封."""
    out = []
    for m in _FRAME.finditer(pre):
        start, body = m.start(1), m.group(1)
        while (hit := places_in(body)) and hit[0][0] == 0 and len(body) - hit[0][1] >= 2:
            start, body = start + hit[0][1], body[hit[0][1] :]
        if 2 <= len(body) <= 4 and not places_in(body):
            out.append((start, m.end(1), body))
    return out


# Words a type-word name can swallow that are no part of it (开辟了专用作业区, 计划执行东南亚航线,
# 9月份三港).
_VERB_LEAD = re.compile(
    r"(?:[\u4e00-\u9fff]?了|计划执行|计划|执行|运营|开出|办理|开启|份(?=[一二两三四五六七八九十])"
    r"|(?<=[这该那每一])[条艘列座家个处所])"  # 这条全货机航线: the measure word is no part of it
)


def _typed(pre: str) -> list[tuple[int, int, str]]:
    """Subjects named by a type word (lines, ports, zones, regions), leading time/place words cut.

    A subject right after another one narrows it (港珠澳大桥珠海公路口岸, 上海自贸试验区临港新片区);
    a coordinated list (阿拉山口、霍尔果斯口岸) stands on its own.
    """
    out: list[tuple[int, int, str]] = []
    for s, e, name in named_subjects(pre):
        lead = _LEAD.match(name)  # 在/今年/目前 before a name; a province stays (新疆阿拉山口口岸)
        if lead and len(name) - lead.end() >= 4 and lead.group(0) in "在今年目前":
            s += lead.end()
        if name.endswith(("边检站", "边检总站", "边防检查站")) and _SOURCE_AFTER.match(pre, e):
            continue  # 据青岛边检站统计: the source of its port's figures, not the subject
        if port_name(name) and pre.startswith("港口", s) and e - s > 4:
            s += 2  # 山东港口青岛港: the port group's port, named by its own name
        if (verb := _VERB_LEAD.match(pre, s, e)) and e - verb.end() >= 2:
            s = verb.end()  # 开辟了专用作业区, 计划执行东南亚航线, 9月份三港: no part of the name
            body = pre[s : e - len(type_word(pre[s:e]) or "")]
            if len(body) <= 1 and body not in "一两二三四五六七八九十":
                continue  # 运营母港航次: a bare type word (母港) names nothing; 三港 is counted
        if (
            (hit := places_in(pre[s:e]))
            and hit[0][0] == 0
            and foreign(hit[0][2])
            and not _sar_or_tw(hit[0][2])
            and e - s - hit[0][1] >= 3
            and not pre.startswith("（", s + hit[0][1])  # 上合组织（连云港）国际物流园: one name
            and not kind_only(pre[s + hit[0][1] : e - len(type_word(pre[s:e]) or "")])
        ):
            s += hit[0][1]  # 希腊比雷埃夫斯港, 秘鲁钱凯港, 印尼雅万高铁: the country is where it is
        if out and out[-1][1] == s and not re.search(r"[、和]", pre[s:e]):
            s = out.pop()[0]
        out.append((s, e, pre[s:e]))
    return out


def _place_before(pre: str, start: int) -> int:
    """Start of a place (and 沿海) written right before ``start``, else ``start``."""
    at = start - 2 if pre[max(0, start - 2) : start] == "沿海" else start
    hits = [a for a, b, _ in places_in(pre[max(0, at - 8) : at]) if b == min(8, at)]
    return max(0, at - 8) + hits[0] if hits else start


def _before_organ(text: str, start: int, end: int) -> bool:
    """True when the 省/市 ending text[start:end] begins an organ (四川省政府, 福建省文旅厅): the
    place is then written without it."""
    own = text[end - 1] in "省市" or (  # 南沙区商务局; not 新疆维吾尔自治区文化和旅游厅
        text[end - 1] in "区州" and not text.startswith("自治", end - 3)
    )
    return own and end - start > 2 and bool(_ORGAN.match(text, end))


def _written_place(pre: str, p: tuple[int, int, str]) -> tuple[int, int, str]:
    """A place found in ``pre`` as the bulletin names it: 义乌 in 义乌市场 (its market, not 义乌市),
    四川 in 四川省政府, 福建民营企业 and 厦门市民营企业, 澳门特区 and 深圳各口岸 as written."""
    start, end, name = p
    if (name.endswith("市") and pre[end : end + 1] == "场") or _before_organ(pre, start, end):
        return start, end - 1, name[:-1]
    if pre.startswith(_FIRM_GROUPS, end) and not foreign(name):
        return start, end + 4, name + pre[end : end + 4]
    if g := _PLACE_TAIL.match(pre, end):
        return start, end + len(g.group(0)), name + g.group(0)
    return p


# Kinds of port or zone the nation's figures are given for, written with 全国 (全国邮轮口岸,
# 全国沿海邮轮港口, 全国综合保税区); bare 全国口岸, 全国港口 and 全国博物馆 are the nation.
_NATIONAL_KIND = re.compile(
    r"全国(?:(?:沿海)?邮轮(?:口岸|港口)|综合保税区|综保区|(?:\d+个)?自(?:由)?贸(?:易)?试验区)"
)
# The pilot zones counted as a whole (22个自贸试验区, 全国22个自贸试验区): the name as written.
_COUNTED_ZONES = re.compile(r"(?:全国)?\d+个$")


@lru_cache(maxsize=256)
def subjects(pre: str) -> list[tuple[int, int, str]]:
    """Places and named subjects in ``pre`` as (start, end, name), the longest where they
    overlap."""
    named = []
    for m in _SUBJECT.finditer(pre):
        start = m.start() + _trim(m.group(0))
        if m.group(0)[-1] in "市县镇村" and (
            inside := [b for a, b, _ in places_in(pre[max(0, start - 3) : start + 1]) if a < 3 < b]
        ):  # 黑龙江富锦市, 湘西十八洞村: a name does not start inside the place before it
            start = max(0, start - 3) + inside[0]
        if _KIND_OF_SITE.fullmatch(pre, start, m.end()):
            continue  # 重点景区, 5A级景区: a kind of site, no name
        if pre.startswith("“", start) and _LINE.search(m.group(0)):
            start = _place_before(pre, start)  # 福建沿海“小三通”航线: the place's lines
        named.append((start, m.end(), pre[start : m.end()]))
    # 满洲里、二连浩特口岸: the list mark before a coordinated name is not part of it
    named += [(s + 1, e, n[1:]) if n[0] in "、和" else (s, e, n) for s, e, n in _typed(pre)]
    named = [  # 22个自贸试验区: the zones counted as a whole, as written
        (m.start(), e, pre[m.start() : e])
        if n in ("自贸试验区", "自由贸易试验区") and (m := _COUNTED_ZONES.search(pre, 0, s))
        else (s, e, n)
        for s, e, n in named
    ]
    named = [  # 全国邮轮口岸, 全国综合保税区: a kind the nation counts, as written
        (s - 2, e, "全国" + n)
        if pre[max(0, s - 2) : s] == "全国" and _NATIONAL_KIND.fullmatch("全国" + n)
        else (s, e, n)
        for s, e, n in named
    ]
    named = [
        n
        for n in named
        if not any(a <= n[0] and n[1] <= b and (a, b) != n[:2] for a, b, _ in named)
        and not any(a == n[0] - 1 and DEICTIC.fullmatch(w) for a, _b, w in named)  # 港欧洲航线
        and ("全国" not in pre[max(0, n[0] - 2) : n[1]] or _NATIONAL_KIND.fullmatch(n[2]))
    ]  # 全国口岸, 全国港口 are the nation
    named = sorted(set(named))
    named += [f for f in _framed(pre) if not any(a <= f[0] < b for a, b, _ in named)]
    named += [  # 经“小三通”往来两岸的旅客: the quoted route they travel by
        (m.start(1), m.end(1), m.group(1))
        for m in _VIA_QUOTED.finditer(pre)
        if not any(a <= m.start(1) < b for a, b, _ in named)
    ]
    places = [
        _written_place(pre, p)
        for p in places_in(pre.replace("其中", "其\u3000"))  # 其中东盟 is not 中东
        # 数字中国 names a programme, “中国” a quoted name: neither is China
        if p[2] != "中国" or not (_SLOGAN.search(pre, 0, p[0]) or pre.startswith("”", p[1]))
        if not any(a <= p[0] and p[1] <= b and (a, b) != (p[0], p[1]) for a, b, _ in named)
        and not any(a < p[1] <= b or a <= p[0] < b for a, b, _ in named)
    ]
    found = named + places
    pointing = {b for _a, b, w in named if DEICTIC.fullmatch(w)}
    # 该港欧洲航线: the place after a pointing word qualifies what it points to
    return sorted(p for p in found if p[0] not in pointing or _UNNAMED_FIRM.match(p[2]))


# 我国 in a rank or a predicate (是我国最大的…, 全国首个) names no reporter.
_RANKED = re.compile(
    r"(?:的)?(?:最大|最早|最长|首个|首家|首条|首批|首创|率先|第一|唯一|重要|规模最大|领先)"
)
_COUNT_BEFORE = re.compile(r"[\d一二三四五六七八九十百千万]+(?:多|余)?[个家条座处所批]$")
_LINE = re.compile(r"(?:航线|专线|快线|班列)$")
_COUNT_GAP = re.compile(
    r"(?:总数|数量|总量)?(?:已经|已|共|累计|有|达到了?|达|超过|超|突破|为|约|近"
    r"|[增升扩][至到]|增加[至到]|增长[至到]|提升[至到]|扩大[至到])*"
)


def _counted(pre: str, p: tuple[int, int, str], after: str = "") -> bool:
    """A subject that is the thing counted, not whose count it is.

    6个自贸试验区 (a stock the region reports), 航线76条 / 中欧班列3800列 after a port (the lines
    are counted), or a zone followed by its own count (自由贸易试验区达到22个; ``after`` is the
    text from the figure on). A quoted route keeps its name (4条“小三通”客运航线).
    """
    if p[2].startswith(("“", "两岸“")):
        return False
    gap = bool(_COUNT_GAP.fullmatch(pre[p[1] :]))
    line_counted = bool(_LINE.search(p[2]) and _LINE_COUNT.match(pre, p[1]))  # 班列达到4500列，…
    return (
        line_counted
        or bool(_COUNT_BEFORE.search(pre[: p[0]]))
        or (gap and bool(_LINE.search(p[2])) and not _LINE_MEASURE.match(after))
        or (gap and typed(p[2]) and _zone_count(after, p[2]))
    )


def _zone_count(after: str, name: str) -> bool:
    """True when ``after`` counts things of the subject's own kind (自贸试验区达到22个): not
    another noun (第22届中国—东盟博览会共有3200家企业参展 counts the exhibitors)."""
    m = _ZONE_COUNT.match(after)
    if not m:
        return False
    noun = re.match(r"[\u4e00-\u9fff]+", after[m.end() :])
    return not noun or any(noun.group().startswith(w) for w in (type_word(name) or "", name) if w)


# What a line carries (厦金航线45万人次, 班列货值48亿元): its own figure, not lines counted.
_LINE_MEASURE = re.compile(r"[\d.]+(?:多|余)?[万亿]*(?:人次|人|吨|标箱|标准箱|元|美元|件|辆|票)")
_LINE_COUNT = re.compile(_COUNT_GAP.pattern + r"[\d.]+(?:多|余)?万?(?:列|条|班)")
_ZONE_COUNT = re.compile(r"[\d.]+(?:多|余)?[个座家处所]")


_UNNAMED_FIRM = re.compile(r"(?:一家|这家|该|这个)")
DEICTIC = re.compile(_DEICTIC)


def deictic_kind(word: str) -> str:
    """The type word a pointing word names (该港区 → 港区, 这家工厂 → 工厂, a bare 综保区 →
    综保区); "" for 这里, 当地."""
    if word in _BARE_KINDS:
        return word
    return re.sub(r"^(?:该|这家)", "", word) if word.startswith(("该", "这家")) else ""


# A type word standing alone as a subject points back like 该…: 同期，综保区内加工贸易… is the
# …综合保税区 named before it.
_BARE_KINDS = ("综保区",)


# A country or group that the clause calls China's partner, market or source of visitors.
_PARTNER_OF_CHINA = re.compile(
    r"(?:继续|仍|仍然|已)?(?:是|为|保持|成为|作为|稳居)(?:我国|中国)[^。；]*?(?:伙伴|市场|客源)"
)

# 东盟继续保持福州第一大贸易伙伴地位: the partner of a place's figures that follow
_PARTNER_OF_PLACE = re.compile(
    r"(?:继续|仍|仍然|已)?(?:是|为|保持|成为|作为|稳居)[^，。；]{1,10}?第[一二三四五1-5]大"
    r"(?:贸易伙伴|出口市场|进口来源地|客源地|客源市场)"
)
_CHINA_DASH = re.compile(r"(?:中国|我国)[—–-]$")
# China as where visitors come from, in a destination's figures (中国赴沙特游客, 中国内地继续是其
# 最大客源市场): the destination reports them, as every tuning reading has it.
_CHINA_AS_SOURCE = re.compile(
    r"(?:内地)?(?:(?:游客|公民|居民)?(?:赴|到|访|前往)"
    r"|(?:继续|仍|仍然|已)?(?:是|为|成为)[^，。；]{0,8}?(?:最大|第[一二三四五]大)的?(?:客源市场|客源地))"
)
# 日本、英国实际对华投资: investment into China by source, which China reports (but 美国对华出口
# is the United States' own export)
_TO_CHINA = re.compile(r"(?:、[^，。；、]{1,6})*(?:实际)?对(?:华|大陆|内地)(?:实际)?(?:直接)?投资")
# Who is counted after a place (澳门游客, 韩国、日本公民, 台湾青年来闽): where they come from.
_WHO_COME = re.compile(
    r"(?:内地|大陆)?(?:居民|游客|旅客)|籍|公民|来华|投资企业|投资项目|资企业|(?:青年|同胞)(?:来|赴|到|在)"
    r"|(?:青年|大学生)(?:创业|就业|实习|团队)"  # 入驻台湾青年创业团队1120个: who they are
    r"|(?:留学生|研究生|学生|考生)"  # 招收台湾学生1362名: where the students come from
    r"|同胞(?!来大陆)"  # 经福建口岸往来两岸的台湾同胞达218.7万人次: the port's travellers
    r"|(?:[、和][\u4e00-\u9fff]{2,6}?)+(?:公民|来华|籍)"  # 韩国、日本公民: nationals of each
)
# Countries listed before their travellers (韩国、菲律宾和泰国旅客分别为…): where they come from.
_VISITORS_FROM = re.compile(r"(?:[、和][\u4e00-\u9fff]{2,6}?)+(?:旅客|游客)")
# China as a whole, however a bulletin writes it (台胞入境大陆): the guide's 全国. 内地 (内地与香港)
# is written as such, as the independent readings have it.
CHINA = ("中国", "我国", "大陆", "中国大陆", "祖国大陆")
_CHINA_PARTNER_OF = re.compile(
    r"(?:中国|我国)(?:已|已经|继续|仍|连续[\d一二三四五六七八九十]+年)?(?:成为|是|保持|稳居|为)"
    r"([^，。；]{2,12}?)的?第[一二三四五1-5]大(?:贸易伙伴|出口市场|进口来源地)"
)
# A type word alone opening a clause (机场累计保障…, 合作区实有…): the one named before.
_BARE_KIND = re.compile(
    r"(?:^|[，,；;：])\s*(?:\d{4}年|今年|去年|[上下]半年)?"  # …获悉，2025年园区规模以上…
    r"(合作区|片区|试验区|示范区|先行区|综保区|港区|机场|口岸|交易所|园区|新区|接收站|码头"
    r"|景区|度假区|博物馆|乐园|铁路港|关区|集团)"
    r"(?=[^\u4e00-\u9fff]|[实完累共已新进出接开运保验吸入]|内(?!地)|规模以上|全年|负责人)"
)
_SHORT_NAMES = {"港": "香港", "澳": "澳门", "台": "台湾", "闽": "福建", "琼": "海南"}
_VISIT_TO = re.compile(
    r"(?:访|来|赴|抵)(港|澳|台|闽|琼)(?:的)?(?:大陆|内地|境外|外国|国际|入境)?(?:旅客|游客|台胞|人次)"
)

# A name after 是/成为/作为 in its clause is what the subject is, not the subject (中老铁路…已成为
# 我国连接东盟的黄金大通道).
_PREDICATE = re.compile(rf"{_NOT_A_DAY}(?:是|成为|作为|被誉为|被列为)[^，。；,;]*$")


def _acts_before(pre: str, p: tuple[int, int, str], names: list) -> bool:
    """True when the clause before ``p`` names a subject (a place, or the nation) that acts."""
    clause = max(pre.rfind(c, 0, p[0]) for c in "，。；：,") + 1
    return any(clause <= q[0] and q[1] <= p[0] for q in names) or bool(
        _NATIONAL.search(pre, clause, p[0])
    )


def _head_if_counted(pre: str, p: tuple[int, int, str]) -> tuple[int, int, str]:
    """A counted kind of line after a named subject gives the count to that subject:
    广西北部湾港集装箱航线达到80条 → 广西北部湾港."""
    counted = _counted(pre, p) or bool(_LINE.search(p[2]) and _COUNT_GAP.fullmatch(pre[p[1] :]))
    head = narrowed(p[2]) if counted else None
    return (p[0], p[0] + len(head), head) if head else p


def antecedent(before: str, kind: str = "", back: bool = True) -> str | None:
    """The last mainland place or typed name in the text before a sentence (what 这里 points to);
    with a ``kind`` (该港区 → 港区), the first name of that kind there, or None. ``back``: when
    that sentence names only a ship's origin or what a subject is, look one sentence further."""
    last = before[max(before.rfind(c, 0, len(before) - 1) for c in "。；！？") + 1 :]
    if kind:  # 钦州港是西部陆海新通道的重要枢纽。…该港: the port, not the corridor
        same = _of_kind(last, kind)
        if not same:  # 厦门港…。其中，海沧港区…。截至去年末，该港: the port named earlier
            same = _of_kind(before[-_NEAR:], kind)[-1:]
        return same[0] if same else None
    named = [p for p in subjects(last) if domestic(p[2]) or typed(p[2]) or _sar_or_tw(p[2])]
    # 平潭与台湾隔海相望 / 罗源湾港区位于福州北部: the subject, not its neighbour or location;
    # nor where a ship came from (这艘船来自泰国林查班港) or what the subject is (是…国家级新区)
    own = [
        p
        for p in named
        if not _BESIDE.search(last[: p[0]])
        and not _CAME_FROM.search(last[: p[0]])
        and not (_PREDICATE.search(last[: p[0]]) and any(q[1] <= p[0] for q in named))
    ]
    earlier = before[: len(before) - len(last)]
    if back and named and not own and earlier.strip("。；！？ "):
        return antecedent(earlier, back=False) or named[-1][2]  # the sentence before names it
    return (own or named)[-1][2] if named else None


def _of_kind(text: str, kind: str) -> list[str]:
    """The subjects of ``text`` named with the type word ``kind`` (港, 机场 …), in order; a port
    named with one of its parts (宁波舟山港梅山港区, 连云港港旗台作业区) names the port."""
    # 园区 after 中白工业园: the park; 该综保区 after 郑州新郑综合保税区: the zone in full
    ends = _KIND_IN_FULL.get(kind, (kind,))
    out = []
    for p in subjects(text):
        name = p[2]
        if DEICTIC.fullmatch(name):  # 靠泊该港的…: a pointing word names nothing itself
            continue
        if kind == "港" and (part := _PORT_PART.search(name)):
            name = part.group(1)
        if name.endswith(ends) and len(name) > len(kind):
            out.append(name)
    return out


# Endings a pointing word's type word also stands for (该园区 → …工业园, 该综保区 → …综合保税区).
_KIND_IN_FULL = {"园区": ("园", "园区"), "综保区": ("综保区", "综合保税区")}

# A port before one of its areas or terminals (宁波舟山港梅山港区): the port's own name.
_PORT_PART = re.compile(r"^(.{2,8}港)[\u4e00-\u9fff]{1,4}(?:港区|作业区|码头)$")


_DOCUMENT_OF = re.compile(r"(?:项下)?(?:原产地证书|原产地|证书|协定|规则)")
_CAME_FROM = re.compile(r"来自[^，。；]{0,6}$")
_BESIDE = re.compile(r"(?:与|同|跟|对|位于|地处|毗邻|邻近|靠近|紧邻|距|离)$")


def _foreign_before(text: str, at: int) -> bool:
    """True when a foreign country's name ends right at ``at`` (越南海关总局, 柬埔寨全国): the
    nation or national body after it is that country's, not China's."""
    return any(
        b == at - max(0, at - 8) and foreign(n) for _a, b, n in places_in(text[max(0, at - 8) : at])
    )


def _firm_as_written(pre: str, found: list[tuple[int, int, str]]) -> str:
    """An unnamed firm (the last of ``found``) as written, with the places written right before it
    (晋江一家运动鞋企业, 深圳前海一家…, 保税区内一家…, 当地一家…)."""
    start = found[-1][0]
    for p in reversed(found[:-1]):
        if not re.fullmatch("(?:的|内)?", pre[p[1] : start]):
            break
        start = p[0]
    return pre[start : found[-1][1]]


# A firm pointed back to (这家企业, 该公司, 这家工厂) and the firms it can stand for: one written
# with 一家 (厦门一家航空维修企业) or named with its kind (比亚迪匈牙利塞格德工厂).
_POINTED_FIRM = re.compile(r"(?:这家|该)(企业|公司|工厂)")


def _firm_before(text: str) -> str | None:
    """The last firm ``text`` names (an unnamed one as written with its places, or a named
    factory) in the sentence it ends in and the three before; None when there is none."""
    ends = [i for i, c in enumerate(text[:-1]) if c in "。；！？"]
    start = ends[-4] + 1 if len(ends) > 3 else 0
    found = [p for p in subjects(text[start:]) if not _POINTED_FIRM.fullmatch(p[2])]
    for k in range(len(found) - 1, -1, -1):
        name = found[k][2]
        if name.startswith("一家") and re.search(r"企业|公司|工厂|厂$", name):
            return _firm_as_written(text[start:], found[: k + 1])
        if name.endswith("工厂") and len(name) > 2:
            return name
    sources = [m.group(1) for m in _FIRM_SOURCE.finditer(text, start)]
    return sources[-1] if sources else None


# A company whose release or words a clause reports (卢森堡货航公布的数据显示, 记者从爱达邮轮了解到,
# 恒天然集团表示): what 该公司 stands for when no unnamed firm or factory is named before it. Not a
# government body, customs office, association or place.
_FIRM_SOURCE = re.compile(
    r"(?:^|[。；！？，])(?:记者)?(?:从)?"
    r"([^\d部局署委厅办会院所站关府馆队心，。；、“”的在是]{2,14}?)"
    r"(?:\d{1,2}日|今天|日前|近日|最新)?(?:公布|发布|表示|介绍|了解到|获悉|数据显示)"
)


def _whose_nation(sentence_pre: str) -> str:
    """The country a bare 全国 ending ``sentence_pre`` is: the foreign one the sentence names last
    (马来西亚农业部门估算，今年全国榴莲产量…; 巴基斯坦…洪灾已造成全国…), else China."""
    if re.search("中国|我国", sentence_pre):
        return "全国"
    named = [n for _a, _b, n in places_in(sentence_pre)]
    return named[-1] if named and foreign(named[-1]) else "全国"


def _sar_or_tw(name: str) -> bool:
    """Taiwan, Hong Kong or Macao, however written."""
    return _region_code(name) is not None


def _region_code(name: str) -> str | None:
    """TWN, HKG or MAC when the name starts with that region, else None."""
    hit = match(name)
    ok = bool(hit) and hit[0]["start"] == 0 and outside_mainland(hit[0]["linked_id"])
    return hit[0]["linked_id"] if ok else None


# 全市 after 北京市…: the four municipalities are provinces in the gazetteer and cities in words
_CITY_WORDS = ("全市", "我市")
_MUNICIPAL = ("北京", "天津", "上海", "重庆")
_WHOLE = {
    "全省": ("PROVINCE",),
    "全区": ("PROVINCE",),
    "全岛": ("PROVINCE", "FTZ", "CITY"),  # 海南自由贸易港…全岛, 平潭…全岛, 台湾…全岛
    "全市": ("CITY",),
    "我省": ("PROVINCE",),  # a provincial or city bulletin's own place, named earlier or not
    "我市": ("CITY",),
}


_NEAR = 1500  # characters before a sentence where 全省 or 全市 look for their province or city


_AUTONOMOUS = re.compile(r"(?:维吾尔|壮族|回族)?自治区$")


def whole(before: str, word: str) -> str | None:
    """The province or city 全省/全区/全市 stands for: the last one named before it, as written
    (江苏省…其中，苏州…。全省出口 → 江苏省). Only the last ``_NEAR`` characters (from a sentence
    start) are read, so a long document costs no more per sentence than a paragraph does."""
    if len(before) > _NEAR:
        cut = len(before) - _NEAR
        before = before[before.find("。", cut) + 1 if "。" in before[cut:] else cut :]
    for e in reversed(match(before)):
        if word != "全岛" and outside_mainland(e["linked_id"]):
            continue  # 福建省…对台湾…。全省 is Fujian; 全岛 may be Taiwan
        if e["label"] in _WHOLE[word] or (word in _CITY_WORDS and e["text"][:2] in _MUNICIPAL):
            end = e["end"] + (before[e["end"] : e["end"] + 1] in ("省", "市"))
            if _before_organ(before, e["start"], end):
                end -= 1  # 福建省文旅厅测算，…全省: 福建
            # 新疆维吾尔自治区文化和旅游厅统计，…全区 → 新疆: readers write a region's short name
            return _AUTONOMOUS.sub("", before[e["start"] : end]) or before[e["start"] : end]
        if e["label"] == "CUSTOMS" and e["text"].endswith("海关"):
            # 厦门海关统计…全市 → 厦门; 海口海关统计…全省 → 海南, the province of its district
            return customs_province(e["text"]) or e["text"][:-2]
    return None


def _district_before(before: str) -> str | None:
    """What 全区 stands for when no autonomous region is named: the last zone or district named
    before it (平潭综合实验区, 钱凯区), else the last city (平潭, 建阳); None when there is none."""
    text = before[-_NEAR:]
    zones = [n for _a, _b, n in subjects(text) if n.endswith("区") and n not in _WHOLE]
    if zones:
        return zones[-1]
    cities = [e["text"] for e in match(text) if e["label"] == "CITY"]
    return cities[-1] if cities else None


# A clause about one shipment (一艘装载…的货轮, 一列满载…的班列) holding the figure.
_ONE_SHIPMENT = re.compile(r"(?:^|[，,])[^，,]{0,8}?一(?:艘|列|批|架|趟)[^，,。；]*$")
# What a shipment's clause says after its figure: the goods' origin (6.5万吨巴西大豆的散货轮),
# else where it leaves from (…的班列从重庆团结村站驶出).
_SHIPMENT_HEAD = re.compile(r"[^，,。；]*?(?=从|经|搭乘|靠泊|停靠|抵达|运抵|驶抵|驶入|[，,。；]|$)")
_CARRIER = re.compile(r"的[^的]*(?:船|轮|班列|列车|货机|航班|包机|飞机|专列|号)$")
_LEAVES_FROM = re.compile(
    r"[^，,。；]*?从([^，,。；]{2,16}?)(?:缓缓|鸣笛)?(?:驶出|起飞|启航|出发|发出|发车|启程)"
)


def _shipment_place(pre: str, sent: str) -> str | None:
    """Where one shipment's figure belongs when nothing is named before it: the country or place
    its goods come from (一艘装载6.5万吨巴西大豆的散货轮 → 巴西), else the port, station or
    airport it leaves from (一列…的班列从重庆团结村站驶出 → 重庆团结村站)."""
    if not _ONE_SHIPMENT.search(pre):
        return None
    post = sent[len(pre) :]
    head = _SHIPMENT_HEAD.match(post).group(0)
    goods = _CARRIER.sub("", head)  # 6.5万吨巴西大豆(的散货轮), 28吨的越南鲜榴莲
    origins = [p for p in places_in(goods) if p[1] < len(goods) and p[2] not in CHINA]
    if origins:
        return origins[0][2]
    if m := _LEAVES_FROM.match(post):
        names = subjects(m.group(1))
        if names and not DEICTIC.fullmatch(names[-1][2]):  # 从这里启航: the place in force
            return names[-1][2]
    return None


# A pair of countries in short form before the figure (菲中贸易额, 乌中双边贸易): the first reports.
_PAIR = re.compile(r"([\u4e00-\u9fff])中(?:双边)?(?:贸易|进出口)[^，。；]{0,6}$")


def _pair_abbreviated(pre: str, before: str) -> str | None:
    """The foreign country a short-form pair before the figure starts with (菲中贸易额 → 菲律宾),
    when the paragraph names it in full; None otherwise."""
    m = _PAIR.search(pre)
    if not m:
        return None
    named = [n for _s, _e, n in places_in(before + pre) if foreign(n) and n[0] == m.group(1)]
    return named[-1] if named else None


# A travel or ticketing platform opening the sentence with its own data (携程数据显示): its
# figures are the platform's, as readers write them.
_PLATFORM_SOURCE = re.compile(
    r"\s*(?:据)?(携程|同程旅行|飞猪|去哪儿|途牛|美团|马蜂窝|驴妈妈|航旅纵横)"
    r"(?:平台|旅行|网)?[^，。；]{0,6}?(?:数据显示|发布|统计|显示)"
)


def reporter(
    pre: str,
    carried: str,
    sent: str | None = None,
    pointed: str | None = None,
    before: str = "",
) -> str:
    """The place or body the figure is about, as written; 全国 for China as a whole.

    The last place or named subject (a route, port, zone, event, region) before the figure wins,
    unless it is a counterpart (对东盟, 与美国, 占全国 …) or a later national mention (我国,
    海关总署) follows it. ``sent``, when given, is the sentence ``pre`` starts: its subjects are
    found once and reused for every figure. ``pointed`` is what 这里/当地 refer to when the
    sentence names nothing before them (the last place of the sentence before). ``before`` is
    the paragraph before the sentence, where 全省/全市 find their province or city.
    """
    names = [p for p in subjects(sent) if p[1] <= len(pre)] if sent is not None else subjects(pre)
    found = [
        p
        for p in (_head_if_counted(pre, p) for p in names)
        if not (_NOT_SUBJECT.search(pre[: p[0]]) and not _ORIGIN.match(pre, p[1]))
        and not (_AFTER_ZAI.search(pre[: p[0]]) and _acts_before(pre, p, names))
        and not (pre[p[0] - 1 : p[0]] == "在" and _VENUE.match(pre, p[1]))
        and not _PREDICATE.search(pre[: p[0]])
        and not re.search(r"(?:增速|规模|总量)位?居$", pre[: p[0]])  # 增速居中部六省…: ranked
        and not (
            _WHO_COME.match(pre, p[1], p[1] + 16)
            and (not typed(p[2]) or p[2].endswith("地区"))
            and not re.search(r"(?:入境|到访|抵达|来到)$", pre[: p[0]])  # 入境澳门旅客
        )  # 澳门游客, 澳门投资企业: where the counted come from (入境澳门旅客: arriving there)
        and not (foreign(p[2]) and _VISITORS_FROM.match(pre, p[1], p[1] + 24))
        and not _counted(pre, p, sent[len(pre) : len(pre) + 8] if sent else "")
        and p[2] != "两岸"  # 两岸交流活动, 两岸航班, 两岸共签约: a kind or both sides, no subject
        and not (national_body(p[2]) and _foreign_before(pre, p[0]))  # 乌兹别克斯坦国家统计委员会
        and not re.search(r"(?:这条|这座|这趟|这列|这艘)$", pre[: p[0]])  # 这条东南亚…铁路
        and not re.search(r"[\d一二三四五六七八九十百千万]$", pre[: p[0]])  # 12场平行论坛: counted
        and not re.fullmatch(r"[^，。；]*等", pre[p[1] :])  # 厦门筼筜湖等56个案例: the listed
        and not _DOCUMENT_OF.match(pre, p[1])  # 签发RCEP原产地证书: a document's name, no subject
        and not (  # 开通至波兰罗兹、德国杜伊斯堡等地的线路, 开往德国杜伊斯堡的班列: destinations
            _TOWARDS.search(pre, max(0, p[0] - 30), p[0])
            and _PLACES_END.match(pre, p[1])
            or _BOUND_FOR.search(pre, max(0, p[0] - 30), p[0])
        )
        and not (re.search(r"(?:进口|出口)的$", pre[: p[0]]) and foreign(p[2]))  # 进口的东盟水果
        and not (p[2] in CHINA and _CHINA_AS_SOURCE.match(pre, p[1]))
    ]
    natl = [
        m.end()
        for m in _NATIONAL.finditer(pre)
        if not _NOT_SUBJECT.search(pre[: m.start()])
        and not _RANKED.match(pre, m.end())
        and not re.search(r"(?:是|为|成为|居|位居|作为)$", pre[: m.start()])
        and not re.match(r"\d+个?(?:省|城市|地区)", pre[m.end() :])  # 全国31个省…参展: a scope
        # 中国游客赴泰, 入境菲律宾的中国内地游客: who comes, not who reports
        and not re.match(r"(?:籍|内地|大陆)?(?:游客|旅客|公民|居民)", pre[m.end() :])
        and not _CHINA_AS_SOURCE.match(pre, m.end())  # 中国赴沙特游客: where they come from
        and not _foreign_before(pre, m.start())  # 柬埔寨全国, 乌兹别克斯坦国家统计委员会
        and not any(a <= m.start() and m.end() < b for a, b, _ in names)  # 中国船舶集团: a name
    ]
    if found and national_body(found[-1][2]) and _SOURCE_AFTER.match(pre, found[-1][1]):
        return "全国"  # 交通运输部预计，今天全社会…: a ministry's release speaks for the nation
    if natl and (pair := _pair_abbreviated(pre, before)):
        return pair  # 中国仍是菲律宾最大的贸易伙伴，…菲中贸易额: the country named first reports
    if natl and (not found or natl[-1] >= found[-1][1]):
        return _whose_nation(pre[: natl[-1]]) if pre.endswith("全国", 0, natl[-1]) else "全国"
    if joint := _joint(pre, found[-1] if found else None):
        return joint
    if not found and (bare := _bare_kind(pre, before)):
        return bare
    if not found and (platform := _PLATFORM_SOURCE.match(pre)):
        return platform.group(1)  # 同程旅行数据显示，…搜索量增长近两倍: the platform's own data
    if not found and sent is not None and (shipped := _shipment_place(pre, sent)):
        return shipped
    if not found:
        to = _VISIT_TO.search(pre)  # 访港旅客, 来台旅客: the place visited, as written
        if to and carried == "全国":  # in full when the paragraph writes it (香港特区…访港旅客)
            full = _SHORT_NAMES[to.group(1)]
            return full if full in before[-_NEAR:] + pre else to.group(1)
        return carried
    name = found[-1][2]
    if name.endswith("地区") and pre.startswith("生产总值", found[-1][1]):
        name = name[:-2]  # 重庆地区生产总值: 地区 is the indicator's (regional GDP)
    if via := _VIA_PORT.search(pre, 0, found[-1][0]):  # 经霍尔果斯口岸进出境的中欧班列: the port
        return via.group(1)
    if DEICTIC.fullmatch(name) or name in _BARE_KINDS:  # the place named before it, in this
        # sentence or the last one (kept as written when the paragraph names nothing it could
        # stand for); 该港 points to the last sentence's port, else to the subject in force
        fallback = name if carried == "全国" else carried
        kind = deictic_kind(name)
        if kind == "国":  # 菲律宾…该国: the last foreign country named before it
            same = [n for _a, _b, n in places_in(before[-_NEAR:] + pre[: found[-1][0]])]
            name = next((n for n in reversed(same) if foreign(n)), fallback)
        elif kind:  # 记者从宁波舟山港获悉，…该港: the port named here
            same = _of_kind(pre[: found[-1][0]], kind)
            name = same[-1] if same else pointed or fallback
        else:
            name = found[-2][2] if len(found) > 1 else (pointed or fallback)
        return "全国" if name in CHINA else name
    if name in _GROUPS:  # with no place: the nation's; else the place's
        return found[-2][2] if len(found) > 1 else name if carried == "全国" else carried
    if _UNNAMED_FIRM.match(name):  # 该企业 stands for the firm named; 一家… is written out
        if _POINTED_FIRM.fullmatch(name) and (firm := _firm_before(before + pre[: found[-1][0]])):
            return firm  # 这家企业, 该工厂: the firm the paragraph named before
        return _firm_as_written(pre, found) if name.startswith(("一家", "这家")) else "企业"
    if (
        foreign(name)
        and (
            _PARTNER_OF_CHINA.match(pre, found[-1][1])
            or _CHINA_DASH.search(pre, 0, found[-1][0])
            or _TO_CHINA.match(pre, found[-1][1])
        )
        or (_sar_or_tw(name) and _TO_CHINA.match(pre, found[-1][1]))
    ):  # 中国—东盟贸易额, 日本实际对华投资, 台湾地区对大陆实际投资: China's trade or investment
        # with the partner
        return "全国"  # 东盟继续保持我国第一大贸易伙伴地位，双边贸易额…: China's trade with it
    if name.endswith("海关") and "离岛免税" in pre[found[-1][1] :]:
        if province := customs_province(name):
            return province  # 海口海关监管离岛免税购物金额…: Hainan's offshore duty-free
    if name.endswith("海关") and any(b.group(1) == "关区" for b in _BARE_KIND.finditer(pre)):
        return name  # 据青岛海关统计，…关区进口…: the customs district, named by its office
    if name.endswith("海关") and re.match(
        r"(?:部门|署)?(?:统计|数据|消息|发布|公布|显示)", pre[found[-1][1] :]
    ):
        # 厦门海关统计显示，…全市进出口: the customs office is the source; its city reports (a
        # province when its district is one: 海口海关数据显示，… → 海南)
        if province := customs_province(name):
            return province
        return name[:-2] if places_in(name[:-2]) else carried
    if name in _WHOLE:  # 全省 after 其中，苏州…: the province named last, not the city
        found_whole = whole(before + pre[: found[-1][0]], name)
        if found_whole:
            return found_whole
        if name == "全区" and (district := _district_before(before + pre[: found[-1][0]])):
            return district  # 平潭综合实验区管委会发布，…全区: the zone or district named
        return name if carried == "全国" else carried  # 全省 with no province named: as written
    if (found[-1][0] == 0 and event_name(name) and not name.startswith("第")) or re.search(
        r"(?:本届|此次|该|这个)$", pre[: found[-1][0]]
    ):  # 本届进博会 → 第五届中国国际进口博览会; 电影节以…为主题 opening a sentence, too
        earlier = [p[2] for p in found[:-1] if p[2].startswith("第")]
        # its full name: 第七届…博览会, or a year and a name (2026长江航运物流博览会); 旅博会 stands
        # for a …旅游博览会
        tail = f"[^，。；]{{0,20}}?{re.escape(name)}"
        if re.fullmatch(r"[\u4e00-\u9fff]博会", name):
            tail = f"[^，。；]{{0,20}}?{name[0]}[^，。；]{{0,4}}?博览会"
            tail += "(?:暨[^，。；]{2,12}?(?:会|论坛))?"  # …林业博览会暨投资贸易洽谈会
        full = re.findall(rf"(?:第[\d一二三四五六七八九十百]+届|(?<!\d)\d{{4}}年?){tail}", before)
        if earlier or full:  # the full name in this sentence, else earlier in the paragraph
            return earlier[-1] if earlier else full[-1]
        return carried if carried != "全国" else name
    if event_name(name) and carried.startswith("第") and event_name(carried):
        return carried  # 东博会期间 after 第21届中国—东盟博览会: the event named in full
    if name == "中欧班列" and (
        re.search(r"的$", pre[: found[-1][0]]) and len(found) > 1 and domestic(found[-2][2])
    ):
        name = found[-2][2]  # 西安的中欧班列: that city's trains
    elif _SITE.search(name) and (full := _named_in_full(before, name)):
        name = full  # 遗址公园 after 国家考古遗址公园: the site named in full before
    elif own := _PORTS_ROUTES.fullmatch(name):
        name = own.group(1)  # 厦门港东盟航线, 厦门高崎国际机场两岸航线: the port's or airport's
    if name.endswith("机场") and pre.startswith("管理局", found[-1][1]):
        full = name[:-2] + "国际机场"  # 香港机场管理局 after 香港国际机场: the airport in full
        name = full if full in before[-_NEAR:] + pre else name
    return "全国" if name in CHINA else name


# A port's or airport's routes to a region or of a kind (厦门港东盟航线, 福州机场东南亚航线; not
# a route between two places, 厦门至金门航线): the port's or airport's figures (readers: 25 of 25).
_PORTS_ROUTES = re.compile(r"(?![^至—–\-]*[至—–\-])(.{2,12}?(?:港|机场))(?:往返)?[^“”、]{1,6}航线")


def _bare_kind(pre: str, before: str) -> str | None:
    """A clause opening with a bare type word (…合作区了解到，…，合作区实有澳资企业): the last
    subject of that type named before it in the paragraph, or None."""
    m = None
    for m in _BARE_KIND.finditer(pre):
        pass
    if m is None:
        return None
    kind = "海关" if m.group(1) == "关区" else m.group(1)  # 青岛海关…，关区共签发…: the office's
    same = _of_kind((before[-_NEAR:] + pre[: m.start(1)])[-_NEAR:], kind)
    return same[-1] if same else None


def _named_in_full(before: str, name: str) -> str | None:
    """The last longer site name ending in ``name`` that the paragraph gave before, or None.

    Only the sentence up to each of the last three mentions is read, so a long paragraph costs
    no more than its sentences do.
    """
    end = len(before)
    for _ in range(3):
        i = before.rfind(name, 0, end)
        if i < 0:
            return None
        stop = i + len(name)
        start = max(max(before.rfind(c, 0, i) for c in "。；！？") + 1, i - 60)
        window = before[start:stop]
        longer = [
            p[2]
            for p in subjects(window)
            if p[1] == len(window) and p[2].endswith(name) and p[2] != name
        ]
        if longer:
            return longer[-1]
        end = stop - 1
    return None


# A Hong Kong, Macao or Taiwan body publishing its own figures (香港特区政府统计处公布, 澳门博彩监察
# 协调局1日公布, 香港旅游发展局公布的数据显示).
_OWN_RELEASE = re.compile(
    r"\s*(?:据)?(?:(?:中国)?(?:香港|澳门|台湾)[^，。；]{0,14}?"
    r"(?:统计处|统计局|政府|局|署|委员会|主计总处|部门|部)|统计暨普查局|政府统计处)"
    r"[^，。；]{0,12}?(?:公布|发布|数据显示|统计|表示|介绍)"
)  # 统计暨普查局 (Macao's) and 政府统计处 (Hong Kong's) need no region named


def quoted_as_written(text: str, name: str) -> str:
    """The reporter in the quotation marks the text sets it in (“二线口岸”, “港深中欧班列”):
    readers copy a quoted name with its marks (99 of 100 such reporters in the tuning parts)."""
    if name and "“" not in name and f"“{name}”" in text:
        return f"“{name}”"
    return name


def carries(sent: str, rep: str, carried: str) -> str:
    """The reporter handed to the next sentence: not one set by an "在X，" frame, nor a foreign
    one when another subject is in force (美国…。数据显示，… stays 美国)."""
    if _sar_or_tw(rep) and _OWN_RELEASE.match(sent):
        return rep  # 香港特区政府统计处公布，…；进口货值…: the region's own release
    if re.match(r"^\s*(?:同时|此外|而)?[，,]?在[^，。；]{2,12}[，,]", sent) or (
        # Hong Kong and Macao carry as foreign places do (澳门…。今年1至11月，入境旅客…); Taiwan,
        # in mainland news mostly where people come from (台湾青年来大陆), does not
        foreign(rep) and (carried != "全国" or _region_code(rep) == "TWN")
    ):
        return carried
    if rep in _GROUPS:
        return carried
    if rep.endswith(_GROUPS) and not sent.rstrip().endswith("；"):  # 福州市民营企业, 山东沿海港口
        return rep[:-4]  # report their sentence; the next one is the place's again (not after ；)
    return rep


def commodity(pre: str) -> str | None:
    """The last commodity named before the figure in its sentence (液化天然气, 跨境电商包裹 …)."""
    hits = [e["text"] for e in match(pre) if e["label"] == "COMMODITY"]
    return hits[-1] if hits else None


_SHARE_WITHIN = re.compile(r"在(?=[^，。；在]{1,15}中的?(?:比重|占比|份额|比例))")


# The rest of China as a part of Taiwan's, Hong Kong's or Macao's totals.
_MAINLAND = {"TWN": "大陆", "HKG": "内地", "MAC": "内地"}


def share_roles(sentence_pre: str, rep: str, before: str = "") -> tuple[str, str | None]:
    """(reporter, partner) of a share: 东盟占我国外贸总值 → (全国, 东盟); 我国…占全球 → (全国,
    None). ``before``: the paragraph before the sentence (where 这家企业 finds its firm)."""
    z = sentence_pre.rfind("占")
    if z < 0:  # 东盟在我国外贸中的比重: 在…中 names the whole as 占 does
        within = list(_SHARE_WITHIN.finditer(sentence_pre))
        if not within:
            return rep, None
        z = within[-1].start()
    whole = sentence_pre[z + 1 :]
    subject = reporter(sentence_pre[:z], rep, before=before)
    if whole.startswith("全国") and foreign(subject) and _whose_nation(sentence_pre[:z]) == subject:
        return subject, None  # 巴西…，风电占全国发电量的比重: that country's own total
    if re.match(r"(?:我国|全国|中国)", whole) and subject != "全国" and foreign(subject):
        return (
            "全国",
            subject,
        )  # a partner's share of China's trade; a Chinese place's own share stays
    hit = places_in(whole)
    if hit and hit[0][0] == 0 and subject != "全国" and hit[0][2] != subject and foreign(subject):
        owner = rep if rep.startswith(hit[0][2]) else hit[0][2]  # 厦门 of 厦门市 named before
        return owner, subject  # 东盟占福建外贸总值: the partner's part of Fujian's total
    if hit and hit[0][0] == 0 and subject == "全国" and domestic(hit[0][2]):
        return hit[0][2], None  # 机电产品占福州出口总值的比重: Fuzhou's total; none named before
    if hit and hit[0][0] == 0 and subject == "全国" and foreign(hit[0][2]):
        # 中国占欧盟进口总额的比重: China's part of the other's total (大陆…占金门: the mainland's)
        return hit[0][2], _MAINLAND.get(_region_code(hit[0][2]) or "", "中国")
    own = re.match(r"(?:同期)?((?:全|我)(?:省|市))", whole)
    if own and subject == "全国":  # 占全省出口总额的比重 with no province named: as written
        return own.group(1), None
    return subject, None


_EVENT_AFTER = re.compile(f"(?:商务与投资|合作)?(?:{FAIRS}|论坛)")


def partner(pre: str) -> str | None:
    """The counterpart after 对/与/同/从 (东盟, 美国, RCEP其他成员 …) or None."""
    best = None
    for m in re.finditer(r"(?:对|与|同|从|自|(?<!面)向|(?<=中国)[—–-])", pre):
        for s, e, name in places_in(pre[m.end() : m.end() + 14]):
            if s == 0 and not _ORIGIN.match(pre, m.end() + e):  # 从上海港出发: an origin
                if _EVENT_AFTER.match(pre, m.end() + e):
                    continue  # 中国—东盟博览会: the event's name, not a counterpart
                if re.match(r"[^，。；,]{0,12}?(?:了解|获悉|得知|获得的|发布)", pre[m.end() + e :]):
                    continue  # 记者从青岛海关 / 平潭综合实验区管委会了解到: a source
                best = name
                ext = re.match(r"(其他成员|成员国|沿线国家)", pre[m.end() + len(name) :])
                if ext:
                    best = name + ext.group(1)
    if best is None:
        m = re.search(r"(?:对|与)(沿线国家|共建国家|金砖国家)", pre)
        best = m.group(1) if m else None
    if best is None:  # 对台出口, 对美出口, 自日进口: a one-character name before a trade word
        one = (
            r"(?:对|与|同|从|自)([台港澳美日韩欧俄英德法非华])"
            r"(?=(?:小额|跨境电商)?(?:出口|进口|进出口|贸易))"
        )
        m = re.search(one, pre)
        best = m.group(1) if m else None
    if best is None:  # 进口台湾水果, 出口到美国: a foreign place right after the trade verb
        for m in re.finditer(r"(?:进口|出口)(?:到|至|的)?", pre):
            hit = places_in(pre[m.end() : m.end() + 10])
            if hit and hit[0][0] == 0 and foreign(hit[0][2]):
                best = hit[0][2]
    if best is None:  # 中国已成为哈萨克斯坦第一大贸易伙伴，双边贸易额…: China's partner
        m = _CHINA_PARTNER_OF.search(pre)
        hit = places_in(m.group(1)) if m else []
        best = hit[0][2] if hit and hit[0][0] == 0 and foreign(hit[0][2]) else None
    if best is None:  # 东盟继续保持我国第一大贸易伙伴地位，双边贸易额…
        named = [
            n
            for s, e, n in places_in(pre)
            if foreign(n) and (_PARTNER_OF_CHINA.match(pre, e) or _PARTNER_OF_PLACE.match(pre, e))
        ]
        best = named[-1] if named else None
    return best


_TRADE_VERB = re.compile(r"进出口|进口|出口")
# A counterpart word before list items (对东盟、欧盟…); 同比, 同期 and 自贸 are not counterparts.
_COUNTERPART = re.compile(rf"对|与|同(?![比期])|向|从|自(?![贸由])|{_BOUND}")


_WITH_CHINA = re.compile(r"(?:对|自|与|同|向|从)(?:华|我国|中国)")


def list_items(text: str, end: int) -> list[tuple[int, str]]:
    """Items of a "A、B和C分别" list ending at ``end`` (offset of 分别 or of the verb before it)."""
    seg_start = max(text.rfind(c, 0, end) for c in "，。；：,")
    if (
        not re.search(r"[、和及与]", text[seg_start + 1 : end])
        and seg_start > 0
        and text[seg_start] in "，,"
    ):
        # "欧洲、北美洲和大洋洲，分别占比30%和15%": the items sit in the clause before
        prev = max(text.rfind(c, 0, seg_start) for c in "，。；：,")
        seg_start, end = prev, seg_start
    seg = re.sub(r"^(?:其次是|其中|包括|分别是|主要是)", "", text[seg_start + 1 : end])
    # 吞吐量排名前三的分别是上海港、宁波舟山港和深圳港: the items follow 分别是 / 依次是
    seg = re.sub(r"^[^、和及与]*?(?:分别是|依次是|依次为)", "", seg)
    seg_start = end - len(seg) - 1
    marks = list(_COUNTERPART.finditer(seg))
    off = marks[-1].end() if marks else 0
    body = seg[off:]
    if (
        marks
        and not re.search(r"[、和及与]", body)
        and re.search(r"、", seg[: marks[0].start()])
        and not _WITH_CHINA.match(seg, marks[0].start())  # 东盟、英国对华投资: China's figures
    ):
        off, body = 0, seg[: marks[0].start()]  # 辽宁、吉林、黑龙江对俄进出口分别…: before 对
    first = re.search(r"[、和及与]", body)
    if first:  # 厦门进口水果、冻品、粮食分别…: the items follow the verb (not 进口和出口均…)
        verbs = list(_TRADE_VERB.finditer(body, 0, first.start()))
        if verbs and verbs[-1].end() < first.start():
            off, body = off + verbs[-1].end(), body[verbs[-1].end() :]
    if not body:
        return []
    body_start = seg_start + 1 + off
    parts, pos = [], 0
    for p in re.split(r"[、和及与]", body):
        parts.append((body_start + pos, p))
        pos += len(p) + 1
    return parts


def clean_item(item: str) -> str:
    """Strip the trailing verb/indicator from the last list item (锂电池出口 → 锂电池)."""
    item = re.sub(
        r"(的)?(边境贸易|边贸|外贸|进出口|出口|进口|进出境|出入境|贸易额|产量|分别|集装箱吞吐量|货物吞吐量|吞吐量"
        r"|接待游客|游客|旅客|货运量).*$",
        "",
        item,
    )
    item = re.sub(r"(?:日均|月均|年均|累计|合计|共计)$", "", item)  # 拱北口岸日均出入境人员
    # 漳州港今年分别完成, 上海港前2个月…分别完成: a time phrase after the name is no part of it
    item = re.sub(
        r"(?:今年|去年|同期|当月|全年|(?<=..)前[\d一二三四五六七八九十两]{1,2}个月)$", "", item
    )
    item = re.sub(r"^[经在](?=..)", "", item)  # 经满洲里口岸、二连浩特口岸进出境的中欧班列
    # 重庆经西部陆海新通道铁海联运班列: the service, not the place routing its goods through it
    item = re.sub(r"^[^经]{2,6}经(?![济贸开])(?=.{2,}(?:班列|班车|列车|航线))", "", item)
    item = re.sub(r"的(?:中欧)?(?:班列|航线|航班|列车)$", "", item)  # 开往…波兰马拉舍维奇的班列
    item = re.sub(r"等.*$", "", item).strip('“”" ')
    item = re.sub(r"^(?:全省|全市|全国|全区)(?=..)", "", item)  # 全省机电产品 → 机电产品
    # 福州、厦门、泉州三市, 上海、天津两地邮轮口岸: the count of the class closes the list (with
    # what it names), not a part of its last name
    m = _CLASS_COUNT.search(item)
    head = item[: m.start()] if m else item
    return head if len(head) >= 2 else item


# The count of a list's class after its last item (黑河、绥芬河、东宁三个口岸;
# 北大湖、松花湖、万峰通化三家滑雪度假区; 越南、泰国、老挝三国), the class word in group 1
# (商品, 产品: commodities).
_CLASS_COUNT = re.compile(
    r"[两二三四五六七八九十]+(?:(?:个|类|大类|种|家|大|座)[^\d，。；、]{0,6}?)?"
    r"(城市|口岸|港口|机场|景区|度假区|滑雪场|基地|园区|片区|区域|市|省|港|地|国|县|区|商品|产品)"
)


# A list of services (西部陆海新通道铁海联运班列、跨境公路班车、国际铁路联运班列分别发送…): each
# line or service reports its own figure, as written.
_SERVICE = re.compile(r"..(?:班列|班车|列车|航线|专线|快线)$")


def counted_places(sent: str, items: list[tuple[int, str]]) -> frozenset[str]:
    """The members of a list that ends in the count of a class of places (三个口岸, 两市, 四国)
    with no counterpart word leading it (对美国、日本两国出口), or of a list of services
    (铁海联运班列、跨境公路班车…分别): each reports its own figure. Empty for any other list."""
    if len(items) < 2:
        return frozenset()
    cleaned = frozenset(clean_item(raw) for _s, raw in items)
    if all(_SERVICE.search(item) for item in cleaned):
        return cleaned
    m = _CLASS_COUNT.search(items[-1][1])
    if not m or m.group(1) in ("商品", "产品"):
        return frozenset()
    if re.search(r"至|到|往|经", items[0][1].removeprefix("经")):
        return frozenset()  # 机场至阿勒泰、喀纳斯三地; 天津港经二连浩特、满洲里三个口岸
    if counterparts(sent, items):
        return frozenset()
    return cleaned


def counterparts(sent: str, items: list[tuple[int, str]]) -> bool:
    """True when a counterpart word leads the list (对阿联酋、沙特阿拉伯出口均…, 自卡塔尔、澳大利亚
    进口…): its items are partners of the subject, not subjects."""
    return bool(items) and bool(_COUNTERPART.search(sent[max(0, items[0][0] - 1) : items[0][0]]))


_NAMED_PLACE = re.compile(
    r"^(?:新疆|内蒙古|广西|云南|黑龙江|吉林|辽宁|西藏)?([^\d，。；、]{1,10}?"
    r"(?:口岸|港|省|市|区|县|州|村|镇))"
)


def each_reporter(item: str) -> str | None:
    """The reporter a list item of a 均 list names: the item without the list's class (合肥、芜湖
    两市 → 芜湖), which names a place when the class is one (海沧、远海两个港区 → 远海)."""
    clean = clean_item(item)
    if found := item_reporter(clean):
        return found
    return clean if clean != item and _CLASS_COUNT.search(item) and len(clean) >= 2 else None


def item_reporter(item: str) -> str | None:
    """The place a list item names when it is a reporter (霍尔果斯口岸、阿拉山口口岸…双双…)."""
    m = _NAMED_PLACE.match(item)
    if m:
        return m.group(1)
    hit = places_in(item)
    return hit[0][2] if hit and hit[0][0] == 0 else None


# The counted, then 在 and where they act: 4万名台胞在福建申领居住证 (no subject before the figure).
_PLACE_AFTER = re.compile(r"[^，。；：在]{1,10}?在([^，。；：]{2,10})")
# 15家…项目签约入驻上海自贸区临港新片区: the zone or place the counted settle in.
_SETTLE_IN = re.compile(r"[^，。；：]{0,16}?(?:签约)?(?:入驻|落户|落地|进驻)([^，。；：]{2,16})")


def national(pre: str) -> bool:
    """True when ``pre`` names the nation or a national body (我国, 全国, 海关总署 …)."""
    return bool(_NATIONAL.search(pre))


def place_after(rest: str) -> str | None:
    """A mainland place the counted act in, right after the figure (``rest`` starts at it):
    4万名台胞在福建申领居住证 → 福建, 15家项目签约入驻临港新片区 → 临港新片区; None when no
    such place follows."""
    m = _PLACE_AFTER.match(rest)
    if m:
        hit = places_in(m.group(1))
        return hit[0][2] if hit and hit[0][0] == 0 and domestic(hit[0][2]) else None
    m = _SETTLE_IN.match(rest)
    if m:  # a typed name (zone, park) or a place, as written
        named = [p for p in subjects(m.group(1)) if p[0] == 0]
        if named and (typed(named[0][2]) or domestic(named[0][2])):
            return named[0][2]
    return None


# Lines counted by their quoted name: 这4条“小三通”客运航线, 4条两岸“小三通”航线.
_COUNTED_LINE = re.compile(r"((?:两岸)?“[^”]{2,20}”(?:客运)?(?:航线|专线))")


def counted_line(rest: str) -> str | None:
    """The quoted line a count of lines names right after it (``rest`` starts after 条)."""
    m = _COUNTED_LINE.match(rest)
    return m.group(1) if m else None


def domestic(name: str) -> bool:
    """A mainland province, city or port (上海, 江苏, 宁波舟山港): a reporter, never a partner."""
    hit = match(name)
    if not hit or hit[0]["start"] != 0:
        return False
    label, linked = hit[0]["label"], hit[0]["linked_id"] or ""
    if outside_mainland(linked):  # Taiwan, Hong Kong, Macao: regions of China, not the mainland
        return False
    return label == "PROVINCE" or (label in ("CITY", "PORT") and linked.startswith("CN"))


def _covered(hits: list[tuple[int, int, str]], n: int) -> bool:
    """Whether places follow one another from the start to the end of a text of length ``n``."""
    end = 0
    for a, b, _name in hits:
        if a != end:
            return False
        end = b
    return end >= n - 1


def item_role(item: str) -> tuple[str | None, str | None]:
    """(partner, commodity) of a 分别 list item: a place or group is the partner, else the
    commodity."""
    hit = places_in(item)
    if hit and hit[0][0] == 0 and hit[0][1] >= len(item) - 1:
        return item, None
    if hit and hit[0][0] == 0 and _covered(hit, len(item)):
        return item, None  # 德国杜伊斯堡: a country and its city
    if (
        hit and hit[0][0] == 0
    ):  # 宁波口岸电动载人汽车: the place is the reporter, the rest the commodity
        return None, re.sub(r"^的", "", item[hit[0][1] :]) or None
    return None, item
