"""Reading a typed answer as the option it names, and suggesting the nearest one, within a budget.

An exact answer (ignoring case, spacing, quotes and accents) costs one look-up. A near miss costs
a comparison with every option, and difflib's comparison takes time in proportion to the lengths
it compares: a workbook of thousands of misspelt answers against thousands of names would take
hours. So one :class:`Matcher` serves a whole workbook with a budget of work, counted in
characters compared; once it is spent, answers are still read exactly but no longer nearly, and
:attr:`Matcher.exhausted` says so, for a finding that tells the user.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from generator.common.text import fold

#: How alike a typed answer must be to an option to be read as that option (with a warning).
AUTO_MATCH = 0.9
#: How alike it must be to be suggested ("Did you mean ...?").
SUGGEST_MATCH = 0.6
#: Work for one matcher when none is given: ample for one question, bounded all the same.
DEFAULT_BUDGET = 2_000_000


@dataclass(frozen=True)
class Match:
    option: str | None  # the canonical option, when read as one
    exact: bool
    suggestion: str = ""

    @property
    def did_you_mean(self) -> str:
        """ "Did you mean “X”?" for the nearest option, or "" when none is near."""
        return f"Did you mean \u201c{self.suggestion}\u201d?" if self.suggestion else ""


class Matcher:
    """Matches and suggestions for one workbook (or one question), sharing one budget of work."""

    def __init__(self, budget: int = DEFAULT_BUDGET) -> None:
        self.left = budget
        self.exhausted = False
        # Folded candidates, by the tuple of candidates: the same lists are asked about again
        # and again (the types of organization for every row, the partners for every name).
        self._folded: dict[tuple[str, ...], dict[str, str]] = {}

    def match(self, text: str, options: Iterable[str]) -> Match:
        """Read a typed answer as an option: exactly, or nearly while the budget lasts."""
        by_fold = self._by_fold(options)
        key = fold(text)
        if key in by_fold:
            return Match(by_fold[key], True)
        best = self._closest(key, by_fold)
        if best is None:
            return Match(None, False)
        # Read as the option only when alike from the typed answer's side too (as difflib's
        # own ratio of the two, in that order, has always decided).
        if self._pay(key, best) and difflib.SequenceMatcher(None, key, best).ratio() >= AUTO_MATCH:
            return Match(by_fold[best], False, by_fold[best])
        return Match(None, False, by_fold[best])

    def exact(self, text: str, options: Iterable[str]) -> str | None:
        """The option ``text`` names exactly (as :func:`fold` compares), if any; free of the
        budget, as an exact :meth:`match` is."""
        return self._by_fold(options).get(fold(text))

    def suggest(self, text: str, options: Iterable[str]) -> str:
        """ "Did you mean “X”?" for the nearest option, or "" when none is near (or the budget
        is spent)."""
        return self.match(text, options).did_you_mean

    def closest(self, text: str, candidates: Iterable[str]) -> str:
        """The candidate most like ``text``, or "" when none is alike enough."""
        by_fold = self._by_fold(candidates)
        best = self._closest(fold(text), by_fold)
        return by_fold[best] if best is not None else ""

    def _by_fold(self, options: Iterable[str]) -> dict[str, str]:
        key = tuple(options)
        found = self._folded.get(key)
        if found is None:
            found = {}
            for option in key:
                found.setdefault(fold(option), option)
            if len(self._folded) < 64:
                self._folded[key] = found
        return found

    def _closest(self, key: str, by_fold: dict[str, str]) -> str | None:
        """The folded candidate difflib.get_close_matches(n=1) would name, each comparison paid
        for from the budget; None when none is alike enough, or the budget is spent."""
        if not key:
            return None
        best: tuple[float, str] | None = None
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(key)
        for candidate in by_fold:
            floor = best[0] if best else SUGGEST_MATCH
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() < floor:
                continue  # lengths too far apart: decided without reading the texts
            if not self._pay(key, candidate):
                return None
            if matcher.quick_ratio() < floor:
                continue
            ratio = matcher.ratio()
            if ratio >= SUGGEST_MATCH and (best is None or (ratio, candidate) > best):
                best = (ratio, candidate)
        return best[1] if best else None

    def _pay(self, key: str, candidate: str) -> bool:
        """Take one comparison's work from the budget; False once it is spent."""
        self.left -= len(key) + len(candidate)
        if self.left < 0:
            self.exhausted = True
        return not self.exhausted


def match_option(text: str, options: Iterable[str]) -> Match:
    """Read one typed answer as an option (a matcher of its own, with the default budget)."""
    return Matcher().match(text, options)


def did_you_mean(text: str, options: Iterable[str]) -> str:
    """ "Did you mean “X”?" for one text (a matcher of its own, with the default budget)."""
    return Matcher().suggest(text, options)


def closest(text: str, candidates: Iterable[str]) -> str:
    """The candidate most like ``text`` (compared folded), or "" when none is alike enough."""
    return Matcher().closest(text, candidates)
