"""The same batch jobs on Apache Spark when one machine is not enough (see docs/deployment.md).

``spark`` builds sessions and reads one pinned warehouse version. ``aggregate`` turns record-level
declarations into network edges (DuckDB and Spark share one SQL text). ``forecast`` runs the
per-series forecaster in Spark's Python workers.
"""
