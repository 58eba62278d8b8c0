"""Documents to PDF (and workbooks through Calc) with headless LibreOffice, in batches.

Starting LibreOffice costs about a second; converting a one-page letter inside a running
instance costs a tenth of that. So a batch is split into one chunk per worker (as many as finish
soonest, see :func:`choose_workers`); each chunk is one ``soffice --convert-to`` call. Each
worker runs with a profile directory of its own, because two instances sharing a profile fail
without a word. A hung instance is killed with its whole process group once its time is up.

LibreOffice exits with status 0 even when it could not open a file, so success is judged only by
the files it leaves behind: every expected output must exist, start like its format and not be
empty, or the document is reported by name.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import platform
import shutil
import signal
import subprocess
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.common.capacity import workers_for
from generator.common.errors import ConversionError, OutputError
from generator.common.fileio import atomic_path, scratch_folder

#: LibreOffice's profile and copies go to a folder of the system's temporary folder named so
#: (with the process id), removed after each run, or by the next run if this one was killed.
SCRATCH_PREFIX = "coalition-lo-"

#: Environment variable naming the soffice program to use, ahead of any found on PATH.
SOFFICE_ENV = "COALITION_SOFFICE"

#: Seconds a LibreOffice run is allowed for starting, plus seconds for each file it converts.
#: Measured here: about 1 s to start and 0.1-0.2 s per one-page letter; the margin is for slow
#: CI machines and long documents, since a run is only cut short when something has hung.
STARTUP_SECONDS = 60.0
SECONDS_PER_FILE = 5.0

#: Peak memory of one soffice converting letters (about 210 MiB with /usr/bin/time), rounded up.
SOFFICE_MEMORY = 256 * 1024 * 1024
#: CPU seconds to start an instance, and to convert one letter in a running one (measured).
START_CPU_SECONDS, LETTER_CPU_SECONDS = 1.5, 0.05
MAX_WORKERS = 8

# Where installers put soffice when it is not on PATH.
_KNOWN_LOCATIONS = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)

# Export filters by output format, named so that no document is taken for one of another kind.
_WRITER_PDF = "pdf:writer_pdf_Export"
_WORKBOOK_FILTERS = {
    "xlsx": "xlsx:Calc MS Excel 2007 XML",
    "ods": "ods:calc8",
    "pdf": "pdf:calc_pdf_Export",
}
# The first bytes of a good output: PDF files and zip packages (xlsx, ods).
_MAGIC = {"pdf": b"%PDF", "xlsx": b"PK", "ods": b"PK"}


# A profile's settings file, and Calc's "recalculate on load: always" for Excel and ODF files.
_REGISTRY = (
    '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/'
    'registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/'
    'XMLSchema-instance">{items}</oor:items>'
)
_RECALCULATE_ON_LOAD = "".join(
    f'<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="{name}" '
    'oor:op="fuse"><value>0</value></prop></item>'
    for name in ("OOXMLRecalcMode", "ODFRecalcMode")
)


class PartialConversionError(ConversionError):
    """Some documents converted and some did not.

    The documents that did convert are in place; ``converted`` maps each of their inputs to its
    output and ``failed`` lists the inputs LibreOffice could not convert, so that a batch can
    report every document rather than stop at the first.
    """

    def __init__(self, message: str, converted: dict[Path, Path], failed: list[Path]) -> None:
        super().__init__(message)
        self.converted = converted
        self.failed = failed


def _install_hint(component: str) -> str:
    """How to install LibreOffice on the machine at hand, as the tail of one sentence."""
    system = platform.system()
    if system == "Darwin":
        return "install it with `brew install --cask libreoffice`"
    if system == "Linux" and shutil.which("apt-get"):
        return f"install it with `sudo apt-get install {component}`"
    return "install it from https://www.libreoffice.org/download/"


def _missing_message(
    component: str = "libreoffice-writer-nogui", purpose: str = "to convert documents"
) -> str:
    return (
        f"LibreOffice is needed {purpose} but was not found; "
        f"{_install_hint(component)}, or set {SOFFICE_ENV} to the path of its soffice program."
    )


def find_soffice(
    component: str = "libreoffice-writer-nogui", purpose: str = "to convert documents"
) -> str:
    """The soffice program to run: ``$COALITION_SOFFICE``, else PATH, else the usual places.

    Raises ConversionError, one sentence with the install command, when there is none.
    ``component`` is the Debian package the install command names.
    """
    configured = os.environ.get(SOFFICE_ENV, "").strip()
    if configured:
        candidate = Path(configured).expanduser()
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
        on_path = shutil.which(configured)
        if on_path:
            return on_path
        raise ConversionError(
            f"{SOFFICE_ENV} is set to {configured}, which is not a program that can be run; "
            f"point it at LibreOffice's soffice or unset it ({_install_hint(component)} "
            "if LibreOffice is missing)."
        )
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for location in _KNOWN_LOCATIONS:
        if os.path.isfile(location) and os.access(location, os.X_OK):
            return location
    raise ConversionError(_missing_message(component, purpose))


class _Running:
    """The LibreOffice processes of one call, so that an interrupted batch can stop them all.

    Ctrl+C reaches only the main thread, and LibreOffice runs in a session of its own (so that
    a timeout can kill its whole group); without this, the workers would wait for it to finish.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._processes: set[subprocess.Popen[bytes]] = set()

    def add(self, process: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._processes.add(process)

    def discard(self, process: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._processes.discard(process)

    def stop_all(self) -> None:
        with self._lock:
            processes = list(self._processes)
        for process in processes:
            _kill_group(process, wait=False)


@dataclass
class _Job:
    """One document of a run: the original, its stand-in copy and where the output goes."""

    source: Path
    staged: Path
    target: Path


def convert_to_pdf(
    docx_paths: Sequence[Path],
    out_dir: Path,
    *,
    workers: int | None = None,
    timeout: float | None = None,
) -> list[Path]:
    """Convert Word documents to PDFs in ``out_dir``, one LibreOffice run per worker (by
    default as many as :func:`choose_workers` finds the cores and memory free for).

    Returns the PDF paths in input order (``Letter.docx`` becomes ``out_dir/Letter.pdf``; an
    existing PDF of that name is replaced, so callers check for overwrites first). ``timeout``
    is the seconds each LibreOffice run may take (by default it grows with the files).
    Raises ConversionError if LibreOffice is missing, times out or fails;
    PartialConversionError (a ConversionError) if only some documents could not be converted.
    """
    sources = [Path(p) for p in docx_paths]
    if not sources:
        return []
    out_dir = Path(out_dir)
    targets = _targets(sources, out_dir, "pdf")
    soffice = find_soffice()
    unique = list(dict.fromkeys(sources))
    if workers is None:
        workers = choose_workers(len(unique))
    chunks = _split(unique, max(1, min(workers, len(unique))))
    converted: dict[Path, Path] = {}
    failed: list[Path] = []
    errors: list[ConversionError] = []
    running = _Running()

    def work(chunk: list[Path]) -> None:
        try:
            done, bad = _convert_chunk(
                soffice, chunk, targets, _WRITER_PDF, "pdf", timeout, running
            )
        except ConversionError as error:
            # A run that failed as a whole (timeout, crash) fails each of its documents.
            errors.append(error)
            failed.extend(chunk)
            return
        converted.update(done)
        failed.extend(bad)

    if len(chunks) == 1:
        work(chunks[0])
    else:
        with ThreadPoolExecutor(max_workers=len(chunks)) as pool:
            futures = [pool.submit(work, chunk) for chunk in chunks]
            try:
                for future in futures:
                    future.result()
            except BaseException:
                running.stop_all()
                raise
    if errors and not converted:
        raise errors[0]
    if failed:
        order = {source: index for index, source in enumerate(unique)}
        failed.sort(key=order.__getitem__)
        if errors:
            message = f"{str(errors[0]).rstrip('.')}; the other {len(converted)} were converted."
        else:
            names = ", ".join(p.name for p in failed)
            message = (
                f"LibreOffice could not convert {len(failed)} of {len(unique)} documents "
                f"to PDF: {names}."
            )
        raise PartialConversionError(message, converted, failed)
    return [converted[p] for p in sources]


def choose_workers(documents: int) -> int:
    """Instances that finish ``documents`` soonest, by the cores, load and memory free now."""
    return workers_for(documents, most=MAX_WORKERS, start_cost=START_CPU_SECONDS,
                       task_cost=LETTER_CPU_SECONDS, per_worker_memory=SOFFICE_MEMORY)  # fmt: skip


def convert_workbook(
    path: Path, out_dir: Path, fmt: str = "xlsx", *, recalculate: bool = False
) -> Path:
    """Open a workbook in LibreOffice Calc and save it again as ``fmt`` (xlsx, ods or pdf).

    This is what a convener's spreadsheet program does to a workbook, so tests use it to prove
    that workbooks survive a LibreOffice save. The copy goes to ``out_dir`` under the same stem.
    With ``recalculate``, Calc calculates every formula as it loads the workbook, instead of
    keeping the results saved in it (its default for Excel files), so that formulas a program
    wrote without results get them.
    """
    path = Path(path)
    if fmt not in _WORKBOOK_FILTERS:
        raise ConversionError(
            f"cannot save workbooks as {fmt!r}; choose one of {', '.join(_WORKBOOK_FILTERS)}.",
            path,
        )
    if not path.is_file():
        raise ConversionError("does not exist or is not a file.", path)
    target = Path(out_dir) / f"{path.stem}.{fmt}"
    if target.resolve() == path.resolve():
        raise OutputError("would be overwritten by its own copy; choose another folder.", path)
    purpose = "to recalculate formulas (--recalculate)" if recalculate else "to convert workbooks"
    soffice = find_soffice("libreoffice-calc-nogui", purpose)
    settings = _RECALCULATE_ON_LOAD if recalculate else ""
    done, failed = _convert_chunk(
        soffice, [path], {path: target}, _WORKBOOK_FILTERS[fmt], fmt, None, _Running(), settings
    )
    if failed:
        raise ConversionError(f"LibreOffice Calc could not open it and save it as {fmt}.", path)
    return done[path]


def _targets(sources: list[Path], out_dir: Path, ext: str) -> dict[Path, Path]:
    """Each input's output path; two different inputs may not share one."""
    targets: dict[Path, Path] = {}
    owners: dict[Path, Path] = {}
    for source in sources:
        if not source.is_file():
            raise ConversionError("does not exist or is not a file.", source)
        target = out_dir / f"{source.stem}.{ext}"
        if target.resolve() == source.resolve():
            raise OutputError(
                f"is already a .{ext} file and would be converted over itself.", source
            )
        other = owners.setdefault(target, source)
        if other != source:
            raise ConversionError(
                f"would be written to the same file as {other}; give the documents distinct names.",
                target,
            )
        targets[source] = target
    return targets


def _split(items: list[Path], parts: int) -> list[list[Path]]:
    """``items`` in ``parts`` contiguous chunks whose sizes differ by at most one."""
    ends = [len(items) * index // parts for index in range(parts + 1)]
    return [items[start:end] for start, end in itertools.pairwise(ends) if end > start]


def _convert_chunk(
    soffice: str,
    sources: list[Path],
    targets: dict[Path, Path],
    filter_spec: str,
    ext: str,
    timeout: float | None,
    running: _Running,
    settings: str = "",
) -> tuple[dict[Path, Path], list[Path]]:
    """One LibreOffice run over ``sources``; outputs moved into place one by one, atomically.

    Each source is first copied under a plain numbered name, so that no file name (a leading
    dash, ``#``, ``%``, a colon, two files with the same stem) can be misread by LibreOffice.
    ``settings`` are configuration items for the run's own profile.
    """
    with scratch_folder(SCRATCH_PREFIX) as root:
        staged_dir, converted_dir, profile = root / "in", root / "out", root / "profile"
        staged_dir.mkdir()
        converted_dir.mkdir()
        if settings:
            (profile / "user").mkdir(parents=True)
            (profile / "user" / "registrymodifications.xcu").write_text(
                _REGISTRY.format(items=settings), encoding="utf-8"
            )
        jobs = []
        for number, source in enumerate(sources):
            staged = staged_dir / f"{number:05d}{source.suffix.lower()}"
            try:
                shutil.copyfile(source, staged)
            except OSError as error:
                raise ConversionError(f"cannot be read ({error.strerror}).", source) from None
            jobs.append(_Job(source, staged, targets[source]))
        limit = timeout if timeout is not None else STARTUP_SECONDS + SECONDS_PER_FILE * len(jobs)
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            filter_spec,
            "--outdir",
            str(converted_dir),
            *(str(job.staged) for job in jobs),
        ]
        _run(command, limit, jobs, running)
        done: dict[Path, Path] = {}
        failed: list[Path] = []
        for job in jobs:
            produced = converted_dir / f"{job.staged.stem}.{ext}"
            if not _looks_complete(produced, ext):
                failed.append(job.source)
                continue
            with atomic_path(job.target) as tmp:
                shutil.move(produced, tmp)
            done[job.source] = job.target
    return done, failed


def _run(command: list[str], limit: float, jobs: list[_Job], running: _Running) -> None:
    """Run LibreOffice in a process group of its own; kill the whole group if time runs out."""
    what = jobs[0].source.name if len(jobs) == 1 else f"{len(jobs)} documents"
    posix = os.name == "posix"
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=posix,
            creationflags=0 if posix else subprocess.CREATE_NEW_PROCESS_GROUP,  # type: ignore[attr-defined]
        )
    except OSError as error:
        raise ConversionError(
            f"LibreOffice ({command[0]}) could not be started ({error.strerror}); "
            f"{_install_hint('libreoffice-writer-nogui')}."
        ) from None
    running.add(process)
    try:
        _, stderr = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise ConversionError(
            f"LibreOffice did not finish converting {what} within {limit:g} seconds and was "
            "stopped; try again with fewer documents at a time."
        ) from None
    except BaseException:  # Ctrl+C in this thread: LibreOffice did not receive it
        _kill_group(process)
        raise
    finally:
        running.discard(process)
    if process.returncode != 0:
        lines = [
            line
            for line in stderr.decode(errors="replace").splitlines()
            if line.strip() and "javaldx" not in line
        ]
        detail = f" ({lines[-1].strip()})" if lines else ""
        raise ConversionError(
            f"LibreOffice stopped with exit status {process.returncode} while converting "
            f"{what}{detail}."
        )


def _kill_group(process: subprocess.Popen[bytes], wait: bool = True) -> None:
    """Stop LibreOffice and every process it started (soffice is a wrapper around soffice.bin)."""
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    else:
        with contextlib.suppress(OSError):
            process.kill()
    if wait:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.communicate(timeout=10)


def _looks_complete(path: Path, ext: str) -> bool:
    """Whether LibreOffice left a whole output: present, not empty, starting like its format."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        return False
    return bool(head) and head.startswith(_MAGIC.get(ext, b""))
