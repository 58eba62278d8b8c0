"""What the briefing says, as plain data: every number counted and every sentence phrased here.

``build_context`` turns a plan and its findings into dicts, lists and text, which is what template
authors see and what docs/report.md lists field by field; Jinja only places them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.briefing.data_context import data_section
from generator.common.english import coalition_name, counted, listed, written_date
from generator.common.text import fold
from generator.plan.coverage import (
    Coverage,
    Level,
    analyse,
    gap_sentence,
    invited_organizations,
    watch_sentence,
)
from generator.plan.findings import Finding, Severity
from generator.plan.model import CoalitionPlan, Invitee, Partner
from generator.plan.priorities import PriorityKind
from generator.worksheet import Status

#: Statuses that put a person on the invite list proper (the rest: keep informed).
ON_INVITE_LIST = (Status.INVITE, Status.INVITED, Status.ACCEPTED, Status.DECLINED)


NOBODY = "\u2014"  # what an empty table cell shows: a dash reads better than a blank


def build_context(
    plan: CoalitionPlan,
    findings: list[Finding] | None = None,
    *,
    prepared_by: str = "",
    today: dt.date | None = None,
    coverage: Coverage | None = None,
) -> dict[str, Any]:
    """Everything the template may show, as plain data. The chart is added at render time."""
    findings = list(findings or [])
    today = today or dt.date.today()
    coverage = coverage or analyse(plan)
    partner_kinds = {fold(p.name): p.kind for p in plan.partners}
    invited = invited_organizations(plan)
    invitees = [i for i in plan.invitees if i.status in ON_INVITE_LIST]
    keep_informed = [i for i in plan.invitees if i.status is Status.KEEP_INFORMED]
    errors = [f for f in findings if f.severity is Severity.ERROR]
    warnings = [f for f in findings if f.severity is not Severity.ERROR]
    community = plan.community.strip()

    numbers = {
        "groups": len(plan.needs.groups),
        "areas": len(plan.needs.areas),
        "assets": len(plan.needs.assets),
        "priorities": len(coverage.rows),
        "existing_partners": len(plan.existing_partners),
        "potential_partners": len(plan.potential_partners),
        "partners": len(plan.partners),
        "invitations": sum(1 for i in invitees if i.status is not Status.DECLINED),
        "accepted": sum(1 for i in invitees if i.status is Status.ACCEPTED),
        "declined": sum(1 for i in invitees if i.status is Status.DECLINED),
        "keep_informed": len(keep_informed),
        "senders": len({fold(i.sender) for i in invitees if i.sender}),
        "covered": len(coverage.covered),
        "covered_by_existing": len(coverage.at_level(Level.EXISTING)),
        "gaps": len(coverage.gaps),
        "errors": len(errors),
        "warnings": len(warnings),
    }
    return {
        "community": community,
        "title": coalition_name(community),
        "prepared_by": prepared_by.strip(),
        "date": written_date(today),
        "workbook": plan.path.name if plan.path else "",
        "numbers": numbers,
        "summary": _summary(numbers, coverage),
        "groups": [_choice(c.label, c.details) for c in plan.needs.groups],
        "pillars": _pillars(plan),
        "assets": [_choice(c.label, c.details) for c in plan.needs.assets],
        "has_needs": not plan.needs.is_empty,
        "existing_partners": [_partner(p, plan, invited) for p in plan.existing_partners],
        "potential_partners": [_partner(p, plan, invited) for p in plan.potential_partners],
        "coverage": _coverage(coverage),
        "data": data_section(plan),
        "benefits": [
            {
                "partner": b.partner,
                "kind": _kind_label(partner_kinds.get(fold(b.partner))),
                "aligned_initiatives": b.aligned_initiatives or NOBODY,
                "motivations": b.motivations or NOBODY,
                "roles": b.roles or NOBODY,
                "barriers": b.barriers,
            }
            for b in plan.benefits
        ],
        "barriers": [
            {"partner": b.partner, "text": b.barriers} for b in plan.benefits if b.barriers
        ],
        "invite_groups": _invite_groups(invitees),
        "keep_informed": [_invitee(i) for i in keep_informed],
        "findings": [_finding(f) for f in [*errors, *warnings]],
        "has_errors": bool(errors),
    }


def _summary(numbers: dict[str, int], coverage: Coverage) -> list[str]:
    """The summary's sentences, with counts and plurals done here rather than in Jinja."""
    n = numbers
    sentences = []
    if n["priorities"]:
        sentences.append(
            f"The coalition has named {counted(n['groups'], 'priority group')}, "
            f"{counted(n['areas'], 'area of concern', 'areas of concern')} and "
            f"{counted(n['assets'], 'asset')} it needs."
        )
    else:
        sentences.append(
            "Part 1 of the workbook names no priority groups, areas of concern or assets yet, "
            "so partner coverage cannot be judged."
        )
    partners = (
        f"It lists {counted(n['existing_partners'], 'existing partner')} and "
        f"{counted(n['potential_partners'], 'potential new partner')}"
    )
    if n["invitations"] or n["keep_informed"]:
        partners += (
            f"; {counted(n['invitations'], 'person is', 'people are')} on the invite list"
            f"{_from_senders(n['senders'])}, and "
            f"{counted(n['keep_informed'], 'is', 'are')} to be kept informed."
        )
    else:
        partners += "; the invite list is still empty."
    sentences.append(partners)
    if n["priorities"]:
        gaps = coverage.gaps
        if not gaps:
            sentences.append(
                f"Every priority has at least one partner; existing partners already cover "
                f"{n['covered_by_existing']} of the {n['priorities']}."
            )
        else:
            names = listed([row.priority.in_sentence for row in gaps])
            sentences.append(
                f"Partners cover {n['covered']} of the {n['priorities']} priorities; "
                f"{counted(len(gaps), 'has', 'have')} no partner yet: {names}."
            )
    if n["errors"]:
        sentences.append(
            f"The workbook still has {counted(n['errors'], 'error')} and "
            f"{counted(n['warnings'], 'warning')}: read the data-quality notes in the appendix "
            "before relying on these numbers."
        )
    elif n["warnings"]:
        sentences.append(
            f"The checks flagged {counted(n['warnings'], 'point')} to review; see the "
            "data-quality notes in the appendix."
        )
    return sentences


def _from_senders(senders: int) -> str:
    return f" (invitations from {counted(senders, 'sender')})" if senders > 1 else ""


def _choice(label: str, details: str) -> dict[str, str]:
    return {"label": label, "details": details}


def _pillars(plan: CoalitionPlan) -> list[dict[str, Any]]:
    """Every pillar of the framework, with the areas chosen under it (possibly none)."""
    chosen = {fold(c.label): c for c in plan.needs.areas}
    pillars = []
    for pillar, areas in plan.vocabulary.pillars.items():
        picked = [chosen[fold(a)] for a in areas if fold(a) in chosen]
        pillars.append(
            {
                "name": pillar,
                "areas": [_choice(c.label, c.details) for c in picked],
                "areas_text": "\n".join(c.label for c in picked) or "None chosen",
                "chosen": len(picked),
                "of": len(areas),
            }
        )
    known = {fold(a) for a in plan.vocabulary.areas}
    unknown = [c for c in plan.needs.areas if fold(c.label) not in known]
    if unknown:  # areas from an older or customized list: shown, not dropped
        pillars.append(
            {
                "name": "Other areas",
                "areas": [_choice(c.label, c.details) for c in unknown],
                "areas_text": "\n".join(c.label for c in unknown),
                "chosen": len(unknown),
                "of": len(unknown),
            }
        )
    return pillars


def _with_other(values: list[str], other_text: str, plan: CoalitionPlan) -> str:
    """A partner's marks as one line, "Other" replaced by what was written for it."""
    other = fold(plan.vocabulary.other)
    shown = [
        (f"{value} ({other_text})" if other_text else value) if fold(value) == other else value
        for value in values
    ]
    if other_text and not any(fold(v) == other for v in values):
        shown.append(other_text)
    return ", ".join(shown) or NOBODY


def _partner(partner: Partner, plan: CoalitionPlan, invited: set[str]) -> dict[str, Any]:
    return {
        "name": partner.name,
        "type": partner.organization_type or NOBODY,
        "populations": _with_other(partner.populations, partner.other_populations, plan),
        "domains": ", ".join(partner.domains) or NOBODY,
        "assets": _with_other(partner.assets, partner.other_assets, plan),
        "notes": partner.notes,
        "invited": fold(partner.name) in invited,
    }


def _kind_label(kind: object) -> str:
    return {"existing": "Existing partner", "potential": "Potential partner"}.get(str(kind), "")


def _coverage(coverage: Coverage) -> dict[str, Any]:
    kinds = []
    for kind in PriorityKind:
        rows = coverage.of_kind(kind)
        if not rows:
            continue
        kinds.append(
            {
                "title": kind.title,
                "rows": [
                    {
                        "name": row.priority.name,
                        "pillar": row.priority.pillar or "",
                        "existing": ", ".join(row.existing) or NOBODY,
                        "potential": ", ".join(row.potential) or NOBODY,
                        "invited": ", ".join(row.invited) or NOBODY,
                        "potential_invited": ", ".join(row.potential_invited) or NOBODY,
                        "potential_not_invited": ", ".join(row.potential_not_invited) or NOBODY,
                        "partners": len(row.partners),
                        "status": row.level.label,
                        "is_gap": row.is_gap,
                    }
                    for row in rows
                ],
            }
        )
    watch = coverage.at_level(Level.POTENTIAL) + coverage.at_level(Level.INVITED)
    return {
        "kinds": kinds,
        "gaps": [gap_sentence(row) for row in coverage.gaps],
        "watch": [watch_sentence(row) for row in watch],
        "unaligned": (
            f"{counted(len(coverage.unaligned), 'partner is', 'partners are')} not marked "
            f"against any chosen priority: {listed(list(coverage.unaligned))}."
            if coverage.unaligned
            else ""
        ),
        "chart": None,
    }


def _invitee(invitee: Invitee) -> dict[str, str]:
    return {
        "member": invitee.member,
        "member_title": invitee.member_title,
        "organization": invitee.organization or NOBODY,
        "sender": invitee.sender,
        "status": invitee.status.value,
    }


def _invite_groups(invitees: list[Invitee]) -> list[dict[str, Any]]:
    """The invite list by sender, in order of first appearance; no sender yet goes last."""
    groups: dict[str, dict[str, Any]] = {}
    for invitee in invitees:
        key = fold(invitee.sender)
        group = groups.setdefault(
            key,
            {
                "sender": invitee.sender or "Sender not yet chosen",
                "sender_title": invitee.sender_title,
                "invitees": [],
            },
        )
        group["sender_title"] = group["sender_title"] or invitee.sender_title
        group["invitees"].append(_invitee(invitee))
    ordered = [g for k, g in groups.items() if k] + [g for k, g in groups.items() if not k]
    for group in ordered:
        group["count"] = counted(len(group["invitees"]), "invitation")
    return ordered


def _finding(finding: Finding) -> dict[str, str]:
    """A finding for the appendix: the message in plain words, the place in the workbook apart
    (sheet and cell, for whoever corrects it)."""
    where = f"{finding.sheet}, cell {finding.cell}" if finding.sheet and finding.cell else ""
    return {
        "severity": "Error" if finding.severity is Severity.ERROR else "Warning",
        "where": where or finding.sheet or "The whole workbook",
        "message": finding.message,
        "suggestion": finding.suggestion,
    }
