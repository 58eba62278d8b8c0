"""Rendering and placing one letter, the same in the batch's own process or in a worker.

:class:`LetterWriter` renders a letter from its invitee's context and writes it unless that would
overwrite someone's edits (the manifest's checksum says which files are still as coalition
wrote them); what happened goes in the letter's :class:`~generator.letters.batch.Result`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from generator.common.errors import OutputError
from generator.common.fileio import write_bytes_atomic
from generator.letters.batch import GIVE_UP_AFTER, Job, Outcome, Result, sha256
from generator.letters.context import LetterKind, PlanIndex, letter_context
from generator.letters.manifest import ManifestEntry

if TYPE_CHECKING:
    from generator.word.batch import DocxRenderer


class GivenUp(Protocol):
    """The kinds of letter whose template is past its bounds (a set, or one shared by workers)."""

    def __contains__(self, kind: object) -> bool: ...

    def add(self, kind: LetterKind) -> None: ...


class LetterWriter:
    """Renders and places one letter at a time, the same in this process or a worker.

    Rows in a row that went past a template's bounds each may take the whole time bound, so
    past GIVE_UP_AFTER the template's other rows are failed without trying them: ``given_up``
    says which kinds of letter are past it (workers share it, see generator.letters.parallel).
    """

    def __init__(
        self,
        renderers: dict[LetterKind, DocxRenderer],
        index: PlanIndex,
        today: dt.date,
        folder: Path,
        previous: dict[str, ManifestEntry],
        force: bool,
    ) -> None:
        self.renderers = renderers
        self.index = index
        self.today = today
        self.folder = folder
        self.previous = previous
        self.force = force
        self.bounded = dict.fromkeys(renderers, 0)
        self.given_up: GivenUp = set()

    def write(self, job: Job) -> Result:
        """What happened to one letter. Raises TemplateError for a template refused as it
        renders; any other failure is the row's own, recorded in the result."""
        from generator.word.batch import RenderError

        result = Result(
            job.row, job.invitee.member, job.invitee.organization, job.kind.value, job.file,
            Outcome.FAILED,
        )  # fmt: skip
        renderer = self.renderers[job.kind]
        if job.kind in self.given_up:
            result.reason = (
                f"not tried: {renderer.path.name} went past its bounds on the "
                f"{GIVE_UP_AFTER} rows before."
            )
            return result
        try:
            context = letter_context(
                job.invitee, self.index, today=self.today, letter=job.kind, row=job.row
            )
            data = renderer.render(context)
        except RenderError as error:
            result.reason = str(error)
            self.bounded[job.kind] = self.bounded[job.kind] + 1 if error.bounded else 0
            if self.bounded[job.kind] >= GIVE_UP_AFTER:
                self.given_up.add(job.kind)
            return result
        self.bounded[job.kind] = 0
        place(self.folder / job.file, data, self.previous.get(job.file), self.force, result)
        return result


def place(
    path: Path, data: bytes, previous: ManifestEntry | None, force: bool, result: Result
) -> None:
    """Write one letter unless that would overwrite someone's edits; record what was done."""
    try:
        _write_unless_edited(path, data, previous, force, result)
    except OutputError as error:
        result.outcome = Outcome.FAILED
        result.reason = str(error)


def _write_unless_edited(
    path: Path, data: bytes, previous: ManifestEntry | None, force: bool, result: Result
) -> None:
    digest = sha256(data)
    result.sha256 = digest
    try:
        current = sha256(path.read_bytes()) if path.exists() else None
    except OSError as error:
        raise OutputError(f"cannot be read ({error.strerror}).", path) from None
    if current == digest:
        result.outcome = Outcome.UNCHANGED
        return
    ours = current is None or (previous is not None and current == previous.sha256)
    if not ours and not force:
        result.outcome = Outcome.KEPT_EDITED if previous is not None else Outcome.KEPT_FOREIGN
        result.sha256 = previous.sha256 if previous is not None else ""
        return
    write_bytes_atomic(path, data)
    result.outcome = Outcome.WRITTEN if ours else Outcome.REPLACED_EDITED
