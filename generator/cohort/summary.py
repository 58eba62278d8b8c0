"""The cohort in figures: pandas tables made from the communities' records.

One row per file read; then, over the communities counted (every readable workbook, a community
with two workbooks once), how often each group, area of concern and asset is chosen and how
often it is covered, which are chosen often but covered rarely, the mix of organization types,
and acceptance rates by organization type and by the sender's role where statuses are tracked.

The tables have plain column names; the workbook and the Word summary give them headings.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from generator.cohort.discover import Skipped
from generator.cohort.record import CommunityRecord, State
from generator.common.text import fold
from generator.plan.coverage import Level
from generator.plan.priorities import PriorityKind
from generator.worksheet import DEFAULT_VOCABULARY, Status

#: "Chosen often": by at least this share of the communities counted, and by at least OFTEN_MIN.
OFTEN_SHARE = 0.25
OFTEN_MIN = 2
#: "Covered rarely": fewer than this share of the communities choosing it have a partner for it.
RARELY_SHARE = 0.5

#: The "Other" option of every checklist, whatever a coalition renamed it, counts as one.
OTHER_KEY = "\x00other"

#: Invite-list statuses as the summary names them, in the order of the work.
STATUS_COLUMNS = {
    Status.INVITE: "to_invite",
    Status.INVITED: "invited",
    Status.ACCEPTED: "accepted",
    Status.DECLINED: "declined",
    Status.KEEP_INFORMED: "keep_informed",
}

NOT_NAMED = "(not named)"
ALL_INVITATIONS = "All invitations"


@dataclass
class CohortSummary:
    """Every table of the summary, and the key numbers."""

    today: dt.date
    records: list[CommunityRecord]
    skipped: list[Skipped]
    communities: pd.DataFrame
    priorities: pd.DataFrame
    watch: pd.DataFrame
    organization_types: pd.DataFrame
    acceptance_by_type: pd.DataFrame
    acceptance_by_role: pd.DataFrame
    invitations: pd.DataFrame
    findings: pd.DataFrame
    numbers: dict[str, Any] = field(default_factory=dict)

    @property
    def unreadable(self) -> list[CommunityRecord]:
        return [r for r in self.records if r.state is State.UNREADABLE]

    @property
    def duplicates(self) -> list[CommunityRecord]:
        return [r for r in self.records if r.duplicates]


def summarize(
    records: list[CommunityRecord], skipped: list[Skipped], today: dt.date | None = None
) -> CohortSummary:
    """Aggregate the records (duplicates already marked) into the summary's tables."""
    files = [r for r in records if r.state is not State.SKIPPED]
    skipped = [*skipped, *(Skipped(r.file, r.reason) for r in records if r.state is State.SKIPPED)]
    counted = [r for r in files if r.counted]
    priorities = _priorities(counted)
    invitations = _invitations(counted)
    summary = CohortSummary(
        today=today or dt.date.today(),
        records=files,
        skipped=skipped,
        communities=_communities(files),
        priorities=priorities,
        watch=_watch(priorities, len(counted)),
        organization_types=_organization_types(counted),
        acceptance_by_type=_acceptance(invitations, "organization_type"),
        acceptance_by_role=_acceptance(invitations, "sender_role"),
        invitations=invitations,
        findings=_findings(counted),
    )
    summary.numbers = _numbers(summary, counted)
    return summary


def label_of(record: CommunityRecord) -> str:
    return record.community or NOT_NAMED


# --- One row per file ---------------------------------------------------------------------------


def _communities(files: list[CommunityRecord]) -> pd.DataFrame:
    rows = []
    for record in files:
        row: dict[str, Any] = {
            "community": label_of(record) if record.is_read else "",
            "file": record.file,
            "state": _state(record),
            "note": _note(record),
        }
        if record.is_read:
            row |= {
                "layout": record.declared_version
                or f"not stated (read as {record.layout_version})",
                "existing": record.existing,
                "potential": record.potential,
                **{column: record.invitees.get(s.value, 0) for s, column in STATUS_COLUMNS.items()},
                **{kind.value: record.count(kind.value) for kind in PriorityKind},
                "no_partner": len(record.gaps),
                "no_partner_list": "; ".join(_name(c.label, c.is_other) for c in record.gaps),
                "errors": record.errors,
                "warnings": record.warnings,
            }
        rows.append(row)
    numbers = [
        "existing",
        "potential",
        *STATUS_COLUMNS.values(),
        *(kind.value for kind in PriorityKind),
        "no_partner",
        "errors",
        "warnings",
    ]
    columns = ["community", "file", "state", "layout", *numbers, "no_partner_list", "note"]
    frame = pd.DataFrame(rows, columns=columns)
    frame[numbers] = frame[numbers].astype("Int64")  # blank, not 0, for a file not read
    for text in ("layout", "no_partner_list"):
        frame[text] = frame[text].astype(object).where(frame[text].notna(), "")
    return frame


def _state(record: CommunityRecord) -> str:
    if not record.is_read:
        return "Unreadable"
    return "Counted" if record.counted else "Not counted (duplicate)"


def _note(record: CommunityRecord) -> str:
    if not record.is_read:
        return record.reason
    notes = []
    if record.duplicates:
        others = ", ".join(record.duplicates)
        notes.append(
            f"Also the community of {others}; this one was saved last and is counted."
            if record.counted
            else f"Also the community of {others}; only the one saved last is counted."
        )
    if not record.community:
        notes.append("The workbook does not name its community (Instructions sheet).")
    return " ".join(notes)


def _name(label: str, is_other: bool) -> str:
    return f"{label} (written in)" if is_other else label


# --- Priorities ---------------------------------------------------------------------------------


def _option_key(label: str, is_other: bool) -> str:
    return OTHER_KEY if is_other else fold(label)


def _options() -> pd.DataFrame:
    """Every option of the worksheet's three checklists, in its order, "Other" last."""
    vocabulary = DEFAULT_VOCABULARY
    rows = []
    for kind in PriorityKind:
        for rank, label in enumerate(vocabulary.options(kind.value)):
            other = label == vocabulary.other
            rows.append(
                {
                    "kind": kind.value,
                    "key": _option_key(label, other),
                    "priority": _name(label, other),
                    "pillar": vocabulary.pillar_of(label) or "",
                    "rank": 1000 if other else rank,
                }
            )
    return pd.DataFrame(rows)


def _priorities(counted: list[CommunityRecord]) -> pd.DataFrame:
    chosen = pd.DataFrame(
        [
            {
                "community": index,
                "kind": c.kind,
                "key": _option_key(c.label, c.is_other),
                "label": _name(c.label, c.is_other),
                "pillar": c.pillar,
                "level": c.level.value,
            }
            for index, record in enumerate(counted)
            for c in record.chosen
        ],
        columns=["community", "kind", "key", "label", "pillar", "level"],
    )
    options = _options()
    # A coalition's own options join the list, after the worksheet's and before "Other".
    known = set(zip(options["kind"], options["key"], strict=True))
    is_own = pd.Series(
        [(kind, key) not in known for kind, key in zip(chosen["kind"], chosen["key"], strict=True)],
        index=chosen.index,
        dtype=bool,
    )
    own = (
        chosen[is_own]
        .drop_duplicates(["kind", "key"])
        .sort_values(["kind", "key"])
        .rename(columns={"label": "priority"})
        .assign(rank=500)[["kind", "key", "priority", "pillar", "rank"]]
    )
    options = pd.concat([options, own], ignore_index=True)

    levels = chosen.assign(
        existing=chosen["level"] == Level.EXISTING.value,
        potential_only=chosen["level"].isin([Level.INVITED.value, Level.POTENTIAL.value]),
        no_partner=chosen["level"] == Level.GAP.value,
    )
    counts = levels.groupby(["kind", "key"], as_index=False).agg(
        chosen=("community", "nunique"),
        existing=("existing", "sum"),
        potential_only=("potential_only", "sum"),
        no_partner=("no_partner", "sum"),
    )
    table = options.merge(counts, on=["kind", "key"], how="left")
    numbers = ["chosen", "existing", "potential_only", "no_partner"]
    table[numbers] = table[numbers].fillna(0).astype(int)
    total = len(counted)
    table["share"] = table["chosen"] / total if total else 0.0
    with_partner = table["chosen"] - table["no_partner"]
    table["covered_share"] = (with_partner / table["chosen"]).where(table["chosen"] > 0)
    table["checklist"] = table["kind"].map({k.value: k.title for k in PriorityKind})
    order = {kind.value: rank for rank, kind in enumerate(PriorityKind)}
    table = table.sort_values(["kind", "rank", "priority"], key=_kind_order(order), kind="stable")
    return table.drop(columns=["rank"]).reset_index(drop=True)


def _kind_order(order: dict[str, int]) -> Any:
    def key(column: pd.Series) -> pd.Series:
        return column.map(order) if column.name == "kind" else column

    return key


def often_threshold(communities: int) -> int:
    """How many communities must choose a priority for it to count as chosen often."""
    return max(OFTEN_MIN, math.ceil(OFTEN_SHARE * communities))


def _watch(priorities: pd.DataFrame, communities: int) -> pd.DataFrame:
    """Priorities chosen often but covered rarely: the cohort's shared gaps, worst first."""
    often = priorities["chosen"] >= often_threshold(communities)
    rarely = priorities["covered_share"] < RARELY_SHARE
    watch = priorities[often & rarely.fillna(False)]
    return watch.sort_values(["no_partner", "chosen"], ascending=False, kind="stable").reset_index(
        drop=True
    )


# --- Organization types -------------------------------------------------------------------------


def _display(labels: pd.Series, keys: pd.Series, defaults: tuple[str, ...]) -> dict[str, str]:
    """Each key's label: the worksheet's own spelling, else the first one seen."""
    spelled = {fold(option): option for option in defaults}
    shown: dict[str, str] = {}
    for key, label in zip(keys, labels, strict=True):
        shown.setdefault(key, spelled.get(key, label))
    return shown


def _organization_types(counted: list[CommunityRecord]) -> pd.DataFrame:
    from generator.cohort.record import TYPE_NOT_GIVEN

    partners = pd.DataFrame(
        [
            {
                "community": index,
                "type": kind or TYPE_NOT_GIVEN,
                "existing": existing,
                "potential": potential,
            }
            for index, record in enumerate(counted)
            for kind, (existing, potential) in record.partner_types.items()
        ],
        columns=["community", "type", "existing", "potential"],
    )
    partners["key"] = partners["type"].map(fold)
    shown = _display(partners["type"], partners["key"], DEFAULT_VOCABULARY.organization_types)
    table = partners.groupby("key", as_index=False).agg(
        existing=("existing", "sum"),
        potential=("potential", "sum"),
        communities=("community", "nunique"),
    )
    table["type"] = table["key"].map(shown)
    table[["existing", "potential"]] = table[["existing", "potential"]].astype(int)
    table["partners"] = table["existing"] + table["potential"]
    total = int(table["partners"].sum())
    table["share"] = table["partners"] / total if total else 0.0
    table = table.sort_values(["partners", "type"], ascending=[False, True], kind="stable")
    columns = ["type", "existing", "potential", "partners", "share", "communities"]
    return table[columns].reset_index(drop=True)


# --- Invitations and acceptance -----------------------------------------------------------------


def _invitations(counted: list[CommunityRecord]) -> pd.DataFrame:
    """Every invitation sent by a community that tracks statuses."""
    columns = [
        "community",
        "organization",
        "organization_type",
        "sender",
        "sender_title",
        "sender_role",
        "status",
    ]
    rows = [
        {
            "community": label_of(record),
            "organization": invitation.organization,
            "organization_type": invitation.organization_type,
            "sender": invitation.sender,
            "sender_title": invitation.sender_title,
            "sender_role": invitation.sender_role,
            "status": invitation.status.value,
        }
        for record in counted
        for invitation in record.invitations
    ]
    frame = pd.DataFrame(rows, columns=columns)
    keys = frame["organization_type"].map(fold)
    shown = _display(frame["organization_type"], keys, DEFAULT_VOCABULARY.organization_types)
    frame["organization_type"] = keys.map(shown)
    return frame


def _acceptance(invitations: pd.DataFrame, by: str) -> pd.DataFrame:
    """Invitations sent, accepted and declined per value of ``by``, with a total row last."""
    marked = invitations.assign(
        accepted=invitations["status"] == Status.ACCEPTED.value,
        declined=invitations["status"] == Status.DECLINED.value,
        awaiting=invitations["status"] == Status.INVITED.value,
    )
    table = marked.groupby(by, as_index=False).agg(
        sent=("status", "size"),
        accepted=("accepted", "sum"),
        declined=("declined", "sum"),
        awaiting=("awaiting", "sum"),
    )
    table = table.sort_values(["sent", by], ascending=[False, True], kind="stable")
    if len(table):
        total = {by: ALL_INVITATIONS, **{c: table[c].sum() for c in table.columns if c != by}}
        table = pd.concat([table, pd.DataFrame([total])], ignore_index=True)
    table = table.rename(columns={by: "group"})
    numbers = ["sent", "accepted", "declined", "awaiting"]
    table[numbers] = table[numbers].astype(int)
    table["accepted_of_sent"] = (table["accepted"] / table["sent"]).where(table["sent"] > 0)
    answered = table["accepted"] + table["declined"]
    table["accepted_of_answered"] = (table["accepted"] / answered).where(answered > 0)
    return table[["group", *numbers, "accepted_of_sent", "accepted_of_answered"]].reset_index(
        drop=True
    )


# --- What the checks found ----------------------------------------------------------------------


def _findings(counted: list[CommunityRecord]) -> pd.DataFrame:
    found = pd.DataFrame(
        [
            {"community": index, "code": code, "severity": severity, "times": times}
            for index, record in enumerate(counted)
            for code, severity, times in record.findings
        ],
        columns=["community", "code", "severity", "times"],
    )
    table = found.groupby(["code", "severity"], as_index=False).agg(
        workbooks=("community", "nunique"), times=("times", "sum")
    )
    table["times"] = table["times"].astype(int)
    table["rank"] = (table["severity"] != "error").astype(int)
    table = table.sort_values(["rank", "workbooks", "code"], ascending=[True, False, True])
    return table[["code", "severity", "workbooks", "times"]].reset_index(drop=True)


# --- Key numbers --------------------------------------------------------------------------------


def _numbers(summary: CohortSummary, counted: list[CommunityRecord]) -> dict[str, Any]:
    tracking = [r for r in counted if r.tracks_statuses]
    total = summary.acceptance_by_type
    overall = total.iloc[-1] if len(total) else None
    partners = [r.existing + r.potential for r in counted]
    return {
        "files": len(summary.records),
        "communities": len(counted),
        "unreadable": len(summary.unreadable),
        "duplicates": sum(1 for r in summary.records if r.duplicates and not r.counted),
        "skipped": len(summary.skipped),
        "existing_partners": sum(r.existing for r in counted),
        "potential_partners": sum(r.potential for r in counted),
        "median_partners": float(pd.Series(partners).median()) if partners else 0.0,
        **{
            column: sum(r.invitees.get(s.value, 0) for r in counted)
            for s, column in STATUS_COLUMNS.items()
        },
        "with_gaps": sum(1 for r in counted if r.gaps),
        "with_errors": sum(1 for r in counted if r.errors),
        "watch": len(summary.watch),
        "often": often_threshold(len(counted)),
        "tracking": len(tracking),
        "sent": int(overall["sent"]) if overall is not None else 0,
        "accepted_of_sent": _rate(overall, "accepted_of_sent"),
        "accepted_of_answered": _rate(overall, "accepted_of_answered"),
    }


def _rate(row: pd.Series | None, column: str) -> float | None:
    if row is None or pd.isna(row[column]):
        return None
    return float(row[column])
