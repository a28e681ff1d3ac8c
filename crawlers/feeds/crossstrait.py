"""Cross-strait (海峡两岸) published statistics: container TEU between mainland and Taiwan ports
(交通部航港局 iMarine), visitor arrivals to Taiwan by residence and purpose, and cross-strait trade
as each side's customs reports it (a mirror-statistics pair).

Each reader keeps the source's own codes (a port string's UN/LOCODE as written, e.g. Fuzhou's
secondary ``CNFZH`` stays apart from ``CNFOC``), so every stored figure sums back to the file.
"""

from __future__ import annotations

import pandas as pd
from haisi.crawlers.feeds.base import BaseFeed, FeedResult, RowError, conform
from haisi.crawlers.feeds.tabular import check_values, numeric, raise_if, read_frame, resolve

__all__ = ["TeuFeed", "VisitorPurposeFeed", "BothSidesTradeFeed", "HK_MACAO", "PURPOSES"]

_LOCODE = r"(?:^|\()([A-Z]{2}[A-Z0-9]{3})\)?$"


class TeuFeed(BaseFeed):
    """Monthly TEU per (mainland port, Taiwan port), one direction per file
    (iMarine query export)."""

    table = "container_flows"
    source_id = "tw_mpb_imarine"

    def __init__(self, direction: str) -> None:
        self.direction = direction  # to_taiwan: file of imports from China; from_taiwan: exports
        to_tw = direction == "to_taiwan"
        self.name = "crossstrait-teu-" + ("import" if to_tw else "export")
        self.origin_col, self.dest_col = ("來源港", "臺灣港") if to_tw else ("臺灣港", "目的港")
        self.columns = ("年月", self.origin_col, self.dest_col, "TEU")
        self.description = (
            "iMarine TEU from mainland-China ports into Taiwan ports 大陆港至台湾港集装箱"
            if to_tw
            else "iMarine TEU from Taiwan ports to mainland-China ports 台湾港至大陆港集装箱"
        )

    def _parse(self, raw: bytes, file: str) -> FeedResult:
        df = read_frame(raw, file=file, required=self.columns)
        errors: list[RowError] = []
        check_values(
            df,
            "年月",
            lambda s: s.str.fullmatch(r"(19|20)\d\d/(0[1-9]|1[0-2])"),
            file=file,
            errors=errors,
            what="month (YYYY/MM)",
        )
        codes: dict[str, pd.Series] = {}
        for c in (self.origin_col, self.dest_col):
            codes[c] = df[c].str.extract(_LOCODE)[0]
            check_values(
                df,
                c,
                lambda s: s.str.extract(_LOCODE)[0].notna(),
                file=file,
                errors=errors,
                what="port (no UN/LOCODE)",
            )
        teu = numeric(df, "TEU", file=file, errors=errors, required=True)
        raise_if(errors)
        out = pd.DataFrame(
            {
                "period": df["年月"].str.replace("/", "-"),
                "origin": codes[self.origin_col],
                "destination": codes[self.dest_col],
                "teu": teu,
                "origin_name": df[self.origin_col],
                "destination_name": df[self.dest_col],
            }
        )
        dup = out.duplicated(["period", "origin", "destination"], keep=False)
        if dup.any():
            i = int(dup.to_numpy().nonzero()[0][0])
            raise_if(
                [RowError(file, i + 1, self.origin_col, "duplicate (month, port, port) 重复键")]
            )
        rows = conform(self.table, out, {"frequency": "M"})
        return FeedResult(self.table, rows, [], {}, rows_read=len(df))


#: The source's purpose columns → the stored purpose code.
PURPOSES = {
    "Business": "business",
    "Pleasure": "pleasure",
    "Visit Relatives": "visit_relatives",
    "Conference": "conference",
    "Study": "study",
    "Exhibition": "exhibition",
    "Medical Treatment": "medical",
    "Others": "other",
    "Unstated": "unstated",
}
#: Hong Kong and Macao, which the source reports as one residence (reference.places AGGREGATES).
HK_MACAO = "HKG_MAC"
_RESIDENCE = {
    "Mainland China": "CHN",
    "S. Africa": "ZAF",
    "Korea,Republic of": "KOR",
}


class VisitorPurposeFeed(BaseFeed):
    """Visitor arrivals to Taiwan by residence × purpose, monthly
    (Tourism Bureau, English edition)."""

    name = "crossstrait-visitors-purpose"
    table = "tourism_flows"
    source_id = "tw_tourism"
    description = "Visitor arrivals to Taiwan by residence and purpose 来台旅客（按居住地及目的）"
    columns = ("Residence", "Period", *PURPOSES)

    def _parse(self, raw: bytes, file: str) -> FeedResult:
        from haisi.reference.countries import resolve_country
        from haisi.reference.places import aggregate_code

        df = read_frame(raw, file=file, required=self.columns)
        errors: list[RowError] = []
        check_values(
            df,
            "Period",
            lambda s: s.str.fullmatch(r"(19|20)\d\d-(0[1-9]|1[0-2])"),
            file=file,
            errors=errors,
            what="month (YYYY-MM)",
        )
        values = {c: numeric(df, c, file=file, errors=errors, required=True) for c in PURPOSES}
        raise_if(errors)
        origin, unresolved = resolve(
            df["Residence"],
            # the source's residual rows ("Others, Europe", "Unstated" …) are stored under
            # their own codes: disjoint from the listed residences, they complete the total
            lambda n: _RESIDENCE.get(n) or aggregate_code(n) or resolve_country(n),
        )
        keep = origin.notna().to_numpy()
        parts = [
            pd.DataFrame(
                {
                    "period": df["Period"],
                    "origin": origin,
                    "purpose": code,
                    "value": values[c],
                    "series_label": "Visitor arrivals to Taiwan: " + df["Residence"] + " / " + c,
                }
            )[keep]
            for c, code in PURPOSES.items()
        ]
        out = pd.concat(parts, ignore_index=True)
        rows = conform(
            self.table,
            out,
            {
                "frequency": "M",
                "destination": "TWN",
                "measure": "arrivals",
                "mode": "",
                "unit": "persons",
            },
        )
        return FeedResult(self.table, rows, [], unresolved, rows_read=len(df))


# column → (reporter, flow, partner); the CN+HK and CN-only totals are checked, not stored
_BOTH = {
    "我國對中國大陸及香港-出口(我國海關統計)(百萬美元)": ("TWN", "export", "CHN_HKG"),
    "我國自中國大陸及香港-進口(我國海關統計)(百萬美元)": ("TWN", "import", "CHN_HKG"),
    "我國對中國大陸-出口(我國海關統計)(百萬美元)": ("TWN", "export", "CHN"),
    "我國自中國大陸-進口(我國海關統計)(百萬美元)": ("TWN", "import", "CHN"),
    # as China's customs reports the same flows: Taiwan's exports = China's imports from Taiwan
    "我國對中國大陸-出口(中國大陸海關統計)(百萬美元)": ("CHN", "import", "TWN"),
    "我國自中國大陸-進口(中國大陸海關統計)(百萬美元)": ("CHN", "export", "TWN"),
}
_TOTALS = {
    "我國對中國大陸及香港-貿易總額(我國海關統計)(百萬美元)": (
        "我國對中國大陸及香港-出口(我國海關統計)(百萬美元)",
        "我國自中國大陸及香港-進口(我國海關統計)(百萬美元)",
    ),
}


class BothSidesTradeFeed(BaseFeed):
    """Taiwan ↔ mainland trade, annual, US$ million, as Taiwan's MOF and China's GACC report it."""

    name = "crossstrait-trade-both-sides"
    source_id = "tw_mac_crossstrait"
    description = (
        "Cross-strait trade as each side's customs reports it (mirror pair) "
        "两岸贸易（双方海关统计）"
    )
    columns = ("期間", *_BOTH, *_TOTALS)

    def _parse(self, raw: bytes, file: str) -> FeedResult:
        df = read_frame(raw, file=file, required=self.columns)
        errors: list[RowError] = []
        period = df["期間"].str.extract(r"^((?:19|20)\d\d)(?:年1-(\d{1,2})月)?$")
        check_values(
            df,
            "期間",
            lambda s: period[0].notna(),
            file=file,
            errors=errors,
            what="period (YYYY or YYYY年1-M月)",
        )
        values = {
            c: numeric(df, c, file=file, errors=errors, required=True, scale=1e6)
            for c in (*_BOTH, *_TOTALS)
        }
        for total, (a, b) in _TOTALS.items():
            off = (values[a] + values[b] - values[total]).abs() > 0.15e6
            for i in off.to_numpy().nonzero()[0][:5]:
                errors.append(
                    RowError(
                        file, int(i) + 1, total, "export + import ≠ total 进出口之和不等于总额"
                    )
                )
        raise_if(errors)
        ytd = period[1].notna()
        per = period[0].where(~ytd, period[0] + "-" + period[1].fillna("0").str.zfill(2))
        parts = [
            pd.DataFrame(
                {
                    "period": per,
                    "frequency": ytd.map({True: "YTD", False: "A"}),
                    "reporter": rep,
                    "flow": flow,
                    "partner": partner,
                    "value": values[c],
                }
            )
            for c, (rep, flow, partner) in _BOTH.items()
        ]
        out = pd.concat(parts, ignore_index=True)
        rows = conform(
            self.table,
            out,
            {"hs_code": "TOTAL", "hs_revision": "", "regime": "", "mode": "", "currency": "USD"},
        )
        return FeedResult(self.table, rows, [], {}, rows_read=len(df))
