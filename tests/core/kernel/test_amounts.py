"""Amounts typed with currency symbols and thousands separators, and shown with separators."""

from __future__ import annotations

import pytest

from salescoach.core.kernel.amounts import grouped, parse_amount


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("$18,000", 18000),
        ("18000", 18000),
        ("18,000.50", 18000.5),
        ("€ 1_500", 1500),
        ("2,500 £", 2500),
        ("1,234,567", 1234567),
        ("-$5", -5),
        ("1e5", 100000.0),
    ],
)
def test_currency_symbols_and_separators_are_read(typed: str, value: float) -> None:
    assert parse_amount(typed) == value


@pytest.mark.parametrize("typed", ["1,5", "12,34,567", "$", "abc", "nan", "inf", ""])
def test_what_is_not_an_amount_is_refused_not_guessed(typed: str) -> None:
    with pytest.raises(ValueError, match="expected a number"):
        parse_amount(typed)


def test_amounts_are_shown_with_separators() -> None:
    assert [grouped(v) for v in (18000, 18000.0, 1234.5, 40, 0.25)] == [
        "18,000",
        "18,000",
        "1,234.5",
        "40",
        "0.25",
    ]
