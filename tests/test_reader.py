"""Reading completed workbooks, including what people and other programs do to them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from workbook_edits import data_row, edit, find_column, mark_part1, replace_sheet

from generator.excel.reader import check_workbook, read_workbook
from generator.plan.model import CoalitionPlan, Partner
from generator.worksheet import GROUP_ROW, HEADING_ROW, LISTS_SHEET, PART2, PART4, PART5, Status


def same_partners(left: list[Partner], right: list[Partner]) -> bool:
    def key(p: Partner) -> tuple[object, ...]:
        return (
            p.name,
            p.kind,
            p.organization_type,
            frozenset(p.populations),
            frozenset(p.domains),
            frozenset(p.assets),
            p.other_populations,
            p.other_assets,
            p.notes,
        )

    return sorted(map(key, left), key=str) == sorted(map(key, right), key=str)


def assert_same_plan(read: CoalitionPlan, written: CoalitionPlan) -> None:
    assert read.community == written.community
    for key in ("groups", "areas", "assets"):
        assert {(c.label, c.details) for c in getattr(read.needs, key)} == {
            (c.label, c.details) for c in getattr(written.needs, key)
        }
    assert same_partners(read.partners, written.partners)
    strip = lambda records: [{**vars(r), "source": None} for r in records]  # noqa: E731
    assert strip(read.benefits) == strip(written.benefits)
    assert strip(read.invitees) == strip(written.invitees)


def test_a_written_plan_reads_back_the_same(sample_plan: CoalitionPlan, sample_workbook: Path):
    reading = read_workbook(sample_workbook)

    assert_same_plan(reading.plan, sample_plan)
    assert reading.plan.layout_version == 1
    assert reading.findings == []


def test_each_record_knows_its_sheet_and_row(sample_workbook: Path):
    plan = read_workbook(sample_workbook).plan

    first = plan.existing_partners[0]
    assert (first.source.sheet, first.source.row) == (PART2.sheet, data_row(0))
    assert plan.invitees[2].source.row == data_row(2)


def test_blank_rows_are_skipped_and_late_rows_are_read(sample_workbook: Path):
    def spread_out(workbook):
        sheet = workbook[PART5.sheet]
        sheet.insert_rows(data_row(1), amount=3)
        sheet.cell(data_row(200), 1, "Late Addition")
        sheet.cell(data_row(200), 2, "Forest City Public Library")
        sheet.cell(data_row(200), 3, "Maria Delgado")

    plan = read_workbook(edit(sample_workbook, spread_out)).plan

    assert len(plan.invitees) == 15
    assert plan.invitees[1].source.row == data_row(4)
    assert plan.invitees[-1].member == "Late Addition"


def test_case_spacing_and_typographic_quotes_are_forgiven(sample_workbook: Path):
    def retype(workbook):
        sheet = workbook[PART2.sheet]
        sheet.cell(data_row(0), 2, "  NONPROFIT ")
        workbook[PART4.sheet].cell(data_row(0), 1, "forest\u00a0city  asset builders")
        workbook[PART5.sheet].cell(data_row(0), 2, "Forest City Asset Builders\u200b")

    reading = check_workbook(edit(sample_workbook, retype))

    assert reading.plan.existing_partners[0].organization_type == "Nonprofit"
    assert not [f for f in reading.findings if f.code in ("unknown-partner", "not-in-list")]


def test_numbers_and_dates_typed_where_text_was_expected(sample_workbook: Path):
    def numbers(workbook):
        sheet = workbook[PART5.sheet]
        notes = find_column(sheet, HEADING_ROW, PART5.column("notes").heading)
        sheet.cell(data_row(0), 1, 12345)
        sheet.cell(data_row(0), notes, dt.datetime(2026, 3, 1))
        sheet.cell(data_row(1), notes, 2.5)

    plan = read_workbook(edit(sample_workbook, numbers)).plan

    assert plan.invitees[0].member == "12345"
    assert plan.invitees[0].notes == "2026-03-01"
    assert plan.invitees[1].notes == "2.5"


def test_a_value_merged_over_several_rows_applies_to_each(sample_workbook: Path):
    def merge_senders(workbook):
        sheet = workbook[PART5.sheet]
        column = find_column(sheet, GROUP_ROW, PART5.column("sender").heading)
        sheet.merge_cells(
            start_row=data_row(0), start_column=column, end_row=data_row(2), end_column=column
        )

    plan = read_workbook(edit(sample_workbook, merge_senders)).plan

    assert {i.sender for i in plan.invitees[:3]} == {"Maria Delgado"}


def test_marks_may_be_typed_in_several_ways(sample_workbook: Path):
    def marks(workbook):
        mark_part1(workbook, "Social capital", "x")
        mark_part1(workbook, "Neonatal health", "\u2713")
        mark_part1(workbook, "Just policing", True)
        mark_part1(workbook, "Safety from crime", "no")

    needs = read_workbook(edit(sample_workbook, marks)).plan.needs

    assert {"Social capital", "Neonatal health", "Just policing"} <= set(needs.labels("areas"))
    assert "Safety from crime" not in needs.labels("areas")


def test_a_hand_made_sheet_with_moved_added_and_comma_separated_columns(sample_workbook: Path):
    """One heading row, columns in another order, a column of the user's own, and several
    answers in one cell, the way Google Sheets' multi-select dropdowns save them."""

    def rebuild(workbook):
        replace_sheet(
            workbook,
            PART2.sheet,
            [
                "Staff notes",
                "Assets",
                "Organization name",
                "Target populations served",
                "Type of organization",
                "Domains of work",
            ],
            [
                [
                    "call in May",
                    "Convening power; Political clout",
                    "Forest City Library",
                    "Young people, Residents with low incomes",
                    "Local government",
                    "Digital access\nPreparation for college",
                ],
            ],
        )

    plan = read_workbook(edit(sample_workbook, rebuild)).plan

    library = plan.partner("Forest City Library")
    assert library is not None and library.is_existing
    assert library.organization_type == "Local government"
    assert library.assets == ["Convening power", "Political clout"]
    assert library.populations == ["Young people", "Residents with low incomes"]
    assert library.domains == ["Digital access", "Preparation for college"]
    assert library.extra == {"Staff notes": "call in May"}  # the user's own column, kept


def test_a_near_miss_in_a_typed_list_is_read_with_a_warning(sample_workbook: Path):
    def rebuild(workbook):
        replace_sheet(
            workbook,
            PART2.sheet,
            ["Organization name", "Type of organization", "Assets"],
            [
                [
                    "Forest City Library",
                    "Local government",
                    "research and analytic capacity, Deep pockets",
                ]
            ],
        )

    reading = read_workbook(edit(sample_workbook, rebuild))

    library = reading.plan.partner("Forest City Library")
    assert "Research and analytical capacity" in library.assets
    codes = {(f.code, f.value) for f in reading.findings}
    assert ("near-match", "research and analytic capacity") in codes
    assert ("not-in-list", "Deep pockets") in codes
    assert "Deep pockets" in library.assets  # kept, so a merge or upgrade loses nothing


def test_the_lists_sheet_governs_what_is_accepted(sample_workbook: Path):
    def add_type(workbook):
        # As the Lists sheet asks: insert a row above the list's last option, then type in it.
        name = workbook.defined_names["OrganizationTypes"]
        [(_, ref)] = name.destinations
        last = int(ref.split("$")[-1])
        workbook[LISTS_SHEET].insert_rows(last)
        workbook[LISTS_SHEET].cell(last, 1, "Tribal government")
        # openpyxl does not move names the way a spreadsheet program does; move it by hand.
        name.attr_text = name.attr_text.replace(f"${last}", f"${last + 1}")
        workbook[PART2.sheet].cell(data_row(0), 2, "Tribal government")

    reading = check_workbook(edit(sample_workbook, add_type))

    assert reading.plan.existing_partners[0].organization_type == "Tribal government"
    assert not [f for f in reading.findings if f.code == "not-in-list"]


def test_the_worksheets_example_rows_are_not_read_as_partners(sample_workbook: Path):
    def example(workbook):
        workbook[PART2.sheet].insert_rows(data_row(0))
        workbook[PART2.sheet].cell(data_row(0), 1, "Example: Forest City Asset Builders")

    plan = read_workbook(edit(sample_workbook, example)).plan

    assert not any(p.name.startswith("Example") for p in plan.partners)


def test_unknown_status_is_an_error_that_names_the_cell(sample_workbook: Path):
    def status(workbook):
        sheet = workbook[PART5.sheet]
        sheet.cell(data_row(0), find_column(sheet, HEADING_ROW, "Status"), "Maybe later")

    reading = check_workbook(edit(sample_workbook, status))

    [finding] = [f for f in reading.findings if f.code == "not-in-list"]
    assert (finding.sheet, finding.cell, finding.value) == (PART5.sheet, "D4", "Maybe later")
    assert reading.plan.invitees[0].status is Status.INVITE


def forest_city_workbook(folder: Path) -> list[Path]:
    """The sample's workbook, for LibreOffice Calc to re-save (see resaved_by_calc)."""
    from generator.demo.sample import load_plan, sample_dir
    from generator.excel.writer import write_workbook

    plan = load_plan(sample_dir() / "forest-city.toml")
    return [write_workbook(folder / "forest-city.xlsx", plan.vocabulary, plan.community, plan=plan)]


CALC_RESAVES = (forest_city_workbook,)


@pytest.mark.libreoffice
def test_a_workbook_resaved_by_libreoffice_reads_the_same(
    sample_plan: CoalitionPlan, resaved_by_calc, tmp_path: Path
):
    (resaved,) = resaved_by_calc(forest_city_workbook, tmp_path / "resaved")

    reading = read_workbook(resaved)
    assert_same_plan(reading.plan, sample_plan)
    assert reading.plan.layout_version == 1
    assert reading.findings == []


def test_a_coalitions_own_lists_and_pillars_are_read_from_its_workbook(tmp_path: Path):
    from generator.excel.writer import write_workbook
    from generator.worksheet.config import parse_config

    config = parse_config(
        {
            "lists": {
                "other": "Something else",
                "areas": {"Rewarding Work": ["Employment opportunities"], "Water": ["Clean water"]},
                "add": {"organization_types": ["Tribal government"]},
            }
        }
    )
    path = write_workbook(tmp_path / "own.xlsx", config.vocabulary, "Elm Grove")

    vocabulary = read_workbook(path).plan.vocabulary

    assert vocabulary.pillars == {
        "Rewarding Work": ("Employment opportunities",),
        "Water": ("Clean water",),
    }
    assert vocabulary.other == "Something else"
    assert vocabulary.organization_types[-2:] == ("Tribal government", "Something else")


def test_a_blank_status_means_invite_but_stays_blank_and_other_text_is_kept(
    sample_workbook: Path, tmp_path: Path
):
    from generator.excel.writer import write_workbook

    def statuses(workbook):
        sheet = workbook[PART5.sheet]
        column = find_column(sheet, HEADING_ROW, "Status")
        sheet.cell(data_row(0), column).value = None
        sheet.cell(data_row(1), column, "Maybe later")

    plan = read_workbook(edit(sample_workbook, statuses)).plan
    blank, other = plan.invitees[:2]
    assert (blank.status, blank.status_text) == (Status.INVITE, "")
    assert (other.status, other.status_text) == (Status.INVITE, "Maybe later")

    rewritten = write_workbook(tmp_path / "again.xlsx", plan.vocabulary, plan.community, plan=plan)
    again = read_workbook(rewritten).plan.invitees
    assert [i.status_text for i in again[:2]] == ["", "Maybe later"]
