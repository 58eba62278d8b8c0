"""How fast ``coalition check`` reads a large workbook, beside python-calamine reading it alone.

    python benchmarks/check.py [--partners 2000] [--runs 7]

Writes one workbook with as many partners in Part 2 (each with a type, three marks and notes)
and invitees in Part 5 (each with an organization, a sender and an email address), as
benchmarks/read.py does, then times whole processes, each started afresh, in turns so that the
machine's other work falls on all alike:

* baseline: python-calamine reading every sheet of the workbook into Python values
  (``python -c``: the interpreter, the import and the read), the floor for any reader that
  starts a process;
* ``coalition check`` as it reads today (python-calamine, openpyxl only as the fallback);
* ``coalition check`` with ``COALITION_READER=openpyxl``, the reader as it read before: the
  same checks, every value parsed by openpyxl.

Three more processes show what every check pays before it reads a cell: the interpreter
(``python -c pass``), the command line (``coalition --version``), and the check's imports with
the safety inspection of the file (:func:`generator.excel.safety.inspect_workbook`).

It prints each one's median wall time over ``--runs`` and its peak resident memory (the child's
own, from the kernel), the ratio of each check to the baseline, the workbook's size, and the
load average before and after: on a shared machine a ratio measured under load is the one to
quote, with the load beside it. A first, untimed run writes the tool's bytecode, as installing
it does, even where PYTHONDONTWRITEBYTECODE is set.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: generator.excel.reader.READER_VARIABLE, written out: this process imports nothing of the
#: tool, so that each child's peak memory is its own (a child counts what it inherited).
READER_VARIABLE = "COALITION_READER"
BUILD = (
    "import sys\n"
    "from pathlib import Path\n"
    "sys.path.insert(0, sys.argv[1])\n"
    "from read import big_plan\n"  # the same plan as benchmarks/read.py
    "from generator.excel.writer import write_workbook\n"
    "plan = big_plan(int(sys.argv[2]))\n"
    "write_workbook(Path(sys.argv[3]), plan.vocabulary, plan.community, plan=plan)\n"
)

CALAMINE = (
    "import sys\n"
    "from python_calamine import CalamineWorkbook\n"
    "workbook = CalamineWorkbook.from_path(sys.argv[1])\n"
    "for name in workbook.sheet_names:\n"
    "    workbook.get_sheet_by_name(name).to_python()\n"
)


# The check's imports and the safety inspection of the file, without the command line: the part
# of every check that comes before reading the first cell.
INSPECT = (
    "import sys\n"
    "from pathlib import Path\n"
    "import generator.excel.reader, generator.excel.reader.fast, generator.plan.checks\n"
    "from generator.excel.safety import inspect_workbook\n"
    "inspect_workbook(Path(sys.argv[1]))\n"
)


def run(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # check exits 1 when it finds errors
        raise SystemExit(f"{command} exited {code}")
    return elapsed, usage.ru_maxrss


def load() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--partners", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "big.xlsx"
        build = [sys.executable, "-c", BUILD, str(ROOT / "benchmarks"), str(args.partners)]
        subprocess.run([*build, str(path)], check=True)
        size = path.stat().st_size
        coalition = [sys.executable, "-m", "generator", "check", str(path)]
        # Bytecode is written by the warm-up run, as pip writes it on install: a machine that
        # forbids it (PYTHONDONTWRITEBYTECODE) would compile the tool's source on every run.
        unset = (READER_VARIABLE, "PYTHONDONTWRITEBYTECODE")
        plain = {key: value for key, value in os.environ.items() if key not in unset}
        methods = {
            "python-calamine, all sheets": ([sys.executable, "-c", CALAMINE, str(path)], plain),
            "coalition check": (coalition, plain),
            "coalition check, openpyxl": (coalition, {**plain, READER_VARIABLE: "openpyxl"}),
            # What any check pays before reading a cell, to show where the rest goes:
            "  python -c pass": ([sys.executable, "-c", "pass"], plain),
            "  coalition --version": ([sys.executable, "-m", "generator", "--version"], plain),
            "  imports and inspection": ([sys.executable, "-c", INSPECT, str(path)], plain),
        }
        before = load()
        times: dict[str, list[float]] = {name: [] for name in methods}
        peaks: dict[str, int] = {name: 0 for name in methods}
        run(*methods["coalition check"])  # warm the file cache and the imports' .pyc files
        for _ in range(args.runs):
            for name, (command, env) in methods.items():
                elapsed, peak = run(command, env)
                times[name].append(elapsed)
                peaks[name] = max(peaks[name], peak)
        after = load()
    print(
        f"{args.partners:,} partners and {args.partners:,} invitees, {size / 1024:.0f} KB; "
        f"median of {args.runs} runs each, whole processes, in turns"
    )
    print(f"load average (1, 5, 15 min): {before} before, {after} after")
    baseline = statistics.median(times["python-calamine, all sheets"])
    print(f"{'':30} {'wall':>8} {'vs baseline':>12} {'peak memory':>12}")
    for name in methods:
        if name == "  python -c pass":
            print("what every check pays before reading a cell, each a whole process:")
        median = statistics.median(times[name])
        print(f"{name:30} {median:7.3f}s {median / baseline:11.1f}x {peaks[name] / 1024:9.1f} MiB")


if __name__ == "__main__":
    main()
