"""What a mark in a checklist or matrix cell can look like, and what says "not marked".

The workbook offers one mark (:data:`~generator.worksheet.vocabulary.MARK`, "Yes") from a
dropdown, but people type marks, paste them and tick checkboxes; the reader decides here what
each of those means.
"""

from __future__ import annotations

import functools

from generator.common.text import cell_text, fold

_MARKS = frozenset({"yes", "y", "x", "✓", "✔", "☑", "☒", "true", "1", "1.0", "oui", "si", "sí"})


# Remembered: a matrix of thousands of rows holds the same few marks (cell values are hashable).
@functools.lru_cache(maxsize=1_024)
def is_mark(value: object) -> bool:
    """Whether a checklist or matrix cell is marked (Yes, x, ✓, TRUE, 1 ...)."""
    if value is True:
        return True
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value == 1
    return fold(cell_text(value)) in _MARKS


@functools.lru_cache(maxsize=1_024)
def is_unmark(value: object) -> bool:
    """Whether a marked-looking cell explicitly says no (No, n, FALSE, 0, -)."""
    if value is False:
        return True
    return fold(cell_text(value)) in {"no", "n", "false", "0", "-", "non"}
