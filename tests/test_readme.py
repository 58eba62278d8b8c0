"""The README is the user's guide: its commands must be the ones that exist and that CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import click

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def code_lines() -> list[str]:
    """Every line of every fenced code block, in order."""
    blocks = re.findall(r"```(?:\w+)?\n(.*?)```", README, flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_the_readme_opens_with_the_demo_and_the_test_commands():
    first, second = code_lines()[:2]

    assert "coalition demo" in first and "pip install" in first
    assert "pytest" in second and "pip install" in second


def test_ci_runs_exactly_the_readmes_test_command():
    test_command = code_lines()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")

    assert test_command in ci.splitlines()


def test_every_command_the_readme_shows_exists_with_the_options_it_shows():
    for line in code_lines():
        for words in re.findall(r"(?:^|&& |\$ )(?:\.venv/bin/)?coalition ([^|&#]+)", line):
            args = words.split()
            command: click.Command = main
            while isinstance(command, click.Group) and args and not args[0].startswith("-"):
                name = args.pop(0)
                assert name in command.commands, f"README shows unknown command {name!r}"
                command = command.commands[name]
            known = {opt for param in command.params for opt in getattr(param, "opts", [])}
            known |= {"--help", "-h"}
            for arg in args:
                if arg.startswith("-"):
                    assert arg.split("=")[0] in known, f"README shows unknown option {arg!r}"
