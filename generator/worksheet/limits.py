"""How much one coalition plan, and the workbook that carries it, may hold: declared once.

A coalition convenes tens of members from a list of, at most, a few hundred organizations; the
worksheet's lists hold a few dozen options. The bounds below are ten times that and more, so
that no real plan meets them, while a file made to cost minutes or gigabytes is refused within
seconds: the file-level bounds are counted as the package inflates, before any parser runs
(:mod:`generator.excel.safety`), the plan-level ones as the reader reads. Past any of them a
command says which, in one sentence, and stops (exit 2).

The README's "Files from other people" states them; change them here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    # --- What a plan holds (counted by the reader) ----------------------------------------------
    max_rows: int = 2_000  # rows of answers in one table: Part 2, 3, 4 or 5
    max_options: int = 100  # options of one list (types of organization, groups, areas, assets)
    max_option_length: int = 255  # characters of one option: a dropdown entry, a column heading
    max_cell_text: int = 32_767  # characters of one cell: what Excel and Google Sheets can hold
    #: "Did you mean" and near misses, for a whole workbook: characters compared, each costing
    #: about a microsecond (difflib's ratio is linear in the lengths of the texts it compares).
    max_match_work: int = 2_000_000

    # --- What its file holds (counted before parsing) -------------------------------------------
    max_sheet_rows: int = 50_000  # <row> elements of all sheets, empty ones included
    max_cells: int = 200_000  # <c> elements of all sheets, empty styled ones included
    max_shared_strings: int = 50_000  # distinct texts in the shared-string table
    #: XML elements of all parts: the parser builds one object for each (styles, validations,
    #: conditional formats, names and rich-text runs as well as cells), at tens of microseconds.
    max_elements: int = 600_000
    max_range_cells: int = 100_000  # cells of all merged, hyperlinked and commented ranges
    max_tag: int = 65_536  # bytes of one merged-range, hyperlink or comment tag

    # --- The zip around it ----------------------------------------------------------------------
    max_entries: int = 2_000
    max_entry_size: int = 64 * MiB  # inflated size of one part
    max_total_size: int = 256 * MiB  # inflated size of the whole package
    max_ratio: float = 200.0  # inflated / compressed, for parts over ratio_floor
    ratio_floor: int = 1 * MiB  # small parts of repeated XML compress very well, legitimately


LIMITS = Limits()
