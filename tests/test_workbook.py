"""The workbook `coalition new-workbook` emits, opened the way Excel, LibreOffice and people do.

Every test opens a written .xlsx with openpyxl (never the in-memory object), because what matters
is what a spreadsheet program finds in the file.
"""

from __future__ import annotations

import itertools
import warnings
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator.excel.writer import write_workbook
from generator.excel.writer.dropdowns import PROMPT_MAX, PROMPT_TITLE_MAX
from generator.excel.writer.sheet_setup import PAPER_ROW_HEIGHT
from generator.plan.model import (
    Benefit,
    Choice,
    CoalitionPlan,
    Invitee,
    Needs,
    Partner,
    PartnerKind,
)
from generator.word.pdf import convert_workbook
from generator.worksheet import (
    CHECKLISTS,
    DEFAULT_VOCABULARY,
    EXTRA_GROUP_HEADING,
    FIRST_DATA_ROW,
    LAYOUT_VERSION,
    LISTS,
    MARK,
    PART1_HEADINGS,
    PART2,
    PART3,
    PART4,
    PART5,
    TABLE_ROWS,
    TABLES,
    Kind,
    Status,
    Table,
    Vocabulary,
)
from generator.worksheet.config import parse_config
from generator.worksheet.placement import place_part1, place_table

LAST_DATA_ROW = FIRST_DATA_ROW + TABLE_ROWS - 1
LIST_NAMES = {spec.name: spec.key for spec in LISTS}

# --- Helpers ------------------------------------------------------------------------------------


def open_workbook(path: Path, **options: bool) -> Workbook:
    """Load like the reader does, but fail on any warning (e.g. dropped validation extensions)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        workbook = load_workbook(path, **options)
    assert [str(w.message) for w in caught] == []
    return workbook


def named_values(workbook: Workbook, name: str) -> tuple[str, list[object]]:
    """The sheet a defined name points at, and the values of its cells, top to bottom."""
    (title, ref), *more = list(workbook.defined_names[name].destinations)
    assert more == []
    cells = workbook[title][ref.replace("$", "")]
    if not isinstance(cells, tuple):
        cells = ((cells,),)
    return title, [row[0].value for row in cells]


def validations(sheet: Worksheet) -> list[DataValidation]:
    return list(sheet.data_validations.dataValidation)


def validation_at(sheet: Worksheet, coordinate: str) -> DataValidation:
    found = [dv for dv in validations(sheet) if coordinate in dv.sqref]
    assert len(found) == 1, f"{sheet.title}!{coordinate} has {len(found)} validations"
    return found[0]


def headings(sheet: Worksheet, row: int) -> list[str]:
    return [c.value for c in sheet[row] if c.value is not None]


def awkward_plan() -> CoalitionPlan:
    """The worksheet's own examples, plus the awkward text people really type."""
    return CoalitionPlan(
        community="Forest City",
        needs=Needs(
            groups=[Choice("People of color", "Black and Hmong residents"), Choice("Young people")],
            areas=[Choice("Housing stability"), Choice("Financial security")],
            assets=[Choice("Convening power"), Choice("Other", "A bilingual outreach team")],
        ),
        partners=[
            Partner(
                "Forest City Asset Builders",
                PartnerKind.EXISTING,
                "Nonprofit",
                populations=["Young people", "Residents with low incomes", "People of color"],
                domains=["Financial security", "Housing stability"],
                assets=["Data sharing and transparency", "Staff capacity"],
            ),
            Partner(
                "Sports & Social <Club> {{ 7*7 }}",
                PartnerKind.EXISTING,
                "Other",
                populations=["Other", "Veterans"],  # Veterans is not an option: kept as text
                other_populations="Retirees",
                notes='=HYPERLINK("http://example.com")',
            ),
            Partner(
                "Forest City Community College",
                PartnerKind.POTENTIAL,
                "Anchor institution",
                populations=["Residents with low incomes", "English-language learners"],
                domains=["Employment opportunities", "Opportunities for income"],
                assets=["Convening power", "Research and analytical capacity", "Political clout"],
            ),
        ],
        benefits=[
            Benefit(
                "Forest City Asset Builders",
                "Wealth-Building for All campaign",
                "They want to expand their wealth-building programming to a wider audience in "
                "the city.",
                "Forest City AB director as champion; Forest City AB data analyst as data team "
                "lead",
                "They have a long history of work in this space that we can learn a lot from. "
                "However, they may be skeptical of people for whom this work is a newfound "
                "interest.",
            )
        ],
        invitees=[
            Invitee(
                "Dana Rivera",
                "Forest City Asset Builders",
                "Mayor Ana López",
                Status.KEEP_INFORMED,
                salutation="Dr. Rivera",
                email="dana@fcab.org",
                mailing_address="12 Main St\nForest City, OH 44000",
                sender_title="مكتب العمدة 🎉",
            )
        ],
    )


@pytest.fixture(scope="module")
def empty_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("empty") / "coalition-workbook.xlsx"
    return write_workbook(path, DEFAULT_VOCABULARY, community="Forest City")


@pytest.fixture(scope="module")
def empty(empty_path: Path) -> Workbook:
    return open_workbook(empty_path)


@pytest.fixture(scope="module")
def filled_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("filled") / "filled.xlsx"
    return write_workbook(path, DEFAULT_VOCABULARY, plan=awkward_plan())


def test_openpyxl_opens_it_without_a_single_warning(empty_path: Path, filled_path: Path) -> None:
    # In particular none about dropped data validation extensions: every dropdown points at a
    # defined name, which Excel keeps in the core part rather than in an extension.
    for path in (empty_path, filled_path):
        open_workbook(path)  # fails on any warning


# --- Sheets, names and the version --------------------------------------------------------------


def test_sheets_follow_the_worksheet_and_open_on_the_instructions(empty: Workbook) -> None:
    assert empty.sheetnames == [
        "Instructions",
        "Part 1 Needs",
        "Part 2 Existing",
        "Part 3 Potential",
        "Part 4 Benefits",
        "Part 5 Invite List",
        "Lists",
        "_coalition",
    ]
    assert empty.active.title == "Instructions"
    assert [ws.title for ws in empty.worksheets if ws.sheet_view.tabSelected] == ["Instructions"]
    assert {ws.title: ws.sheet_state for ws in empty.worksheets if ws.sheet_state != "visible"} == {
        "_coalition": "hidden"
    }


def test_the_layout_version_is_in_a_defined_name_and_on_the_hidden_sheet(empty: Workbook) -> None:
    assert empty.defined_names["CoalitionLayoutVersion"].attr_text == str(LAYOUT_VERSION)
    meta = empty["_coalition"]
    assert (meta["A1"].value, meta["B1"].value) == ("layout_version", LAYOUT_VERSION)
    assert (meta["A2"].value, meta["B2"].value) == ("community", "Forest City")


def test_defined_names_are_the_lists_the_partners_and_the_version(empty: Workbook) -> None:
    assert set(empty.defined_names) == {
        "Groups",
        "Areas",
        "Assets",
        "OrganizationTypes",
        "Statuses",
        "Mark",
        "Partners",
        "CoalitionLayoutVersion",
    }
    assert all(name.localSheetId is None for name in empty.defined_names.values())


@pytest.mark.parametrize("spec", LISTS, ids=lambda spec: spec.name)
def test_each_list_name_holds_exactly_its_options_on_the_lists_sheet(empty: Workbook, spec) -> None:
    sheet, values = named_values(empty, spec.name)
    assert sheet == "Lists"
    assert tuple(values) == DEFAULT_VOCABULARY.options(spec.key)


def test_areas_carry_their_pillar_beside_them(empty: Workbook) -> None:
    lists = empty["Lists"]
    (_, ref), *_ = empty.defined_names["Areas"].destinations
    cells = lists[ref.replace("$", "")]
    first = cells[0][0]
    assert lists.cell(first.row - 1, first.column + 1).value == "Pillar"
    pillars = {row[0].value: lists.cell(row[0].row, first.column + 1).value for row in cells}
    assert pillars["Housing affordability"] == "Opportunity-Rich and Inclusive Neighborhoods"
    assert pillars["Just policing"] == "Responsive and Just Governance"
    assert pillars == {area: DEFAULT_VOCABULARY.pillar_of(area) for area in pillars}


def test_the_lists_are_stacked_so_inserting_a_row_grows_only_one_list(empty: Workbook) -> None:
    spans = []
    for spec in LISTS:
        (_, ref), *_ = empty.defined_names[spec.name].destinations
        cells = empty["Lists"][ref.replace("$", "")]
        cells = cells if isinstance(cells, tuple) else ((cells,),)
        spans.append((cells[0][0].row, cells[-1][0].row))
    spans.sort()
    for (_, last), (first, _) in itertools.pairwise(spans):
        assert first > last + 1, "two lists share a row, so a row inserted in one grows both"
    assert empty["Lists"].protection.sheet is False  # a coalition may add its own options


# --- Headings -----------------------------------------------------------------------------------

# The worksheet's own column headings, word for word from the seed, left to right. The seed
# typesets Table 3's last heading as "Barriers to partnership /how ..."; the workbook spaces the
# slash and the reader accepts the seed's spelling as well (see the alias test below).
SEED_HEADINGS = {
    "Part 2 Existing": [
        "Organization name",
        "Type of organization",
        "Target populations served",
        "Domains of work",
        "Assets",
    ],
    "Part 3 Potential": [
        "Organization name",
        "Type of organization",
        "Target populations served",
        "Domain of work",
        "Assets",
    ],
    "Part 4 Benefits": [
        "Identified partner",
        "Aligned initiatives",
        "Motivations for joining",
        "Roles",
        "Barriers to partnership / how they're a good partner",
    ],
    "Part 5 Invite List": [
        "Potential coalition member",
        "Organization",
        "Who will send the invitation?",
    ],
}

TITLES = {
    "Part 2 Existing": "Part 2: Table 1. Existing Partnerships",
    "Part 3 Potential": "Part 3: Table 2. Potential New Partnerships",
    "Part 4 Benefits": "Part 4: Table 3. How Existing and Potential Partners Can Benefit the "
    "Coalition's Work",
    "Part 5 Invite List": "Part 5: Table 4. Mobility Coalition Final Invite List",
}


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.sheet)
def test_tables_show_the_worksheets_headings_word_for_word(empty: Workbook, table: Table) -> None:
    sheet = empty[table.sheet]
    assert sheet["A1"].value == TITLES[table.sheet]
    # A group heading stands over each printed page's share of its columns: said once here.
    worksheet_headings = [
        h for h in headings(sheet, 2) if h != table.extra_heading and "(describe)" not in h
    ]
    assert list(dict.fromkeys(worksheet_headings)) == SEED_HEADINGS[table.sheet]


def test_the_seeds_spelling_of_table_3s_last_heading_is_accepted() -> None:
    assert "Barriers to partnership /how they're a good partner" in PART4.column("barriers").aliases


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.sheet)
def test_every_column_sits_under_its_declared_heading(empty: Workbook, table: Table) -> None:
    sheet = empty[table.sheet]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    for placed in place_table(table, DEFAULT_VOCABULARY):
        column = table.column(placed.column_field)
        letter = placed.letter
        if column.kind is Kind.MARKS:
            assert sheet[f"{letter}3"].value == placed.option
        elif column.worksheet:
            assert sheet[f"{letter}2"].value == column.heading
            assert f"{letter}2:{letter}3" in merged
        else:
            assert sheet[f"{letter}3"].value == column.heading
    breaks = {b.id + 1 for b in sheet.col_breaks.brk}
    for run in _runs(table):
        # Each page's share of a group carries the group's heading, merged over its columns.
        chunks: list[list] = []
        for placed in run:
            if not chunks or placed.index in breaks:
                chunks.append([])
            chunks[-1].append(placed)
        for chunk in chunks:
            first, last = chunk[0].letter, chunk[-1].letter
            assert sheet[f"{first}2"].value == chunk[0].group
            if first != last:
                assert f"{first}2:{last}2" in merged


def _runs(table: Table) -> list[list]:
    """Columns that share a row-2 group heading: each mark matrix, and the tool's extras."""
    runs: dict[str, list] = {}
    for placed in place_table(table, DEFAULT_VOCABULARY):
        if placed.group:
            runs.setdefault(placed.group, []).append(placed)
    return list(runs.values())


def test_letters_and_tracking_columns_stand_apart_from_the_worksheets(empty: Workbook) -> None:
    sheet = empty[PART5.sheet]
    assert headings(sheet, 2) == [*SEED_HEADINGS[PART5.sheet], EXTRA_GROUP_HEADING]
    assert headings(sheet, 3) == [
        "Status",
        "Salutation",
        "Member's title",
        "Email",
        "Mailing address",
        "Sender's title",
        "Sender's email",
        "Sender's phone",
        "Notes",
    ]
    worksheet_fill = sheet["A2"].fill.fgColor.rgb
    assert {sheet.cell(3, c).fill.fgColor.rgb for c in range(4, 13)} != {worksheet_fill}
    assert sheet["D2"].fill.fgColor.rgb != worksheet_fill


def test_part1_asks_the_worksheets_three_questions_with_every_option(empty: Workbook) -> None:
    sheet = empty["Part 1 Needs"]
    layout = place_part1(DEFAULT_VOCABULARY)
    assert sheet["A1"].value == "Part 1: Identify Your Coalition's Needs"
    assert headings(sheet, 3) == list(PART1_HEADINGS) == ["Option", "Chosen?", "Details"]
    assert [sheet.cell(layout.questions[c.key], 1).value for c in CHECKLISTS] == [
        "Which of the following groups in your community face the greatest barriers to upward "
        "mobility?",
        "Which of the following areas are of greatest concern in your community?",
        "What assets does your Mobility Coalition need?",
    ]
    for pillar, row in layout.pillars.items():
        assert sheet.cell(row, 1).value == pillar
    options = [(item.checklist, sheet.cell(item.row, 1).value) for item in layout.rows]
    assert options == [
        *(("groups", o) for o in DEFAULT_VOCABULARY.groups),
        *(("areas", o) for o in DEFAULT_VOCABULARY.areas),
        *(("assets", o) for o in DEFAULT_VOCABULARY.assets),
    ]
    assert len(options) == 9 + 24 + 15


def test_part1_asks_for_the_specific_groups_and_for_each_other(empty: Workbook) -> None:
    sheet = empty["Part 1 Needs"]
    layout = place_part1(DEFAULT_VOCABULARY)
    specifics = validation_at(sheet, f"C{layout.row_of('groups', 'People of color')}")
    assert "Specific racial or ethnic group(s)" in specifics.prompt
    for checklist in ("groups", "assets"):
        other = validation_at(sheet, f"C{layout.row_of(checklist, 'Other')}")
        assert "Other" in other.prompt
    for item in layout.rows:
        assert validation_at(sheet, f"B{item.row}").formula1 == "Mark"


# --- Validations --------------------------------------------------------------------------------


def test_every_dropdown_points_at_a_defined_name_with_prompt_and_alert(empty: Workbook) -> None:
    seen = set()
    for sheet in empty.worksheets:
        for dv in validations(sheet):
            assert dv.showInputMessage and dv.promptTitle and dv.prompt, dv.sqref
            if dv.type is None:  # a prompt on a free-text column: nothing to refuse
                continue
            assert dv.type == "list"
            assert dv.formula1 in empty.defined_names, "a dropdown must not name cells itself"
            assert dv.showErrorMessage and dv.errorTitle and dv.error
            assert dv.showDropDown in (None, False)  # True would hide the arrow
            seen.add(dv.formula1)
    assert seen == {"Mark", "OrganizationTypes", "Statuses", "Partners"}


def test_validation_texts_stay_within_excels_limits(empty: Workbook) -> None:
    for sheet in empty.worksheets:
        for dv in validations(sheet):
            assert len(dv.promptTitle or "") <= PROMPT_TITLE_MAX == 32
            assert len(dv.errorTitle or "") <= PROMPT_TITLE_MAX
            assert len(dv.prompt or "") <= PROMPT_MAX == 255
            assert len(dv.error or "") <= PROMPT_MAX


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.sheet)
def test_every_answer_column_has_its_validation_down_to_the_last_row(
    empty: Workbook, table: Table
) -> None:
    sheet = empty[table.sheet]
    for placed in place_table(table, DEFAULT_VOCABULARY):
        column = table.column(placed.column_field)
        dv = validation_at(sheet, f"{placed.letter}{FIRST_DATA_ROW}")
        assert dv is validation_at(sheet, f"{placed.letter}{LAST_DATA_ROW}")
        assert f"{placed.letter}{FIRST_DATA_ROW - 1}" not in dv.sqref  # headings are free
        assert column.prompt in dv.prompt  # the declared prompt, whole
        if column.kind is Kind.MARKS:
            assert (dv.formula1, dv.errorStyle) == ("Mark", "stop")
        elif column.kind is Kind.CHOICE:
            spec = next(s for s in LISTS if s.key == column.list_key)
            assert (dv.formula1, dv.errorStyle) == (spec.name, "stop")
        elif column.kind is Kind.PARTNER:
            # A warning: the partner may not be entered in Part 2 or 3 yet.
            assert (dv.formula1, dv.errorStyle) == ("Partners", "warning")
        else:
            assert dv.type is None


@pytest.mark.parametrize("name", sorted(LIST_NAMES))
def test_dropdowns_offer_exactly_the_options_of_their_list(empty: Workbook, name: str) -> None:
    _, values = named_values(empty, name)
    assert tuple(values) == DEFAULT_VOCABULARY.options(LIST_NAMES[name])


def test_the_partner_dropdown_reads_a_compacted_list_of_parts_2_and_3(empty: Workbook) -> None:
    sheet, values = named_values(empty, "Partners")
    assert sheet == "_coalition"
    assert len(values) == 2 * TABLE_ROWS
    meta = empty["_coalition"]
    # Column D stacks the name columns of both tables, E counts the names so far, F compacts.
    assert (
        meta["D2"].value
        == "=IF(TRIM('Part 2 Existing'!$A$4)=\"\",\"\",TRIM('Part 2 Existing'!$A$4))"
    )
    assert "'Part 3 Potential'!$A$4" in meta.cell(2 + TABLE_ROWS, 4).value
    assert "'Part 3 Potential'!$A$503" in meta.cell(1 + 2 * TABLE_ROWS, 4).value
    assert meta["E3"].value == '=E2+IF(D3="",0,1)'
    assert meta["F2"].value.startswith("=IFERROR(INDEX($D$2:$D$1001,MATCH(1,")


# --- Protection, panes, printing ----------------------------------------------------------------


def test_headings_are_locked_and_answer_cells_are_open(empty: Workbook) -> None:
    for title in ("Instructions", "Part 1 Needs", *(t.sheet for t in TABLES), "_coalition"):
        assert empty[title].protection.sheet, title
    for table in TABLES:
        sheet = empty[table.sheet]
        assert sheet.protection.insertRows is False  # False means allowed
        assert sheet.protection.sort is False
        for placed in place_table(table, DEFAULT_VOCABULARY):
            for row in (1, 2, 3):
                assert sheet[f"{placed.letter}{row}"].protection.locked, (table.sheet, row)
            # Unlocked by column, so that rows a person inserts are open as well.
            assert sheet.column_dimensions[placed.letter].protection.locked is False
    part1 = empty["Part 1 Needs"]
    for item in place_part1(DEFAULT_VOCABULARY).rows:
        assert part1[f"A{item.row}"].protection.locked
        assert not part1[f"B{item.row}"].protection.locked
        assert not part1[f"C{item.row}"].protection.locked
    assert not empty["Instructions"]["B4"].protection.locked  # the community's name


def test_answer_cells_are_ruled_so_a_mark_shows_its_column(empty: Workbook) -> None:
    # A filled cell hides the grid in Excel and LibreOffice; without rules a "Yes" in the
    # matrix could not be told from its neighbours' columns.
    sheet = empty[PART2.sheet]
    for placed in place_table(PART2, DEFAULT_VOCABULARY):
        border = sheet.column_dimensions[placed.letter].border
        assert border.left.style == border.right.style == "thin", placed.letter


def test_headings_stay_in_view(empty: Workbook) -> None:
    assert empty["Part 1 Needs"].freeze_panes == "A4"
    for table in TABLES:
        assert empty[table.sheet].freeze_panes == "B4"  # headings and the key column


@pytest.mark.parametrize("title", ["Part 1 Needs", *(t.sheet for t in TABLES)])
def test_parts_print_landscape_with_their_title_and_headings_on_every_page(
    empty: Workbook, title: str
) -> None:
    sheet = empty[title]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == ("$3:$3" if title == "Part 1 Needs" else "$2:$3")
    expected = TITLES.get(title, "Part 1: Identify Your Coalition's Needs")
    assert sheet.oddHeader.left.text.endswith(expected)


def test_mark_matrices_print_at_full_size_a_page_per_group_of_columns(empty: Workbook) -> None:
    for table in (PART2, PART3):
        sheet = empty[table.sheet]
        assert not sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.scale == 100
        assert sheet.print_title_cols == "$A:$A"  # the organization on every page
        starts = [get_column_letter(b.id + 1) for b in sheet.col_breaks.brk]
        placed = {p.letter: p for p in place_table(table, DEFAULT_VOCABULARY)}
        # Pages start at a group (populations, a pillar of the areas, assets) or a plain column.
        assert [(placed[s].group, placed[s].option or placed[s].heading) for s in starts] == [
            ("Domains of work" if table is PART2 else "Domain of work", "Housing affordability"),
            (
                "Domains of work" if table is PART2 else "Domain of work",
                "Access to health services",
            ),
            ("Assets", "Research and analytical capacity"),
            ("", "Other assets (describe)"),
        ]


def test_plain_tables_print_one_page_wide_at_a_legible_scale(empty: Workbook) -> None:
    for table in (PART4, PART5):
        sheet = empty[table.sheet]
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.page_setup.scale >= 60
        assert not sheet.col_breaks.brk


def test_a_blank_table_prints_a_page_of_ruled_rows_yet_takes_many_more(empty: Workbook) -> None:
    for table in TABLES:
        sheet = empty[table.sheet]
        last_row = int(str(sheet.print_area).rsplit("$", 1)[-1])
        assert 12 <= last_row - FIRST_DATA_ROW + 1 <= 40  # about a page of rows to write in
        assert sheet.row_dimensions[FIRST_DATA_ROW].height == PAPER_ROW_HEIGHT
        validations = " ".join(str(v.sqref) for v in sheet.data_validations.dataValidation)
        assert f"{FIRST_DATA_ROW + TABLE_ROWS - 1}" in validations


# --- A coalition's own lists ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def configured(tmp_path_factory: pytest.TempPathFactory) -> tuple[Vocabulary, Workbook]:
    config = parse_config(
        {
            "lists": {
                "other": "Something else",
                "add": {"organization_types": ["Tribal government", "City department"]},
                "areas": {
                    "Rewarding Work": ["Employment opportunities", "Jobs paying living wages"],
                    "Digital Inclusion": ["Digital access", "Device ownership"],
                },
            }
        }
    )
    path = tmp_path_factory.mktemp("config") / "configured.xlsx"
    write_workbook(path, config.vocabulary)
    return config.vocabulary, open_workbook(path)


def test_added_organization_types_flow_into_the_dropdown(configured) -> None:
    vocabulary, workbook = configured
    _, values = named_values(workbook, "OrganizationTypes")
    assert values[-3:] == ["Tribal government", "City department", "Something else"]
    assert tuple(values) == vocabulary.organization_types
    for table in (PART2, PART3):
        assert validation_at(workbook[table.sheet], "B4").formula1 == "OrganizationTypes"


def test_renamed_other_replaces_other_everywhere(configured) -> None:
    _, workbook = configured
    for name in ("Groups", "Assets", "OrganizationTypes"):
        _, values = named_values(workbook, name)
        assert values[-1] == "Something else" and "Other" not in values
    part2 = workbook[PART2.sheet]
    assert "Something else" in headings(part2, 3) and "Other" not in headings(part2, 3)
    part1 = workbook["Part 1 Needs"]
    column_a = [c.value for c in part1["A"]]
    assert column_a.count("Something else") == 2 and "Other" not in column_a


def test_areas_given_by_pillar_become_part1_and_the_matrix(configured) -> None:
    vocabulary, workbook = configured
    part1 = [c.value for c in workbook["Part 1 Needs"]["A"]]
    assert "Digital Inclusion" in part1 and "Device ownership" in part1
    assert "Housing affordability" not in part1
    part2 = workbook[PART2.sheet]
    domains = [p.option for p in place_table(PART2, vocabulary) if p.column_field == "domains"]
    assert domains == [
        "Employment opportunities",
        "Jobs paying living wages",
        "Digital access",
        "Device ownership",
    ]
    assert [h for h in headings(part2, 3) if h in domains] == domains
    _, areas = named_values(workbook, "Areas")
    assert areas == domains


def test_an_option_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    config = parse_config({"lists": {"add": {"organization_types": ["=1+2"]}}})
    path = write_workbook(tmp_path / "w.xlsx", config.vocabulary)
    workbook = open_workbook(path)
    _, values = named_values(workbook, "OrganizationTypes")
    assert "=1+2" in values
    lists = workbook["Lists"]
    cell = next(c for row in lists.iter_rows() for c in row if c.value == "=1+2")
    assert cell.data_type == "s"


# --- Filling it in ------------------------------------------------------------------------------


def test_a_person_fills_it_in_and_the_answers_read_back(empty_path: Path, tmp_path: Path) -> None:
    workbook = open_workbook(empty_path)
    _, org_types = named_values(workbook, "OrganizationTypes")
    _, statuses = named_values(workbook, "Statuses")
    _, marks = named_values(workbook, "Mark")
    layout = place_part1(DEFAULT_VOCABULARY)
    columns = {(p.column_field, p.option): p.letter for p in place_table(PART2, DEFAULT_VOCABULARY)}

    part1 = workbook["Part 1 Needs"]
    part1[f"B{layout.row_of('groups', 'People of color')}"] = marks[0]
    part1[f"C{layout.row_of('groups', 'People of color')}"] = "Hmong and Somali residents"
    part1[f"B{layout.row_of('areas', 'Just policing')}"] = marks[0]

    part2 = workbook[PART2.sheet]
    name = 'Sports & Social <Club> "Tigers" {{ 7*7 }} 🎉 نادي'
    part2[f"{columns[('name', None)]}4"] = name
    part2[f"{columns[('organization_type', None)]}4"] = org_types[1]  # chosen from the dropdown
    part2[f"{columns[('populations', 'Young people')]}4"] = "Yes"
    part2[f"{columns[('domains', 'Digital access')]}4"] = "Yes"
    part2[f"{columns[('other_assets', None)]}4"] = "A gym\nand a van"

    workbook[PART4.sheet]["A4"] = name
    part5 = workbook[PART5.sheet]
    part5["A4"], part5["B4"], part5["C4"], part5["D4"] = "Dana Rivera", name, "Mayor", statuses[0]
    saved = tmp_path / "filled-by-hand.xlsx"
    workbook.save(saved)

    back = open_workbook(saved)
    part1 = back["Part 1 Needs"]
    marked = [item.option for item in layout.rows if part1[f"B{item.row}"].value == MARK]
    assert marked == ["People of color", "Just policing"]
    assert part1[f"C{layout.row_of('groups', 'People of color')}"].value == (
        "Hmong and Somali residents"
    )
    part2 = back[PART2.sheet]
    row4 = {key: part2[f"{letter}4"].value for key, letter in columns.items()}
    assert row4[("name", None)] == name
    assert row4[("organization_type", None)] == "Nonprofit"
    assert {key[1] for key, value in row4.items() if value == MARK} == {
        "Young people",
        "Digital access",
    }
    assert row4[("other_assets", None)] == "A gym\nand a van"
    assert back[PART4.sheet]["A4"].value == name
    assert [c.value for c in back[PART5.sheet][4][:4]] == ["Dana Rivera", name, "Mayor", "Invite"]


def test_a_workbook_filled_from_a_plan_holds_each_answer_in_its_cell(filled_path: Path) -> None:
    workbook = open_workbook(filled_path)
    part2 = workbook[PART2.sheet]
    placed = place_table(PART2, DEFAULT_VOCABULARY)

    def row(number: int) -> dict[tuple[str, str | None], object]:
        return {(p.column_field, p.option): part2[f"{p.letter}{number}"].value for p in placed}

    first = row(4)
    assert first[("name", None)] == "Forest City Asset Builders"
    assert first[("organization_type", None)] == "Nonprofit"
    assert {k for k, v in first.items() if v == MARK} == {
        ("populations", "Young people"),
        ("populations", "Residents with low incomes"),
        ("populations", "People of color"),
        ("domains", "Financial security"),
        ("domains", "Housing stability"),
        ("assets", "Data sharing and transparency"),
        ("assets", "Staff capacity"),
    }
    second = row(5)
    assert second[("name", None)] == "Sports & Social <Club> {{ 7*7 }}"
    # An answer without a mark column is not dropped: it joins the "Other (describe)" text.
    assert second[("other_populations", None)] == "Retirees\nVeterans"
    notes = part2[f"{next(p.letter for p in placed if p.column_field == 'notes')}5"]
    assert (notes.value, notes.data_type) == ('=HYPERLINK("http://example.com")', "s")
    assert workbook[PART3.sheet]["A4"].value == "Forest City Community College"
    part5 = workbook[PART5.sheet]
    assert [c.value for c in part5[4]][:10] == [
        "Dana Rivera",
        "Forest City Asset Builders",
        "Mayor Ana López",
        "Keep informed",
        "Dr. Rivera",
        None,
        "dana@fcab.org",
        "12 Main St\nForest City, OH 44000",
        "مكتب العمدة 🎉",
        None,
    ]
    layout = place_part1(DEFAULT_VOCABULARY)
    part1 = workbook["Part 1 Needs"]
    assert part1[f"B{layout.row_of('assets', 'Other')}"].value == MARK
    assert part1[f"C{layout.row_of('assets', 'Other')}"].value == "A bilingual outreach team"


def test_long_answers_get_rows_tall_enough_to_read(filled_path: Path) -> None:
    # Neither Excel nor LibreOffice fits a row to text a program wrote; the writer must.
    workbook = open_workbook(filled_path)
    barriers = workbook[PART4.sheet]["E4"]
    assert len(barriers.value) > 150 and barriers.alignment.wrap_text
    assert workbook[PART4.sheet].row_dimensions[4].height >= 3 * 15
    assert workbook[PART5.sheet].row_dimensions[4].height >= 2 * 15  # a two-line address
    # Short answers keep the height of a paper row.
    assert workbook[PART2.sheet].row_dimensions[4].height == PAPER_ROW_HEIGHT


def test_every_filled_answer_cell_stays_open_to_edit(filled_path: Path) -> None:
    workbook = open_workbook(filled_path)
    for table in TABLES:
        for row in workbook[table.sheet].iter_rows(min_row=FIRST_DATA_ROW):
            for cell in row:
                if cell.value is not None:
                    assert cell.protection.locked is False, cell.coordinate


# --- Through LibreOffice ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def round_trip(
    filled_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Workbook, Path]:
    """The plan's workbook, with partners added by hand the way people leave them, re-saved."""
    workbook = open_workbook(filled_path)
    part2, part3 = workbook[PART2.sheet], workbook[PART3.sheet]
    part2["A9"] = "  Riverside Tenants Union  "  # after a gap of blank rows, with stray spaces
    part2["A5"] = None  # a partner deleted, leaving a hole
    part3["A6"] = "Forest City Library"
    part3[f"A{LAST_DATA_ROW}"] = "Last Row Partners"
    workdir = tmp_path_factory.mktemp("libreoffice")
    before = workdir / "before.xlsx"
    workbook.save(before)
    # As a person saving from LibreOffice Calc would, with a profile of its own.
    return workbook, convert_workbook(before, workdir / "resaved", "xlsx")


@pytest.mark.libreoffice
def test_libreoffice_keeps_every_dropdown(round_trip) -> None:
    before, path = round_trip
    after = open_workbook(path)
    for sheet in before.worksheets:
        for dv in validations(sheet):
            if dv.type != "list":
                continue
            for cell_range in dv.sqref.ranges:
                for corner in (cell_range.coord.split(":")[0], cell_range.coord.split(":")[-1]):
                    kept = validation_at(after[sheet.title], corner)
                    assert (kept.type, kept.formula1) == ("list", dv.formula1), corner
                    assert kept.showInputMessage and kept.showErrorMessage
                    assert (kept.prompt, kept.error) == (dv.prompt, dv.error)
                    assert (kept.errorStyle or "stop") == (dv.errorStyle or "stop")


@pytest.mark.libreoffice
def test_libreoffice_keeps_the_names_the_version_and_the_hidden_facts(round_trip) -> None:
    _, path = round_trip
    after = open_workbook(path)
    assert set(after.defined_names) >= {*LIST_NAMES, "Partners", "CoalitionLayoutVersion"}
    assert after.defined_names["CoalitionLayoutVersion"].attr_text.strip("=") == "1"
    for name, key in LIST_NAMES.items():
        assert tuple(named_values(after, name)[1]) == DEFAULT_VOCABULARY.options(key)
    meta = after["_coalition"]
    assert meta.sheet_state == "hidden"
    assert [(meta[f"A{r}"].value, meta[f"B{r}"].value) for r in (1, 2)] == [
        ("layout_version", 1),
        ("community", "Forest City"),
    ]
    for table in TABLES:
        # (Frozen panes are view settings, which a headless conversion does not keep.)
        assert after[table.sheet].protection.sheet


@pytest.mark.libreoffice
def test_libreoffice_computes_the_compacted_partner_list(round_trip) -> None:
    _, path = round_trip
    values = open_workbook(path, data_only=True)
    _, partners = named_values(values, "Partners")
    names = [p for p in partners if p not in (None, "")]
    assert names == [
        "Forest City Asset Builders",
        "Riverside Tenants Union",
        "Forest City Community College",
        "Forest City Library",
        "Last Row Partners",
    ]
    assert partners[: len(names)] == names  # no gaps before the last name


# --- On paper -----------------------------------------------------------------------------------

#: The title every printed page of a sheet carries in its header.
PAGE_TITLES = {
    "Instructions": "Identifying Potential Coalition Members",
    "Part 1 Needs": "Part 1: Identify Your Coalition's Needs",
    **TITLES,
    "Lists": "Option lists",
}


def printed_pages(workbook: Path, folder: Path) -> list[str]:
    """The text of each page LibreOffice prints of a workbook."""
    import subprocess

    pdf = convert_workbook(workbook, folder, "pdf")
    count = int(
        next(
            line.split()[-1]
            for line in subprocess.run(
                ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
            ).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    return [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


@pytest.mark.libreoffice
@pytest.mark.parametrize("which", ["blank", "sample"])
def test_every_printed_page_carries_its_parts_title(
    which: str, tmp_path: Path, sample_workbook: Path
) -> None:
    workbook = sample_workbook
    if which == "blank":
        workbook = write_workbook(tmp_path / "blank.xlsx", DEFAULT_VOCABULARY, "Forest City")
    pages = printed_pages(workbook, tmp_path)

    titles = [next((t for t in PAGE_TITLES.values() if t in page), None) for page in pages]
    assert None not in titles, [p[:200] for p, t in zip(pages, titles, strict=True) if t is None]
    counted = {title: titles.count(title) for title in PAGE_TITLES.values()}
    # Parts 2 and 3 print five pages across (a page per group of columns) and, once filled
    # past a page of rows, as many down; Part 5 fits one page across.
    across = 5
    if which == "blank":
        assert counted[TITLES[PART2.sheet]] == counted[TITLES[PART3.sheet]] == across
        assert counted[TITLES[PART4.sheet]] == counted[TITLES[PART5.sheet]] == 1
        assert len(pages) == 1 + 2 + 2 * across + 1 + 1 + 1
    else:
        assert counted[TITLES[PART2.sheet]] % across == 0
        assert counted[TITLES[PART5.sheet]] == 1


def test_the_first_page_says_whom_to_return_it_to_and_by_when(tmp_path: Path) -> None:
    from generator.excel.reader import read_workbook
    from generator.plan.model import Cover

    cover = Cover("Forest City", "Maria Delgado <mdelgado@forestcity.gov>", "2027-01-15")
    path = write_workbook(tmp_path / "w.xlsx", DEFAULT_VOCABULARY, cover)

    sheet = load_workbook(path)["Instructions"]
    rows = {sheet.cell(r, 1).value: sheet.cell(r, 2).value for r in range(1, 12)}
    assert rows["Return it to"] == "Maria Delgado <mdelgado@forestcity.gov>"
    assert rows["By"] == "January 15, 2027"
    assert read_workbook(path).plan.cover == Cover(
        "Forest City", "Maria Delgado <mdelgado@forestcity.gov>", "January 15, 2027"
    )
    # Partners are not programmers: the first page names no command and no file of ours.
    text = " ".join(str(v) for v in rows.values() if v)
    assert "coalition " not in text and ".md" not in text and "`" not in text
