"""coalition upgrade: old layouts move to the current one, and no answer is lost on the way."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from make_layout_v1 import FIXTURE, OWN_HEADING, OWN_VALUES, fixture_plan
from openpyxl import Workbook, load_workbook
from workbook_edits import edit, find_column

from generator.cli import main
from generator.common.errors import LayoutVersionError
from generator.excel.reader import read_workbook
from generator.excel.reader.opening import declared_version
from generator.merging.upgrade import MIGRATIONS, migrate, set_layout_version, upgrade_workbook
from generator.plan.model import CoalitionPlan
from generator.worksheet import (
    GROUP_ROW,
    HEADING_ROW,
    LAYOUT_VERSION,
    META_SHEET,
    PART2,
    PART4,
    VERSION_NAME,
)

#: The fixture as committed. It is the record of what layout version 1 looked like: if this
#: fails, the file was regenerated or edited; restore it from git instead.
FIXTURE_SHA256 = "c1e0afc9949914e5528efeecf040a38028b6c1a80f2c672bdd480144e37d4747"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def comparable(plan: CoalitionPlan) -> dict[str, object]:
    """Everything a plan says, with list order (which the layout decides) left out."""

    def record(item: object) -> dict[str, object]:
        values = {k: v for k, v in vars(item).items() if k != "source"}
        return {k: sorted(v) if isinstance(v, list) else v for k, v in values.items()}

    return {
        "community": plan.community,
        "needs": {
            key: sorted((c.label, c.details) for c in getattr(plan.needs, key))
            for key in ("groups", "areas", "assets")
        },
        "partners": [record(p) for p in plan.partners],
        "benefits": [record(b) for b in plan.benefits],
        "invitees": [record(i) for i in plan.invitees],
        "organization_types": plan.vocabulary.organization_types,
    }


def upgrade(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["upgrade", *args])
    return result.exit_code, result.stdout, result.stderr


# --- The fixture of layout version 1 ------------------------------------------------------------


def test_the_version_1_fixture_is_frozen():
    assert digest(FIXTURE) == FIXTURE_SHA256
    assert declared_version(load_workbook(FIXTURE), FIXTURE) == 1


def test_the_version_1_fixture_upgrades_without_losing_an_answer(tmp_path: Path):
    output = tmp_path / "upgraded.xlsx"

    code, out, _ = upgrade(str(FIXTURE), "-o", str(output))

    assert code == 0
    assert "every answer kept" in out
    assert f"Columns of your own ({OWN_HEADING})" in out
    upgraded = read_workbook(output)
    assert upgraded.plan.layout_version == LAYOUT_VERSION
    # Every answer the fixture was made from is there; the column the person added to Part 2 is
    # kept in the partner's Notes, as every workbook the tool writes keeps such columns.
    expected = fixture_plan()
    for partner in expected.partners:
        if partner.name in OWN_VALUES:
            partner.notes += f"\n{OWN_HEADING}: {OWN_VALUES[partner.name]}"
    assert comparable(upgraded.plan) == comparable(_as_read(expected))
    assert digest(FIXTURE) == FIXTURE_SHA256  # the old workbook is never touched


def _as_read(plan: CoalitionPlan) -> CoalitionPlan:
    """The reader turns typographic quotes into plain ones; so does this expectation."""
    for partner in plan.partners:
        partner.notes = partner.notes.replace("\u201c", '"').replace("\u201d", '"')
    return plan


def test_the_upgraded_fixture_has_every_dropdown_of_a_new_workbook(tmp_path: Path):
    from generator.excel.writer import write_workbook

    upgraded = upgrade_workbook(FIXTURE, tmp_path / "upgraded.xlsx").output
    fresh = write_workbook(tmp_path / "fresh.xlsx", fixture_plan().vocabulary)

    assert validations(upgraded) == validations(fresh)
    sheet = load_workbook(upgraded)[PART2.sheet]
    assert sheet.protection.sheet  # the person's unprotected sheet is protected again
    with pytest.raises(LookupError):  # and their column is now inside Notes
        find_column(sheet, HEADING_ROW, OWN_HEADING)


def validations(path: Path) -> set[tuple[str, str, str]]:
    workbook = load_workbook(path)
    return {
        (sheet.title, str(v.sqref), str(v.formula1))
        for sheet in workbook.worksheets
        for v in sheet.data_validations.dataValidation
    }


# --- The current layout -------------------------------------------------------------------------


def test_a_current_workbook_is_written_again_with_its_dropdowns_restored(
    sample_plan: CoalitionPlan, sample_workbook: Path, tmp_path: Path
):
    def strip_dropdowns(workbook: Workbook) -> None:
        sheet = workbook[PART2.sheet]
        sheet.data_validations.dataValidation.clear()
        sheet.protection.sheet = False

    edit(sample_workbook, strip_dropdowns)
    output = tmp_path / "again.xlsx"

    code, out, _ = upgrade(str(sample_workbook), "-o", str(output))

    assert code == 0
    assert f"already in the current layout (version {LAYOUT_VERSION})" in out
    assert any(s == PART2.sheet for s, _, _ in validations(output))
    assert load_workbook(output)[PART2.sheet].protection.sheet
    assert comparable(read_workbook(output).plan) == comparable(sample_plan)


def test_a_workbook_that_does_not_say_its_version_is_read_as_current(
    sample_workbook: Path, tmp_path: Path
):
    def forget_version(workbook: Workbook) -> None:
        del workbook.defined_names[VERSION_NAME]
        workbook[META_SHEET]["B1"].value = None

    edit(sample_workbook, forget_version)

    code, out, _ = upgrade(str(sample_workbook), "-o", str(tmp_path / "new.xlsx"))

    assert code == 0
    assert "does not say its layout version" in out
    assert (
        declared_version(load_workbook(tmp_path / "new.xlsx"), tmp_path / "new.xlsx")
        == LAYOUT_VERSION
    )


# --- Refusals -----------------------------------------------------------------------------------


def test_a_newer_layout_is_refused_in_one_sentence(sample_workbook: Path, tmp_path: Path):
    edit(sample_workbook, lambda workbook: set_layout_version(workbook, LAYOUT_VERSION + 5))
    output = tmp_path / "new.xlsx"

    code, _, err = upgrade(str(sample_workbook), "-o", str(output))

    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"layout version {LAYOUT_VERSION + 5}, newer than this coalition tool" in err
    assert not output.exists()


def test_an_existing_output_needs_force_and_the_old_workbook_is_never_the_output(
    sample_workbook: Path, tmp_path: Path
):
    output = tmp_path / "new.xlsx"
    output.write_bytes(b"keep me")
    before = digest(sample_workbook)

    code, _, err = upgrade(str(sample_workbook), "-o", str(output))
    assert code == 2 and "already exists; pass --force" in err
    assert output.read_bytes() == b"keep me"

    code, _, err = upgrade(str(sample_workbook), "-o", str(sample_workbook), "--force")
    assert code == 2 and "is the workbook being upgraded" in err
    assert digest(sample_workbook) == before

    code, _, _ = upgrade(str(sample_workbook), "-o", str(output), "--force")
    assert code == 0 and read_workbook(output).plan.partners


def test_an_unreadable_file_is_refused_in_one_sentence(tmp_path: Path):
    bogus = tmp_path / "notes.xlsx"
    bogus.write_text("name,type\nLibrary,Nonprofit\n")

    code, _, err = upgrade(str(bogus), "-o", str(tmp_path / "new.xlsx"))

    assert code == 2
    assert err.startswith(f"Error: {bogus}: is not an Excel workbook")
    assert err.count("\n") == 1


# --- The migration mechanism --------------------------------------------------------------------


def test_migrations_run_in_order_and_record_each_version():
    workbook = Workbook()
    workbook.create_sheet(META_SHEET)
    ran: list[str] = []
    steps = {
        1: lambda wb: ran.append(f"1->2 saw {declared_version(wb, Path('x'))}"),
        2: lambda wb: ran.append(f"2->3 saw {declared_version(wb, Path('x'))}"),
    }
    set_layout_version(workbook, 1)

    applied = migrate(workbook, 1, target=3, migrations=steps)

    assert applied == [1, 2]
    assert ran == ["1->2 saw 1", "2->3 saw 2"]
    assert declared_version(workbook, Path("x")) == 3
    assert workbook[META_SHEET]["B1"].value == 3  # the hidden sheet agrees with the name


def test_a_version_without_a_migration_is_refused():
    workbook = Workbook()
    with pytest.raises(LayoutVersionError, match="layout version 2, which this tool cannot"):
        migrate(workbook, 1, target=3, migrations={1: lambda wb: None})


def test_an_old_workbook_is_migrated_before_it_is_read(
    sample_workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A pretend layout 2 renamed Part 4's "Roles" heading: layout 1 said "Partner roles"."""
    old_heading = "Partner roles"

    def make_old(workbook: Workbook) -> None:
        sheet = workbook[PART4.sheet]
        sheet.cell(GROUP_ROW, find_column(sheet, GROUP_ROW, "Roles"), old_heading)

    def roles_renamed(workbook: Workbook) -> None:
        sheet = workbook[PART4.sheet]
        sheet.cell(GROUP_ROW, find_column(sheet, GROUP_ROW, old_heading), "Roles")

    edit(sample_workbook, make_old)
    before = read_workbook(sample_workbook).plan
    assert before.benefits[0].roles == ""  # read as layout 2, the old column is not Roles
    monkeypatch.setitem(MIGRATIONS, 1, roles_renamed)
    for module in (
        "generator.merging.upgrade",
        "generator.excel.reader",
        "generator.excel.reader.opening",
        "generator.excel.writer.lists_sheet",
        "generator.excel.writer.instructions",
        "generator.merging.merge",
    ):
        monkeypatch.setattr(f"{module}.LAYOUT_VERSION", 2)

    result = upgrade_workbook(sample_workbook, tmp_path / "v2.xlsx")

    assert result.applied == [1] and result.to_version == 2
    after = read_workbook(result.output).plan
    assert after.layout_version == 2
    assert after.benefits[0].roles == before.benefits[0].extra[old_heading]
    assert old_heading not in after.benefits[0].notes


def layout_v1_fixture(folder: Path) -> list[Path]:
    """The version 1 fixture, for LibreOffice Calc to re-save (see resaved_by_calc)."""
    import shutil

    return [Path(shutil.copyfile(FIXTURE, folder / FIXTURE.name))]


CALC_RESAVES = (layout_v1_fixture,)


@pytest.mark.libreoffice
def test_the_fixture_resaved_by_libreoffice_upgrades_to_the_same_answers(
    resaved_by_calc, tmp_path: Path
):
    (resaved,) = resaved_by_calc(layout_v1_fixture, tmp_path / "libreoffice")

    direct = upgrade_workbook(FIXTURE, tmp_path / "direct.xlsx")
    through = upgrade_workbook(resaved, tmp_path / "through.xlsx")

    assert through.from_version == 1
    assert comparable(read_workbook(through.output).plan) == comparable(
        read_workbook(direct.output).plan
    )
