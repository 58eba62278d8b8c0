"""Part 5, the invite list: whom each row invites and from which partner, who sends the
letter, how the invitee is reached, and that the row is there once."""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.common.addresses import address_problem
from generator.common.text import fold
from generator.plan.answer_findings import (
    not_a_partner,
    report_missing,
    suggest_partner,
    unread,
    where_of,
)
from generator.plan.findings import Severity
from generator.plan.model import Invitee, Partner, Source
from generator.plan.reading import Reading
from generator.worksheet import PART5, Kind, Status

#: The invite list's email columns (the invitee's, the sender's), from the declaration.
_EMAIL_FIELDS = tuple(c.field for c in PART5.columns if c.kind is Kind.EMAIL)
_DIGITS = re.compile(r"\d")


#: Where one answer of the row being checked is, for a finding: its sheet, cell and column.
_At = Callable[[str], dict[str, str]]


def invitees_complete(reading: Reading) -> None:
    """Each invite-list row: whom it invites and from which partner, who sends the letter,
    how the invitee is reached, and that the row is there once."""
    suggest = suggest_partner(reading)
    known = reading.plan.partners_by_name()
    seen: dict[tuple[str, str], int] = {}
    titles: dict[str, str] = {}  # a title each sender signs with on some row
    for invitee in reading.plan.invitees:
        if invitee.sender and invitee.sender_title:
            titles.setdefault(fold(invitee.sender), invitee.sender_title)
    for invitee in reading.plan.invitees:
        row = invitee.source.row if invitee.source else 0

        def at(field_name: str, source: Source | None = invitee.source) -> dict[str, str]:
            return where_of(reading, PART5, field_name, source)

        who = invitee.member or invitee.organization or f"Row {row}"
        active = invitee.status in (Status.INVITE, Status.INVITED, Status.KEEP_INFORMED)
        _whom(reading, invitee, who, at, known, suggest)
        if active:
            _sender(reading, invitee, who, at, titles)
        _reach(reading, invitee, who, at, active)
        key = (fold(invitee.member), fold(invitee.organization))
        if invitee.member and key in seen:
            reading.add(
                Severity.ERROR,
                "duplicate-invitee",
                f"{who} is on the invite list twice (also row {seen[key]}); they would get two "
                "letters.",
                value=invitee.member,
                suggestion="Keep one row.",
                **at("member"),
            )
        seen.setdefault(key, row)


def _whom(
    reading: Reading,
    invitee: Invitee,
    who: str,
    at: _At,
    known: dict[str, Partner],
    suggest: Callable[[str], str],
) -> None:
    """The row names a person, and an organization of Part 2 or 3."""
    if not invitee.member:
        message = "This invite-list row has no potential coalition member."
        suggestion = "Write the person's name, or clear the row."
        report_missing(reading, at("member"), Severity.ERROR, "missing-member", message, suggestion)
    if not invitee.organization:
        message = f"{who} has no organization."
        suggestion = "Choose their organization from the dropdown."
        code = "missing-organization"
        report_missing(reading, at("organization"), Severity.WARNING, code, message, suggestion)
    elif fold(invitee.organization) not in known:
        where = at("organization")
        name = invitee.organization
        not_a_partner(reading, "unknown-organization", name, f" ({who})", suggest, where)


def _sender(reading: Reading, invitee: Invitee, who: str, at: _At, titles: dict[str, str]) -> None:
    """A letter to write names who signs it, with the title to sign with."""
    if not invitee.sender:
        message = f"Nobody is named to send {who}'s invitation."
        suggestion = "Write who will send the invitation (the person who signs)."
        report_missing(reading, at("sender"), Severity.ERROR, "missing-sender", message, suggestion)
    elif not invitee.sender_title and not unread(reading, at("sender_title")):
        title = titles.get(fold(invitee.sender))
        reading.add(
            Severity.WARNING,
            "missing-sender-title",
            f"{invitee.sender} has no title for the signature of {who}'s letter.",
            suggestion=f"Use \u201c{title}\u201d, as on another row." if title else "",
            **at("sender_title"),
        )


def _reach(reading: Reading, invitee: Invitee, who: str, at: _At, active: bool) -> None:
    """Addresses that are addresses, a phone number that is one, and a way to reach an
    invitee whose letter is to be sent."""
    for field_name in _EMAIL_FIELDS:
        # An empty cell names no address: nothing to parse, on most rows of a long list.
        problem = address_problem(value) if (value := getattr(invitee, field_name)) else ""
        if problem:
            reading.add(
                Severity.ERROR,
                "bad-email",
                f"{problem[:1].upper()}{problem[1:]}.",
                value=value,
                suggestion="Write it as name@example.org; separate several with commas.",
                **at(field_name),
            )
    if invitee.sender_phone and len(_DIGITS.findall(invitee.sender_phone)) < 7:
        reading.add(
            Severity.WARNING,
            "bad-phone",
            f"\u201c{invitee.sender_phone}\u201d does not look like a phone number; it is "
            "printed under the signature as written.",
            value=invitee.sender_phone,
            suggestion="Write the number as it should be printed, like (216) 555-0142.",
            **at("sender_phone"),
        )
    # Where an answer was unread is looked up only for a row that lacks both: most rows
    # have one, and the look-up is the loop's dearest step.
    if (
        active
        and not invitee.email
        and not invitee.mailing_address
        and not (unread(reading, at("email")) or unread(reading, at("mailing_address")))
    ):
        reading.add(
            Severity.WARNING,
            "unreachable",
            f"There is no email or mailing address to reach {who}.",
            suggestion="Add an email address, a mailing address, or both.",
            **at("email"),
        )
