"""The Instructions sheet: what each part asks, in the worksheet's own words."""

from __future__ import annotations

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
from generator.worksheet import (
    LAYOUT_VERSION,
    LISTS_SHEET,
    MARK,
    PART1_SHEET,
    PART2,
    PART4,
    STATUSES,
    TABLES,
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


HOW_TO = (
    "Yellow cells are for your answers; headings are locked so they are not changed by accident.",
    "Where a cell offers a dropdown arrow, choose from the list. To mark an option (Part 1, and "
    f"the columns of populations, domains and assets in Parts 2 and 3), choose \u201c{MARK}\u201d "
    "(or type it). Leave it blank for no.",
    "Parts 4 and 5 offer the organizations you entered in Parts 2 and 3: enter partners there "
    "first.",
    "Several people can fill in copies of this workbook; `coalition merge` joins them and lists "
    "every disagreement.",
    "Run `coalition check` on the finished workbook: it reports every problem by sheet and cell.",
    "Do not rename sheets or headings; you may insert and delete rows and sort. The sheets are "
    "protected without a password: to add columns of your own, unprotect the sheet first.",
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


def write_instructions(
    sheet: Worksheet, vocabulary: Vocabulary, community: str, data_about: str = ""
) -> None:
    """The Instructions sheet; ``data_about`` names the place whose Mobility Metrics it carries."""
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = INSTRUCTIONS_WIDTH
    sheet.sheet_view.showGridLines = False
    row = 1

    def line(label: str, text: str, *, bold: bool = False) -> None:
        nonlocal row
        label_cell = sheet.cell(row, 1, label)
        label_cell.font = font(bold=True, color=NAVY)
        label_cell.alignment = WRAP_TOP
        text_cell = sheet.cell(row, 2)
        put_text(text_cell, text)  # the community's name is the user's text
        text_cell.alignment = WRAP_TOP
        if bold:
            text_cell.font = font(bold=True)
        fit_row(sheet, row, [(text, INSTRUCTIONS_WIDTH)])
        row += 1

    title = sheet.cell(row, 1, "Identifying Potential Coalition Members")
    title.font = font(bold=True, size=18, color=NAVY)
    row += 1
    sub = sheet.cell(
        row,
        1,
        "A worksheet of the Urban Institute's Toolkit for Increasing Upward Mobility in Your "
        "Community, as a workbook.",
    )
    sub.font = font(italic=True, color="595959")
    row += 2
    line("Community", community)
    community_cell = sheet.cell(row - 1, 2)
    community_cell.fill = ANSWER_FILL
    community_cell.protection = OPEN
    community_cell.border = BORDER
    sheet.cell(row - 1, 2).comment = Comment(
        "The community or coalition this workbook is for; it appears on the report and letters.",
        "coalition",
    )
    row += 1
    line("About", INTRO)
    for number, tip in enumerate(HOW_TO, start=1):
        line("How to fill it in" if number == 1 else "", tip)
    row += 1

    parts = [
        (
            "Part 1",
            f"{PART1_SHEET}: Identify your coalition's needs. Which groups face the greatest "
            "barriers to upward mobility, which areas are of greatest concern, and what assets "
            "your coalition needs. Mark every option that applies; for People of color, write "
            "the specific racial or ethnic group(s); for Other, say what you mean.",
        ),
    ]
    for table in TABLES:
        parts.append((table.part, f"{table.sheet}: {table.title}. {table.guidance}"))
    if data_about:
        parts.append(
            (
                "The data",
                f"{METRICS_SHEET}: where {data_about} stands on the Urban Institute's Mobility "
                "Metrics, the data behind Part 1's areas of concern; Part 1 says what it suggests "
                "beside each area. Read-only; the data suggests, the coalition decides.",
            )
        )
    for part, text in parts:
        line(part, text)
    row += 1
    line(
        "Example",
        f"{PART2.title}: " + " | ".join(PART2.example),
    )
    line("", f"{PART4.title}: " + " | ".join(PART4.example))
    row += 1
    for number, status in enumerate(STATUSES):
        line(
            "Status (Part 5)" if number == 0 else "",
            f"{status}: {STATUS_MEANINGS.get(status, '')}",
        )
    row += 1
    line(
        "Part 5 letters",
        "The columns under \u201cFor letters and tracking\u201d are not in the worksheet: they "
        "hold what an invitation letter and its follow-up need (salutation, email, mailing "
        "address, the sender's title, the status).",
    )
    row += 1
    footer = sheet.cell(
        row,
        1,
        f"Layout version {LAYOUT_VERSION}, made by coalition {__version__}. Option lists: see "
        f"the {LISTS_SHEET} sheet.",
    )
    footer.font = font(italic=True, color="808080", size=9)
    protect(sheet)
    print_setup(sheet, None)
    sheet.page_setup.orientation = "portrait"
