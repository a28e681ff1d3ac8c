"""A learned second look at each fact's reporter: a ranker over the names the paragraph offers.

The rules (``roles``) pick a reporter per figure; on paragraphs they were not written against
they are exactly right for about 78 % of matched facts. This conditional-logit ranker scores
every candidate (each name the rules' own finders see in the paragraph, 全国, and the rules'
choice) from where its mention sits relative to the figure, the characters around it, its kind
and whether the rules chose it, and replaces the rules' choice when another candidate is more
probable by at least the stored margin. It was trained on the twice-read tuning labels with the
choices the rules made *before* they were tuned on each paragraph (``train_examples``), so it
learns how the rules err on text they have not seen. Weights: ``nlp/data/reporter-ranker.json``,
rebuilt by ``haisi nlp train-reporter``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
from haisi.nlp.facts.names import kind_only, named_subjects, type_word
from haisi.nlp.facts.roles import CHINA, DEICTIC, foreign, national_body, subjects
from haisi.nlp.gazetteer import customs_province, entries, match
from scipy import optimize, sparse
from threadpoolctl import threadpool_limits

__all__ = [
    "WEIGHTS",
    "Example",
    "Ranker",
    "candidates",
    "features",
    "load",
    "rerank",
    "train",
    "train_examples",
]

WEIGHTS = Path(__file__).resolve().parent.parent / "data" / "reporter-ranker.json"
NATIONAL = "全国"
_NATIONAL_WORDS = re.compile(r"全国|我国|中国")
_SITE = re.compile(r"景区|风貌区|旅游区|度假区|公园|长城|村寨|滑雪场|古城|古镇|博物|馆|园$")
_CLAUSE_END = "，,；。："
BLOCK = 1000  # characters read as one paragraph (every labelled paragraph is shorter)
_MEASURE_WORDS = "场条个家批艘列趟座处所项"
_EXAMPLES = re.compile(r"[^，。；：！？]*等")  # what lies between a listed example and the figure


def candidates(sentences: Sequence[tuple[int, str]]) -> list[str]:
    """Every name the rules' finders see in the paragraph's sentences, and 全国 (sorted)."""
    found = {n for _s0, s in sentences for f in (subjects, named_subjects) for _a, _b, n in f(s)}
    return sorted({NATIONAL if n in CHINA else n for n in found} | {NATIONAL})


@lru_cache(maxsize=4096)
def _kind(name: str) -> str:
    """The candidate's kind: nation, deictic, gazetteer label, type word, quoted, event or site."""
    if name == NATIONAL:
        return "nation"
    if name in ("当地", "这里", "企业"):
        return "deictic"
    e = entries().get(name)
    if e:
        return e[0] + (":foreign" if foreign(name) else "")
    word = type_word(name)
    if word:
        return f"typed:{word}"
    if name.startswith("“"):
        return "quoted"
    if name.startswith("第"):
        return "event"
    return "site" if _SITE.search(name) else "other"


def _mentions(text: str, names: Iterable[str]) -> dict[str, list[int]]:
    """Start offsets of each name, leaving out those inside a longer name's mention (厦门 in
    厦门港); 全国 stands for 全国/我国/中国."""
    covered = np.zeros(len(text) + 1, dtype=bool)
    out: dict[str, list[int]] = {}
    for name in sorted(names, key=len, reverse=True):
        if name == NATIONAL:
            found = [(m.start(), m.end()) for m in _NATIONAL_WORDS.finditer(text)]
        else:  # a literal name: str.find, not a regex per name (they crowd re's cache out)
            found = _occurrences(text, name)
        out[name] = [a for a, _b in found if not covered[a]]
        for a, b in found:
            covered[a:b] = True
    return out


def _occurrences(text: str, name: str) -> list[tuple[int, int]]:
    """(start, end) of each non-overlapping occurrence of ``name`` in ``text``, left to right."""
    out, i = [], text.find(name)
    while i >= 0 and name:
        out.append((i, i + len(name)))
        i = text.find(name, i + len(name))
    return out


def _bin(x: int, edges: tuple[int, ...]) -> str:
    """The index of the first edge ``x`` does not exceed (a coarse count or distance)."""
    return str(next((i for i, e in enumerate(edges) if x <= e), len(edges)))


def _where(text: str, sents: Sequence[tuple[int, str]], sid: int, clause0: int, pos: int) -> str:
    """Where a mention before the figure sits: its clause, sentence, the previous one, the
    first one, or earlier."""
    if pos >= clause0:
        return "clause"
    msid = max(i for i, (a, _s) in enumerate(sents) if a <= pos)
    if msid == sid:
        return "sentence"
    return "prev" if msid == sid - 1 else ("first" if msid == 0 else "earlier")


def features(
    text: str,
    sents: Sequence[tuple[int, str]],
    names: Sequence[str],
    mentions: dict[str, list[int]],
    fact: dict,
    previous: str | None,
) -> list[list[str]]:
    """Feature strings of every candidate reporter of one fact (``indicator``, ``reporter`` and
    ``span_start`` of ``fact``; ``previous``: the rules' reporter of the fact before it)."""
    anchor = fact["span_start"]
    sid = max(i for i, (s0, _s) in enumerate(sents) if s0 <= anchor)
    s0, sent = sents[sid]
    clause0 = max(text.rfind(c, 0, anchor) for c in _CLAUSE_END) + 1
    before = {n: max((m for m in mentions[n] if m < anchor), default=-1) for n in names}
    ranked = sorted((p for p in before.values() if p >= s0), reverse=True)
    ind, chosen = fact["indicator"], fact["reporter"]
    rule_kind = _kind(chosen)
    national = any(w in sent for w in ("全国", "我国"))
    out = []
    for name in names:
        kind = _kind(name)
        rule = name == chosen
        f = [f"kind={kind}", f"ind={ind}|kind={kind}", f"rule={rule}", f"rule={rule}|kind={kind}"]
        f += [f"rulekind={rule_kind}|kind={kind}", f"ind={ind}|rule={rule}"]
        f += [f"prev={name == previous}|kind={kind}", f"natsent={national}|kind={kind}"]
        f += [f"len={min(len(name), 8)}", f"lead={text.startswith(name)}"]
        # its first and last characters: the head (港, 企业, 省) and the lead (厦门…, 一家…)
        f += [f"h1={name[-1:]}", f"h2={name[-2:]}", f"ind={ind}|h1={name[-1:]}"]
        f += [f"f1={name[:1]}", f"f2={name[:2]}"]
        if not rule and chosen in name:
            f += ["overlaps_rule=longer", f"longer_by={min(len(name) - len(chosen), 4)}"]
        elif not rule and name in chosen:
            f.append("overlaps_rule=shorter")
        f.append(f"count={_bin(len(mentions[name]), (0, 1, 2))}")
        pos = before[name]
        if pos < 0:
            after = [m for m in mentions[name] if m >= anchor]
            where = (
                "absent"
                if not after
                else ("after_same" if after[0] < s0 + len(sent) else "after_later")
            )
            f += [
                f"where={where}",
                f"where={where}|kind={kind}",
                f"where={where}|kind={kind}|{rule=}",
            ]
            out.append(f)
            continue
        where = _where(text, sents, sid, clause0, pos)
        end = pos + (2 if name == NATIONAL else len(name))
        f += [f"where={where}", f"where={where}|kind={kind}", f"where={where}|rule={rule}"]
        f.append(f"where={where}|kind={kind}|{rule=}")  # the conjunctions: CV +0.001 to +0.002
        dist = _bin(anchor - end, (0, 3, 8, 20, 50))
        f += [f"dist={dist}", f"dist={dist}|kind={kind}"]
        if where in ("clause", "sentence"):
            rank = _bin(ranked.index(pos), (0, 1))
            f += [f"rank={rank}", f"rank={rank}|kind={kind}|{rule=}"]
            f.append(f"initial={pos - s0 <= 1 or text[s0:pos].endswith(('，', ','))}")
        p1, n1 = text[max(0, pos - 1) : pos], text[end : end + 1]
        f += [f"p1={p1}", f"p2={text[max(0, pos - 2) : pos]}", f"p1={p1}|kind={kind}"]
        f += [f"n1={n1}", f"n2={text[end : end + 2]}", f"n1={n1}|kind={kind}"]
        lead = text[max(clause0 if pos >= clause0 else s0, pos - 12) : pos]
        if re.search(r"来自|从|与|同|对|和", lead):
            f.append("inside_counterpart")
        if re.search(r"在[^，。；]{0,4}$", lead):
            f.append("after_zai")
        if re.match(r"海关|口岸|的", text[end : end + 2]):
            f.append(f"follow={text[end : end + 2]}")
        out.append(f)
    return out


@dataclass(frozen=True)
class Ranker:
    """Feature weights and the margin in probability an override needs."""

    weights: dict[str, float]
    margin: float

    def __post_init__(self) -> None:
        if not 0.0 <= self.margin <= 1.0:
            raise ValueError(f"margin must be a probability difference in [0, 1]: {self.margin}")

    def choose(self, names: Sequence[str], feats: Sequence[list[str]], rule: int) -> int:
        """The index of the reporter: the top candidate, unless it beats the rules' choice
        (``rule``) by less than the margin, is a national body where the rules chose 全国 (the
        guide writes the nation), a list holding the rules' choice (each listed item has its own
        figure), a pointing word (该港) or a part of the rules' name that is a bare type word
        (论坛 of 中国—波兰经贸合作论坛) or not what is left when a place or a tail is cut off
        (遗址公园 of 国家考古遗址公园). Those parts may replace it (冰雪大世界 for 哈尔滨冰雪大世界:
        readers often leave the city off; 江西 for 江西省)."""
        s = np.array([sum(self.weights.get(x, 0.0) for x in set(fs)) for fs in feats])
        p = np.exp(s - s.max())
        p /= p.sum()
        top = int(p.argmax())
        # 全国 given up for the ministry or bureau that published the figure (国家邮政局预计…)
        body = names[rule] == NATIONAL and national_body(names[top])
        # 霍尔果斯口岸、阿拉山口口岸…双双: the rules gave each item its own figure, not the list
        whole_list = "、" in names[top] and names[rule] in names[top]
        # 该港, 该口岸: a pointing word names nothing itself (readers never write it)
        pointing = names[top].startswith("该") and bool(DEICTIC.fullmatch(names[top]))
        word = type_word(names[top])
        bare = names[top] in names[rule] and bool(word) and kind_only(names[top][: -len(word)])
        keep = body or whole_list or pointing or bare or _cut_inside(names[rule], names[top])
        # a customs office publishes figures, not what they are about (俄罗斯海关部门数据显示…);
        # a name never begins with a measure word (场专题论坛 of 9场专题论坛; 所罗门群岛 is a name)
        counted = names[top][0] in _MEASURE_WORDS and names[top] not in entries()
        keep = keep or names[top].endswith("海关") or counted
        return top if not keep and p[top] - p[rule] >= self.margin else rule


def _districts_named(text: str) -> set[str]:
    """The provinces whose customs offices the text names (乌鲁木齐海关 → 新疆)."""
    return {
        p for e in match(text) if e["label"] == "CUSTOMS" and (p := customs_province(e["text"]))
    }


def _example_of(text: str, name: str, start: int) -> bool:
    """True when ``name`` is a later item of a list that ends in 等 right before the figure at
    ``start`` (深圳茅洲河、厦门筼筜湖等56个美丽河湖优秀案例): the items are examples of what is
    counted, not whose figure it is. A subject before the list (滨海新区推出海河游船、…等52项)
    is not an item: no 、 comes right before it."""
    at = text.rfind(name, 0, start)
    after = text[at + len(name) : start]
    return at > 0 and text[at - 1] == "、" and bool(_EXAMPLES.fullmatch(after))


def _cut_inside(name: str, part: str) -> bool:
    """True when ``part`` is inside ``name`` but is neither its head (江西 of 江西省) nor what
    follows a place at its start (冰雪大世界 of 哈尔滨冰雪大世界)."""
    if part == name or part not in name or name.startswith(part):
        return False
    return not name.endswith(part) or name[: -len(part)] not in entries()


@cache
def load(path: Path = WEIGHTS) -> Ranker:
    """The shipped ranker (read once)."""
    d = json.loads(path.read_text(encoding="utf-8"))
    return Ranker(weights=d["weights"], margin=d["margin"])


def _described(
    text: str, sents: Sequence[tuple[int, str]], facts: list[dict]
) -> Iterator[tuple[int, list[str], list[list[str]]]]:
    """(index, candidates, their features) of each fact with a reporter, in document order.

    The candidates are the paragraph's names, 全国 and every reporter the rules gave a fact."""
    chosen = {f["reporter"] for f in facts if f["reporter"]}
    names = sorted(set(candidates(sents)) | chosen)
    mentions = _mentions(text, names)
    previous = None
    for i, f in enumerate(facts):
        if f["reporter"]:
            yield i, names, features(text, sents, names, mentions, f, previous)
        previous = f["reporter"]


def _blocks(sents: Sequence[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Runs of whole sentences of at most BLOCK characters (a sentence longer than that alone):
    a bulletin paragraph is one block, a long page is cut into paragraph-sized ones."""
    out: list[list[tuple[int, str]]] = []
    for s0, sent in sents:
        if out and s0 + len(sent) - out[-1][0][0] <= BLOCK:
            out[-1].append((s0, sent))
        else:
            out.append([(s0, sent)])
    return out


def rerank(text: str, sents: Sequence[tuple[int, str]], facts: list[dict], ranker: Ranker) -> None:
    """Replace, in place, the reporter of each fact (``span_start`` in ``text``) where the ranker
    prefers another candidate; facts come in document order.

    Each block of sentences is read as a paragraph of its own, so that the work per fact does not
    grow with the length of the document (the labelled paragraphs are all shorter than a block).
    The rules' reporter stays for every fact of a 分别 list (广州、深圳、揭阳三市快递业务量分别
    完成…: the list says whose each figure is), for a 均 list's item written inside the fact's
    own span (合肥、芜湖、滁州三市进出口增速均超过15%) and for the province of a customs office
    the block names (乌鲁木齐海关数据显示…: 新疆's figures); a later item of a 等 list right
    before the figure never replaces it (:func:`_example_of`).
    """
    for block in _blocks(sents):
        b0, b1 = block[0][0], block[-1][0] + len(block[-1][1])
        inside = [f for f in facts if b0 <= f["span_start"] < b1]
        local = [{**f, "span_start": f["span_start"] - b0} for f in inside]
        shifted = [(s0 - b0, sent) for s0, sent in block]
        districts = _districts_named(text[b0:b1])
        for i, names, feats in list(_described(text[b0:b1], shifted, local)):
            f = inside[i]
            span = text[f["span_start"] : f["span_end"]]
            # one look at a fact alone would give every figure of a list the same item (英国 for
            # 日本、英国…分别增长…)
            item = f["reporter"] != NATIONAL and f["reporter"] in span
            if "分别" in span or ("均" in span and item):
                continue
            if f["reporter"] in districts:
                continue
            rule = names.index(f["reporter"])
            pick = names[ranker.choose(names, feats, rule)]
            if not _example_of(text[b0:b1], pick, f["span_start"] - b0):
                f["reporter"] = pick


@dataclass(frozen=True)
class Example:
    """One matched fact for training: its candidates' features and the gold reporter."""

    names: list[str]
    feats: list[list[str]]
    gold: str


def train_examples(
    text: str, sents: Sequence[tuple[int, str]], facts: list[dict], golds: list[str | None]
) -> list[Example]:
    """Examples of one paragraph: ``facts`` are the rules' output in document order and
    ``golds`` the gold reporter of each (None where the fact matched no gold fact)."""
    return [
        Example(names, feats, gold)
        for i, names, feats in _described(text, sents, facts)
        if (gold := golds[i]) is not None
    ]


def train(examples: Sequence[Example], l2: float, steps: int) -> dict[str, float]:
    """Conditional-logit weights (softmax over each fact's candidates, mean log-loss plus
    ``l2``/2·|w|², minimised by L-BFGS in at most ``steps`` iterations) from the examples whose
    gold reporter is among the candidates."""
    usable = [e for e in examples if e.gold in e.names]
    vocab = {s: i for i, s in enumerate(sorted({s for e in usable for fs in e.feats for s in fs}))}
    rows: list[int] = []
    cols: list[int] = []
    bounds, n = [0], 0
    for e in usable:
        for fs in e.feats:
            idx = sorted({vocab[s] for s in fs})
            rows += [n] * len(idx)
            cols += idx
            n += 1
        bounds.append(n)
    x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(vocab)))
    y = np.zeros(n)
    for k, e in enumerate(usable):
        y[bounds[k] + e.names.index(e.gold)] = 1.0
    starts, sizes = np.array(bounds[:-1]), np.diff(bounds)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = x @ w
        top = np.maximum.reduceat(s, starts)
        e_ = np.exp(s - np.repeat(top, sizes))
        z = np.add.reduceat(e_, starts)
        p = e_ / np.repeat(z, sizes)
        nll = float((top + np.log(z)).sum() - y @ s) / len(usable)
        return nll + 0.5 * l2 * float(w @ w), x.T @ (p - y) / len(usable) + l2 * w

    with threadpool_limits(1):  # one BLAS thread: the same weights whatever the thread settings
        w = optimize.minimize(
            loss, np.zeros(len(vocab)), jac=True, method="L-BFGS-B", options={"maxiter": steps}
        ).x
    return {s: float(w[i]) for s, i in vocab.items() if abs(w[i]) > 1e-9}
