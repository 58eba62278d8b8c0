"""Counts and lists in words, as messages, summaries, the briefing and letters say them; and
text as people type it (lists in one cell, names in capitals) made ready for a sentence."""

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
    semicolons when an item has its own "and" or comma ("research and analytical capacity;
    and data sharing and transparency"), which commas would make ambiguous."""
    texts = [str(item) for item in items if str(item).strip()]
    if len(texts) <= 1:
        return "".join(texts)
    if any(f" {last} " in text or "," in text for text in texts):
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


# --- Text as people type it ---------------------------------------------------------------------

#: What people type in a cell to say "nothing yet".
PLACEHOLDERS = frozenset(
    {"n/a", "na", "n.a.", "none", "tbd", "tba", "tbc", "-", "--", "?", "??", "unknown", "x", "same"}
)
# A bullet or a number that starts an item: "- a", "• a", "1. a", "2) a", "a) a".
_MARKER = re.compile(
    r"^\s*(?:[-\u2013\u2014*\u2022\u00b7\u25aa\u25e6>]+|\(?\d{1,2}[.)]|\(?[a-z][)])\s+"
)
# Numbered items typed on one line: "1. Home repair grants 2. Down-payment help".
_INLINE_NUMBER = re.compile(r"\s+(?=\(?\d{1,2}[.)]\s)")
# An item longer than this many words is prose, whose commas are not a list's.
_LIST_ITEM_WORDS = 8


def items_of(text: Any) -> list[str]:
    """Several answers typed in one cell, as the items they are.

    Line breaks, semicolons, bullets and numbers separate items; commas do too when nothing
    else does and every piece is short ("youth jobs, summer camp, tutoring"), and a final
    "and" is dropped ("ESL classes, citizenship workshops, and a food pantry"). A cell that only
    says there is nothing yet ("N/A", "TBD") has no items. Each item keeps its words and
    capitals as typed, without the bullet and the trailing punctuation.
    """
    raw = " ".join(str(text or "").replace("\r", "\n").split(" ")).strip()
    if not raw or raw.casefold().strip(" .") in PLACEHOLDERS:
        return []
    pieces = [p for line in raw.split("\n") for p in _INLINE_NUMBER.split(line)]
    pieces = [p for piece in pieces for p in piece.split(";")]
    if len([p for p in pieces if p.strip()]) == 1 and "," in raw:
        commas = [p.strip() for p in raw.split(",")]
        commas[-1] = re.sub(r"^(?:and|&)\s+", "", commas[-1])
        if all(0 < len(p.split()) <= _LIST_ITEM_WORDS for p in commas):
            pieces = commas
    found = []
    for piece in pieces:
        item = _MARKER.sub("", piece).strip().rstrip(".;,:!").strip()
        if item and item.casefold() not in PLACEHOLDERS:
            found.append(" ".join(item.split()))
    return found


_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "de", "del", "for", "in", "of", "on", "or", "the", "to"}
)
# Titles written in capitals that stay so: "CEO", "VP of Operations".
_TITLE_ACRONYMS = frozenset(
    {"CEO", "CFO", "COO", "CTO", "CIO", "VP", "SVP", "EVP", "AVP", "ED", "HR", "IT", "ESL", "PR",
     "DEI", "MD", "RN", "PHD", "JD", "MPH", "MSW", "LCSW", "II", "III", "IV", "USA", "US"}
)  # fmt: skip
# ... of which these are also words or names, and stay words when typed in small letters.
_ALSO_WORDS = frozenset({"ED", "IT", "US", "II", "JD", "MD", "PR"})


def tidy_case(text: Any) -> str:
    """A name or title typed all in capitals or all in small letters, as it is written:
    "JOHN SMITH" and "john smith" become "John Smith", "mary-kate o'connor" "Mary-Kate
    O'Connor", "chief of staff" "Chief of Staff". Anything typed with capitals of its own
    ("bell hooks" aside) is left exactly as typed."""
    value = str(text or "")
    letters = [c for c in value if c.isalpha()]
    if not letters or not (value.isupper() or value.islower()) or len(letters) < 2:
        return value

    def word(match: re.Match[str]) -> str:
        token = match.group(0)
        bare = token.strip(".,;:()").upper()
        if bare in _TITLE_ACRONYMS and (token.isupper() or bare not in _ALSO_WORDS):
            return token.upper()
        lower = token.lower()
        if match.start() > 0 and lower in _SMALL_WORDS:
            return lower
        return re.sub(r"(^|['\u2019-])(\w)", lambda m: m.group(1) + m.group(2).upper(), lower)

    return re.sub(r"[^\s]+", word, value)
