"""What a mark in a checklist or matrix cell can look like, what says "not marked", and which
cells say nothing at all.

The workbook offers one mark (:data:`~generator.worksheet.vocabulary.MARK`, "Yes") from a
dropdown, but people type marks, paste them, tick Google Sheets checkboxes (which leave FALSE in
every unticked cell) and fill "No" down whole columns. This module is the one vocabulary every
reader path uses (Part 1, the mark matrices, marks listed in one cell) and merge inherits:

* :func:`read_mark`: marked (``True``), not marked (``False``: blank or a negative mark) or
  not a mark at all (``None``), which the reader reports instead of guessing;
* :func:`is_nothing`: whether an answer of any kind is none (blank, N/A, none, a dash, a
  checkbox's FALSE): it reads as blank;
* :func:`says_nothing`: whether a cell holds nothing a person meant (that, a negative mark in a
  mark cell, the value a blank means anyway): a row of only such cells is an empty row.

Marks are compared folded: case, spacing, a trailing full stop and emoji variation selectors
("✔️" is "✔" with U+FE0F) do not matter.
"""

from __future__ import annotations

import functools
import re

from generator.common.text import cell_text, fold
from generator.worksheet.sheets import Column, Kind
from generator.worksheet.vocabulary import MARK

#: What marks an option: the tool's own mark, typed words and the check marks of keyboards, fonts
#: and emoji pickers. "x" is a mark (people cross boxes); "✗" and "✘" are not (ballot crosses).
#: "☒" is the checked box of Word's and LibreOffice's check boxes.
AFFIRMATIVE: frozenset[str] = frozenset(
    {
        "yes",
        "y",
        "x",
        "true",
        "1",
        "\u2713",  # ✓ check mark
        "\u2714",  # ✔ heavy check mark (✔️ once its variation selector is folded away)
        "\u2705",  # ✅ white heavy check mark
        "\u2611",  # ☑ ballot box with check
        "\u2612",  # ☒ ballot box with X: a ticked box in Word and LibreOffice
        "\u221a",  # √ square root, typed for a tick on many keyboards
        "\U0001f5f8",  # 🗸 light check mark
        "\U0001f5f9",  # 🗹 ballot box with bold check
        "oui",
        "si",
        "s\u00ed",
    }
)

#: What says "nothing here" in any answer, not only in a mark cell: "N/A" in the email column
#: is no address, "none" as the sender's title no title, "-" in Notes no note.
NOTHING: frozenset[str] = frozenset(
    {
        "n/a",
        "na",
        "n.a",
        "none",
        "nil",
        "-",  # also – and —, which cell_text makes plain hyphens
        "--",
    }
)

#: What says "not marked" in so many words or signs. A blank says it too.
NEGATIVE: frozenset[str] = NOTHING | frozenset(
    {
        "no",
        "n",
        "nope",
        "non",
        "false",
        "0",
        "\u2610",  # ☐ ballot box (empty)
        "\u25a1",  # □ white square
        "\u2b1c",  # ⬜ white large square
        "\u2717",  # ✗ ballot X
        "\u2718",  # ✘ heavy ballot X
        "\u2716",  # ✖ heavy multiplication X
        "\u274c",  # ❌ cross mark
        "\u274e",  # ❎ negative squared cross mark
    }
)

#: What to do about a mark cell that holds something else.
MARK_SUGGESTION = (
    f"Choose {MARK} from the dropdown if it applies (x, \u2713 and TRUE are read as {MARK} too), "
    "or clear the cell."
)

# Emoji and text presentation selectors: "✔️" and "✔" are one mark.
_SELECTORS = re.compile("[\ufe00-\ufe0f]")
_TRAILING = re.compile(r"[.!]+$")


#: Longer than any mark or word for nothing, spaces and full stops around it included: such
#: text (a name, a note) is not folded at all, which keeps reading a large workbook quick.
_LONGEST = 12


def mark_key(value: object) -> str:
    """A cell's text folded for comparing with the vocabulary above."""
    text = value if isinstance(value, str) else cell_text(value)
    return text if _longer_than_any_word(text) else _folded(text)


def _longer_than_any_word(text: str) -> bool:
    """Whether ``text``, spaces around it aside, is longer than any mark or word for nothing."""
    return len(text) > _LONGEST and len(text.strip()) > _LONGEST


@functools.lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    # Cached: a workbook repeats its few marks and words thousands of times.
    text = _SELECTORS.sub("", fold(text))
    return _TRAILING.sub("", "".join(text.split())) or text


def read_mark(value: object) -> bool | None:
    """Whether a mark cell is marked: True (Yes, x, ✓, TRUE, 1 ...), False (blank, No, FALSE,
    0, N/A, ☐ ...), or None when it holds something that is not a mark ("maybe", 2, a date)."""
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, int | float):
        return True if value == 1 else False if value == 0 else None
    key = mark_key(value)
    if not key:
        return False
    if key in AFFIRMATIVE:
        return True
    if key in NEGATIVE:
        return False
    return None


def is_mark(value: object) -> bool:
    """Whether a checklist or matrix cell is marked."""
    return read_mark(value) is True


def is_unmark(value: object) -> bool:
    """Whether a mark cell says "not marked", blank included."""
    return read_mark(value) is False


def is_nothing(value: object) -> bool:
    """Whether an answer is no answer: a blank, N/A, none, a dash, or the FALSE a Google Sheets
    checkbox leaves in every unticked cell of its range, wherever that range was put."""
    if value is None or value is False:
        return True
    if not isinstance(value, str):
        return False  # a number, a date, TRUE: something
    if _longer_than_any_word(value):
        return False  # a name, a note: no word for nothing, without folding it
    return _short_text_is_nothing(value)


@functools.lru_cache(maxsize=4096)
def _short_text_is_nothing(text: str) -> bool:
    # Cached: a sheet repeats its few short answers (a type, a mark, a sender) down every row.
    key = mark_key(text)
    return not key or key in NOTHING


def says_nothing(value: object, column: Column | None = None, *, mark_cell: bool = False) -> bool:
    """Whether a cell holds nothing a person meant, so that a row of such cells is empty.

    What :func:`is_nothing` says is no answer; a negative mark in a mark cell (``mark_cell``,
    or a column of marks); and the value a blank cell of ``column`` means anyway (Status
    "Invite" filled down).
    """
    if is_nothing(value):
        return True
    if mark_cell or (column is not None and column.kind is Kind.MARKS):
        return read_mark(value) is False
    default = column.default if column is not None else ""
    return bool(default) and fold(cell_text(value)) == fold(default)
