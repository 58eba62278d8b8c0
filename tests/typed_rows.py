"""Thirty invite-list rows typed as people type them, not as the sample is written.

Lists typed with semicolons, commas, bullets or line breaks; notes written about the partner
("They want ..."), as fragments ("funding!!"), in full sentences or left blank; names in capitals
or lower case, with accents, apostrophes, hyphens and "&"; senders with and without a title,
email and phone; organizations in Part 2, in Part 3 and in neither; a few "Keep informed" rows
and columns of the convener's own. The letters tests, the differential test and the review of
the default letters (tests/review_letters.py) all start from this plan.
"""

# ruff: noqa: E501 (data: rows and XML read best one record to a line)

from __future__ import annotations

from generator.plan.model import (
    Benefit,
    Choice,
    CoalitionPlan,
    Invitee,
    Needs,
    Partner,
    PartnerKind,
)
from generator.worksheet import Status

E, P = PartnerKind.EXISTING, PartnerKind.POTENTIAL

# name, kind, populations, domains, assets, other populations, other assets
PARTNERS = [
    ("Boys & Girls Club of Forest City", E, ["Young people", "Residents with low incomes"],
     ["Preparation for college", "Social capital"], ["Staff capacity", "Convening power"], "", ""),
    ("Forest City Housing Authority", P,
     ["People experiencing housing instability or homelessness", "Residents with low incomes"],
     ["Housing affordability", "Housing stability"], ["Data sharing and transparency"], "", ""),
    ('The "Good Neighbor" Fund', E, ["Residents with low incomes"],
     ["Wealth-building opportunities", "Financial security"],
     ["Financial resources", "Fundraising capacity"], "", ""),
    ("Mayfield Tenants Union", P,
     ["People experiencing housing instability or homelessness", "People of color"],
     ["Housing affordability"], ["Representation of the group(s) that will be directly affected "
                                 "by the work", "Strong connections to community members"], "", ""),
    ("St. Vincent Regional Hospital", P, ["People with disabilities"],
     ["Access to health services", "Neonatal health", "Employment opportunities"],
     ["Research and analytical capacity"], "", ""),
    ("Forest City Public Schools (FCPS)", P, ["Young people", "English-language learners"],
     ["Effective public education", "Access to preschool", "Digital access"],
     ["Data sharing and transparency", "Staff capacity"], "", ""),
    ("YWCA Forest City", E, ["Other", "People of color"], ["Safety from trauma", "Housing stability"],
     ["Experience conducting deep and meaningful community engagement", "Other"],
     "women and girls leaving violence", "a 24-hour crisis line"),
    ("Iglesia Nueva Esperanza", P, ["English-language learners", "People of color"],
     ["Political participation"], ["Strong connections to community members"], "", ""),
    ("Northside Manufacturing Alliance", P, ["Middle-class residents"],
     ["Jobs paying living wages", "Employment opportunities"], ["Political clout"], "", ""),
    ("Great Lakes Policy Lab", P, [], ["Financial security"],
     ["Research and analytical capacity", "Experience with data-informed decisionmaking"], "", ""),
    ("Second Chance Reentry Network", E, ["People involved in the criminal legal system"],
     ["Employment opportunities", "Just policing"], ["Staff capacity"], "", ""),
    ("Eastside Food Bank", E, ["Residents with low incomes"], ["Financial security"], [], "", ""),
    ("Metro Transit Riders Alliance", P, ["People with disabilities"], ["Transportation access"],
     ["Political clout"], "", ""),
    ("Lakeshore Community Foundation", E, ["Young people"], ["Wealth-building opportunities"],
     ["Financial resources", "Convening power", "Fundraising capacity"], "", ""),
    ("Hmong Family Resource Center", E, ["People of color", "English-language learners"],
     ["Access to health services"], ["A strong racial equity approach"], "", ""),
    ("Digital Bridges", P, ["Young people"], ["Digital access"], ["Staff capacity"], "", ""),
    ("Forest City Chamber of Commerce", E, ["Middle-class residents"],
     ["Employment opportunities"], ["Political clout", "Convening power"], "", ""),
    ("Riverside Youth Soccer League", E, ["Middle-class residents"], ["Safety from trauma"],
     ["Staff capacity"], "", ""),
    ("Café Row Merchants’ Association", P, [], ["Employment opportunities"], [], "", ""),
    ("Legal Aid Society of Forest City", P, ["Residents with low incomes"],
     ["Housing stability", "Just policing"], ["Research and analytical capacity"], "", ""),
]  # fmt: skip

# partner, aligned initiatives, motivations, roles
BENEFITS = [
    ("Boys & Girls Club of Forest City", "youth jobs program, summer camp, after-school tutoring",
     "They want to reach more teens in Mayfield and the East Side.",
     "- their ED as champion\n- program staff in the youth working group"),
    ("Forest City Housing Authority", "Family Self-Sufficiency program; Mayfield Homes redevelopment",
     "They must show resident engagement for the redevelopment grant.",
     "Deputy director in the housing working group; shares de-identified data"),
    ('The "Good Neighbor" Fund', "Wealth-Building for All campaign and the Small Business Loan Program",
     "funding!!", "co-funder, sits on steering committee"),
    ("Mayfield Tenants Union", "Right to Counsel campaign",
     "A seat at the table where housing policy is shaped.", "Resident voice on the steering committee"),
    ("St. Vincent Regional Hospital", "Community Health Needs Assessment; local hiring pledge;",
     "Their community benefit obligations and their own hiring needs.",
     "VP for community health as champion"),
    ("Forest City Public Schools (FCPS)", "",
     "they need data for grant applications", "data partner, host meetings"),
    ("YWCA Forest City", "• Safe at Home program\n• Girls Inc. after-school\n• Economic Empowerment "
     "classes", "Because housing is health.", "TBD"),
    ("Iglesia Nueva Esperanza", "ESL classes, citizenship workshops, and a food pantry",
     "To be part of the solution", "host community meetings in Spanish; help with outreach"),
    ("Northside Manufacturing Alliance", "the Northside Jobs Compact",
     "wants visibility with city council", "convene employers\nshare job postings"),
    ("Great Lakes Policy Lab", "Regional Economic Security Index",
     "Enrollment among adult learners is falling, and they want employers and community groups to "
     "help them reach residents.", "Research lead for the baseline mobility metrics"),
    ("Second Chance Reentry Network", "N/A",
     "they've said they want to be more involved in policy work", "champion; data team lead; comms"),
    ("Eastside Food Bank", "Fresh Food Fridays\nSNAP enrollment help", "Mission alignment", ""),
    ("Lakeshore Community Foundation", "1. Home repair grants 2. Down-payment help",
     "They want their grants to reach the families the coalition is trying to reach, and they have "
     "asked to be kept close to the data work.",
     "Forest City AB director as champion; Forest City AB data analyst as data team lead"),
    ("Hmong Family Resource Center", "COVID vaccine outreach (2021-23)", "",
     "advisory role"),
    ("Digital Bridges", "Laptop lending library, digital navigators", "They want to grow.",
     "help residents get online for the survey"),
    ("Forest City Chamber of Commerce", "Forest City Small Business Loan Program",
     "They want to increase their contacts with key stakeholders in the city.",
     "Forest City Chamber of Commerce director as communications lead"),
    ("Legal Aid Society of Forest City", "eviction defense clinic; tenant hotline; expungement days",
     "THEY WANT TO STOP EVICTIONS BEFORE THEY HAPPEN", "legal advisor to the housing working group"),
]  # fmt: skip

SENDERS = {
    "maria": ("Maria Delgado", "Director, Forest City Office of Economic Mobility",
              "mdelgado@forestcityoh.gov", "(216) 555-0142"),
    "james": ("Council Member James Whitfield", "Chair, Committee on Economic Development",
              "jwhitfield@forestcityoh.gov", ""),
    "karen": ("Karen Liu", "", "kliu@lakeshorecf.org", "216.555.0113 ext. 4"),
    "dee": ("dee washington", "Organizer", "", "216-555-0190"),
}  # fmt: skip

# member, organization, sender, salutation, title, email, address, status, own columns
INVITEES = [
    ("Denise Okafor", "Boys & Girls Club of Forest City", "maria", "Ms. Okafor", "Executive Director",
     "dokafor@bgcfc.org", "410 Elm Street\nForest City, OH 44101", Status.INVITE,
     {"Board liaison": "Rev. Moore"}),
    ("Tomás Herrera", "Forest City Housing Authority", "james", "", "Deputy Director",
     "therrera@fcha.gov", "", Status.INVITE, {}),
    ("Siobhan O'Connor", 'The "Good Neighbor" Fund', "karen", "Siobhan", "", "siobhan@goodneighbor.org",
     "", Status.INVITE, {"Board liaison": "Karen"}),
    ("Marcus Bell", "Mayfield Tenants Union", "dee", "Marcus", "Lead Organizer", "", "", Status.INVITE,
     {}),
    ("Dr. Samuel Okoye", "St. Vincent Regional Hospital", "karen", "Dr. Okoye",
     "Vice President for Community Health", "sokoye@stvincent.org", "", Status.INVITE, {}),
    ("maria garcia", "Forest City Public Schools (FCPS)", "maria", "", "superintendent",
     "mgarcia@fcps.k12.oh.us", "", Status.INVITE, {}),
    ("Aisha Rahman-Cole", "YWCA Forest City", "maria", "Ms. Rahman-Cole", "CEO", "arc@ywcafc.org",
     "PO Box 12\nForest City OH", Status.INVITE, {"Board liaison": "Dee & Ana"}),
    ("Pastor Luis Ortega", "Iglesia Nueva Esperanza", "dee", "Pastor Ortega", "", "",
     "88 Freedom Way\nForest City, OH 44104", Status.INVITE, {}),
    ("JOHN SMITH", "Northside Manufacturing Alliance", "james", "", "PRESIDENT",
     "jsmith@northsidemfg.com", "", Status.INVITE, {}),
    ("Dr. Lena Park", "Great Lakes Policy Lab", "karen", "Dr. Park", "Senior Research Fellow",
     "lpark@glpl.org", "", Status.INVITE, {}),
    ("Mary-Kate Lee-Chen", "Second Chance Reentry Network", "maria", "", "Program Manager",
     "mk@secondchance.org", "", Status.INVITE, {}),
    ("Bo Nguyễn", "Eastside Food Bank", "dee", "Bo", "Volunteer Coordinator", "bo@eastsidefood.org",
     "", Status.INVITE, {}),
    ("Renée Dubois", "Metro Transit Riders Alliance", "james", "Ms. Dubois", "", "renee@mtra.org", "",
     Status.INVITE, {}),
    ("Karen Liu", "Lakeshore Community Foundation", "maria", "Karen", "President",
     "kliu@lakeshorecf.org", "", Status.INVITE, {}),
    ("Mai Vang", "Hmong Family Resource Center", "dee", "Ms. Vang", "Executive Director",
     "mvang@hmongfamilyrc.org", "", Status.INVITE, {}),
    ("Ana Souza", "Digital Bridges", "karen", "", "Program Director", "ana@digitalbridges.org", "",
     Status.INVITE, {}),
    ("Harold Brooks", "Forest City Chamber of Commerce", "james", "Mr. Brooks", "President and CEO",
     "hbrooks@fcchamber.com", "", Status.INVITE, {}),
    ("Coach Terry", "Riverside Youth Soccer League", "dee", "Coach", "", "", "", Status.INVITE, {}),
    ("Sam Lee", "Café Row Merchants’ Association", "maria", "", "Chair", "sam@caferow.org", "",
     Status.INVITE, {}),
    ("Jordan Ellis", "Youth Voices Council", "karen", "Jordan", "Youth Council Chair",
     "jordan@youthvoices.org", "", Status.INVITE, {}),
    ("Esther Adeyemi", "Legal Aid Society of Forest City", "james", "Attorney Adeyemi",
     "Managing Attorney", "eadeyemi@legalaidfc.org", "", Status.INVITE, {}),
    ("Rev. Calvin Moore", "Bethel AME Church", "james", "Reverend Moore", "Senior Pastor", "",
     "88 Freedom Way, Forest City", Status.INVITE, {}),
    ("Fatima Al-Sayed", "Boys & Girls Club of Forest City", "karen", "", "Board Chair",
     "fatima@bgcfc.org", "", Status.INVITE, {"Board liaison": "  "}),
    ("Greg Walsh", "Northside Manufacturing Alliance", "james", "Mr. Walsh", "Executive Director",
     "gwalsh@northsidemfg.org", "", Status.KEEP_INFORMED, {}),
    ("Patricia Nguyen", "Forest City Public Schools (FCPS)", "maria", "Superintendent Nguyen",
     "Superintendent", "pnguyen@fcps.k12.oh.us", "", Status.KEEP_INFORMED, {}),
    ("Zoë Kowalski", "Digital Bridges", "dee", "", "", "zoe@digitalbridges.org", "",
     Status.KEEP_INFORMED, {}),
    ("Omar Haddad", "Unlisted Neighborhood Group", "maria", "", "", "omar@example.org", "",
     Status.KEEP_INFORMED, {}),
    ("Dr. Priya Patel", "St. Vincent Regional Hospital", "maria", "Dr. Patel", "Chief Medical Officer",
     "ppatel@stvincent.org", "", Status.INVITE, {}),
    ("T. J. Washington Jr.", "Legal Aid Society of Forest City", "karen", "Mr. Washington", "Paralegal",
     "tj@legalaidfc.org", "12 Court St.\r\nSuite 4\nForest City, OH 44101", Status.INVITE, {}),
    ("Lucía Fernández", "Iglesia Nueva Esperanza", "maria", "Sra. Fernández", "Youth Minister",
     "lucia@nuevaesperanza.org", "", Status.INVITE, {}),
]  # fmt: skip


def typed_plan() -> CoalitionPlan:
    """The coalition of Forest City, with the thirty rows above."""
    needs = Needs(
        groups=[
            Choice("People of color", "Black, Latino and Hmong residents"),
            Choice("English-language learners"),
            Choice("People experiencing housing instability or homelessness"),
            Choice("Young people"),
            Choice("Residents with low incomes"),
            Choice("Other", "women and girls leaving violence"),
        ],
        areas=[
            Choice(area)
            for area in (
                "Housing affordability",
                "Housing stability",
                "Transportation access",
                "Preparation for college",
                "Digital access",
                "Employment opportunities",
                "Jobs paying living wages",
                "Financial security",
                "Access to health services",
                "Political participation",
            )
        ],
        assets=[
            Choice(asset)
            for asset in (
                "Research and analytical capacity",
                "Strong connections to community members",
                "Data sharing and transparency",
                "Convening power",
                "Financial resources",
                "Representation of the group(s) that will be directly affected by the work",
                "Other",
            )
        ],
    )
    plan = CoalitionPlan(community="Forest City", needs=needs)
    for name, kind, populations, domains, assets, other_populations, other_assets in PARTNERS:
        plan.partners.append(
            Partner(
                name,
                kind,
                organization_type="Nonprofit",
                populations=list(populations),
                other_populations=other_populations,
                domains=list(domains),
                assets=list(assets),
                other_assets=other_assets,
            )
        )
    plan.partners.sort(key=lambda p: p.kind is not PartnerKind.EXISTING)
    for partner, initiatives, motivations, roles in BENEFITS:
        plan.benefits.append(Benefit(partner, initiatives, motivations, roles, barriers="private"))
    for member, organization, who, salutation, title, email, address, status, own in INVITEES:
        sender, sender_title, sender_email, sender_phone = SENDERS[who]
        plan.invitees.append(
            Invitee(
                member,
                organization,
                sender,
                status=status,
                salutation=salutation,
                member_title=title,
                email=email,
                mailing_address=address.replace("\r\n", "\n"),
                sender_title=sender_title,
                sender_email=sender_email,
                sender_phone=sender_phone,
                extra=dict(own),
            )
        )
    return plan
