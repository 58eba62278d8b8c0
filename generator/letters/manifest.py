"""The manifest: which letters a run wrote, with checksums, so a re-run spares hand edits."""

from __future__ import annotations

import csv
import io
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.common.fileio import write_bytes_atomic
from generator.common.text import needs_text_guard

MANIFEST_NAME = "manifest.csv"


#: The last two say which PDF was made of the letter (its checksum) and from which .docx (that
#: file's checksum), so that a re-run of --pdf converts only letters that changed since.
MANIFEST_COLUMNS = (
    "row", "recipient", "organization", "letter", "file", "sha256", "status",
    "pdf_sha256", "pdf_made_from",
)  # fmt: skip
_DIGEST = re.compile(r"[0-9a-f]{64}")
#: An entry's values in the columns' order: one call a row of a long manifest.
_columns = operator.attrgetter(*MANIFEST_COLUMNS)


@dataclass(slots=True)
class ManifestEntry:
    row: str
    recipient: str
    organization: str
    letter: str
    file: str
    sha256: str
    status: str
    pdf_sha256: str = ""
    pdf_made_from: str = ""


def read_manifest(folder: Path) -> dict[str, ManifestEntry]:
    """The previous run's record of the letters it wrote, by file name; {} when there is none."""
    path = folder / MANIFEST_NAME
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (FileNotFoundError, IsADirectoryError, UnicodeDecodeError, PermissionError):
        return {}
    entries = {}
    for record in csv.DictReader(io.StringIO(text)):
        values = {name: unguard(record.get(name) or "") for name in MANIFEST_COLUMNS}
        file = values["file"].strip()
        digest = values["sha256"].strip().lower()
        if file and _DIGEST.fullmatch(digest):
            pdf = {
                name: values[name].strip().lower()
                if _DIGEST.fullmatch(values[name].strip().lower())
                else ""
                for name in ("pdf_sha256", "pdf_made_from")
            }
            entries[file] = ManifestEntry(**values | {"file": file, "sha256": digest} | pdf)
    return entries


def guard(value: object) -> str:
    """A cell Excel will not run as a formula (OWASP's CSV-injection rule): text that a
    spreadsheet would take for a formula gets a leading apostrophe, and so does text that already
    starts with one, so that :func:`unguard` gives back exactly what was written."""
    text = str(value)
    return f"'{text}" if needs_text_guard(text) or text.startswith("'") else text


def unguard(text: str) -> str:
    """The value :func:`guard` was given. A manifest written before text starting with an
    apostrophe was guarded too keeps such names as they were."""
    rest = text[1:]
    if text.startswith("'") and (needs_text_guard(rest) or rest.startswith("'")):
        return rest
    return text


def write_manifest(folder: Path, entries: Iterable[ManifestEntry]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(MANIFEST_COLUMNS)
    for entry in entries:
        writer.writerow([guard(value) for value in _columns(entry)])
    path = folder / MANIFEST_NAME
    # With a byte-order mark, Excel opens the names as UTF-8 rather than guessing.
    write_bytes_atomic(path, buffer.getvalue().encode("utf-8-sig"))
    return path
