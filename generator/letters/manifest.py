"""The manifest: which letters a run wrote, with checksums, so a re-run spares hand edits."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.common.fileio import write_bytes_atomic
from generator.common.text import needs_text_guard

MANIFEST_NAME = "manifest.csv"


MANIFEST_COLUMNS = ("row", "recipient", "organization", "letter", "file", "sha256", "status")


@dataclass(slots=True)
class ManifestEntry:
    row: str
    recipient: str
    organization: str
    letter: str
    file: str
    sha256: str
    status: str


def read_manifest(folder: Path) -> dict[str, ManifestEntry]:
    """The previous run's record of the letters it wrote, by file name; {} when there is none."""
    path = folder / MANIFEST_NAME
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (FileNotFoundError, IsADirectoryError, UnicodeDecodeError, PermissionError):
        return {}
    entries = {}
    for record in csv.DictReader(io.StringIO(text)):
        file = (record.get("file") or "").strip()
        digest = (record.get("sha256") or "").strip().lower()
        if file and re.fullmatch(r"[0-9a-f]{64}", digest):
            entries[file] = ManifestEntry(
                **{name: (record.get(name) or "") for name in MANIFEST_COLUMNS}
                | {"file": file, "sha256": digest}
            )
    return entries


def _guard(value: object) -> str:
    """A cell Excel will not run as a formula (OWASP's CSV-injection rule)."""
    text = str(value)
    return f"'{text}" if needs_text_guard(text) else text


def write_manifest(folder: Path, entries: Iterable[ManifestEntry]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(MANIFEST_COLUMNS)
    for entry in entries:
        writer.writerow([_guard(getattr(entry, name)) for name in MANIFEST_COLUMNS])
    path = folder / MANIFEST_NAME
    # With a byte-order mark, Excel opens the names as UTF-8 rather than guessing.
    write_bytes_atomic(path, buffer.getvalue().encode("utf-8-sig"))
    return path
