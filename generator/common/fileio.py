"""Writing outputs safely: never over a file without permission, never half a file."""

from __future__ import annotations

import contextlib
import itertools
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from generator.common.errors import CoalitionError, OutputError

# mkstemp makes files only their owner can read; outputs get the permissions of any new file.
_UMASK = os.umask(0)
os.umask(_UMASK)


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def require_regular_file(
    path: Path, error: type[CoalitionError], *, missing: str = "file", what: str = "a file"
) -> None:
    """Refuse, in one sentence, an input that is not a regular file, before anything opens it.

    Opening a named pipe waits for a writer that may never come, and a device reads without
    end: only ``stat`` (which follows links, and opens nothing) may look at such a path.
    ``missing`` names what was not found ("no such file."), ``what`` what the path should be.
    """
    path = Path(path)
    try:
        mode = path.stat().st_mode  # unlike exists(), tells a missing file from a link loop
    except FileNotFoundError:
        raise error(f"no such {missing}.", path) from None
    except OSError as problem:
        raise error(f"cannot be read ({problem.strerror}).", path) from None
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    if kind == "a folder":
        raise error(f"is a folder, not {what}.", path)
    raise error(f"is {kind}, not {what}; give the path of a regular file.", path)


def check_writable(path: Path, force: bool) -> None:
    """Refuse to overwrite an existing file unless asked, and refuse folders outright."""
    if path.is_dir():
        raise OutputError("is a folder; give a file name to write.", path)
    if path.exists() and not force:
        raise OutputError("already exists; pass --force to overwrite it.", path)


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path``; renamed over it only if the block succeeds.

    Readers never see a half-written file, and a failure leaves the previous file untouched.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise OutputError(f"cannot be written ({error.strerror}).", path) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except OSError as error:
        raise OutputError(f"cannot be written ({error.strerror}).", path) from None
    finally:
        tmp.unlink(missing_ok=True)


_counter = itertools.count()


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, cheaply enough for thousands of letters.

    The same guarantee as :func:`atomic_path`, leaner: mkstemp's random names and a chmod per
    file tripled the cost of each letter of a batch. The temporary name is unique to this
    process and call; the file gets the usual permissions of a new file (the umask applies).
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{next(_counter)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except (FileExistsError, FileNotFoundError):
        # A leftover of a crash with the same process id, or a folder still to make.
        with atomic_path(path) as slow:
            slow.write_bytes(data)
        return
    except OSError as error:
        raise OutputError(f"cannot be written ({error.strerror}).", path) from None
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise OutputError(f"cannot be written ({error.strerror}).", path) from None
