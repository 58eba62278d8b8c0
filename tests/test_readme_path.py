"""The README's path, step by step, runs as written in a fresh folder and prints what it shows.

Each ```bash block of the section is run in order, by one shell after another that starts where
the last one ended (so that its `cd` holds), with the installed `coalition` command first on the
PATH and nothing of the repository in reach. The ```text block after it is what it prints; a
line `...` stands for any number of lines left out. Without LibreOffice only the PDFs are left
out: `--pdf` is dropped from the commands and the lines that name a PDF from what they print.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
ELIDED = "..."


def section(title: str) -> str:
    after = README.split(f"\n## {title}\n", 1)[1]
    return after.split("\n## ", 1)[0]


def steps(text: str) -> list[tuple[str, list[str]]]:
    """Each bash block of ``text`` with the lines of the text block right after it."""
    blocks = re.findall(r"```(\w*)\n(.*?)```", text, flags=re.S)
    found = []
    for (kind, body), (next_kind, shown) in zip(blocks, [*blocks[1:], ("", "")], strict=True):
        if kind == "bash":
            assert next_kind == "text", f"this block shows nothing it prints:\n{body}"
            found.append((body, shown.splitlines()))
    return found


def matches(shown: list[str], printed: list[str]) -> bool:
    """Whether ``printed`` is ``shown``, each `...` standing for any lines (or none)."""
    if not shown:
        return not printed
    if shown[0] == ELIDED:
        return any(matches(shown[1:], printed[i:]) for i in range(len(printed) + 1))
    return bool(printed) and printed[0] == shown[0] and matches(shown[1:], printed[1:])


def soffice_installed() -> bool:
    return bool(shutil.which("soffice") or os.environ.get("COALITION_SOFFICE"))


def without_pdfs(command: str, shown: list[str]) -> tuple[str, list[str]]:
    command = re.sub(r" --pdf\b", "", command)
    return command, [line for line in shown if ".pdf" not in line]


def test_the_readmes_path_runs_as_written_and_prints_what_it_shows(tmp_path: Path) -> None:
    path = section("The path, step by step")
    blocks = steps(path)
    assert len(blocks) >= 6  # the demo, then the five steps
    environment = {
        **os.environ,
        # The installed command, as a user who activated the environment has it.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "COLUMNS": "100",  # the width the README's tables were printed at
        "PYTHONUTF8": "1",
        "PYTHONUNBUFFERED": "1",
    }
    environment.pop("PYTHONPATH", None)  # nothing of the repository in reach but the package
    if not soffice_installed():
        environment["COALITION_SOFFICE"] = str(tmp_path / "no-soffice")
    where = tmp_path / "fresh"
    where.mkdir()
    here = tmp_path / "here"
    started = time.monotonic()
    for command, shown in blocks:
        if not soffice_installed():
            command, shown = without_pdfs(command, shown)
        script = f"cd {shlex.quote(str(where))}\n{command}\npwd > {shlex.quote(str(here))}\n"
        run = subprocess.run(
            ["bash", "-c", script],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=300,
        )
        printed = [line.rstrip() for line in run.stdout.splitlines()]
        assert "Error" not in run.stdout, f"{command}\n{run.stdout}"
        assert matches([line.rstrip() for line in shown], printed), (
            f"$ {command}\nthe README shows:\n" + "\n".join(shown) + "\nit printed:\n" + run.stdout
        )
        where = Path(here.read_text().strip())
    assert time.monotonic() - started < 180, "the README's path should take seconds, not minutes"


def test_the_path_uses_the_command_a_user_has_and_installing_says_how_to_have_it() -> None:
    installing = section("Installing")
    assert "source .venv/bin/activate" in installing and "pipx install" in installing
    for command, _ in steps(section("The path, step by step")):
        for line in command.splitlines():
            assert line.startswith(("coalition ", "cd ")), line
            assert "docs/" not in line and ".venv" not in line and "python" not in line


@pytest.mark.parametrize(
    ("shown", "printed", "expected"),
    [
        (["a", "...", "d"], ["a", "b", "c", "d"], True),
        (["a", "...", "d"], ["a", "d"], True),
        (["a", "..."], ["a", "b"], True),
        (["a", "d"], ["a", "b", "d"], False),
        (["a", "...", "d"], ["a", "b"], False),
    ],
)
def test_an_ellipsis_stands_for_lines_left_out(
    shown: list[str], printed: list[str], expected: bool
) -> None:
    assert matches(shown, printed) is expected
