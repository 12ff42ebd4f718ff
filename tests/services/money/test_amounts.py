"""The one money reader: what people type on set, read exactly or refused with what to type."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.errors import InvalidInput
from bot.services.money.amounts import CEILINGS, LARGEST, SYMBOLS, ceiling, read, show
from bot.services.money.quick import parse_quick

AMOUNTS = st.decimals(min_value=0, max_value=LARGEST, places=2, allow_nan=False)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("42", "42.00"),
        ("42.5", "42.50"),
        ("$1,234.56", "1234.56"),
        ("1,250.00", "1250.00"),
        ("1,250", "1250.00"),  # a comma before three digits groups thousands
        ("12,50", "12.50"),  # a comma before one or two digits is a decimal comma
        ("12,5", "12.50"),
        ("1.234,56", "1234.56"),
        ("€1.234,56", "1234.56"),
        ("12,50 €", "12.50"),
        ("CA$1,234.56", "1234.56"),
        ("JPY 1,234", "1234.00"),
        ("0.05", "0.05"),
    ],
)
def test_what_people_type_is_read_exactly(typed: str, value: str) -> None:
    assert read(typed) == Decimal(value)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("42.999", "at most two"),
        ("1.250", "If you meant 1250, type 1250"),
        ("1e9", "Type the digits"),
        ("1e309", "Type the digits"),
        ("1E-2", "Type the digits"),
        ("nan", "is not an amount"),
        ("inf", "is not an amount"),
        ("Infinity", "is not an amount"),
        ("-5", "without a minus sign"),
        ("$-5", "without a minus sign"),
        ("1,2345", "is not an amount"),
        ("1,25,000", "is not an amount"),
        ("12,50.00", "is not an amount"),
        ("٤٢", "is not an amount"),  # digits Slate would have to guess at
        ("", "Type the amount"),
        ("99999999999", "more than Slate can hold"),
    ],
)
def test_anything_it_would_guess_at_is_refused_with_what_to_type(typed: str, says: str) -> None:
    with pytest.raises(ValueError, match=re.escape(says)):
        read(typed)


@given(AMOUNTS, st.sampled_from([*SYMBOLS, "JPY"]))
def test_every_amount_shown_reads_back_to_itself(amount: Decimal, currency: str) -> None:
    assert read(show(amount, currency)) == amount


@given(AMOUNTS)
def test_every_way_of_writing_an_amount_reads_the_same(amount: Decimal) -> None:
    us = f"{amount:,.2f}"
    european = us.replace(",", " ").replace(".", ",").replace(" ", ".")
    writings = {f"{amount:.2f}", us, european, f"{amount:.2f}".replace(".", ",")}
    if amount == amount.to_integral_value():
        writings.add(str(int(amount)))
    for written in writings:
        if re.fullmatch(r"\d{1,3}\.\d{3}", written):
            continue  # 1.250 is refused as ambiguous, never guessed
        assert read(written) == amount, written


@given(st.text(alphabet="0123456789.,", min_size=1, max_size=16))
def test_no_accepted_input_changes_value_by_a_factor(typed: str) -> None:
    try:
        value = read(typed)
    except ValueError:
        return
    digits = re.sub(r"\D", "", typed).lstrip("0") or "0"
    cents = str(int(value * 100))
    # The same digits, with at most the missing cents added: never a factor of 10 or 1000.
    assert cents in (digits, digits + "0", digits + "00") or (value == 0 and digits == "0")
    if "." not in typed and not re.search(r",\d{1,2}$", typed):
        assert value == int(digits)  # no decimal separator: whole units


def test_ceilings_have_sane_defaults_and_follow_the_settings() -> None:
    assert ceiling({}, "expense_cap") == CEILINGS["expense_cap"] == Decimal("10000")
    assert ceiling({}, "petty_cash_cap") == Decimal("5000")
    assert ceiling({"expense_cap": 25000}, "expense_cap") == Decimal("25000")
    assert ceiling({"petty_cash_cap": "nonsense"}, "petty_cash_cap") == Decimal("5000")


def test_the_one_liner_reads_vendor_line_and_description_apart() -> None:
    form = parse_quick("30 at Home Depot #art tape")
    assert form is not None
    assert (form.amount, form.vendor, form.budget_code, form.description) == (
        "30",
        "Home Depot",
        "art",
        "tape",
    )
    assert parse_quick("42.999 gel").amount == "42.999"  # type: ignore[union-attr]
    assert parse_quick("coffee at 99 Ranch") is None  # a number in the vendor is no amount
    assert parse_quick("gel 42.50.").amount == "42.50"  # type: ignore[union-attr]
    with pytest.raises(InvalidInput, match="2 amounts"):
        parse_quick("1e9 and 20 gel")


WORDS = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz&'", min_size=1, max_size=8).filter(
        lambda w: w != "at"
    ),
    min_size=1,
    max_size=4,
)


@given(AMOUNTS, WORDS, WORDS, st.text(alphabet="abcxyz&-", min_size=1, max_size=6), WORDS)
def test_the_one_liner_takes_each_part_exactly(
    amount: Decimal, what: list[str], vendor: list[str], code: str, tail: list[str]
) -> None:
    typed = f"{show(amount, 'USD')} {' '.join(what)} at {' '.join(vendor)} #{code} {' '.join(tail)}"
    form = parse_quick(typed)
    assert form is not None and read(form.amount or "") == amount
    assert (form.vendor, form.budget_code) == (" ".join(vendor), code)
    assert form.description == " ".join([*what, *tail])
