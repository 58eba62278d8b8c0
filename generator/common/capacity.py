"""What this machine can spare right now: cores and memory, for choosing how many workers to run.

A batch split over more processes than the machine can run at once only adds start-up costs: the
machine may be shared (a CI runner, a laptop building something else), so the count of workers
is the one that finishes soonest given the load average (:func:`workers_for`), and a worker that
needs much memory (a LibreOffice instance) is only started if the available memory holds it.
"""

from __future__ import annotations

import os
import re
import time
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


def running_now(samples: int = 5, interval: float = 0.02) -> float | None:
    """Processes running or ready to run besides this one, averaged over a few samples of the
    kernel's count (Linux's procs_running), or None where the system does not say.

    Unlike the load average, which is the last minute's, this does not count this program's
    own work of a moment ago (the letters it has just rendered on every core)."""
    counts = []
    for sample in range(samples):
        if sample:
            time.sleep(interval)
        try:
            text = Path("/proc/stat").read_text()
        except OSError:
            return None
        found = re.search(r"^procs_running (\d+)", text, flags=re.M)
        if found is None:
            return None
        counts.append(max(0, int(found.group(1)) - 1))  # this process is running, reading it
    return sum(counts) / len(counts)


def busy() -> float:
    """How many processes are competing for the cores: the lower of the load average and the
    count running now (the load average lags by a minute, the count now is a moment's)."""
    known = [value for value in (load_average(), running_now()) if value is not None]
    return max(0.0, min(known)) if known else 0.0


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
    tasks: int,
    *,
    most: int,
    start_cost: float = 0.0,
    task_cost: float = 1.0,
    per_worker_memory: int = 0,
    load: float | None = None,
) -> int:
    """How many workers finish ``tasks`` soonest, each costing ``start_cost`` CPU seconds to
    start and ``task_cost`` per task, on this machine as it is now: no more than ``most``, the
    tasks, the usable cores, or what the available memory holds at ``per_worker_memory`` bytes
    each (never fewer than one).

    A worker has a core to itself while the runnable processes (the ``load``, by default
    :func:`busy`, plus the workers) are no more than the cores; past that, the scheduler shares
    the cores among them all, so each worker runs at cores / (load + workers) of a core. Time is
    then (start_cost + tasks * task_cost / workers) / that share: a second worker pays off on a
    busy machine only for a batch long enough to repay its start-up.
    """
    cores = usable_cores()
    others = busy() if load is None else max(0.0, load)
    limit = max(1, min(most, tasks, cores))
    memory = available_memory()
    if per_worker_memory and memory is not None:
        limit = min(limit, max(1, memory // per_worker_memory))

    def seconds(workers: int) -> float:
        share = min(1.0, cores / (others + workers))
        return (start_cost + tasks * task_cost / workers) / share

    return min(range(1, limit + 1), key=seconds)
