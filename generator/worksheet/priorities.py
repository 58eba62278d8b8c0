"""Which partner answers speak to which Part 1 priority, derived from the declarations.

Part 1 asks for groups, areas of concern and assets; Parts 2 and 3 mark, for each partner, the
populations it serves, its domains of work and its assets, each from the same option list as one
of Part 1's checklists. The pairing is read off those columns' ``list_key`` rather than written
out, so that checks, coverage, the briefing and the letters cannot disagree on it.
"""

from __future__ import annotations

from generator.worksheet.sheets import CHECKLIST_KEYS, PART2, Kind

#: Part 1 checklist key -> the partner attribute whose marks choose from the same list:
#: {"groups": "populations", "areas": "domains", "assets": "assets"}.
PARTNER_FIELD: dict[str, str] = {
    column.list_key: column.field
    for column in PART2.columns
    if column.kind is Kind.MARKS and column.list_key is not None
}

if set(PARTNER_FIELD) != set(CHECKLIST_KEYS):  # a declaration edited out of step
    raise RuntimeError(f"Part 2's mark columns {PARTNER_FIELD} do not pair with {CHECKLIST_KEYS}")
