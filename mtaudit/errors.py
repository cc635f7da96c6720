"""Errors a user can act on, and the exit code and one-line message of every failure.

Exit codes: 0 done (gate passed or no gate), 1 gate failed, 2 the command must change (bad
input, option, configuration, or a path that cannot be used), 3 an internal error (a bug:
the traceback only with ``mtaudit --debug``), 4 the machine failed (disk full, I/O error, out
of memory, a closed pipe, a network failure): the same command may succeed once it is fixed,
130 interrupted (Ctrl-C). Only a gate ever exits 1.
"""
from __future__ import annotations

import errno
from concurrent.futures.process import BrokenProcessPool

EXIT_OK, EXIT_GATE, EXIT_USAGE, EXIT_INTERNAL, EXIT_ENVIRONMENT, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130

# OSErrors about a path the user chose (--out naming a file, a folder that cannot be written):
# the command must change. Every other OSError is the machine's.
_PATH_ERRNOS = frozenset({errno.ENOENT, errno.EEXIST, errno.ENOTDIR, errno.EISDIR, errno.EACCES, errno.EPERM,
                          errno.EROFS, errno.ENAMETOOLONG, errno.ELOOP, errno.EXDEV, errno.ETXTBSY})


class InputError(Exception):
    """Bad input: names the file (and line) and says what is wrong."""


class ConfigError(Exception):
    """Bad configuration or command-line usage."""


def failure(exc: BaseException) -> tuple[int, str]:
    """The exit code and the one-line message (without ``mtaudit: error:``) for an exception
    that ended a command."""
    if isinstance(exc, (InputError, ConfigError)):
        return EXIT_USAGE, str(exc)
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED, "interrupted"
    if isinstance(exc, MemoryError):
        return EXIT_ENVIRONMENT, "out of memory"
    if isinstance(exc, BrokenProcessPool):  # a worker died abruptly: killed, or out of memory
        return EXIT_ENVIRONMENT, _one_line(f"a worker process died (killed, or out of memory?): {exc}")
    if isinstance(exc, OSError):
        return (EXIT_USAGE if exc.errno in _PATH_ERRNOS else EXIT_ENVIRONMENT), _one_line(_os_message(exc))
    return EXIT_INTERNAL, _one_line(f"internal error ({type(exc).__name__}: {exc}); rerun as 'mtaudit --debug …' "
                                    f"for the traceback, and report it")


def _os_message(exc: OSError) -> str:
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.errno == errno.EPIPE:
        return "output closed before mtaudit finished writing (broken pipe)"
    names = [str(n) for n in (exc.filename, exc.filename2) if n is not None]
    if exc.errno in (errno.EEXIST, errno.ENOTDIR):
        reason += " (a file stands where mtaudit needs a folder)"
    return f"{' -> '.join(names)}: {reason}" if names else reason


def _one_line(message: str) -> str:
    return " ".join(message.splitlines()) or "unknown error"
