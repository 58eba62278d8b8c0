"""The Instructions sheet: what each part asks, in the worksheet's own words."""

from __future__ import annotations

from typing import Any

from openpyxl.comments import Comment
from openpyxl.worksheet.worksheet import Worksheet

from generator import __version__
from generator.excel.styles import (
    ANSWER_FILL,
    BORDER,
    NAVY,
    OPEN,
    WRAP_TOP,
    fit_row,
    font,
    put_text,
)
from generator.excel.writer.sheet_setup import print_setup, protect
from generator.plan.model import Cover
from generator.worksheet import (
    COVER_LABELS,
    LAYOUT_VERSION,
    LISTS_SHEET,
    MARK,
    PART2,
    PART4,
    STATUSES,
    TABLES,
    WORKSHEET_TITLE,
    Vocabulary,
)
from generator.worksheet.metrics_sheet import METRICS_SHEET

INTRO = (
    "Use this workbook to brainstorm a list of potential partner organizations to invite to your "
    "Mobility Coalition. Cast a broad net and consider organizations already doing upward "
    "mobility-related work, organizations you may not have worked with before, and organizations "
    "that may oppose your cause but whose participation will be critical to success. Answer "
    "based on your preliminary understanding of your local mobility conditions, and return to it "
    "once you have conducted a more comprehensive analysis."
)

#: How to choose, in the words of someone filling in a form.
HOW_TO = (
    "Type your answers in the yellow cells. The headings are locked so that they are not changed "
    "by accident.",
    "Where a cell shows a small arrow, choose from its list. To tick an option (in Part 1, and "
    "under the populations, domains and assets of Parts 2 and 3), choose \u201c"
    + MARK
    + "\u201d or type it; leave the cell empty for no.",
    "Enter organizations in Parts 2 and 3 first: Parts 4 and 5 offer them in their lists.",
    "You may add rows, delete rows and sort. Please do not rename the sheets or the headings.",
    "On paper: print the workbook; each part prints with its own title and empty rows to write in.",
)

STATUS_MEANINGS = {
    "Invite": "an invitation letter should be written and sent.",
    "Keep informed": "not invited now; send updates (the worksheet's \u201ckeep informed\u201d "
    "category).",
    "Invited": "the invitation has gone out.",
    "Accepted": "they said yes.",
    "Declined": "they said no, for now.",
}

INSTRUCTIONS_WIDTH = 110


class _Page:
    """The Instructions sheet written line by line: a label in column A, its text in B."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.row = 1
        sheet.column_dimensions["A"].width = 24
        sheet.column_dimensions["B"].width = INSTRUCTIONS_WIDTH
        sheet.sheet_view.showGridLines = False

    def line(self, label: str, text: str, *, bold: bool = False, answer: bool = False) -> None:
        label_cell = self.sheet.cell(self.row, 1, label)
        label_cell.font = font(bold=True, color=NAVY)
        label_cell.alignment = WRAP_TOP
        text_cell = self.sheet.cell(self.row, 2)
        put_text(text_cell, text)  # the community's name is the user's text
        text_cell.alignment = WRAP_TOP
        if bold:
            text_cell.font = font(bold=True)
        if answer:
            text_cell.fill = ANSWER_FILL
            text_cell.protection = OPEN
            text_cell.border = BORDER
        fit_row(self.sheet, self.row, [(text, INSTRUCTIONS_WIDTH)])
        self.row += 1

    def note(self, text: str, **style: Any) -> None:
        """A line of its own across the page (the title, the subtitle, the footer)."""
        self.sheet.cell(self.row, 1, text).font = font(**style)
        self.row += 1

    def gap(self, rows: int = 1) -> None:
        self.row += rows


def write_instructions(
    sheet: Worksheet, vocabulary: Vocabulary, cover: Cover, data_about: str = ""
) -> None:
    """The first sheet a partner sees: what to fill in, how to choose, whom to return it to;
    ``data_about`` names the place whose Mobility Metrics the workbook carries."""
    page = _Page(sheet)
    page.note(WORKSHEET_TITLE, bold=True, size=18, color=NAVY)
    page.note(
        "A worksheet of the Urban Institute's Toolkit for Increasing Upward Mobility in Your "
        "Community, as a workbook.",
        italic=True,
        color="595959",
    )
    page.gap()
    _cover(page, cover)
    page.gap()
    page.line("About", INTRO)
    for number, tip in enumerate(HOW_TO, start=1):
        page.line("How to fill it in" if number == 1 else "", tip)
    page.gap()
    _parts(page, data_about)
    page.gap()
    _statuses(page)
    page.gap()
    page.note(
        f"Layout version {LAYOUT_VERSION}, made by coalition {__version__}. The option lists are "
        f"on the {LISTS_SHEET} sheet.",
        italic=True,
        color="808080",
        size=9,
    )
    protect(sheet)
    print_setup(sheet, title=WORKSHEET_TITLE)
    sheet.page_setup.orientation = "portrait"


def _cover(page: _Page, cover: Cover) -> None:
    """For which community, whom to return it to, by when: what a partner needs first."""
    page.line(COVER_LABELS["community"], cover.community, answer=True)
    page.sheet.cell(page.row - 1, 2).comment = Comment(
        "The community or coalition this workbook is for; it appears on the briefing and the "
        "letters.",
        "coalition",
    )
    page.line(
        COVER_LABELS["return_to"],
        cover.return_to or "the person who sent you this workbook",
        bold=bool(cover.return_to),
    )
    if cover.due:
        page.line(COVER_LABELS["due"], cover.due_text, bold=True)


def _parts(page: _Page, data_about: str) -> None:
    """What each part asks, in the worksheet's words, and its examples."""
    page.line(
        "Part 1",
        "Identify your coalition's needs: which groups face the greatest barriers to upward "
        "mobility, which areas are of greatest concern, and what assets your coalition needs. "
        "Tick every option that applies; for People of color, write the specific racial or "
        "ethnic group(s); for Other, say what you mean.",
    )
    for table in TABLES:
        page.line(table.part, f"{table.title.split('. ', 1)[-1]}. {table.guidance}")
    if data_about:
        page.line(
            "The data",
            f"{METRICS_SHEET}: where {data_about} stands on the Urban Institute's Mobility "
            "Metrics, the data behind Part 1's areas of concern; Part 1 says what it suggests "
            "beside each area. Read-only; the data suggests, the coalition decides.",
        )
    page.gap()
    page.line("Example", f"{PART2.title}: " + " | ".join(PART2.example))
    page.line("", f"{PART4.title}: " + " | ".join(PART4.example))


def _statuses(page: _Page) -> None:
    """What each status of Part 5 means, and what the columns beyond the worksheet's are for."""
    for number, status in enumerate(STATUSES):
        page.line(
            "Status (Part 5)" if number == 0 else "",
            f"{status}: {STATUS_MEANINGS.get(status, '')}",
        )
    page.line(
        "",
        "The columns under \u201cFor letters and tracking\u201d are not in the worksheet: they "
        "hold what an invitation letter and its follow-up need (salutation, email, mailing "
        "address, the sender's title, the status).",
    )
