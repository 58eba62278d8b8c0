"""Letter file names: the --name pattern filled in, made safe on every system, and unique."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from generator.common.english import tidy_case
from generator.common.errors import CoalitionError
from generator.common.text import fold, xml_safe
from generator.letters.context import INVITEE_FIELDS, plain_value
from generator.letters.manifest import MANIFEST_NAME
from generator.plan.model import Invitee

#: The file-name pattern: any invite-list field in braces.
DEFAULT_NAME_PATTERN = "{organization} - {member}"


COMBINED_NAME = "All letters (for printing)"
#: What every document for printing ends with; no letter's file name may.
PRINTING_SUFFIX = "(for printing)"


def sender_document_stems(senders: Iterable[str]) -> dict[str, str]:
    """The file name (without extension) of each sender's document for printing, by sender as
    :func:`generator.common.text.fold` compares names: "Letters from Maria Delgado (for
    printing)", made safe and distinct."""
    stems: dict[str, str] = {}
    taken: set[str] = set()
    for sender in senders:
        key = fold(sender)
        if key in stems:
            continue
        who = tidy_case(" ".join(sender.split())) or "no one named"
        base = safe_stem(f"Letters from {who}", "Letters from a sender")
        stem, counter = f"{base} {PRINTING_SUFFIX}", 2
        while stem.casefold() in taken:
            stem, counter = f"{base} {counter} {PRINTING_SUFFIX}", counter + 1
        taken.add(stem.casefold())
        stems[key] = stem
    return stems


_PATTERN_FIELD = re.compile(r"\{([^{}]*)\}")


def check_pattern(pattern: str) -> None:
    names = _PATTERN_FIELD.findall(pattern)
    for name in names:
        if name not in INVITEE_FIELDS and name != "row":
            raise CoalitionError(
                f"the file-name pattern uses {{{name}}}, which is not an invite-list field "
                f"(use {', '.join('{' + f + '}' for f in [*INVITEE_FIELDS, 'row'])})."
            )
    if not names:
        raise CoalitionError(
            "the file-name pattern has no field in braces, so every letter would get the same "
            "name; use for example \u201c{organization} - {member}\u201d."
        )


def fill_pattern(pattern: str, invitee: Invitee, row: int) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(row) if name == "row" else str(plain_value(getattr(invitee, name)))

    return _PATTERN_FIELD.sub(value, pattern)


# Characters Windows, macOS or Linux refuse or treat specially in a file name.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


# Invisible characters that can disguise a name (bidirectional overrides, zero widths).
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [
        f"{port}{n}"
        for port in ("COM", "LPT")
        for n in [*"123456789", "\u00b9", "\u00b2", "\u00b3"]
    ]
)


#: Room for the folder, the suffix and the extension within every system's limits (255 bytes a
#: name on Linux, 260 characters a path on older Windows).
MAX_STEM_BYTES = 120


_OWN_NAMES = frozenset({Path(MANIFEST_NAME).stem.casefold(), COMBINED_NAME.casefold()})


def safe_stem(text: str, fallback: str) -> str:
    """A file name (without extension) that every common system accepts as one plain name."""
    text = unicodedata.normalize("NFC", xml_safe(text))
    text = " ".join(_INVISIBLE.sub("", text).split())  # tabs and line breaks too
    text = _FORBIDDEN.sub("-", text)
    text = re.sub(r"(?:\s*-\s*){2,}", " - ", text)  # what empty fields leave: "Acme -  - "
    text = _bounded(text.strip(" .-_"), MAX_STEM_BYTES).strip(" .-_")
    if not text:
        return fallback
    if text.split(".")[0].rstrip(" ").upper() in _RESERVED:
        text = f"_{text}"
    return text


def _bounded(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")


def unique_stems(named: Iterable[tuple[int, str]]) -> dict[int, str]:
    """Safe names by row; rows that would share one (ignoring case, as Windows and macOS do)
    get "(row N)" added, all but the first, so that names do not move from run to run."""
    stems: dict[int, str] = {}
    taken: set[str] = set(_OWN_NAMES)
    for row, raw in named:
        stem = safe_stem(raw, f"Letter row {row}")
        if stem.casefold() in taken or stem.casefold().endswith(PRINTING_SUFFIX):
            base = _bounded(stem, MAX_STEM_BYTES)
            stem = f"{base} (row {row})"
            counter = 2
            while stem.casefold() in taken:
                stem = f"{base} (row {row}, {counter})"
                counter += 1
        taken.add(stem.casefold())
        stems[row] = stem
    return stems
