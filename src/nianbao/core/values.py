"""Value types of table cells: parse user text into a value, format a value for display."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import NoReturn

from nianbao.definition.model import ValueKind

Value = int | Decimal

MONEY_PLACES = 4
MAX_ABS = 10**12  # far beyond any real count or amount; guards against pasted garbage
BLANK_MARKS = frozenset({"", "-", "—", "——", "–", "/", "－", "／", "\\"})

# full-width digits and signs as typed by Chinese input methods
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_SPACES = re.compile(r"[\s\u3000\u00a0]+")


class ValueError_(ValueError):
    """Input that is not a valid value; str(exc) is a Chinese reason for the user."""


def normalize(text: str) -> str:
    return _SPACES.sub("", text.translate(_FULLWIDTH))


def parse(text: str, kind: ValueKind, units: tuple[str, ...] = ()) -> Value | None:
    """Parse what a user typed or pasted. Blank marks give None (counted as 0)."""
    s = normalize(text)
    for unit in sorted(units, key=len, reverse=True):
        if unit and s.endswith(unit):
            s = s[: -len(unit)]
            break
    if s in BLANK_MARKS:
        return None
    if not _NUMBER.match(s):
        return _fail(f"“{text.strip()}”不是有效的数字")
    s = s.replace(",", "")
    try:
        number = Decimal(s)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return _fail(f"“{text.strip()}”不是有效的数字")
    if abs(number) >= MAX_ABS:
        return _fail("数字过大，请检查")
    if kind is ValueKind.MONEY:
        if number < 0:
            return _fail("金额不能为负数")
        exponent = number.as_tuple().exponent
        if (
            isinstance(exponent, int)
            and -exponent > MONEY_PLACES
            and number != number.quantize(Decimal(1).scaleb(-MONEY_PLACES))
        ):
            return _fail(f"金额最多{MONEY_PLACES}位小数")
        return canonical_money(number)
    if number != number.to_integral_value():
        return _fail("件数必须是整数")
    value = int(number)
    if value < 0 and kind is ValueKind.COUNT:
        return _fail("件数不能为负数")
    return value


def canonical_money(number: Decimal) -> Decimal:
    """Money without trailing zeros (12.50 -> 12.5, 3.000 -> 3), so equal amounts compare equal."""
    q = number.quantize(Decimal(1).scaleb(-MONEY_PLACES)).normalize()
    return q.quantize(Decimal(1)) if q == q.to_integral_value() else q


def format_value(value: Value | None, kind: ValueKind = ValueKind.COUNT) -> str:
    """Display text; blank stays blank. Money prints in plain notation (never 1E+1)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(canonical_money(value), "f")
    return str(value)


def check_value(value: object, kind: ValueKind) -> Value | None:
    """Validate a value that came from a file (not typed text): raises ValueError_ if invalid."""
    if value is None:
        return None
    if isinstance(value, bool):
        return _fail("不是有效的数字")
    if isinstance(value, int):
        return parse(str(value), kind)
    if isinstance(value, str):
        return parse(value, kind)
    if isinstance(value, Decimal):
        return parse(format(value, "f"), kind)
    if isinstance(value, float):
        return parse(repr(value), kind)
    return _fail("不是有效的数字")


def _fail(reason: str) -> NoReturn:
    raise ValueError_(reason)
