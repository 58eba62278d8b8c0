"""Reading a typed answer as the option it names, and suggesting the nearest one."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from generator.common.text import fold

#: How alike a typed answer must be to an option to be read as that option (with a warning).
AUTO_MATCH = 0.9
#: How alike it must be to be suggested ("Did you mean ...?").
SUGGEST_MATCH = 0.6


@dataclass(frozen=True)
class Match:
    option: str | None  # the canonical option, when read as one
    exact: bool
    suggestion: str = ""


def closest(text: str, candidates: Iterable[str]) -> str:
    """The candidate most like ``text`` (compared folded), or "" when none is alike enough."""
    by_fold = {fold(c): c for c in candidates}
    close = difflib.get_close_matches(fold(text), list(by_fold), n=1, cutoff=SUGGEST_MATCH)
    return by_fold[close[0]] if close else ""


def match_option(text: str, options: Iterable[str]) -> Match:
    """Read a typed answer as an option: exactly (ignoring case, spacing, quotes) or nearly."""
    options = list(options)
    by_fold = {fold(o): o for o in options}
    key = fold(text)
    if key in by_fold:
        return Match(by_fold[key], True)
    close = difflib.get_close_matches(key, list(by_fold), n=1, cutoff=SUGGEST_MATCH)
    if not close:
        return Match(None, False)
    ratio = difflib.SequenceMatcher(None, key, close[0]).ratio()
    if ratio >= AUTO_MATCH:
        return Match(by_fold[close[0]], False, by_fold[close[0]])
    return Match(None, False, by_fold[close[0]])


def did_you_mean(text: str, options: Iterable[str]) -> str:
    """ "Did you mean “X”?" for the nearest option, or "" when none is near."""
    match = match_option(text, options)
    return f"Did you mean \u201c{match.suggestion}\u201d?" if match.suggestion else ""
