"""Where the warehouse tables live: a local folder or an S3-compatible object store.

One place turns a root (``/srv/haisi/warehouse`` or ``s3://bucket/prefix``) plus storage
options into what deltalake and pyarrow need: a table URI, the options, and a pyarrow
filesystem rooted at a table for writing its Parquet files. Object storage goes through
deltalake's own object-store client, so reads and writes use one set of options.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow.fs as pafs

__all__ = ["Location", "REMOTE_SCHEMES", "DEFAULT_REMOTE_OPTIONS"]

REMOTE_SCHEMES = ("s3",)
# A store that does not answer should fail in seconds with its URL, not after object_store's
# default 180 s of retries. Users' own options override these.
DEFAULT_REMOTE_OPTIONS = {
    "connect_timeout": "5s",
    "timeout": "120s",
    "max_retries": "3",
    "retry_timeout": "30s",
}


@dataclass(frozen=True)
class Location:
    """The root of all tables: ``<root>/<table>/`` is one Delta table."""

    root: str
    storage_options: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(
        cls, root: str | Path, storage_options: Mapping[str, str] | None = None
    ) -> "Location":
        """A local folder (made absolute) or an ``s3://bucket/prefix`` URI; others are refused."""
        text = str(root)
        scheme = text.split("://", 1)[0].lower() if "://" in text else ""
        if scheme in ("", "file"):
            folder = Path(text[len("file://") :] if scheme else text).expanduser().resolve()
            if folder.exists() and not folder.is_dir():
                from haisi.errors import InvalidInput

                raise InvalidInput(
                    f"仓库路径是文件 warehouse location {folder} is a file, not a "
                    "folder (misspelled --store or HAISI_STORE_DIR?)"
                )
            return cls(str(folder), dict(storage_options or {}))
        if scheme not in REMOTE_SCHEMES:
            raise ValueError(
                f"warehouse location {text!r}: scheme {scheme}:// is not supported; use a local "
                f"folder or s3://bucket/prefix (any S3-compatible store: MinIO, OSS, COS, Ceph)"
            )
        bucket_and_prefix = text.split("://", 1)[1].strip("/")
        if not bucket_and_prefix:
            raise ValueError(
                f"warehouse location {text!r}: name a bucket, e.g. s3://haisi/warehouse"
            )
        opts = {**DEFAULT_REMOTE_OPTIONS, **dict(storage_options or {})}
        return cls(f"{scheme}://{bucket_and_prefix}", opts)

    @property
    def is_local(self) -> bool:
        return "://" not in self.root

    def table_uri(self, table: str) -> str:
        """What deltalake opens for ``table``: a folder path or an object-store URI."""
        return str(Path(self.root) / table) if self.is_local else f"{self.root}/{table}"

    @property
    def delta_options(self) -> dict[str, str] | None:
        """``storage_options`` for deltalake (None for a local folder)."""
        return None if self.is_local else self.storage_options

    def table_filesystem(self, table: str) -> tuple["pafs.FileSystem", str]:
        """A pyarrow filesystem and the prefix under which ``table``'s data files are written."""
        import pyarrow.fs as pafs

        if self.is_local:
            folder = Path(self.table_uri(table))
            folder.mkdir(parents=True, exist_ok=True)
            return pafs.LocalFileSystem(), str(folder) + "/"
        from deltalake.fs import DeltaStorageHandler

        handler = DeltaStorageHandler(self.table_uri(table), self.storage_options)
        return pafs.PyFileSystem(handler), ""

    def describe(self) -> str:
        """The root with the endpoint, for messages; never the credentials."""
        endpoint = self.storage_options.get("AWS_ENDPOINT_URL") or self.storage_options.get(
            "aws_endpoint_url"
        )
        return f"{self.root} (endpoint {endpoint})" if endpoint and not self.is_local else self.root

    def explain(self, error: BaseException) -> str:
        """A one-line message for a storage error: where, what, and its root cause."""
        lines = [re.sub(r"\x1b\[[0-9;]*m|↳", "", ln).strip() for ln in str(error).splitlines()]
        lines = [ln for ln in lines if ln]
        chain = lines[:1] + lines[-2:] if len(lines) > 3 else lines
        return f"warehouse at {self.describe()} cannot be reached or read: {' → '.join(chain)}"
