"""Counties and cities as Urban's files key them: FIPS codes, state names, and names people type.

A county is its state's two-digit FIPS code and its own three digits ("39" + "053"); a city
(Census place) its state's two and its own five. Excel drops the leading zeros of codes it takes
for numbers ("1" for Alabama's "01"), which Urban warns about: codes are padded back here, from
the file and from the command line alike.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from generator.common.text import fold

#: The states, the District of Columbia and Puerto Rico by FIPS code, with their postal codes
#: (US Census Bureau, "State FIPS codes"); the territories have no Mobility Metrics.
STATES: dict[str, tuple[str, str]] = {
    "01": ("AL", "Alabama"),
    "02": ("AK", "Alaska"),
    "04": ("AZ", "Arizona"),
    "05": ("AR", "Arkansas"),
    "06": ("CA", "California"),
    "08": ("CO", "Colorado"),
    "09": ("CT", "Connecticut"),
    "10": ("DE", "Delaware"),
    "11": ("DC", "District of Columbia"),
    "12": ("FL", "Florida"),
    "13": ("GA", "Georgia"),
    "15": ("HI", "Hawaii"),
    "16": ("ID", "Idaho"),
    "17": ("IL", "Illinois"),
    "18": ("IN", "Indiana"),
    "19": ("IA", "Iowa"),
    "20": ("KS", "Kansas"),
    "21": ("KY", "Kentucky"),
    "22": ("LA", "Louisiana"),
    "23": ("ME", "Maine"),
    "24": ("MD", "Maryland"),
    "25": ("MA", "Massachusetts"),
    "26": ("MI", "Michigan"),
    "27": ("MN", "Minnesota"),
    "28": ("MS", "Mississippi"),
    "29": ("MO", "Missouri"),
    "30": ("MT", "Montana"),
    "31": ("NE", "Nebraska"),
    "32": ("NV", "Nevada"),
    "33": ("NH", "New Hampshire"),
    "34": ("NJ", "New Jersey"),
    "35": ("NM", "New Mexico"),
    "36": ("NY", "New York"),
    "37": ("NC", "North Carolina"),
    "38": ("ND", "North Dakota"),
    "39": ("OH", "Ohio"),
    "40": ("OK", "Oklahoma"),
    "41": ("OR", "Oregon"),
    "42": ("PA", "Pennsylvania"),
    "44": ("RI", "Rhode Island"),
    "45": ("SC", "South Carolina"),
    "46": ("SD", "South Dakota"),
    "47": ("TN", "Tennessee"),
    "48": ("TX", "Texas"),
    "49": ("UT", "Utah"),
    "50": ("VT", "Vermont"),
    "51": ("VA", "Virginia"),
    "53": ("WA", "Washington"),
    "54": ("WV", "West Virginia"),
    "55": ("WI", "Wisconsin"),
    "56": ("WY", "Wyoming"),
    "72": ("PR", "Puerto Rico"),
}


@dataclass(frozen=True)
class Kind:
    """A kind of geography: its key column, the width of its code, how it is named."""

    key: str  # the file's column: "county" or "place"
    name_column: str  # "county_name" or "place_name"
    digits: int  # of its own code, after the state's two
    word: str  # "county" or "city", as the tool says it
    plural: str
    option: str  # the command-line option that takes its code


COUNTY = Kind("county", "county_name", 3, "county", "counties", "--county")
CITY = Kind("place", "place_name", 5, "city", "cities", "--place")
KINDS = (COUNTY, CITY)


def pad_code(text: str, digits: int) -> str | None:
    """A code as Urban writes it, its leading zeros restored; None when it is not a code.

    Accepts what Excel leaves of a code ("1", "1.0") and what people type ("39-053").
    """
    text = str(text).strip()
    text = re.sub(r"\.0+$", "", text)  # Excel's "1.0"
    if not text.isdigit() or len(text) > digits:
        return None
    return text.zfill(digits)


def typed_fips(text: str, kind: Kind) -> str | None:
    """A FIPS code typed on the command line, state and local part together, padded."""
    digits = re.sub(r"[\s\-]", "", text)
    return pad_code(digits, 2 + kind.digits)


def state_of(fips: str) -> str:
    """The state's name of a full FIPS code ("39053" -> "Ohio"), "" when unknown."""
    return STATES.get(fips[:2], ("", ""))[1]


def state_code(text: str) -> str | None:
    """The FIPS code of a state typed by name or postal code ("OH", "Ohio"), else None."""
    key = fold(text).replace(".", "")
    for code, (postal, name) in STATES.items():
        if key in (postal.casefold(), fold(name)):
            return code
    return None


#: The words that end Census names of counties and places ("Adams County", "Columbus city"),
#: which people leave out when they type a name.
_KIND_WORDS = (
    "city and borough",
    "census area",
    "consolidated government",
    "metropolitan government",
    "metro government",
    "unified government",
    "urban county",
    "municipality",
    "municipio",
    "borough",
    "county",
    "parish",
    "village",
    "city",
    "town",
    "cdp",
)
_PARENTHESES = re.compile(r"\([^)]*\)")


def core_name(name: str) -> str:
    """A name without the word for its kind: "Adams County" as "adams", "Columbus city" as
    "columbus", "Nashville-Davidson metropolitan government (balance)" as "nashville-davidson".
    One word only: "Forest City city" is "forest city"."""
    text = plain(_PARENTHESES.sub(" ", name))
    text = " ".join(text.replace(".", "").split())
    for word in _KIND_WORDS:
        if text.endswith(" " + word):
            return text[: -len(word) - 1].rstrip(" -")
    return text


def same_place(typed: str, name: str) -> bool:
    """Whether a typed name names the place: "Forest City" names "Forest City city", "Adams"
    names "Adams County", and "Adams County" names it too; "Dona Ana" names "Doña Ana"."""
    typed, name = plain(typed), plain(name)
    return typed in (plain(fold(name)), core_name(name)) or core_name(typed) == core_name(name)


def plain(text: str) -> str:
    """Folded, without accents: what people type for "Doña Ana" or "Añasco"."""
    decomposed = unicodedata.normalize("NFKD", fold(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_DESCRIPTION = re.compile(r"\s+(?:city|town|village|borough|municipality|CDP)$")


def display_name(name: str, kind: Kind) -> str:
    """A place as people say it: Census's "Columbus city" is Columbus; counties keep their
    word ("Adams County")."""
    return _DESCRIPTION.sub("", name) if kind is CITY and _DESCRIPTION.sub("", name) else name


def split_typed_name(text: str) -> tuple[str, str | None]:
    """ "Forest County, OH" or "Forest County Ohio" -> ("Forest County", "39"); without a state
    it recognises, (text, None)."""
    if "," in text:
        name, state = text.rsplit(",", 1)
        code = state_code(state)
        if code is not None:
            return name.strip(), code
    words = text.split()
    for size in (3, 2, 1):  # "New Hampshire", "District of Columbia", "OH"
        if len(words) > size and (code := state_code(" ".join(words[-size:]))) is not None:
            return " ".join(words[:-size]), code
    return text.strip(), None
