"""What a batch of letters can become besides .docx files: PDFs, one document, email drafts."""

from __future__ import annotations

from pathlib import Path

from generator.common.english import coalition_name
from generator.common.errors import CoalitionError
from generator.common.text import fold
from generator.letters.batch import Batch, Result, row_of
from generator.letters.context import LetterKind
from generator.letters.naming import COMBINED_NAME, sender_document_stems
from generator.plan.model import CoalitionPlan


def deliver(
    batch: Batch,
    plan: CoalitionPlan,
    *,
    pdf: bool = False,
    combined: bool = False,
    eml: bool = False,
    workers: int = 2,
) -> None:
    """Make the extras asked for from the letters now in the folder; problems go in the batch."""
    letters = batch.letters
    if not letters:
        return
    paths = [batch.folder / r.file for r in letters]
    printed = _for_printing(batch, plan, letters) if combined else []
    pdfs: dict[Path, Path] = {}
    if pdf:
        from generator.word.pdf import PartialConversionError, convert_to_pdf

        sources = paths + printed
        try:
            pdfs = dict(
                zip(sources, convert_to_pdf(sources, batch.folder, workers=workers), strict=True)
            )
        except PartialConversionError as error:
            pdfs = dict(error.converted)
            batch.problems.append(str(error))
        except CoalitionError as error:
            batch.problems.append(str(error))
        batch.extras.extend(p.name for p in pdfs.values())
    if eml:
        _drafts(batch, plan, letters, pdfs)


def _for_printing(batch: Batch, plan: CoalitionPlan, letters: list[Result]) -> list[Path]:
    """All letters as one document, grouped by sender (senders in alphabetical order, each
    sender's letters in row order), and, when several people sign, one document per sender.
    The documents written are returned; one that cannot be made is a problem of the batch."""
    from generator.word.combine import combine_documents

    by_row = {row_of(inv, i): inv for i, inv in enumerate(plan.invitees)}

    def sender(result: Result) -> str:
        return by_row[result.row].sender

    ordered = sorted(letters, key=lambda r: (fold(sender(r)) or "\uffff", r.row))
    stems = sender_document_stems(sender(r) for r in ordered)
    documents = [(batch.folder / f"{COMBINED_NAME}.docx", ordered)]
    if len(stems) > 1:
        for key, stem in stems.items():
            mine = [r for r in ordered if fold(sender(r)) == key]
            documents.append((batch.folder / f"{stem}.docx", mine))
    written = []
    for path, results in documents:
        try:
            combine_documents([batch.folder / r.file for r in results], path)
        except CoalitionError as error:
            batch.problems.append(str(error))
            continue
        batch.extras.append(path.name)
        written.append(path)
    return written


def _drafts(
    batch: Batch, plan: CoalitionPlan, letters: list[Result], pdfs: dict[Path, Path]
) -> None:
    from generator.letters.drafts import write_draft

    by_row = {row_of(inv, i): inv for i, inv in enumerate(plan.invitees)}
    name = coalition_name(plan.community)
    for result in letters:
        invitee = by_row[result.row]
        docx_path = batch.folder / result.file
        attachment = pdfs.get(docx_path, docx_path)
        if not invitee.email:
            batch.notes.append(
                f"row {result.row} ({result.recipient}): no email address, so no draft email"
            )
            continue
        if result.letter == LetterKind.UPDATE:
            subject = f"An update on the {name}"
            opening = f"I am writing to share news of the {name}; my letter is attached."
        else:
            subject = f"Invitation to join the {name}"
            opening = f"I am writing to invite you to join the {name}; my letter is attached."
        signature = "\n".join(x for x in (invitee.sender, invitee.sender_title) if x)
        body = (
            f"Dear {invitee.salutation or invitee.member},\n\n{opening} I would be glad to "
            f"talk about it at any time.\n\nWith best regards,\n{signature}\n"
        )
        path = docx_path.with_suffix(".eml")
        try:
            write_draft(path, to=invitee.email, subject=subject, body=body, attachment=attachment)
            batch.extras.append(path.name)
        except CoalitionError as error:
            batch.problems.append(str(error))
