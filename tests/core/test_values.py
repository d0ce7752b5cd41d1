from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nianbao.core.values import InvalidValue, format_value, parse
from nianbao.definition import ValueKind

COUNT, SIGNED, MONEY = ValueKind.COUNT, ValueKind.SIGNED, ValueKind.MONEY


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("12", COUNT, 12),
        (" 12 ", COUNT, 12),
        ("１２", COUNT, 12),
        ("1,234", COUNT, 1234),
        ("１，２３４", COUNT, 1234),
        ("\u30007\u3000", COUNT, 7),
        ("", COUNT, None),
        ("—", COUNT, None),
        ("-", COUNT, None),
        ("/", COUNT, None),
        ("  ", COUNT, None),
        ("-8", SIGNED, -8),
        ("－８", SIGNED, -8),
        ("+3", SIGNED, 3),
        ("0.35", MONEY, Decimal("0.35")),
        ("12.50", MONEY, Decimal("12.5")),
        ("3.0000", MONEY, Decimal("3")),
        ("1.23450", MONEY, Decimal("1.2345")),
        ("24252.311082", MONEY, Decimal("24252.311082")),
        ("999999999", COUNT, 999_999_999),
        ("-999999999", SIGNED, -999_999_999),
        ("999999999999.5", MONEY, Decimal("999999999999.5")),
        ("8,040", MONEY, Decimal("8040")),
        ("5.0", COUNT, 5),
    ],
)
def test_parse_accepts(text: str, kind: ValueKind, expected: object) -> None:
    assert parse(text, kind) == expected


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [
        ("abc", COUNT, "“abc”不是有效的数字"),
        ("12件", COUNT, "“12件”不是有效的数字"),
        ("-3", COUNT, "件数不能为负数"),
        ("1.5", COUNT, "件数必须是整数"),
        ("1.5", SIGNED, "件数必须是整数"),
        ("-1", MONEY, "金额不能为负数"),
        ("1.2345678", MONEY, "金额最多6位小数"),
        ("1e5", MONEY, "不是有效的数字"),
        ("NaN", MONEY, "不是有效的数字"),
        ("Infinity", SIGNED, "不是有效的数字"),
        ("1000000000", COUNT, "数字过大"),
        ("-1000000000", SIGNED, "数字过大"),
        ("1000000000000", MONEY, "数字过大"),
        ("9" * 5000, COUNT, "过长"),
        ("1,23", COUNT, "不是有效的数字"),
        ("1e5", COUNT, "不是有效的数字"),
        ("99999999999999", COUNT, "数字过大"),
    ],
)
def test_parse_rejects_with_a_chinese_reason(text: str, kind: ValueKind, reason: str) -> None:
    with pytest.raises(InvalidValue) as exc:
        parse(text, kind)
    assert reason in str(exc.value)


def test_money_takes_the_decimals_of_its_unit() -> None:
    """万元 to the 分 is six decimals (as published reports print it), 元 two."""
    assert parse("24252.311082万元", MONEY, ("万元", "元")) == Decimal("24252.311082")
    assert parse("7545.12元", MONEY, ("万元", "元")) == Decimal("7545.12")
    with pytest.raises(InvalidValue, match="以元为单位的金额最多2位小数"):
        parse("7545.123元", MONEY, ("万元", "元"))
    with pytest.raises(InvalidValue, match="最多2位小数"):
        parse("7545.123", MONEY, ("万元", "元"), unit="元")
    assert parse("7545.123", MONEY, ("万元", "元")) == Decimal("7545.123")  # the first unit, 万元


def test_money_prints_as_stored_without_trailing_zeros() -> None:
    assert format_value(Decimal("7545.00"), MONEY) == "7545"
    assert format_value(Decimal("24252.311082"), MONEY) == "24252.311082"
    assert format_value(Decimal("12.50"), MONEY) == "12.5"


@pytest.mark.parametrize("size", [10, 1000, 100_000, 5_000_000])
def test_any_length_is_refused_quickly(size: int) -> None:
    import time

    for text in ("9" * size, "1e" + "9" * size, "1." + "5" * size):
        start = time.perf_counter()
        with pytest.raises(InvalidValue):
            parse(text, COUNT)
        assert time.perf_counter() - start < 0.05


def test_money_accepts_its_unit_suffix() -> None:
    assert parse("0万元", MONEY, ("万元", "元")) == Decimal(0)
    assert parse("251000元", MONEY, ("万元", "元")) == Decimal(251000)
    with pytest.raises(InvalidValue):
        parse("5万元", MONEY)


@given(st.integers(min_value=0, max_value=999_999_999))
def test_count_round_trip(n: int) -> None:
    assert parse(format_value(n, COUNT), COUNT) == n
    assert parse(f"{n:,}", COUNT) == n
    fullwidth = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert parse(f" {fullwidth} ", COUNT) == n


@given(st.integers(min_value=-999_999_999, max_value=999_999_999))
def test_signed_round_trip(n: int) -> None:
    assert parse(format_value(n, SIGNED), SIGNED) == n


@given(st.decimals(min_value=0, max_value=10**12 - 1, places=6, allow_nan=False, allow_infinity=False))
def test_money_round_trip(d: Decimal) -> None:
    value = parse(format_value(d, MONEY), MONEY)
    assert value == d
    assert "E" not in format_value(value, MONEY)
    assert parse(format_value(value, MONEY), MONEY) == value


@given(st.text(max_size=12))
def test_parse_never_crashes(text: str) -> None:
    for kind in ValueKind:
        try:
            parse(text, kind)
        except InvalidValue as exc:
            assert str(exc)
