"""``coalition summarize``'s front door: find the workbooks, read them, sum them up, write.

Everything that can be refused is refused before a workbook is read (an output that exists
without --force, an output that is one of the inputs, a name of the wrong kind); the Word
summary is rendered before anything is written, so that a template error leaves no summary
workbook without its report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.cohort.collect import Progress, collect, mark_duplicates
from generator.cohort.discover import SUMMARY, Discovery, find_workbooks, own_output, resolved
from generator.cohort.record import CommunityRecord, State
from generator.common.capacity import usable_cores
from generator.common.errors import CohortError, OutputError
from generator.common.fileio import atomic_path, check_writable, require_suffix


@dataclass
class Options:
    output: Path
    report: Path | None = None
    template: Path | None = None
    jobs: int | None = None  # None: every core this process may use
    force: bool = False
    today: dt.date | None = None


@dataclass
class Outcome:
    """What was read and written."""

    records: list[CommunityRecord]  # every file read or tried, in order (skipped ones too)
    discovery: Discovery
    jobs: int
    numbers: dict[str, object]
    written: list[Path]

    @property
    def unreadable(self) -> list[CommunityRecord]:
        return [r for r in self.records if r.state is State.UNREADABLE]

    @property
    def duplicates(self) -> list[CommunityRecord]:
        return [r for r in self.records if r.duplicates and not r.counted]

    def counted_instead(self, duplicate: CommunityRecord) -> str:
        """The file counted for the community of a duplicate left out."""
        return next(r.file for r in self.records if r.counted and r.file in duplicate.duplicates)

    @property
    def skipped(self) -> list[tuple[str, str]]:
        found = [(s.label, s.reason) for s in self.discovery.skipped]
        return found + [(r.file, r.reason) for r in self.records if r.state is State.SKIPPED]


def check_outputs(inputs: Sequence[Path], options: Options) -> None:
    """Refuse, before reading anything, outputs that cannot or must not be written."""
    outputs = [(options.output, ".xlsx", "summary workbook")]
    if options.report is not None:
        outputs.append((options.report, ".docx", "Word summary"))
    given = {resolved(Path(p)) for p in inputs}
    folders = [p for p in given if p.is_dir()]
    for path, suffix, what in outputs:
        require_suffix(path, suffix, what)
        target = resolved(path)
        inside = any(target.is_relative_to(folder) for folder in folders)
        if target in given or (
            inside and suffix == ".xlsx" and target.is_file() and own_output(target) != SUMMARY
        ):
            # Even with --force: a community's workbook is never written over.
            raise OutputError(
                f"is one of the workbooks being summarized; give the {what} another name.", path
            )
        check_writable(path, options.force)
    if options.report is not None and resolved(options.report) == resolved(options.output):
        raise OutputError("is named for both outputs; give each its own name.", options.report)


def summarize_cohort(
    inputs: Sequence[Path],
    options: Options,
    start: Callable[[int], Progress | None] | None = None,
) -> Outcome:
    """Summarize the workbooks named and found in the folders named. ``start`` is told how many
    files there are to read, and may return what to tell as they are done (a progress bar)."""
    check_outputs(inputs, options)
    outputs = [options.output] + ([options.report] if options.report else [])
    discovery = find_workbooks(inputs, outputs)
    if not discovery.files:
        where = ", ".join(str(p) for p in inputs)
        raise CohortError(f"no workbooks (.xlsx) were found in {where}.")
    jobs = max(1, min(options.jobs or usable_cores(), len(discovery.files)))
    progress = start(len(discovery.files)) if start is not None else None
    records = mark_duplicates(collect(discovery.files, jobs, progress))
    if all(r.state is State.SKIPPED for r in records):
        reasons = "; ".join(f"{r.file} is {r.reason}" for r in records[:3])
        raise CohortError(f"no community's workbook was found to summarize ({reasons}).")

    from generator.cohort.summary import summarize
    from generator.cohort.workbook import build_summary_workbook

    summary = summarize(records, discovery.skipped, options.today)
    document = None
    if options.report is not None:
        from generator.cohort.report import render_report

        document = render_report(summary, options.template)
    workbook = build_summary_workbook(summary)
    with atomic_path(options.output) as tmp:
        workbook.save(tmp)
    written = [options.output]
    if options.report is not None and document is not None:
        with atomic_path(options.report) as tmp:
            tmp.write_bytes(document)
        written.append(options.report)
    return Outcome(records, discovery, jobs, summary.numbers, written)
