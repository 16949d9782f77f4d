"""eventscope: news articles in, a clean, deduplicated, source-attributed database of political events out.

The public Python API. The CLI (``eventscope.cli``) and the web server are thin shells over it.
"""
from .api import annotate, annotate_lines, annotate_text, fetch, ingest, open_store
from .clean import clean as clean_document  # not `clean`: that would shadow the subpackage
from .errors import EventscopeError
from .model import Article, Event, Mention, Quarantined, Quote, RawDoc, Removal, Timex
from .options import Options
from .pipeline import Annotator
from .read import read_paths
from .store import Store

__version__ = "0.1.0"

__all__ = [
    "Annotator", "Article", "Event", "EventscopeError", "Mention", "Options", "Quarantined", "Quote", "RawDoc",
    "Removal", "Store", "Timex", "annotate", "annotate_lines", "annotate_text", "clean_document", "fetch", "ingest",
    "open_store", "read_paths",
]
