"""Counts and lists in words, as messages, summaries and the briefing say them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any


def counted(number: int, one: str, many: str | None = None) -> str:
    """ "1 asset", "3 assets"; "1 person is", "2 people are" when given both forms."""
    return f"{number} {one if number == 1 else (many or one + 's')}"


def ordinal(number: int) -> str:
    """ "1st", "2nd", "3rd", "11th", "22nd", "101st": a rank or a percentile in words."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def listed(items: Iterable[Any], last: str = "and") -> str:
    """ "a", "a and b", "a, b and c": names in a sentence, empty items left out; with
    semicolons when an item has its own "and" ("research and analytical capacity; and data
    sharing and transparency"), which commas would make ambiguous."""
    texts = [str(item) for item in items if str(item).strip()]
    if len(texts) <= 1:
        return "".join(texts)
    if any(f" {last} " in text for text in texts):
        return f"{'; '.join(texts[:-1])}; {last} {texts[-1]}"
    return f"{', '.join(texts[:-1])} {last} {texts[-1]}"


def shorten(text: str, limit: int, *, one_line: bool = False) -> str:
    """The text, cut to ``limit`` characters with an ellipsis when longer; with ``one_line``,
    its lines joined with " / " first."""
    if one_line:
        text = " / ".join(text.splitlines())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


# Words that keep their capital in the middle of a sentence ("English-language learners").
_PROPER_WORDS = frozenset(
    {
        "English",
        "Spanish",
        "Black",
        "Latino",
        "Latina",
        "Latinx",
        "Latine",
        "Hispanic",
        "Asian",
        "African",
        "American",
        "Native",
        "Indigenous",
        "Pacific",
        "Hawaiian",
        "Alaska",
        "Arab",
        "Tribal",
    }
)


def lower_first(value: Any) -> str:
    """ "Housing stability" as "housing stability", for use mid-sentence; acronyms and words
    such as "English" keep their capitals."""
    text = str(value)
    first = re.split(r"[\s\-]", text, maxsplit=1)[0]
    if len(text) > 1 and (text[1].isupper() or first in _PROPER_WORDS):
        return text
    return text[:1].lower() + text[1:]


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
