"""National statistics tables: Taiwan customs (Chinese names, ROC years), Taiwan visitor arrivals
by residence, SingStat monthly by market, and the KOR/JPN/USA–China monthly series.

Each reader maps the file's own columns to trade_flows; names it cannot resolve are reported with
their row counts and left out, aggregates the source flags are counted as skipped.
"""

from __future__ import annotations

import re

import pandas as pd
from haisi.crawlers.feeds.base import BaseFeed, FeedResult, RowError, conform
from haisi.crawlers.feeds.tabular import (
    MAX_PEOPLE,
    YEAR,
    YEAR_DASH_MONTH,
    Allowed,
    check_columns,
    numeric,
    raise_if,
    read_frame,
    resolve,
)

__all__ = [
    "TaiwanByCountryFeed",
    "TaiwanTotalsFeed",
    "TaiwanVisitorsFeed",
    "SingStatFeed",
    "BilateralMonthlyFeed",
    "roc_period",
]

_TRADE = "trade_flows"
_CCC = r"\d{2,11}"  # Taiwan's CCC commodity codes: HS 2 to 11 digits
_FLOWS = frozenset({"export", "import"})


class TaiwanByCountryFeed(BaseFeed):
    """Taiwan customs exports by destination (中國大陸, 香港 …) per CCC code and year, in USD."""

    name = "taiwan-exports-by-country"
    source_id = "tw_mof_customs"
    description = (
        "Taiwan customs exports by destination (Chinese names) 台湾地区海关出口（按目的地）"
    )
    columns = ("Year", "Country", "HS Code", "Export Value (USD)")

    def _parse(self, raw: bytes, file: str) -> FeedResult:
        df = read_frame(raw, file=file, required=self.columns, prefer=("big5", "gb18030", "cp1252"))
        errors: list[RowError] = []
        rules = {"Year": (YEAR, "year"), "HS Code": (_CCC, "commodity code")}
        check_columns(df, rules, file=file, errors=errors)
        value = numeric(df, "Export Value (USD)", file=file, errors=errors, required=True)
        raise_if(errors)
        partner, unresolved = resolve(df["Country"])
        out = pd.DataFrame(
            {"period": df["Year"], "partner": partner, "hs_code": df["HS Code"], "value": value}
        )[partner.notna().to_numpy()]
        rows = conform(
            _TRADE,
            out,
            {
                "frequency": "A",
                "reporter": "TWN",
                "flow": "export",
                "hs_revision": "CCC",
                "regime": "",
                "mode": "",
                "currency": "USD",
            },
        )
        return FeedResult(_TRADE, rows, [], unresolved, rows_read=len(df))


class TaiwanVisitorsFeed(BaseFeed):
    """Visitor arrivals to Taiwan by residence (來臺旅客人次按居住地分), monthly, 交通部觀光署.

    Layout assumed from the data.gov.tw resource of that title (not checked against a real file
    from here): 年別 (ROC or Gregorian year), 月別, 居住地 (Chinese names, with aggregates such
    as 亞洲地區合計 or 港澳 that name no single country: reported as unresolved), 人次.
    """

    name = "taiwan-visitors-by-residence"
    table = "tourism_flows"
    source_id = "tw_tourism"
    description = "Visitor arrivals to Taiwan by residence, monthly 来台旅客人次（按居住地）"
    columns = ("年別", "月別", "居住地", "人次")

    def _parse(self, raw: bytes, file: str) -> FeedResult:
        df = read_frame(raw, file=file, required=self.columns, prefer=("big5", "gb18030", "cp1252"))
        errors: list[RowError] = []
        rules = {
            "年別": (r"\d{2,4}", "year (ROC or Gregorian)"),
            "月別": (r"0?[1-9]|1[0-2]", "month"),
        }
        check_columns(df, rules, file=file, errors=errors)
        value = numeric(df, "人次", file=file, errors=errors, required=True, maximum=MAX_PEOPLE)
        raise_if(errors)
        year = df["年別"].astype(int)
        year = year.where(year > 1911, year + 1911)  # 113 → 2024
        period = year.astype(str) + "-" + df["月別"].astype(int).map("{:02d}".format)
        origin, unresolved = resolve(df["居住地"])
        out = pd.DataFrame(
            {
                "period": period,
                "origin": origin,
                "value": value,
                "series_label": "來臺旅客（按居住地）" + df["居住地"],
            }
        )[origin.notna().to_numpy()]
        rows = conform(
            self.table,
            out,
            {
                "frequency": "M",
                "destination": "TWN",
                "measure": "arrivals",
                "purpose": "",
                "mode": "",
                "unit": "persons",
            },
        )
        return FeedResult(self.table, rows, [], unresolved, rows_read=len(df))


_ROC = re.compile(r"^(\d{2,3})年(?:(\d{1,2})月~(\d{2,3})年(\d{1,2})月)?(\(初步值\))?$")


def roc_period(text: str) -> tuple[str, str, str | None] | None:
    """(period, frequency, vintage) of a ROC date: '102年' → ('2013', 'A', None);
    '114年1月~114年7月(初步值)' → ('2025-07', 'YTD', 'preliminary') (Jan–Jul cumulative)."""
    m = _ROC.match(text.strip())
    if not m:
        return None
    y, m1, y2, m2, prelim = m.groups()
    vintage = "preliminary" if prelim else None
    if m1 is None:
        return str(int(y) + 1911), "A", vintage
    if int(m1) != 1 or y != y2:
        return None
    return f"{int(y2) + 1911}-{int(m2):02d}", "YTD", vintage


class TaiwanTotalsFeed(BaseFeed):
    """Taiwan total exports per CCC code (ROC years, thousand USD; 初步值 = preliminary)."""

    name = "taiwan-exports-totals"
    source_id = "tw_mof_customs"
    description = (
        "Taiwan customs total exports per CCC code (ROC years, 千美元) 台湾地区海关出口总值"
    )
    columns = ("進出口別", "日期", "貨品號列", "美元(千元)")

    def _parse(self, raw: bytes, file: str) -> FeedResult:
        df = read_frame(raw, file=file, required=self.columns, prefer=("big5", "gb18030"))
        errors: list[RowError] = []
        flows = {
            "出口總值(含復出口)": "export",
            "進口總值": "import",
            "出口": "export",
            "進口": "import",
        }
        periods = df["日期"].map(roc_period)
        rules: dict[str, tuple[Allowed, str]] = {
            "進出口別": (set(flows), "flow"),
            "日期": (lambda s: periods.notna(), "ROC date"),
            "貨品號列": (_CCC, "commodity code"),
        }
        check_columns(df, rules, file=file, errors=errors)
        value = numeric(df, "美元(千元)", file=file, errors=errors, required=True, scale=1000.0)
        raise_if(errors)
        out = pd.DataFrame(
            {
                "period": periods.str[0],
                "frequency": periods.str[1],
                "vintage": periods.str[2],
                "flow": df["進出口別"].map(flows),
                "hs_code": df["貨品號列"],
                "value": value,
            }
        )
        rows = conform(
            _TRADE,
            out,
            {
                "reporter": "TWN",
                "partner": "W00",
                "hs_revision": "CCC",
                "regime": "",
                "mode": "",
                "currency": "USD",
            },
        )
        return FeedResult(_TRADE, rows, [], {}, rows_read=len(df))


_SG_CODES = {  # SingStat names with no current ISO3 of their own (ISO 3166-3 former codes)
    "Total Merchandise Exports": "W00",
    "Total Merchandise Imports": "W00",
    "Germany, Democratic Republic Of": "DDR",
    "Yemen Democratic": "YMD",
}


class SingStatFeed(BaseFeed):
    """SingStat merchandise trade by market, monthly
    (tidy: flow, market, unit_sgd, period, value)."""

    name = "singstat-monthly"
    source_id = "singstat"
    description = "SingStat merchandise trade by market, monthly (SGD) 新加坡按市场月度贸易"
    columns = ("flow", "market", "unit_sgd", "period", "value", "is_aggregate")

    def _parse(self, raw: bytes, file: str) -> FeedResult:
        from haisi.reference.countries import resolve_country
        from haisi.reference.groups import resolve_group

        df = read_frame(raw, file=file, required=self.columns)
        errors: list[RowError] = []
        rules = {
            "flow": (_FLOWS, "flow"),
            "unit_sgd": ({"Thousand", "Million"}, "unit"),
            "period": (YEAR_DASH_MONTH, "month (YYYY-MM)"),
            "is_aggregate": ({"True", "False"}, "flag"),
        }
        check_columns(df, rules, file=file, errors=errors)
        scale = df["unit_sgd"].map({"Thousand": 1e3, "Million": 1e6})
        value = numeric(df, "value", file=file, errors=errors, scale=scale)
        raise_if(errors)
        partner, unresolved = resolve(
            df["market"], lambda n: _SG_CODES.get(n) or resolve_country(n) or resolve_group(n)
        )
        aggregate = (df["is_aggregate"] == "True") & partner.isna()
        unresolved = {
            n: k for n, k in unresolved.items() if n not in set(df.loc[aggregate, "market"])
        }
        skipped = {
            "regional aggregate (is_aggregate, no code)": int(aggregate.sum()),
            "no figure (na)": int((value.isna() & partner.notna()).sum()),
        }
        keep = (partner.notna() & value.notna()).to_numpy()
        out = pd.DataFrame(
            {"period": df["period"], "partner": partner, "flow": df["flow"], "value": value}
        )[keep]
        rows = conform(
            _TRADE,
            out,
            {
                "frequency": "M",
                "reporter": "SGP",
                "hs_code": "TOTAL",
                "hs_revision": "",
                "regime": "",
                "mode": "",
                "currency": "SGD",
            },
        )
        return FeedResult(
            _TRADE,
            rows,
            [],
            unresolved,
            skipped={k: v for k, v in skipped.items() if v},
            rows_read=len(df),
        )


class BilateralMonthlyFeed(BaseFeed):
    """KOR/JPN/USA monthly exports and imports with China, from the three national sources."""

    name = "china-bilateral-monthly"
    source_id = "national_bilateral"
    description = "KOR/JPN/USA–China monthly trade (KOSIS, MOF Japan, US Census) 韩日美对华月度贸易"
    columns = (
        "reporter_iso3",
        "partner_iso3",
        "period",
        "flow",
        "value",
        "currency",
        "unit_multiplier",
    )

    def _parse(self, raw: bytes, file: str) -> FeedResult:
        from haisi.reference.countries import resolve_country

        df = read_frame(raw, file=file, required=self.columns)
        errors: list[RowError] = []
        country: Allowed = lambda s: s.map(resolve_country).notna()  # noqa: E731
        rules = {
            "reporter_iso3": (country, "country code"),
            "partner_iso3": (country, "country code"),
            "period": (YEAR_DASH_MONTH, "month (YYYY-MM)"),
            "flow": (_FLOWS, "flow"),
            "currency": (r"[A-Z]{3}", "currency"),
        }
        check_columns(df, rules, file=file, errors=errors)
        mult = numeric(df, "unit_multiplier", file=file, errors=errors, required=True)
        value = numeric(df, "value", file=file, errors=errors, scale=mult)
        raise_if(errors)
        out = pd.DataFrame(
            {
                "period": df["period"],
                "reporter": df["reporter_iso3"],
                "partner": df["partner_iso3"],
                "flow": df["flow"],
                "value": value,
                "currency": df["currency"],
            }
        )
        rows = conform(
            _TRADE,
            out,
            {"frequency": "M", "hs_code": "TOTAL", "hs_revision": "", "regime": "", "mode": ""},
        )
        return FeedResult(_TRADE, rows, [], {}, rows_read=len(df))
