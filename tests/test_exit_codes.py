"""Every way a command ends is a code the README documents: 0, 1, 2, and for any command 3 (a
bug of ours), 130 (interrupted) and 141 (the reader of its output went away, `| head`)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.common.errors import EXIT_BUG, EXIT_CLOSED_PIPE, EXIT_INTERRUPTED

ROOT = Path(__file__).resolve().parent.parent
COUNTY_FILE = ROOT / "tests" / "fixtures" / "synthetic-mobility-metrics_county_longitudinal.csv"


def closed_pipe(argv: list[str], cwd: Path) -> tuple[int, str]:
    """Run ``coalition argv`` with its output going to a pipe nobody reads any more."""
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", *argv],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "COALITION_SOFFICE": str(cwd / "no-soffice")},
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # as `head -1` does once it has its line
    errors = process.stderr.read().decode("utf-8", "replace")
    return process.wait(timeout=300), errors


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "{sample}"],
        ["check", "{sample}", "--format", "json"],
        ["letters", "{sample}", "-o", "letters"],
        ["report", "{sample}", "-o", "briefing"],
        ["summarize", "{sample}", "-o", "summary.xlsx"],
        ["metrics", "--data", str(COUNTY_FILE), "--county", "39177"],
        ["templates", "check", str(ROOT / "templates" / "letter.docx")],
        ["templates", "export", "mine"],
        ["new-workbook", "-o", "new.xlsx"],
    ],
    ids=lambda argv: " ".join(argv[:2] if argv[0] == "templates" else argv[:1]),
)
def test_a_closed_pipe_ends_quietly_with_its_documented_code(
    argv: list[str], sample_workbook: Path, tmp_path: Path
) -> None:
    argv = [arg.replace("{sample}", str(sample_workbook)) for arg in argv]

    code, errors = closed_pipe(argv, tmp_path)

    assert (code, errors) == (EXIT_CLOSED_PIPE, "")


def test_the_readme_documents_every_exit_code() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Commands", 1)[1].split("### ", 1)[0]

    for code in (0, 1, 2, EXIT_BUG, EXIT_INTERRUPTED, EXIT_CLOSED_PIPE):
        assert re.search(rf"\*\*{code}\*\*", section), f"the README does not say what {code} means"


def test_a_bug_is_one_sentence_and_exit_3(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    import generator.excel.writer as writer

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(writer, "write_workbook", broken)
    monkeypatch.delenv("COALITION_DEBUG", raising=False)

    result = CliRunner().invoke(main, ["new-workbook", "-o", str(tmp_path / "w.xlsx")])

    assert result.exit_code == EXIT_BUG
    assert result.output.startswith("Internal error: ZeroDivisionError: division by zero.")
    assert "Traceback" not in result.output


def test_an_interrupt_says_what_was_left_and_exits_130(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    import generator.excel.writer as writer

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(writer, "write_workbook", interrupted)

    result = CliRunner().invoke(main, ["new-workbook", "-o", str(tmp_path / "w.xlsx")])

    assert result.exit_code == EXIT_INTERRUPTED
    assert "none is half-written" in result.output
