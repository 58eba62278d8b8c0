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
        to="ana@example.org; Bo <bo@bücher.example>",
        subject="Hi",
        body="Hi",
        attachment=letter(tmp_path),
    )

    addresses = read_back(draft)["To"].addresses
    assert [a.addr_spec for a in addresses] == ["ana@example.org", "bo@xn--bcher-kva.example"]


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
        ("to", "Ana Ruiz", "'Ana Ruiz' is not an email address"),
        ("to", "ana@example", "is not an email address"),
        ("to", "ana@@example.org", "is not an email address"),
        ("to", "ana@example.org, Ruiz, Ana <ana@example.org>", "'Ruiz' in"),
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

    assert str(caught.value).startswith(f"{target}: ")
    assert not target.exists()


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
