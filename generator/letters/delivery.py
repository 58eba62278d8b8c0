"""What a batch of letters can become besides .docx files: PDFs, one document, email drafts."""

from __future__ import annotations

from pathlib import Path

from generator.common.addresses import address_problem
from generator.common.english import coalition_name, tidy_case
from generator.common.errors import CoalitionError
from generator.common.text import fold
from generator.letters.batch import Batch, Result, row_of, sha256
from generator.letters.context import LetterKind, PlanIndex, letter_context
from generator.letters.manifest import ManifestEntry, write_manifest
from generator.letters.naming import COMBINED_NAME, sender_document_stems
from generator.letters.wording import draft_body
from generator.plan.model import CoalitionPlan


def deliver(
    batch: Batch,
    plan: CoalitionPlan,
    *,
    pdf: bool = False,
    combined: bool = False,
    eml: bool = False,
    workers: int | None = None,
) -> None:
    """Make the extras asked for from the letters now in the folder; problems go in the batch.

    A letter's PDF is made again only if the letter changed since its PDF was made (the
    manifest has both checksums) or the PDF is gone or changed; ``workers`` is the number of
    LibreOffice processes, chosen from the cores and memory free when None.
    """
    letters = batch.letters
    if not letters:
        return
    paths = [batch.folder / r.file for r in letters]
    printed = _for_printing(batch, plan, letters) if combined else []
    pdfs: dict[Path, Path] = {}
    if pdf:
        pdfs = _pdfs(batch, dict(zip(paths, letters, strict=True)), printed, workers)
    if eml:
        _drafts(batch, plan, letters, pdfs)


def _pdfs(
    batch: Batch, letters: dict[Path, Result], printed: list[Path], workers: int | None
) -> dict[Path, Path]:
    """Each document's PDF, converting only those not up to date; the manifest records them."""
    from generator.word.pdf import PartialConversionError, convert_to_pdf

    entries = {entry.file: entry for entry in batch.entries}
    current = {
        path: path.with_suffix(".pdf")
        for path, result in letters.items()
        if _pdf_is_current(path, entries.get(result.file))
    }
    sources = [path for path in letters if path not in current] + printed
    converted: dict[Path, Path] = {}
    try:
        converted = dict(
            zip(sources, convert_to_pdf(sources, batch.folder, workers=workers), strict=True)
        )
    except PartialConversionError as error:
        converted = dict(error.converted)
        batch.problems.append(str(error))
    except CoalitionError as error:
        batch.problems.append(str(error))
    batch.extras.extend(p.name for p in converted.values())
    batch.kept_pdfs = len(current)
    for path, result in letters.items():
        entry = entries.get(result.file)
        if entry is None or path in current:
            continue
        made = converted.get(path)
        entry.pdf_sha256 = _digest(made) if made else ""
        entry.pdf_made_from = _digest(path) if made else ""
    if batch.manifest is not None and sources:  # what was made, or is no longer there
        write_manifest(batch.folder, batch.entries)
    return current | converted


def _pdf_is_current(path: Path, entry: ManifestEntry | None) -> bool:
    """Whether the letter's PDF is there, as it was made, from the letter as it is now."""
    if entry is None or not entry.pdf_sha256 or not entry.pdf_made_from:
        return False
    return _digest(path) == entry.pdf_made_from and _digest(path.with_suffix(".pdf")) == (
        entry.pdf_sha256
    )


def _digest(path: Path) -> str:
    try:
        return sha256(path.read_bytes())
    except OSError:
        return ""


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
    """A draft email per letter, to "Name <address>", with a note of its own drawn from the
    letter (greeting, why them, the ask) and the letter attached."""
    from generator.letters.drafts import named_address, write_draft

    by_row = {row_of(inv, i): inv for i, inv in enumerate(plan.invitees)}
    index = PlanIndex(plan)
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
        problem = address_problem(invitee.email)
        if problem:  # refused, never repaired: the letter stands, the draft is not written
            batch.notes.append(
                f"row {result.row} ({result.recipient}): {problem}, so no draft email"
            )
            continue
        kind = LetterKind(result.letter)
        context = letter_context(invitee, index, letter=kind, row=result.row)
        if kind is LetterKind.UPDATE:
            subject = f"An update on the {name}"
        else:
            subject = f"Invitation to join the {name}"
        path = docx_path.with_suffix(".eml")
        try:
            write_draft(
                path,
                to=named_address(tidy_case(invitee.member), invitee.email),
                subject=subject,
                body=draft_body(context),
                attachment=attachment,
                sender=named_address(tidy_case(invitee.sender), invitee.sender_email),
            )
            batch.extras.append(path.name)
        except CoalitionError as error:
            batch.problems.append(str(error))
