"""Email addresses as people type them into a cell, checked as addresses: one rule for all.

``coalition check`` flags an Email cell that this module refuses, and the email drafts take
their recipients from it, so a workbook that checks clean never fails at ``--eml`` and a cell
that fails never becomes a header. A cell holds one address or several, separated by commas or
semicolons, each bare (``ana@example.org``) or with a name (``Ana Ruiz <ana@example.org>``).

Addresses are checked by ``email-validator`` (syntax as RFC 5322 and the IDNA rules for
international domains define it; no network look-up) and refused, never repaired. On top of it,
nothing that a mail program could read as more than the address passes: a line break or other
control character, or MIME-encoded text (``=?utf-8?q?…?=``, RFC 2047), which mail programs decode
and which could then hide another header.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from email_validator import EmailNotValidError

_LINE_BREAKS = re.compile(r"[\r\n\u0085\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
#: An RFC 2047 encoded word, as a mail program would spot one.
ENCODED_WORD = re.compile(r"=\?[^?\s]*\?[A-Za-z]\?[^?\s]*\?=")
_NAMED = re.compile(r"^(?P<name>[^<>]*?)\s*<(?P<address>[^<>]*)>$")

#: An address plainly valid, as nearly every address typed into a workbook is: a dot-atom of
#: ASCII before the @ and an ASCII host name of letters, digits and single hyphens after it, in a
#: top-level domain of letters. Every address it accepts email-validator accepts too, alike
#: (tests/test_addresses.py proves it against email-validator); everything else, and the few
#: names that rule reads otherwise, is email-validator's to judge.
PLAIN_ADDRESS = re.compile(
    r"(?P<local>[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)"
    r"@(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9]|-(?!-)){0,61}(?<!-)\.)+[A-Za-z]{2,63})"
)
#: What email-validator treats apart, so left to it: local parts it writes in lower case
#: (RFC 2142) and top-level domains that no address can use (RFC 6761 and others).
SPECIAL_LOCAL_PARTS = frozenset(
    (
        "info",
        "marketing",
        "sales",
        "support",
        "abuse",
        "noc",
        "security",
        "postmaster",
        "hostmaster",
        "usenet",
        "news",
        "webmaster",
        "www",
        "uucp",
        "ftp",
    )
)
SPECIAL_DOMAINS = frozenset(("arpa", "invalid", "local", "localhost", "onion", "test"))


class AddressError(ValueError):
    """A cell that is not one or more email addresses; ``str`` says why, as a sentence's end."""


@dataclass(frozen=True)
class Mailbox:
    """One recipient: a name as typed (may be empty) and an address in its ASCII form."""

    name: str
    local: str
    domain: str  # international domains in their ASCII (punycode) form

    @property
    def address(self) -> str:
        return f"{self.local}@{self.domain}"


def parse_addresses(text: str) -> list[Mailbox]:
    """The mailboxes a cell names, in order; AddressError saying why if any piece is not one.

    An empty cell names none.
    """
    if _LINE_BREAKS.search(text):
        raise AddressError(f"“{' '.join(text.split())}” contains a line break")
    if _CONTROLS.search(text):
        raise AddressError(f"“{text}” contains a control character")
    mailboxes = []
    for piece in _pieces(text):
        named = _NAMED.match(piece)
        name, address = (named["name"], named["address"].strip()) if named else ("", piece)
        name = name.strip()
        if len(name) > 1 and name[0] == name[-1] == '"':
            name = name[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        if ENCODED_WORD.search(address):
            raise AddressError(
                f"“{address}” holds MIME-encoded text (=?…?=), which no address does"
            )
        if not address:
            raise AddressError(f"“{piece}” has no address between its < >")
        plain = _plain_mailbox(name, address)
        if plain is not None:
            mailboxes.append(plain)
            continue
        validate_email, not_valid = _validator()
        try:
            checked = validate_email(
                address, check_deliverability=False, allow_smtputf8=False, allow_quoted_local=False
            )
        except not_valid as error:
            raise AddressError(f"“{address}” is not an email address ({_reason(error)})") from None
        local, domain = checked.ascii_email.rsplit("@", 1)  # type: ignore[union-attr]
        mailboxes.append(Mailbox(name, local, domain))
    return mailboxes


def _plain_mailbox(name: str, address: str) -> Mailbox | None:
    """The mailbox, when the address is plainly valid (:data:`PLAIN_ADDRESS`); else None."""
    found = PLAIN_ADDRESS.fullmatch(address)
    if found is None or len(address) > 254:
        return None
    local, domain = found["local"], found["domain"].lower()
    if (
        len(local) > 64
        or local.lower() in SPECIAL_LOCAL_PARTS
        or domain.rsplit(".", 1)[1] in SPECIAL_DOMAINS
    ):
        return None
    return Mailbox(name, local, domain)


@functools.cache
def _validator() -> tuple[Callable[..., Any], type[EmailNotValidError]]:
    """email-validator's check and its error, imported when there is a first address to check:
    its tables take longer to load than most workbooks take to check, and many commands check
    none."""
    from email_validator import EmailNotValidError, validate_email

    return validate_email, EmailNotValidError


def address_problem(text: str) -> str:
    """Why a cell is not one or more email addresses, or "" when it is (or is empty)."""
    try:
        parse_addresses(text)
    except AddressError as error:
        return str(error)
    return ""


def _reason(error: EmailNotValidError) -> str:
    """email-validator's explanation as the end of one sentence."""
    reason = str(error).strip().rstrip(".").replace(". ", ": ")
    return reason[:1].lower() + reason[1:]


def _pieces(text: str) -> list[str]:
    """The cell split at commas and semicolons outside double quotes; empty pieces dropped."""
    if '"' not in text:  # as nearly every cell: nothing is quoted, every separator counts
        return [piece.strip() for piece in text.replace(";", ",").split(",") if piece.strip()]
    pieces, current, quoted = [], [], False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char in ",;" and not quoted:
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    pieces.append("".join(current))
    return [piece.strip() for piece in pieces if piece.strip()]
