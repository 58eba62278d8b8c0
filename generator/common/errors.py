"""The errors this tool raises on purpose. The CLI turns each into one sentence and an exit code.

Every message names the file it is about (and the cell, where there is one), so that a convener
knows what to open and where to look without reading a traceback.
"""

from __future__ import annotations

from pathlib import Path

#: The exit codes of every command, as the README's "Commands" lists them: 0 done; 1 the
#: workbook has errors, or some letters failed (:class:`FindingsError`); 2 a file could not be
#: read or written, or an option is wrong (every other :class:`CoalitionError`, and click's own
#: usage errors); and, whatever the command:
EXIT_BUG = 3  # an internal error: a bug of ours, said in one sentence
EXIT_INTERRUPTED = 130  # Ctrl+C or a polite kill (128 + SIGINT, as shells report it)
EXIT_CLOSED_PIPE = 141  # the program reading the output stopped (`| head`): 128 + SIGPIPE


class CoalitionError(Exception):
    """Something the user can fix. ``str(error)`` is the whole message, one sentence."""

    exit_code = 2

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else None
        super().__init__(f"{self.path}: {message}" if self.path is not None else message)


class WorkbookError(CoalitionError):
    """A workbook that cannot be read at all: not xlsx, corrupt, missing sheets or headings."""


class UnsafeWorkbookError(WorkbookError):
    """A workbook refused before parsing: too many entries, too large, or a zip bomb."""


class LayoutVersionError(WorkbookError):
    """A workbook of a layout version this tool does not read directly."""


class ConfigError(CoalitionError):
    """A ``--config`` file that is not valid TOML or does not describe option lists."""


class TemplateError(CoalitionError):
    """A Word template with a syntax error, an unknown field or an unsafe construct."""


class OutputError(CoalitionError):
    """An output that would overwrite a file without ``--force``, or cannot be written."""


class ConversionError(CoalitionError):
    """LibreOffice is missing, timed out or failed to convert a document."""


class CohortError(CoalitionError):
    """A cohort that cannot be summarized at all: no workbook found, or far too many."""


class DataError(CoalitionError):
    """A Mobility Metrics file that cannot be read, or does not hold the community asked for."""


class FindingsError(CoalitionError):
    """The workbook has errors that stop a command (the findings are printed before this)."""

    exit_code = 1
