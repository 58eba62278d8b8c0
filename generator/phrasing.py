"""Counts and lists in words, as messages, summaries and the briefing say them."""

from __future__ import annotations

from collections.abc import Sequence


def counted(number: int, one: str, many: str | None = None) -> str:
    """ "1 asset", "3 assets"; "1 person is", "2 people are" when given both forms."""
    return f"{number} {one if number == 1 else (many or one + 's')}"


def listed(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c": names in a sentence."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
