"""A cohort made from the Forest City sample: many communities' plans of the sample's size.

Each community's plan is the sample with its name changed, Part 1 chosen afresh (the sample's
own choices more often than the others, as a cohort's communities share concerns), some partners
left out and their marks shuffled a little, and, in about half of the communities, invitations
that have been answered. The same seed gives the same cohort. The benchmark of ``coalition
summarize`` and the README's picture of a summary are made from it.

    python -m generator.demo.cohort FOLDER [COUNT]    # writes COUNT workbooks (default 8)
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from generator.demo.sample import load_plan, sample_dir
from generator.plan.model import Choice, CoalitionPlan, Needs, Partner
from generator.worksheet import DEFAULT_VOCABULARY, Status

#: Invented places; the sample's own community comes first.
PLACES = (
    "Forest City",
    "Millbrook",
    "Elm Grove",
    "Harbor Point",
    "Cedar Valley",
    "North Fork",
    "Pine Ridge",
    "Stone Bridge",
    "Maple Hollow",
    "Lakeshore Heights",
    "Granite Falls",
    "Willow Creek",
)

#: How likely each option is to be chosen: the sample's own choices, and the rest.
CHOSEN_BEFORE = 0.75
CHOSEN_OTHERWISE = 0.2
#: What became of an invitation in a community that tracks statuses.
ANSWERS = ((Status.ACCEPTED, 0.5), (Status.DECLINED, 0.2), (Status.INVITED, 0.3))


def place(number: int) -> str:
    """The community's name: an invented place, then numbered ones ("Community 013")."""
    return PLACES[number] if number < len(PLACES) else f"Community {number + 1:03d}"


def cohort_plans(count: int, seed: int = 16) -> Iterator[CoalitionPlan]:
    """``count`` plans, the first of them the sample itself."""
    sample = load_plan(sample_dir() / "forest-city.toml")
    rng = random.Random(seed)
    for number in range(count):
        yield sample if number == 0 else varied(sample, place(number), rng)


def varied(sample: CoalitionPlan, community: str, rng: random.Random) -> CoalitionPlan:
    """The sample as another community might have filled it in."""
    rename = lambda text: text.replace(sample.community, community)  # noqa: E731
    needs = Needs(
        **{
            key: _choices(sample.needs.labels(key), DEFAULT_VOCABULARY.options(key), rng)
            for key in ("groups", "areas", "assets")
        }
    )
    partners = [
        _partner(p, rename(p.name), rng) for p in sample.partners if rng.random() < 0.85
    ] or [_partner(sample.partners[0], rename(sample.partners[0].name), rng)]
    kept = {p.name for p in partners}
    tracking = rng.random() < 0.5
    invitees = []
    for invitee in sample.invitees:
        organization = rename(invitee.organization)
        if organization not in kept:
            continue
        changed = replace(
            invitee, organization=organization, sender_title=rename(invitee.sender_title)
        )
        if tracking and invitee.status is Status.INVITE:
            changed.status = _answer(rng)
        invitees.append(changed)
    benefits = [replace(b, partner=rename(b.partner)) for b in sample.benefits]
    return CoalitionPlan(
        community=community,
        vocabulary=sample.vocabulary,
        needs=needs,
        partners=partners,
        benefits=[b for b in benefits if b.partner in kept],
        invitees=invitees,
    )


def _choices(before: list[str], options: tuple[str, ...], rng: random.Random) -> list[Choice]:
    chosen = [
        option
        for option in options
        if option != DEFAULT_VOCABULARY.other
        and rng.random() < (CHOSEN_BEFORE if option in before else CHOSEN_OTHERWISE)
    ]
    return [Choice(option) for option in chosen or [before[0]]]


def _partner(partner: Partner, name: str, rng: random.Random) -> Partner:
    def shuffle(marks: list[str], options: tuple[str, ...]) -> list[str]:
        kept = [m for m in marks if rng.random() < 0.85]
        if rng.random() < 0.3:
            extra = rng.choice([o for o in options if o != DEFAULT_VOCABULARY.other])
            kept += [extra] if extra not in kept else []
        return kept

    vocabulary = DEFAULT_VOCABULARY
    return replace(
        partner,
        name=name,
        populations=shuffle(partner.populations, vocabulary.groups),
        domains=shuffle(partner.domains, vocabulary.areas),
        assets=shuffle(partner.assets, vocabulary.assets),
    )


def _answer(rng: random.Random) -> Status:
    roll, total = rng.random(), 0.0
    for status, share in ANSWERS:
        total += share
        if roll < total:
            return status
    return ANSWERS[-1][0]


def write_cohort(folder: Path, count: int, seed: int = 16) -> list[Path]:
    """Write the cohort's workbooks into ``folder`` (replacing earlier ones of the same names)."""
    from generator.excel.writer import write_workbook

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for plan in cohort_plans(count, seed):
        slug = plan.community.lower().replace(" ", "-")
        path = folder / f"{slug}.xlsx"
        paths.append(write_workbook(path, plan.vocabulary, plan.community, plan=plan, force=True))
    return paths


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not 1 <= len(args) <= 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    paths = write_cohort(Path(args[0]), int(args[1]) if len(args) > 1 else 8)
    print(f"Wrote {len(paths)} workbooks to {args[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
