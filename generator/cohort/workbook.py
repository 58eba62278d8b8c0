"""The cohort summary as an Excel workbook: tables with filters, and Excel's own charts.

Sheets, in order: Summary (key numbers, the priorities chosen often but covered rarely, the most
chosen priorities with a chart, files skipped), Communities (one row per workbook), Priorities
(every group, area and asset, with a chart per checklist), Organization types, Acceptance (by
organization type and by the sender's role), Invitations (each tracked invitation, without the
invitee's name or contact details) and Check findings. The workbook carries a defined name that
marks it as a summary, so that a later search of the folder leaves it out.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.utils import column_index_from_string
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from generator.cohort.discover import SUMMARY_MARK
from generator.cohort.summary import RARELY_SHARE, CohortSummary
from generator.cohort.tables import (
    EXISTING_COLOUR,
    GAP_COLOUR,
    NOTE_FONT,
    NUMBER,
    POTENTIAL_COLOUR,
    Col,
    bar_chart,
    chart_rows,
    title,
    write_table,
)
from generator.common.english import counted, written_date
from generator.excel.styles import ERROR_FILL, WARNING_FILL, font, put_text
from generator.excel.writer.sheet_setup import Block, PagePlan, column_pt, plan_pages, print_setup

SUMMARY_SHEET = "Summary"
COMMUNITIES_SHEET = "Communities"
PRIORITIES_SHEET = "Priorities"
CHARTS_SHEET = "Priority charts"
TYPES_SHEET = "Organization types"
ACCEPTANCE_SHEET = "Acceptance"
INVITATIONS_SHEET = "Invitations"
FINDINGS_SHEET = "Check findings"

#: The heading row of each sheet's table, under the sheet's title and its note.
TOP = 4
#: How wide a sheet's note runs before it wraps, in Excel's units (about a landscape page).
NOTE_WIDTH = 150
#: How many of the most chosen priorities the Summary sheet charts.
TOP_PRIORITIES = 12

COMMUNITY_COLUMNS = (
    Col("community", "Community", 26, "wrap"),
    Col("file", "File", 30, "wrap"),
    Col("state", "State", 14, "wrap"),
    Col("layout", "Layout version", 12, "int"),
    Col("existing", "Existing partners", 10, "int"),
    Col("potential", "Potential partners", 10, "int"),
    Col("to_invite", "To invite", 9, "int"),
    Col("invited", "Invited", 9, "int"),
    Col("accepted", "Accepted", 9, "int"),
    Col("declined", "Declined", 9, "int"),
    Col("keep_informed", "Keep informed", 9, "int"),
    Col("groups", "Groups chosen", 9, "int"),
    Col("areas", "Areas chosen", 9, "int"),
    Col("assets", "Assets chosen", 9, "int"),
    Col("no_partner", "Priorities with no partner", 11, "int"),
    Col("no_partner_list", "Which have no partner", 36, "wrap"),
    Col("errors", "Errors", 8, "int"),
    Col("warnings", "Warnings", 9, "int"),
    Col("note", "Note", 48, "wrap"),
)
PRIORITY_COLUMNS = (
    Col("checklist", "Checklist", 16, "wrap"),
    Col("priority", "Priority", 36, "wrap"),
    Col("pillar", "Pillar", 24, "wrap"),
    Col("chosen", "Communities choosing it", 12, "int"),
    Col("share", "Share of communities", 11, "percent"),
    Col("existing", "With an existing partner", 11, "int"),
    Col("potential_only", "Only potential partners", 11, "int"),
    Col("no_partner", "No partner", 10, "int"),
    Col("covered_share", "Share with a partner", 11, "percent"),
    Col("flag", "Chosen often, covered rarely", 12, "text"),
)
WATCH_COLUMNS = (
    Col("priority", "Priority", 46, "wrap"),
    Col("checklist", "Checklist", 14, "wrap"),
    Col("chosen", "Communities choosing it", 13, "int"),
    Col("no_partner", "With no partner", 13, "int"),
    Col("covered_share", "Share with a partner", 13, "percent"),
)
TOP_COLUMNS = (
    Col("priority", "Priority", 46, "wrap"),
    Col("chosen", "Communities choosing it", 14, "int"),
    Col("existing", "With an existing partner", 13, "int"),
    Col("potential_only", "Only potential partners", 13, "int"),
    Col("no_partner", "No partner", 13, "int"),
)
TYPE_COLUMNS = (
    Col("type", "Type of organization", 30, "wrap"),
    Col("existing", "Existing partners", 11, "int"),
    Col("potential", "Potential partners", 11, "int"),
    Col("partners", "All partners", 10, "int"),
    Col("share", "Share of all partners", 11, "percent"),
    Col("communities", "Communities with one", 12, "int"),
)
ACCEPTANCE_COLUMNS = (
    Col("group", "", 30, "wrap"),
    Col("sent", "Invitations sent", 11, "int"),
    Col("accepted", "Accepted", 10, "int"),
    Col("declined", "Declined", 10, "int"),
    Col("awaiting", "No answer yet", 10, "int"),
    Col("accepted_of_sent", "Accepted, of those sent", 12, "percent"),
    Col("accepted_of_answered", "Accepted, of those who answered", 13, "percent"),
)
INVITATION_COLUMNS = (
    Col("community", "Community", 24, "wrap"),
    Col("organization", "Organization", 32, "wrap"),
    Col("organization_type", "Type of organization", 24, "wrap"),
    Col("sender", "Sender", 24, "wrap"),
    Col("sender_title", "Sender's title", 36, "wrap"),
    Col("sender_role", "Sender's role", 22, "wrap"),
    Col("status", "Status", 11, "text"),
)
FINDING_COLUMNS = (
    Col("code", "Finding", 28, "text"),
    Col("severity", "Severity", 10, "text"),
    Col("workbooks", "Workbooks with it", 12, "int"),
    Col("times", "Times found", 10, "int"),
)
SKIPPED_COLUMNS = (
    Col("label", "File", 46, "wrap"),
    Col("reason", "Why it was skipped", 14, "wrap"),
)


def build_summary_workbook(summary: CohortSummary) -> Workbook:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = SUMMARY_SHEET
    _summary_sheet(first, summary)
    _communities_sheet(workbook.create_sheet(COMMUNITIES_SHEET), summary)
    _priorities_sheet(
        workbook.create_sheet(PRIORITIES_SHEET), workbook.create_sheet(CHARTS_SHEET), summary
    )
    _types_sheet(workbook.create_sheet(TYPES_SHEET), summary)
    _acceptance_sheet(workbook.create_sheet(ACCEPTANCE_SHEET), summary)
    sheet = workbook.create_sheet(INVITATIONS_SHEET)
    top = title(
        sheet,
        "Invitations sent, where statuses are tracked",
        "Each invite-list row whose status is Invited, Accepted or Declined. The invitee's name "
        "and contact details stay in the community's own workbook.",
    )
    write_table(sheet, summary.invitations, INVITATION_COLUMNS, name="Invitations", top=top)
    _finish(sheet, top)
    sheet = workbook.create_sheet(FINDINGS_SHEET)
    top = title(
        sheet,
        "What coalition check found, across the communities counted",
        "The codes are explained in the README under coalition check.",
    )
    write_table(sheet, summary.findings, FINDING_COLUMNS, name="Findings", top=top)
    _finish(sheet, top)

    workbook.defined_names[SUMMARY_MARK] = DefinedName(SUMMARY_MARK, attr_text="1")
    workbook.properties.title = "Cohort summary"
    workbook.properties.creator = "coalition summarize"
    workbook.active = 0
    for sheet in workbook.worksheets:
        sheet.sheet_view.tabSelected = sheet is first
    return workbook


def _finish(sheet: Worksheet, heading_row: int, freeze_column: str = "A") -> None:
    """Headings stay in view and print on every page; a wide table prints over a few pages
    wide, each repeating its first column, rather than shrunk to one."""
    sheet.freeze_panes = f"{freeze_column}{heading_row + 1}"
    columns = [
        (index, dimension.width)
        for index, dimension in (
            (column_index_from_string(letter), d) for letter, d in sheet.column_dimensions.items()
        )
        if dimension.width
    ]
    blocks = [Block((index,), (column_pt(width),)) for index, width in sorted(columns)]
    plan = plan_pages(blocks, matrix=False) if blocks else PagePlan()
    print_setup(
        sheet,
        title=f"Cohort summary: {sheet.title}",
        title_rows=f"{heading_row}:{heading_row}",
        plan=plan,
        repeat_key=plan.pages_wide > 1,
    )


# --- Summary ------------------------------------------------------------------------------------


def _summary_sheet(sheet: Worksheet, summary: CohortSummary) -> None:
    n = summary.numbers
    source = counted(n["files"], "workbook")
    row = title(
        sheet,
        f"Cohort summary: {counted(n['communities'], 'community', 'communities')}",
        f"Written by coalition summarize on {written_date(summary.today)} from {source}.",
    )
    for offset, column in enumerate(TOP_COLUMNS):
        sheet.column_dimensions[chr(ord("A") + offset)].width = column.width
    chart_top = row
    lines: list[tuple[str, object, object]] = [
        ("Communities counted", n["communities"], None),
        (
            "Workbooks that could not be read",
            n["unreadable"],
            ERROR_FILL if n["unreadable"] else None,
        ),
        ("Duplicates not counted", n["duplicates"], WARNING_FILL if n["duplicates"] else None),
        ("Files skipped", n["skipped"], None),
        ("Existing partners", n["existing_partners"], None),
        ("Potential partners", n["potential_partners"], None),
        ("Partners per community (median)", n["median_partners"], None),
        ("Invitations still to send", n["to_invite"], None),
        ("Invited, no answer yet", n["invited"], None),
        ("Accepted", n["accepted"], None),
        ("Declined", n["declined"], None),
        ("Kept informed", n["keep_informed"], None),
        ("Communities with a priority no partner covers", n["with_gaps"], None),
        ("Communities whose workbook has errors", n["with_errors"], None),
        ("Communities tracking invitation statuses", n["tracking"], None),
        ("Accepted, of the invitations they sent", _percent(n["accepted_of_sent"]), None),
        ("Accepted, of those who answered", _percent(n["accepted_of_answered"]), None),
    ]
    for label, value, fill in lines:
        sheet.cell(row, 1, label).font = font(11)
        cell = sheet.cell(row, 2, value)
        cell.font = font(11, bold=True)
        cell.alignment = NUMBER
        if isinstance(value, float):
            cell.number_format = "0%" if label.startswith("Accepted,") else "0.#"
        if fill is not None:
            cell.fill = fill
        row += 1

    row += 1
    sheet.cell(row, 1, "Chosen often, covered rarely").font = font(12, bold=True)
    put_text(
        sheet.cell(row + 1, 1),
        f"Chosen by at least {n['often']} of the "
        f"{counted(n['communities'], 'community', 'communities')}, and fewer than "
        f"{RARELY_SHARE:.0%} of those have a partner for it (existing or potential).",
    )
    sheet.cell(row + 1, 1).font = NOTE_FONT
    placed = write_table(
        sheet,
        summary.watch,
        WATCH_COLUMNS,
        name="ChosenOftenCoveredRarely",
        top=row + 2,
        empty="None: every priority chosen often has a partner in most communities.",
        widths=False,
    )
    row = placed.bottom + 2

    sheet.cell(row, 1, "Most chosen priorities").font = font(12, bold=True)
    top = summary.priorities.sort_values("chosen", ascending=False, kind="stable")
    top = top[top["chosen"] > 0].head(TOP_PRIORITIES)
    placed = write_table(sheet, top, TOP_COLUMNS, name="MostChosen", top=row + 1, widths=False)
    bar_chart(
        sheet,
        placed,
        "priority",
        [
            ("existing", EXISTING_COLOUR),
            ("potential_only", POTENTIAL_COLOUR),
            ("no_partner", GAP_COLOUR),
        ],
        anchor=f"G{chart_top}",
        title_text="Most chosen priorities, by who covers them",
        axis_title="Communities",
    )
    row = placed.bottom + 2

    if summary.skipped:
        sheet.cell(row, 1, "Files skipped").font = font(12, bold=True)
        for offset, skipped in enumerate(summary.skipped, start=1):
            # One line each, running on over the empty cells to its right.
            put_text(sheet.cell(row + offset, 1), f"{skipped.label}: {skipped.reason}")
    print_setup(sheet, title=f"Cohort summary: {sheet.title}")


def _percent(value: float | None) -> float | str:
    return "\u2014" if value is None else value


# --- Communities, priorities, types, acceptance ---------------------------------------------------


def _communities_sheet(sheet: Worksheet, summary: CohortSummary) -> None:
    top = title(
        sheet,
        "One row per workbook",
        "Unreadable workbooks say why; two workbooks of one community are both flagged, and "
        "only the one saved last is counted.",
    )
    placed = write_table(sheet, summary.communities, COMMUNITY_COLUMNS, name="Communities", top=top)
    state = placed.column_of("state")
    for row in range(placed.top + 1, placed.bottom + 1):
        cell = sheet.cell(row, state)
        if cell.value == "Unreadable":
            cell.fill = ERROR_FILL
        elif summary.records[row - placed.top - 1].duplicates:
            cell.fill = WARNING_FILL
    _finish(sheet, top, "B")


def _priorities_sheet(sheet: Worksheet, charts: Worksheet, summary: CohortSummary) -> None:
    frame = summary.priorities.copy()
    watched = set(zip(summary.watch["kind"], summary.watch["key"], strict=True))
    frame["flag"] = [
        "Yes" if (k, key) in watched else ""
        for k, key in zip(frame["kind"], frame["key"], strict=True)
    ]
    placed = write_table(sheet, frame, PRIORITY_COLUMNS, name="Priorities", top=TOP)
    title(
        sheet,
        "How often each priority is chosen, and covered",
        "A community covers a priority when one of its partners (Parts 2 and 3) serves that "
        "group, works in that area or brings that asset. Every option of the worksheet is "
        "listed, with a coalition's own options before Other.",
        across=NOTE_WIDTH,
    )
    _finish(sheet, TOP, "C")

    # One chart per checklist, one under the other, each printed on a page of its own.
    anchor = title(
        charts,
        "How often each priority is chosen, and covered",
        f"Drawn from the {PRIORITIES_SHEET} sheet: filter or sort it and the charts follow.",
    )
    first = placed.top + 1
    for checklist, rows in frame.groupby("checklist", sort=False).size().items():
        chart = bar_chart(
            sheet,
            placed,
            "priority",
            [
                ("existing", EXISTING_COLOUR),
                ("potential_only", POTENTIAL_COLOUR),
                ("no_partner", GAP_COLOUR),
            ],
            anchor=f"A{anchor}",
            title_text=f"{checklist}: communities choosing each, by who covers it",
            axis_title="Communities",
            rows=(first, first + int(rows) - 1),
            on=charts,
        )
        first += int(rows)
        if chart is not None:
            end = anchor + chart_rows(chart)
            charts.row_breaks.append(Break(id=end))
            # A blank row opens the next page: LibreOffice prints the top edge of a chart that
            # starts on a page's first row at the foot of the page before.
            anchor = end + 2
    print_setup(charts, title=f"Cohort summary: {charts.title}")
    charts.page_setup.orientation = "portrait"  # the areas' chart is taller than a landscape page


def _types_sheet(sheet: Worksheet, summary: CohortSummary) -> None:
    top = title(
        sheet,
        "The mix of organization types",
        "Partners of Parts 2 and 3 of every community counted, by their type of organization.",
    )
    placed = write_table(sheet, summary.organization_types, TYPE_COLUMNS, name="Types", top=top)
    _finish(sheet, top)
    bar_chart(
        sheet,
        placed,
        "type",
        [("existing", EXISTING_COLOUR), ("potential", POTENTIAL_COLOUR)],
        anchor=f"H{top}",
        title_text="Partners by type of organization",
        axis_title="Partners",
    )


def _acceptance_sheet(sheet: Worksheet, summary: CohortSummary) -> None:
    n = summary.numbers
    top = TOP
    charts_at = sheet.cell(top, len(ACCEPTANCE_COLUMNS) + 2).column_letter
    anchor = top
    for name, frame, heading in (
        ("ByOrganizationType", summary.acceptance_by_type, "Type of organization invited"),
        ("BySenderRole", summary.acceptance_by_role, "Sender's role"),
    ):
        columns = (Col("group", heading, 30, "wrap"), *ACCEPTANCE_COLUMNS[1:])
        # The last row is the total over every group: kept out of the table and its chart.
        groups, total = frame.iloc[:-1], frame.iloc[-1].to_dict() if len(frame) else None
        placed = write_table(
            sheet,
            groups,
            columns,
            name=name,
            top=top,
            empty="No community tracks statuses yet.",
            total=total,
        )
        chart = bar_chart(
            sheet,
            placed,
            "group",
            [("accepted_of_sent", EXISTING_COLOUR)],
            anchor=f"{charts_at}{anchor}",
            title_text=f"Accepted, of the invitations sent, by {heading.lower()}",
            axis_title="Accepted",
            stacked=False,
            percent=True,
        )
        if chart is not None:
            anchor += chart_rows(chart) + 1
        top = placed.bottom + (4 if total else 3)
    title(
        sheet,
        "Acceptance of invitations",
        f"Where statuses are tracked: {counted(n['tracking'], 'community', 'communities')} "
        f"of {n['communities']} mark invitations Invited, Accepted or Declined. The sender's role "
        "is read from the sender's name and title: a public office (mayor, council member, "
        "commissioner) makes a public official; a title naming one of the community's partner "
        "organizations gives that organization's type.",
        across=sum(c.width for c in ACCEPTANCE_COLUMNS),
    )
    print_setup(sheet, title=f"Cohort summary: {sheet.title}")
