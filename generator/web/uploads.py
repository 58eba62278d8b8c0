"""Uploaded files saved into the working folder under names that are safe, never paths.

The browser sends a file name with each upload; a hostile client can send anything there
(``../../.bashrc``, ``C:\\Windows\\x``, ``CON``, a thousand characters). Only the last part of
it is kept, made safe by the same rule as letter names
(:func:`generator.letters.naming.safe_stem`), and the file is saved in a folder the server made.
The name stays so that messages and a merged workbook's Conflicts sheet name the copies as the
person knows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge

from generator.common.errors import CoalitionError, OutputError
from generator.letters.naming import safe_stem

_EXTENSION = re.compile(r"[A-Za-z0-9]{1,8}")


@dataclass(frozen=True)
class Saved:
    path: Path
    name: str  # as the pages and messages show it


def stored_name(filename: str | None, fallback: str) -> str:
    """A plain file name from what a browser sent: its last part, safe on every system.

    The extension is kept as sent (lower case), so that a message about ``plan.csv`` names a
    .csv file; ``fallback`` (with its extension) stands in for a name with nothing left.
    """
    last = re.split(r"[/\\]", filename or "")[-1]
    stem, dot, extension = last.rpartition(".")
    if not dot:
        stem, extension = extension, ""
    fallback_stem, _, fallback_extension = fallback.rpartition(".")
    extension = extension.lower() if _EXTENSION.fullmatch(extension) else fallback_extension
    return f"{safe_stem(stem, fallback_stem)}.{extension}"


def chosen(files: list[FileStorage]) -> list[FileStorage]:
    """The files actually chosen: a form sent with no file has one empty, nameless part."""
    return [f for f in files if f.filename]


def save_uploads(
    files: list[FileStorage], folder: Path, *, most: int, fallback: str, what: str
) -> list[Saved]:
    """Save each chosen file into ``folder`` under a safe, distinct name.

    ``most`` files at most (the parts were already limited, and each file's size as it
    streamed in); ``what`` names them in the message when none was chosen.
    """
    files = chosen(files)
    if not files:
        raise CoalitionError(f"Choose {what} to upload first.")
    if len(files) > most:
        raise RequestEntityTooLarge()
    folder.mkdir(parents=True, exist_ok=True)
    saved: list[Saved] = []
    taken: set[str] = set()
    for upload in files:
        name = stored_name(upload.filename, fallback)
        stem, _, extension = name.rpartition(".")
        counter = 2
        while name.casefold() in taken:  # copies sent back under one name, told apart
            name = f"{stem} ({counter}).{extension}"
            counter += 1
        taken.add(name.casefold())
        path = folder / name
        if path.parent != folder:  # a safe stem cannot do this; refuse rather than trust it
            raise ValueError(f"upload name {name!r} is not a plain file name")
        try:
            upload.save(path)
        except OSError as error:  # a full disk, a folder gone: the library's kind of sentence
            raise OutputError(f"cannot be written ({error.strerror}).", name) from None
        saved.append(Saved(path, name))
    return saved
