"""A batch of letters written in the background, with its progress, then packed as a .zip.

The page that starts the batch answers at once; the batch runs in a thread of its own and the
Letters page shows how far it has got (the script polls :meth:`LetterRun.progress`; without
script the page reloads itself). What the batch does is ``coalition letters``: the same
:func:`~generator.letters.batch.write_letters`, :func:`~generator.letters.delivery.deliver` and
summary.
"""

from __future__ import annotations

import logging
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.common.errors import CoalitionError
from generator.common.fileio import atomic_path
from generator.letters.batch import Batch, Job, Options, write_letters
from generator.letters.delivery import deliver
from generator.letters.summary import summary_lines
from generator.plan.model import CoalitionPlan

LOG = logging.getLogger(__name__)

ZIP_NAME = "letters.zip"

#: What a bug in a batch looks like on the page; the details go to the terminal.
BUG = (
    "Something went wrong inside coalition while writing the letters; this is a bug, and the "
    "terminal where coalition serve runs shows the details."
)


class Stopped(Exception):
    """The server is stopping: the batch ends after the letter it is writing."""


@dataclass(frozen=True)
class Extras:
    """What to make from the letters besides .docx files."""

    pdf: bool = False
    combined: bool = False
    eml: bool = False


@dataclass
class LetterRun:
    plan: CoalitionPlan
    folder: Path
    options: Options
    extras: Extras = Extras()
    total: int = 0
    done: int = 0
    phase: str = "Getting ready"
    finished: bool = False
    batch: Batch | None = None
    error: str = ""
    zip_path: Path | None = None
    zip_id: str = ""  # its download id, once offered
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="coalition-letters", daemon=True)
        self._thread.start()

    def stop(self, wait: float) -> None:
        """Ask the batch to stop after its current letter, and wait for it a little."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(wait)

    def progress(self) -> dict[str, Any]:
        return {
            "done": self.done,
            "total": self.total,
            "phase": self.phase,
            "finished": self.finished,
        }

    def _count(self, jobs: list[Job]) -> Iterator[Job]:
        self.total = len(jobs)
        self.phase = "Writing the letters"
        for job in jobs:
            if self._stop.is_set():
                raise Stopped
            yield job
            self.done += 1

    def _run(self) -> None:
        try:
            batch = write_letters(self.plan, self.folder, self.options, progress=self._count)
            self.batch = batch
            extras = self.extras
            if extras.pdf or extras.combined or extras.eml:
                self.phase = (
                    "Making the PDFs with LibreOffice" if extras.pdf else "Making the extras"
                )
                deliver(
                    batch,
                    self.plan,
                    pdf=extras.pdf,
                    combined=extras.combined,
                    eml=extras.eml,
                )
            if batch.letters:
                self.phase = "Packing the .zip"
                self.zip_path = zip_letters(batch, self.folder / ZIP_NAME)
        except Stopped:
            self.error = "The server was stopped before the batch was finished."
        except CoalitionError as error:
            self.error = str(error)
        except Exception:
            LOG.exception("writing the letters failed")
            self.error = BUG
        finally:
            self.phase = "Done"
            self.finished = True

    @property
    def lines(self) -> list[str]:
        return summary_lines(self.batch) if self.batch is not None else []


def zip_letters(batch: Batch, target: Path) -> Path:
    """The letters of ``batch``, what was made from them and the manifest, in one .zip."""
    names = [r.file for r in batch.letters] + list(batch.extras)
    if batch.manifest is not None:
        names.append(batch.manifest.name)
    with atomic_path(target) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as package:
        for name in dict.fromkeys(names):
            path = batch.folder / name
            if path.is_file():
                package.write(path, name)
    return target
