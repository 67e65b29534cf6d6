"""Storage: the DuckDB schema (``ddl.sql``), catalogue and gazetteer data, the store and Parquet shards."""
