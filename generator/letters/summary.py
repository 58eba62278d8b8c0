"""What a run of `coalition letters` did, in lines for the terminal."""

from __future__ import annotations

from pathlib import Path

from generator.common.english import counted, listed
from generator.letters.batch import Batch, Outcome, Result
from generator.letters.naming import COMBINED_NAME, PRINTING_SUFFIX

#: Rows listed by name in each part of the summary; the manifest has them all.
SUMMARY_ROWS = 25


def summary_lines(batch: Batch) -> list[str]:
    """What a run did, for the terminal: counts, and every row kept, skipped or failed."""
    folder = batch.folder
    lines: list[str] = []
    fresh = batch.having(Outcome.WRITTEN, Outcome.REPLACED_EDITED)
    unchanged = batch.having(Outcome.UNCHANGED)
    if fresh or unchanged:
        text = f"Wrote {counted(len(fresh), 'letter')} to {folder}"
        if unchanged:
            text += f" ({len(unchanged)} more already up to date)"
        lines.append(text + ".")
    elif not batch.results:
        lines.append("No invite-list row asks for a letter.")
    replaced = batch.having(Outcome.REPLACED_EDITED)
    if replaced:
        lines.append(
            f"Overwrote {counted(len(replaced), 'file')} edited by hand or not written by "
            "coalition (--force):"
        )
        lines += _rows(replaced, with_file=True, folder=folder)
    edited = batch.having(Outcome.KEPT_EDITED)
    if edited:
        lines.append(
            f"Kept {counted(len(edited), 'letter')} edited by hand since coalition wrote "
            f"{'it' if len(edited) == 1 else 'them'} (pass --force to overwrite):"
        )
        lines += _rows(edited, with_file=True, folder=folder)
    foreign = batch.having(Outcome.KEPT_FOREIGN)
    if foreign:
        lines.append(
            f"Kept {counted(len(foreign), 'file')} of the same name that coalition did not write "
            "(pass --force to overwrite):"
        )
        lines += _rows(foreign, with_file=True, folder=folder)
    skipped = batch.having(Outcome.SKIPPED)
    if skipped:
        lines.append(f"Skipped {counted(len(skipped), 'row')}:")
        lines += _rows(skipped)
    failed = batch.having(Outcome.FAILED)
    if failed:
        lines.append(f"Failed {counted(len(failed), 'row')}:")
        lines += _rows(failed)
    if batch.left_out:
        lines.append(f"Left out {counted(batch.left_out, 'row')} (--only, --only-sender).")
    if batch.extras:
        lines.append(f"Also wrote {_extras(batch.extras)}.")
    if batch.kept_pdfs:
        why = (
            "its letter has not changed since it was made"
            if batch.kept_pdfs == 1
            else "their letters have not changed since they were made"
        )
        lines.append(f"Kept {counted(batch.kept_pdfs, 'PDF')} already up to date ({why}).")
    lines += [f"Note: {note}" for note in batch.notes]
    lines += [f"Problem: {problem}" for problem in batch.problems]
    if batch.manifest is not None:
        lines.append(f"Manifest: {batch.manifest}")
    return lines


def _extras(names: list[str]) -> str:
    """ "10 PDFs, 8 draft emails, All letters (for printing).docx and 3 documents for printing
    (one per sender)" """
    combined = [n for n in names if Path(n).stem == COMBINED_NAME]
    per_sender = [n for n in names if Path(n).stem.endswith(PRINTING_SUFFIX) and n not in combined]
    pdfs = sum(n.endswith(".pdf") for n in names if n not in combined and n not in per_sender)
    drafts = sum(n.endswith(".eml") for n in names)
    parts = [counted(pdfs, "PDF")] if pdfs else []
    parts += [counted(drafts, "draft email")] if drafts else []
    parts += combined
    documents = sum(n.endswith(".docx") for n in per_sender)
    if documents:
        with_pdfs = " with their PDFs" if any(n.endswith(".pdf") for n in per_sender) else ""
        parts.append(f"{counted(documents, 'document')} for printing (one per sender){with_pdfs}")
    return listed(parts)


def _rows(
    results: list[Result], *, with_file: bool = False, folder: Path | None = None
) -> list[str]:
    lines = []
    for result in results[:SUMMARY_ROWS]:
        who = ", ".join(x for x in (result.recipient, result.organization) if x) or "(no name)"
        detail = str(folder / result.file) if with_file and folder else result.reason
        lines.append(f"  row {result.row}  {who}: {detail}")
    if len(results) > SUMMARY_ROWS:
        lines.append(f"  ... and {len(results) - SUMMARY_ROWS} more (see the manifest)")
    return lines
