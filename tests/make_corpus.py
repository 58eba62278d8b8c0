"""The corpus: workbooks filled the ways people fill them, each beside what its person meant.

    python tests/make_corpus.py            # rewrite tests/corpus: meanings, LibreOffice-made files
    python tests/make_corpus.py --out DIR  # every workbook of every case, openpyxl-made ones too

Every case starts from a workbook made by ``coalition new-workbook`` and fills in the same small
coalition (:data:`BASE`) with one habit: marks typed as x, ✓ or ✔️; Google Sheets checkboxes,
which leave FALSE in every unticked cell; "No" and the status "Invite" filled down 500 rows;
cells merged across columns or down rows; formulas; spreadsheet errors; marks on headings and
notes beside the table. Beside each case, written by hand here and never taken from the reader,
is what the person meant: the plan and the findings a person must act on (at their cells).
``tests/test_corpus.py`` reads every workbook and asserts that the reading equals the meaning.

Two hands fill each case:

* **openpyxl**, as a script (or an export) writes a workbook: a string starting with "=" is a
  formula saved without a result, "#N/A" a cell showing an error, True and False booleans (which
  is also how Google Sheets saves its checkboxes). These are made in a test's temporary folder.
* **LibreOffice Calc**, driven through its UNO API by ``tests/lo_fill.py``: each value entered
  as typed (Calc's own recognition of numbers, TRUE and formulas), cells merged with Calc's merge,
  formulas calculated by Calc, the workbook saved by Calc as .xlsx. This is LibreOffice filling
  and saving the workbook, not converting one. UNO over a named pipe, from a Python that has
  LibreOffice's ``uno`` module, is used because headless LibreOffice 7.4 crashes running a
  script URL with no window, and a Basic macro would need a profile prepared by hand; a
  converted .fods would show Calc's import, not its typing. These files are committed in
  ``tests/corpus``, so that the tests read them where LibreOffice is not installed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from generator.excel.writer import write_workbook
from generator.worksheet import DEFAULT_VOCABULARY, PART1_SHEET, PART2, PART3, PART4, PART5, Table
from generator.worksheet.placement import place_part1, place_table

CORPUS = Path(__file__).parent / "corpus"
LO_FILL = Path(__file__).parent / "lo_fill.py"
COMMUNITY = "Forest City"
LAST_ROW = 503  # the 500 rows of each table that carry dropdowns

# --- Edits: what a person does to a cell ---------------------------------------------------------


@dataclass(frozen=True)
class Put:
    """A value entered into one cell; ``typed`` is what LibreOffice is given instead, when a
    person typing gets there another way (``=NA()`` for a cell showing #N/A)."""

    sheet: str
    cell: str
    value: object
    typed: str | None = None


@dataclass(frozen=True)
class Fill:
    """The same value in every cell of a range (filled down, or checkboxes inserted)."""

    sheet: str
    ref: str
    value: object


@dataclass(frozen=True)
class FillDown:
    """A formula dragged down a column: ``template`` with ``{row}`` for each row; ``typed`` as
    LibreOffice's own formula syntax writes it (semicolons between arguments)."""

    sheet: str
    column: str
    first: int
    last: int
    template: str
    typed: str


@dataclass(frozen=True)
class Merge:
    sheet: str
    ref: str


Edit = Put | Fill | FillDown | Merge


# --- Where the answers go: the cells of a new workbook -------------------------------------------


def letter(table: Table, field_name: str, option: str | None = None) -> str:
    for placed in place_table(table, DEFAULT_VOCABULARY):
        if placed.column_field == field_name and placed.option == option:
            return placed.letter
    raise LookupError((table.key, field_name, option))


def mark_letters(table: Table) -> list[str]:
    return [p.letter for p in place_table(table, DEFAULT_VOCABULARY) if p.option]


def part1_row(checklist: str, option: str) -> int:
    return next(
        r.row
        for r in place_part1(DEFAULT_VOCABULARY).rows
        if (r.checklist, r.option) == (checklist, option)
    )


def pillar_row(pillar: str) -> int:
    return place_part1(DEFAULT_VOCABULARY).pillars[pillar]


def last_column(table: Table) -> int:
    return place_table(table, DEFAULT_VOCABULARY)[-1].index


# --- What the coalition means: written by hand ---------------------------------------------------

TITLE = "Director, Office of Economic Mobility"

BASE: dict[str, Any] = {
    "community": COMMUNITY,
    "needs": {
        "groups": [["People of color", "Black, Latino"], ["Young people", ""],
                   ["Residents with low incomes", ""]],
        "areas": [["Housing stability", ""], ["Digital access", ""],
                  ["Employment opportunities", ""]],
        "assets": [["Staff capacity", ""], ["Convening power", ""]],
    },
    "partners": [
        {"name": "Forest City Food Bank", "kind": "existing", "organization_type": "Nonprofit",
         "populations": ["Young people", "Residents with low incomes"],
         "domains": ["Financial security"], "assets": ["Staff capacity"],
         "other_populations": "", "other_assets": "", "notes": ""},
        {"name": "Northside Tenants Union", "kind": "existing",
         "organization_type": "Community-based organization",
         "populations": ["People experiencing housing instability or homelessness"],
         "domains": ["Housing affordability", "Housing stability"],
         "assets": ["Strong connections to community members"],
         "other_populations": "", "other_assets": "", "notes": ""},
        {"name": "Forest City Community College", "kind": "potential",
         "organization_type": "Anchor institution",
         "populations": ["English-language learners", "Residents with low incomes"],
         "domains": ["Preparation for college", "Employment opportunities"],
         "assets": ["Convening power"],
         "other_populations": "", "other_assets": "", "notes": ""},
    ],
    "benefits": [
        {"partner": "Forest City Food Bank", "aligned_initiatives": "Summer meals program",
         "motivations": "Reach more families", "roles": "Director as champion",
         "barriers": "Stretched thin in summer", "notes": ""},
    ],
    "invitees": [
        {"member": "Maria Lopez", "organization": "Forest City Food Bank",
         "sender": "Jordan Ellis", "status": "Invite", "email": "maria@example.org",
         "sender_title": TITLE, "notes": ""},
        {"member": "Sam Lee", "organization": "Forest City Community College",
         "sender": "Jordan Ellis", "status": "Invite", "email": "sam@example.org",
         "sender_title": TITLE, "notes": ""},
        {"member": "Ana Souza", "organization": "Northside Tenants Union",
         "sender": "Pat Reyes", "status": "Keep informed", "email": "ana@example.org",
         "sender_title": "Organizer", "notes": ""},
    ],
}  # fmt: skip

#: Which sheet row each record of BASE is written on.
PARTNER_ROWS = ((PART2, 4), (PART2, 5), (PART3, 4))
STATUS_CELLS = {"Invite": "", "Keep informed": "Keep informed"}  # a blank Status means Invite


def base_edits(mark: Callable[[int], object] = lambda _: "Yes") -> list[Edit]:
    """BASE as a person fills it in; ``mark(n)`` is what they put in the n-th marked cell."""
    edits: list[Edit] = []
    count = iter(range(10_000))
    for checklist, choices in BASE["needs"].items():
        for option, details in choices:
            row = part1_row(checklist, option)
            edits.append(Put(PART1_SHEET, f"B{row}", mark(next(count))))
            if details:
                edits.append(Put(PART1_SHEET, f"C{row}", details))
    for partner, (table, row) in zip(BASE["partners"], PARTNER_ROWS, strict=True):
        edits.append(Put(table.sheet, f"{letter(table, 'name')}{row}", partner["name"]))
        edits.append(
            Put(table.sheet, f"{letter(table, 'organization_type')}{row}",
                partner["organization_type"])
        )  # fmt: skip
        for field_name in ("populations", "domains", "assets"):
            for option in partner[field_name]:
                cell = f"{letter(table, field_name, option)}{row}"
                edits.append(Put(table.sheet, cell, mark(next(count))))
    for offset, benefit in enumerate(BASE["benefits"]):
        for field_name in ("partner", "aligned_initiatives", "motivations", "roles", "barriers"):
            cell = f"{letter(PART4, field_name)}{4 + offset}"
            edits.append(Put(PART4.sheet, cell, benefit[field_name]))
    for offset, invitee in enumerate(BASE["invitees"]):
        row = 4 + offset
        for field_name in ("member", "organization", "sender", "email", "sender_title"):
            edits.append(Put(PART5.sheet, f"{letter(PART5, field_name)}{row}", invitee[field_name]))
        if status := STATUS_CELLS[invitee["status"]]:
            edits.append(Put(PART5.sheet, f"{letter(PART5, 'status')}{row}", status))
    return edits


def unmarked_cells() -> list[tuple[str, str]]:
    """The mark cells of BASE's rows that it leaves blank (Part 1 options and matrices)."""
    marked = {(e.sheet, e.cell) for e in base_edits() if isinstance(e, Put) and e.value == "Yes"}
    cells = [(PART1_SHEET, f"B{r.row}") for r in place_part1(DEFAULT_VOCABULARY).rows] + [
        (table.sheet, f"{column}{row}")
        for table, row in PARTNER_ROWS
        for column in mark_letters(table)
    ]
    return [cell for cell in cells if cell not in marked]


def meaning(change: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """BASE, changed by ``change`` where the habit leaves the person's meaning unreadable."""
    copy = json.loads(json.dumps(BASE))
    if change is not None:
        change(copy)
    return copy


def finding(severity: str, code: str, sheet: str, cell: str = "") -> list[str]:
    return [severity, code, sheet, cell]


# --- The cases ------------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    habit: str  # one sentence: what the person did
    edits: list[Edit]
    meaning: dict[str, Any] = field(default_factory=meaning)
    findings: list[list[str]] = field(default_factory=list)
    #: Made by LibreOffice too; what differs when it is (formulas get results there).
    libreoffice: bool = True
    libreoffice_meaning: dict[str, Any] | None = None
    libreoffice_findings: list[list[str]] | None = None

    def expected(self, hand: str) -> dict[str, Any]:
        if hand == "libreoffice":
            return {
                "meaning": self.libreoffice_meaning or self.meaning,
                "findings": sorted(
                    self.findings if self.libreoffice_findings is None
                    else self.libreoffice_findings
                ),
            }  # fmt: skip
        return {"meaning": self.meaning, "findings": sorted(self.findings)}


AFFIRMATIVE_TYPED = ["x", "X", "\u2713", "\u2714", "\u2714\ufe0f", "\u2705", "\u2611",
                     "\u2611\ufe0f", "\u221a", "TRUE", 1, "y", " Yes ", "yes"]  # fmt: skip
NEGATIVE_TYPED = ["N/A", "n/a", "NA", "none", "nope", "No.", "\u2610", "\u2717", "\u2718",
                  "\u274c", "-", "\u2013", "\u2014", 0, "No", "n", "FALSE", "no"]  # fmt: skip


def _typed_marks() -> Case:
    edits = base_edits(lambda n: AFFIRMATIVE_TYPED[n % len(AFFIRMATIVE_TYPED)])
    for n, (sheet, cell) in enumerate(unmarked_cells()):
        edits.append(Put(sheet, cell, NEGATIVE_TYPED[n % len(NEGATIVE_TYPED)]))
    return Case(
        "typed-marks",
        "Marks typed as x, ✓, ✔️, ✅, √, TRUE or 1, and every unmarked cell typed full of No, "
        "N/A, none, nope, ☐, ✗, ❌, dashes and 0.",
        edits,
    )


def _blank_rows_note(*sheets: str) -> list[list[str]]:
    return [finding("warning", "blank-rows", sheets[0])]


def _checkbox_columns(value: object) -> list[Edit]:
    """Every mark column of Parts 2 and 3 and every option and pillar row of Part 1 holding
    ``value``, as inserting checkboxes over the ranges (or filling them down) leaves it."""
    edits: list[Edit] = []
    layout = place_part1(DEFAULT_VOCABULARY)
    for row in [*(r.row for r in layout.rows), *layout.pillars.values()]:
        edits.append(Put(PART1_SHEET, f"B{row}", value))
    for table in (PART2, PART3):
        edits.extend(Fill(table.sheet, f"{c}4:{c}{LAST_ROW}", value) for c in mark_letters(table))
    return edits


def _sheets_checkboxes() -> Case:
    return Case(
        "sheets-checkboxes",
        "Google Sheets checkboxes inserted over every mark column (FALSE in each unticked cell, "
        "down to row 503), the marks ticked (TRUE).",
        [*_checkbox_columns(False), *base_edits(lambda _: True)],
        findings=_blank_rows_note(PART2.sheet),
    )


def _filled_down() -> Case:
    status, notes = letter(PART5, "status"), letter(PART2, "notes")
    sender, kind = letter(PART5, "sender"), letter(PART3, "organization_type")
    return Case(
        "filled-down",
        "No filled down every mark column, Invite down the Status column and N/A down Part 2's "
        "Notes to row 503, then the real answers typed over them; the last sender and the last "
        "type of organization filled down from their rows to row 503.",
        [
            *_checkbox_columns("No"),
            Fill(PART5.sheet, f"{status}4:{status}{LAST_ROW}", "Invite"),
            Fill(PART2.sheet, f"{notes}4:{notes}{LAST_ROW}", "N/A"),
            *base_edits(),
            Fill(PART5.sheet, f"{sender}7:{sender}{LAST_ROW}", "Pat Reyes"),
            Fill(PART3.sheet, f"{kind}5:{kind}{LAST_ROW}", "Anchor institution"),
        ],
        findings=_blank_rows_note(PART2.sheet),
    )


def _not_a_mark() -> Case:
    maybe = f"{letter(PART2, 'populations', 'People of color')}4"
    two = f"{letter(PART3, 'assets', 'Staff capacity')}4"
    question = f"B{part1_row('groups', 'Middle-class residents')}"
    return Case(
        "not-a-mark",
        "Words and numbers that are no mark in mark cells: maybe, ?, 2.",
        [
            *base_edits(),
            Put(PART2.sheet, maybe, "maybe"),
            Put(PART3.sheet, two, 2),
            Put(PART1_SHEET, question, "?"),
        ],
        findings=[
            finding("error", "not-a-mark", PART2.sheet, maybe),
            finding("error", "not-a-mark", PART3.sheet, two),
            finding("error", "not-a-mark", PART1_SHEET, question),
        ],
    )


def _merged_cells() -> Case:
    organization, sender = letter(PART5, "organization"), letter(PART5, "sender")
    aligned, barriers = letter(PART4, "aligned_initiatives"), letter(PART4, "barriers")
    kind = letter(PART2, "organization_type")
    edits = [
        e
        for e in base_edits()
        if not (isinstance(e, Put) and e.sheet == PART5.sheet and e.cell == f"{sender}4")
        and not (
            isinstance(e, Put)
            and e.sheet == PART4.sheet
            and e.cell[:-1] in {letter(PART4, f) for f in ("motivations", "roles", "barriers")}
        )
    ]
    edits += [
        Merge(PART5.sheet, f"{organization}4:{sender}4"),
        Merge(PART4.sheet, f"{aligned}4:{barriers}4"),
        Put(PART2.sheet, f"{letter(PART2, 'name')}6", "Eastside Youth League"),
        Put(PART2.sheet, f"{letter(PART2, 'populations', 'Young people')}6", "Yes"),
        Put(PART2.sheet, f"{letter(PART2, 'domains', 'Social capital')}6", "Yes"),
        Put(PART2.sheet, f"{letter(PART2, 'assets', 'Staff capacity')}6", "Yes"),
        Merge(PART2.sheet, f"{kind}5:{kind}6"),
    ]

    def change(plan: dict[str, Any]) -> None:
        plan["invitees"][0]["sender"] = ""
        plan["benefits"][0].update(motivations="", roles="", barriers="")
        plan["partners"].insert(
            2,
            {"name": "Eastside Youth League", "kind": "existing",
             "organization_type": "Community-based organization",
             "populations": ["Young people"], "domains": ["Social capital"],
             "assets": ["Staff capacity"], "other_populations": "", "other_assets": "",
             "notes": ""},
        )  # fmt: skip

    return Case(
        "merged-cells",
        "An organization merged across Organization and Sender, a Part 4 note merged across its "
        "four answers, one organization type merged down two partners' rows.",
        edits,
        meaning=meaning(change),
        findings=[
            finding("error", "merged-across", PART4.sheet, f"{aligned}4"),
            finding("error", "merged-across", PART5.sheet, f"{organization}4"),
            finding("error", "missing-sender", PART5.sheet, f"{sender}4"),
        ],
    )


def _formulas() -> Case:
    college = f"{letter(PART3, 'name')}4"
    sams_organization = f"{letter(PART5, 'organization')}5"
    notes = letter(PART5, "notes")
    member, sender = letter(PART5, "member"), letter(PART5, "sender")
    edits: list[Edit] = [
        e for e in base_edits() if not (isinstance(e, Put) and e.cell in (college,)
                                         and e.sheet == PART3.sheet)
    ]  # fmt: skip
    edits = [
        e for e in edits
        if not (isinstance(e, Put) and e.sheet == PART5.sheet and e.cell == sams_organization)
    ]  # fmt: skip
    edits += [
        Put(PART3.sheet, college, '="Forest City "&"Community College"'),
        Put(
            PART5.sheet, sams_organization, f"='{PART3.sheet}'!{college}",
            typed=f"=$'{PART3.sheet}'.{college}",
        ),
        FillDown(
            PART5.sheet, notes, 4, LAST_ROW,
            f'=IF({member}{{row}}="","","Invite by "&{sender}{{row}})',
            f'=IF({member}{{row}}="";"";"Invite by "&{sender}{{row}})',
        ),
    ]  # fmt: skip

    def unread(plan: dict[str, Any]) -> None:
        plan["partners"][2]["name"] = ""
        plan["invitees"][1]["organization"] = ""

    def calculated(plan: dict[str, Any]) -> None:
        for invitee in plan["invitees"]:
            invitee["notes"] = f"Invite by {invitee['sender']}"

    return Case(
        "formulas",
        "A partner's name, an invitee's organization and a Notes column filled down as "
        "formulas: a script saves them without results, LibreOffice calculates them.",
        edits,
        meaning=meaning(unread),
        findings=[
            finding("error", "formula-not-calculated", PART3.sheet, college),
            finding("error", "formula-not-calculated", PART5.sheet, sams_organization),
            finding("error", "formula-not-calculated", PART5.sheet, f"{notes}4"),
        ],
        libreoffice_meaning=meaning(calculated),
        libreoffice_findings=[],
    )


def _spreadsheet_errors() -> Case:
    kind = f"{letter(PART2, 'organization_type')}5"
    sender = f"{letter(PART5, 'sender')}6"
    edits = [
        e for e in base_edits() if not (isinstance(e, Put) and (e.sheet, e.cell) in
                                         {(PART2.sheet, kind), (PART5.sheet, sender)})
    ]  # fmt: skip
    edits += [
        Put(PART2.sheet, kind, "#N/A", typed="=NA()"),
        Put(PART5.sheet, sender, "#DIV/0!", typed="=1/0"),
    ]

    def change(plan: dict[str, Any]) -> None:
        plan["partners"][1]["organization_type"] = ""
        plan["invitees"][2]["sender"] = ""

    return Case(
        "spreadsheet-errors",
        "A required answer showing #N/A and another showing #DIV/0!.",
        edits,
        meaning=meaning(change),
        findings=[
            finding("error", "spreadsheet-error", PART2.sheet, kind),
            finding("error", "spreadsheet-error", PART5.sheet, sender),
        ],
    )


def _headings_and_strays() -> Case:
    heading = f"B{pillar_row('Rewarding Work')}"
    beside_part2 = f"{get_column_letter(last_column(PART2) + 1)}5"
    beside_part1 = f"E{part1_row('areas', 'Digital access')}"
    return Case(
        "headings-and-strays",
        "Yes beside a pillar heading of Part 1, and notes typed beside the tables.",
        [
            *base_edits(),
            Put(PART1_SHEET, heading, "Yes"),
            Put(PART2.sheet, beside_part2, "call back Tuesday"),
            Put(PART1_SHEET, beside_part1, "ask Maria"),
        ],
        findings=[
            finding("error", "mark-on-heading", PART1_SHEET, heading),
            finding("warning", "outside-answers", PART1_SHEET, beside_part1),
            finding("warning", "outside-answers", PART2.sheet, beside_part2),
        ],
    )


def cases() -> list[Case]:
    return [
        Case("tool-marks", "Yes chosen from the dropdowns, as the workbook asks.", base_edits()),
        _typed_marks(),
        _sheets_checkboxes(),
        _filled_down(),
        _not_a_mark(),
        _merged_cells(),
        _formulas(),
        _spreadsheet_errors(),
        _headings_and_strays(),
    ]


# --- Filling by openpyxl --------------------------------------------------------------------------


def blank_workbook(path: Path) -> Path:
    return write_workbook(path, DEFAULT_VOCABULARY, COMMUNITY, force=True)


def fill_with_openpyxl(case: Case, path: Path) -> Path:
    """The case's workbook as a script writes it (openpyxl: formulas without results)."""
    blank_workbook(path)
    workbook = load_workbook(path)
    for edit in case.edits:
        sheet = workbook[edit.sheet]
        if isinstance(edit, Put):
            sheet[edit.cell] = edit.value
        elif isinstance(edit, Fill):
            for row in sheet[edit.ref]:
                for cell in row:
                    cell.value = edit.value
        elif isinstance(edit, FillDown):
            for row in range(edit.first, edit.last + 1):
                sheet[f"{edit.column}{row}"] = edit.template.format(row=row)
        else:
            sheet.merge_cells(edit.ref)
    workbook.save(path)
    return path


# --- Filling by LibreOffice -----------------------------------------------------------------------


def _typed(value: object) -> list[Any]:
    if isinstance(value, bool):
        return ["type", "TRUE" if value else "FALSE"]
    if isinstance(value, int | float):
        return ["number", value]
    return ["type", str(value)]


def _lo_edit(edit: Edit) -> list[Any]:
    if isinstance(edit, Put):
        kind, value = _typed(edit.value) if edit.typed is None else ["type", edit.typed]
        return [kind, edit.sheet, edit.cell, value]
    if isinstance(edit, Fill):
        return ["fill", edit.sheet, edit.ref, _typed(edit.value)[1]]
    if isinstance(edit, FillDown):
        return ["fill-down", edit.sheet, edit.column, edit.first, edit.last, edit.typed]
    return ["merge", edit.sheet, edit.ref]


def uno_python() -> str | None:
    """A Python that can import LibreOffice's uno module, or None."""
    from generator.word.pdf import find_soffice

    candidates = [sys.executable, "/usr/bin/python3"]
    with contextlib.suppress(Exception):
        candidates.append(str(Path(os.path.realpath(find_soffice())).parent / "python"))
    for candidate in dict.fromkeys(candidates):
        if not Path(candidate).is_file():
            continue
        done = subprocess.run(
            [candidate, "-c", "import uno"], capture_output=True, timeout=60, check=False
        )
        if done.returncode == 0:
            return candidate
    return None


@contextlib.contextmanager
def _calc(profile: Path, pipe: str) -> Iterator[None]:
    from generator.word.pdf import find_soffice

    process = subprocess.Popen(
        [find_soffice("libreoffice-calc-nogui"), f"-env:UserInstallation={profile.as_uri()}",
         "--headless", "--invisible", "--nologo", "--norestore", "--nolockcheck",
         f"--accept=pipe,name={pipe};urp;"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        yield
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


def _run_calc_session(python: str, root: Path) -> None:
    """Run the jobs in ``root`` in a Calc session, and once more in a fresh one if the UNO
    client is killed by a signal: LibreOffice's Python bridge now and then crashes (SIGSEGV) on a
    busy machine, a crash of the program driving it, not a reading of ours."""
    for attempt in (1, 2):
        pipe = f"coalition_corpus_{uuid.uuid4().hex}"
        try:
            # Raised inside the session, so that Calc is killed rather than waited for.
            with _calc(root / f"profile-{attempt}", pipe):
                subprocess.run(
                    [python, str(LO_FILL), pipe, str(root / "jobs.json")], check=True, timeout=600
                )
            return
        except subprocess.CalledProcessError as error:
            if error.returncode > 0 or attempt == 2:
                raise


def fill_with_libreoffice(selected: Sequence[Case], folder: Path) -> dict[str, Path]:
    """Each case's workbook typed into LibreOffice Calc and saved by it, in one Calc session."""
    python = uno_python()
    if python is None:
        raise RuntimeError("no Python here can import LibreOffice's uno module")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="coalition-corpus-") as scratch:
        root = Path(scratch)
        blank = blank_workbook(root / "blank.xlsx")
        jobs = [
            {
                "in": str(blank),
                "out": str(root / f"{case.name}.xlsx"),
                "edits": [_lo_edit(edit) for edit in case.edits],
            }
            for case in selected
        ]
        (root / "jobs.json").write_text(json.dumps(jobs), encoding="utf-8")
        _run_calc_session(python, root)
        made = {}
        for case in selected:
            target = folder / f"{case.name}.libreoffice.xlsx"
            shutil.copyfile(root / f"{case.name}.xlsx", target)
            made[case.name] = target
    return made


def write_meanings(folder: Path) -> None:
    for case in cases():
        hands = ["openpyxl", *(["libreoffice"] if case.libreoffice else [])]
        record = {"case": case.name, "habit": case.habit}
        record |= {hand: case.expected(hand) for hand in hands}
        text = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
        (folder / f"{case.name}.meaning.json").write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="write every workbook here, not tests/corpus")
    args = parser.parse_args(argv)
    folder = args.out or CORPUS
    folder.mkdir(parents=True, exist_ok=True)
    write_meanings(folder)
    if args.out:
        for case in cases():
            fill_with_openpyxl(case, folder / f"{case.name}.openpyxl.xlsx")
    made = fill_with_libreoffice([c for c in cases() if c.libreoffice], folder)
    print(f"Wrote {len(made)} LibreOffice-made workbooks and their meanings to {folder}")


if __name__ == "__main__":
    main()
