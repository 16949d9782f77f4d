"""Engines: the same work as the local pipeline, scaled out or made robust to kills and readers.

- ``ray_engine``: ``annotate`` and ``ingest`` on a Ray cluster (``ray.data``), identical output;
- ``shards``: the input files both engines read (JSONL, WARC, Parquet, HTML, text, feeds);
- ``parquet_io``: result rows as Parquet, and ``import_parquet`` into the store;
- ``resume``: an ``annotate -o OUT`` batch that a kill does not lose;
- ``chunked``: an ingest that holds the database only in short windows, so ``serve`` keeps answering.

Ray is imported only by the functions that use it.
"""
from .chunked import ChunkWriter, ingest_chunked
from .parquet_io import import_parquet, read_rows
from .shards import list_files, read_shards

__all__ = ["ChunkWriter", "import_parquet", "ingest_chunked", "list_files", "read_rows", "read_shards"]
