"""The `coalition` command itself: fast help, its version, and `new-workbook`'s promises."""

from __future__ import annotations

import errno
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

import generator.excel.writer
from generator import __version__
from generator.cli import main

HEAVY = ("pandas", "matplotlib", "docxtpl", "flask", "werkzeug", "waitress", "selenium")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def one_sentence_error(result: Result) -> str:
    """The error a person sees: exit code 2, one line on stderr, never a traceback."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


@pytest.mark.parametrize("argv", [[], ["--help"]], ids=["import", "help"])
def test_the_cli_and_its_help_load_no_heavy_library(argv: list[str]) -> None:
    # A fresh interpreter: the test session itself has imported everything by now.
    code = (
        "import json, sys\n"
        "from generator.cli import main\n"
        f"argv = {argv!r}\n"
        "if argv:\n"
        "    try:\n"
        "        main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})),\n"
        "      file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []
    if argv:
        assert "new-workbook" in done.stdout


def test_help_names_every_option_of_new_workbook() -> None:
    result = run("new-workbook", "--help")
    assert result.exit_code == 0
    for option in ("-o, --output", "--community", "--config", "--force"):
        assert option in result.output


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"coalition, version {__version__}"


def test_new_workbook_writes_a_workbook_for_the_community(tmp_path: Path) -> None:
    target = tmp_path / "out" / "forest-city.xlsx"
    result = run("new-workbook", "-o", str(target), "--community", "Forest City")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"Wrote {target}"
    workbook = load_workbook(target)
    assert workbook["_coalition"]["B2"].value == "Forest City"
    assert workbook["Instructions"]["B4"].value == "Forest City"


def test_new_workbook_takes_lists_and_community_from_a_config(tmp_path: Path) -> None:
    config = tmp_path / "coalition.toml"
    config.write_text(
        'community = "Boone County"\n[lists.add]\norganization_types = ["Tribal government"]\n',
        encoding="utf-8",
    )
    target = tmp_path / "w.xlsx"
    assert run("new-workbook", "-o", str(target), "--config", str(config)).exit_code == 0
    workbook = load_workbook(target)
    assert workbook["_coalition"]["B2"].value == "Boone County"
    (title, ref), *_ = workbook.defined_names["OrganizationTypes"].destinations
    options = [row[0].value for row in workbook[title][ref.replace("$", "")]]
    assert options[-2:] == ["Tribal government", "Other"]

    again = tmp_path / "w2.xlsx"
    args = ("new-workbook", "-o", str(again), "--config", str(config), "--community", "Columbia")
    assert run(*args).exit_code == 0
    assert load_workbook(again)["_coalition"]["B2"].value == "Columbia"  # the option wins


def test_new_workbook_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "coalition-workbook.xlsx"
    target.write_bytes(b"a convener's filled-in copy")
    message = one_sentence_error(run("new-workbook", "-o", str(target)))
    assert message == f"Error: {target}: already exists; pass --force to overwrite it."
    assert target.read_bytes() == b"a convener's filled-in copy"

    assert run("new-workbook", "-o", str(target), "--force").exit_code == 0
    assert load_workbook(target).sheetnames[0] == "Instructions"


def test_new_workbook_writes_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save that fails halfway (a full disk) leaves the old file whole and no debris."""
    target = tmp_path / "coalition-workbook.xlsx"
    target.write_bytes(b"the previous workbook")

    class HalfSaved:
        def save(self, path: Path) -> None:
            Path(path).write_bytes(b"PK\x03\x04 half a zip")
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(generator.excel.writer, "build_workbook", lambda *a, **k: HalfSaved())
    message = one_sentence_error(run("new-workbook", "-o", str(target), "--force"))
    assert message == f"Error: {target}: cannot be written (No space left on device)."
    assert target.read_bytes() == b"the previous workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coalition-workbook.xlsx"]


def test_new_workbook_refuses_a_folder_as_output(tmp_path: Path) -> None:
    message = one_sentence_error(run("new-workbook", "-o", str(tmp_path)))
    assert message == f"Error: {tmp_path}: is a folder; give a file name to write."


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[lists\ngroups = 1", "is not valid TOML"),
        ("[lists]\ncolours = ['blue']\n", "unknown list 'colours' in [lists]"),
        ("[lists]\ngroups = ['Youth, young adults']\n", "contains a comma or semicolon"),
        (None, "no such config file."),
    ],
    ids=["not-toml", "unknown-list", "comma", "missing"],
)
def test_a_bad_config_is_one_sentence_and_exit_2(tmp_path: Path, text: str | None, says: str):
    config = tmp_path / "coalition.toml"
    if text is not None:
        config.write_text(text, encoding="utf-8")
    target = tmp_path / "w.xlsx"
    message = one_sentence_error(run("new-workbook", "-o", str(target), "--config", str(config)))
    assert message.startswith(f"Error: {config}: ")
    assert says in message
    assert not target.exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["new-workbook", "-o", "x.xlsx", "--due", "2026-13-01"],
        ["letters", "missing.xlsx", "--date", "2026-13-01"],
    ],
)
def test_a_date_that_is_not_a_date_is_said_to_be_one(argv: list[str], tmp_path: Path) -> None:
    result = CliRunner().invoke(main, argv)

    assert result.exit_code == 2
    assert "\u201c2026-13-01\u201d is not a date; write it as YYYY-MM-DD." in result.output
    assert "%Y" not in result.output
