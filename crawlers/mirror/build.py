"""Render a static mirror of the real sources' structure from given data.

``build(out, source="shared")`` uses the real recorded data in ``../shared/data`` (GACC query
pages and CSVs, Comtrade JSON fixtures, 新闻联播 paragraphs as article bodies, Taiwan CSVs);
``source="sample"`` uses haisi.samples (the demo). ``faults=True`` adds pages that fail in the
ways real sites do (404/500, truncated body, wrong declared encoding, oversize page, "Request
Rejected" rate-limit page, HTML where CSV was asked, a robots-disallowed link). ``articles``
sets how many article pages each news site gets (the benchmark asks for thousands).

``_mirror.json`` at the root holds per-file headers and faults for :mod:`crawlers.mirror.serve`, and
the GACC query endpoint (``QUERY_PATH``: rows of the real query CSVs filtered by the platform's
parameters, cut off at ``query_cap`` rows like the real 10,000-record cap).
"""

from __future__ import annotations

import html
import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from haisi.reference.countries import name_zh

from haisi.errors import InvalidInput

__all__ = ["build", "MirrorSpec", "PER_LIST_PAGE"]

PER_LIST_PAGE = 10
QUERY_PATH = (
    "gacc/query/downloadQueryData"  # the query platform's CSV download, answered from QUERY_TABLE
)
QUERY_TABLE = "_query/gacc.csv"  # not served: the data the query endpoint filters


@dataclass
class MirrorSpec:
    """What is being written: the root, per-file headers and faults."""

    root: Path
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    faults: dict[str, dict] = field(default_factory=dict)
    files: int = 0

    def write(
        self,
        rel: str,
        data: bytes | str,
        *,
        encoding: str = "utf-8",
        content_type: str | None = None,
    ) -> None:
        """Write one file; ``content_type`` is what the server will declare for it."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(
            data.encode(encoding, "xmlcharrefreplace") if isinstance(data, str) else data
        )
        if content_type:
            self.headers[rel] = {"Content-Type": content_type}
        self.files += 1


def _page(title: str, body: str, charset: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="{charset}">'
        f"<title>{html.escape(title)}</title>"
        f"</head>\n<body>\n{body}\n</body></html>\n"
    )


def _lists(
    m: MirrorSpec,
    folder: str,
    entries: list[tuple[str, str, str]],
    charset: str,
    extra_links: Iterable[str] = (),
) -> None:
    """Paginated list pages ``folder/list_N.html`` of (href, title, date) entries."""
    chunks = [entries[i : i + PER_LIST_PAGE] for i in range(0, len(entries), PER_LIST_PAGE)] or [[]]
    for n, chunk in enumerate(chunks, start=1):
        items = "\n".join(
            f'<li><a href="{h}">{html.escape(t)}</a><span class="date">{d}</span></li>'
            for h, t, d in chunk
        )
        if n == 1:
            items += "".join(
                f'\n<li><a href="{h}">{h}</a><span class="date"></span></li>' for h in extra_links
            )
        pager = (
            f'<div class="pager"><a class="next" href="list_{n + 1}.html">下一页</a></div>'
            if n < len(chunks)
            else ""
        )
        m.write(
            f"{folder}/list_{n}.html",
            _page(f"列表 第{n}页", f'<ul class="news-list">\n{items}\n</ul>\n{pager}', charset),
            encoding=charset,
            content_type=f"text/html; charset={charset}",
        )


def _article(title: str, date: str, text: str, charset: str) -> str:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p)
    return _page(
        title,
        f'<h1 class="title">{html.escape(title)}</h1>\n<div class="date">发布时间：{date}</div>\n'
        f'<div id="easysiteText" class="article">{paras}</div>',
        charset,
    )


def _news_site(m: MirrorSpec, folder: str, docs: list[dict], charset: str) -> None:
    entries = []
    for d in docs:
        rel = f"art/{d['id']}.html"
        m.write(
            f"{folder}/{rel}",
            _article(d["title"], d["date"], d["text"], charset),
            encoding=charset,
            content_type=f"text/html; charset={charset}",
        )
        entries.append((rel, d["title"], d["date"]))
    _lists(m, folder, entries, charset)


def _paragraph_docs(shared: Path, articles: int) -> dict[str, list[dict]]:
    """新闻联播 paragraphs as article bodies: customs_trade → customs sites, the rest → FTZ."""
    paras = [
        json.loads(x)
        for x in (shared / "text/xwlb-zh-news/paragraphs.jsonl").read_text("utf-8").splitlines()
    ]
    trade = [p for p in paras if "customs_trade" in p["tags"]]
    other = [p for p in paras if "customs_trade" not in p["tags"]]
    out: dict[str, list[dict]] = {"fuzhou_customs": [], "xiamen_customs": [], "fuzhou_ftz": []}
    for site, pool, offset in (
        ("fuzhou_customs", trade, 0),
        ("xiamen_customs", trade, 1),
        ("fuzhou_ftz", other, 0),
    ):
        for i in range(articles):
            p = pool[(2 * i + offset) % len(pool)]
            out[site].append(
                {
                    "id": f"{p['id']}-{i:05d}",
                    "date": p["date"],
                    "title": p["text"][:24].rstrip("，。"),
                    "text": p["text"],
                }
            )
    return out


def _sample_docs(articles: int) -> dict[str, list[dict]]:
    from haisi.samples import generate

    docs = generate().documents.to_dict("records")
    out: dict[str, list[dict]] = {}
    for site in ("fuzhou_customs", "xiamen_customs", "fuzhou_ftz"):
        out[site] = [
            {
                "id": f"{d['doc_id']}-{i:05d}",
                "date": d["published"],
                "title": d["title"],
                "text": d["text"],
            }
            for i in range(min(articles, len(docs)))
            for d in [docs[i]]
        ]
    return out


# ---- GACC ---------------------------------------------------------------------------------
def _by_country_table(period: str, rows: pd.DataFrame, unit: str, reporter_zh: str = "") -> str:
    """A 国别(地区) table with merged header cells and a footnote mark on the total row."""
    y, mth = period.split("-")

    def fmt(v: float) -> str:
        return "—" if pd.isna(v) else f"{v:,.0f}"

    body = [
        f"<tr><td>总值①</td><td>{fmt(rows.export.sum(min_count=1))}</td>"
        f"<td>{fmt(rows['import'].sum(min_count=1))}</td></tr>"
    ]
    for iso3, r in rows.iterrows():
        body.append(
            f"<tr><td>{html.escape(name_zh(iso3) or iso3)}</td><td>{fmt(r.export)}</td>"
            f"<td>{fmt(r['import'])}</td></tr>"
        )
    return (
        f'<table class="stat-table"><caption>{reporter_zh}{y}年{int(mth)}月'
        f"进出口商品国别(地区)总值表 ({unit})"
        f'</caption>\n<tr><th rowspan="2">国别(地区)</th>'
        f'<th colspan="2">{y}年{int(mth)}月</th></tr>\n'
        f"<tr><th>出口</th><th>进口</th></tr>\n" + "\n".join(body) + "\n</table>\n"
        '<p class="note">注：①总值含其他国家(地区)。</p>'
    )


def _gacc(
    m: MirrorSpec, releases: list[dict], query_files: dict[str, tuple[bytes, str]], faults: bool
) -> None:
    m.write(
        "gacc/query/index.html",
        _page("海关统计数据在线查询", "<p>数据查询</p>", "utf-8"),
        content_type="text/html; charset=utf-8",
    )
    for name, (data, ctype) in query_files.items():
        m.write(f"gacc/query/{name}", data, content_type=ctype)
    entries = []
    for r in releases:
        links = "".join(
            f'<p><a class="{"query-csv" if q.endswith(".csv") else "query-result"}" '
            f'href="../query/{q}">{q}</a></p>'
            for q in r.get("queries", [])
        )
        body = (
            f'<h1 class="title">{html.escape(r["title"])}</h1>\n'
            f'<div class="date">{r["date"]}</div>\n'
            f'<div id="easysiteText"><p>{html.escape(r["text"])}</p></div>\n{r["table"]}\n{links}'
        )
        charset = r.get("charset", "utf-8")
        m.write(
            f"gacc/release/{r['id']}.html",
            _page(r["title"], body, charset),
            encoding=charset,
            content_type=f"text/html; charset={charset}",
        )
        entries.append((f"release/{r['id']}.html", r["title"], r["date"]))
    _lists(m, "gacc", entries, "utf-8", extra_links=["../private/secret.html"] if faults else ())
    m.write(
        "private/secret.html",
        _page("private", "<p>robots.txt disallows this page</p>", "utf-8"),
        content_type="text/html; charset=utf-8",
    )


def _gacc_shared(shared: Path) -> tuple[list[dict], dict[str, tuple[bytes, str]]]:
    """Releases built from the real GACC query CSVs (China-reported totals by partner)."""
    from haisi.crawlers.feeds.gacc import GaccCsvFeed

    d = shared / "trade/gacc_query_samples"
    files = sorted(d.glob("*.csv"))
    frames = []
    for f in files:
        res = GaccCsvFeed("gacc-csv", None).parse(f.read_bytes(), source_uri=f.name)
        frames.append(res.rows)
    t = pd.concat(frames, ignore_index=True)
    texts = [
        json.loads(x)["text"]
        for x in (shared / "text/xwlb-zh-news/paragraphs.jsonl").read_text("utf-8").splitlines()
        if "customs_trade" in x
    ]
    releases = []
    for i, (period, g) in enumerate(sorted(t.groupby("period"), key=lambda kv: kv[0])):
        by = g.pivot_table(index="partner", columns="flow", values="value", aggfunc="sum").reindex(
            columns=["export", "import"]
        )
        y, mth = period.split("-")
        small = {f.name: f for f in files if f.stat().st_size < 100_000 and f"{y}-{mth}" in f.name}
        queries = list(small)
        if period == "2019-01":
            queries.append("result_exports_usa_2019-01.html")
        releases.append(
            {
                "id": f"{y}{mth}",
                "title": f"{y}年{int(mth)}月进出口商品国别(地区)总值表",
                "date": f"{y}-{int(mth) % 12 + 1:02d}-20" if mth != "12" else f"{int(y) + 1}-01-20",
                "text": texts[i % len(texts)],
                "table": _by_country_table(period, by, "美元"),
                "queries": queries,
                "charset": "gbk" if i % 2 else "utf-8",
            }
        )
    qf = {
        f.name: (f.read_bytes(), "text/csv; charset=gbk")
        for f in files
        if f.stat().st_size < 100_000
    }
    qf["result_exports_usa_2019-01.html"] = (
        (d / "gacc_query_result_page_sample_exports_usa_2019-01.html").read_bytes(),
        "text/html; charset=utf-8",
    )
    return releases, qf


def _gacc_sample(articles: int) -> list[dict]:
    from haisi.samples import generate

    t = generate().trade_flows
    releases = []
    for period in sorted(t.period.unique())[-max(3, min(articles, 24)) :]:
        g = t[t.period == period]
        by = g.pivot_table(index="partner", columns="flow", values="value", aggfunc="sum").reindex(
            columns=["export", "import"]
        )
        y, mth = period.split("-")
        releases.append(
            {
                "id": f"{y}{mth}",
                "title": f"【示例】福建省{y}年{int(mth)}月进出口商品国别(地区)总值表",
                "date": f"{y}-{mth}-28",
                "text": "【示例数据】Sample data.",
                "table": _by_country_table(period, by, "美元", "福建省"),
            }
        )
    return releases


# ---- Taiwan and Comtrade -------------------------------------------------------------------
def _taiwan(m: MirrorSpec, resources: list[tuple[str, bytes, str]], faults: bool) -> None:
    per_page = 5
    datasets = [
        {
            "identifier": f"tw-{i:03d}",
            "title": name,
            "distribution": [
                {
                    "resourceDownloadUrl": f"../../../resources/{name}",
                    "resourceFormat": "CSV",
                    "resourceCharacterEncoding": enc.upper(),
                }
            ],
        }
        for i, (name, _, enc) in enumerate(resources)
    ]
    if faults:
        datasets.append(
            {
                "identifier": "tw-rejected",
                "title": "rejected",
                "distribution": [
                    {
                        "resourceDownloadUrl": "../../../resources/always_rejected.csv",
                        "resourceFormat": "CSV",
                    }
                ],
            }
        )
        m.write(
            "taiwan/resources/always_rejected.csv",
            _REJECTED,
            content_type="text/html; charset=utf-8",
        )
        m.faults["taiwan/resources/always_rejected.csv"] = {"kind": "rejected", "times": 10_000}
    pages = [datasets[i : i + per_page] for i in range(0, len(datasets), per_page)]
    for n, chunk in enumerate(pages, start=1):
        nxt = f"dataset?page={n + 1}" if n < len(pages) else None
        m.write(
            f"taiwan/api/v2/rest/dataset/@page={n}",
            json.dumps({"success": True, "result": chunk, "next": nxt}, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
    for name, data, enc in resources:
        m.write(f"taiwan/resources/{name}", data, content_type=f"text/csv; charset={enc}")


def _taiwan_shared(shared: Path) -> list[tuple[str, bytes, str]]:
    df = pd.read_csv(
        shared / "trade/taiwan_hs8542_exports/taiwan_exports_by_country_2013_2025.csv",
        dtype=str,
        encoding="utf-8-sig",
    )
    out = []
    for i, (year, g) in enumerate(df.groupby("Year")):
        text = g.to_csv(index=False)
        enc = "big5" if i % 2 else "utf-8"
        try:
            data = text.encode(enc)
        except UnicodeEncodeError:
            enc, data = "utf-8", text.encode("utf-8")
        out.append((f"exports_by_country_{year}.csv", data, enc))
    totals = (shared / "trade/taiwan_hs8542_exports/taiwan_exports_8542_2013_2025.csv").read_bytes()
    out.append(("exports_8542_totals.csv", totals, "utf-8"))
    return out


def _taiwan_sample() -> list[tuple[str, bytes, str]]:
    from haisi.samples import generate

    t = generate().trade_flows
    tw = t[(t.partner == "TWN") & (t.flow == "import")].assign(Year=lambda d: d.period.str[:4])
    g = tw.groupby(["Year", "hs_code"], as_index=False).value.sum()
    df = pd.DataFrame(
        {
            "Year": g.Year,
            "Country": "中國大陸",
            "HS Code": g.hs_code,
            "Description": "sample 示例",
            "Export Value (USD)": g.value.round(2),
        }
    )
    return [("sample_exports_by_country.csv", df.to_csv(index=False).encode("big5"), "big5")]


def _taiwan_visitors_sample() -> list[tuple[str, bytes, str]]:
    """SAMPLE visitor arrivals to Taiwan by residence (來臺旅客按居住地分), 2023–2024, Big5.

    The shared data holds no real file of this dataset, so the mirror serves a generated one in
    the layout of TaiwanVisitorsFeed (ROC years, Chinese names, a 港澳 aggregate row).
    """
    import numpy as np

    base = {
        "日本": 110_000,
        "韓國": 60_000,
        "中國大陸": 25_000,
        "美國": 45_000,
        "新加坡": 20_000,
        "馬來西亞": 30_000,
        "菲律賓": 28_000,
        "越南": 35_000,
        "港澳": 70_000,
    }
    rng = np.random.default_rng(2024)
    rows = [
        (str(y - 1911), str(m), name, int(v * (0.8 + 0.3 * m / 12) * rng.lognormal(0, 0.05)))
        for y in (2023, 2024)
        for m in range(1, 13)
        for name, v in base.items()
    ]
    df = pd.DataFrame(rows, columns=["年別", "月別", "居住地", "人次"])
    return [("sample_visitors_by_residence.csv", df.to_csv(index=False).encode("big5"), "big5")]


def _comtrade(m: MirrorSpec, shared: Path) -> None:
    raw = (
        shared / "trade/api_fixtures/comtrade/comtrade_v1_get_C_A_HS_chn_imports_2010_sample.json"
    ).read_text()
    doc = json.loads(raw)
    base = "comtrade/data/v1/get/C/A/HS"
    ctype = "application/json; charset=utf-8"
    m.write(f"{base}/@period=2010&reporterCode=156", raw, content_type=ctype)
    for partner in sorted({r["partnerCode"] for r in doc["data"]}):
        recs = [r for r in doc["data"] if r["partnerCode"] == partner]
        m.write(
            f"{base}/@partnerCode={partner}&period=2010&reporterCode=156",
            json.dumps({**doc, "count": len(recs), "data": recs}, indent=1),
            content_type=ctype,
        )
    empty = (
        shared / "trade/api_fixtures/comtrade/comtrade_v1_bulk_get_error_sample.json"
    ).read_text()
    m.write(f"{base}/@default", empty, content_type=ctype)


_REJECTED = (
    b"<html><head><title>Request Rejected</title></head><body>The requested URL was rejected. "
    b"Please consult with your administrator.<br><br>Your support ID is: 1234567890</body></html>"
)


def _faults(m: MirrorSpec) -> None:
    """Pages that fail like real ones, linked from the first list page of each news site."""

    def add(folder: str, name: str, kind: str, data: bytes, ctype: str, **extra: object) -> None:
        rel = f"{folder}/art/{name}"
        m.write(rel, data, content_type=ctype)
        m.faults[rel] = {"kind": kind, **extra}
        first = m.root / folder / "list_1.html"
        text = first.read_bytes()
        link = f'<li><a href="art/{name}">{name}</a><span class="date"></span></li>\n</ul>'.encode()
        first.write_bytes(text.replace(b"\n</ul>", b"\n" + link, 1))

    art = _article("故障页面", "2024-01-01", "这是一段用于测试的正文。" * 20, "utf-8").encode()
    add("fuzhou_customs", "f404.html", "status", b"", "text/html", status=404)
    add("fuzhou_customs", "f500.html", "status", b"", "text/html", status=500)
    add("xiamen_customs", "ftrunc.html", "truncated", art, "text/html; charset=utf-8")
    gbk = _article(
        "编码错误页面", "2024-01-02", "福州海关统计，一季度进出口增长。" * 5, "gbk"
    ).encode("gbk")
    add("xiamen_customs", "fenc.html", "none", gbk, "text/html; charset=utf-8")
    big = _article("超大页面", "2024-01-03", "大" * 1_200_000, "utf-8").encode()
    add("fuzhou_ftz", "fbig.html", "none", big, "text/html; charset=utf-8")
    slow = _article("慢速页面", "2024-01-04", "慢速响应测试正文。" * 10, "utf-8").encode()
    add("fuzhou_ftz", "fslow.html", "slow", slow, "text/html; charset=utf-8", seconds=3, times=1)
    add(
        "fuzhou_ftz",
        "fbroken.html",
        "none",
        b'<html><body><h1>broken <div id="easysiteText"><p>...',
        "text/html; charset=utf-8",
    )
    m.faults["taiwan/api/v2/rest/dataset/@page=1"] = {"kind": "rejected", "times": 2}
    m.faults["comtrade/data/v1/get/C/A/HS/@period=2010&reporterCode=156"] = {
        "kind": "status",
        "status": 429,
        "times": 1,
    }
    m.write("gacc/query/error.csv", b"", content_type="text/csv")
    m.faults["gacc/query/error.csv"] = {"kind": "html_error"}
    rel = next((m.root / "gacc/release").glob("*.html"))
    rel.write_bytes(
        rel.read_bytes().replace(
            b"</body>",
            b'<p><a class="query-csv" href="../query/error.csv">error.csv</a></p></body>',
        )
    )


def _gacc_query_table(m: MirrorSpec, shared: Path) -> None:
    """The query platform's data table: every row of the real GACC query CSVs, with its iEType."""
    from haisi.crawlers.feeds.gacc import GACC_COLUMNS, flow_from_uri
    from haisi.crawlers.feeds.tabular import read_text_table

    frames = []
    for f in sorted((shared / "trade/gacc_query_samples").glob("*.csv")):
        df = read_text_table(
            f.read_bytes(), file=f.name, required=GACC_COLUMNS, prefer=("gb18030", "cp1252")
        )
        frames.append(
            df[list(GACC_COLUMNS)].assign(iEType="0" if flow_from_uri(f.name) == "export" else "1")
        )
    # rows parsed from saved HTML pages show a missing quantity as "—"; the CSV download has "-"
    table = pd.concat(frames, ignore_index=True).replace("\u2014", "-")
    m.write(QUERY_TABLE, table.to_csv(index=False), content_type="text/csv")
    partners = sorted(set(zip(table["Trading partner code"], table["Trading partner"])))
    options = "".join(f'<option value="{c}">{html.escape(n)}</option>' for c, n in partners)
    form = (
        f'<form action="downloadQueryData"><select name="iEType">'
        f'<option value="0">出口 export</option>'
        f'<option value="1">进口 import</option></select><select name="outerValue1">'
        f'<option value="">全部 all</option>{options}</select></form>'
    )
    m.write(
        "gacc/query/index.html",
        _page("海关统计数据在线查询", f"<p>数据查询</p>{form}", "utf-8"),
        content_type="text/html; charset=utf-8",
    )


def build(
    out: Path | str,
    *,
    source: str = "shared",
    shared: Path | str | None = None,
    articles: int = 12,
    faults: bool = False,
    query_cap: int = 10_000,
) -> MirrorSpec:
    """Write the mirror under ``out`` (replacing it) and return what was written."""
    root = Path(out)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    m = MirrorSpec(root)
    m.write("robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    if source == "shared":
        from haisi.settings import get_settings

        sh = Path(shared or get_settings().shared_data)
        docs = _paragraph_docs(sh, articles)
        releases, qf = _gacc_shared(sh)
        tw = _taiwan_shared(sh) + _taiwan_visitors_sample()
    elif source == "sample":
        sh = Path(shared or _default_shared())
        docs, releases, qf = _sample_docs(articles), _gacc_sample(articles), {}
        tw = _taiwan_sample() + _taiwan_visitors_sample()
    else:
        raise InvalidInput(f"unknown mirror source {source!r}: use shared or sample 未知数据来源")
    for site, charset in (
        ("fuzhou_customs", "gbk"),
        ("xiamen_customs", "utf-8"),
        ("fuzhou_ftz", "utf-8"),
    ):
        _news_site(m, site, docs[site], charset)
    _gacc(m, releases, qf, faults)
    if source == "shared":
        _gacc_query_table(m, sh)
    _taiwan(m, tw, faults)
    _comtrade(m, sh)
    if faults:
        _faults(m)
    (root / "_mirror.json").write_text(
        json.dumps(
            {
                "headers": m.headers,
                "faults": m.faults,
                "session": ["gacc/query/"],
                "query": {"path": QUERY_PATH, "table": QUERY_TABLE, "cap": query_cap},
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    return m


def _default_shared() -> Path:
    from haisi.settings import get_settings

    return Path(get_settings().shared_data)
