"""Each check, shown on the Forest City sample with one mistake added."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from workbook_edits import data_row, edit, find_row

from generator.excel.reader import check_workbook
from generator.plan.findings import Finding, Severity
from generator.plan.model import Benefit, CoalitionPlan, Invitee, Needs, Partner, PartnerKind
from generator.worksheet import PART1_SHEET, PART2, PART3, PART4, PART5


def findings(path: Path, code: str) -> list[Finding]:
    return [f for f in check_workbook(path).findings if f.code == code]


def test_the_sample_has_only_its_two_deliberate_warnings(sample_workbook: Path):
    reading = check_workbook(sample_workbook)

    assert [(f.severity, f.code) for f in reading.findings] == [
        (Severity.WARNING, "no-priority-match"),
        (Severity.WARNING, "unreachable"),
    ]


def test_a_type_not_in_its_list_suggests_the_nearest(sample_workbook: Path):
    edit(sample_workbook, lambda wb: wb[PART2.sheet].cell(data_row(0), 2, "Non-profit org"))

    [finding] = findings(sample_workbook, "not-in-list")

    assert finding.severity is Severity.ERROR
    assert (finding.sheet, finding.cell, finding.column) == (
        PART2.sheet,
        "B4",
        "Type of organization",
    )
    assert finding.suggestion == "Did you mean \u201cNonprofit\u201d?"


def test_the_same_organization_twice(sample_workbook: Path):
    edit(
        sample_workbook,
        lambda wb: wb[PART2.sheet].cell(data_row(1), 1, "forest city ASSET builders"),
    )

    [finding] = findings(sample_workbook, "duplicate-organization")

    assert finding.cell == "A5"
    assert "row 4" in finding.message


def test_a_partner_both_existing_and_potential(sample_workbook: Path):
    edit(
        sample_workbook,
        lambda wb: wb[PART3.sheet].cell(data_row(0), 1, "Lakeshore Community Foundation"),
    )

    [finding] = findings(sample_workbook, "both-existing-and-potential")

    assert (finding.sheet, finding.cell) == (PART3.sheet, "A4")


def test_a_part4_partner_that_is_not_in_parts_2_and_3(sample_workbook: Path):
    edit(
        sample_workbook,
        lambda wb: wb[PART4.sheet].cell(data_row(0), 1, "Forest City Asset Bilders"),
    )

    [finding] = findings(sample_workbook, "unknown-partner")

    assert finding.cell == "A4"
    assert finding.suggestion == "Did you mean \u201cForest City Asset Builders\u201d?"


def test_an_invitee_whose_organization_is_not_in_parts_2_and_3(sample_workbook: Path):
    edit(sample_workbook, lambda wb: wb[PART5.sheet].cell(data_row(0), 2, "Acme Widgets"))

    [finding] = findings(sample_workbook, "unknown-organization")

    assert (finding.cell, finding.value) == ("B4", "Acme Widgets")


def test_an_invitee_without_a_sender_or_a_way_to_reach_them(sample_workbook: Path):
    def strip(workbook):
        sheet = workbook[PART5.sheet]
        for column in (3, 7, 8):  # sender, email, mailing address
            sheet.cell(data_row(0), column).value = None

    edit(sample_workbook, strip)
    reading = check_workbook(sample_workbook)
    by_code = {(f.code, f.cell) for f in reading.findings}

    assert ("missing-sender", "C4") in by_code
    assert ("unreachable", "G4") in by_code


def test_a_malformed_email(sample_workbook: Path):
    edit(sample_workbook, lambda wb: wb[PART5.sheet].cell(data_row(0), 7, "denise at fcab.org"))

    [finding] = findings(sample_workbook, "bad-email")

    assert finding.cell == "G4"


def test_other_chosen_with_nothing_written(sample_workbook: Path):
    def other(workbook):
        sheet = workbook[PART1_SHEET]
        sheet.cell(find_row(sheet, 1, "Other"), 2, "Yes")

    edit(sample_workbook, other)
    [finding] = findings(sample_workbook, "other-undescribed")

    assert finding.sheet == PART1_SHEET
    assert finding.cell.startswith("C")


def test_nothing_chosen_in_part_1_is_an_error(tmp_path: Path, make_workbook: Callable[..., Path]):
    plan = CoalitionPlan(
        community="Elm Grove",
        partners=[Partner("Elm Grove Library", PartnerKind.EXISTING, "Local government")],
    )

    [finding] = findings(make_workbook(plan), "part1-empty")

    assert finding.is_error and finding.sheet == PART1_SHEET


def test_every_problem_is_reported_in_one_pass(make_workbook: Callable[..., Path]):
    plan = CoalitionPlan(
        needs=Needs(),
        partners=[
            Partner("Elm Grove Library", PartnerKind.EXISTING, ""),
            Partner("Elm Grove Library", PartnerKind.POTENTIAL, "Nonprofit"),
        ],
        benefits=[Benefit("Nobody Known", roles="chair")],
        invitees=[Invitee("Pat Lee", "Nowhere Inc", sender="")],
    )

    codes = {f.code for f in check_workbook(make_workbook(plan)).findings}

    assert {
        "part1-empty",
        "missing-type",
        "both-existing-and-potential",
        "unknown-partner",
        "unknown-organization",
        "missing-sender",
        "unreachable",
    } <= codes


def test_findings_come_sorted_by_sheet_then_cell(sample_workbook: Path):
    def mistakes(workbook):
        workbook[PART5.sheet].cell(data_row(0), 7, "nope")
        workbook[PART2.sheet].cell(data_row(3), 2, "Charity")
        workbook[PART2.sheet].cell(data_row(1), 2, "Charity")

    edit(sample_workbook, mistakes)
    places = [(f.sheet, f.cell) for f in check_workbook(sample_workbook).errors]

    assert places == [(PART2.sheet, "B5"), (PART2.sheet, "B7"), (PART5.sheet, "G4")]


def test_details_written_beside_an_option_that_is_not_chosen(sample_workbook: Path):
    def details(workbook):
        sheet = workbook[PART1_SHEET]
        sheet.cell(find_row(sheet, 1, "Just policing"), 3, "Youth diversion program")

    edit(sample_workbook, details)
    [finding] = findings(sample_workbook, "details-not-chosen")

    assert finding.cell.startswith("C") and "Choose Yes in B" in finding.suggestion


def test_an_address_the_email_drafts_would_refuse_is_an_error_already(sample_workbook: Path):
    edit(sample_workbook, lambda wb: wb[PART5.sheet].cell(data_row(0), 7, "jane(doe)@x.org"))

    [finding] = findings(sample_workbook, "bad-email")

    assert finding.value == "jane(doe)@x.org"
