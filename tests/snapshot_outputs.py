"""Record what every command makes of the bundled sample, to prove a refactoring changed nothing.

    python tests/snapshot_outputs.py record before.json
    ... move code around ...
    python tests/snapshot_outputs.py record after.json
    python tests/snapshot_outputs.py compare before.json after.json

It drives the installed ``coalition`` command only (never the package's insides, which are what
moves), and writes plain text: every cell, merge, validation and defined name of the workbooks;
the check as JSON and as text; the text of the briefing and of every letter, header and footer
included; the manifest, the email drafts, the field reference and what each command printed.
Dates are the one thing that may differ between two runs, so today's date is replaced by TODAY.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import email
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_workbooks" / "forest-city.xlsx"
CONFIG = """community = "Forest City"

[lists]
other = "Something else"

[lists.add]
organization_types = ["Tribal government", "Labor union"]
"""
LAYOUT_V1 = ROOT / "tests" / "fixtures" / "layout-v1.xlsx"
LETTER_DATE = "2026-05-04"
#: Headers of an email draft that differ on every run (the MIME boundary is random).
_VARYING = ("Date", "Message-ID", "Content-Type")


def _run(folder: Path, *args: str) -> dict[str, Any]:
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    return {"args": list(args), "exit": done.returncode, "out": done.stdout, "err": done.stderr}


def workbook_text(path: Path) -> dict[str, Any]:
    """Every value, merge, validation, defined name and sheet setting that a person would see."""
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    sheets = {}
    for sheet in workbook.worksheets:
        cells = {
            f"{cell.coordinate}": [str(cell.value), cell.font.b, str(cell.fill.fgColor.rgb)]
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        }
        sheets[sheet.title] = {
            "state": sheet.sheet_state,
            "cells": cells,
            "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
            "validations": sorted(
                f"{v.sqref} {v.type} {v.formula1} {v.allow_blank} {v.showDropDown} "
                f"{v.promptTitle}|{v.prompt}|{v.errorTitle}|{v.error}"
                for v in sheet.data_validations.dataValidation
            ),
            "widths": {k: d.width for k, d in sorted(sheet.column_dimensions.items())},
            "heights": {k: d.height for k, d in sorted(sheet.row_dimensions.items()) if d.height},
            "freeze": str(sheet.freeze_panes),
            "protected": sheet.protection.sheet,
            "print_titles": str(sheet.print_title_rows),
            "comments": {
                c.coordinate: c.comment.text for row in sheet.iter_rows() for c in row if c.comment
            },
        }
    names = {name: str(d.attr_text) for name, d in sorted(workbook.defined_names.items())}
    return {"sheets": sheets, "names": names, "order": workbook.sheetnames}


def docx_text(path: Path) -> list[str]:
    """Every paragraph of every part that holds text, tables included, in order."""
    lines = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if not re.match(r"word/(document|header\d*|footer\d*|footnotes)\.xml$", name):
                continue
            xml = archive.read(name).decode("utf-8")
            lines.append(f"## {name}")
            for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
                text = re.sub(r"<w:(br|cr)/>", "\n", paragraph)
                text = re.sub(r"<w:tab/>", "\t", text)
                text = html.unescape(re.sub(r"<[^>]+>", "", text))
                if text.strip():
                    lines.append(text)
            lines.append(f"images: {sum(1 for n in archive.namelist() if 'media/' in n)}")
    return lines


def _eml(path: Path) -> dict[str, Any]:
    message = email.message_from_bytes(path.read_bytes())
    body = next(
        (p.get_payload(decode=True).decode() for p in message.walk() if p.get_content_type()
         == "text/plain"),
        "",
    )  # fmt: skip
    return {
        "headers": {k: v for k, v in message.items() if k not in _VARYING},
        "body": body,
        "attachments": [p.get_filename() for p in message.walk() if p.get_filename()],
    }


def _edited_copy(source: Path, target: Path) -> None:
    """A partner's copy that disagrees with the sample on a few answers, for merge."""
    from openpyxl import load_workbook

    workbook = load_workbook(source)
    workbook["Part 2 Existing"]["B7"] = "Nonprofit"
    workbook["Part 5 Invite List"]["C5"] = "Maria Delgado"
    workbook["Part 3 Potential"].cell(30, 1, "Riverside Food Bank")
    workbook["Part 3 Potential"].cell(30, 2, "Service provider")
    workbook.save(target)


def record(target: Path) -> None:
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(SAMPLE, folder / "forest-city.xlsx")
        shutil.copy(LAYOUT_V1, folder / "old.xlsx")
        (folder / "own-lists.toml").write_text(CONFIG, encoding="utf-8")
        _edited_copy(folder / "forest-city.xlsx", folder / "james.xlsx")
        snap: dict[str, Any] = {"runs": []}
        runs = snap["runs"]

        def run(*args: str) -> None:
            runs.append(_run(folder, *args))

        run("--help")
        run("new-workbook", "-o", "blank.xlsx", "--community", "Forest City")
        run("new-workbook", "-o", "configured.xlsx", "--config", "own-lists.toml")
        run("check", "forest-city.xlsx")
        run("check", "forest-city.xlsx", "--format", "json")
        run("check", "blank.xlsx", "--annotate", "blank-annotated.xlsx")
        run("report", "forest-city.xlsx", "-o", "briefing", "--prepared-by", "Maria Delgado")
        run("report", "blank.xlsx", "-o", "blank-briefing", "--allow-errors")
        run(
            "letters", "forest-city.xlsx", "-o", "letters", "--date", LETTER_DATE,
            "--eml", "--combined", "--keep-informed",
        )  # fmt: skip
        run("letters", "forest-city.xlsx", "-o", "letters", "--date", LETTER_DATE)
        run("templates", "export", "exported")
        run("templates", "check", "exported/letter.docx", "forest-city.xlsx")
        run("templates", "check", "exported/update-letter.docx", "forest-city.xlsx",
            "--keep-informed")  # fmt: skip
        run("merge", "forest-city.xlsx", "james.xlsx", "blank.xlsx", "-o", "merged.xlsx")
        run("upgrade", "old.xlsx", "-o", "upgraded.xlsx")
        run("check", "upgraded.xlsx", "--format", "json")
        run("summarize", "forest-city.xlsx", "james.xlsx", "old.xlsx", "-o", "cohort.xlsx",
            "--report", "cohort.docx")  # fmt: skip

        files: dict[str, Any] = {}
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.name.startswith("."):
                continue
            name = path.relative_to(folder).as_posix()
            if path.suffix == ".xlsx" and name not in (
                "forest-city.xlsx",
                "old.xlsx",
                "james.xlsx",
            ):
                files[name] = workbook_text(path)
            elif path.suffix == ".docx":
                files[name] = docx_text(path)
            elif path.suffix == ".eml":
                files[name] = _eml(path)
            elif path.suffix == ".csv":
                rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
                # A letter's checksum covers its zip timestamps; its text is compared above.
                files[name] = [row[:5] + row[6:] for row in rows]
            elif path.suffix == ".md":
                files[name] = path.read_text(encoding="utf-8")
        snap["files"] = files
    text = json.dumps(snap, indent=1, ensure_ascii=False, sort_keys=True)
    for form in (_written(today), today.isoformat()):
        text = text.replace(form, "TODAY")
    text = text.replace(tmp, "TMP")
    target.write_text(text, encoding="utf-8")


def _written(day: dt.date) -> str:
    return f"{day.strftime('%B')} {day.day}, {day.year}"


def compare(before: Path, after: Path) -> int:
    a = before.read_text(encoding="utf-8").splitlines()
    b = after.read_text(encoding="utf-8").splitlines()
    diff = list(difflib.unified_diff(a, b, str(before), str(after), lineterm="", n=2))
    if not diff:
        print(f"identical: {len(a)} lines")
        return 0
    print("\n".join(diff[:400]))
    print(f"... {len(diff)} diff lines in all")
    return 1


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "record":
        record(Path(argv[1]))
        return 0
    if len(argv) == 3 and argv[0] == "compare":
        return compare(Path(argv[1]), Path(argv[2]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
