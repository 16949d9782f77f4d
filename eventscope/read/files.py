"""Opening input files safely: regular files only, read with a cap, and paths kept inside a root.

A FIFO blocks ``open()`` until a writer comes (for ever, in a batch), ``/dev/zero`` never ends, and a
``/proc`` file says it is 0 bytes long whatever it holds: so a reader opens only regular files
(checked after symlinks are resolved, and again on the open descriptor), opens them non-blocking (a
FIFO swapped in between the check and the open cannot hang it), and reads at most one byte over its
cap rather than trusting ``st_size``.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, TooLarge

_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def _refuse_irregular(mode: int, origin: str) -> None:
    if not stat.S_ISREG(mode):
        what = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        raise InputError(f"not read: {what}, not a regular file", origin)


def open_regular(path: Path, origin: str) -> BinaryIO:
    """``path`` opened for reading in binary, if it is a regular file (``InputError`` if not; ``OSError``
    where it cannot be opened)."""
    _refuse_irregular(os.stat(path).st_mode, origin)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        _refuse_irregular(os.fstat(fd).st_mode, origin)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_capped(f: BinaryIO, limit: int, origin: str, what: str = "for one document") -> bytes:
    """The rest of ``f``, refused (``TooLarge``) where it holds more than ``limit`` bytes."""
    data = f.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"over {limit:,} bytes, the limit {what} (see Options.max_bytes); not read further",
                       origin)
    return data


def inside_root(path: str, root: Path, anchor: Path | None = None) -> Path:
    """``path`` (relative ones against ``anchor``, by default ``root``) resolved, symlinks included;
    ``InputError`` where it ends up outside ``root``, so that a batch line can name only files the user
    put under it."""
    p = Path(path)
    real_root = root.resolve()
    resolved = (p if p.is_absolute() else (anchor or root).resolve() / p).resolve()
    if not resolved.is_relative_to(real_root):
        raise InputError(f"path {path!r} is outside the root folder {str(real_root)!r} and is not read "
                         "(--root names the folder batch paths may read)")
    return resolved
