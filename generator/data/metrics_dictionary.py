"""Urban's Mobility Metrics, declared once: which variables measure each area of concern.

The 24 areas of concern of Part 1 are the predictors of Urban's Upward Mobility Framework, and
Urban publishes 26 metrics for them. This is the one readable declaration of each: the area it
informs, the variables that hold it, the quality flag beside them, how to show a value and which
way is better, with Urban's own words for it. Sources, all public (read in 2025):

* ``summary``: UI-Research/gates-mobility-metrics-pages ``data/00_metrics-summary_county.csv``
  (and ``_place.csv``): each metric's name, variable prefix, quality variable and notes;
* ``description``: the same repository's ``description.qmd``, what each metric means and why;
* ``docs-2024``: UI-Research/mobility-from-poverty
  ``mobility-from-poverty-documentation/00_mobility-metrics_recent.qmd`` and
  ``00_mobility-metrics_longitudinal.qmd``: the variables of the 2023-24 files;
* ``build-2025``: the same repository's ``10_construct-database/11_construct_county_all.qmd`` and
  ``61_construct_place_all.qmd`` with the final files they join: the 2025 release renamed several
  variables, gives each value its own quality flag and spells the flags Strong, Marginal, Weak;
* ``files-2021``: gates-mobility-metrics-pages ``data-requests/boone/01_mobility-metrics.csv``,
  a file of the earlier release (``pctl_20``, ``lbw``, ``transit_cost``...).

Variables are renamed between yearly releases, so each measure lists its names, newest first, and
a file is read by the first one it has. A measure's quality flag is the first of its declared
quality variables the file has, else ``<variable>_quality``. A metric none of whose variables is
in a file is reported as missing, never an error.
"""

from __future__ import annotations

from generator.data.metric_types import (
    DOLLARS,
    GRADES,
    INDEX,
    PEOPLE,
    PER_10K,
    PER_100,
    PER_100K,
    RATIO,
    WEALTH_SHARES,
    Measure,
    Metric,
    Summary,
    by_group,
)
from generator.plan.standing import Direction

_CRIME_CAUTION = (
    "the FBI cautions against ranking places by reported crime; Urban advises local data where "
    "there is some"
)
_QUALITY_CRIME = ("rate_crime_quality", "crime_rate_quality")

METRICS: tuple[Metric, ...] = (
    # --- Opportunity-rich and inclusive neighborhoods
    Metric(
        "Housing affordability",
        "Affordable and available housing for households with low incomes",
        tuple(
            Measure(
                f"Affordable and available units per 100 {level}-income households",
                (f"share_affordable_available_{ami}_ami", f"share_affordable_{ami}_ami"),
                (
                    f"share_affordable_available_{ami}_ami_quality",
                    f"share_affordable_{ami}_ami_quality",
                    "share_affordable_quality",
                    "housing_quality",
                ),
                PER_100,
            )
            for level, ami in (("low", 80), ("very low", 50), ("extremely low", 30))
        ),
        Direction.HIGHER,
        "summary: values below 100 indicate a shortage of affordable housing",
    ),
    Metric(
        "Housing stability",
        "Public-school children ever homeless during the school year",
        (
            Measure(
                "Share of public-school children ever homeless",
                ("share_homeless", "homeless_share"),
                ("share_homeless_quality", "homeless_quality"),
            ),
        ),
        Direction.LOWER,
        "description: a direct measure of homelessness for children that reflects housing "
        "instability",
    ),
    Metric(
        "Economic inclusion",
        "People in poverty living in high-poverty neighborhoods",
        (
            Measure(
                "Share of people in poverty who live in high-poverty neighborhoods",
                ("share_poverty_exposure", "poverty_exposure"),
                ("share_poverty_exposure_quality", "poverty_exposure_quality"),
            ),
        ),
        Direction.LOWER,
        "description: the more concentrated people in poverty are, the more isolated they are "
        "from the community's resources and opportunities",
    ),
    Metric(
        "Racial diversity",
        "Exposure to neighbors of other races and ethnicities",
        by_group(
            "Exposure to other groups: {group} residents",
            "share_",
            "_exposure",
            "_exposure",
        ),
        Direction.HIGHER,
        "summary: the higher the value, the more exposed to people of different races and "
        "ethnicities",
        Summary.WEAKEST,
    ),
    Metric(
        "Social capital",
        "Membership associations",
        (
            Measure(
                "Membership associations per 10,000 people",
                ("count_membership_associations_per_10k",),
                unit=PER_10K,
            ),
        ),
        Direction.HIGHER,
        "description: social trust grows when people belong to voluntary groups and organizations",
    ),
    Metric(
        "Social capital",
        "Economic connectedness",
        (
            Measure(
                "Economic connectedness (friendships across income lines)",
                ("share_economic_connectedness", "ratio_high_low_ses_fb_friends"),
                unit=RATIO,
            ),
        ),
        Direction.HIGHER,
        "summary: a value of 1 is a community perfectly integrated across socioeconomic status; "
        "most are below it",
    ),
    Metric(
        "Transportation access",
        "Use of public transit",
        (
            Measure(
                "Share of commuters who take public transit",
                ("share_transit_commuter",),
            ),
            Measure("Transit trips index", ("index_transit_trips", "transit_trips"), unit=INDEX),
        ),
        Direction.HIGHER,
        "description: higher scores of the transit trips index reflect better access to public "
        "transportation; build-2025 replaces it with the share of commuters taking transit, "
        "read the same way",
    ),
    Metric(
        "Transportation access",
        "Transportation cost",
        (
            Measure(
                "Transportation cost as a share of income",
                ("share_transportation_cost",),
                direction=Direction.LOWER,
            ),
            Measure(
                "Transportation cost index (higher is cheaper)",
                ("transportation_cost", "transit_cost"),
                ("transportation_cost_quality", "transit_cost_quality"),
                INDEX,
            ),
        ),
        Direction.HIGHER,
        "summary: the index is inverted, the higher the value the lower the cost; build-2025 "
        "gives the cost as a share of income instead, where lower is better",
    ),
    # --- High-quality education
    Metric(
        "Access to preschool",
        "Children enrolled in preschool",
        (
            Measure(
                "Share of 3- and 4-year-olds in preschool",
                ("share_in_preschool",),
                ("share_in_preschool_quality", "preschool_quality"),
            ),
        ),
        Direction.HIGHER,
        "summary: the share of a community's children aged three to four enrolled in nursery or "
        "preschool",
    ),
    Metric(
        "Effective public education",
        "Growth in English language arts, grades 3 to 8",
        (
            Measure(
                "Average yearly growth in English language arts",
                ("rate_learning", "learning_rate"),
                ("rate_learning_quality", "learning_rate_quality"),
                GRADES,
            ),
        ),
        Direction.HIGHER,
        "description: higher rates of improvement in English indicate more effective public "
        "education",
    ),
    Metric(
        "School economic diversity",
        "Students in high-poverty schools",
        tuple(
            Measure(f"Share of {group} students in high-poverty schools", (f"share_{v}", v))
            for group, v in (
                ("Black", "meps20_black"),
                ("Hispanic", "meps20_hispanic"),
                ("White", "meps20_white"),
            )
        ),
        Direction.LOWER,
        "description: higher concentrations of students in poverty are associated with worse "
        "achievement for all the students in a school",
        Summary.WEAKEST,
    ),
    Metric(
        "Preparation for college",
        "Young adults with a high school degree",
        (
            Measure(
                "Share of 19- and 20-year-olds with a high school degree",
                ("share_hs_degree",),
                ("share_hs_degree_quality", "hs_degree_quality"),
            ),
        ),
        Direction.HIGHER,
        "description: earning a high school degree is an important prerequisite for further "
        "schooling",
    ),
    Metric(
        "Digital access",
        "Broadband at home",
        (
            Measure(
                "Share of people in households with broadband at home", ("share_digital_access",)
            ),
        ),
        Direction.HIGHER,
        "summary: the share of people in households with access to broadband in their home",
    ),
    # --- Rewarding work
    Metric(
        "Employment opportunities",
        "Employment of adults aged 25 to 54",
        (
            Measure(
                "Employment-to-population ratio, ages 25 to 54",
                ("share_employed",),
                ("share_employed_quality", "employed_quality"),
            ),
        ),
        Direction.HIGHER,
        "description: what share of prime-age adults in a community work for pay",
    ),
    Metric(
        "Jobs paying living wages",
        "Pay of the average job against the cost of living",
        (
            Measure(
                "Average pay over the cost of living",
                (
                    "ratio_living_wage",
                    "ratio_average_to_living_wage",
                    "average_to_living_wage_ratio",
                ),
                (
                    "ratio_living_wage_quality",
                    "ratio_average_to_living_wage_quality",
                    "wage_ratio_quality",
                ),
                RATIO,
            ),
        ),
        Direction.HIGHER,
        "description: communities in which typical jobs pay a greater share of the local cost of "
        "living provide more opportunities to move out of poverty",
    ),
    Metric(
        "Opportunities for income",
        "Household income at the 20th, 50th and 80th percentiles",
        tuple(
            Measure(
                f"Household income at the {rank}th percentile",
                (f"pctl_income_{rank}", f"pctl_{rank}"),
                (f"pctl_income_{rank}_quality", "pctl_income_quality", "pctl_quality"),
                DOLLARS,
            )
            for rank in (20, 50, 80)
        ),
        Direction.HIGHER,
        "summary: incomes at the 20th, 50th and 80th percentiles; the 20th, the income of the "
        "households with the least, speaks for the metric",
    ),
    Metric(
        "Financial security",
        "Debt in collections",
        (
            Measure(
                "Share with debt in collections",
                ("share_debt_coll", "share_debt_col"),
                ("share_debt_coll_quality", "share_debt_col_quality"),
            ),
            Measure("Share with medical debt in collections", ("share_medical_debt_coll",)),
        ),
        Direction.LOWER,
        "description: the inability to pay back debts can signal current or near-term financial "
        "insecurity",
    ),
    Metric(
        "Wealth-building opportunities",
        "Housing wealth against households, by race and ethnicity",
        by_group(
            "{group}: share of housing wealth : share of households",
            "ratio_",
            "_house_value_households",
            unit=WEALTH_SHARES,
        ),
        Direction.NONE,
        "Urban compares each group's share of housing wealth with its share of households, "
        "group by group, with no single order between places",
    ),
    # --- Healthy environment and access to good health care
    Metric(
        "Access to health services",
        "Population per primary care physician",
        (
            Measure(
                "People per primary care physician", ("ratio_population_pc_physician",), (), PEOPLE
            ),
        ),
        Direction.LOWER,
        "summary: the number of people served by one primary care physician",
    ),
    Metric(
        "Neonatal health",
        "Babies born with low birth weight",
        (
            Measure(
                "Share of babies with low birth weight",
                ("share_low_birth_weight", "rate_low_birth_weight", "lbw"),
            ),
        ),
        Direction.LOWER,
        "summary: the share of babies born weighing less than 5 pounds 8 ounces",
    ),
    Metric(
        "Environmental quality",
        "Air quality",
        (
            Measure(
                "Air quality index (higher is cleaner)",
                ("index_air_hazard", "index_air_quality", "environmental"),
                unit=INDEX,
            ),
        ),
        Direction.HIGHER,
        "summary: the index is inverted, the higher the value the less exposure to toxins; "
        "build-2025 (air_toxicity_metric.qmd) ranks minus the summed hazards likewise",
    ),
    Metric(
        "Safety from trauma",
        "Deaths due to injury",
        (Measure("Deaths due to injury per 100,000 people", ("rate_injury_death",), (), PER_100K),),
        Direction.LOWER,
        "description: people living in communities with a high incidence of injury can "
        "experience trauma, direct and vicarious",
    ),
    # --- Responsive and just governance
    Metric(
        "Political participation",
        "Voter turnout",
        (
            Measure(
                "Share of the voting-age population who voted",
                ("share_election_turnout", "election_turnout"),
                ("share_election_turnout_quality", "election_turnout_quality"),
            ),
        ),
        Direction.HIGHER,
        "summary: the share of the citizen voting-age population that voted in the most recent "
        "presidential election",
    ),
    Metric(
        "Descriptive representation",
        "Residents by race and ethnicity, for comparison with local officials",
        tuple(
            Measure(f"Share of residents who are {group}", names)
            for group, names in (
                ("Black, non-Hispanic", ("share_desc_rep_black_nonhispanic",)),
                ("Hispanic", ("share_desc_rep_hispanic",)),
                (
                    "of other races and ethnicities",
                    ("share_desc_rep_other", "share_desc_rep_asian_other"),
                ),
                ("White, non-Hispanic", ("share_desc_rep_white_nonhispanic",)),
            )
        ),
        Direction.NONE,
        "Urban publishes the residents' shares only; the officials' shares are the community's "
        "to add (its Planning Guide shows how)",
    ),
    Metric(
        "Safety from crime",
        "Reported crime",
        (
            Measure(
                "Reported violent crimes per 100,000 people",
                ("rate_crime_violent", "rate_violent_crime", "violent_crime_rate"),
                ("rate_crime_violent_quality", *_QUALITY_CRIME),
                PER_100K,
            ),
            Measure(
                "Reported property crimes per 100,000 people",
                ("rate_crime_property", "rate_property_crime", "property_crime_rate"),
                ("rate_crime_property_quality", *_QUALITY_CRIME),
                PER_100K,
            ),
        ),
        Direction.LOWER,
        "summary: reported crimes against people and property per 100,000 people",
        caution=_CRIME_CAUTION,
    ),
    Metric(
        "Just policing",
        "Juvenile arrests",
        (
            Measure(
                "Juvenile arrests per 100,000 juveniles",
                ("rate_juv_arrest", "juvenile_arrest_rate"),
                ("rate_juv_arrest_quality", "juvenile_arrest_rate_quality"),
                PER_100K,
            ),
        ),
        Direction.LOWER,
        "description: arrests among juveniles can be more closely tied to overly punitive policing",
        caution=_CRIME_CAUTION,
    ),
)
