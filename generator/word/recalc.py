"""Workbooks read after LibreOffice Calc recalculated a copy (``--recalculate``).

A workbook written by a program that does not calculate (a script, a mail-merge export) holds
formulas without results, which read as empty. With ``--recalculate`` the commands read a copy
that Calc opened, calculated and saved; the user's file is never touched, and the findings name
it, not the copy. The workbook is inspected for safety before Calc sees it, as before any parser.
"""

from __future__ import annotations

from pathlib import Path

from generator.excel.reader import check_workbook, read_workbook
from generator.excel.safety import inspect_workbook
from generator.plan.reading import Reading


def read(path: Path, *, recalculate: bool = False, check: bool = True) -> Reading:
    """Read (and with ``check``, check) a workbook, recalculated first when asked."""
    path = Path(path)
    front = check_workbook if check else read_workbook
    if not recalculate:
        return front(path)
    # Only here: every command reads through this, and LibreOffice's machinery (threads,
    # processes, temporary folders) is a cost for the few that ask to recalculate.
    import tempfile

    from generator.word.pdf import convert_workbook

    inspect_workbook(path)
    with tempfile.TemporaryDirectory(prefix="coalition-recalculate-") as folder:
        copy = convert_workbook(path, Path(folder), "xlsx", recalculate=True)
        return front(copy, shown_as=path)
