"""Read every workbook of a cohort, in parallel, into small records.

Each workbook is read in a worker process through the project's own front door,
:func:`generator.excel.reader.check_workbook` (the safety checks, the reader, every check), and
turned into a :class:`~generator.cohort.record.CommunityRecord` there, so that only a few
kilobytes per community come back. The pool has ``jobs`` processes; paths go out in small chunks
and only a few chunks are in flight at once, so memory is bounded by the pool (a workbook per
worker), not by the number of files.

One bad workbook never stops the others: a file the reader refuses gets a record with the
reader's one sentence, and a worker that dies on a file (the operating system ending it) costs
only that file, which is found by reading the files it was reading again, one at a time.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from generator.cohort.discover import ANNOTATED, SUMMARY, Found, own_output
from generator.cohort.record import CommunityRecord, State, record_of, skipped, unreadable
from generator.common.errors import CoalitionError
from generator.common.text import fold

#: Paths per task: enough to make a task's round trip negligible, few enough to share work evenly.
CHUNK = 4
#: Chunks in flight per worker: one being read, one waiting, so that no worker idles.
IN_FLIGHT = 2

Progress = Callable[[int], None]  # told how many more files are done
Reader = Callable[[Found], CommunityRecord]


def read_one(found: Found) -> CommunityRecord:
    """One file's record; never raises (a bug of ours becomes that file's sentence too)."""
    path, label = found.path, found.label
    try:
        modified = path.stat().st_mtime
    except OSError:
        modified = 0.0
    kind = own_output(path)
    if kind == SUMMARY:
        if not found.explicit:
            return skipped(label, kind)
        return unreadable(label, f"{label}: is {kind}, not a community's workbook.", modified)
    if kind == ANNOTATED and not found.explicit:
        return skipped(label, kind)
    try:
        from generator.excel.reader import check_workbook

        return record_of(check_workbook(path), label, modified)
    except CoalitionError as error:
        return unreadable(label, str(error), modified)
    except MemoryError:
        return unreadable(label, f"{label}: is too large to read in the memory available.")
    except Exception as error:  # a bug of ours must not cost the other communities
        detail = " ".join(str(error).split())[:160]
        return unreadable(
            label,
            f"{label}: could not be read because of a bug in coalition ({type(error).__name__}: "
            f"{detail}); run coalition check on it with COALITION_DEBUG=1 and report it.",
            modified,
        )


def read_chunk(files: Sequence[Found], reader: Reader = read_one) -> list[CommunityRecord]:
    """A worker's task: a few files, read one after another."""
    return [reader(found) for found in files]


def collect(
    files: Sequence[Found],
    jobs: int,
    progress: Progress | None = None,
    reader: Reader = read_one,
) -> list[CommunityRecord]:
    """Every file's record, in the order of ``files``. ``reader`` must be a module-level
    function (worker processes receive it by name)."""
    tick = progress or (lambda n: None)
    jobs = max(1, min(jobs, len(files)))
    if jobs == 1:
        records = []
        for found in files:
            records.append(reader(found))
            tick(1)
        return records
    return _in_pool(files, jobs, tick, reader)


def _in_pool(
    files: Sequence[Found], jobs: int, tick: Progress, reader: Reader
) -> list[CommunityRecord]:
    results: list[CommunityRecord | None] = [None] * len(files)
    size = max(1, min(CHUNK, len(files) // (jobs * IN_FLIGHT * 2)))
    pending = deque(
        list(range(start, min(start + size, len(files)))) for start in range(0, len(files), size)
    )
    suspects: deque[int] = deque()  # files being read when a worker died

    def store(indexes: list[int], records: list[CommunityRecord]) -> None:
        for index, record in zip(indexes, records, strict=True):
            results[index] = record
        tick(len(indexes))

    while pending or suspects:
        pool = ProcessPoolExecutor(max_workers=jobs)
        in_flight: dict[Future[list[CommunityRecord]], list[int]] = {}
        broken = False
        try:
            # Alone in the pool, a file that kills its worker is the one named.
            while suspects and not broken:
                index = suspects.popleft()
                try:
                    store([index], pool.submit(read_chunk, [files[index]], reader).result())
                except BrokenProcessPool:
                    label = files[index].label
                    store([index], [unreadable(label, _died(label))])
                    broken = True
            while (pending or in_flight) and not broken:
                while pending and len(in_flight) < jobs * IN_FLIGHT:
                    indexes = pending.popleft()
                    chunk = [files[i] for i in indexes]
                    in_flight[pool.submit(read_chunk, chunk, reader)] = indexes
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    indexes = in_flight.pop(future)
                    try:
                        store(indexes, future.result())
                    except BrokenProcessPool:
                        suspects.extend(indexes)
                        broken = True
            for indexes in in_flight.values():  # lost with the pool: try again, one by one
                suspects.extend(indexes)
        finally:
            pool.shutdown(wait=not broken, cancel_futures=True)
    return [record for record in results if record is not None]


def _died(label: str) -> str:
    return (
        f"{label}: stopped the process reading it (it may be too large for this machine's "
        "memory); run coalition check on it alone to see more."
    )


# --- Two workbooks of one community ---------------------------------------------------------------


def mark_duplicates(records: list[CommunityRecord]) -> list[CommunityRecord]:
    """Flag workbooks that name the same community; only the one saved last is counted.

    Communities compare as answers do (case, spacing and accents alike). A workbook that does
    not name its community is nobody's duplicate. Among files saved at the same moment, the
    first in order counts.
    """
    groups: dict[str, list[int]] = {}
    for index, record in enumerate(records):
        if record.state is State.READ and record.community:
            groups.setdefault(fold(record.community), []).append(index)
    marked = list(records)
    for indexes in groups.values():
        if len(indexes) < 2:
            continue
        kept = max(indexes, key=lambda i: (records[i].modified, -i))
        for index in indexes:
            others = tuple(records[i].file for i in indexes if i != index)
            marked[index] = records[index].with_duplicates(others, counted=index == kept)
    return marked
