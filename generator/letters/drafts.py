"""Draft emails (.eml) with a letter attached, ready to open, check and send.

A draft is an ordinary RFC 5322 message with the header ``X-Unsent: 1``: Outlook opens such a
file as a new message to edit and send, rather than as a received one. The body and the
attachment are made by the standard library's email package (the attachment's name encoded as
RFC 2231 says).

Every value comes from a spreadsheet cell, so none may become a header other than its own. The
email package would not do here: given a subject or a name, it decodes any RFC 2047 encoded word
in it (``=?utf-8?q?…=0D=0ABcc:…?=``) and may write the line break it hides as a real one. So
the recipient, sender and subject headers are written here, from the text as typed:

* addresses are checked by :mod:`generator.common.addresses` (the rule ``coalition check`` uses)
  and refused, never repaired; no draft is written for a row whose address fails;
* a name or subject that is plain ASCII is written as a quoted string or as it is; any other,
  and any that looks like an encoded word, is written whole as encoded words of its UTF-8
  text, so that a mail program decodes it once, back to exactly what was typed;
* line breaks in a subject or a name become spaces before any of that.
"""

from __future__ import annotations

import mimetypes
import re
from email import policy
from email.header import Header
from email.message import EmailMessage
from pathlib import Path

from generator.common.addresses import ENCODED_WORD, AddressError, Mailbox, parse_addresses
from generator.common.errors import OutputError
from generator.common.fileio import write_bytes_atomic
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
# Printable ASCII a header may carry as it is (a subject) or inside quotes (a name), and the
# words a name may be without quotes.
_PLAIN = re.compile(r"^[\x20-\x7e]*$")
_ATOMS = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+$")
#: Headers written from cells are folded here, at most this long a line (RFC 5322 advises 78).
LINE_LENGTH = 78
# Headers are written as given: the values below are encoded and folded already.
_POLICY = policy.SMTP.clone(refold_source="none")


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
    ``path`` when an address is not one or the attachment cannot be read; nothing is written then.
    """
    path = Path(path)
    attachment = Path(attachment)
    message = EmailMessage(policy=_POLICY)
    message["X-Unsent"] = "1"
    recipients = _mailboxes(to, path, "recipient")
    if recipients:
        message.set_raw("To", _address_header("To", recipients))
    if sender and "@" in sender:
        message.set_raw("From", _address_header("From", _mailboxes(sender, path, "sender")))
    message.set_raw("Subject", _text_header("Subject", _one_line(subject)))
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


def _mailboxes(value: str, path: Path, role: str) -> list[Mailbox]:
    try:
        return parse_addresses(value)
    except AddressError as error:
        raise OutputError(f"the {role} {error}; no draft was written.", path) from None


def _address_header(name: str, mailboxes: list[Mailbox]) -> str:
    """Mailboxes as a header value, one per line when they do not fit on one."""
    words = [
        f"{_phrase(box.name, len(name) + 2)} <{box.address}>" if box.name else box.address
        for box in mailboxes
    ]
    lines: list[str] = []
    for index, word in enumerate(words):
        word += "," if index < len(words) - 1 else ""
        if lines and len(lines[-1]) + 1 + len(word.split("\n")[0]) <= LINE_LENGTH:
            lines[-1] += " " + word
        else:
            lines.append(word if not lines else " " + word)
        lines[-1:] = lines[-1].split("\n")
    return "\n".join(lines)


def _phrase(text: str, indent: int) -> str:
    """A display name: quoted when plain ASCII, else (or when it looks encoded) encoded words."""
    text = _one_line(text)
    if _PLAIN.match(text) and not ENCODED_WORD.search(text) and "=?" not in text:
        word = text if _ATOMS.match(text) else '"' + re.sub(r'(["\\])', r"\\\1", text) + '"'
        if indent + len(word) <= LINE_LENGTH - 10:
            return word
    return _encoded(text, indent)


def _text_header(name: str, text: str) -> str:
    """An unstructured header (the subject): as typed when plain and short, else encoded."""
    if _PLAIN.match(text) and "=?" not in text and len(name) + 2 + len(text) <= LINE_LENGTH:
        return text
    return _encoded(text, len(name) + 2)


def _encoded(text: str, indent: int) -> str:
    """``text`` whole as RFC 2047 encoded words of its UTF-8, folded: decoded once by a mail
    program, it is exactly ``text``, whatever ``=?…?=`` the text itself holds."""
    header = Header(text, "utf-8", maxlinelen=LINE_LENGTH, header_name="X" * (indent - 2))
    return header.encode(linesep="\n")


def _one_line(text: str) -> str:
    """A header value on one line: line breaks and runs of spaces become single spaces."""
    return _SPACES.sub(" ", _LINE_BREAKS.sub(" ", xml_safe(text))).strip()


def _body_text(text: str) -> str:
    """The body with consistent line endings and no control characters."""
    text = xml_safe(text).replace("\r\n", "\n").replace("\r", "\n")
    return text if text.endswith("\n") else text + "\n"


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
