"""Every sheet, heading and column of the workbook, declared once.

The writer lays these out (:mod:`generator.worksheet.placement` says where each column sits), the
reader finds them by heading, the checks and the letters' field reference describe them. Changing
a heading here changes it everywhere; moving one is a new layout version.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.worksheet.columns import Column, Kind, Table
from generator.worksheet.vocabulary import Status

#: The version of the workbook layout. Raise it whenever a sheet, heading or column moves, and
#: teach ``upgrade.py`` how to move the previous version forward.
LAYOUT_VERSION = 1

#: The first layout version this tool can still read directly.
OLDEST_READABLE_VERSION = 1


# --- Lists sheet and defined names --------------------------------------------------------------


@dataclass(frozen=True)
class ListSpec:
    """One option list as it sits on the Lists sheet, behind a workbook-level defined name."""

    key: str  # Vocabulary.options key
    name: str  # the defined name dropdowns point at
    heading: str  # the heading above it on the Lists sheet


LISTS: tuple[ListSpec, ...] = (
    ListSpec("groups", "Groups", "Groups facing barriers"),
    ListSpec("areas", "Areas", "Areas of concern"),
    ListSpec("assets", "Assets", "Assets"),
    ListSpec("organization_types", "OrganizationTypes", "Types of organization"),
    ListSpec("statuses", "Statuses", "Invitation status"),
    ListSpec("mark", "Mark", "Checklist mark"),
)

#: The column on the Lists sheet that gives each area's pillar (written beside the areas).
PILLAR_HEADING = "Pillar"

LISTS_SHEET = "Lists"
INSTRUCTIONS_SHEET = "Instructions"
META_SHEET = "_coalition"  # hidden: layout version, community, the partner-list helper columns

#: What a new workbook is called when nobody names it.
WORKBOOK_NAME = "coalition-workbook.xlsx"

#: Defined names that carry facts about the workbook itself; they survive LibreOffice and Excel
#: round trips, where a hidden sheet may come back visible.
VERSION_NAME = "CoalitionLayoutVersion"
PARTNERS_NAME = "Partners"

# --- Part 1: checklists -------------------------------------------------------------------------

#: The Instructions sheet's labels (column A) of what its cover says (column B): for which
#: community, whom to return the filled workbook to, by when.
COVER_LABELS = {"community": "Community", "return_to": "Return it to", "due": "By"}

#: The worksheet's own title, and Part 1's.
WORKSHEET_TITLE = "Identifying Potential Coalition Members"
PART1_TITLE = "Part 1: Identify Your Coalition's Needs"

PART1_SHEET = "Part 1 Needs"


@dataclass(frozen=True)
class Checklist:
    key: str  # "groups" | "areas" | "assets"
    question: str  # the worksheet's question, verbatim
    short: str  # what the report calls it


CHECKLISTS: tuple[Checklist, ...] = (
    Checklist(
        "groups",
        "Which of the following groups in your community face the greatest barriers to upward "
        "mobility?",
        "Priority groups",
    ),
    Checklist(
        "areas",
        "Which of the following areas are of greatest concern in your community?",
        "Areas of concern",
    ),
    Checklist("assets", "What assets does your Mobility Coalition need?", "Assets needed"),
)

#: The checklists' keys, in Part 1's order: the ``Needs`` attributes and the lists they choose from.
CHECKLIST_KEYS: tuple[str, ...] = tuple(checklist.key for checklist in CHECKLISTS)

PART1_HEADINGS = ("Option", "Chosen?", "Details")
SPECIFICS_PROMPT = "Specific racial or ethnic group(s)"


# --- Parts 2 to 5: tables (the kinds of column and table are in columns.py) --------------------


def _partner_columns(domain_heading: str) -> tuple[Column, ...]:
    return (
        Column(
            "name",
            "Organization name",
            width=34,
            required=True,
            prompt="The organization's full name, as it should appear in letters.",
            aliases=("Organization", "Organisation name"),
        ),
        Column(
            "organization_type",
            "Type of organization",
            Kind.CHOICE,
            "organization_types",
            width=24,
            required=True,
            prompt="Choose the kind of organization from the list.",
            aliases=("Organization type", "Type"),
        ),
        Column(
            "populations",
            "Target populations served",
            Kind.MARKS,
            "groups",
            prompt="Mark each group this organization serves.",
            aliases=("Target populations", "Populations served"),
            other_field="other_populations",
        ),
        Column(
            "other_populations",
            "Other populations (describe)",
            width=22,
            prompt="Populations not in the list, if you marked Other.",
        ),
        Column(
            "domains",
            domain_heading,
            Kind.MARKS,
            "areas",
            prompt="Mark each area this organization works in.",
            aliases=("Domains of work", "Domain of work", "Domain(s) of work", "Domains"),
        ),
        Column(
            "assets",
            "Assets",
            Kind.MARKS,
            "assets",
            prompt="Mark each asset this organization would bring.",
            other_field="other_assets",
        ),
        Column(
            "other_assets",
            "Other assets (describe)",
            width=22,
            prompt="Assets not in the list, if you marked Other.",
        ),
        Column(
            "notes",
            "Notes",
            width=30,
            prompt="Anything else the coalition should know about this organization.",
            worksheet=False,
        ),
    )


PART2 = Table(
    key="existing",
    sheet="Part 2 Existing",
    part="Part 2",
    title="Table 1. Existing Partnerships",
    guidance=(
        "List the stakeholders you have good partnerships with and who serve one of your target "
        "populations, do work in one of your priority issue areas, or have assets that would "
        "benefit the work of your coalition."
    ),
    columns=_partner_columns("Domains of work"),
    example=(
        "Forest City Asset Builders",
        "Nonprofit",
        "Young people, residents with low incomes, people of color",
        "Financial security, housing stability",
        "Strong data-sharing capabilities; experience conducting deep and meaningful community "
        "engagement",
    ),
)

PART3 = Table(
    key="potential",
    sheet="Part 3 Potential",
    part="Part 3",
    title="Table 2. Potential New Partnerships",
    guidance=(
        "Identify new partners who can help advance upward mobility work and who serve one of "
        "your target populations, do work in one of your priority issue areas, or have assets "
        "that would benefit the work of your coalition. Cast a broad net: include organizations "
        "you have not worked with before, and those that may oppose your cause but whose "
        "participation will be critical to success."
    ),
    columns=_partner_columns("Domain of work"),
    example=(
        "Forest City Community College",
        "Anchor institution",
        "Residents with low incomes, English-language learners",
        "Employment opportunities, opportunities for income",
        "Convening power, research and analytic capacity, political clout",
    ),
)

PART4 = Table(
    key="benefits",
    sheet="Part 4 Benefits",
    part="Part 4",
    title="Table 3. How Existing and Potential Partners Can Benefit the Coalition's Work",
    guidance=(
        "Start listing your existing or potential partners and identify how their participation "
        "could benefit the work of your coalition."
    ),
    columns=(
        Column(
            "partner",
            "Identified partner",
            Kind.PARTNER,
            width=34,
            required=True,
            prompt="Choose an organization you entered in Part 2 or Part 3.",
            aliases=("Partner", "Organization"),
        ),
        Column(
            "aligned_initiatives",
            "Aligned initiatives",
            width=30,
            prompt="Programs or campaigns of theirs that line up with the coalition's work.",
        ),
        Column(
            "motivations",
            "Motivations for joining",
            width=34,
            prompt="Why would they want to join?",
            aliases=("Motivation for joining", "Motivations"),
        ),
        Column(
            "roles",
            "Roles",
            width=34,
            prompt="Who from the organization, in what role (champion, data team lead, ...).",
            aliases=("Role", "Proposed role"),
        ),
        Column(
            "barriers",
            "Barriers to partnership / how they're a good partner",
            width=44,
            prompt="What makes them a good partner, and what could get in the way.",
            aliases=(
                "Barriers to partnership /how they're a good partner",
                "Barriers to partnership",
                "Barriers",
            ),
        ),
        Column(
            "notes",
            "Notes",
            width=30,
            prompt="Anything else the coalition should know.",
            worksheet=False,
        ),
    ),
    example=(
        "Forest City Asset Builders",
        "Wealth-Building for All campaign",
        "They want to expand their wealth-building programming to a wider audience in the city.",
        "Forest City AB director as champion; Forest City AB data analyst as data team lead",
        "They have a long history of work in this space that we can learn a lot from. However, "
        "they may be skeptical of people for whom this work is a newfound interest.",
    ),
)

PART5 = Table(
    key="invitees",
    sheet="Part 5 Invite List",
    part="Part 5",
    title="Table 4. Mobility Coalition Final Invite List",
    guidance=(
        "Create a final list of invitees to join the Mobility Coalition. Some organizations or "
        "people belong in a \u201ckeep informed\u201d category instead. It\u2019s fine to start "
        "out with a slightly smaller group and add others over time."
    ),
    extra_heading="For letters and tracking (not in the worksheet)",
    columns=(
        Column(
            "member",
            "Potential coalition member",
            width=18,
            required=True,
            prompt="The person to invite (first and last name).",
            aliases=("Coalition member", "Member", "Name"),
        ),
        Column(
            "organization",
            "Organization",
            Kind.PARTNER,
            width=22,
            required=True,
            prompt="Choose their organization from Parts 2 and 3.",
            aliases=("Organization name",),
        ),
        Column(
            "sender",
            "Who will send the invitation?",
            width=18,
            required=True,
            prompt="The person who signs the letter.",
            aliases=("Who will send the invitation", "Sender", "Sent by"),
        ),
        Column(
            "status",
            "Status",
            Kind.CHOICE,
            "statuses",
            width=11,
            prompt="Invite: write a letter. Keep informed: updates only. Then Invited, Accepted "
            "or Declined as things move.",
            worksheet=False,
            stored_as="status_text",
            default=Status.INVITE.value,
        ),
        Column(
            "salutation",
            "Salutation",
            width=15,  # "Superintendent Nguyen" breaks between words, not inside the title
            prompt='How the letter greets them, e.g. "Dr. Rivera" (after "Dear").',
            worksheet=False,
        ),
        Column(
            "member_title",
            "Member's title",
            width=16,
            prompt="Their job title, e.g. Executive Director.",
            worksheet=False,
        ),
        Column(
            "email",
            "Email",
            Kind.EMAIL,
            width=24,
            prompt="Their email address, for email drafts.",
            worksheet=False,
            aliases=("Email address", "E-mail"),
        ),
        Column(
            "mailing_address",
            "Mailing address",
            width=20,
            prompt="Street, city and postal code; use line breaks (Alt+Enter) between lines.",
            worksheet=False,
            aliases=("Address",),
        ),
        Column(
            "sender_title",
            "Sender's title",
            width=18,
            prompt="The sender's title as signed, e.g. Director, Office of Economic Mobility.",
            worksheet=False,
            aliases=("Sender title",),
        ),
        Column(
            "sender_email",
            "Sender's email",
            Kind.EMAIL,
            width=22,
            prompt="Where the invitee can write back to the sender; printed under the signature "
            "and used as the From of email drafts.",
            worksheet=False,
            aliases=("Sender email", "Sender's e-mail", "Sender e-mail", "Sender's email address"),
        ),
        Column(
            "sender_phone",
            "Sender's phone",
            width=15,
            prompt="A number where the invitee can reach the sender, as it should be printed.",
            worksheet=False,
            aliases=("Sender phone", "Sender's telephone", "Sender telephone", "Sender's number"),
        ),
        Column(
            "notes",
            "Notes",
            width=15,
            prompt="Anything to remember about this invitation.",
            worksheet=False,
        ),
    ),
)

TABLES: tuple[Table, ...] = (PART2, PART3, PART4, PART5)
PARTNER_TABLES: tuple[Table, ...] = (PART2, PART3)

#: Rows of each table (and of the combined partner list) that carry validations. Generous, fixed
#: ranges survive every spreadsheet program; Excel tables do not.
TABLE_ROWS = 500

#: Row layout of every table sheet: a title, group headings, option headings, then answers.
TITLE_ROW = 1
GROUP_ROW = 2
HEADING_ROW = 3
FIRST_DATA_ROW = 4

#: The heading above Part 5's own columns, kept apart from the worksheet's.
EXTRA_GROUP_HEADING = PART5.extra_heading
