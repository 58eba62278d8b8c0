"""coalition merge: copies filled by several people become one workbook, and nothing is lost."""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook
from workbook_edits import edit, find_column, find_row

from generator.cli import main
from generator.common.text import fold
from generator.excel.reader import check_workbook, read_workbook
from generator.excel.writer import write_workbook
from generator.merging.accounting import unaccounted
from generator.merging.answers import invitee_answer
from generator.merging.conflicts import CONFLICT_HEADINGS, CONFLICTS_SHEET, Conflict
from generator.merging.join import union_vocabulary
from generator.merging.merge import file_labels, merge_workbooks, write_merged
from generator.plan.model import Benefit, Choice, CoalitionPlan, Invitee, Partner, PartnerKind
from generator.worksheet import CHECKLISTS, HEADING_ROW, PART2, PART3, PART4, PART5
from generator.worksheet.vocabulary import Status

MakeWorkbook = Callable[..., Path]
NAMES = ("alice", "bruno", "chen")

HOSTILE = '=HYPERLINK("http://evil.example","x") & <b>{{ 7*7 }}</b> \u05e9\u05dc\u05d5\u05dd 🎉'


# --- Three copies of the Forest City workbook, as three people returned them --------------------


def three_copies(plan: CoalitionPlan) -> tuple[CoalitionPlan, CoalitionPlan, CoalitionPlan]:
    """Alice filled everything; Bruno and Chen worked on parts, overlapping and disagreeing."""
    alice = copy.deepcopy(plan)
    alice.partners[0].notes = ""  # Bruno fills it: empty against filled is no conflict
    alice.invitees[1].status = Status.INVITED  # Chen says Accepted: a conflict

    bruno = copy.deepcopy(plan)
    bruno.partners = bruno.partners[:4]
    asset_builders = bruno.partners[0]
    asset_builders.organization_type = "Philanthropy"  # conflict with Alice's Nonprofit
    asset_builders.populations.append("Middle-class residents")  # a union, not a conflict
    asset_builders.notes = "Met their board in March."
    bruno.partners.append(
        Partner(
            "Eastside Mutual Aid",
            PartnerKind.POTENTIAL,
            "Community-based organization",
            populations=["Residents with low incomes"],
        )
    )
    bruno.needs.areas.append(Choice("Neonatal health"))
    bruno.needs.groups[0] = Choice("People of color", "Black and Latino residents")  # conflict
    bruno.benefits = [
        replace(b, roles=b.roles + " (to confirm)") if i == 0 else b
        for i, b in enumerate(bruno.benefits)
    ]
    bruno.invitees = bruno.invitees[:3]
    bruno.invitees[0].sender = "Council Member Lee"  # conflict
    bruno.invitees.append(Invitee("Pat Kim", "Eastside Mutual Aid", "Maria Delgado"))

    chen = copy.deepcopy(plan)
    chen.community = "Forest City, Ohio"  # conflict
    # Chen's copy has an organization type of its own on the Lists sheet.
    chen.vocabulary = replace(
        chen.vocabulary,
        organization_types=(*chen.vocabulary.organization_types, "Tenant association"),
    )
    chen.partners = chen.partners[-3:]
    college = next(p for p in plan.potential_partners[:1])
    moved = copy.deepcopy(plan.existing_partners[1])
    moved.kind = PartnerKind.POTENTIAL  # existing for Alice: a conflict, and existing is kept
    chen.partners += [moved, copy.deepcopy(college)]
    chen.partners[-1].other_assets = HOSTILE  # Alice left it empty: no conflict, written as text
    chen.partners.append(
        Partner("Mayfield Tenant Council", PartnerKind.POTENTIAL, "Tenant association")
    )
    chen.benefits = [Benefit(chen.partners[-1].name, motivations="Rents rose 30%.")]
    chen.invitees = [copy.deepcopy(plan.invitees[1])]
    chen.invitees[0].status = Status.ACCEPTED  # conflict with Alice's status
    chen.invitees[0].notes = HOSTILE
    return alice, bruno, chen


def write_copies(folder: Path) -> list[Path]:
    """The three copies as workbooks in ``folder``."""
    from generator.demo.sample import load_plan, sample_dir

    plans = three_copies(load_plan(sample_dir() / "forest-city.toml"))
    paths = [
        write_workbook(folder / f"{n}.xlsx", p.vocabulary, p.community, plan=p)
        for p, n in zip(plans, NAMES, strict=True)
    ]
    edit(paths[1], add_own_column)  # Bruno's own column, as he added it in Excel
    return paths


@pytest.fixture
def copies(make_once: Callable[..., Path], tmp_path: Path) -> list[Path]:
    """The three copies, written once per run; each test has copies of its own."""
    import shutil

    made = make_once("merge-copies", write_copies)
    return [Path(shutil.copyfile(made / f"{n}.xlsx", tmp_path / f"{n}.xlsx")) for n in NAMES]


def add_own_column(workbook: Workbook) -> None:
    sheet = workbook[PART2.sheet]
    column = sheet.max_column + 1
    sheet.cell(HEADING_ROW, column, "Board contact")
    sheet.cell(find_row(sheet, 1, "Forest City Asset Builders"), column, "Rosa Lind")


def merge(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["merge", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


# --- Accounting for every answer, independently of the merge's own bookkeeping ------------------


Answer = tuple[str, str, str, str]  # where, record, heading, value


def every_answer(plan: CoalitionPlan) -> list[Answer]:
    """Each non-empty answer of a plan, named as the Conflicts sheet names it; one per mark."""
    found: list[Answer] = []

    def add(where: str, record: str, heading: str, value: object) -> None:
        for item in value if isinstance(value, list) else [value]:
            text = getattr(item, "value", item)  # a Status is its text
            if text:
                found.append((where, record, heading, text))

    add("Instructions", "Workbook", "Community", plan.community)
    for checklist in CHECKLISTS:
        for choice in getattr(plan.needs, checklist.key):
            record = f"{checklist.short}: {choice.label}"
            add("Part 1", record, "Chosen?", "Yes")
            add("Part 1", record, "Details", choice.details)
    for partner in plan.partners:  # Parts 2 and 3 are one table: the part is an answer too
        add("partners", partner.name, "Part (existing or potential)", _part(partner))
    rows = [
        *((PART2, p.name, p) for p in plan.partners),
        *((PART4, b.partner, b) for b in plan.benefits),
        *((PART5, f"{i.member} ({i.organization})", i) for i in plan.invitees),
    ]
    for table, name, record in rows:
        for column in table.columns:
            add(table.key, name, column.heading, invitee_answer(record, column.field))
        for heading, value in record.extra.items():
            add(table.key, name, heading, value)
    return found


def _part(partner: Partner) -> str:
    return PART2.sheet if partner.is_existing else PART3.sheet


def conflict_rows(path: Path) -> set[tuple[str, str, str]]:
    """(record, answer, value), folded, of every row of the merged workbook's Conflicts sheet."""
    workbook = load_workbook(path)
    if CONFLICTS_SHEET not in workbook.sheetnames:
        return set()
    sheet = workbook[CONFLICTS_SHEET]
    header = find_row(sheet, 1, "#")
    columns = [find_column(sheet, header, h) for h in ("Record", "Answer", "Value")]
    rows = range(header + 1, sheet.max_row + 1)
    return {tuple(fold(str(sheet.cell(r, c).value or "")) for c in columns) for r in rows}


def lost_answers(inputs: list[Path], merged: Path) -> list[Answer]:
    """The answers of the inputs found neither in the merged workbook nor on its Conflicts sheet.

    Found means: the same record holds the value under the same heading (alone, or within a text
    that gathers more, like Notes), or holds "Heading: value" for a column of someone's own, or
    the Conflicts sheet lists the value for that record and heading.
    """
    held: dict[tuple[str, str, str], list[str]] = {}
    texts: dict[tuple[str, str], list[str]] = {}
    for where, record, heading, value in every_answer(read_workbook(merged).plan):
        held.setdefault((where, fold(record), fold(heading)), []).append(fold(value))
        texts.setdefault((where, fold(record)), []).append(fold(value))
    disputed = conflict_rows(merged)
    lost: list[Answer] = []
    for path in inputs:
        for where, record, heading, value in every_answer(read_workbook(path).plan):
            wanted = fold(value)
            own_column = f"{fold(heading)}: {wanted}"
            if any(wanted in text for text in held.get((where, fold(record), fold(heading)), [])):
                continue
            if any(own_column in text for text in texts.get((where, fold(record)), [])):
                continue
            if (fold(record), fold(heading), wanted) in disputed:
                continue
            lost.append((path.name, record, heading, value))
    return lost


# --- The merge ----------------------------------------------------------------------------------


def test_three_copies_merge_and_every_answer_is_in_the_workbook_or_its_conflicts(
    copies: list[Path], tmp_path: Path
):
    merged = tmp_path / "merged.xlsx"

    code, out, err = merge(*copies, "-o", merged)

    assert code == 0, err
    assert lost_answers(copies, merged) == []
    assert "7 conflicts: the first file's value is kept" in out


def test_the_merge_joins_rows_and_keeps_the_first_value(copies: list[Path], tmp_path: Path):
    result = merge_workbooks(copies)
    write_merged(result, tmp_path / "merged.xlsx")
    plan = read_workbook(tmp_path / "merged.xlsx").plan

    builders = plan.partner("Forest City Asset Builders")
    assert builders is not None
    assert builders.organization_type == "Nonprofit"  # Alice's, the first file's
    assert "Middle-class residents" in builders.populations  # Bruno's mark, added
    assert builders.notes == "Met their board in March.\nBoard contact: Rosa Lind"
    assert plan.partner("Eastside Mutual Aid") is not None  # only Bruno had it
    assert plan.partner("Mayfield Tenant Council").organization_type == "Tenant association"
    assert plan.partner(result.readings[0].plan.existing_partners[1].name).is_existing
    assert {c.label for c in plan.needs.areas} >= {"Neonatal health", "Housing affordability"}
    assert plan.community == "Forest City"
    # One row per organization, per Part 4 partner and per invitee, however many copies had it.
    names = [fold(p.name) for p in plan.partners]
    assert len(names) == len(set(names))
    invitees = [(fold(i.member), fold(i.organization)) for i in plan.invitees]
    assert len(invitees) == len(set(invitees))
    assert len(plan.invitees) == len(result.readings[0].plan.invitees) + 1  # + Pat Kim

    conflicts = {(c.record, c.field): c for c in result.conflicts}
    moved = result.readings[0].plan.existing_partners[1].name
    assert set(conflicts) == {
        ("Workbook", "Community"),
        ("Priority groups: People of color", "Details"),
        ("Forest City Asset Builders", "Type of organization"),
        (moved, "Part (existing or potential)"),
        ("Forest City Asset Builders", "Roles"),
        ("Denise Okafor (Forest City Asset Builders)", "Who will send the invitation?"),
        ("Harold Brooks (Forest City Chamber of Commerce)", "Status"),
    }
    kind = conflicts[(moved, "Part (existing or potential)")]
    assert [v.text for v in kind.values] == [PART2.sheet, PART3.sheet]
    org_type = conflicts[("Forest City Asset Builders", "Type of organization")]
    assert [(v.text, [o.file for o in v.origins]) for v in org_type.values] == [
        ("Nonprofit", ["alice.xlsx"]),
        ("Philanthropy", ["bruno.xlsx"]),
    ]
    # Empty against filled is not a conflict (Alice left the notes and the college's other
    # assets empty), and neither are marks that only one copy made.


def test_an_organization_existing_in_any_copy_stays_existing(copies: list[Path]):
    alice, _, chen = copies

    result = merge_workbooks([chen, alice])  # Chen, who calls it potential, comes first

    moved = result.readings[1].plan.existing_partners[1].name
    assert result.plan.partner(moved).is_existing
    kind = next(c for c in result.conflicts if c.field == "Part (existing or potential)")
    assert [(v.text, v.origins[0].file) for v in kind.values] == [
        (PART2.sheet, "alice.xlsx"),
        (PART3.sheet, "chen.xlsx"),
    ]


def test_conflicts_are_listed_in_the_terminal_and_on_a_sheet_that_links_to_each_cell(
    copies: list[Path], tmp_path: Path
):
    merged = tmp_path / "merged.xlsx"

    _, out, _ = merge(*copies, "-o", merged)

    assert "Part 2 Existing!B4 \u00b7 Forest City Asset Builders \u00b7 Type of organization" in out
    assert "kept  \u201cNonprofit\u201d" in out and "from bruno.xlsx (row 4)" in out
    workbook = load_workbook(merged)
    assert workbook.sheetnames[0] == CONFLICTS_SHEET
    sheet = workbook[CONFLICTS_SHEET]
    assert [c.value for c in sheet[4]] == list(CONFLICT_HEADINGS)
    row = find_row(sheet, 5, "Philanthropy")
    assert sheet.cell(row, 6).value == "bruno.xlsx (row 4)"
    kept_row = find_row(sheet, 5, "Nonprofit")
    assert sheet.cell(kept_row, 7).value == "kept"
    assert sheet.cell(kept_row, 2).hyperlink.location == "'Part 2 Existing'!B4"
    disputed = workbook[PART2.sheet]["B4"]
    assert "Philanthropy" in disputed.comment.text


def test_values_that_look_like_formulas_stay_text(copies: list[Path], tmp_path: Path):
    merged = tmp_path / "merged.xlsx"
    merge(*copies, "-o", merged)

    workbook = load_workbook(merged)
    cells = [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith("=HYPERLINK(")
    ]
    assert cells, "the hostile value should be in the merged workbook"
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells)
    assert read_workbook(merged).plan.partner("Forest City Community College").other_assets == (
        HOSTILE
    )


def test_the_merged_workbook_reads_like_one_the_tool_emitted(copies: list[Path], tmp_path: Path):
    merged = tmp_path / "merged.xlsx"
    merge(*copies, "-o", merged)
    plan = read_workbook(merged).plan
    fresh = write_workbook(tmp_path / "fresh.xlsx", plan.vocabulary)

    assert validations(merged) == validations(fresh)  # every dropdown, on every sheet
    reading = check_workbook(merged)  # coalition check works on it
    assert reading.plan.partners
    assert not [f for f in reading.findings if f.code in ("not-in-list", "unknown-option")]


def validations(path: Path) -> set[tuple[str, str, str]]:
    return {
        (sheet.title, str(v.sqref), str(v.formula1))
        for sheet in load_workbook(path).worksheets
        for v in sheet.data_validations.dataValidation
    }


def test_lists_of_different_copies_are_joined_in_the_first_copys_order(
    sample_plan: CoalitionPlan,
):
    first = sample_plan.vocabulary
    second = replace(
        first,
        organization_types=("Tenant association", *reversed(first.organization_types)),
        pillars={**first.pillars, "Culture": ("Arts access",)},
    )

    joined = union_vocabulary([first, second])

    assert joined.organization_types == (*first.organization_types, "Tenant association")
    assert joined.areas == (*first.areas, "Arts access")
    assert joined.pillar_of("Arts access") == "Culture"


def test_a_file_merged_with_itself_has_no_conflicts(
    sample_plan: CoalitionPlan, sample_workbook: Path, tmp_path: Path
):
    merged = tmp_path / "merged.xlsx"

    code, out, _ = merge(sample_workbook, sample_workbook, "-o", merged)

    assert code == 0
    assert "No conflicts" in out
    assert CONFLICTS_SHEET not in load_workbook(merged).sheetnames
    assert lost_answers([sample_workbook], merged) == []
    assert len(read_workbook(merged).plan.partners) == len(sample_plan.partners)


def test_rows_without_a_name_join_no_other_row(
    sample_plan: CoalitionPlan, make_workbook: MakeWorkbook, tmp_path: Path
):
    sample_plan.invitees.append(Invitee("", "Forest City Asset Builders", "Maria Delgado"))
    path = make_workbook(sample_plan)

    result = merge_workbooks([path, path])

    unnamed = [i for i in result.plan.invitees if not i.member]
    assert len(unnamed) == 2 and result.conflicts == []


def test_a_blank_status_or_one_that_is_no_status_is_merged_as_written(
    sample_plan: CoalitionPlan, make_workbook: MakeWorkbook, tmp_path: Path
):
    sample_plan.invitees[0].status_text = "Maybe later"
    sample_plan.invitees[1].status_text = ""
    path = make_workbook(sample_plan)
    merged = tmp_path / "merged.xlsx"

    code, _, _ = merge(path, path, "-o", merged)

    assert code == 0
    statuses = [i.status_text for i in read_workbook(merged).plan.invitees[:2]]
    assert statuses == ["Maybe later", ""]


# --- Refusals -----------------------------------------------------------------------------------


def test_an_existing_output_needs_force(copies: list[Path], tmp_path: Path):
    merged = tmp_path / "merged.xlsx"
    merged.write_bytes(b"someone's file")

    code, out, err = merge(*copies, "-o", merged)

    assert code == 2
    assert err == f"Error: {merged}: already exists; pass --force to overwrite it.\n"
    assert out == ""  # refused before reading anything
    assert merged.read_bytes() == b"someone's file"
    assert merge(*copies, "-o", merged, "--force")[0] == 0


def test_a_copy_is_never_overwritten_by_the_merge(copies: list[Path]):
    before = hashlib.sha256(copies[0].read_bytes()).hexdigest()

    code, _, err = merge(*copies, "-o", copies[0], "--force")

    assert code == 2 and "is one of the workbooks being merged" in err
    assert hashlib.sha256(copies[0].read_bytes()).hexdigest() == before


def test_an_unreadable_copy_is_refused_in_one_sentence(copies: list[Path], tmp_path: Path):
    bogus = tmp_path / "dana.xlsx"
    bogus.write_text("Organization name,Type\nLibrary,Nonprofit\n")
    merged = tmp_path / "merged.xlsx"

    code, _, err = merge(copies[0], bogus, "-o", merged)

    assert code == 2
    assert err.startswith(f"Error: {bogus}: is not an Excel workbook")
    assert err.count("\n") == 1
    assert not merged.exists()


# --- The safety net and the names of files ------------------------------------------------------


def test_the_safety_net_notices_a_lost_answer(sample_plan: CoalitionPlan):
    damaged = copy.deepcopy(sample_plan)
    damaged.partners[0].domains = damaged.partners[0].domains[1:]
    damaged.invitees[0].email = ""

    lost = unaccounted([sample_plan], damaged)

    assert {(a.field, a.value) for a in lost} == {
        ("domains", sample_plan.partners[0].domains[0]),
        ("email", sample_plan.invitees[0].email),
    }
    conflict = Conflict("", "", "", [], "email", scope=("invitees", ""))
    assert unaccounted([sample_plan], damaged, [conflict]) == lost  # a conflict elsewhere: no


def test_files_of_the_same_name_are_told_apart_by_their_folders(tmp_path: Path):
    paths = [tmp_path / "alice" / "w.xlsx", tmp_path / "bruno" / "w.xlsx", tmp_path / "x.xlsx"]

    assert file_labels([*paths, paths[0]]) == [
        "alice/w.xlsx",
        "bruno/w.xlsx",
        "x.xlsx",
        "alice/w.xlsx #2",
    ]


# --- Copies that went through LibreOffice -------------------------------------------------------


CALC_RESAVES = (write_copies,)


@pytest.mark.libreoffice
def test_copies_resaved_by_libreoffice_merge_like_the_originals(
    copies: list[Path], resaved_by_calc, tmp_path: Path
):
    resaved = resaved_by_calc(write_copies, tmp_path / "libreoffice")
    original = merge_workbooks(copies)
    merged = tmp_path / "merged.xlsx"

    code, _, err = merge(*resaved, "-o", merged)

    assert code == 0, err
    assert lost_answers(resaved, merged) == []
    again = merge_workbooks(resaved)
    assert [(c.record, c.field, [v.text for v in c.values]) for c in again.conflicts] == [
        (c.record, c.field, [v.text for v in c.values]) for c in original.conflicts
    ]
