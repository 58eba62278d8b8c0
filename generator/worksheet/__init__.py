"""The worksheet *Identifying Potential Coalition Members*, declared once.

* :mod:`~generator.worksheet.vocabulary`: the option lists, word for word, and the vocabulary one
  workbook uses;
* :mod:`~generator.worksheet.sheets`: every sheet, heading and column, and the layout version;
* :mod:`~generator.worksheet.columns`: what a table is made of (columns of a kind);
* :mod:`~generator.worksheet.placement`: where each declared column sits on its sheet;
* :mod:`~generator.worksheet.priorities`: which partner answers speak to which Part 1 priority;
* :mod:`~generator.worksheet.marks`: what counts as a mark in a checklist or matrix cell;
* :mod:`~generator.worksheet.config`: a coalition's own lists, from a TOML file;
* :mod:`~generator.worksheet.metrics_sheet`: the Mobility Metrics sheet and Part 1's data column.

The names most code needs are importable from here.
"""

from generator.worksheet.sheets import (
    CHECKLIST_KEYS,
    CHECKLISTS,
    COVER_LABELS,
    EXTRA_GROUP_HEADING,
    FIRST_DATA_ROW,
    GROUP_ROW,
    HEADING_ROW,
    INSTRUCTIONS_SHEET,
    LAYOUT_VERSION,
    LISTS,
    LISTS_SHEET,
    META_SHEET,
    OLDEST_READABLE_VERSION,
    PART1_HEADINGS,
    PART1_SHEET,
    PART1_TITLE,
    PART2,
    PART3,
    PART4,
    PART5,
    PARTNER_TABLES,
    PARTNERS_NAME,
    PILLAR_HEADING,
    SPECIFICS_PROMPT,
    TABLE_ROWS,
    TABLES,
    TITLE_ROW,
    VERSION_NAME,
    WORKSHEET_TITLE,
    Checklist,
    Column,
    Kind,
    ListSpec,
    Table,
)
from generator.worksheet.vocabulary import (
    AREAS,
    ASSETS,
    DEFAULT_VOCABULARY,
    GROUP_WITH_SPECIFICS,
    GROUPS,
    MARK,
    ORGANIZATION_TYPES,
    OTHER,
    PILLARS,
    STATUSES,
    Status,
    Vocabulary,
)

__all__ = [
    "AREAS",
    "ASSETS",
    "CHECKLISTS",
    "CHECKLIST_KEYS",
    "COVER_LABELS",
    "DEFAULT_VOCABULARY",
    "EXTRA_GROUP_HEADING",
    "FIRST_DATA_ROW",
    "GROUPS",
    "GROUP_ROW",
    "GROUP_WITH_SPECIFICS",
    "HEADING_ROW",
    "INSTRUCTIONS_SHEET",
    "LAYOUT_VERSION",
    "LISTS",
    "LISTS_SHEET",
    "MARK",
    "META_SHEET",
    "OLDEST_READABLE_VERSION",
    "ORGANIZATION_TYPES",
    "OTHER",
    "PART1_HEADINGS",
    "PART1_SHEET",
    "PART1_TITLE",
    "PART2",
    "PART3",
    "PART4",
    "PART5",
    "PARTNERS_NAME",
    "PARTNER_TABLES",
    "PILLARS",
    "PILLAR_HEADING",
    "SPECIFICS_PROMPT",
    "STATUSES",
    "TABLES",
    "TABLE_ROWS",
    "TITLE_ROW",
    "VERSION_NAME",
    "WORKSHEET_TITLE",
    "Checklist",
    "Column",
    "Kind",
    "ListSpec",
    "Status",
    "Table",
    "Vocabulary",
]
