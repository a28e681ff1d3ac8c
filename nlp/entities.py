"""Entities of one text: statistical NER first, gazetteer linking on top, offsets into the text.

Chinese: the trained character NER (:mod:`haisi.nlp.ner`) finds PER / LOC / ORG spans on the
simplified text. A NER span is linked when its text (or the text without a 市/省/港 suffix) is a
gazetteer name: places then take the gazetteer's finer type (COUNTRY, PROVINCE, CITY, PORT,
REGION; Taiwan, Hong Kong and Macao are PROVINCE, regions of China, linked TWN / HKG / MAC by
the override table) and its id. Gazetteer matches the NER did not find are added only where
they touch no NER span and start where a jieba word starts, so a name is never cut out of
another (查德 inside the person 理查德).

English: en_core_web_sm's PERSON → PER, GPE/LOC → a country (ISO3), a group (ASEAN, EU), a port
or city (UN/LOCODE from :func:`haisi.reference.ports.ports`) or LOC; ORG → ORG, linked for the
bodies of ``nlp/data/orgs_en.csv`` (EC → EU, GATT → WTO). Possessives and a leading "the" are
cut from spans; an ORG whose words are a person's name in the same text is a PER.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from functools import cache
from importlib import resources

from haisi.nlp import gazetteer, ner

__all__ = ["PLACE_KINDS", "chinese_entities", "english_entities", "coarse_label"]

PLACE_KINDS = {"COUNTRY", "PROVINCE", "CITY", "PORT", "REGION"}
_ORG_KINDS = {"ORG", "CUSTOMS", "FTZ"}
_SUFFIX = ("市", "省", "港", "地区")
_CHUNK = re.compile(r"[^。！？!?\n；]*[。！？!?\n；]?")
_MAX_PIECE = 500
_WORD = re.compile(r"\w")


def coarse_label(label: str) -> str:
    """PER / LOC / ORG for an output label (finer place types are LOC), else the label itself."""
    return "LOC" if label in PLACE_KINDS else label


def _pieces(text: str) -> list[tuple[int, str]]:
    """Sentence-sized pieces of ``text`` with their offsets (long runs cut every 500 characters);
    pieces with no letter, digit or CJK character hold no name and are left out (a run of 。 or
    …… would otherwise be tens of thousands of one-character pieces for the NER)."""
    out = []
    for m in _CHUNK.finditer(text):
        s, piece = m.start(), m.group(0)
        for k in range(0, len(piece), _MAX_PIECE):
            if _WORD.search(piece[k : k + _MAX_PIECE]):
                out.append((s + k, piece[k : k + _MAX_PIECE]))
    return out


_EDGE = set(" \t\r\n\u3000，。、；：！？,.;:!?（）()《》“”\"'【】")
# The conjunction 与 the NER sometimes runs into at a span's end (福州市与 → 福州市). Not 及: 埃及.
_TAIL = _EDGE | {"与"}
_JOINERS = {"与", "和", "、"}


def _ner_zh(simp: str) -> list[ner.Span]:
    """NER spans over the whole simplified text (punctuation at either edge trimmed; a span
    that runs into a statistic keeps only the place it starts with)."""
    pieces = _pieces(simp)
    docs = ner.load().pipe([p for _, p in pieces], batch_size=64)
    out = []
    for (off, _), doc in zip(pieces, docs):
        for s, e, lab in ner.spans(doc):
            s, e = off + s, off + e
            while s < e and simp[s] in _EDGE:
                s += 1
            while e > s and simp[e - 1] in _TAIL:
                e -= 1
            if e > s and _statistic(simp[s:e]):
                e, lab = s + _leading_place(simp[s:e]), "LOC"
            if e > s:
                out.append((s, e, lab))
    return out


def _statistic(name: str) -> bool:
    """A figure with Arabic digits, a growth rate or 吞吐量/同比 inside a span: no name holds one
    (the NER reads "厦门港集装箱吞吐量120" as one ORG on bulletin text, never on its corpora'
    dev parts)."""
    from haisi.nlp.quantities import find_growths, find_quantities

    return bool(
        re.search(r"吞吐量|同比", name)
        or (re.search(r"[0-9]", name) and re.search(r"进出口|总值|总额|增长|下降|人次|标箱", name))
        or find_growths(name)
        or any(re.search(r"[0-9]", q.text) for q in find_quantities(name))
    )


def _leading_place(name: str) -> int:
    """Length of the longest gazetteer place (福州, or 福州市 with its suffix) that opens
    ``name``; 0 when none does."""
    for k in range(len(name) - 1, 1, -1):
        entry = _gazetteer_entry(name[:k])
        if entry and entry[0] in PLACE_KINDS:
            return k
    return 0


def _gazetteer_entry(name: str) -> gazetteer.Entry | None:
    """The gazetteer entry of a name, trying it without a 市/省/港/地区 suffix too."""
    ents = gazetteer.entries()
    if name in ents:
        return ents[name]
    for suf in _SUFFIX:
        if name.endswith(suf) and len(name) > len(suf) + 1 and name[: -len(suf)] in ents:
            return ents[name[: -len(suf)]]
    return None


def _linked(label: str, name: str) -> tuple[str, str | None]:
    """Output label and id of a NER span: places get the gazetteer's type, bodies stay ORG."""
    entry = _gazetteer_entry(name)
    if entry is None:
        return label, None
    kind, _, linked = entry
    from haisi.reference.countries import outside_mainland

    economy = kind == "COUNTRY" or outside_mainland(linked)
    if label == "PER" and not (economy and name in gazetteer.entries()):
        return label, None  # a transliterated country the NER took for a person (纽西兰) is a place
    if kind in PLACE_KINDS:
        return kind, linked
    if kind in _ORG_KINDS:
        return "ORG", linked
    return label, None


def _gazetteer_label(kind: str) -> str:
    return "ORG" if kind in _ORG_KINDS else kind


def _split_list(simp: str, span: ner.Span) -> list[ner.Span]:
    """A NER span that is two gazetteer names joined by 与/和/、 (寮国与东协) as those two names."""
    s, e, lab = span
    for i in range(s + 1, e - 1):
        if (
            simp[i] in _JOINERS
            and _gazetteer_entry(simp[s:i])
            and _gazetteer_entry(simp[i + 1 : e])
        ):
            return [(s, i, lab), (i + 1, e, lab)]
    return [span]


def chinese_entities(simp: str) -> list[dict]:
    """Entities of simplified Chinese text (offsets into ``simp``)."""
    found = [x for span in _ner_zh(simp) for x in _split_list(simp, span)]
    taken = bytearray(len(simp) + 1)
    out = []
    for s, e, lab in found:
        label, linked = _linked(lab, simp[s:e])
        out.append({"start": s, "end": e, "label": label, "linked_id": linked, "source": "ner"})
        taken[s:e] = b"\x01" * (e - s)
    starts: set[int] | None = None
    for g in gazetteer.match(simp):
        if any(taken[g["start"] : g["end"]]):
            continue
        if starts is None:
            starts = ner.word_starts(simp)
        if g["start"] not in starts:  # 查德 in 理查德: the name would start inside a word
            continue
        out.append(
            {
                "start": g["start"],
                "end": g["end"],
                "label": _gazetteer_label(g["label"]),
                "linked_id": g["linked_id"],
                "source": "gazetteer",
            }
        )
    return sorted(out, key=lambda x: (x["start"], x["end"]))


@cache
def _orgs_en() -> dict[str, str]:
    """English names of international bodies → id (nlp/data/orgs_en.csv)."""
    with (resources.files("haisi.nlp") / "data" / "orgs_en.csv").open(encoding="utf-8") as fh:
        return {r["name"].casefold(): r["linked_id"] for r in csv.DictReader(fh)}


@cache
def _ports_by_name() -> dict[str, list[tuple[str, str | None, bool]]]:
    """Lower-cased English port name → [(UN/LOCODE, country ISO3, Silk Road port)]."""
    from haisi.reference.ports import ports

    out: dict[str, list] = defaultdict(list)
    for r in ports().itertuples(index=False):
        out[str(r.name_en).casefold()].append((r.unlocode, r.country, bool(r.silk_road)))
    return dict(out)


def _locode(name: str, countries: set[str]) -> str | None:
    """UN/LOCODE of a city or port name; among namesakes the one in a country the text names."""
    cands = _ports_by_name().get(name.casefold(), [])
    if len(cands) > 1:
        cands = [c for c in cands if c[1] in countries] or [c for c in cands if c[2]]
    return cands[0][0] if len(cands) == 1 else None


_EN_TRIM_HEAD = {"the", "The", "THE"}
_EN_TRIM_TAIL = {"'s", "’s", "'", "’"}


def _trim(ent) -> tuple[int, int] | None:
    """Token range of an entity without a leading 'the' or a trailing possessive or number."""
    s, e = ent.start, ent.end
    doc = ent.doc
    while s < e and doc[s].text in _EN_TRIM_HEAD:
        s += 1
    while e > s and (
        doc[e - 1].text in _EN_TRIM_TAIL or doc[e - 1].like_num or doc[e - 1].is_punct
    ):
        e -= 1
    return (s, e) if e > s else None


_TITLES = {
    "President",
    "Minister",
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Dr",
    "Dr.",
    "Premier",
    "Chancellor",
    "Senator",
    "Sen.",
    "General",
    "Gen.",
    "coach",
    "striker",
    "champion",
    "finalist",
    "spokesman",
    "spokeswoman",
    "chairman",
    "Governor",
    "Gov.",
    "King",
    "Queen",
}
_SPEECH = {"said", "says", "told", "added", "asked", "replied"}
_ORG_WORDS = re.compile(
    r"\b(?:Corp|Inc|Co|Ltd|Plc|Bank|Ministry|Group|Association|Union|Party|"
    r"Council|Agency|Office|Committee|Board|News|Times|Reuters|Exchange|"
    r"Commission|Department|Institute|University|Club|United|City|FC)\b\.?"
)


def _looks_personal(span, countries_in) -> bool:
    """A span spaCy called ORG/GPE that reads as a person: after a title, before a speech verb
    or before "(Country)" as in results tables; never when it holds an organisation word."""
    doc = span.doc
    if _ORG_WORDS.search(span.text) or not span.text[:1].isupper():
        return False
    prev = doc[span.start - 1].text if span.start > 0 else ""
    nxt = [t.text for t in doc[span.end : span.end + 3]]
    if prev in _TITLES:
        return True
    if nxt[:1] and nxt[0] in _SPEECH and prev not in {"the", "The"}:
        return True
    return len(nxt) == 3 and nxt[0] == "(" and nxt[2] == ")" and countries_in(nxt[1])


_DATELINE = re.compile(r",\s+(?:Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|Nov|Dec)")


_TO_PLACE = re.compile(r"(?:\b(?:to|from|in|at|via|port of|ports of)\s+)$", re.IGNORECASE)
_PORT_AFTER = re.compile(r"\s+(?:port|harbou?r|terminal|docks)\b", re.IGNORECASE)


def _place_consensus(text: str, raw: list, resolve_country) -> list:
    """A known place spaCy called PERSON is a place when the text also calls it GPE, when it
    opens a dateline ("ROTTERDAM, March 18 -"), or when a port's name follows to / from / in /
    at / via / port of or precedes port / harbour ("exports to Rotterdam")."""
    gpe = {t.casefold() for *_, lab, t in raw if lab == "GPE"}
    out = []
    for s, e, lab, t in raw:
        port = lab == "PERSON" and " " not in t and _locode(t, set()) is not None
        if (
            lab in ("PERSON", "ORG")
            and (resolve_country(t) or _locode(t, set()))
            and (t.casefold() in gpe or (s == 0 and _DATELINE.match(text, e)))
        ) or (port and (_TO_PLACE.search(text, 0, s) or _PORT_AFTER.match(text, e))):
            lab = "GPE"
        out.append((s, e, lab, t))
    return out


def english_entities(text: str) -> list[dict]:
    """English entities (offsets into ``text``), linked where the reference data knows the name."""
    from haisi.nlp.pipeline import english_nlp
    from haisi.reference.countries import place_kind, resolve_country
    from haisi.reference.groups import resolve_group

    raw = []
    for off, doc in _en_docs(text, english_nlp()):
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "GPE", "LOC", "ORG"):
                continue
            rng = _trim(ent)
            if rng is None:
                continue
            span = doc[rng[0] : rng[1]]
            lab = ent.label_
            if (
                lab != "PERSON"
                and _orgs_en().get(span.text.casefold()) is None
                and resolve_country(span.text) is None
                and _looks_personal(span, resolve_country)
            ):
                lab = "PERSON"
            raw.append((off + span.start_char, off + span.end_char, lab, span.text))
    raw = _place_consensus(text, raw, resolve_country)
    person_words = {w for *_, lab, t in raw if lab == "PERSON" for w in t.split()}
    countries = {c for *_, lab, t in raw if lab == "GPE" and (c := resolve_country(t))}
    out = []
    for s, e, lab, t in raw:
        label, linked = "LOC", None
        org = _orgs_en().get(t.casefold())
        if lab == "PERSON" or (
            lab == "ORG" and org is None and t.split() and all(w in person_words for w in t.split())
        ):
            label = "PER"
        elif org is not None or (group := resolve_group(t)) is not None:
            label, linked = ("ORG", org) if org else ("REGION", group)
        elif lab == "ORG":
            label = "ORG"
        elif (iso3 := resolve_country(t)) is not None:
            label, linked = place_kind(iso3), iso3
        elif (code := _locode(t, countries)) is not None:
            label, linked = "CITY", code
        out.append(
            {"start": s, "end": e, "label": label, "text": t, "linked_id": linked, "source": "ner"}
        )
    return out


def _en_docs(text: str, nlp, size: int = 20_000):
    """(offset, doc) for pieces of at most ``size`` characters cut at line ends or spaces."""
    pieces, i = [], 0
    while i < len(text):
        j = min(len(text), i + size)
        if j < len(text):
            cut = max(text.rfind("\n", i, j), text.rfind(" ", i, j))
            j = cut + 1 if cut > i else j
        pieces.append((i, text[i:j]))
        i = j
    return zip([o for o, _ in pieces], nlp.pipe([p for _, p in pieces], batch_size=8))
