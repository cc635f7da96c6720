"""One function owns writing report files: atomically, so no reader sees half a file."""
from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import IO, Any


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to a temporary file beside ``path``, then rename it over ``path``.

    An interrupted run (an exception, Ctrl-C, a kill) leaves the previous file intact and
    no partial file behind.
    """
    pending = PendingFile(path, binary=True)
    try:
        pending.file.write(data.encode("utf-8") if isinstance(data, str) else data)
        pending.commit()
    except BaseException:
        pending.discard()
        raise


class PendingFile:
    """A file being written beside ``path``: ``commit`` puts it in place of ``path`` once
    complete (flushed to disk), ``discard`` removes it. Where the system has anonymous
    files (Linux ``O_TMPFILE``) it has no name until committed, so even a killed run leaves
    nothing behind; elsewhere it is a hidden temporary file. The new file gets the usual
    permissions (0666 less the umask)."""

    def __init__(self, path: Path, binary: bool = False) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(path.parent, os.O_TMPFILE | os.O_WRONLY, 0o666)
            self.anonymous = True
        except (AttributeError, OSError):  # no O_TMPFILE here, or not on this file system
            fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            self.anonymous = False
        self.file: IO[Any] = (os.fdopen(fd, "wb") if binary
                              else os.fdopen(fd, "w", encoding="utf-8", newline=""))

    def commit(self) -> None:
        self.file.flush()
        os.fsync(self.file.fileno())
        if self.anonymous:  # linkat(2) through /proc, following the fd's link to the file
            proc = os.open("/proc/self/fd", os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.link(str(self.file.fileno()), self.tmp, src_dir_fd=proc, follow_symlinks=True)
            finally:
                os.close(proc)
        self.file.close()
        try:
            os.replace(self.tmp, self.path)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.file.close()
        with contextlib.suppress(OSError):
            os.unlink(self.tmp)
