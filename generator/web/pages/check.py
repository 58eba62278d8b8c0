"""Check: filled workbooks in, findings out (``coalition check``; several are ``merge``d first).

One workbook is checked as it is. Several are merged as ``coalition merge`` merges them, the
conflicts listed, and the merged workbook is checked. Either way an annotated copy is written,
and the workbook checked becomes the one the Briefing and Letters pages work from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Response, redirect, request, url_for

from generator.common.errors import CoalitionError
from generator.excel.annotate import write_annotated_copy
from generator.excel.reader import check_workbook, read_workbook
from generator.merging.merge import merge_readings, summarize, write_merged
from generator.plan.checks import run_checks
from generator.plan.findings import Finding
from generator.plan.reading import Reading
from generator.web.pages import limits, show, workspace
from generator.web.security import Upload, accepts
from generator.web.uploads import Saved, save_uploads
from generator.web.workspace import CheckResult, Workbook, Workspace

blueprint = Blueprint("check", __name__)

MERGED_NAME = "merged.xlsx"
WORKBOOK_FALLBACK = "workbook.xlsx"
WHOLE_WORKBOOK = "The workbook as a whole"


class Unreadable(Exception):
    """Some of the uploaded files are not workbooks that can be read; one sentence each."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(" ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Group:
    """The findings of one sheet (one part of the worksheet), in workbook order."""

    title: str
    findings: list[Finding]

    @property
    def errors(self) -> int:
        return sum(f.is_error for f in self.findings)


def groups(findings: list[Finding]) -> list[Group]:
    by_sheet: dict[str, list[Finding]] = {}
    for finding in findings:  # already in workbook order: sheets, then cells
        by_sheet.setdefault(finding.sheet or WHOLE_WORKBOOK, []).append(finding)
    return [Group(title, found) for title, found in by_sheet.items()]


@blueprint.get("/check")
def page() -> tuple[str, int]:
    ws = workspace()
    found = groups(ws.check.workbook.reading.findings) if ws.check else []
    return show("check.html", groups=found)


@blueprint.post("/check")
@accepts(lambda limits: Upload(limits.workbooks, limits.workbook_bytes))
def upload() -> Response | tuple[str, int]:
    ws = workspace()
    most = limits().workbooks
    folder = ws.folder("check")
    try:
        saved = save_uploads(
            request.files.getlist("workbooks"),
            folder / "copies",
            most=most,
            fallback=WORKBOOK_FALLBACK,
            what="one or more workbooks",
        )
        check_copies(ws, folder, saved)
    except Unreadable as unreadable:
        return show("check.html", 400, errors=unreadable.messages, groups=[])
    except CoalitionError as error:
        return show("check.html", 400, errors=[ws.tell(str(error))], groups=[])
    return redirect(url_for("check.page"), 303)


def check_copies(ws: Workspace, folder: Path, saved: list[Saved]) -> CheckResult:
    """Check one workbook, or merge several and check the merged one; remember the result.

    Raises :class:`Unreadable` with every file that cannot be read, not only the first.
    """
    for copy in saved:
        ws.name(copy.path, copy.name)
    readings: list[Reading] = []
    problems: list[str] = []
    for copy in saved:
        try:
            readings.append(read_workbook(copy.path))
        except CoalitionError as error:
            problems.append(ws.tell(str(error)))
    if problems:
        raise Unreadable(problems)
    if len(readings) == 1:
        (reading,) = readings
        workbook = Workbook(saved[0].path, saved[0].name, run_checks(reading))
        result = CheckResult([saved[0].name], workbook, annotated="")
    else:
        merged = merge_readings(readings)
        path = write_merged(merged, folder / MERGED_NAME)
        ws.name(path, MERGED_NAME)
        names = [copy.name for copy in saved]
        workbook = Workbook(path, MERGED_NAME, check_workbook(path), sources=names)
        result = CheckResult(
            names,
            workbook,
            annotated="",
            merged=ws.offer(path),
            conflicts=merged.conflicts,
            read_lines=[
                f"{label}: {summarize(r.plan)}"
                for label, r in zip(merged.labels, merged.readings, strict=True)
            ],
        )
    annotated = folder / f"{Path(workbook.name).stem}-annotated.xlsx"
    write_annotated_copy(workbook.path, workbook.reading.findings, annotated, force=False)
    result.annotated = ws.offer(annotated)
    with ws.lock:
        ws.check = result
        ws.workbook = workbook
        # What the other pages made came from the previous workbook; how the letters should
        # look (template, date, what to make) still holds, but a sender may be gone.
        ws.briefing = None
        ws.letters.sender = ""
        ws.letters.template_lines = []  # its check was of the previous workbook's rows
        ws.letters_run = None
        ws.letters_folder = None
    return result
