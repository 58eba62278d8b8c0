"""Briefing: the Word briefing for leadership (``coalition report``), its PDF and its pages.

The PDF is made by LibreOffice and its pages drawn by pdftoppm when they are installed; when
one is missing the page says which, with how to install it, and the .docx is still there.
"""

from __future__ import annotations

from flask import Blueprint, Response, redirect, request, url_for

from generator.briefing.report import findings_note, report_filename, write_report
from generator.common.english import counted
from generator.common.errors import CoalitionError
from generator.web.pages import show, workspace
from generator.web.workspace import Briefing
from generator.word.pages import pdf_pages
from generator.word.pdf import convert_to_pdf

blueprint = Blueprint("briefing", __name__)

#: Sharp enough to read a page opened on its own; the page shows them smaller.
PREVIEW_DPI = 110


@blueprint.get("/briefing")
def page() -> tuple[str, int]:
    return show("briefing.html")


@blueprint.post("/briefing")
def write() -> Response | tuple[str, int]:
    ws = workspace()
    workbook = ws.workbook
    if workbook is None:
        return redirect(url_for("briefing.page"), 303)
    prepared_by = " ".join(request.form.get("prepared_by", "").split())
    if workbook.has_errors and not request.form.get("allow_errors"):
        errors = counted(len(workbook.reading.errors), "error")
        message = (
            f"{workbook.name} has {errors}, so no briefing was written; correct them and check "
            "the workbook again, or tick \u201cWrite it anyway\u201d to have them listed in it."
        )
        return show("briefing.html", 400, error=message, prepared_by=prepared_by)
    reading = workbook.reading
    folder = ws.folder("briefing")
    try:
        docx = write_report(
            reading.plan,
            reading.findings,
            folder / report_filename(reading.plan.community),
            prepared_by=prepared_by,
        )
    except CoalitionError as error:
        return show("briefing.html", 400, error=ws.tell(str(error)), prepared_by=prepared_by)
    briefing = Briefing(docx=ws.offer(docx), prepared_by=prepared_by)
    if reading.findings:
        briefing.lines.append(findings_note(reading.findings))
    try:
        (pdf,) = convert_to_pdf([docx], folder, workers=1)
        briefing.pdf = ws.offer(pdf)
        pictures = pdf_pages(pdf, folder / "pages", dpi=PREVIEW_DPI)
        briefing.pages = [ws.offer(p, inline=True) for p in pictures]
    except CoalitionError as error:
        what = "no preview" if briefing.pdf else "no PDF and no preview"
        briefing.note = f"The briefing is written, with {what}: {ws.tell(str(error))}"
    with ws.lock:
        if ws.workbook is workbook:  # not replaced by another check meanwhile
            ws.briefing = briefing
    return redirect(url_for("briefing.page"), 303)
