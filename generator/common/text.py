"""Text as people and spreadsheet programs leave it, made comparable and safe to write.

Everything the reader takes from a cell goes through :func:`cell_text`; every comparison of two
answers goes through :func:`fold`; every value written into XML goes through :func:`xml_safe`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

# XML 1.0 forbids these; a .docx or .xlsx containing one is corrupt.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# DEL and the C1 controls: XML allows them, no person types them, and a terminal may obey them
# (U+009B starts an escape sequence), so a cell's text never carries them to a screen.
_C1_CONTROLS = re.compile("[\x7f-\x9f]")
# Typographic look-alikes that Word, Excel and phones substitute as people type.
_LOOKALIKES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u200b": "",
        "\ufeff": "",
        "\u00ad": "",
    }
)
_SPACES = re.compile(r"[ \t]+")
_SEPARATORS = re.compile(r"\s*(?:[,;\n\r]|\u2022)\s*")

#: Prefixes that make a spreadsheet program treat text as a formula (OWASP's CSV injection list).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def xml_safe(text: str) -> str:
    """Remove the characters XML 1.0 cannot carry."""
    return _XML_ILLEGAL.sub("", text)


def cell_text(value: object) -> str:
    """A cell's value as the text a person meant, trimmed, with line breaks kept.

    Numbers typed where text was expected come back as written ("12", not "12.0"); dates come
    back as ISO dates; typographic quotes, dashes and non-breaking spaces become plain ones;
    control characters go.
    """
    if type(value) is str and _plain(value):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, dt.datetime):
        text = value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    elif isinstance(value, dt.date | dt.time):
        text = value.isoformat()
    else:
        text = str(value)
    text = unicodedata.normalize("NFC", _C1_CONTROLS.sub("", xml_safe(text))).translate(_LOOKALIKES)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _plain(text: str) -> bool:
    """Whether :func:`cell_text` would return ``text`` as it is: printable ASCII (no control
    character, no look-alike, nothing to normalise) with no space to trim or collapse. Most
    cells are; telling costs a few C calls, the whole clean-up forty times that."""
    return (
        text.isascii()
        and text.isprintable()
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
    )


@functools.lru_cache(maxsize=16_384)
def fold(text: str) -> str:
    """A key for comparing two answers: case, spacing, quotes and accents compose alike.

    Remembered for the texts seen last: a workbook asks about the same few marks and options
    hundreds of thousands of times.
    """
    return " ".join(unicodedata.normalize("NFKC", cell_text(text)).casefold().split())


def split_values(text: str) -> list[str]:
    """Several answers in one cell, as Google Sheets' multi-select and people write them."""
    return [part for part in _SEPARATORS.split(cell_text(text)) if part]


def needs_text_guard(text: str) -> bool:
    """Whether a spreadsheet program would run this text as a formula if written as is."""
    return text.startswith(FORMULA_PREFIXES)
