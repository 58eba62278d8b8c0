"""The server's one working folder and what the pages remember between requests.

Every file the pages make or receive goes into a numbered folder of its own inside the working
folder (``003-check``, ``004-briefing``): a private temporary folder removed when the server
stops, or the folder given with ``--folder``, where everything stays. Files are offered for
download by a random id, never by a name or path from a request.

Messages of the library name files by their paths; :meth:`Workspace.tell` turns the working
folder's paths back into the names the person knows (the name they uploaded, ``letters``), so
that a page never shows where the server keeps its files.
"""

from __future__ import annotations

import mimetypes
import re
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.common.errors import OutputError

if TYPE_CHECKING:
    from generator.letters.templates import TemplateCheck
    from generator.merging.conflicts import Conflict
    from generator.plan.reading import Reading
    from generator.web.letters_run import LetterRun

_NUMBERED = re.compile(r"^(\d{3,})-[a-z-]+$")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_TYPES = {".xlsx": XLSX, ".docx": DOCX, ".pdf": "application/pdf", ".zip": "application/zip"}


@dataclass(frozen=True)
class Offered:
    """A file the pages offer: where it is, the name it downloads under, its type."""

    path: Path
    name: str
    mimetype: str
    inline: bool = False  # shown in the page (a preview picture) rather than downloaded


@dataclass
class Workbook:
    """The workbook the Briefing and Letters pages work from: one checked, or several merged."""

    path: Path
    name: str
    reading: Reading
    sources: list[str] = field(default_factory=list)  # the copies it was merged from

    @property
    def has_errors(self) -> bool:
        return bool(self.reading.errors)


@dataclass
class CheckResult:
    """What the Check page shows after an upload."""

    names: list[str]  # the files uploaded, as named on the page
    workbook: Workbook
    annotated: str  # download id of the annotated copy
    merged: str = ""  # download id of the merged workbook, when several were uploaded
    conflicts: list[Conflict] = field(default_factory=list)
    read_lines: list[str] = field(default_factory=list)  # "Read maria.xlsx: 20 partners ..."


@dataclass
class Briefing:
    """What the Briefing page shows once the briefing is written."""

    docx: str
    prepared_by: str = ""
    pdf: str = ""
    pages: list[str] = field(default_factory=list)  # download ids of the page pictures
    note: str = ""  # why there is no PDF or no preview
    lines: list[str] = field(default_factory=list)


@dataclass
class LetterChoices:
    """What the Letters page was asked for; the batch and the previews follow it."""

    template: Path | None = None  # an uploaded template, checked; None for the default
    template_name: str = ""
    template_check: TemplateCheck | None = None
    template_lines: list[str] = field(default_factory=list)
    template_refused: bool = False
    keep_informed: bool = False
    sender: str = ""  # only this sender's letters, or "" for all
    date: str = ""  # YYYY-MM-DD, or "" for today
    pdf: bool = False
    combined: bool = False
    eml: bool = False
    allow_errors: bool = False


class Workspace:
    """The working folder, the downloads on offer, and the state of each page."""

    def __init__(self, root: Path, *, keep: bool) -> None:
        self.root = Path(root).resolve()
        self.keep = keep  # --folder: the files stay after the server stops
        self.lock = threading.RLock()
        self._offered: dict[str, Offered] = {}
        self._names: dict[str, str] = {}
        numbers = [int(m.group(1)) for p in self._children() if (m := _NUMBERED.match(p.name))]
        self._next = max(numbers, default=0) + 1
        self.workbook: Workbook | None = None
        self.check: CheckResult | None = None
        self.briefing: Briefing | None = None
        self.letters = LetterChoices()
        self.letters_run: LetterRun | None = None
        self.letters_folder: Path | None = None
        self.previews: Path | None = None
        self.templates_offered: dict[str, str] | None = None

    def _children(self) -> list[Path]:
        return [p for p in self.root.iterdir() if p.is_dir()] if self.root.is_dir() else []

    # --- Folders and names ----------------------------------------------------------------------

    def folder(self, kind: str) -> Path:
        """A new numbered folder for one action, such as ``004-briefing``."""
        with self.lock:
            number = self._next
            self._next += 1
        path = self.root / f"{number:03d}-{kind}"
        try:
            path.mkdir(parents=True, exist_ok=False)
        except OSError as error:
            raise OutputError(f"cannot be made ({error.strerror}).", path) from None
        return path

    def name(self, path: Path, name: str) -> None:
        """Call ``path`` ``name`` in every message shown (see :meth:`tell`)."""
        self._names[str(path)] = name

    def tell(self, text: str) -> str:
        """A library message as a page shows it: the working folder's paths by their names."""
        for path in sorted(self._names, key=len, reverse=True):
            text = text.replace(path, self._names[path])
        root = re.escape(str(self.root))
        # A file in a numbered folder (or a folder inside it) is known by its own name.
        text = re.sub(root + r"[/\\]\d{3,}-[a-z-]+(?:[/\\][\w.-]+)*[/\\](?=[^/\\\s])", "", text)
        return text.replace(str(self.root), "the working folder")

    # --- Downloads ------------------------------------------------------------------------------

    def offer(self, path: Path, name: str | None = None, *, inline: bool = False) -> str:
        """Offer ``path`` for download under ``name`` (its own name by default); return its id."""
        path = Path(path)
        mimetype = _TYPES.get(path.suffix.lower()) or (
            mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        )
        key = secrets.token_urlsafe(12)
        with self.lock:
            self._offered[key] = Offered(path, name or path.name, mimetype, inline)
        return key

    def offered(self, key: str) -> Offered | None:
        with self.lock:
            return self._offered.get(key)
