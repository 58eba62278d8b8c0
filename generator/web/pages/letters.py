"""Letters: who gets one, which template, a preview, then the batch (``coalition letters``).

The invite list is shown as :func:`~generator.letters.batch.plan_letters` sees it, so each row
says whether a letter will be written and why not. An uploaded template is checked as
``coalition templates check`` checks it, with the same lines. A preview renders one letter
exactly as the batch will; the batch itself runs in the background (:mod:`..letters_run`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import Blueprint, Response, abort, jsonify, redirect, request, url_for

from generator.common.errors import CoalitionError, ConversionError
from generator.common.fileio import write_bytes_atomic
from generator.letters.batch import Options, plan_letters, render_letter, row_of
from generator.letters.templates import check_template, describe, export_templates
from generator.web.letters_run import Extras, LetterRun
from generator.web.pages import show, workspace
from generator.web.security import Upload, accepts
from generator.web.uploads import save_uploads
from generator.web.workspace import LetterChoices, Workspace
from generator.word.pages import pdf_pages
from generator.word.pdf import convert_to_pdf, find_soffice
from generator.word.text import document_paragraphs

blueprint = Blueprint("letters", __name__)

TEMPLATE_FALLBACK = "letter.docx"
#: A letter is read from its picture, so it is drawn sharper than the briefing's pages.
PREVIEW_DPI = 120

#: The batch's messages name the options of ``coalition letters``; on this page they are boxes.
OPTION_WORDS = {
    "add --keep-informed to write an update letter": (
        "tick \u201cAlso write update letters\u201d to write one"
    ),
    " (pass --force to overwrite)": " (delete them from the letters folder to have them written "
    "again)",
    " (--only, --only-sender)": " (only one sender\u2019s letters were asked for)",
}


def say(ws: Workspace, text: str) -> str:
    """A message of the letters as this page shows it."""
    for option, words in OPTION_WORDS.items():
        text = text.replace(option, words)
    return ws.tell(text)


@dataclass(frozen=True)
class Row:
    """One invite-list row as the page lists it."""

    row: int
    member: str
    organization: str
    sender: str
    status: str
    letter: str  # "invitation", "update", or "" for none
    detail: str  # the letter's file name, or why there is none


def options_of(choices: LetterChoices) -> Options:
    return Options(
        template=choices.template,
        keep_informed=choices.keep_informed,
        only_senders=(choices.sender,) if choices.sender else (),
        date=dt.date.fromisoformat(choices.date) if choices.date else None,
    )


def invite_rows(ws: Workspace, choices: LetterChoices) -> list[Row]:
    assert ws.workbook is not None
    plan = ws.workbook.reading.plan
    jobs, skipped, _ = plan_letters(plan, options_of(choices))
    letters = {job.row: job for job in jobs}
    reasons = {result.row: result.reason for result in skipped}
    rows = []
    for position, invitee in enumerate(plan.invitees):
        number = row_of(invitee, position)
        job = letters.get(number)
        if job is not None:
            letter, detail = job.kind.value, job.file
        else:
            letter = ""
            asked = f"left out: only {choices.sender}\u2019s letters were asked for"
            detail = say(ws, reasons.get(number, asked))
        status = invitee.status_text or invitee.status.value
        who = (invitee.member, invitee.organization, invitee.sender)
        rows.append(Row(number, *who, status, letter, detail))
    return rows


def libreoffice_missing() -> str:
    try:
        find_soffice()
    except ConversionError as error:
        return str(error)
    return ""


@blueprint.get("/letters")
def page() -> tuple[str, int]:
    return letters_page()


def letters_page(status: int = 200, error: str = "") -> tuple[str, int]:
    ws = workspace()
    rows: list[Row] = []
    senders: list[str] = []
    templates: dict[str, str] = {}
    if ws.workbook is not None:
        plan = ws.workbook.reading.plan
        senders = sorted({i.sender for i in plan.invitees if i.sender}, key=str.casefold)
        templates = default_templates(ws)
        try:
            rows = invite_rows(ws, ws.letters)
        except CoalitionError as problem:
            error = error or say(ws, str(problem))
    run = ws.letters_run
    if run is not None and run.finished and run.zip_path and not run.zip_id:
        run.zip_id = ws.offer(run.zip_path)
    return show(
        "letters.html",
        status,
        error=error,
        rows=rows,
        senders=senders,
        choices=ws.letters,
        run=run,
        run_lines=[say(ws, line) for line in run.lines] if run and run.finished else [],
        results=run.batch.results if run and run.finished and run.batch else [],
        zip_id=run.zip_id if run else "",
        say=lambda text: say(ws, text),
        no_libreoffice=libreoffice_missing(),
        templates=templates,
    )


def default_templates(ws: Workspace) -> dict[str, str]:
    """The default templates and their field reference, to download and restyle in Word."""
    with ws.lock:
        if ws.templates_offered is None:
            folder = ws.folder("templates")
            ws.templates_offered = {p.name: ws.offer(p) for p in export_templates(folder)}
        return ws.templates_offered


@blueprint.post("/letters/choices")
def choose() -> Response | tuple[str, int]:
    problem = take_choices(workspace())
    if problem:
        return letters_page(400, problem)
    return redirect(url_for("letters.page"), 303)


def take_choices(ws: Workspace) -> str:
    """Remember what the choices form says; or say, in one sentence, what is wrong with it."""
    form = request.form
    date = form.get("date", "").strip()
    try:
        if date:
            dt.date.fromisoformat(date)
    except ValueError:
        return f"\u201c{date}\u201d is not a date; write it like 2026-05-04."
    sender = form.get("sender", "")
    plan = ws.workbook.reading.plan if ws.workbook is not None else None
    if sender and plan is not None and sender not in {i.sender for i in plan.invitees}:
        return "Choose a sender from the list."
    choices = ws.letters
    with ws.lock:
        choices.keep_informed = bool(form.get("keep_informed"))
        choices.sender = sender
        choices.date = date
        choices.pdf = bool(form.get("pdf"))
        choices.combined = bool(form.get("combined"))
        choices.eml = bool(form.get("eml"))
        choices.allow_errors = bool(form.get("allow_errors"))
    return ""


@blueprint.post("/letters/template")
@accepts(lambda limits: Upload(1, limits.template_bytes))
def template() -> Response | tuple[str, int]:
    ws = workspace()
    if ws.workbook is None:
        return redirect(url_for("letters.page"), 303)
    choices = ws.letters
    try:
        (saved,) = save_uploads(
            request.files.getlist("template"),
            ws.folder("template") / "uploaded",
            most=1,
            fallback=TEMPLATE_FALLBACK,
            what="a Word template (.docx)",
        )
        ws.name(saved.path, saved.name)
        result = check_template(
            saved.path, ws.workbook.reading.plan, keep_informed=choices.keep_informed
        )
    except CoalitionError as error:
        return letters_page(400, ws.tell(str(error)))
    with ws.lock:
        choices.template_lines = [ws.tell(line) for line in describe(result)]
        choices.template_refused = bool(result.unknown)
        if not result.unknown:
            choices.template, choices.template_name = saved.path, saved.name
    return redirect(url_for("letters.page", _anchor="template"), 303)


@blueprint.post("/letters/template/default")
def default_template() -> Response:
    ws = workspace()
    with ws.lock:
        ws.letters.template, ws.letters.template_name = None, ""
        ws.letters.template_lines, ws.letters.template_refused = [], False
    return redirect(url_for("letters.page", _anchor="template"), 303)


@blueprint.post("/letters/preview/<int:row>")
def preview_with_choices(row: int) -> Response | tuple[str, int]:
    """A preview button of the invite list sends the choices form: preview what is ticked."""
    problem = take_choices(workspace())
    if problem:
        return letters_page(400, problem)
    return redirect(url_for("letters.preview", row=row), 303)


@blueprint.get("/letters/preview/<int:row>")
def preview(row: int) -> tuple[str, int]:
    ws = workspace()
    if ws.workbook is None:
        abort(404)
    plan = ws.workbook.reading.plan
    if row not in {row_of(invitee, i) for i, invitee in enumerate(plan.invitees)}:
        abort(404)
    try:
        job, data = render_letter(plan, row, options_of(ws.letters))
    except CoalitionError as error:
        return show("letter.html", 400, error=say(ws, str(error)), row=row)
    with ws.lock:
        if ws.previews is None:
            ws.previews = ws.folder("previews")
    folder = ws.previews / f"row-{row}"
    folder.mkdir(exist_ok=True)
    docx = folder / job.file
    write_bytes_atomic(docx, data)
    pictures: list[str] = []
    note = ""
    try:
        (pdf,) = convert_to_pdf([docx], folder, workers=1)
        pages = pdf_pages(pdf, folder / "pages", dpi=PREVIEW_DPI)
        pictures = [ws.offer(p, inline=True) for p in pages]
    except CoalitionError as error:
        note = f"No picture of the page: {ws.tell(str(error))}"
    return show(
        "letter.html",
        job=job,
        row=row,
        paragraphs=document_paragraphs(data),
        pictures=pictures,
        note=note,
        docx=ws.offer(docx),
    )


@blueprint.post("/letters/write")
def write() -> Response | tuple[str, int]:
    ws = workspace()
    workbook = ws.workbook
    if workbook is None:
        return redirect(url_for("letters.page"), 303)
    # The write button belongs to the choices form: what is ticked is what is written.
    problem = take_choices(ws)
    if problem:
        return letters_page(400, problem)
    choices = ws.letters
    if workbook.has_errors and not choices.allow_errors:
        return letters_page(
            400,
            f"{workbook.name} has errors, so no letters were written; correct them and check "
            "the workbook again, or tick \u201cWrite letters even though the workbook has "
            "errors\u201d.",
        )
    with ws.lock:
        if ws.letters_run is not None and not ws.letters_run.finished:
            return letters_page(409, "The letters are being written; wait for that batch first.")
        if ws.letters_folder is None:
            ws.letters_folder = ws.folder("letters")
            ws.name(ws.letters_folder, "letters")
        run = LetterRun(
            workbook.reading.plan,
            ws.letters_folder,
            options_of(choices),
            Extras(pdf=choices.pdf, combined=choices.combined, eml=choices.eml),
        )
        ws.letters_run = run
    run.start()
    # No #fragment: a browser without script refreshes the page to follow the batch, and a
    # refresh of an address with a fragment stays put.
    return redirect(url_for("letters.page"), 303)


@blueprint.get("/letters/progress")
def progress() -> Response:
    run = workspace().letters_run
    if run is None:
        return jsonify({"done": 0, "total": 0, "phase": "", "finished": True})
    return jsonify(run.progress())
