"""A long batch of letters rendered on every core: worker processes forked once the templates
are compiled, each rendering and writing letters of its own.

Rendering a letter is pure Python (Jinja, lxml's check, zlib), so threads would take turns on
one core; processes do not. They are forked, not started afresh, so that they begin with the
compiled templates, the plan and its index already in memory (shared with this process until
written to) and nothing is imported, read or pickled again. Each worker is given spans of the
batch's positions, renders and writes each letter itself, and sends back only what the summary
and the manifest need (an outcome, a reason, a checksum): no letter's bytes cross processes.

This process renders spans too, between collecting the workers' results, so that ``workers``
renderers take one fork fewer. A process that renders touches every record its letters read
(reference counts), which copies the plan's pages into it: about the plan's size per renderer
(15 MiB at 5,000 invitees), a copy saved with each worker not forked.

The letters are the very bytes a single process writes: the same renderer renders each one
from the same context. What differs is only order (the summary and manifest sort by row).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

from generator.letters.batch import Job, Outcome, Result
from generator.letters.context import LetterKind
from generator.letters.writer import LetterWriter

#: Letters per task: enough that a task's round trip (about a millisecond) is negligible against
#: its rendering, few enough that the workers finish together and the progress bar moves.
SPAN = 25

#: Spans each worker is given ahead, so that it never waits while this process renders one.
AHEAD = 2

# What the workers need, set just before they are forked (so that they inherit it unpickled).
_state: tuple[LetterWriter, list[Job], Any] | None = None

# One task's letters: (position in the batch, outcome, reason, checksum).
Done = tuple[int, Outcome, str, str]


def can_fork() -> bool:
    """Whether workers can be forked here: Linux only (macOS's system libraries are not safe
    to use in a forked child, and Windows has no fork)."""
    return sys.platform.startswith("linux")


class SharedKinds:
    """The kinds of letter whose template went past its bounds too often, seen by every worker,
    so that a template that loops on every row is given up on by all of them at once."""

    def __init__(self, context: Any, kinds: Iterable[LetterKind]) -> None:
        self._kinds = list(kinds)
        self._flags = context.RawArray("b", len(self._kinds))

    def __contains__(self, kind: object) -> bool:
        return kind in self._kinds and bool(self._flags[self._kinds.index(kind)])

    def add(self, kind: LetterKind) -> None:
        self._flags[self._kinds.index(kind)] = 1


def write_in_parallel(
    writer: LetterWriter,
    jobs: list[Job],
    workers: int,
    results: list[Result],
    progress: Callable[[list[Job]], Iterable[Job]] | None = None,
) -> None:
    """Write ``jobs`` with this process and ``workers - 1`` forked ones (``workers`` over 1),
    appending each letter's result to ``results`` as it is known (so that a caller sees every
    letter written even when one fails the batch). Raises the TemplateError of a template
    refused as it renders, once the letters the others were writing are done and recorded."""
    global _state
    context = multiprocessing.get_context("fork")
    writer.given_up = SharedKinds(context, writer.renderers)
    stop = context.Event()
    _state = (writer, jobs, stop)
    spans = deque((start, min(start + SPAN, len(jobs))) for start in range(0, len(jobs), SPAN))
    ticks: Iterator[Job] | None = iter(progress(jobs)) if progress is not None else None
    failure: BaseException | None = None

    def record(done: list[Done], error: BaseException | None) -> None:
        nonlocal failure
        for position, outcome, reason, digest in done:
            job = jobs[position]
            invitee = job.invitee
            row = (job.row, invitee.member, invitee.organization, job.kind.value)
            results.append(Result(*row, job.file, outcome, reason, digest))
            if ticks is not None:
                next(ticks, None)
        if error is not None and failure is None:
            failure = error

    # Objects alive now are never collected in the workers: the collector would otherwise
    # write to every one of them and copy the whole plan into each worker's memory.
    gc.freeze()
    # An executor, not multiprocessing.Pool: a worker that dies (killed, out of memory) breaks
    # the batch with an error instead of leaving it waiting for ever.
    pool = ProcessPoolExecutor(workers - 1, context, initializer=_ignore_interrupts)
    pending: set[Future[tuple[list[Done], BaseException | None]]] = set()
    try:
        while pending or (spans and not stop.is_set()):
            while spans and not stop.is_set() and len(pending) < AHEAD * (workers - 1):
                pending.add(pool.submit(_write_span, spans.popleft()))
            mine = spans.popleft() if spans and not stop.is_set() else None
            if mine is not None:
                record(*_write_span(mine))
            finished, pending = wait(pending, 0 if mine is not None else None, FIRST_COMPLETED)
            for future in finished:
                record(*future.result())
    except BaseException:
        # Ctrl+C or a broken worker: the others finish the letter at hand and stop.
        stop.set()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        pool.shutdown()
        _state = None
        gc.unfreeze()
        if ticks is not None:
            with contextlib.suppress(StopIteration):
                for _ in ticks:  # let a progress bar finish and close
                    pass
    if failure is not None:
        raise failure


def _ignore_interrupts() -> None:
    """Ctrl+C goes to the whole process group: this process stops the workers itself, so that
    they do not each print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _write_span(span: tuple[int, int]) -> tuple[list[Done], BaseException | None]:
    """The letters of one span (in a worker or this process), and the error that stopped them
    if one did."""
    assert _state is not None
    writer, jobs, stop = _state
    done: list[Done] = []
    for position in range(*span):
        if stop.is_set():  # another worker met a template error: the batch stops
            break
        try:
            result = writer.write(jobs[position])
        except Exception as error:  # a refused template, or a bug: it stops the batch
            stop.set()
            return done, error
        done.append((position, result.outcome, result.reason, result.sha256))
    return done, None
