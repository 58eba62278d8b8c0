"""The quick way to plainly valid addresses agrees with email-validator on every one it takes.

:func:`~generator.common.addresses.parse_addresses` accepts an address matching
:data:`~generator.common.addresses.PLAIN_ADDRESS` without asking email-validator (whose tables
take longer to load than a workbook takes to check). That is only right if every address it
accepts this way, email-validator accepts too, and reads alike; anything else goes to
email-validator as before, so its findings stay the same.
"""

from __future__ import annotations

import email_validator
from email_validator import EmailNotValidError, validate_email
from email_validator.rfc_constants import CASE_INSENSITIVE_MAILBOX_NAMES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.common import addresses
from generator.common.addresses import (
    PLAIN_ADDRESS,
    SPECIAL_DOMAINS,
    SPECIAL_LOCAL_PARTS,
    AddressError,
    Mailbox,
    parse_addresses,
)


def validated(address: str) -> tuple[str, str] | None:
    """(local, domain) as email-validator reads the address, or None if it refuses it."""
    try:
        checked = validate_email(
            address, check_deliverability=False, allow_smtputf8=False, allow_quoted_local=False
        )
    except EmailNotValidError:
        return None
    local, domain = checked.ascii_email.rsplit("@", 1)
    return local, domain


def assert_agrees(address: str) -> None:
    plain = addresses._plain_mailbox("", address)
    if plain is not None:
        assert validated(address) == (plain.local, plain.domain), address


def test_the_names_it_leaves_to_email_validator_are_email_validators() -> None:
    assert set(email_validator.SPECIAL_USE_DOMAIN_NAMES) == SPECIAL_DOMAINS
    assert set(CASE_INSENSITIVE_MAILBOX_NAMES) == SPECIAL_LOCAL_PARTS


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.from_regex(PLAIN_ADDRESS, fullmatch=True))
def test_every_plain_address_it_takes_email_validator_takes_alike(address: str) -> None:
    assert_agrees(address)


_NEAR = st.text(
    alphabet=st.sampled_from("aZ09.-_+@'`~!#$%&*/=?^{|}\"() <>[]\\:;,xn-éİ\u00a0"), max_size=40
)


@settings(max_examples=600, deadline=None)
@given(_NEAR, _NEAR)
def test_near_misses_it_takes_email_validator_takes_alike(local: str, domain: str) -> None:
    assert_agrees(f"{local}@{domain}")
    assert_agrees(f"{local}{domain}")


def test_edges() -> None:
    for address in (
        "ana@example.org",
        "Ana.Ruiz@Example.ORG",
        "a" * 64 + "@example.org",
        "a" * 65 + "@example.org",
        "ana@" + "b" * 62 + ".org",
        "ana@" + "b" * 63 + ".org",
        "ana@" + ".".join(["b" * 60] * 5) + ".org",
        "ana@ex--ample.org",
        "ana@xn--bcher-kva.example",
        "ana@example.test",
        "ana@mail.localhost",
        "Postmaster@example.org",
        "ana@example.123",
        "ana@-example.org",
        "ana@example-.org",
        "ana..ruiz@example.org",
        ".ana@example.org",
        "ana@example",
    ):
        assert_agrees(address)


def test_cells_read_as_before() -> None:
    assert parse_addresses("Ana Ruiz <Ana@Example.ORG>; bo@x.org") == [
        Mailbox("Ana Ruiz", "Ana", "example.org"),
        Mailbox("", "bo", "x.org"),
    ]
    assert parse_addresses("Postmaster@Example.org") == [Mailbox("", "postmaster", "example.org")]
    for refused in ("ana@example.test", "ana@@example.org", "ana@example", "a b@example.org"):
        try:
            parse_addresses(refused)
        except AddressError:
            continue
        raise AssertionError(refused)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab ,;\t@.<>"), max_size=30))
def test_cells_without_quotes_are_split_as_the_quoted_way_splits_them(text: str) -> None:
    """A cell without quotes takes the quick split; with an empty quoted piece after it, the
    character-by-character one, which must cut it alike."""
    assert [*addresses._pieces(text), '""'] == addresses._pieces(text + ',""')
