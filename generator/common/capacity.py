"""What this machine can spare right now: cores and memory, for choosing how many workers to run.

A batch split over more processes than there are free cores only adds start-up costs and
contention: the machine may be shared (a CI runner, a laptop building something else), so the
count of cores is reduced by the load average, and a worker that needs much memory (a LibreOffice
instance) is only started if the memory the kernel says is available holds it.
"""

from __future__ import annotations

import os
from pathlib import Path

MiB = 1024 * 1024


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def load_average() -> float | None:
    """Runnable processes over the last minute, or None where the system does not say."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


def idle_cores() -> float:
    """The usable cores minus the processes already running on them (never below 0)."""
    load = load_average()
    return max(0.0, usable_cores() - (load or 0.0))


def available_memory() -> int | None:
    """Bytes the kernel could give new processes without swapping (Linux's MemAvailable),
    or None where it is not known."""
    try:
        text = Path("/proc/meminfo").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) * 1024
    return None


def workers_for(
    tasks: int, *, most: int, per_worker_memory: int = 0, busy: float | None = None
) -> int:
    """How many workers to start for ``tasks`` independent tasks: one per idle core (rounded
    up, since a core half busy still gives half its time), no more than ``most`` or the tasks,
    and no more than the available memory holds at ``per_worker_memory`` bytes each.
    ``busy`` is the load to count instead of the load average (the caller's own processes
    already running, say)."""
    load = load_average() if busy is None else busy
    free = max(0.0, usable_cores() - (load or 0.0))
    count = min(most, tasks, max(1, round(free + 0.49)))
    memory = available_memory()
    if per_worker_memory and memory is not None:
        count = min(count, max(1, memory // per_worker_memory))
    return max(1, count)
