"""Commands import what they use: no command starts by loading libraries it does not need.

Importing openpyxl loads numpy where installed; matplotlib, pandas and numpy cost tenths of a
second each. Each command runs here in a fresh interpreter, which then lists what it imported:
not a timing, the structure that keeps start-up short (benchmarks/startup.py times it).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).parent.parent / "sample_workbooks" / "forest-city.xlsx"
RUN = """
import json, sys
from click.testing import CliRunner
from generator.cli import main
result = CliRunner().invoke(main, sys.argv[1:])
print(json.dumps({"exit": result.exit_code, "output": result.output,
                  "modules": sorted({name.split(".")[0] for name in sys.modules})}))
"""


def imported_by(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", RUN, *args], capture_output=True, text=True, check=True
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["exit"] in (0, 1), report["output"]
    return set(report["modules"])


def test_importing_the_cli_imports_no_heavy_library() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import sys, generator.cli; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = {name.split(".")[0] for name in done.stdout.split()}
    assert loaded.isdisjoint(
        {"openpyxl", "numpy", "pandas", "matplotlib", "docx", "docxtpl", "lxml", "flask"}
    )


def test_check_reads_with_python_calamine_and_imports_no_openpyxl_nor_numpy() -> None:
    loaded = imported_by("check", str(SAMPLE))

    assert "python_calamine" in loaded
    assert loaded.isdisjoint({"openpyxl", "numpy", "pandas", "matplotlib", "docx", "docxtpl"})


def test_letters_import_no_openpyxl_numpy_pandas_nor_matplotlib(tmp_path: Path) -> None:
    loaded = imported_by("letters", str(SAMPLE), "-o", str(tmp_path / "letters"))

    assert "docxtpl" in loaded  # it renders
    assert loaded.isdisjoint({"openpyxl", "numpy", "pandas", "matplotlib"})


def test_report_imports_no_openpyxl_pandas_numpy_nor_matplotlib(tmp_path: Path) -> None:
    """The briefing paints its coverage chart with Pillow: matplotlib (and numpy with it) cost
    a second to import and lay out; nothing else heavy."""
    loaded = imported_by("report", str(SAMPLE), "-o", str(tmp_path))

    assert "PIL" in loaded
    assert loaded.isdisjoint({"openpyxl", "pandas", "numpy", "matplotlib"})
