"""Regenerates nlp/data/train.jsonl: haisi's own template sentences filled with gazetteer names (LOC/ORG).

Run from the repository root: python bench/nlp/make_train_data.py
"""
import json, random
rng = random.Random(20261129)
LOC_COUNTRY = ["美国","日本","韩国","越南","马来西亚","新加坡","泰国","印度尼西亚","菲律宾","德国","法国","巴西","俄罗斯","沙特阿拉伯","阿联酋","英国","澳大利亚","新西兰","秘鲁","智利","哈萨克斯坦","埃及","南非","肯尼亚","柬埔寨","老挝","缅甸","意大利","荷兰","西班牙"]
LOC_GROUP = ["东盟","欧盟","非洲","拉美","中亚","共建“一带一路”国家","RCEP其他成员","金砖国家","中东","欧洲"]
LOC_CN = ["福建","福州","厦门","泉州","漳州","莆田","宁德","平潭","马尾","浙江","宁波","广东","深圳","广州","上海","江苏","山东","青岛","广西","钦州","海南","新疆","重庆","四川","湖南","长沙","云南","天津","河北","陕西","西安","台湾","金门","马祖","香港","澳门"]
LOC_PORT = ["福州港","厦门港","泉州港","宁波舟山港","上海港","青岛港","深圳港","广州港","钦州港","鹿特丹港","新加坡港","巴生港","比雷埃夫斯港","汉堡港"]
ORG = ["海关总署","商务部","文化和旅游部","交通运输部","国家统计局","国家移民管理局","福州海关","厦门海关","广州海关","南宁海关","宁波海关","长沙海关","中欧班列","“丝路海运”","中国（福建）自由贸易试验区","自贸区福州片区","中国国际进口博览会","广交会","国家外汇管理局","中国民航局"]
T = [
 "据{ORG}统计，今年前{n}个月，{CN}对{GROUP}进出口{v}亿元。",
 "{ORG}发布数据显示，{CN}口岸出入境旅客持续增加。",
 "{CN}与{COUNTRY}之间新开通一条集装箱航线，首航船舶从{PORT}出发。",
 "{ORG}表示，将进一步扩大对{GROUP}的开放合作。",
 "来自{COUNTRY}的游客在{CN}参观海上丝绸之路遗址。",
 "{PORT}今年集装箱吞吐量增长明显，{ORG}加快推进通关便利化。",
 "{CN}企业向{COUNTRY}出口机电产品，{ORG}为其提供预约通关服务。",
 "一列满载货物的{ORG}从{CN}驶出，将抵达{COUNTRY}。",
 "{CN}加强与{GROUP}的经贸往来，{ORG}推出多项便利措施。",
 "{COUNTRY}客商在{ORG}期间与{CN}企业签约。",
 "从{PORT}到{PORT2}的航线每周开行两班。",
 "{ORG}联合{ORG2}发布了关于跨境电商的新规定。",
 "今年以来，{CN}对{COUNTRY}和{COUNTRY2}的出口保持增长。",
 "{CN}是{GROUP}商品进入中国市场的重要通道。",
 "在{CN}，不少{COUNTRY}游客选择乘坐邮轮抵达{PORT}。",
 "{ORG}的负责人介绍，{CN}片区已累计推出多项制度创新成果。",
 "记者从{ORG}获悉，{CN}口岸进口{COUNTRY}水果数量创新高。",
 "{COUNTRY}驻华使馆官员出席了在{CN}举行的推介会。",
 "{CN}至{CN2}的客运航线恢复运营，{ORG}加派人员保障通关。",
 "{GROUP}连续多年成为{CN}第一大贸易伙伴。",
]
# Sentences with no LOC/ORG, so the model learns that most characters are outside entities.
NEG = [
 "今年以来，外贸进出口保持平稳增长，新业态新模式不断涌现。",
 "记者在现场看到，一辆辆货车排队等候查验，工作人员正在忙碌。",
 "假期期间，各大景区游客络绎不绝，夜游、露营等新玩法受到欢迎。",
 "专家表示，稳外贸需要进一步优化营商环境，提升通关效率。",
 "数据显示，前{n}个月集装箱吞吐量同比增长{v}标箱。",
 "这批货物主要是机电产品和劳动密集型产品，将通过海运出口。",
 "他说，这几年生意越来越好做，订单已经排到了明年。",
 "随着航线加密，物流成本明显下降，企业出口更有底气。",
 "不少游客选择自驾出行，高速公路车流量明显增加。",
 "跨境电商包裹数量快速增长，带动了仓储和物流就业。",
 "这里的茶叶、水产品和家具深受海外客商欢迎。",
 "近年来，当地积极发展乡村旅游，农民收入持续提高。",
 "工作人员介绍，通关时间由原来的两天缩短到几个小时。",
 "新能源汽车、锂电池和太阳能电池成为出口新的增长点。",
 "市场人士认为，后续需求仍有较大增长空间。",
 "春节前后，客流高峰叠加，运输部门增开了临时班次。",
 "该项目建成后，每年可新增货物吞吐能力{v}万吨。",
 "企业负责人说，今年上半年新签订单增长了{n}成。",
 "游客们在古街漫步，品尝特色小吃，感受传统文化。",
 "各地持续优化入境支付服务，方便游客购物消费。",
]


def pick(lst, exclude=()):
    return rng.choice([x for x in lst if x not in exclude])
rows, seen = [], set()
while len(rows) < 400:
    t = rng.choice(T)
    vals = {"ORG": pick(ORG), "CN": pick(LOC_CN), "GROUP": pick(LOC_GROUP), "COUNTRY": pick(LOC_COUNTRY),
            "PORT": pick(LOC_PORT), "n": rng.randint(2, 11), "v": rng.randint(100, 9999)}
    vals["ORG2"] = pick(ORG, [vals["ORG"]]); vals["CN2"] = pick(LOC_CN, [vals["CN"]])
    vals["COUNTRY2"] = pick(LOC_COUNTRY, [vals["COUNTRY"]]); vals["PORT2"] = pick(LOC_PORT, [vals["PORT"]])
    text, ents, pos, i = "", [], 0, 0
    import re
    for m in re.finditer(r"\{(\w+)\}", t):
        text += t[pos:m.start()]
        key = m.group(1); val = str(vals[key])
        if key not in ("n", "v"):
            ents.append([len(text), len(text) + len(val), "ORG" if key.startswith("ORG") else "LOC"])
        text += val; pos = m.end()
    text += t[pos:]
    if text in seen: continue
    seen.add(text); rows.append({"text": text, "entities": ents})
for k in range(120):
    t = NEG[k % len(NEG)]
    text = t.format(n=rng.randint(2, 11), v=rng.randint(10, 9999))
    if text not in seen:
        seen.add(text); rows.append({"text": text, "entities": []})
rng.shuffle(rows)
with open("nlp/data/train.jsonl", "w", encoding="utf-8") as fh:
    for r in rows: fh.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(rows))
