"""Every knob of haisi in one place: name, default and help text (Datasette's idea).

Values come from ``HAISI_*`` environment variables or a ``.env`` file in the
working directory. ``get_settings()`` is the single accessor the packages use.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings"]

_REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Typed settings; each field's description is its help text (see docs/settings.md)."""

    model_config = SettingsConfigDict(
        env_prefix="HAISI_", env_file=".env", env_ignore_empty=True, extra="ignore"
    )

    environment: Literal["development", "production"] = Field(
        "development", description="development or production; production refuses unsafe defaults."
    )
    data_dir: Path = Field(
        _REPO_ROOT / "var",
        description="Root folder for everything haisi stores (warehouse, operational DB, caches).",
    )
    store_dir: Path | None = Field(
        None, description="Folder of the Delta Lake tables; default: DATA_DIR/warehouse."
    )
    store_url: str | None = Field(
        None,
        description="Object-storage URI of the Delta Lake tables (s3://bucket/prefix on S3, MinIO, "
        "OSS, COS…); when set it replaces STORE_DIR. See docs/deployment.md.",
    )
    store_options: dict[str, str] = Field(
        default_factory=dict,
        description="JSON object of object-store options for STORE_URL "
        "(AWS_ENDPOINT_URL, AWS_REGION, "
        "AWS_ALLOW_HTTP…); credentials may instead come from the standard AWS_* variables.",
    )
    ops_db: Path | None = Field(
        None,
        description="SQLite file for operational state (API keys, jobs, audit, crawl runs); "
        "default: DATA_DIR/ops.sqlite.",
    )
    ops_db_url: str | None = Field(
        None,
        description="PostgreSQL URL of the operational database (postgresql://user:pass@host/db), "
        "shared by API replicas on several hosts; when set it replaces OPS_DB.",
    )
    ops_db_retry_seconds: float = Field(
        20.0,
        description="How long a write to the operational database retries while it is busy or "
        "unreachable before failing with a one-line error (audit rows wait in a local journal).",
    )
    shared_data: Path = Field(
        _REPO_ROOT.parent / "shared" / "data",
        description="Folder of the real reference/trade/tourism/text data "
        "used by tests and benchmarks.",
    )
    host: str = Field("127.0.0.1", description="Address the API service binds to.")
    port: int = Field(8000, description="Port the API service listens on.")
    max_returned_rows: int = Field(
        1000, description="Largest page of rows a JSON API list endpoint returns."
    )
    rate_limit_per_minute: int = Field(
        600, description="Requests one API key may make in any 60 seconds before getting HTTP 429."
    )
    failed_key_limit_per_minute: int = Field(
        20,
        description="Requests with an unknown or revoked API key one client address may make in "
        "any 60 seconds; more get HTTP 429 and are no longer written to the audit log.",
    )
    audit_retention_days: int = Field(
        365,
        description="Days an audit-log row is kept; older rows are deleted (at start and hourly).",
    )
    require_api_key: bool = Field(
        True, description="Whether API routes other than /health need an X-API-Key header."
    )
    tile_url: str = Field(
        "none",
        description="Map tile URL template (an intranet or Tianditu URL, e.g. "
        "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png); 'none' (the default) draws the "
        "shipped world outline only, so maps work offline.",
    )
    tile_attribution: str = Field(
        "&copy; OpenStreetMap contributors", description="Attribution shown for the tile layer."
    )
    engine: Literal["local", "spark"] = Field(
        "local", description="Engine for batch jobs: local (embedded) or spark."
    )
    spark_master: str = Field("local[2]", description="Spark master URL when ENGINE=spark.")
    redis_url: str | None = Field(
        None, description="Redis URL; when set, crawlers share a scrapy-redis queue and dupefilter."
    )
    crawl_mirror_url: str | None = Field(
        None,
        description="Base URL of a local mirror that re-roots every spider (tests, intranet); "
        "the default of `haisi crawl --mirror`.",
    )
    comtrade_api_key: str | None = Field(
        None, description="UN Comtrade subscription key; the public preview API is used without it."
    )
    log_level: str = Field("INFO", description="Log level of the service and the batch jobs.")

    @model_validator(mode="after")
    def _derive_paths(self) -> "Settings":
        if self.store_dir is None:
            self.store_dir = self.data_dir / "warehouse"
        if self.ops_db is None:
            self.ops_db = self.data_dir / "ops.sqlite"
        if self.ops_db_url is not None and not self.ops_db_url.startswith(
            ("postgresql://", "postgres://")
        ):
            raise ValueError("OPS_DB_URL must be a postgresql:// URL (the SQLite file is OPS_DB)")
        if self.store_url is not None:
            from haisi.warehouse.location import Location

            Location.parse(self.store_url)  # refuses an unsupported scheme with a clear message
        if self.environment == "production" and self.host == "0.0.0.0" and not self.require_api_key:
            raise ValueError("production service on 0.0.0.0 must require API keys")
        return self


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
