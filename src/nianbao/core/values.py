"""Value types of table cells: parse user text into a value, format a value for display.

Every number is bounded by its text before it is converted: counts have at most 9 digits, money at most
12 integer digits and the decimals of its unit, and no exponent, NaN or Infinity is ever read. So no input,
however long or strange, costs more than a regular expression over a few dozen characters.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final, NoReturn

from nianbao.definition.model import ValueKind

Value = int | Decimal

MAX_COUNT: Final = 999_999_999  # counts (and signed counts) are 0…999,999,999 (−999,999,999 where signed)
MAX_ABS: Final = 10**12  # money has at most 12 integer digits
MONEY_INT_DIGITS: Final = 12
# decimals a money amount may carry in its unit: 万元 to the 分 (as published reports print it), 元 to the 分
UNIT_PLACES: Final = {"万元": 6, "元": 2}
DEFAULT_PLACES: Final = 6  # a money cell without a known unit
MONEY_PLACES: Final = max(UNIT_PLACES.values())  # the most decimals any unit takes (sums are rounded to it)
FILE_PLACES: Final = 12  # a stored amount may carry up to this many decimals; beyond its unit's it gets a finding
MAX_NUMBER_TEXT: Final = 40  # longer text is never a number we accept (checked before anything else)
BLANK_MARKS = frozenset({"", "-", "—", "——", "–", "/", "－", "／", "\\"})

# full-width digits and signs as typed by Chinese input methods
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")
_NUMBER = re.compile(r"^([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+))(?:\.(\d+))?$")
_SPACES = re.compile(r"[\s\u3000\u00a0]+")


class InvalidValue(ValueError):
    """Input that is not a valid value; str(exc) is a Chinese reason for the user."""


def normalize(text: str) -> str:
    return _SPACES.sub("", text.translate(_FULLWIDTH))


def places_for(unit: str | None) -> int:
    """Decimals a money amount may have in this unit (万元 6, 元 2)."""
    return UNIT_PLACES.get(unit or "", DEFAULT_PLACES)


def quote(text: str, limit: int = 40) -> str:
    """Bad input as quoted in a message: at most `limit` characters."""
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "…"


def parse(
    text: str, kind: ValueKind, units: tuple[str, ...] = (), unit: str | None = None, max_places: int | None = None
) -> Value | None:
    """Parse what a user typed or pasted. Blank marks give None (counted as 0).

    Money takes the decimals of its unit: the unit written after the number, else `unit`, else the first of
    `units`. `max_places` overrides that (files: extra decimals open and are reported as a finding).
    """
    if len(text) > 4 * MAX_NUMBER_TEXT:  # bound the work before even normalizing
        return _fail(f"“{quote(text)}”不是有效的数字（过长）")
    s = normalize(text)
    for u in sorted(units, key=len, reverse=True):
        if u and s.endswith(u):
            s = s[: -len(u)]
            unit = u
            break
    if s in BLANK_MARKS:
        return None
    m = _NUMBER.match(s) if len(s) <= MAX_NUMBER_TEXT else None
    if m is None:
        return _fail(f"“{quote(text)}”不是有效的数字")
    sign, whole, fraction = m.group(1), m.group(2).replace(",", "").lstrip("0") or "0", m.group(3) or ""
    if kind is ValueKind.MONEY:
        if sign == "-" and (whole != "0" or fraction.strip("0")):
            return _fail("金额不能为负数")
        if len(whole) > MONEY_INT_DIGITS:
            return _fail(f"数字过大，金额最多{MONEY_INT_DIGITS}位整数，请检查")
        fraction = fraction.rstrip("0")
        places = max_places if max_places is not None else places_for(unit or (units[0] if units else None))
        if len(fraction) > places:
            where = f"以{unit}为单位的" if unit and max_places is None else ""
            return _fail(f"{where}金额最多{places}位小数")
        return canonical_money(Decimal(f"{whole}.{fraction}" if fraction else whole))
    if fraction.strip("0"):
        return _fail("件数必须是整数")
    if len(whole) > len(str(MAX_COUNT)):
        return _fail(f"数字过大，件数最多{len(str(MAX_COUNT))}位，请检查")
    value = -int(whole) if sign == "-" else int(whole)
    if value < 0 and kind is ValueKind.COUNT:
        return _fail("件数不能为负数")
    return value


def canonical_money(number: Decimal) -> Decimal:
    """Money without trailing zeros (12.50 -> 12.5, 3.000 -> 3), so equal amounts compare equal.

    Only for bounded amounts (parse makes them): at most 12 + FILE_PLACES digits, within Decimal's precision.
    """
    q = number.normalize()
    return q.quantize(Decimal(1)) if q == q.to_integral_value() else q


def decimal_places(value: Value) -> int:
    """Decimals a value prints with (0 for whole numbers)."""
    if isinstance(value, int):
        return 0
    exponent = canonical_money(value).as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def format_value(value: Value | None, kind: ValueKind = ValueKind.COUNT) -> str:
    """Display text, the same in the grid and every export; blank stays blank.

    Money prints exactly as stored, in plain notation, without trailing zeros (7545, 24252.311082, 12.5).
    """
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(canonical_money(value), "f")
    return str(value)


def check_value(value: object, kind: ValueKind, max_places: int | None = None) -> Value | None:
    """Validate a value that came from a file or an edit (not typed text): raises InvalidValue if invalid."""
    if value is None:
        return None
    if isinstance(value, bool):
        return _fail("不是有效的数字")
    if isinstance(value, int):
        if abs(value) >= 10**MAX_NUMBER_TEXT:
            return _fail("数字过大，请检查")
        return parse(str(value), kind, max_places=max_places)
    if isinstance(value, str):
        return parse(value, kind, max_places=max_places)
    if isinstance(value, Decimal):
        if not value.is_finite():
            return _fail("不是有效的数字")
        exponent = value.as_tuple().exponent
        if not isinstance(exponent, int) or exponent < -MAX_NUMBER_TEXT or value.adjusted() >= MAX_NUMBER_TEXT:
            return _fail("数字过大或小数位数过多，请检查")
        return parse(format(value, "f"), kind, max_places=_places_of_edit(value, kind, max_places))
    if isinstance(value, float):
        return parse(repr(value), kind, max_places=max_places)
    return _fail("不是有效的数字")


def _places_of_edit(value: Decimal, kind: ValueKind, max_places: int | None) -> int | None:
    """A Decimal already in the model (an edit batch, a recompute) keeps its decimals up to the file bound."""
    return FILE_PLACES if max_places is None and kind is ValueKind.MONEY else max_places


def _fail(reason: str) -> NoReturn:
    raise InvalidValue(reason)
