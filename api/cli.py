"""``haisi serve`` and ``haisi keys ...``."""

from __future__ import annotations

from typing import Annotated

import typer

keys_app = typer.Typer(help="API密钥 API keys.", no_args_is_help=True)


def serve(
    host: Annotated[
        str | None, typer.Option(help="监听地址 bind address; default settings.host")
    ] = None,
    port: Annotated[int | None, typer.Option(help="端口 port; default settings.port")] = None,
    workers: Annotated[int, typer.Option(help="进程数 uvicorn worker processes")] = 1,
) -> None:
    """启动服务 Start the API service (uvicorn) on settings.host:settings.port."""
    import uvicorn
    from haisi.warehouse.ops import OpsDB

    from haisi.settings import get_settings

    s = get_settings()
    if s.require_api_key and not OpsDB.from_settings(s).list_keys():
        typer.echo(
            "尚无API密钥；先运行 haisi keys create --role admin（或本地演示设 "
            "HAISI_REQUIRE_API_KEY=false）\nNo API keys yet: run haisi keys create --role admin "
            "(or set HAISI_REQUIRE_API_KEY=false for a local demo).",
            err=True,
        )
    typer.echo(
        f"海丝服务 haisi: http://{host or s.host}:{port or s.port}/ui  (API docs: /docs)", err=True
    )
    uvicorn.run(
        "haisi.api.app:create_app",
        factory=True,
        host=host or s.host,
        port=port or s.port,
        workers=workers,
        log_level=s.log_level.lower(),
    )


@keys_app.command("create")
def create(
    role: Annotated[str, typer.Option(help="角色 analyst, customs, tourism, researcher or admin")],
    label: Annotated[str | None, typer.Option(help="备注 who the key is for")] = None,
) -> None:
    """创建密钥 Create a key; the secret is printed once and stored only as a hash."""
    from haisi.warehouse.ops import OpsDB

    # a bad role (invalid, exit 2) or a busy ops DB past the retry window (unavailable, exit 5)
    # is one line from the root command's error map, never a traceback
    ops = OpsDB.from_settings()
    key_id, secret = ops.create_key(role, label)
    ops.audit(
        key_id=None,
        role=None,
        action="key_create",
        resource="cli:keys create",
        detail={"created_key_id": key_id, "created_role": role},
        status=None,
    )
    typer.echo(f"key_id: {key_id}\nrole: {role}\nsecret: {secret}")
    typer.echo(
        "请妥善保存，密钥不会再次显示 Keep it safe: the secret is not shown again.", err=True
    )


@keys_app.command("revoke")
def revoke(
    key_id: Annotated[str, typer.Argument(help="密钥编号 key id, e.g. hs_1a2b3c4d")],
) -> None:
    """撤销密钥 Revoke a key at once."""
    from haisi.warehouse.ops import OpsDB

    ops = OpsDB.from_settings()
    revoked = ops.revoke_key(key_id)
    ops.audit(
        key_id=None,
        role=None,
        action="key_revoke",
        resource="cli:keys revoke",
        detail={"revoked_key_id": key_id, "revoked": revoked},
        status=None,
    )
    if not revoked:
        typer.echo(f"未知或已撤销 unknown or already revoked key {key_id}", err=True)
        raise typer.Exit(1)
    typer.echo(f"已撤销 revoked {key_id}")


@keys_app.command("list")
def list_keys() -> None:
    """列出密钥 List keys (ids, roles, labels, dates; never secrets)."""
    from haisi.warehouse.ops import OpsDB

    for k in OpsDB.from_settings().list_keys():
        state = f"revoked {k['revoked_at']}" if k["revoked_at"] else "active"
        typer.echo(f"{k['key_id']}\t{k['role']}\t{state}\t{k['created_at']}\t{k['label'] or ''}")
