"""Writing a file to a USB stick so that it is either there whole, or not there at all.

A temporary file on the target is written, flushed and synced to the device, renamed to
its real name, the folder is synced too, and the file is read back (bypassing the page
cache where the system allows) and its SHA-256 compared. Any failure removes what it can
and raises :class:`WriteError` with a ``kind`` a screen can explain: ``full``,
``read_only``, ``gone`` (the drive was pulled out or unmounted) or ``failed``.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

CHUNK = 64 * 1024
MARGIN = 64 * 1024  # room the file system needs beside the data (directory entries...)

_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
_GONE = {
    errno.ENOENT,
    errno.EIO,
    errno.ENODEV,
    errno.ENXIO,
    errno.ESTALE,
    errno.ENOTDIR,
    errno.ENOTCONN,
}


class WriteError(OSError):
    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


def classify(exc: OSError) -> str:
    if exc.errno in _FULL:
        return "full"
    if exc.errno in _READ_ONLY:
        return "read_only"
    if exc.errno in _GONE:
        return "gone"
    return "failed"


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_back(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb", buffering=0) as fh:
        if hasattr(os, "posix_fadvise"):
            # Ask for the bytes from the device, not the copy still in memory.
            with contextlib.suppress(OSError):
                os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_verified(
    folder: Path, name: str, data: bytes, progress: Callable[[float], None] | None = None
) -> Path:
    """Write ``data`` as ``folder/name``, safely; return the final path."""
    folder = Path(folder)
    final = folder / name
    tmp = folder / (name + ".tmp")
    want = hashlib.sha256(data).hexdigest()
    if not folder.is_dir():
        raise WriteError("gone", f"{folder} is not there")
    if final.exists():
        raise WriteError("failed", f"{final} already exists")
    try:
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        raise WriteError(classify(exc), str(exc)) from exc
    if free < len(data) + MARGIN:
        raise WriteError("full", f"{folder} has {free} bytes free; {len(data)} are needed")
    try:
        with open(tmp, "wb") as fh:
            for start in range(0, len(data), CHUNK):
                fh.write(data[start : start + CHUNK])
                if progress is not None:
                    progress(min(1.0, (start + CHUNK) / max(1, len(data))) * 0.9)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, final)
        _fsync_dir(folder)
        got = _read_back(final)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise WriteError(classify(exc), str(exc)) from exc
    if got != want:
        with contextlib.suppress(OSError):
            final.unlink()
        raise WriteError("failed", f"{final} reads back differently from what was written")
    if progress is not None:
        progress(1.0)
    return final
