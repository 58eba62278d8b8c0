"""One letter per invite-list row: what each letter says, where it goes, and what was done.

* :func:`letter_context` gathers everything the workbook knows about one invitee (their row,
  their organization's Part 2 or 3 row and Part 4 notes, what of it matches the coalition's
  Part 1 priorities, the coalition itself and the date) as the fields of
  :mod:`generator.letters.fields`;
* :func:`plan_letters` decides which rows get which letter and under which file name;
* :func:`write_letters` renders them with :class:`generator.word.batch.DocxRenderer` and keeps a
  manifest, so that a re-run never overwrites a letter someone has edited since;
* :func:`deliver` adds PDFs, a combined document and draft emails on request.

One row's failure never stops the batch: it is recorded with its reason and the batch goes on.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from generator.common.english import listed
from generator.common.errors import CoalitionError, OutputError, TemplateError
from generator.common.matching import closest
from generator.common.text import fold
from generator.letters.context import (
    LetterKind,
    PlanIndex,
    default_template,
    letter_context,
    letter_environment,
)
from generator.letters.fields import schema
from generator.letters.manifest import ManifestEntry, read_manifest, write_manifest
from generator.letters.naming import DEFAULT_NAME_PATTERN, check_pattern, fill_pattern, unique_stems
from generator.plan.model import CoalitionPlan, Invitee
from generator.worksheet import Status

if TYPE_CHECKING:
    from generator.word.batch import DocxRenderer


class Outcome(StrEnum):
    WRITTEN = "written"
    UNCHANGED = "unchanged"
    REPLACED_EDITED = "written over a file edited by hand or not written by coalition (--force)"
    KEPT_EDITED = "kept: edited by hand since it was written"
    KEPT_FOREIGN = "kept: a file of this name was not written by coalition"
    FAILED = "failed"
    SKIPPED = "skipped"


# --- Which letters, under which names ------------------------------------------------------------


@dataclass(slots=True)
class Job:
    """One letter to write."""

    row: int
    invitee: Invitee
    kind: LetterKind
    stem: str  # file name without extension

    @property
    def file(self) -> str:
        return f"{self.stem}.docx"


@dataclass(slots=True)
class Result:
    """What happened to one invite-list row."""

    row: int
    recipient: str
    organization: str
    letter: str  # LetterKind value, or "" when no letter was due
    file: str  # relative to the output folder, or ""
    outcome: Outcome
    reason: str = ""
    sha256: str = ""

    @property
    def status(self) -> str:
        if self.outcome in (Outcome.FAILED, Outcome.SKIPPED):
            return f"{self.outcome.value}: {self.reason}"
        return self.outcome.value

    @property
    def has_letter(self) -> bool:
        """Whether a letter of this row is in the folder (written now, or kept)."""
        return self.outcome in (
            Outcome.WRITTEN,
            Outcome.UNCHANGED,
            Outcome.REPLACED_EDITED,
            Outcome.KEPT_EDITED,
            Outcome.KEPT_FOREIGN,
        )


@dataclass(frozen=True)
class Options:
    template: Path | None = None
    update_template: Path | None = None
    keep_informed: bool = False
    only_organizations: tuple[str, ...] = ()
    only_senders: tuple[str, ...] = ()
    name_pattern: str = DEFAULT_NAME_PATTERN
    force: bool = False
    date: dt.date | None = None


#: Rows in a row that go past a template's bounds before its other rows are not tried.
GIVE_UP_AFTER = 3

#: Letters below which a batch is written in this process: starting workers costs more.
PARALLEL_FROM = 100


_SKIP_REASONS = {
    Status.INVITED: "already invited (status \u201cInvited\u201d)",
    Status.ACCEPTED: "already accepted (status \u201cAccepted\u201d)",
    Status.DECLINED: "declined (status \u201cDeclined\u201d)",
    Status.KEEP_INFORMED: "keep informed: add --keep-informed to write an update letter",
}


def row_of(invitee: Invitee, position: int) -> int:
    return invitee.source.row if invitee.source else position + 1


def plan_letters(plan: CoalitionPlan, options: Options) -> tuple[list[Job], list[Result], int]:
    """The letters to write, the rows skipped with their reason, and how many rows the
    --only filters left out. Raises CoalitionError for a pattern or filter that fits nothing."""
    check_pattern(options.name_pattern)
    _check_filter(plan, options.only_organizations, "organization", "--only")
    _check_filter(plan, options.only_senders, "sender", "--only-sender")

    # Names are given over every row that could have a letter, whatever the filters and flags,
    # so that a letter keeps its name from one run to the next.
    lettered = [
        (row_of(invitee, i), invitee)
        for i, invitee in enumerate(plan.invitees)
        if invitee.status in (Status.INVITE, Status.KEEP_INFORMED)
    ]
    stems = unique_stems(
        [(row, fill_pattern(options.name_pattern, inv, row)) for row, inv in lettered]
    )

    organizations = {fold(o) for o in options.only_organizations}
    senders = {fold(s) for s in options.only_senders}
    jobs: list[Job] = []
    skipped: list[Result] = []
    left_out = 0
    for position, invitee in enumerate(plan.invitees):
        row = row_of(invitee, position)
        if (organizations and fold(invitee.organization) not in organizations) or (
            senders and fold(invitee.sender) not in senders
        ):
            left_out += 1
            continue
        if invitee.wants_letter:
            jobs.append(Job(row, invitee, LetterKind.INVITATION, stems[row]))
        elif invitee.status is Status.KEEP_INFORMED and options.keep_informed:
            jobs.append(Job(row, invitee, LetterKind.UPDATE, stems[row]))
        else:
            reason = _SKIP_REASONS.get(invitee.status, f"status \u201c{invitee.status}\u201d")
            skipped.append(
                Result(row, invitee.member, invitee.organization, "", "", Outcome.SKIPPED, reason)
            )
    if plan.invitees and left_out == len(plan.invitees):
        _refuse_filters_together(plan, options)
    return jobs, skipped, left_out


def _refuse_filters_together(plan: CoalitionPlan, options: Options) -> None:
    """Filters that each match a row but no row together: say so, with the senders of the
    organizations asked for (each filter alone was checked against the list already)."""
    quoted = lambda values: listed([f"\u201c{v}\u201d" for v in values], "or")  # noqa: E731
    wanted = {fold(o) for o in options.only_organizations}
    senders = list(
        dict.fromkeys(
            i.sender for i in plan.invitees if fold(i.organization) in wanted and i.sender.strip()
        )
    )
    hint = f" Did you mean --only-sender {quoted(senders)}?" if senders else ""
    raise CoalitionError(
        f"--only-sender {quoted(options.only_senders)} and --only "
        f"{quoted(options.only_organizations)} together match no row of the invite list.{hint}"
    )


def _check_filter(plan: CoalitionPlan, wanted: Sequence[str], attribute: str, option: str) -> None:
    present = {fold(getattr(i, attribute)) for i in plan.invitees}
    for value in wanted:
        if fold(value) not in present:
            near = closest(value, [getattr(i, attribute) for i in plan.invitees])
            hint = f" Did you mean \u201c{near}\u201d?" if near else ""
            raise CoalitionError(
                f"{option} \u201c{value}\u201d matches no {attribute} on the invite list.{hint}"
            )


# --- Writing the batch ----------------------------------------------------------------------------


@dataclass
class Batch:
    """Everything a run did, for the summary, the manifest and the exit code."""

    folder: Path
    results: list[Result] = field(default_factory=list)
    left_out: int = 0
    manifest: Path | None = None
    entries: list[ManifestEntry] = field(default_factory=list)  # what the manifest says
    kept_pdfs: int = 0  # PDFs of letters unchanged since they were converted, not redone
    extras: list[str] = field(default_factory=list)  # PDFs, combined document, drafts
    notes: list[str] = field(default_factory=list)  # extras left out, with the reason
    problems: list[str] = field(default_factory=list)  # extras that could not be made

    def having(self, *outcomes: Outcome) -> list[Result]:
        return [r for r in self.results if r.outcome in outcomes]

    @property
    def failed(self) -> bool:
        return bool(self.having(Outcome.FAILED) or self.problems)

    @property
    def letters(self) -> list[Result]:
        return [r for r in self.results if r.has_letter]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_letters(
    plan: CoalitionPlan,
    folder: Path,
    options: Options = Options(),
    *,
    progress: Callable[[list[Job]], Iterable[Job]] | None = None,
    workers: int = 1,
) -> Batch:
    """Write every letter due, keep the manifest, and say what happened to every row.

    Raises TemplateError (before any file is written) when a template cannot be used, and
    CoalitionError for a name pattern or filter that fits nothing; a row that fails is recorded
    and the batch goes on. ``progress`` wraps the list of letters to write (a progress bar).
    With ``workers`` over 1, a long batch is rendered by that many processes, this one and the
    others forked once the templates are compiled (generator.letters.parallel); the letters are
    the same bytes.
    Only a single-threaded caller may ask for workers (a fork copies only the calling thread).
    """
    folder = Path(folder)
    jobs, skipped, left_out = plan_letters(plan, options)
    renderers = _renderers({job.kind for job in jobs}, options)
    if jobs and folder.exists() and not folder.is_dir():
        raise OutputError("is a file; give a folder for the letters.", folder)

    created = bool(jobs) and not folder.exists()
    if jobs:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"cannot be made ({error.strerror}).", folder) from None
    from generator.letters.writer import LetterWriter

    batch = Batch(folder, left_out=left_out)
    writer = LetterWriter(renderers, PlanIndex(plan), options.date or dt.date.today(), folder,
                          read_manifest(folder), options.force)  # fmt: skip
    results: list[Result] = []
    try:
        if workers > 1 and len(jobs) >= PARALLEL_FROM:
            from generator.letters.parallel import write_in_parallel

            write_in_parallel(writer, jobs, workers, results, progress)
        else:
            for job in progress(jobs) if progress is not None else jobs:
                results.append(writer.write(job))
    except TemplateError:
        # A template refused as it renders (an endless loop, say) fails every letter alike:
        # before any letter is written, it leaves nothing behind, as when refused on reading.
        if not any(r.sha256 for r in results):
            jobs = []
            if created:
                with contextlib.suppress(OSError):
                    folder.rmdir()
        raise
    finally:
        batch.results = sorted(results + skipped, key=lambda r: r.row)
        if jobs:
            batch.entries = _manifest_entries(batch, writer.previous)
            batch.manifest = write_manifest(folder, batch.entries)
    return batch


def render_letter(plan: CoalitionPlan, row: int, options: Options = Options()) -> tuple[Job, bytes]:
    """The letter of one invite-list row, in memory, exactly as the batch would write it.

    For a preview before the batch. Raises CoalitionError when the row gets no letter (with
    the reason the batch would give), TemplateError for a template that cannot be used, and
    a CoalitionError naming the row when its letter cannot be rendered.
    """
    from generator.word.batch import RenderError

    jobs, skipped, _ = plan_letters(plan, options)
    job = next((job for job in jobs if job.row == row), None)
    if job is None:
        reason = next((r.reason for r in skipped if r.row == row), "not on the invite list")
        raise CoalitionError(f"Row {row} of the invite list gets no letter: {reason}.")
    renderer = _renderers({job.kind}, options)[job.kind]
    today = options.date or dt.date.today()
    context = letter_context(job.invitee, PlanIndex(plan), today=today, letter=job.kind, row=row)
    try:
        return job, renderer.render(context)
    except RenderError as error:
        raise CoalitionError(f"The letter of row {row} cannot be written: {error}") from None


def _renderers(kinds: Iterable[LetterKind], options: Options) -> dict[LetterKind, DocxRenderer]:
    """One renderer per kind of letter, from the templates chosen (or the defaults)."""
    from generator.word.batch import DocxRenderer

    env = letter_environment()
    fields = schema()
    renderers: dict[LetterKind, DocxRenderer] = {}
    for kind in kinds:
        chosen = options.template if kind is LetterKind.INVITATION else options.update_template
        renderers[kind] = DocxRenderer(chosen or default_template(kind), schema=fields, env=env)
    return renderers


def _manifest_entries(batch: Batch, previous: dict[str, ManifestEntry]) -> list[ManifestEntry]:
    """This run's rows, and the earlier entries of letters this run did not touch."""
    entries: list[ManifestEntry] = []
    touched = set()
    for result in batch.results:
        digest = result.sha256
        if result.outcome is Outcome.FAILED and result.file in previous:
            digest = previous[result.file].sha256  # the earlier letter is still there
        elif result.outcome is Outcome.FAILED:
            digest = ""
        earlier = previous.get(result.file) if result.file else None
        entries.append(
            ManifestEntry(
                str(result.row),
                result.recipient,
                result.organization,
                result.letter,
                result.file,
                digest,
                result.status,
                # Whether that PDF is still the letter's is decided when PDFs are asked for.
                earlier.pdf_sha256 if earlier else "",
                earlier.pdf_made_from if earlier else "",
            )
        )
        touched.add(result.file)
    for file, entry in previous.items():
        if file not in touched and (batch.folder / file).exists():
            entries.append(entry)
    return sorted(entries, key=lambda e: (int(e.row) if e.row.isdigit() else 0, e.file))
