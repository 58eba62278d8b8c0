"""Which files make the cohort: the workbooks named, and the .xlsx files found in folders named.

A folder is searched through its subfolders for ``.xlsx`` files, in a stable order. What a
shared drive also holds is left out, each with its reason: Excel's lock files (``~$x.xlsx``),
hidden files (macOS's ``._x.xlsx``), links (a folder is never left through one), and the tool's
own outputs: the summary being written, an earlier cohort summary, an annotated copy written by
``check --annotate``. A file named on the command line is always read.

The search is bounded: a folder tree of more than :data:`MAX_ENTRIES` files and folders, or more
than :data:`MAX_WORKBOOKS` workbooks, is refused in one sentence before anything is read.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.common.errors import CohortError
from generator.excel.annotate import FINDINGS_SHEET
from generator.worksheet import PART1_SHEET

#: The most workbooks one summary reads: a national network of hundreds, with room to spare.
MAX_WORKBOOKS = 10_000
#: The most files and folders a search looks at before it gives up on a folder tree.
MAX_ENTRIES = 200_000
#: The defined name every cohort summary carries, so that a later search knows it.
SUMMARY_MARK = "CoalitionCohortSummary"
#: How much of a package's workbook part the look at its sheets reads.
PEEK_BYTES = 1024 * 1024

SUMMARY = "a cohort summary written by coalition summarize"
ANNOTATED = "an annotated copy written by coalition check --annotate"


@dataclass(frozen=True)
class Found:
    """A file to read: its path as given or as found under a folder given."""

    path: Path
    explicit: bool = False  # named on the command line, so read whatever it is

    @property
    def label(self) -> str:
        return str(self.path)


@dataclass(frozen=True)
class Skipped:
    """A file left out of the cohort, and why (a phrase: "an Excel lock file")."""

    label: str
    reason: str


@dataclass
class Discovery:
    files: list[Found] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def find_workbooks(inputs: Sequence[Path], outputs: Iterable[Path] = ()) -> Discovery:
    """The files to read, in the order given (folders in name order), each once."""
    excluded = {resolved(Path(p)) for p in outputs}
    discovery = Discovery()
    seen: set[Path] = set()
    entries = 0

    def add(found: Found) -> None:
        key = resolved(found.path)
        if key in seen:
            return
        seen.add(key)
        discovery.files.append(found)
        if len(discovery.files) > MAX_WORKBOOKS:
            raise CohortError(
                f"more than {MAX_WORKBOOKS:,} workbooks were found; summarize at most "
                f"{MAX_WORKBOOKS:,} at a time (name fewer folders, or subfolders)."
            )

    for given in map(Path, inputs):
        if not given.is_dir():
            add(Found(given, explicit=True))  # a missing file gets its row saying so
            continue
        root = resolved(given)
        for folder, subfolders, names in os.walk(given, onerror=_unreadable(discovery)):
            entries += len(subfolders) + len(names)
            if entries > MAX_ENTRIES:
                raise CohortError(
                    f"{given}: holds more than {MAX_ENTRIES:,} files and folders; name the "
                    "folder that holds the cohort's workbooks."
                )
            here = Path(folder)
            subfolders.sort()
            for name in list(subfolders):
                if name.startswith("."):
                    subfolders.remove(name)  # .git, .venv, a Trash: nobody keeps a cohort there
                elif (here / name).is_symlink():
                    subfolders.remove(name)  # os.walk would not follow it either; say so
                    discovery.skipped.append(
                        Skipped(str(here / name), "a link to a folder; links are not followed")
                    )
            for name in sorted(names):
                if not name.lower().endswith(".xlsx"):
                    continue
                path = here / name
                reason = _reason_to_skip(path, root, excluded)
                if reason:
                    discovery.skipped.append(Skipped(str(path), reason))
                else:
                    add(Found(path))
    return discovery


def _reason_to_skip(path: Path, root: Path, excluded: set[Path]) -> str:
    name = path.name
    if name.startswith("~$"):
        return "an Excel lock file (the workbook is open somewhere)"
    if name.startswith("."):
        return "a hidden file"
    if path.is_symlink():
        target = resolved(path)
        if not target.exists():
            return "a link to a file that does not exist"
        if not target.is_relative_to(root):
            return f"a link to a file outside {root}"
    if resolved(path) in excluded:
        return "the summary being written"
    return ""


def _unreadable(discovery: Discovery) -> Callable[[OSError], None]:
    def note(error: OSError) -> None:
        where = error.filename or "a folder"
        discovery.skipped.append(Skipped(str(where), f"cannot be searched ({error.strerror})"))

    return note


def resolved(path: Path) -> Path:
    """The path with links followed, for comparing two paths; as it is when that fails."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link loop
        return path.absolute()


# --- The tool's own outputs ---------------------------------------------------------------------

_DEFINED_NAME = re.compile(
    rb"<(?:[\w.-]+:)?definedName\b[^>]*?\bname\s*=\s*[\"']" + SUMMARY_MARK.encode() + rb"[\"']"
)
_SHEET_NAME = re.compile(rb"<(?:[\w.-]+:)?sheet\b[^>]*?\bname\s*=\s*\"([^\"]*)\"")


def own_output(path: Path) -> str:
    """What the tool wrote this file as ("a cohort summary ..."), or "" for anything else.

    Looks only at the start of the package's workbook part (bounded, never parsed as XML);
    anything it cannot look at is left for the reader to judge, a named pipe or a device among
    them: opening one would wait for ever.
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return ""
    except OSError:
        return ""
    try:
        with zipfile.ZipFile(path) as package, package.open("xl/workbook.xml") as part:
            head = part.read(PEEK_BYTES)
    except (OSError, KeyError, EOFError, ValueError, RuntimeError, NotImplementedError):
        return ""  # not a zip, no workbook part, encrypted or damaged: the reader will say
    except (zipfile.BadZipFile, zlib.error):
        return ""
    if _DEFINED_NAME.search(head):
        return SUMMARY
    sheets = _SHEET_NAME.findall(head)
    findings = FINDINGS_SHEET.encode()
    if sheets and sheets[0].rstrip(b"+") == findings and PART1_SHEET.encode() in sheets:
        return ANNOTATED
    return ""
