"""Writing outputs safely: never over a file without permission, never half a file, no litter.

Every temporary file is made beside what it becomes (or, for LibreOffice's scratch folders, in
the system's temporary folder) under a name that carries the process id: it is removed on any
exit the process sees (errors, Ctrl+C, a polite kill: the CLI turns SIGTERM into an interrupt),
and one left by a process killed outright is removed by the next run that writes there, once
no live process owns it.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

from generator.common.english import listed
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


def check_writable(
    path: Path, force: bool, *, suffix: str | None = None, what: str = "output"
) -> None:
    """Refuse to overwrite an existing file unless asked, and refuse folders outright; with
    ``suffix``, refuse a name that does not end in it (``what`` names the output)."""
    path = Path(path)
    if path.is_dir():
        raise OutputError("is a folder; give a file name to write.", path)
    if suffix is not None:
        require_suffix(path, suffix, what)
    if path.exists() and not force:
        raise OutputError("already exists; pass --force to overwrite it.", path)


def require_suffix(path: Path, suffix: str, what: str) -> None:
    """Refuse an output named for another kind of file (``out.xls``, ``out.csv``, ``plain``):
    the file would be written in the tool's format under a name that no program reads as such.
    """
    path = Path(path)
    if path.suffix.lower() != suffix:
        article = "an" if suffix[1:2] in "aeiox" else "a"
        raise OutputError(
            f"is not {article} {suffix} name; name the {what} {suffix}, as in "
            f"{path.stem or path.name}{suffix}.",
            path,
        )


def check_all_writable(paths: list[Path], force: bool) -> None:
    """:func:`check_writable` for several outputs at once, before any is written, naming every
    one that exists in one sentence rather than only the first."""
    for path in paths:
        check_writable(path, force=True)  # a folder is refused even with --force
    existing = [Path(p) for p in paths if Path(p).exists()]
    if force or not existing:
        return
    if len(existing) == 1:
        check_writable(existing[0], force)
    names = [str(path) for path in existing]
    raise OutputError(f"{listed(names)} already exist; pass --force to overwrite them.")


@contextlib.contextmanager
def atomic_path(path: Path, *, keep_suffix: bool = False) -> Iterator[Path]:
    """A temporary path beside ``path``; renamed over it only if the block succeeds.

    Readers never see a half-written file, and a failure leaves the previous file untouched.
    With ``keep_suffix`` the temporary name ends like ``path`` (``.xlsx``), for libraries that
    judge a file by its name.
    """
    import tempfile  # here: a command that writes nothing (check) need not import it

    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        sweep_leftovers(path.parent)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}-",
            suffix=TMP_SUFFIX + (path.suffix if keep_suffix else ""),
            dir=path.parent,
        )
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


#: How every temporary name of this tool ends (before any suffix kept for a library's sake).
TMP_SUFFIX = ".tmp"
# ".letter.docx.4242-k3j2.tmp", ".letter.docx.4242-17.tmp.xlsx", "coalition-lo-4242-x1y2":
# the process id is the first number after the last dot-separated name, or after the prefix.
_LEFTOVER = re.compile(r"^\..+\.(\d+)-[^./]*\.tmp(?:\.\w+)?$")
_swept: set[tuple[Path, str]] = set()


def sweep_leftovers(folder: Path, prefix: str = "") -> None:
    """Remove the temporary files (or, with ``prefix``, folders) of this tool's processes that
    died without cleaning up, once per folder per run; any other file is left alone."""
    folder = Path(folder)
    if (folder, prefix) in _swept:
        return
    _swept.add((folder, prefix))
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if prefix:
            if not entry.name.startswith(prefix):
                continue
            owner = entry.name[len(prefix) :].split("-", 1)[0]
        else:
            found = _LEFTOVER.match(entry.name)
            if found is None:
                continue
            owner = found.group(1)
        if not owner.isdigit() or _alive(int(owner)):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, under another user
    return True


@contextlib.contextmanager
def scratch_folder(prefix: str) -> Iterator[Path]:
    """A folder of the system's temporary folder for one run, named for this process, removed
    when the block ends however it ends; a killed run's folder goes at the next run."""
    import tempfile  # here, as in atomic_path

    base = Path(tempfile.gettempdir())
    sweep_leftovers(base, prefix)
    folder = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=base))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


_counter = itertools.count()


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, cheaply enough for thousands of letters.

    The same guarantee as :func:`atomic_path`, leaner: mkstemp's random names and a chmod per
    file tripled the cost of each letter of a batch. The temporary name is unique to this
    process and call; the file gets the usual permissions of a new file (the umask applies).
    """
    path = Path(path)
    sweep_leftovers(path.parent)  # once per folder: a set look-up for every later letter
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{next(_counter)}{TMP_SUFFIX}")
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
