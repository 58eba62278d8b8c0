"""The bundled Forest City sample: realistic, and exactly what its script makes of its data."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from generator.demo.sample import build, sample_dir, sample_workbook
from generator.excel.reader import check_workbook
from generator.plan.model import CoalitionPlan
from generator.worksheet import META_SHEET, ORGANIZATION_TYPES, OTHER, Status

COMMITTED = sample_workbook()


def cells(path: Path) -> dict[tuple[str, str], object]:
    workbook = load_workbook(path)
    values = {}
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    values[(sheet.title, cell.coordinate)] = cell.value
    values.pop((META_SHEET, "B4"), None)  # the date it was made
    return values


def test_the_committed_sample_matches_what_its_script_makes(tmp_path: Path):
    fresh = build(sample_dir() / "forest-city.toml", tmp_path / "fresh.xlsx")

    assert cells(COMMITTED) == cells(fresh), (
        "sample_workbooks/forest-city.xlsx is stale; regenerate it with: python -m "
        "generator.demo.sample sample_workbooks/forest-city.toml sample_workbooks/forest-city.xlsx"
    )


def test_the_sample_covers_the_worksheet_examples_and_every_kind_of_partner(
    sample_plan: CoalitionPlan,
):
    names = {p.name for p in sample_plan.partners}
    assert {
        "Forest City Asset Builders",
        "Forest City Community College",
        "Forest City Chamber of Commerce",
    } <= names
    assert 18 <= len(names) <= 28
    assert {p.organization_type for p in sample_plan.partners} == set(ORGANIZATION_TYPES) - {OTHER}
    assert len({i.sender for i in sample_plan.invitees}) >= 3
    assert sum(i.status is Status.KEEP_INFORMED for i in sample_plan.invitees) >= 2


def test_the_sample_checks_clean_but_for_its_deliberate_warnings():
    reading = check_workbook(COMMITTED)

    assert reading.errors == []
    assert {f.code for f in reading.warnings} == {"no-priority-match", "unreachable"}
