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
