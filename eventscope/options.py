"""Every tunable of eventscope in one place, with its default and why."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Options:
    # Inputs larger than this are quarantined, not read: a 50 MB "page" is a dump, not an article,
    # and would cost seconds of parsing and hundreds of MB of memory.
    max_bytes: int = 10 * 1024 * 1024
    # Decompressed size cap for gzip inputs (guards against gzip bombs).
    max_decompressed_bytes: int = 20 * 1024 * 1024
    # URL fetching: total time and size caps, redirects followed (each re-checked).
    fetch_timeout: float = 20.0
    fetch_max_redirects: int = 5
    allow_private: bool = False
    # Extraction: trafilatura's precision mode trades a little recall for much less boilerplate.
    favor_precision: bool = True
    # User dictionaries (YAML) that extend or override the shipped ones.
    actor_files: list[Path] = field(default_factory=list)
    # Show a progress bar (only ever drawn on a terminal).
    progress: bool = True
    # Annotation worker processes; 0 = one per usable CPU core. Each loads its own model and
    # dictionaries (0.5-0.8 GB resident at peak on news pages), so memory may be the limit on a
    # small machine with many cores.
    workers: int = 0
    # Documents per chunk handed to a worker and parsed in one nlp.pipe batch: large enough to batch
    # the parse, small enough that the last chunks of a batch do not leave a core idle for long.
    batch_size: int = 16
    # Batches smaller than this are annotated in the calling process: starting a worker (a fresh
    # interpreter loading the model) costs a few seconds, more than a few documents take.
    parallel_min_docs: int = 24
