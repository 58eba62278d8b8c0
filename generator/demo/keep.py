"""What the demo wrote, so that running it again never writes over a file the user changed.

The demo invites the user to open its workbooks and change them. A re-run writes a file again
only when it is still exactly what the demo wrote last time: a checksum of each file it wrote is
kept in a small manifest in the folder (``.coalition-demo.json``). A file that changed since, or
that the demo did not write (a folder used before, a manifest deleted), is kept and listed. The
letters have a manifest of their own (:mod:`generator.letters.manifest`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

from generator.common.fileio import atomic_path

MANIFEST_NAME = ".coalition-demo.json"


def checksum(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class DemoFiles:
    """The files of one demo folder: which may be written, which were kept, and the manifest."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.manifest = self.folder / MANIFEST_NAME
        self.written: dict[str, str] = {}
        self.kept: list[Path] = []
        with contextlib.suppress(OSError, ValueError, AttributeError):
            recorded = json.loads(self.manifest.read_text(encoding="utf-8")).get("files", {})
            self.written = {str(k): str(v) for k, v in recorded.items()}

    def may_write(self, path: Path) -> bool:
        """Whether ``path`` is new or still as the demo wrote it; if not, it is kept (listed)."""
        path = Path(path)
        if not path.exists():
            return True
        recorded = self.written.get(self._key(path))
        try:
            unchanged = recorded is not None and path.is_file() and checksum(path) == recorded
        except OSError:
            unchanged = False
        if not unchanged:
            self.kept.append(path)
        return unchanged

    def wrote(self, path: Path) -> Path:
        """Record a file the demo has just written."""
        self.written[self._key(path)] = checksum(path)
        return Path(path)

    def save(self) -> None:
        with atomic_path(self.manifest) as tmp:
            text = json.dumps({"files": dict(sorted(self.written.items()))}, indent=2)
            tmp.write_text(text + "\n", encoding="utf-8")

    def _key(self, path: Path) -> str:
        return Path(path).relative_to(self.folder).as_posix()
