"""``--role`` for ``haisi`` commands that print or write warehouse data: they read the same
role-cleared view every API route reads (:meth:`Warehouse.cleared`), so exports on the command
line pass the one enforcement path.

Without ``--role`` a command sees the public view (as an anonymous caller): public rows and the
restricted cells that pass disclosure control; ``--role customs`` or ``--role admin`` see every
row. The warehouse is imported inside :func:`warehouse_as`, so ``haisi --help`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from haisi.errors import InvalidInput

if TYPE_CHECKING:
    from haisi.warehouse import Warehouse

__all__ = ["RoleOpt", "warehouse_as"]

RoleOpt = Annotated[
    str | None,
    typer.Option(
        "--role",
        help="角色 Read as this role (analyst, customs, tourism, researcher, admin); default the "
        "public view, restricted cells disclosure-controlled; customs and admin see every row.",
    ),
]


def warehouse_as(role: str | None, store: Warehouse | None = None) -> Warehouse:
    """``store`` (default: the settings' warehouse) as ``role`` may see it; None is public."""
    from haisi.warehouse import Warehouse
    from haisi.warehouse.classification import clearance
    from haisi.warehouse.ops import ROLES

    if role is not None and role not in ROLES:
        raise InvalidInput(f"未知角色 unknown role {role!r}; roles: {', '.join(ROLES)}")
    return (store or Warehouse.from_settings()).cleared(clearance(role))
