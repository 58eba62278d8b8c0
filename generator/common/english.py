"""Counts and lists in words, as messages, summaries and the briefing say them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence


def counted(number: int, one: str, many: str | None = None) -> str:
    """ "1 asset", "3 assets"; "1 person is", "2 people are" when given both forms."""
    return f"{number} {one if number == 1 else (many or one + 's')}"


def listed(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c": names in a sentence."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def written_date(day: dt.date) -> str:
    """ "May 4, 2026", whatever the machine's language (strftime's %B follows the locale)."""
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def coalition_name(community: str) -> str:
    """ "Forest City Mobility Coalition"; a community already called a coalition stays as is."""
    community = " ".join(community.split())
    if not community:
        return "Mobility Coalition"
    if "coalition" in community.casefold():
        return community
    return f"{community} Mobility Coalition"
