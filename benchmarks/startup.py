"""How long ``check``, ``letters`` and ``report`` take on the bundled sample, and how much of
it is importing.

    python benchmarks/startup.py [--runs 7]

Each command runs on sample_workbooks/forest-city.xlsx as a whole process, ``--runs`` times in
turns with the others and with ``python -c pass`` (the interpreter's own start-up, the floor),
into a fresh folder each time; none asks for LibreOffice (no ``--pdf``). It prints each one's
median wall time, beside it the time its imports take (the sum of ``python -X importtime``'s
own times, from one more run), the heavy libraries it imported, and the load average before and
after: on a shared machine, quote the figures with the load they were measured under. The
first, untimed round writes the tool's bytecode, as installing it does, even where
PYTHONDONTWRITEBYTECODE is set.
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
SAMPLE = ROOT / "sample_workbooks" / "forest-city.xlsx"
#: Libraries worth naming when a command imports them: each costs tens of milliseconds or more.
HEAVY = ("openpyxl", "numpy", "pandas", "matplotlib", "docx", "docxtpl", "lxml", "PIL", "flask")


def commands(folder: Path) -> dict[str, list[str]]:
    coalition = [sys.executable, "-m", "generator"]
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "coalition --version": [*coalition, "--version"],
        "coalition check": [*coalition, "check", str(SAMPLE)],
        "coalition letters": [*coalition, "letters", str(SAMPLE), "-o", str(folder / "letters")],
        "coalition report": [*coalition, "report", str(SAMPLE), "-o", str(folder / "report")],
    }


#: The children's environment. Bytecode is written by the first round, as pip writes it on
#: install: a machine that forbids it (PYTHONDONTWRITEBYTECODE) would compile the tool's source
#: on every run.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, check=False, env=ENV)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):  # check exits 1 when the workbook has errors
        raise SystemExit(f"{command}: exit {result.returncode}\n{result.stderr.decode()}")
    return elapsed


def imports(command: list[str]) -> tuple[float, list[str]]:
    """Seconds spent importing (-X importtime's own times, summed) and the heavy libraries."""
    result = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]], capture_output=True, check=False, env=ENV
    )
    total = 0
    found = set()
    for line in result.stderr.decode(errors="replace").splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, _, name = (part.strip() for part in line[len("import time:") :].split("|"))
        total += int(own)
        if name.split(".")[0] in HEAVY:
            found.add(name.split(".")[0])
    return total / 1_000_000, sorted(found)


def load() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    before = load()
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(args.runs + 1):  # the first round warms the caches, and is not kept
            folder = Path(scratch) / str(run)
            for name, command in commands(folder).items():
                elapsed = timed(command)
                if run:
                    times.setdefault(name, []).append(elapsed)
        folder = Path(scratch) / "imports"
        measured = {name: imports(command) for name, command in commands(folder).items()}
    after = load()
    print(f"sample_workbooks/forest-city.xlsx; median of {args.runs} runs each, in turns")
    print(f"load average (1, 5, 15 min): {before} before, {after} after")
    print(f"{'':22} {'wall':>8} {'imports':>8}  heavy libraries imported")
    for name, runs in times.items():
        seconds, heavy = measured[name]
        print(f"{name:22} {statistics.median(runs):7.3f}s {seconds:7.3f}s  {', '.join(heavy)}")


if __name__ == "__main__":
    main()
