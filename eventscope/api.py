"""The Python API; the CLI and the server are thin shells over these functions."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .model import Article, Quarantined, RawDoc
from .options import Options
from .pipeline import Annotator, IngestReport, annotate_batch
from .pipeline import ingest as _ingest
from .read import read_jsonl, read_paths, read_url
from .store import Store

Progress = Callable[[Iterable[Any]], Iterable[Any]]


def _same(x: Iterable[Any]) -> Iterable[Any]:
    return x


def open_store(path: str | Path = "eventscope.duckdb", read_only: bool = False) -> Store:
    """Open (or create) the DuckDB store at ``path``."""
    return Store(path, read_only=read_only)


def annotate_lines(lines: Iterable[str], origin: str = "input", options: Options | None = None,
                   progress: Progress = _same) -> Iterator[dict[str, Any]]:
    """The batch contract over JSONL lines: one output dict per input line, in order."""
    options = options or Options()
    return annotate_batch(read_jsonl(lines, origin, options, base=Path.cwd()), options, progress)


def annotate(docs: Iterable[dict[str, Any]], options: Options | None = None) -> list[dict[str, Any]]:
    """The batch contract over dicts (``{"id", "text" | "html" | "path", ...}``)."""
    import json

    return list(annotate_lines((json.dumps(d, ensure_ascii=False) for d in docs), "api", options))


def annotate_text(text: str, published: str | None = None, options: Options | None = None) -> Article:
    """One plain text, cleaned and annotated."""
    raw = RawDoc(body=text, kind="text", origin="text", raw=text.encode("utf-8"), published=published)
    return Annotator(options)(raw)


def ingest(paths: Iterable[str | Path], store: Store, options: Options | None = None,
           progress: Progress = _same) -> IngestReport:
    """Read files and folders into ``store``."""
    options = options or Options()
    report = _ingest(read_paths(paths, options), store, options, progress)
    regroup(store)
    return report


def regroup(store: Store) -> set[str]:
    """Stream the unassigned articles into stories and rewrite the changed stories' fused events."""
    from . import regroup as rg

    changed = rg.assign_new(store)
    rg.refresh(store, changed)
    return changed


def fetch(urls: Iterable[str], store: Store, options: Options | None = None,
          progress: Progress = _same) -> IngestReport:
    """Fetch URLs (guarded against private addresses unless ``options.allow_private``) into ``store``."""
    options = options or Options()

    def records() -> Iterator[RawDoc | Quarantined]:
        for url in urls:
            yield from read_url(url, options)

    report = _ingest(records(), store, options, progress)
    regroup(store)
    return report
