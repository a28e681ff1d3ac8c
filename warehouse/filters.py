"""Row filters as data, compiled to a DuckDB condition with ``?`` parameters.

No SQL is built from caller strings: column names are checked against the table's schema
and every value is bound as a parameter. A filter maps a column to a condition::

    {"reporter": "CN-FJ",                    # equal
     "hs_code": ["01", "02"],                # one of (a list or set)
     "period": ("between", "2024-01", "2024-06"),
     "partner": ("!=", "WLD"),               # also "<", "<=", ">", ">="
     "source_id": ("not in", ["a", "b"]),
     "title": ("contains", "出口"),           # case-insensitive substring
     "value": ("not null",),                 # also ("null",); None means IS NULL
     }

and ``("prefix", "84")`` means "starts with".

All conditions of a mapping must hold. ``any_of`` adds a list of such mappings of which at
least one must hold, e.g. ``[{"reporter": a}, {"partner": a}]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from haisi.warehouse.schemas import TableSpec
from haisi.warehouse.tables import quote

from haisi.errors import InvalidInput

__all__ = ["Filters", "check_columns", "compile_filters", "within"]

Filters = Mapping[str, Any]

_COMPARE = {"=": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
_ARITY = {
    "between": 2,
    "in": 1,
    "not in": 1,
    "prefix": 1,
    "contains": 1,
    "null": 0,
    "not null": 0,
    **{op: 1 for op in _COMPARE},
}


def within(low: Any, high: Any) -> Any:
    """The condition ``low <= column <= high``, either end open when empty; None if both are."""
    if low not in (None, "") and high not in (None, ""):
        return ("between", low, high)
    if low not in (None, ""):
        return (">=", low)
    return None if high in (None, "") else ("<=", high)


def check_columns(t: TableSpec, names: Iterable[str]) -> list[str]:
    """``names`` if each is a column of table ``t``; InvalidInput naming the first that is not."""
    known = {c.name for c in t.all_columns}
    out = list(names)
    for name in out:
        if name not in known:
            raise InvalidInput(
                f"未知列 unknown column {name!r} in table {t.name!r}; "
                f"known: {', '.join(sorted(known))}",
                detail={"table": t.name, "column": name},
            )
    return out


def compile_filters(
    t: TableSpec, filters: Filters | None = None, any_of: Sequence[Filters] | None = None
) -> tuple[str, list[Any]]:
    """A DuckDB condition (``TRUE`` when empty) and its parameters, in order."""
    conds, params = _conjunction(t, filters or {})
    if any_of is not None:
        alts = [_conjunction(t, f) for f in any_of]
        conds.append(
            "(" + " OR ".join(f"({' AND '.join(c) or 'TRUE'})" for c, _ in alts) + ")"
            if alts
            else "FALSE"
        )
        params += [p for _, ps in alts for p in ps]
    return " AND ".join(conds) or "TRUE", params


def _conjunction(t: TableSpec, filters: Filters) -> tuple[list[str], list[Any]]:
    check_columns(t, filters)
    conds: list[str] = []
    params: list[Any] = []
    for name, cond in filters.items():
        sql, ps = _condition(quote(name), name, cond)
        conds.append(sql)
        params += ps
    return conds, params


def _condition(col: str, name: str, cond: Any) -> tuple[str, list[Any]]:
    """One column's condition: a value, a list of values, None or an ``(op, *args)`` tuple."""
    if cond is None:
        return f"{col} IS NULL", []
    if isinstance(cond, (list, set, frozenset)):
        return _one_of(col, sorted(cond) if isinstance(cond, (set, frozenset)) else cond, False)
    if not isinstance(cond, tuple):
        return f"{col} = ?", [cond]
    op, args = (cond[0], cond[1:]) if cond and isinstance(cond[0], str) else (None, ())
    if op not in _ARITY or len(args) != _ARITY[op]:
        raise InvalidInput(
            f"筛选条件无效 bad filter on {name!r}: {cond!r}; expected a value, a list, None or "
            f"(op, …) with op one of {sorted(_ARITY)}",
            detail={"column": name},
        )
    if op in _COMPARE:
        return f"{col} {_COMPARE[op]} ?", [args[0]]
    if op == "between":
        return f"{col} BETWEEN ? AND ?", list(args)
    if op in ("in", "not in"):
        return _one_of(col, list(args[0]), op == "not in")
    if op == "prefix":
        return f"starts_with({col}, ?)", [str(args[0])]
    if op == "contains":
        return f"contains(lower({col}), lower(?))", [str(args[0])]
    return f"{col} IS {'NOT ' if op == 'not null' else ''}NULL", []


def _one_of(col: str, values: list[Any], negate: bool) -> tuple[str, list[Any]]:
    if not values:
        return ("TRUE" if negate else "FALSE"), []
    marks = ", ".join("?" * len(values))
    return f"{col} {'NOT ' if negate else ''}IN ({marks})", list(values)
