"""A report folder replaced as a whole: readers see the previous set of reports or the new
one, never a mix, whenever the run stops.

The new set is written into a hidden sibling, ``.<name>.new-<pid>-<tag>``, each file flushed
to disk; files of the folder that the run does not write (another format of an earlier run,
anything the user put there) are carried over as hard links. Then the sibling takes the
folder's place: in one step where the system swaps two paths (Linux ``renameat2`` with
``RENAME_EXCHANGE``), else by moving the old folder aside (``.<name>.old-<pid>-<tag>``) and the
new one in. The old set is then removed. A run killed in between leaves hidden siblings; the
next run on that folder (``recover``) removes them, and puts an old folder back when the kill
came between the two moves.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import secrets
import shutil
from pathlib import Path
from typing import IO, Any, Iterable

from ..errors import ConfigError

_AT_FDCWD, _RENAME_EXCHANGE = -100, 2
# Hidden files of the file-by-file writer (write_atomic without O_TMPFILE), never carried over.
_TEMP = re.compile(r"^\..+\.[0-9a-f]{12}\.tmp$")


class ReportFolder:
    """The files of ``out``, written into a hidden sibling and put in place at once by ``commit``."""

    def __init__(self, out: Path) -> None:
        check_outputs([out])  # never the current folder, a file, a mount point (API callers too)
        self.out = out
        self.real = _real(out)
        self.real.parent.mkdir(parents=True, exist_ok=True)
        self.staging = _sibling(self.real, "new")
        os.mkdir(self.staging)
        self._open: list[IO[Any]] = []
        self.names: list[str] = []

    def open(self, name: str, binary: bool = False) -> IO[Any]:
        """A new file of the set (``name`` relative to the folder), flushed to disk at commit."""
        path = self.staging / name
        path.parent.mkdir(parents=True, exist_ok=True)
        f = open(path, "xb") if binary else open(path, "x", encoding="utf-8", newline="")  # noqa: SIM115
        self._open.append(f)
        self.names.append(name)
        return f

    def write(self, name: str, data: str | bytes) -> None:
        self.open(name, binary=True).write(data.encode("utf-8") if isinstance(data, str) else data)

    def paths(self) -> list[Path]:
        """Where the set's files are once committed (under ``out`` as given)."""
        return [self.out / name for name in self.names]

    def commit(self) -> list[Path]:
        """Flush every file, carry over what the set does not replace, swap the folder in."""
        for f in self._open:
            f.flush()
            os.fsync(f.fileno())
            f.close()
        if self.real.is_dir():
            os.chmod(self.staging, self.real.stat().st_mode & 0o7777)
            _carry_over(self.real, self.staging, {Path(n) for n in self.names})
        _fsync_dir(self.staging)
        _swap_in(self.staging, self.real)
        return self.paths()

    def discard(self) -> None:
        for f in self._open:
            with contextlib.suppress(OSError):
                f.close()
        shutil.rmtree(self.staging, ignore_errors=True)


def recover(real: Path) -> None:
    """Clean up after runs on this folder that were killed mid-way (their process is gone):
    an old folder moved aside goes back when the folder is missing; the rest is removed."""
    if not real.parent.is_dir():
        return
    pattern = re.compile(rf"^\.{re.escape(real.name)}\.(new|old)-(\d+)-[0-9a-f]+$")
    dead = []
    for entry in real.parent.iterdir():
        m = pattern.match(entry.name)
        if m and entry.is_dir() and not entry.is_symlink() and not _alive(int(m.group(2))):
            dead.append((m.group(1), entry))
    olds = sorted((e for kind, e in dead if kind == "old"), key=lambda e: e.stat().st_mtime)
    if olds and not os.path.lexists(real):
        with contextlib.suppress(OSError):  # then the run writes a new folder anyway
            os.rename(olds.pop(), real)
    for _, entry in dead:
        if entry.exists():
            shutil.rmtree(entry, ignore_errors=True)


def check_outputs(folders: Iterable[Path | None] = (), files: Iterable[Path | None] = ()) -> None:
    """Before any work: each report folder and file can be written where it is asked for
    (a ``ConfigError`` naming the first that cannot). A folder is replaced as a whole, so its
    parent must be writable too, and it may not be the current folder or hold it."""
    for folder in (f for f in folders if f is not None):
        real = _real(folder)
        recover(real)
        if real.parent == real:
            raise ConfigError(f"{folder}: --out cannot be the file system's root; choose a folder inside it")
        if os.path.lexists(real) and not real.is_dir():
            raise ConfigError(f"{folder}: --out names a file, not a folder")
        cwd = Path.cwd().resolve()
        if real == cwd or real in cwd.parents:
            raise ConfigError(f"{folder}: --out is (or holds) the current folder, which would be replaced as a whole "
                              f"with each run; choose a folder of its own")
        if real.is_dir() and os.path.ismount(real):
            raise ConfigError(f"{folder}: --out is a mount point, which cannot be replaced; choose a folder inside it")
        _writable(real.parent, f"{folder}: cannot write in its parent folder")
        if real.is_dir():
            _writable(real, f"{folder}: cannot write in")
    for path in (f for f in files if f is not None):
        if path.is_dir():
            raise ConfigError(f"{path}: is a folder; give a file name")
        _writable(path.parent, f"{path}: cannot write in")


def _writable(folder: Path, what: str) -> None:
    """Create and remove a file in ``folder`` (or in its nearest existing ancestor, where the
    missing folders will be made): the only test that sees read-only mounts and ACLs."""
    probe = folder
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    if not probe.is_dir():
        raise ConfigError(f"{what} {probe}: not a folder")
    name = probe / f".mtaudit-probe-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.unlink(name)
    except OSError as e:
        raise ConfigError(f"{what} {probe}: {e.strerror or e}") from None


def _real(out: Path) -> Path:
    """The folder's real place (a symbolic link to a folder is followed: the target is replaced)."""
    return Path(os.path.realpath(os.path.abspath(out)))


def _sibling(real: Path, kind: str) -> Path:
    return real.with_name(f".{real.name}.{kind}-{os.getpid()}-{secrets.token_hex(4)}")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: alive
        return True
    return True


def _carry_over(old: Path, new: Path, written: set[Path], under: Path = Path()) -> None:
    """Hard-link (or copy, across file systems or where links are refused) into ``new`` every
    entry of ``old`` that the new set does not write (``written``: paths in the folder)."""
    for entry in (old / under).iterdir():
        rel = under / entry.name
        target = new / rel
        if rel in written or _TEMP.match(entry.name):
            continue
        if entry.is_symlink():
            os.symlink(os.readlink(entry), target)
        elif entry.is_dir() and any(rel in w.parents for w in written):  # the set writes inside it
            target.mkdir(exist_ok=True)
            _carry_over(old, new, written, rel)
        elif entry.is_dir():
            shutil.copytree(entry, target, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry, target)


def _link_or_copy(src: Any, dst: Any) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _swap_in(staging: Path, real: Path) -> None:
    """Put ``staging`` in place of ``real`` and remove the old folder."""
    if not os.path.lexists(real):
        os.rename(staging, real)
    elif _exchange(staging, real):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the old set
    else:
        aside = _sibling(real, "old")
        os.rename(real, aside)
        os.rename(staging, real)
        shutil.rmtree(aside, ignore_errors=True)
    _fsync_dir(real.parent)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ≥ 3.15 with glibc ≥ 2.28); False where unavailable."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # the file system cannot: two moves
        return False
    raise OSError(code, os.strerror(code), str(b))


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every system opens folders
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
