"""The one place that owns every warehouse table: columns, types, keys and labels.

Each table lists its domain columns; :data:`PROVENANCE` columns are added to
every table. ``key`` is the business key: a new row with the same key (within a
source) is a *revision* of that figure, stored beside the old one, never over it.
The zh/en labels double as the data dictionary served with every download.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa
from haisi.warehouse.disclosure import Control

from haisi.errors import InvalidInput, NotFound

__all__ = [
    "Column",
    "TableSpec",
    "PROVENANCE",
    "TABLES",
    "spec",
    "table_names",
]


@dataclass(frozen=True)
class Column:
    """One column: name, Arrow type, whether it may be null, and its zh/en labels."""

    name: str
    type: pa.DataType
    zh: str
    en: str
    nullable: bool = True
    optional: bool = False  # writers may leave it out (filled with nulls): columns few sources have


@dataclass(frozen=True)
class TableSpec:
    """A table: its columns, business key and the catalogue text researchers see."""

    name: str
    title_zh: str
    title_en: str
    description: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    licence: str = "Per source; see source_id and source_uri of each row."
    kind: str = "data"  # data | derived | reference
    extra: dict = field(default_factory=dict)

    @property
    def domain_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def all_columns(self) -> tuple[Column, ...]:
        return self.columns + PROVENANCE

    @property
    def schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, c.type, nullable=c.nullable) for c in self.all_columns])

    def column(self, name: str) -> Column:
        for c in self.all_columns:
            if c.name == name:
                return c
        raise InvalidInput(f"table {self.name!r} has no column {name!r}")


def _c(
    name: str, typ: pa.DataType, zh: str, en: str, nullable: bool = True, optional: bool = False
) -> Column:
    return Column(name, typ, zh, en, nullable, optional)


S, F, INT, TS, B = pa.string(), pa.float64(), pa.int64(), pa.timestamp("us", tz="UTC"), pa.binary()

PROVENANCE: tuple[Column, ...] = (
    _c("source_id", S, "来源编号", "Source id", False),
    _c("source_uri", S, "来源文件或网址", "Source file or URL", False),
    _c("source_revision", S, "来源修订版本", "Source's own revision / vintage"),
    _c(
        "classification",
        S,
        "密级",
        "Classification: public, or restricted (customs' own "
        "declaration- or enterprise-level data); derived rows take their inputs' strictest",
        False,
    ),
    _c("content_hash", S, "来源内容哈希", "SHA-256 of the source file or page", False),
    _c("ingested_at", TS, "入库时间", "Ingested at (UTC)", False),
    _c("batch_id", S, "入库批次", "Ingest batch id", False),
    _c("key_hash", B, "键哈希", "MD5 of source id and business key (16 bytes)", False),
    _c("row_hash", INT, "行哈希", "64-bit hash of the row's domain values", False),
)

_PERIOD = _c("period", S, "期间", "Period (YYYY-MM, YYYYQn or YYYY)", False)
_FREQ = _c("frequency", S, "频率", "Frequency (M, Q, A)", False)

TABLES: dict[str, TableSpec] = {}


def _register(t: TableSpec) -> TableSpec:
    names = [c.name for c in t.all_columns]
    assert len(names) == len(set(names)), f"duplicate column in {t.name}"
    assert set(t.key) <= set(names), f"key of {t.name} names unknown columns"
    TABLES[t.name] = t
    return t


_register(
    TableSpec(
        name="trade_flows",
        title_zh="货物贸易流量",
        title_en="Merchandise trade flows",
        description="Trade values (and quantities) by period, reporter, partner, flow, product and "
        "customs regime, as each source reports them; revisions kept as versions.",
        key=("period", "reporter", "partner", "flow", "hs_code", "hs_revision", "regime", "mode"),
        columns=(
            _PERIOD,
            _FREQ,
            _c("reporter", S, "报告方", "Reporter (ISO3 or sub-national code, e.g. CN-FJ)", False),
            _c(
                "partner",
                S,
                "贸易伙伴",
                "Partner (ISO3, or M49 group code such as W00 world)",
                False,
            ),
            _c("flow", S, "流向", "Flow (export, import, re_export, re_import)", False),
            _c("hs_code", S, "商品编码", "Product code (HS 2/4/6/8 digits, or TOTAL)", False),
            _c("hs_revision", S, "HS版本", "HS revision (H0..H6, or national)", False),
            _c("regime", S, "贸易方式", "Customs regime / procedure code ('' when all)", False),
            _c("mode", S, "运输方式", "Mode of transport code ('' when all)", False),
            _c("value", F, "金额", "Value in currency units (not thousands)", True),
            _c("currency", S, "币种", "Currency (ISO 4217)", False),
            _c("quantity", F, "数量", "Quantity"),
            _c("quantity_unit", S, "数量单位", "Quantity unit"),
            _c("supp_quantity", F, "第二数量", "Supplementary quantity"),
            _c("supp_unit", S, "第二数量单位", "Supplementary unit"),
            _c(
                "vintage",
                S,
                "数据版本类别",
                "Vintage: preliminary, corrected, yearbook, revised, final",
            ),
            _c(
                "contributors",
                INT,
                "申报企业数",
                "Contributing enterprises (declarants) in the cell, where the source has them",
                optional=True,
            ),
            _c(
                "top_share",
                F,
                "最大申报人占比",
                "Largest contributor's share of the value (0–1), where the source has it",
                optional=True,
            ),
        ),
        # disclosure control of restricted cells: columns that never add up, and the hierarchies
        # along which totals are formed (see haisi.warehouse.disclosure)
        extra={
            "disclosure": Control(
                strata=("reporter", "flow", "hs_revision", "currency"),
                hierarchies={
                    "hs_code": "hs",
                    "partner": "partner",
                    "period": "period",
                    "regime": "all",
                    "mode": "all",
                },
            )
        },
    )
)

_register(
    TableSpec(
        name="tourism_flows",
        title_zh="旅游客流",
        title_en="Tourism flows",
        description="Visitor arrivals, trips, nights or revenue by period, origin and destination.",
        key=("period", "origin", "destination", "measure", "purpose", "mode"),
        columns=(
            _PERIOD,
            _FREQ,
            _c("origin", S, "客源地", "Origin (ISO3 or region)", False),
            _c("destination", S, "目的地", "Destination (ISO3, city or port code)", False),
            _c(
                "measure",
                S,
                "指标",
                "Measure (arrivals, departures, trips, nights, revenue)",
                False,
            ),
            _c("purpose", S, "目的", "Purpose of travel ('' when all)", False),
            _c("mode", S, "交通方式", "Mode (air, sea, land; '' when all)", False),
            _c("value", F, "数值", "Value", True),
            _c("unit", S, "单位", "Unit (persons, thousand trips, CNY …)", False),
            _c("series_label", S, "序列名称", "The source's own series label"),
        ),
    )
)

_register(
    TableSpec(
        name="routes",
        title_zh="航线",
        title_en="Sea and air routes",
        description="Routes between ports or airports with frequency, capacity and geometry.",
        key=("origin", "destination", "mode", "operator", "valid_from"),
        columns=(
            _c("origin", S, "起点", "Origin (UN/LOCODE or IATA)", False),
            _c("destination", S, "终点", "Destination (UN/LOCODE or IATA)", False),
            _c("mode", S, "方式", "Mode (sea, air, ferry, rail)", False),
            _c("operator", S, "承运人", "Operator ('' when unknown)", False),
            _c("valid_from", S, "起始日期", "Valid from (YYYY-MM-DD)", False),
            _c("valid_to", S, "截止日期", "Valid to (YYYY-MM-DD)"),
            _c("frequency_per_week", F, "每周班次", "Departures per week"),
            _c("capacity", F, "运力", "Capacity per week (TEU or seats)"),
            _c("distance_km", F, "距离（公里）", "Distance (km)"),
            _c("geometry", S, "几何", "Route geometry as GeoJSON LineString"),
        ),
    )
)

_register(
    TableSpec(
        name="port_calls",
        title_zh="港口挂靠",
        title_en="Port calls",
        description="Vessel calls and container throughput at a port by month "
        "and previous/next port.",
        key=("period", "port", "partner_port", "vessel_type"),
        columns=(
            _PERIOD,
            _FREQ,
            _c("port", S, "港口", "Port (UN/LOCODE)", False),
            _c(
                "partner_port",
                S,
                "来往港口",
                "Previous or next port on the service (UN/LOCODE)",
                False,
            ),
            _c("vessel_type", S, "船舶类型", "Vessel type (container, bulk, ferry …)", False),
            _c("calls", F, "挂靠艘次", "Vessel calls", True),
            _c("teu", F, "集装箱量（标箱）", "Containers handled (TEU)"),
        ),
    )
)

_register(
    TableSpec(
        name="container_flows",
        title_zh="港口间集装箱流量",
        title_en="Container flows between ports",
        description="Containers (TEU) moved from one port to another by month, "
        "as the port authority reports them (e.g. mainland China ports to and from Taiwan ports).",
        key=("period", "origin", "destination"),
        columns=(
            _PERIOD,
            _FREQ,
            _c("origin", S, "起运港", "Origin port (UN/LOCODE as the source gives it)", False),
            _c(
                "destination",
                S,
                "目的港",
                "Destination port (UN/LOCODE as the source gives it)",
                False,
            ),
            _c("teu", F, "集装箱量（标箱）", "Containers (TEU)", True),
            _c("origin_name", S, "起运港原名", "Origin port as the source writes it"),
            _c("destination_name", S, "目的港原名", "Destination port as the source writes it"),
        ),
    )
)

_register(
    TableSpec(
        name="documents",
        title_zh="文档",
        title_en="Documents",
        description="Crawled pages and bulletins: text, language and the raw page (compressed).",
        key=("doc_id",),
        columns=(
            _c("doc_id", S, "文档编号", "Document id", False),
            _c("url", S, "网址或文件", "URL or file", False),
            _c("title", S, "标题", "Title"),
            _c("language", S, "语言", "Language (zh, en)"),
            _c("published", S, "发布日期", "Published (YYYY-MM-DD)"),
            _c("fetched_at", TS, "抓取时间", "Fetched at (UTC)"),
            _c("text", S, "正文", "Text"),
            _c("raw", B, "原始内容（压缩）", "Raw page, zlib-compressed"),
            _c("raw_encoding", S, "原始编码", "Encoding of the raw page"),
        ),
    )
)

_register(
    TableSpec(
        name="entities",
        title_zh="实体",
        title_en="Entities",
        description="Named entities found in documents, linked to ISO3 / UN/LOCODE / HS ids.",
        key=("doc_id", "start", "end", "label"),
        kind="derived",
        columns=(
            _c("doc_id", S, "文档编号", "Document id", False),
            _c("start", INT, "起始位置", "Start offset (characters)", False),
            _c("end", INT, "结束位置", "End offset (characters, exclusive)", False),
            _c(
                "label",
                S,
                "类别",
                "Label (COUNTRY, REGION, PROVINCE, CITY, PORT, ORG, COMMODITY …)",
                False,
            ),
            _c("text", S, "文本", "Text", False),
            _c("linked_id", S, "链接编号", "Linked id (ISO3, M49, UN/LOCODE, HS)"),
        ),
    )
)

_register(
    TableSpec(
        name="facts",
        title_zh="公报统计事实",
        title_en="Bulletin facts",
        description="Statistical facts extracted from bulletin text: indicator, reporter, partner, "
        "value, growth and period, each with its text span.",
        key=("doc_id", "fact_index"),
        kind="derived",
        columns=(
            _c("doc_id", S, "文档编号", "Document id", False),
            _c("fact_index", INT, "序号", "Fact number within the document", False),
            _c("indicator", S, "指标", "Indicator", False),
            _c("indicator_text", S, "指标原文", "Indicator as worded in the text"),
            _c("reporter", S, "报告方", "Reporter"),
            _c("partner", S, "伙伴", "Partner"),
            _c("commodity", S, "商品", "Commodity"),
            _c("value", F, "数值", "Value in base units"),
            _c("unit", S, "单位", "Unit"),
            _c("yoy_pct", F, "同比（%）", "Year-on-year change (%)"),
            _c(
                "change_pct",
                F,
                "较基期变化（%）",
                "Change (%) against another base (see change_basis)",
            ),
            _c("change_basis", S, "变化基期", "Base of change_pct (e.g. 较2019年同期, 年均, 环比)"),
            _c("period_start", S, "起始期", "Period start"),
            _c("period_end", S, "截止期", "Period end"),
            _c("span", S, "原文", "Text span"),
            _c("span_start", INT, "原文起点", "Span start offset"),
            _c("span_end", INT, "原文终点", "Span end offset"),
        ),
    )
)

_register(
    TableSpec(
        name="forecasts",
        title_zh="预测",
        title_en="Forecasts",
        description="Point forecasts with 80%/95% intervals, the model that made them, the data "
        "version they were fit on and that model's backtest accuracy on the series.",
        key=("series_id", "data_version", "model", "period"),
        kind="derived",
        columns=(
            _c("series_id", S, "序列", "Series id", False),
            _c("data_version", S, "数据版本", "Data version the model was fit on", False),
            _c("model", S, "模型", "Model", False),
            _c("params", S, "模型参数", "Model parameters (JSON)"),
            _c("step", INT, "步长", "Steps ahead", False),
            _c("period", S, "期间", "Period", False),
            _c("point", F, "点预测", "Point forecast"),
            _c("lo80", F, "80%下限", "80% lower"),
            _c("hi80", F, "80%上限", "80% upper"),
            _c("lo95", F, "95%下限", "95% lower"),
            _c("hi95", F, "95%上限", "95% upper"),
            _c("interval_method", S, "区间方法", "Interval method (analytic, conformal, …)"),
            _c("mase", F, "MASE", "Backtest MASE of this model on this series"),
            _c("smape", F, "sMAPE", "Backtest sMAPE (%)"),
            _c("coverage80", F, "80%覆盖率", "Backtest coverage of the 80% interval"),
            _c("coverage95", F, "95%覆盖率", "Backtest coverage of the 95% interval"),
        ),
    )
)

_register(
    TableSpec(
        name="network_metrics",
        title_zh="贸易网络指标",
        title_en="Trade network metrics",
        description="Node metrics of the trade network per period, flow and product.",
        key=("data_version", "period", "flow", "product", "node"),
        kind="derived",
        columns=(
            _c("data_version", S, "数据版本", "Data version the metrics were computed on", False),
            _c("period", S, "期间", "Period", False),
            _c("flow", S, "流向", "Flow (export, import, total)", False),
            _c("product", S, "商品", "Product (HS code or TOTAL)", False),
            _c("node", S, "节点", "Node (ISO3)", False),
            _c("degree_in", INT, "入度", "In-degree"),
            _c("degree_out", INT, "出度", "Out-degree"),
            _c("strength_in", F, "入强度", "In-strength (value)"),
            _c("strength_out", F, "出强度", "Out-strength (value)"),
            _c("pagerank", F, "PageRank", "PageRank"),
            _c("betweenness", F, "介数中心性", "Betweenness centrality"),
            _c("eigenvector", F, "特征向量中心性", "Eigenvector centrality / hub score"),
            _c("clustering", F, "聚类系数", "Weighted clustering coefficient"),
            _c("community", INT, "社区", "Community (Louvain, fixed seed)"),
            _c("hhi_partners", F, "伙伴集中度HHI", "Partner concentration (HHI, 0–1)"),
        ),
    )
)

_register(
    TableSpec(
        name="network_summaries",
        title_zh="贸易网络概况",
        title_en="Trade network summaries",
        description="Network-level figures per period, flow and product (size, density, Louvain "
        "modularity, disparity-filter backbone), beside the node metrics of the same data version.",
        key=("data_version", "period", "flow", "product"),
        kind="derived",
        columns=(
            _c("data_version", S, "数据版本", "Data version the network was computed on", False),
            _c("period", S, "期间", "Period", False),
            _c("flow", S, "流向", "Flow (export, import, total)", False),
            _c("product", S, "商品", "Product (HS code or TOTAL)", False),
            _c("nodes", INT, "节点数", "Nodes"),
            _c("edges", INT, "边数", "Edges (directed links)"),
            _c("value_total", F, "总金额", "Total value of all links"),
            _c("currency", S, "币种", "Currency (ISO 4217)"),
            _c("density", F, "密度", "Density"),
            _c("reciprocity", F, "互惠性", "Reciprocity"),
            _c("modularity", F, "模块度", "Modularity of the Louvain partition"),
            _c("communities", INT, "社区数", "Number of Louvain communities"),
            _c(
                "backbone_edges", INT, "骨干边数", "Edges kept by the disparity filter (alpha 0.05)"
            ),
        ),
    )
)

_register(
    TableSpec(
        name="countries",
        title_zh="国家和地区",
        title_en="Countries and regions",
        description="ISO 3166 codes, M49, region, and names in English, simplified and traditional "
        "Chinese (with the project's override table for Taiwan, Hong Kong and Macao).",
        key=("iso3",),
        kind="reference",
        columns=(
            _c("iso3", S, "三字母代码", "ISO 3166 alpha-3", False),
            _c("iso2", S, "两字母代码", "ISO 3166 alpha-2"),
            _c("m49", S, "M49代码", "UN M49 numeric"),
            _c("name_en", S, "英文名称", "Name (English)"),
            _c("name_zh", S, "中文名称", "Name (simplified Chinese)"),
            _c("name_zh_hant", S, "繁体中文名称", "Name (traditional Chinese)"),
            _c("region", S, "区域", "Region"),
            _c(
                "belt_road_since",
                S,
                "共建一带一路签署日期",
                "Belt and Road cooperation document signed (YYYY-MM-DD; empty when the date "
                "is not known; null when none signed)",
            ),
        ),
    )
)

_register(
    TableSpec(
        name="ports",
        title_zh="港口",
        title_en="Ports",
        description="Sea ports by UN/LOCODE with coordinates and Chinese names "
        "for Silk Road ports.",
        key=("unlocode",),
        kind="reference",
        columns=(
            _c("unlocode", S, "联合国地点代码", "UN/LOCODE", False),
            _c("name_en", S, "英文名称", "Name (English)"),
            _c("name_zh", S, "中文名称", "Name (Chinese)"),
            _c("country", S, "国家或地区", "Country or region (ISO3)"),
            _c("lat", F, "纬度", "Latitude"),
            _c("lon", F, "经度", "Longitude"),
        ),
    )
)

_register(
    TableSpec(
        name="hs_codes",
        title_zh="HS商品编码",
        title_en="HS nomenclature",
        description="Harmonized System chapters and headings with English and Chinese names.",
        key=("hs_code", "hs_revision"),
        kind="reference",
        columns=(
            _c("hs_code", S, "编码", "HS code", False),
            _c("hs_revision", S, "版本", "HS revision", False),
            _c("level", INT, "层级", "Digits (2, 4, 6)"),
            _c("parent", S, "上级", "Parent code"),
            _c("name_en", S, "英文名称", "Name (English)"),
            _c("name_zh", S, "中文名称", "Name (Chinese)"),
        ),
    )
)


def spec(name: str) -> TableSpec:
    """The spec of table ``name``; a clear error for an unknown table."""
    try:
        return TABLES[name]
    except KeyError:
        raise NotFound(
            f"未知数据表 unknown table {name!r}; known: {', '.join(sorted(TABLES))}"
        ) from None


def table_names() -> list[str]:
    return list(TABLES)
