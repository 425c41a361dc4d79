from decimal import Decimal

import pytest

from presentation.numbers import format_cn_amount, format_exact


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (Decimal("150000000"), "元", "1.5亿元"),
        (Decimal("3000000000"), "元", "30亿元"),
        (Decimal("5000000000.0000"), "元", "50亿元"),
        (Decimal("10000000"), "元", "1000万元"),
        (Decimal("50000000"), "元", "5000万元"),
        (Decimal("42000"), "亩", "4.2万亩"),
        (Decimal("205"), "家", "205家"),
        (Decimal("9999"), "家", "9999家"),
        (Decimal("10000"), "人", "1万人"),
        (Decimal("12345678"), "元", "1234.57万元"),
        (Decimal("123456789"), "元", "1.23亿元"),
        (Decimal("1000"), "P", "1000P"),
        (Decimal("0"), "元", "0元"),
    ],
)
def test_computed_amounts_are_written_in_wan_and_yi(value, unit, expected):
    assert format_cn_amount(value, unit) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("3000000000.0000"), "3,000,000,000"),
        (Decimal("1.5E+8"), "150,000,000"),  # as an import may store it: the same value, the same text
        (Decimal("150000000.0000"), "150,000,000"),
        (Decimal("0.9850"), "0.985"),
        (Decimal("-1234.5"), "-1,234.5"),
        (Decimal("-0.5"), "-0.5"),
        (Decimal("0E-4"), "0"),
        (None, ""),
    ],
)
def test_stored_numbers_are_written_in_full_without_trailing_zeros(value, expected):
    assert format_exact(value) == expected


def test_rates_are_never_folded_into_wan():
    assert format_cn_amount(Decimal("98"), "%") == "98%"
    assert format_cn_amount(Decimal("25000"), "%") == "25000%"
    assert format_cn_amount(Decimal("30.50"), "%") == "30.5%"


def test_an_amount_just_under_one_yi_that_rounds_up_reads_as_yi_not_ten_thousand_wan():
    assert format_cn_amount(Decimal("99999999.9"), "元") == "1亿元"


def test_negative_amounts_keep_their_sign():
    assert format_cn_amount(Decimal("-150000000"), "元") == "-1.5亿元"


def test_integers_floats_and_missing_values_are_accepted():
    assert format_cn_amount(42000, "亩") == "4.2万亩"
    assert format_cn_amount(0.5, "") == "0.5"
    assert format_cn_amount(None, "元") == ""
