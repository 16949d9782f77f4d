"""Every tunable of eventscope in one place, with its default and why."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Options:
    # Inputs larger than this are quarantined, not read: a 50 MB "page" is a dump, not an article,
    # and would cost seconds of parsing and hundreds of MB of memory.
    max_bytes: int = 10 * 1024 * 1024
    # Decompressed size cap for gzip inputs (guards against gzip bombs); in a WARC, the cap on one
    # record's block (HTTP headers and payload, before content decoding) and on one gzip member.
    max_decompressed_bytes: int = 20 * 1024 * 1024
    # Containers (WARC archives, JSONL batches) are read as streams and have no size cap of their own:
    # the caps above apply to each record or line. A JSONL line may be up to this long: its text is
    # then held to max_bytes, and JSON escapes ("\u00e9" is 6 bytes for one character) make a line
    # up to 6 times its text.
    max_line_bytes: int = 64 * 1024 * 1024
    # A WARC record's header block (version line and named fields) may be this long; real ones are
    # under 2 KB, so a longer one is damage, and reading resumes at the next record.
    warc_max_header_bytes: int = 64 * 1024
    # The folder a batch line's "path" may read from (symlinks resolved; relative paths are taken
    # against the JSONL file's folder, or the current folder for standard input). None: that same
    # folder. A path outside it is an error line, never read.
    root: Path | None = None
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
    # Quarantine rows an ingest holds before writing them in one statement: a row alone costs a
    # statement and its commit (2-6 ms on a file store), a row in a batch of 1000 about 30 us. A killed
    # ingest loses only rows it had not written (nor reported), and its rerun reads those inputs again.
    quarantine_batch: int = 1000
    # Longest text parsed as one spaCy Doc (characters); a longer one is parsed in pieces cut at
    # paragraph ends and joined (nlp.parse). The parse takes about 3.5 MB of temporary memory per
    # 1000 characters of one Doc and refuses one over 1M characters; at 50k a piece costs under
    # 200 MB, and ordinary articles (a few thousand characters, rarely 30k) are parsed whole.
    parse_piece_chars: int = 50_000
