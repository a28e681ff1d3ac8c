"""Query and body fields shared by the routers, each validated by a pattern the OpenAPI schema
states: a value that breaks it is a 400 naming the field before any query runs (so
``period_from=' OR 1=1 --``, ``2024/01`` or ``reporter=cn-fj`` never reach the warehouse)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

__all__ = [
    "PERIOD",
    "PERIOD_RE",
    "SERIES_RE",
    "Period",
    "PeriodOpt",
    "Reporter",
    "ReporterOpt",
    "Partner",
    "Hs",
    "HsProduct",
    "Product",
    "Date",
    "SeriesQ",
    "Code",
    "Offset",
]

PERIOD_RE = r"^\d{4}(-(0[1-9]|1[0-2])|Q[1-4])?$"
PERIOD = "期间 period: YYYY, YYYY-MM or YYYYQn"
# a reporter: ISO3, a sub-national code (CN-FJ) or a customs office / port (UN/LOCODE), upper case
_REPORTER_RE = r"^([A-Z]{3}|[A-Z]{2}-[A-Z0-9]{1,3}|[A-Z]{2}[A-Z0-9]{3})$"
_PARTNER_RE = r"^[A-Z0-9][A-Z0-9_-]{1,15}$"  # ISO3, an M49 group code (W00) or a group (ASEAN)
SERIES_RE = (
    r"^(trade/[A-Za-z0-9_-]{2,16}/[a-z_]{3,12}/[A-Za-z0-9_-]{2,16}/[A-Za-z0-9_-]{2,16}"
    r"|tourism/[A-Za-z0-9_-]{2,16}/[A-Za-z0-9_-]{2,16}/[a-z_]{2,16})$"
)

Period = Annotated[str, Query(pattern=PERIOD_RE, description=PERIOD, examples=["2024"])]
PeriodOpt = Annotated[
    str | None, Query(pattern=PERIOD_RE, description=PERIOD, examples=["2024-01"])
]
_REPORTER = "报告方，大写 reporter, upper case: ISO3, CN-FJ or a UN/LOCODE"
Reporter = Annotated[str, Query(pattern=_REPORTER_RE, description=_REPORTER, examples=["CN-FJ"])]
ReporterOpt = Annotated[
    str | None, Query(pattern=_REPORTER_RE, description=_REPORTER, examples=["CN-FJ"])
]
Partner = Annotated[
    str | None,
    Query(
        pattern=_PARTNER_RE,
        examples=["MYS"],
        description="伙伴，大写 partner, upper case: ISO3 or group",
    ),
]


def _hs_query(shortest: int, description: str) -> Any:
    """The query field of an HS code of ``shortest``–10 digits (the schema states the pattern)."""
    return Query(pattern=rf"^\d{{{shortest},10}}$", examples=["85"], description=description)


# download filters take any prefix; map layers a chapter or finer, as their figures require
Hs = Annotated[str | None, _hs_query(1, "HS编码或前缀 HS code or its prefix (1–10 digits)")]
HsProduct = Annotated[str | None, _hs_query(2, "HS编码 HS chapter or finer code (2–10 digits)")]
Product = Annotated[
    str,
    Query(
        pattern=r"^(TOTAL|\d{2}|\d{4}|\d{6})$",
        examples=["TOTAL"],
        description="HS编码或TOTAL product: an HS code or TOTAL",
    ),
]
Date = Annotated[
    str | None,
    Query(
        pattern=r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$",
        description="日期 date (YYYY-MM-DD)",
        examples=["2024-01-01"],
    ),
]
SeriesQ = Annotated[
    str,
    Query(
        pattern=SERIES_RE,
        max_length=120,
        description=(
            "序列编号 series id: trade/<reporter>/<flow>/<partner>/<product> or "
            "tourism/<origin>/<destination>/<measure>"
        ),
        examples=["trade/CN-FJ/export/ASEAN/TOTAL"],
    ),
]
Code = Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_-]{2,16}$", description="代码 code")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="跳过行数 rows to skip")]
