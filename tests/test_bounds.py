"""Small files that would cost minutes and gigabytes are answered in seconds: one sentence, exit 2.

Each hostile file is built here, from the XML an attacker would write. Work is bounded by
counting (parts parsed, bytes inflated, characters compared, rows drawn), never by timing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_files import before_sheet_data_end, rewrite, sheet_part
from openpyxl import load_workbook

from generator.cli import main
from generator.common.errors import WorkbookError
from generator.common.xmlscan import PartScan
from generator.excel.reader import check_workbook, read_workbook
from generator.worksheet import LISTS_SHEET, PART2, PART4
from generator.worksheet.limits import LIMITS

TEMPLATE = Path(__file__).parent.parent / "templates" / "letter.docx"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The workbooks python-calamine or openpyxl was asked to parse (a refused one never is)."""
    import openpyxl
    from python_calamine import CalamineWorkbook

    import generator.excel.reader.fast

    calls: list[Path] = []
    real = openpyxl.load_workbook

    def counting(path, *args, **kwargs):
        calls.append(Path(path))
        return real(path, *args, **kwargs)

    class CountingCalamine:
        @staticmethod
        def from_path(path: str) -> CalamineWorkbook:
            calls.append(Path(path))
            return CalamineWorkbook.from_path(path)

    monkeypatch.setattr(openpyxl, "load_workbook", counting)
    monkeypatch.setattr(generator.excel.reader.fast, "CalamineWorkbook", CountingCalamine)
    return calls


@pytest.fixture
def inflated(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Bytes the safety scan was fed, part by part, as the package inflated."""
    fed = [0]
    real = PartScan.feed

    def counting(self, chunk, final=False):
        fed[0] += len(chunk)
        return real(self, chunk, final)

    monkeypatch.setattr(PartScan, "feed", counting)
    return fed


def files_in(folder: Path) -> set[Path]:
    return set(folder.rglob("*"))


# --- Rows, cells, shared texts and elements: counted before any parser runs ---------------------


def styled_empty_rows(sample: Path, target: Path, count: int = 1_000_000) -> Path:
    """A million empty rows, each formatted, in Part 2: 2.5 MB, minutes of parsing."""
    part = sheet_part(sample, PART2.sheet)

    def rows() -> Iterator[bytes]:
        for start in range(100, 100 + count, 10_000):
            yield b"".join(
                b'<row r="%d" s="3" customFormat="1"/>' % r
                for r in range(start, min(start + 10_000, 100 + count))
            )

    return rewrite(sample, target, before_sheet_data_end(part, rows))


def empty_rows(sample: Path, target: Path, count: int = 1_000_000) -> Path:
    part = sheet_part(sample, PART2.sheet)

    def rows() -> Iterator[bytes]:
        for start in range(100, 100 + count, 10_000):
            yield b"".join(
                b'<row r="%d"/>' % r for r in range(start, min(start + 10_000, 100 + count))
            )

    return rewrite(sample, target, before_sheet_data_end(part, rows))


def shared_strings(sample: Path, target: Path, count: int = 100_000) -> Path:
    """A shared-string table of 100,000 different texts (no cell needs to use them)."""

    def change(name: str, data: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return data.replace(
                b"</Types>",
                b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
                b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
            )
        if name == "xl/_rels/workbook.xml.rels":
            return data.replace(
                b"</Relationships>",
                b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/'
                b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                b"</Relationships>",
            )
        return data

    rewrite(sample, target, change)
    texts = b"".join(b"<si><t>Organization %d</t></si>" % n for n in range(count))
    with zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "xl/sharedStrings.xml",
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            b'count="%d" uniqueCount="%d">' % (count, count) + texts + b"</sst>",
        )
    return target


def styles(sample: Path, target: Path, count: int = 700_000) -> Path:
    """700,000 cell formats in styles.xml: no row or cell, but a parser builds each."""
    formats = b"".join(
        b'<xf numFmtId="%d" fontId="0" fillId="0" borderId="0" xfId="%d"/>' % (n * 7919 % 997, n)
        for n in range(count)
    )

    def change(name: str, data: bytes) -> bytes:
        if name != "xl/styles.xml":
            return data
        return data.replace(b"</cellXfs>", formats + b"</cellXfs>", 1)

    return rewrite(sample, target, change)


FILE_BOUNDS = [
    (styled_empty_rows, f"more than {LIMITS.max_sheet_rows:,} rows in its sheets"),
    (empty_rows, f"more than {LIMITS.max_sheet_rows:,} rows in its sheets"),
    (shared_strings, f"more than {LIMITS.max_shared_strings:,} different texts"),
    (styles, f"more than {LIMITS.max_elements:,} XML elements"),
]


@pytest.mark.parametrize(("make", "words"), FILE_BOUNDS, ids=[m.__name__ for m, _ in FILE_BOUNDS])
def test_a_file_past_the_bounds_is_refused_before_parsing_having_read_a_fraction(
    sample_workbook: Path,
    tmp_path: Path,
    make: Callable[..., Path],
    words: str,
    parsed: list[Path],
    inflated: list[int],
):
    path = make(sample_workbook, tmp_path / "hostile.xlsx")
    with zipfile.ZipFile(path) as package:
        inflated_size = sum(info.file_size for info in package.infolist())
    before = files_in(tmp_path)

    result = CliRunner().invoke(main, ["check", str(path)])

    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"Error: {path}: holds {words}")
    assert "far more than a coalition plan needs, so it was refused unread" in line
    assert files_in(tmp_path) == before
    assert parsed == []  # openpyxl never saw it
    assert inflated[0] < inflated_size  # stopped at the bound, not at the end of the package


def test_a_million_styled_rows_stop_within_the_first_few_megabytes(
    sample_workbook: Path, tmp_path: Path, inflated: list[int]
):
    """The issue's file of a million formatted empty rows: refused after reading about 50,000
    of them, a few megabytes of the 38 it inflates to."""
    path = styled_empty_rows(sample_workbook, tmp_path / "styled.xlsx")
    with zipfile.ZipFile(path) as package:
        assert sum(info.file_size for info in package.infolist()) > 35_000_000

    with pytest.raises(WorkbookError, match="refused unread"):
        read_workbook(path)

    row_bytes = len(b'<row r="100000" s="3" customFormat="1"/>')
    assert inflated[0] < (LIMITS.max_sheet_rows + 20_000) * row_bytes * 2


@pytest.mark.parametrize(
    "command",
    [
        ["check", "{path}", "--annotate", "{out}/annotated.xlsx"],
        ["report", "{path}", "-o", "{out}"],
        ["letters", "{path}", "-o", "{out}", "--eml"],
        ["merge", "{path}", "{path}", "-o", "{out}/merged.xlsx"],
        ["upgrade", "{path}", "-o", "{out}/new.xlsx"],
        ["templates", "check", str(TEMPLATE), "{path}"],
    ],
    ids=["check", "report", "letters", "merge", "upgrade", "templates-check"],
)
def test_every_command_answers_the_same_sentence_and_writes_nothing(
    sample_workbook: Path, tmp_path: Path, command: list[str]
):
    path = empty_rows(sample_workbook, tmp_path / "rows.xlsx", count=LIMITS.max_sheet_rows + 1)
    out = tmp_path / "out"
    before = files_in(tmp_path)

    args = [a.format(path=path, out=out) for a in command]
    result = CliRunner().invoke(main, args)

    assert result.exit_code == 2, result.output
    assert f"Error: {path}: holds more than 50,000 rows in its sheets" in result.output
    assert "Traceback" not in result.output and "Internal error" not in result.output
    assert files_in(tmp_path) == before


# --- What a plan holds: rows of answers, options of a list ---------------------------------------


def test_more_rows_of_answers_than_a_plan_holds_is_refused_naming_the_sheet(
    sample_workbook: Path, tmp_path: Path
):
    rows = LIMITS.max_rows + 1
    part = sheet_part(sample_workbook, PART4.sheet)

    def answers() -> Iterator[bytes]:
        yield b"".join(
            b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>Partner %d</t></is></c></row>' % (r, r, r)
            for r in range(100, 100 + rows)
        )

    path = rewrite(sample_workbook, tmp_path / "rows.xlsx", before_sheet_data_end(part, answers))

    result = CliRunner().invoke(main, ["check", str(path)])

    assert result.exit_code == 2
    assert result.output.strip() == (
        f"Error: {path}: sheet 'Part 4 Benefits' holds {rows + 8:,} rows of answers, more than "
        f"the {LIMITS.max_rows:,} a coalition plan may have; split the work into several "
        "workbooks, or delete the rows that are not needed."
    )


def test_a_list_of_more_options_than_a_plan_holds_is_refused(sample_workbook: Path, tmp_path: Path):
    workbook = load_workbook(sample_workbook)
    sheet = workbook[LISTS_SHEET]
    name = workbook.defined_names["OrganizationTypes"]
    for row in range(200, 200 + LIMITS.max_options + 1):
        sheet.cell(row, 1, f"Type {row}")
    name.attr_text = f"'{LISTS_SHEET}'!$A$200:$A${200 + LIMITS.max_options}"
    workbook.save(sample_workbook)

    with pytest.raises(WorkbookError) as raised:
        read_workbook(sample_workbook)

    assert str(raised.value) == (
        f"{sample_workbook}: its Lists sheet lists 101 options under \u201cTypes of "
        "organization\u201d, more than the 100 a list may hold; shorten the list and save it "
        "again."
    )


# --- Near misses: one budget for the whole workbook --------------------------------------------


def test_thousands_of_near_misses_against_long_lists_cost_a_bounded_effort(
    sample_workbook: Path, monkeypatch: pytest.MonkeyPatch
):
    """100 types of organization and 2,000 rows each typing one nearly (the issue's 2,000 types
    x 5,000 rows ran for more than 15 minutes): every row is still read, and reported; the
    near misses are looked for until the budget is spent, and a finding says so."""
    import difflib

    workbook = load_workbook(sample_workbook)
    lists = workbook[LISTS_SHEET]
    types = [f"Neighborhood organization of kind {n:03d}" for n in range(LIMITS.max_options)]
    for offset, kind in enumerate(types):
        lists.cell(300 + offset, 1, kind)
    workbook.defined_names[
        "OrganizationTypes"
    ].attr_text = f"'{LISTS_SHEET}'!$A$300:$A${300 + len(types) - 1}"
    part2 = workbook[PART2.sheet]
    for offset in range(LIMITS.max_rows - 20):
        part2.cell(20 + offset, 1, f"Partner {offset}")
        part2.cell(20 + offset, 2, f"Neighbourhood organisation of kind {offset % 100:03d}")
    workbook.save(sample_workbook)
    compared = [0]
    real_ratio = difflib.SequenceMatcher.quick_ratio

    def counting(self):
        compared[0] += len(self.a) + len(self.b)
        return real_ratio(self)

    monkeypatch.setattr(difflib.SequenceMatcher, "quick_ratio", counting)

    reading = check_workbook(sample_workbook)

    typed = [
        f
        for f in reading.findings
        if f.code in ("near-match", "not-in-list")
        and f.sheet == PART2.sheet
        and int(f.cell[1:]) >= 20
    ]
    assert len(typed) == LIMITS.max_rows - 20  # every row read and reported
    assert typed[0].code == "near-match"  # the first ones still read as what they nearly are
    assert any(f.code == "matching-stopped" for f in reading.findings)
    assert compared[0] <= LIMITS.max_match_work  # 2,000 x 100 x 80 characters unbounded


# --- Inputs that are not files --------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
@pytest.mark.parametrize(
    ("args", "what"),
    [
        (["check", "{pipe}.xlsx"], "a workbook"),
        (["check", "--format", "json", "{pipe}.xlsx"], "a workbook"),
        (["report", "{pipe}.xlsx", "-o", "{out}"], "a workbook"),
        (["letters", "{pipe}.xlsx", "-o", "{out}", "--eml"], "a workbook"),
        (["merge", "{sample}", "{pipe}.xlsx", "-o", "{out}/m.xlsx"], "a workbook"),
        (["upgrade", "{pipe}.xlsx", "-o", "{out}/u.xlsx"], "a workbook"),
        (["templates", "check", "{pipe}.docx"], "a Word template"),
        (["templates", "check", str(TEMPLATE), "{pipe}.xlsx"], "a workbook"),
        (["letters", "{sample}", "-o", "{out}", "--template", "{pipe}.docx"], "a Word template"),
        (["report", "{sample}", "-o", "{out}", "--template", "{pipe}.docx"], "a Word template"),
        (["new-workbook", "--config", "{pipe}.toml", "-o", "{out}/n.xlsx"], "a TOML config file"),
    ],
    ids=lambda value: value if isinstance(value, str) else "-".join(value[:2]),
)
def test_a_named_pipe_is_refused_at_once_without_being_opened(
    sample_workbook: Path, tmp_path: Path, args: list[str], what: str
):
    """Opening a named pipe waits for a writer: check once hung there for ever. Each command
    runs in its own process, with a deadline only a hang would meet."""
    pipes = tmp_path / "pipes"
    pipes.mkdir()
    for suffix in (".xlsx", ".docx", ".toml"):
        os.mkfifo(pipes / f"plan{suffix}")
    out = tmp_path / "out"
    before = files_in(tmp_path)
    command = [a.format(pipe=pipes / "plan", out=out, sample=sample_workbook) for a in args]

    done = subprocess.run(
        [sys.executable, "-m", "generator", *command],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )

    pipe = next(a for a in command if a.startswith(str(pipes)))
    assert done.returncode == 2, done.stderr
    assert f"{pipe}: is a named pipe (FIFO), not {what}; give the path of a regular file." in (
        done.stdout + done.stderr
    )
    assert files_in(tmp_path) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_in_a_cohort_folder_gets_its_row_and_stops_nothing(
    sample_workbook: Path, tmp_path: Path
):
    """summarize looked into every .xlsx it found to tell its own outputs apart, and opening a
    pipe waited for ever; it is now a row saying what it is, like any unreadable file."""
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    sample_workbook.rename(cohort / "forest-city.xlsx")
    os.mkfifo(cohort / "pipe.xlsx")
    summary = tmp_path / "summary.xlsx"

    done = subprocess.run(
        [sys.executable, "-m", "generator", "summarize", str(cohort), "-o", str(summary)],
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{cohort / 'pipe.xlsx'}: is a named pipe (FIFO), not a workbook" in done.stdout
    assert summary.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cohort", "summary.xlsx"]


# --- new-workbook: a config file or an option past what a workbook can hold ------------------


@pytest.mark.parametrize(
    ("toml", "sentence"),
    [
        ("a = " + "[" * 50_000 + "]" * 50_000, "nests its values too deeply to be a config file."),
        (
            f'community = "{"x" * 40_000}"',
            "community is 40,000 characters long, more than the 32,767 a spreadsheet cell can "
            "hold.",
        ),
        (
            "[lists]\norganization_types = ["
            + ", ".join(f'"Type {n}"' for n in range(LIMITS.max_options + 1))
            + "]",
            "lists.organization_types has 101 options, more than the 100 a list may hold.",
        ),
    ],
    ids=["deep", "long-community", "many-options"],
)
def test_a_config_past_the_bounds_is_one_sentence(tmp_path: Path, toml: str, sentence: str):
    config = tmp_path / "coalition.toml"
    config.write_text(toml, encoding="utf-8")
    before = files_in(tmp_path)

    result = CliRunner().invoke(
        main, ["new-workbook", "--config", str(config), "-o", str(tmp_path / "new.xlsx")]
    )

    assert result.exit_code == 2
    assert result.output == f"Error: {config}: {sentence}\n"
    assert files_in(tmp_path) == before


def test_a_community_longer_than_a_cell_is_refused_as_an_option(tmp_path: Path):
    result = CliRunner().invoke(
        main, ["new-workbook", "--community", "x" * 40_000, "-o", str(tmp_path / "new.xlsx")]
    )

    assert result.exit_code == 2
    assert "Invalid value for --community: 40,000 characters" in result.output
    assert list(tmp_path.iterdir()) == []


# --- What merge and upgrade write must be readable within the same bounds -------------------


def partners(sample: Path, target: Path, prefix: str, count: int) -> Path:
    part = sheet_part(sample, PART2.sheet)

    def rows() -> Iterator[bytes]:
        yield b"".join(
            b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s %d</t></is></c></row>'
            % (r, r, prefix.encode(), r)
            for r in range(100, 100 + count)
        )

    return rewrite(sample, target, before_sheet_data_end(part, rows))


def test_copies_within_the_bounds_that_join_past_them_are_not_merged(
    sample_workbook: Path, tmp_path: Path
):
    first = partners(sample_workbook, tmp_path / "a.xlsx", "Alpha", 1_200)
    second = partners(sample_workbook, tmp_path / "b.xlsx", "Beta", 1_200)
    output = tmp_path / "merged.xlsx"
    before = files_in(tmp_path)

    result = CliRunner().invoke(main, ["merge", str(first), str(second), "-o", str(output)])

    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"Error: {output}: was not written: the copies hold 2,409 different rows for Part 2 "
        "Existing, more than the 2,000 a coalition plan may have; merge fewer copies at a time."
    )
    assert files_in(tmp_path) == before


def test_a_merged_workbook_past_the_file_bounds_is_not_written(
    sample_workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The read-back refuses what any later command would refuse; the sentence names the
    output, not the temporary file it was read from."""
    import generator.merging.merge
    from generator.common.errors import UnsafeWorkbookError

    real = generator.merging.merge.read_workbook

    def refuse(path: Path):
        if ".tmp" not in Path(path).name:
            return real(path)  # the copy read in, not the merged one read back
        raise UnsafeWorkbookError(
            "holds more than 100,000 cells in its sheets, empty formatted ones included "
            "(counted up to part xl/worksheets/sheet9.xml), far more than a coalition plan "
            "needs, so it was refused unread; delete what is unused.",
            path,
        )

    monkeypatch.setattr(generator.merging.merge, "read_workbook", refuse)
    output = tmp_path / "merged.xlsx"
    before = files_in(tmp_path)

    result = CliRunner().invoke(main, ["merge", str(sample_workbook), "-o", str(output)])

    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"Error: {output}: was not written: the merged workbook would hold more than 100,000 "
        "cells in its sheets, empty formatted ones included, more than coalition reads back; "
        "merge fewer copies, or fewer rows, at a time."
    )
    assert files_in(tmp_path) == before


# --- The report's chart ---------------------------------------------------------------------


def test_the_chart_never_grows_past_a_page(sample_plan):
    """2,000 chosen areas once drew a chart 81,034 pixels high in 3 minutes and 700 MB. The
    lists now hold at most 100 options each; even all 300 chosen, the chart keeps one page: each
    checklist its share of rows, and a line saying how many more the table lists."""
    import struct
    from dataclasses import replace

    from generator.briefing.chart import DPI, MAX_HEIGHT, coverage_chart, fit_panels
    from generator.plan.coverage import analyse
    from generator.plan.model import Choice
    from generator.plan.priorities import PriorityKind

    def many(kind: str) -> tuple[str, ...]:
        return tuple(f"{kind} number {n} of the coalition's own list" for n in range(100))

    vocabulary = replace(
        sample_plan.vocabulary,
        groups=many("Group"),
        pillars={"Own areas": many("Area")},
        assets=many("Asset"),
    )
    sample_plan.vocabulary = vocabulary
    sample_plan.needs.groups = [Choice(o, "") for o in vocabulary.groups]
    sample_plan.needs.areas = [Choice(o, "") for o in many("Area")]
    sample_plan.needs.assets = [Choice(o, "") for o in vocabulary.assets]
    coverage = analyse(sample_plan)

    panels = fit_panels([(kind, coverage.of_kind(kind)) for kind in PriorityKind])
    png = coverage_chart(coverage)

    assert len(coverage.rows) == 300
    assert [len(rows) + more for _, rows, more in panels] == [100, 100, 100]
    assert sum(len(rows) for _, rows, _ in panels) < 60  # rows drawn, of 300
    assert all(more for _, _, more in panels)
    width, height = struct.unpack(">II", png[16:24])
    assert height <= MAX_HEIGHT * DPI and width <= 6.5 * DPI
