"""Spark for haisi's batch jobs: a session builder and a reader that pins one warehouse version.

Spark reads the Parquet files under a Delta table directly. It takes them from the table's own
list of active files for one version (``deltalake.DeltaTable.file_uris()``), never from a
directory listing. A job therefore sees exactly one consistent version: files of uncommitted or
later writes are invisible. It sees the rows the warehouse view's clearance allows, by the same
rule as the DuckDB views (a public view: public rows and the restricted cells that pass
disclosure control), and an open derivation counts the table as read. Files on a shared
filesystem are read by Spark's Parquet reader; files on object storage (``s3://``) are read on
the executors through deltalake's object-store client, so no Hadoop S3A connector is needed.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Literal, NamedTuple

from haisi.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from deltalake import DeltaTable
    from haisi.warehouse import Warehouse
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["spark_session", "table_files", "read_table", "PinnedTable"]


class PinnedTable(NamedTuple):
    """A Spark DataFrame of one warehouse table version, with its citable id."""

    frame: "DataFrame"
    version: int
    dataset_version: str  # e.g. "trade_flows@v3", as Warehouse.dataset_version gives


def spark_session(
    master: str = "local[2]",
    *,
    app_name: str = "haisi",
    driver_memory: str = "1g",
    shuffle_partitions: int | None = None,
) -> "SparkSession":
    """Get or create a SparkSession for ``master`` (``local[2]``, ``spark://host:7077``, ``yarn``…).

    In local mode the JVM binds to 127.0.0.1 and the Python workers run this interpreter (the
    venv), so UDFs see the same packages as the driver. The web UI is off. Arrow is on for
    pandas transfers, and the session time zone is UTC like the warehouse.
    ``shuffle_partitions`` defaults to 2 × the local cores, or Spark's default for a cluster.
    """
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", driver_memory)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.execution.arrow.pyspark.fallback.enabled", "false")
        .config("spark.python.worker.reuse", "true")
    )
    if master.startswith("local"):
        builder = builder.config("spark.driver.bindAddress", "127.0.0.1").config(
            "spark.driver.host", "127.0.0.1"
        )
        cores = _local_cores(master)
        builder = builder.config(
            "spark.sql.shuffle.partitions", str(shuffle_partitions or 2 * cores)
        )
        builder = builder.config("spark.default.parallelism", str(cores))
    elif shuffle_partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(shuffle_partitions))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _local_cores(master: str) -> int:
    """Cores of a ``local``, ``local[N]`` or ``local[*]`` master."""
    inner = master[len("local") :].strip("[]").split(",")[0]
    if inner == "":
        return 1
    if inner == "*":
        return os.cpu_count() or 1
    return int(inner)


def table_files(
    warehouse: "Warehouse", table: str, version: int | None = None
) -> tuple[int, list[str]]:
    """The Delta version read and the URIs of its active Parquet files.

    Raises ``NotFound`` if the table was never written or the version does not exist.
    """
    dt = _pinned(warehouse, table, version)
    return dt.version(), list(dt.file_uris())


def _pinned(warehouse: "Warehouse", table: str, version: int | None) -> "DeltaTable":
    """``table``'s Delta handle loaded at ``version`` (default: current), or ``NotFound``."""

    if not warehouse.exists(table):
        raise NotFound(
            f"warehouse table {table!r} has no data yet (nothing at {warehouse.table_uri(table)})"
        )
    dt = warehouse.delta_table(table)
    latest = dt.version()
    if version is not None:
        if not 0 <= version <= latest:
            raise NotFound(f"{table}: no version {version} (versions 0..{latest} exist)")
        dt.load_as_version(version)
    return dt


def read_table(
    spark: "SparkSession",
    warehouse: "Warehouse",
    table: str,
    *,
    version: int | None = None,
    revisions: Literal["latest", "all"] = "latest",
) -> PinnedTable:
    """``table`` at ``version`` (default: current) as a Spark DataFrame, like ``Warehouse.scan``.

    ``latest`` keeps one row per ``key_hash``: the one with the greatest
    ``(ingested_at, batch_id)``. That is the rule of the warehouse's DuckDB views, and so is the
    clearance filter, so Spark and DuckDB see the same rows through the same view.
    """
    from haisi.warehouse import reads
    from haisi.warehouse.classification import PUBLIC
    from haisi.warehouse.read import controlled
    from haisi.warehouse.schemas import spec
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    if revisions not in ("latest", "all"):
        raise InvalidInput(f"revisions must be 'latest' or 'all', not {revisions!r}")
    reads.use(warehouse, [table])
    dt = _pinned(warehouse, table, version)
    read_version, files = dt.version(), list(dt.file_uris())
    schema = _spark_schema(spec(table).schema)
    if not files:
        df = spark.createDataFrame([], schema)
    elif warehouse.location.is_local:
        df = spark.read.schema(schema).parquet(*files)
    else:
        df = _read_object_store(spark, warehouse, table, files, schema)
    if warehouse.clearance == PUBLIC:  # restricted rows only after disclosure control
        df = df.where(F.col("classification") == PUBLIC)
        if files and spec(table).extra.get("disclosure"):
            cells = controlled(warehouse, table, dt, None)[0]
            df = df.unionByName(spark.createDataFrame(cells.to_pandas(), schema))
    if revisions == "latest":
        w = Window.partitionBy("key_hash").orderBy(
            F.col("ingested_at").desc(), F.col("batch_id").desc()
        )
        df = df.withColumn("_rn", F.row_number().over(w)).where("_rn = 1").drop("_rn")
    return PinnedTable(df, read_version, f"{table}@v{read_version}")


def _read_object_store(
    spark: "SparkSession", warehouse: "Warehouse", table: str, files: list[str], schema
) -> "DataFrame":
    """The listed Parquet files of an object-store table, read on the executors (one task per file).

    Each task opens its files with deltalake's object-store client and the warehouse's storage
    options, so executors need network access to the store, not a Hadoop connector.
    """
    table_uri = warehouse.table_uri(table)
    options = dict(warehouse.location.storage_options)
    names = [f[len(table_uri) + 1 :] if f.startswith(table_uri + "/") else f for f in files]

    def read(batches):
        import pyarrow.fs as pafs
        import pyarrow.parquet as pq
        from deltalake.fs import DeltaStorageHandler

        fs = pafs.PyFileSystem(DeltaStorageHandler(table_uri, options))
        for batch in batches:
            for name in batch.column("file").to_pylist():
                with fs.open_input_file(name) as f:
                    yield from pq.ParquetFile(f).iter_batches(batch_size=65_536)

    listing = spark.createDataFrame([(n,) for n in names], "file string")
    return listing.repartition(len(names)).mapInArrow(read, schema)


def _spark_schema(arrow_schema):
    """Spark StructType for a warehouse Arrow schema (string, double, int64, binary, timestamp)."""
    import pyarrow as pa
    from pyspark.sql import types as T

    def convert(t: pa.DataType):
        if pa.types.is_string(t) or pa.types.is_large_string(t):
            return T.StringType()
        if pa.types.is_float64(t):
            return T.DoubleType()
        if pa.types.is_int64(t):
            return T.LongType()
        if pa.types.is_int32(t):
            return T.IntegerType()
        if pa.types.is_binary(t) or pa.types.is_large_binary(t):
            return T.BinaryType()
        if pa.types.is_timestamp(t):
            return T.TimestampType()
        if pa.types.is_boolean(t):
            return T.BooleanType()
        raise TypeError(f"no Spark type for Arrow {t}")

    return T.StructType([T.StructField(f.name, convert(f.type), f.nullable) for f in arrow_schema])
