"""Draft emails: they open as drafts, carry the letter, and no cell can add a header."""

from __future__ import annotations

import email
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from generator.common.errors import OutputError
from generator.letters.drafts import named_address, write_draft

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def letter(tmp_path: Path, name: str = "Eastside Food Bank - Ana Ruiz.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04 stands in for a letter \x00\xff")
    return path


def read_back(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def body_text(message: EmailMessage) -> str:
    """The plain-text body, with the file's CRLF line ends read as plain line ends."""
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    return body.get_content().replace("\r\n", "\n")


def test_a_draft_opens_as_an_unsent_message_with_the_letter_attached(tmp_path: Path) -> None:
    attachment = letter(tmp_path)

    written = write_draft(
        tmp_path / "drafts" / "Eastside Food Bank - Ana Ruiz.eml",
        to="Ana Ruiz <ana@eastside-food.org>",
        subject="An invitation to join the Springfield coalition",
        body="Dear Ana,\n\nPlease find our invitation attached.\n\nMaria",
        attachment=attachment,
        sender="Maria Lopez <maria@springfield.gov>",
    )

    assert written == tmp_path / "drafts" / "Eastside Food Bank - Ana Ruiz.eml"
    message = read_back(written)
    assert message["X-Unsent"] == "1"
    assert message["To"].addresses[0].addr_spec == "ana@eastside-food.org"
    assert message["To"].addresses[0].display_name == "Ana Ruiz"
    assert message["From"].addresses[0].addr_spec == "maria@springfield.gov"
    assert message["Subject"] == "An invitation to join the Springfield coalition"
    assert body_text(message) == "Dear Ana,\n\nPlease find our invitation attached.\n\nMaria\n"
    (part,) = message.iter_attachments()
    assert part.get_content_type() == DOCX_TYPE
    assert part.get_filename() == attachment.name
    assert part.get_content() == attachment.read_bytes()


def test_a_hostile_subject_stays_one_header(tmp_path: Path) -> None:
    draft = write_draft(
        tmp_path / "draft.eml",
        to="ana@example.org",
        subject="Invitation\r\nBcc: attacker@example.com\r\n\r\nInjected body",
        body="Hello",
        attachment=letter(tmp_path),
    )

    message = read_back(draft)
    assert message["Bcc"] is None
    assert message["Subject"] == "Invitation Bcc: attacker@example.com Injected body"
    assert body_text(message) == "Hello\n"


def test_non_ascii_subjects_names_and_file_names_survive_encoded(tmp_path: Path) -> None:
    subject = "Invitación – Café & Co 👋 שותפות {{ 7*7 }}"
    attachment = letter(tmp_path, "Café Ünïon - José Müller.docx")

    draft = write_draft(
        tmp_path / "draft.eml",
        to="José Müller <jose@cafe-union.example>",
        subject=subject,
        body="Querido José, {{ 7*7 }} & <b>",
        attachment=attachment,
        sender="María López <maria@springfield.gov>",
    )

    raw = draft.read_bytes()
    headers = raw.split(b"\r\n\r\n", 1)[0]
    assert headers.isascii(), "non-ASCII header text is RFC 2047 encoded"
    message = read_back(draft)
    assert message["Subject"] == subject
    assert message["To"].addresses[0].display_name == "José Müller"
    assert message["From"].addresses[0].display_name == "María López"
    (part,) = message.iter_attachments()
    assert part.get_filename() == "Café Ünïon - José Müller.docx"
    assert body_text(message) == "Querido José, {{ 7*7 }} & <b>\n"


def test_several_recipients_and_an_international_domain(tmp_path: Path) -> None:
    draft = write_draft(
        tmp_path / "draft.eml",
        to='ana@example.org; Bo <bo@bücher.example>, "Ruiz, Ana" <ana@example.net>',
        subject="Hi",
        body="Hi",
        attachment=letter(tmp_path),
    )

    addresses = read_back(draft)["To"].addresses
    assert [a.addr_spec for a in addresses] == [
        "ana@example.org",
        "bo@xn--bcher-kva.example",
        "ana@example.net",
    ]
    assert [a.display_name for a in addresses] == ["", "Bo", "Ruiz, Ana"]


def test_without_an_address_the_draft_leaves_the_recipient_to_fill_in(tmp_path: Path) -> None:
    draft = write_draft(
        tmp_path / "draft.eml",
        to="  ",
        subject="Hi",
        body="Hi",
        attachment=letter(tmp_path),
        sender="Maria Lopez",
    )

    message = read_back(draft)
    assert message["To"] is None
    assert message["From"] is None, "a bare name is not an address; the mail program sends"
    assert message["X-Unsent"] == "1"


@pytest.mark.parametrize(
    ("field", "value", "complaint"),
    [
        ("to", "ana@example.org\r\nBcc: attacker@example.com", "contains a line break"),
        ("to", "Ana Ruiz", "“Ana Ruiz” is not an email address"),
        ("to", "ana@example", "“ana@example” is not an email address"),
        ("to", "ana@@example.org", "is not an email address"),
        ("to", "ana@example.org, Ruiz, Ana <ana@example.org>", "“Ruiz” is not an email address"),
        ("to", "=?utf-8?q?ana=0D=0ABcc=3A_x=40evil.example?=@example.org", "MIME-encoded"),
        ("to", "josé@example.org", "internationalized characters before the @-sign"),
        ("to", "ana@example.org\x07", "control character"),
        ("sender", "maria@springfield.gov\nBcc: x@example.com", "contains a line break"),
        ("sender", "maria@", "is not an email address"),
    ],
)
def test_a_malformed_address_is_refused_naming_the_draft(
    tmp_path: Path, field: str, value: str, complaint: str
) -> None:
    addresses = {"to": "ana@example.org", "sender": None} | {field: value}
    target = tmp_path / "Eastside - Ana.eml"

    with pytest.raises(OutputError, match=complaint) as caught:
        write_draft(target, subject="Hi", body="Hi", attachment=letter(tmp_path), **addresses)

    assert str(caught.value).startswith(f"{target}: the ")
    assert str(caught.value).endswith("; no draft was written.")
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["Eastside Food Bank - Ana Ruiz.docx"]


# --- RFC 2047 encoded words: text as typed, never decoded into headers -------------------------

INJECTION = "=?utf-8?q?Forest_City=0D=0ABcc=3A_someone=40example.org?="


def headers_of(path: Path) -> list[bytes]:
    """The header lines of a draft as written, continuation lines joined to their header."""
    block = path.read_bytes().split(b"\r\n\r\n", 1)[0]
    return block.replace(b"\r\n ", b" ").split(b"\r\n")


def rfc2047_name(path: Path) -> str:
    """The To header's display name decoded as RFC 2047 says (whitespace between two encoded
    words is dropped; Python's address parser keeps it, a mail program does not)."""
    from email.header import decode_header, make_header

    raw = next(line for line in headers_of(path) if line.startswith(b"To: "))
    name = raw.decode("ascii")[4:].rsplit("<", 1)[0].strip()
    return str(make_header(decode_header(name)))


@pytest.mark.parametrize(
    ("to", "subject"),
    [
        ("ana@example.org", f"Invitation to join the {INJECTION} Mobility Coalition"),
        (f"{INJECTION} <ana@example.org>", "Invitation"),
        (f'"{INJECTION}" <ana@example.org>', "Invitation"),
        ("ana@example.org", INJECTION),
        ("ana@example.org", "=?utf-8?b?DQpCY2M6IHNvbWVvbmVAZXhhbXBsZS5vcmc=?="),
    ],
    ids=["subject", "name", "quoted-name", "whole-subject", "base64"],
)
def test_an_encoded_word_in_a_name_or_subject_stays_text(
    tmp_path: Path, to: str, subject: str
) -> None:
    """A community name or member name typed as an encoded word once gave every draft a Bcc:
    the email package decoded it and wrote the line break it hid. Now the text is sent as
    typed: decoded once by a mail program, it reads =?utf-8?q?…?=, and there is no Bcc."""
    draft = write_draft(
        tmp_path / "draft.eml", to=to, subject=subject, body="Hi", attachment=letter(tmp_path)
    )

    lines = headers_of(draft)
    names = [line.split(b":", 1)[0].lower() for line in lines]
    assert names == [b"x-unsent", b"to", b"subject", b"mime-version", b"content-type"], lines
    message = read_back(draft)
    assert message["Bcc"] is None and message.get_all("Bcc") is None
    assert message["Subject"] == subject
    assert message["To"].addresses[-1].addr_spec == "ana@example.org"
    if "<" in to:
        assert rfc2047_name(draft) == INJECTION
    assert all(line.isascii() and len(line) <= 78 for line in draft.read_bytes().split(b"\r\n")[:8])


def test_a_long_subject_of_many_scripts_is_folded_and_reads_back_whole(tmp_path: Path) -> None:
    subject = "Invitación a la coalición de movilidad 👋 " * 4 + "שותפות =?x?= end"

    draft = write_draft(
        tmp_path / "d.eml",
        to="ana@example.org",
        subject=subject,
        body="b",
        attachment=letter(tmp_path),
    )

    assert read_back(draft)["Subject"] == subject.strip()
    assert max(len(line) for line in draft.read_bytes().split(b"\r\n\r\n")[0].split(b"\r\n")) <= 78


def test_a_missing_attachment_is_named_and_no_draft_is_written(tmp_path: Path) -> None:
    target = tmp_path / "draft.eml"
    with pytest.raises(OutputError, match=r"cannot attach .*gone\.docx"):
        write_draft(
            target, to="a@example.org", subject="s", body="b", attachment=tmp_path / "gone.docx"
        )
    assert not target.exists()


def test_a_pdf_attachment_has_its_own_type(tmp_path: Path) -> None:
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    draft = write_draft(tmp_path / "d.eml", to="", subject="s", body="b", attachment=pdf)
    (part,) = read_back(draft).iter_attachments()
    assert part.get_content_type() == "application/pdf"


@pytest.mark.parametrize(
    ("name", "address", "expected"),
    [
        ("Ana Ruiz", "ana@example.org", "Ana Ruiz <ana@example.org>"),
        ("Dr. Lena Park", "lpark@example.edu", '"Dr. Lena Park" <lpark@example.edu>'),
        ("Ruiz, Ana", "ana@example.org", '"Ruiz, Ana" <ana@example.org>'),
        ('Ana "Nana" Ruiz', "ana@example.org", '"Ana \\"Nana\\" Ruiz" <ana@example.org>'),
        ("  Ana\nRuiz ", " ana@example.org ", "Ana Ruiz <ana@example.org>"),
        ("", "ana@example.org", "ana@example.org"),
        ("Ana Ruiz", "", ""),
    ],
)
def test_a_recipient_is_written_with_their_name(
    tmp_path: Path, name: str, address: str, expected: str
) -> None:
    assert named_address(name, address) == expected
    if address.strip():
        draft = write_draft(
            tmp_path / "d.eml", to=expected, subject="s", body="b", attachment=letter(tmp_path)
        )
        (recipient,) = read_back(draft)["To"].addresses
        assert (recipient.display_name, recipient.addr_spec) == (
            " ".join(name.split()),
            address.strip(),
        )
