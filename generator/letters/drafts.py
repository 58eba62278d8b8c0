"""Draft emails (.eml) with a letter attached, ready to open, check and send.

A draft is an ordinary RFC 5322 message with the header ``X-Unsent: 1``: Outlook opens such a
file as a new message to edit and send, rather than as a received one. Headers are written with
the standard library's email package, which encodes non-ASCII names and subjects (RFC 2047) and
attachment names (RFC 2231), and folds long lines.

Every value comes from a spreadsheet cell, so none may add a header: line breaks in a subject or
a name are folded into spaces, and an address with a line break or without the shape of an
address is refused with the draft's file name.
"""

from __future__ import annotations

import mimetypes
import re
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path

from generator.common.errors import OutputError
from generator.common.fileio import write_bytes_atomic
from generator.common.text import EMAIL_ADDRESS as _ADDRESS
from generator.common.text import xml_safe

# Office formats by extension, for systems whose mimetypes table lacks them.
_MIME_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pdf": "application/pdf",
    ".odt": "application/vnd.oasis.opendocument.text",
}
_LINE_BREAKS = re.compile(r"[\r\n\u0085\u2028\u2029]")
_SPACES = re.compile(r"\s+")


def write_draft(
    path: Path,
    *,
    to: str,
    subject: str,
    body: str,
    attachment: Path,
    sender: str | None = None,
) -> Path:
    """Write an .eml draft to ``path`` (atomically) with ``attachment`` attached; return ``path``.

    ``to`` is one or more addresses (``jane@example.org``, ``Jane Doe <jane@example.org>``,
    separated by commas or semicolons); empty leaves the recipient for the user to fill in.
    ``sender`` is an address in the same form; a bare name without an address is left out, since
    the mail program sends from the user's own account anyway. Raises OutputError naming
    ``path`` when an address is malformed or the attachment cannot be read.
    """
    path = Path(path)
    attachment = Path(attachment)
    message = EmailMessage(policy=policy.SMTP)
    message["X-Unsent"] = "1"
    recipients = _addresses(to, path, "recipient")
    if recipients:
        message["To"] = recipients
    if sender and "@" in sender:
        message["From"] = _addresses(sender, path, "sender")
    message["Subject"] = _one_line(subject)
    message.set_content(_body_text(body))
    try:
        data = attachment.read_bytes()
    except OSError as error:
        raise OutputError(
            f"cannot attach {attachment} to this draft ({error.strerror}).", path
        ) from None
    maintype, subtype = _mime_type(attachment).split("/", 1)
    message.add_attachment(data, maintype=maintype, subtype=subtype, filename=attachment.name)
    for part in message.iter_attachments():
        del part["MIME-Version"]  # the email package repeats it on each part; once is the rule
    try:
        payload = message.as_bytes()
    except (ValueError, UnicodeError) as error:
        raise OutputError(f"cannot be written as an email ({error}).", path) from None
    write_bytes_atomic(path, payload)
    return path


def _one_line(text: str) -> str:
    """A header value on one line: line breaks and runs of spaces become single spaces."""
    return _SPACES.sub(" ", _LINE_BREAKS.sub(" ", xml_safe(text))).strip()


def _body_text(text: str) -> str:
    """The body with consistent line endings and no control characters."""
    text = xml_safe(text).replace("\r\n", "\n").replace("\r", "\n")
    return text if text.endswith("\n") else text + "\n"


def _addresses(value: str, path: Path, role: str) -> list[Address]:
    """``value`` as header addresses; OutputError naming ``path`` if any is not an address."""
    if _LINE_BREAKS.search(value):
        raise OutputError(f"the {role} address {value!r} contains a line break.", path)
    value = value.strip()
    if not value:
        return []
    addresses = []
    for name, addr in getaddresses([value.replace(";", ",")]):
        if not name and not addr:
            continue
        if not _ADDRESS.match(addr):
            piece = addr or name
            where = f" in {value!r}" if piece != value else ""
            raise OutputError(
                f"the {role} {piece!r}{where} is not an email address like name@example.org.",
                path,
            )
        local, domain = addr.rsplit("@", 1)
        if not local.isascii():
            raise OutputError(
                f"the {role} address {addr!r} has non-ASCII letters before the @, "
                "which most mail servers do not accept.",
                path,
            )
        try:
            # An international domain travels as its ASCII (punycode) form.
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            raise OutputError(
                f"the {role} address {addr!r} has a domain that is not valid.", path
            ) from None
        addresses.append(Address(display_name=_one_line(name), username=local, domain=domain))
    if not addresses:
        raise OutputError(
            f"the {role} {value!r} is not an email address like name@example.org.", path
        )
    return addresses


def _mime_type(path: Path) -> str:
    known = _MIME_TYPES.get(path.suffix.lower())
    if known:
        return known
    guessed, encoding = mimetypes.guess_type(path.name)
    if guessed and not encoding:
        return guessed
    return "application/octet-stream"


# Characters that make a display name need quotes (RFC 5322 "specials").
_SPECIALS = set('()<>@,;:\\".[]')


def named_address(name: str, address: str) -> str:
    """``Name <address>`` for a header, the name quoted when it holds a comma, a full stop or
    another special character ("Ruiz, Ana", "Dr. Lena Park"); just the address when there is
    no name, and "" when there is no address."""
    address = address.strip()
    name = " ".join(name.split())
    if not address or not name:
        return address
    if any(char in _SPECIALS for char in name):
        name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{name} <{address}>"
