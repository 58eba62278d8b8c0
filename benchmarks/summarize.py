"""How fast a cohort is summarized: time per workbook beside `check` on one, and peak memory.

    python benchmarks/summarize.py [--sizes 100 300] [--jobs 1 2] [--folder /dev/shm]

It writes the largest size's workbooks once, each a variation of the Forest City sample
(``generator.demo.cohort``: the sample's size, its Part 1 chosen afresh, some partners left out,
some invitations answered), then measures, each in a fresh Python process so that time and
memory are that process's own:

* check: ``check_workbook`` (the reader and every check, what ``coalition check`` runs) on one
  workbook at a time, ten of them, each once after a first run: the mean; and the ``coalition
  check`` command itself on one, interpreter start-up included;
* summarize: ``summarize_cohort`` (the folder search, every workbook read and checked in the
  worker processes, pandas, the summary workbook written) on the first N workbooks, for each
  size N and each number of jobs. Its time per workbook is set beside check's, and beside
  check's divided by the jobs, which is what N cores should approach. Peak memory is the main
  process's (VmHWM) and the largest worker's (the children's ru_maxrss); neither should grow
  with N.

Every summary is checked to have counted every workbook, unread none. The machine's load
average is printed before and after: on a shared machine, other work takes cores from the
workers, and the wall-clock figures (not the CPU ones) show it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _peak_kib() -> int:
    """VmHWM, the peak resident memory of this process (Linux), in KiB."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _load() -> str:
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "load average unknown"
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min)"


# --- The cohort ---------------------------------------------------------------------------------


def _write(job: tuple[Any, Path]) -> None:
    from generator.excel.writer import write_workbook

    plan, path = job
    write_workbook(path, plan.vocabulary, plan.community, plan=plan, force=True)


def build(folder: Path, count: int, jobs: int) -> float:
    """``count`` workbooks in ``folder``; the seconds it took."""
    from generator.demo.cohort import cohort_plans

    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    work = [(plan, folder / f"{n:04d}.xlsx") for n, plan in enumerate(cohort_plans(count))]
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_write, work, chunksize=4))
    return time.perf_counter() - started


def subset(source: Path, folder: Path, count: int) -> Path:
    """The first ``count`` workbooks, as hard links in a folder of their own."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.xlsx"))[:count]:
        os.link(path, folder / path.name)
    return folder


# --- One measurement, in a process of its own ---------------------------------------------------


def measure_check(workbooks: list[Path]) -> dict[str, Any]:
    """``check_workbook`` on each workbook once, after a first run that imports what the reader
    needs: the mean per workbook. (Checking one file again and again would flatter it: its
    second reading finds the processor's caches warm.)"""
    from generator.excel.reader import check_workbook

    check_workbook(workbooks[0])
    started, used = time.perf_counter(), time.process_time()
    for workbook in workbooks:
        check_workbook(workbook)
    count = len(workbooks)
    return {
        "seconds": (time.perf_counter() - started) / count,
        "cpu": (time.process_time() - used) / count,
        "peak_kib": _peak_kib(),
    }


def measure_summarize(folder: Path, output: Path, jobs: int) -> dict[str, Any]:
    from generator.cohort.run import Options, summarize_cohort

    started, used = time.perf_counter(), _cpu()
    outcome = summarize_cohort([folder], Options(output, jobs=jobs, force=True))
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "cpu": _cpu() - used,
        "files": outcome.numbers["files"],
        "communities": outcome.numbers["communities"],
        "unreadable": len(outcome.unreadable),
        "jobs": outcome.jobs,
        "peak_kib": _peak_kib(),
        # The largest worker's peak (Linux reports KiB); 0 when nothing ran beside this process.
        "worker_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }


def run(*args: str) -> dict[str, Any]:
    command = [sys.executable, __file__, *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def command_seconds(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "generator", *args], capture_output=True, check=False, cwd=ROOT
    )
    return time.perf_counter() - started


# --- Report ---------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300])
    parser.add_argument("--jobs", type=int, nargs="+", default=sorted({1, _cores()}))
    parser.add_argument("--folder", type=Path, default=None, help="where the workbooks go")
    parser.add_argument("--check", type=Path, nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--summarize", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.check:
        print(json.dumps(measure_check(args.check)))
        return 0
    if args.summarize:
        folder, output, jobs = args.summarize
        print(json.dumps(measure_summarize(Path(folder), Path(output), int(jobs))))
        return 0

    mib = 1024
    largest = max(args.sizes)
    with tempfile.TemporaryDirectory(prefix="summarize-bench-", dir=args.folder) as tmp:
        folder = Path(tmp)
        built = build(folder / "all", largest, _cores())
        print(
            f"Summarize: {largest} sample-sized workbooks (the Forest City sample, varied) on "
            f"{_cores()} cores; written in {built:.0f} s; {_load()}"
        )
        some = sorted((folder / "all").glob("*.xlsx"))[1:11]
        check = run("--check", *map(str, some))
        one = some[0]
        command = command_seconds("check", str(one))
        print(
            f"check, one workbook: {check['seconds']:.3f} s, {check['cpu']:.3f} s of CPU (reader "
            f"and checks, mean of {len(some)}; peak {check['peak_kib'] / mib:.0f} MiB); the "
            f"coalition check command: {command:.2f} s with start-up"
        )
        print(
            f"{'N':>5} {'jobs':>4} {'summarize':>10} {'per workbook':>13} {'vs check':>9} "
            f"{'check/jobs':>11} {'CPU/workbook':>13} {'main peak':>10} {'worker peak':>12}"
        )
        failures = []
        for size in args.sizes:
            source = (
                folder / "all"
                if size == largest
                else subset(folder / "all", folder / f"n{size}", size)
            )
            for jobs in args.jobs:
                output = folder / f"cohort-{size}-{jobs}.xlsx"
                result = run("--summarize", str(source), str(output), str(jobs))
                per = result["seconds"] / size
                workers = f"{result['worker_kib'] / mib:.0f} MiB" if result["worker_kib"] else "-"
                print(
                    f"{size:>5} {result['jobs']:>4} {result['seconds']:>8.1f} s "
                    f"{per:>11.3f} s {per / check['seconds']:>8.2f}x "
                    f"{check['seconds'] / result['jobs']:>9.3f} s "
                    f"{result['cpu'] / size:>11.3f} s "
                    f"{result['peak_kib'] / mib:>6.0f} MiB {workers:>12}"
                )
                if result["communities"] != size or result["unreadable"]:
                    failures.append(f"N={size} jobs={jobs}: {result}")
                output.unlink()
            if size != largest:
                shutil.rmtree(source)
    print(f"Afterwards: {_load()}")
    for failure in failures:
        print(f"NOT EVERY WORKBOOK COUNTED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
