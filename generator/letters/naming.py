"""Letter file names: the --name pattern filled in, made safe on every system, and unique."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from generator.common.english import tidy_case
from generator.common.errors import CoalitionError
from generator.common.matching import closest
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
            near = closest(name, [*INVITEE_FIELDS, "row"])
            hint = f" Did you mean {{{near}}}?" if near else ""
            raise CoalitionError(
                f"the file-name pattern (--name) uses {{{name}}}, which is not an invite-list "
                f"field (use {', '.join('{' + f + '}' for f in [*INVITEE_FIELDS, 'row'])}).{hint}"
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


# Characters that draw nothing (Unicode's Default_Ignorable_Code_Point, which includes the
# Hangul fillers U+115F, U+1160, U+3164 and U+FFA0) or steer the text around (format controls,
# category Cf, such as the bidirectional marks U+061C and U+202E): a name holding them looks
# like another name, or like nothing. Joiners and selectors that belong to an emoji sequence
# (or shape the letters of a script that needs them) are kept by :func:`visible`.
_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
# Look-alikes of the separators a path or a drive letter uses ("∕", "⁄", "／", "꞉", "∶"): a
# name must not look as if it were in another folder.
_LOOKALIKE_SEPARATORS = re.compile("[\u2044\u2215\u29f8\uff0f\uff3c\u2216\u29f5\ua789\u2236\uff1a]")
# Blank in every font, yet not spaces to Unicode: the braille blank and the Hangul fillers.
_BLANKS = re.compile("[\u2800\u115f\u1160\u3164\uffa0]")
_ZWJ, _ZWNJ, _TAG_END, _BLACK_FLAG = "\u200d", "\u200c", "\U000e007f", "\U0001f3f4"
# What :func:`visible` may change in a text of printable characters: the joiners and selectors
# are among the ignorables, and the rest it changes (controls, formats, separators other than the
# space, unassigned and private characters, flag tags) are not printable.
_TREATED = re.compile("|".join(p.pattern for p in (_IGNORABLE, _LOOKALIKE_SEPARATORS, _BLANKS)))


def visible(text: str) -> str:
    """``text`` with nothing in it that draws nothing or misleads, for a file name.

    Kept: a zero-width joiner inside an emoji sequence (👩‍💻, 🏳️‍🌈) and either joiner
    between letters of a script that shapes by them (Persian, the Indic scripts); an emoji
    presentation selector after a symbol (❤️, 1️⃣); the tag characters of a subdivision flag
    (🏴󠁧󠁢󠁳󠁣󠁴󠁿). Everything else invisible, every format and control character, goes; separators
    of every kind become spaces and look-alikes of path separators become hyphens.
    """
    if text.isascii() and text.isprintable():
        return text  # nothing below changes printable ASCII: the common case, at once
    text = unicodedata.normalize("NFC", text)
    if text.isprintable() and not _TREATED.search(text):
        # Accented names ("Zoë", "Café"): the loop below keeps every printable character
        # that none of its patterns names, so the text comes back as it is, char by char.
        return text
    kept: list[str] = []
    in_flag = False
    for index, char in enumerate(text):
        after = text[index + 1] if index + 1 < len(text) else ""
        before = kept[-1] if kept else ""
        category = unicodedata.category(char)
        if in_flag and "\U000e0020" <= char <= "\U000e007f":
            kept.append(char)
            in_flag = char != _TAG_END
            continue
        in_flag = False
        if char in (_ZWJ, _ZWNJ):
            if (char == _ZWJ and _pictographic(_base(kept)) and _pictographic(after)) or (
                _shaped_letter(before) and _shaped_letter(after)
            ):
                kept.append(char)
            continue
        if char in "\ufe0e\ufe0f":
            if before and (_pictographic(before) or before in "0123456789#*"):
                kept.append(char)
            continue
        if char.isspace() or category.startswith("Z") or _BLANKS.match(char):
            kept.append(" ")
            continue
        if _IGNORABLE.match(char) or category in ("Cf", "Cc", "Co", "Cs", "Cn"):
            continue
        kept.append(char)
        in_flag = char == _BLACK_FLAG and "\U000e0020" <= after <= "\U000e007e"
    return _LOOKALIKE_SEPARATORS.sub("-", "".join(kept))


def _base(kept: list[str]) -> str:
    """The last character kept that is not a selector or a skin-tone modifier."""
    for char in reversed(kept):
        if char not in "\ufe0e\ufe0f" and not "\U0001f3fb" <= char <= "\U0001f3ff":
            return char
    return ""


def _pictographic(char: str) -> bool:
    return bool(char) and (
        unicodedata.category(char) == "So"
        or "\U0001f000" <= char <= "\U0001faff"
        or "\u2600" <= char <= "\u27bf"
    )


def _shaped_letter(char: str) -> bool:
    """A letter or mark of a script whose shaping the joiners change (not Latin, Greek or
    Cyrillic, where a joiner only hides)."""
    return (
        bool(char)
        and unicodedata.category(char)[0] in "LM"
        and not unicodedata.name(char, "").startswith(("LATIN", "GREEK", "CYRILLIC"))
        and not char.isascii()
    )


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
    text = " ".join(visible(xml_safe(text)).split())  # tabs and line breaks too
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
