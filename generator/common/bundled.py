"""Where the files shipped with the tool are: inside an installed package, or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # generator/


def bundled_folder(name: str) -> Path:
    """A top-level folder of the repository (``templates``, ``sample_workbooks``).

    A wheel carries it inside the package, under ``_data`` (see pyproject.toml); a checkout or an
    editable install has it beside the package.
    """
    packaged = _PACKAGE / "_data" / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name
