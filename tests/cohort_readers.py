"""Readers for the cohort's worker processes, importable by name as workers need them.

They stand in for :func:`generator.cohort.collect.read_one` to show what the pool does when a
worker process dies on a file, and that each file is read once.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.cohort.collect import read_one
from generator.cohort.discover import Found
from generator.cohort.record import CommunityRecord


def dies_on_crash_files(found: Found) -> CommunityRecord:
    """Ends its own process, as the operating system ends one out of memory, on "crash*" files."""
    if found.path.name.startswith("crash"):
        os._exit(9)
    return read_one(found)


def counts_reads(found: Found) -> CommunityRecord:
    """Reads the file, leaving a mark beside it for each read (a file per read, race-free)."""
    marks = found.path.parent / "reads"
    marks.mkdir(exist_ok=True)
    (marks / f"{found.path.name}.{os.getpid()}.{len(list(marks.iterdir()))}").touch()
    return read_one(found)


def reads_of(folder: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for mark in (folder / "reads").iterdir():
        name = mark.name.rsplit(".", 2)[0]
        counts[name] = counts.get(name, 0) + 1
    return counts
