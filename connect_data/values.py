"""``Values``: convert loosely typed Connect values, and parse and write their string forms.

A port of ``org.apache.kafka.connect.data.Values``. A connector or transformation that expects,
say, an INT64 header but may find a string holding a number uses
``Values.convert_to_long(header.schema, header.value)``. :meth:`Values.convert_to_string` writes
any Connect value as text, and :meth:`Values.parse_string` reads such text back, inferring a
schema: numbers get the smallest fitting type, ``[...]`` becomes an array, ``{...}`` a map and
ISO-8601 literals (``2024-01-15``, ``10:15:30.123Z``, ``2024-01-15T10:15:30.123Z``) dates, times
and timestamps.

The behaviour is Java's, including its quirks (narrowing casts that wrap, lenient date parsing,
only the first top-level token of ``1,2`` being read). The differences Python forces are listed
in ``docs/compatibility.md`` under "Values".
"""

from __future__ import annotations

import base64
import datetime as _dt
import decimal
import math
import re
import struct as _struct
import unicodedata
from collections.abc import Mapping
from typing import Any, ClassVar

from connect_data.builder import SchemaBuilder
from connect_data.errors import DataException, class_name
from connect_data.javatext import (
    decimal_to_string,
    double_to_string,
    float_to_string,
    round_float32,
    to_java_string,
)
from connect_data.logical import (
    Date,
    Decimal,
    Time,
    Timestamp,
    datetime_from_millis,
    decimal_scale,
    timestamp_millis,
)
from connect_data.schema import (
    DATE_LOGICAL_NAME,
    DECIMAL_LOGICAL_NAME,
    TIME_LOGICAL_NAME,
    TIMESTAMP_LOGICAL_NAME,
    ConnectSchema,
    Schema,
    SchemaAndValue,
    Type,
)
from connect_data.struct import Struct

__all__ = ["Values"]

MILLIS_PER_DAY = 24 * 60 * 60 * 1000
_EPOCH_ORDINAL = _dt.date(1970, 1, 1).toordinal()
_TEMPORAL_NAMES = (DATE_LOGICAL_NAME, TIME_LOGICAL_NAME, TIMESTAMP_LOGICAL_NAME)
_NULL_MESSAGE = "Unable to convert a null value to a schema that requires a value"

_LONG_MIN = -(1 << 63)
_LONG_MAX = (1 << 63) - 1
_INT_MIN = -(1 << 31)
_INT_MAX = (1 << 31) - 1

_ARRAY_SELECTOR_SCHEMA = SchemaBuilder.array(Schema.STRING_SCHEMA).build()
_MAP_SELECTOR_SCHEMA = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build()
_STRUCT_SELECTOR_SCHEMA = SchemaBuilder.struct().build()
_ARRAY_OF_NULL_SCHEMA = SchemaBuilder(Type.ARRAY).build()
_MAP_OF_NULL_SCHEMA = SchemaBuilder(Type.MAP).build()

_BYTES_TYPES = (bytes, bytearray, memoryview)
_TEMPORAL_TYPES = (_dt.date, _dt.time)  # what Java holds as java.util.Date (datetime is a date)


# ------------------------------------------------------------------------------------------
# Java number semantics


class _NumberFormatError(ValueError):
    """Java's ``NumberFormatException``: text that ``new BigDecimal(text)`` rejects."""


_BIG_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?")


def _parse_big_decimal(text: str) -> decimal.Decimal:
    """``new BigDecimal(text)``: Java's grammar (no spaces, no NaN, no underscores), exactly."""
    match = _BIG_DECIMAL.fullmatch(text)
    if match is None or any(ord(c) > 0xFFFF for c in text):
        # Java reads the text as UTF-16 chars: a supplementary digit is two non-digit chars
        raise _NumberFormatError(f"Character array is not a valid decimal number: {text}")
    fraction = match.group(1) or match.group(2) or ""
    exponent = int(match.group(3)) if match.group(3) else 0
    if not _INT_MIN <= exponent <= _INT_MAX or not _INT_MIN <= len(fraction) - exponent <= _INT_MAX:
        raise _NumberFormatError(f"Exponent or scale out of range: {text}")
    return decimal.Decimal(text)


def _wrap(value: int, bits: int) -> int:
    """Java's narrowing cast of an integer to a ``bits``-wide signed type (two's complement)."""
    half = 1 << (bits - 1)
    return ((value + half) % (1 << bits)) - half


def _double_to_long(value: float) -> int:
    """Java's ``(long) d``: truncation, saturating at the long range, NaN is 0."""
    if math.isnan(value):
        return 0
    if value >= 2.0**63:
        return _LONG_MAX
    if value <= -(2.0**63):
        return _LONG_MIN
    return int(value)


def _double_to_int(value: float) -> int:
    """Java's ``(int) d``: truncation, saturating at the int range, NaN is 0."""
    if math.isnan(value):
        return 0
    if value >= 2.0**31:
        return _INT_MAX
    if value <= -(2.0**31):
        return _INT_MIN
    return int(value)


def _decimal_long_value(value: decimal.Decimal) -> int:
    """``BigDecimal.longValue()``: the integer part (toward zero), wrapped to 64 bits."""
    if not value.is_finite():
        raise _NumberFormatError(f"{value} is not a finite number")
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    if exponent >= 64:  # a multiple of 10**64, hence of 2**64: Java short-cuts this to 0 too
        return 0
    return _wrap(int(value), 64)


def _int_to_double(value: int) -> float:
    """``Number.doubleValue()`` of an integer: correctly rounded, infinite beyond the range."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def _is_number(value: Any) -> bool:
    """True for the Python values Java holds as a ``Number`` (``bool`` is not one)."""
    return (isinstance(value, (int, float, decimal.Decimal))) and not isinstance(value, bool)


def _long_value(value: int | float | decimal.Decimal) -> int:
    """``Number.longValue()``."""
    if isinstance(value, int):
        return _wrap(value, 64)
    if isinstance(value, float):
        return _double_to_long(value)
    return _decimal_long_value(value)


def _double_value(value: int | float | decimal.Decimal) -> float:
    """``Number.doubleValue()``."""
    if isinstance(value, int):
        return _int_to_double(value)
    if isinstance(value, float):
        return value
    if not value.is_finite():
        raise _NumberFormatError(f"{value} is not a finite number")
    return float(value)


_F32 = _struct.Struct("<f")
_U32 = _struct.Struct("<I")


def _float32_from_bits(bits: int) -> float:
    return float(_F32.unpack(_U32.pack(bits))[0])


def _decimal_to_float32(value: decimal.Decimal) -> float:
    """``BigDecimal.floatValue()``: the decimal rounded once, directly, to the nearest float32.

    Rounding to a double first and then to a float32 can differ when the double lands exactly
    halfway between two float32 values; the exact decimal then decides.
    """
    magnitude = value.copy_abs()
    negative = value.is_signed() and not value.is_zero()
    x = float(magnitude)
    f = round_float32(x)
    if f != x and math.isfinite(x):
        bits = _U32.unpack(_F32.pack(f))[0]
        if f > x:
            low, high = _float32_from_bits(bits - 1), f
        else:
            low, high = f, _float32_from_bits(bits + 1)
        high_value = 2.0**128 if math.isinf(high) else high
        if low + (high_value - low) / 2 == x:  # exact: the operands are adjacent float32s
            exact = decimal.Decimal(x)
            if magnitude > exact:
                f = high
            elif magnitude < exact:
                f = low
    return -f if negative else f


def _is_whole(value: decimal.Decimal) -> bool:
    """True when the decimal has no non-zero fraction digits."""
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    if exponent >= 0 or value.is_zero():
        return True
    return not any(digits[exponent:])


_BIGGER_THAN_LONG = decimal.Decimal("1e19")
_ONE = decimal.Decimal(1)


# ------------------------------------------------------------------------------------------
# Java string semantics


_JAVA_SPACE = "".join(chr(c) for c in range(0x21))


def _java_trim(text: str) -> str:
    """``String.trim()``: strips the characters up to U+0020 (not other Unicode spaces)."""
    return text.strip(_JAVA_SPACE)


def _is_blank(text: str) -> bool:
    return not text.strip(_JAVA_SPACE)


def _is_java_digit(char: str) -> bool:
    """``Character.isDigit(char)``: a BMP decimal digit of any script."""
    return char.isdecimal() and ord(char) <= 0xFFFF


def _java_length(text: str) -> int:
    """``String.length()``: UTF-16 code units."""
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def _escape(text: str) -> str:
    """Backslashes and double quotes escaped with a backslash, as Values writes nested strings."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _describe(value: Any) -> str:
    """The value as Java's string concatenation would show it in a message."""
    try:
        return to_java_string(value)
    except Exception:  # pragma: no cover - only for objects with a broken __repr__
        return object.__repr__(value)


def _unable(value: Any, target: object) -> DataException:
    return DataException(f"Unable to convert {_describe(value)} ({class_name(value)}) to {target}")


# ------------------------------------------------------------------------------------------
# java.util.Date semantics: instants in milliseconds, the Julian/Gregorian calendar in UTC

_GREGORIAN_CUTOVER_FIXED = _dt.date(1582, 10, 15).toordinal()  # Java's default change date
_EPOCH_FIXED = _EPOCH_ORDINAL


def _instant_millis(value: _dt.date | _dt.time) -> int:
    """Milliseconds since the epoch of a date (midnight UTC), datetime, or time (on 1970-01-01)."""
    if isinstance(value, _dt.datetime):
        return timestamp_millis(value)
    if isinstance(value, _dt.date):
        return (value.toordinal() - _EPOCH_ORDINAL) * MILLIS_PER_DAY
    return Time.from_logical(Time.SCHEMA, value)


def _time_of_day(millis: int) -> _dt.time:
    """The UTC time of day of an instant."""
    seconds, milli = divmod(millis % MILLIS_PER_DAY, 1000)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    return _dt.time(hour, minute, second, milli * 1000)


def _as_date(value: _dt.date | _dt.time) -> _dt.date:
    """A temporal value passed through as a Date: unchanged unless it is a time of day."""
    if isinstance(value, _dt.date):
        return value
    millis = _instant_millis(value)
    if millis % MILLIS_PER_DAY == 0:
        return _date_from_days(millis // MILLIS_PER_DAY)
    return datetime_from_millis(millis)


def _as_time(value: _dt.date | _dt.time) -> _dt.time:
    """A temporal value passed through as a Time: its UTC time of day."""
    if isinstance(value, _dt.time):
        return value
    return _time_of_day(_instant_millis(value))


def _as_timestamp(value: _dt.date | _dt.time) -> _dt.datetime:
    """A temporal value passed through as a Timestamp: the same instant."""
    if isinstance(value, _dt.datetime):
        return value
    return datetime_from_millis(_instant_millis(value))


def _date_from_days(days: int) -> _dt.date:
    try:
        return _dt.date.fromordinal(_EPOCH_ORDINAL + days)
    except (ValueError, OverflowError) as e:
        raise DataException(f"Date value {days} is outside the range Python supports") from e


def _date_days(value: _dt.date | _dt.time) -> int:
    """``Date.fromLogical``: whole days since the epoch; the instant must be a UTC midnight."""
    millis = _instant_millis(value)
    if millis % MILLIS_PER_DAY != 0:
        raise DataException(
            "Kafka Connect Date type should not have any time fields set to non-zero values."
        )
    return millis // MILLIS_PER_DAY


def _time_millis(value: _dt.date | _dt.time) -> int:
    """``Time.fromLogical``: the instant, which must lie within the first day of the epoch."""
    millis = _instant_millis(value)
    if millis < 0 or millis > MILLIS_PER_DAY:
        raise DataException(
            "Kafka Connect Time type should not have any date fields set to non-zero values."
        )
    return millis


def _time_to_logical(millis: int) -> _dt.time:
    """``Time.toLogical``: Java's range check, then the time of day (86400000 is midnight)."""
    if millis < 0 or millis > MILLIS_PER_DAY:
        raise DataException(
            "Time values must use number of milliseconds greater than 0 and less than 86400000"
        )
    return _time_of_day(millis)


def _julian_fixed(year: int, month: int, day: int) -> int:
    """Fixed day number (day 1 = 0001-01-01 Gregorian) of a proleptic Julian date."""
    fixed = -2 + 365 * (year - 1) + (year - 1) // 4 + (367 * month - 362) // 12 + day
    if month > 2:
        fixed -= 1 if year % 4 == 0 else 2
    return fixed


def _gregorian_fixed(year: int, month: int, day: int) -> int:
    """Fixed day number of a proleptic Gregorian date (Python's ``date.toordinal``, any year)."""
    y = year - 1
    fixed = 365 * y + y // 4 - y // 100 + y // 400 + (367 * month - 362) // 12 + day
    if month > 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        fixed -= 1 if leap else 2
    return fixed


def _calendar_millis(
    year: int, month: int, day: int | None, hour: int, minute: int, second: int, milli: int
) -> int:
    """A lenient ``GregorianCalendar`` in UTC: fields out of range roll over, as in Java.

    ``month`` is 0-based; ``day`` is None when unset (the first of the month).
    """
    time_of_day = ((hour * 60 + minute) * 60 + second) * 1000 + milli
    fixed, time_of_day = divmod(time_of_day, MILLIS_PER_DAY)

    def fixed_date(julian: bool) -> int:
        y, m = year + month // 12, month % 12
        first = _julian_fixed(y, m + 1, 1) if julian else _gregorian_fixed(y, m + 1, 1)
        return fixed + first + (day - 1 if day is not None else 0)

    if year > 1582:
        gregorian = fixed_date(julian=False)
        if gregorian >= _GREGORIAN_CUTOVER_FIXED:
            return _wrap((gregorian - _EPOCH_FIXED) * MILLIS_PER_DAY + time_of_day, 64)
        julian = fixed_date(julian=True)
    elif year < 1582:
        julian = fixed_date(julian=True)
        if julian < _GREGORIAN_CUTOVER_FIXED:
            return _wrap((julian - _EPOCH_FIXED) * MILLIS_PER_DAY + time_of_day, 64)
        gregorian = julian
    else:
        julian = fixed_date(julian=True)
        gregorian = fixed_date(julian=False)
    if gregorian >= _GREGORIAN_CUTOVER_FIXED:
        chosen = gregorian  # also in the overlap: a fresh calendar last computed a Gregorian date
    else:
        chosen = julian  # also in the gap of 1582 (lenient: the Julian reading)
    return _wrap((chosen - _EPOCH_FIXED) * MILLIS_PER_DAY + time_of_day, 64)


def _java_digit(char: str) -> int | None:
    """``Character.digit(char, 10)`` for a UTF-16 char, or None."""
    if ord(char) > 0xFFFF:
        return None
    return unicodedata.decimal(char, None)


def _parse_format_number(text: str, start: int) -> tuple[int, int] | None:
    """What ``SimpleDateFormat`` reads for a numeric field at ``start``: (int value, end) or None.

    Java skips spaces and tabs, then parses with the locale's integer ``DecimalFormat``: an
    optional ``-``, digits of any script (or ``∞``), an optional exponent ``E[-]digits``; the
    number becomes an ``int`` through ``Number.intValue()``.
    """
    n = len(text)
    pos = start
    while pos < n and text[pos] in " \t":
        pos += 1
    if pos >= n:
        return None
    if text.startswith("NaN", pos):  # the locale's NaN symbol: Double.NaN, whose intValue is 0
        return 0, pos + 3
    negative = text[pos] == "-"
    if negative:
        pos += 1
    if text.startswith("\u221e", pos):
        return (_INT_MIN if negative else _INT_MAX), pos + 1
    digits: list[str] = []
    saw_digit = False
    while pos < n:
        digit = _java_digit(text[pos])
        if digit is None:
            break
        saw_digit = True
        if digit or digits:  # leading zeros of the integer part are dropped
            digits.append(str(digit))
        pos += 1
    if not saw_digit:
        return None
    decimal_at = len(digits)
    if text.startswith("E", pos):
        exp_pos = pos + 1
        exp_negative = text.startswith("-", exp_pos)
        if exp_negative:
            exp_pos += 1
        exp_digits = []
        while exp_pos < n:
            digit = _java_digit(text[exp_pos])
            if digit is None:
                break
            exp_digits.append(str(digit))
            exp_pos += 1
        if exp_digits:
            exponent = int("".join(exp_digits))
            if exp_negative:
                exponent = -exponent
            if _LONG_MIN <= exponent <= _LONG_MAX:
                decimal_at = _wrap(decimal_at + _wrap(exponent, 32), 32)
                pos = exp_pos
    if decimal_at == len(digits) <= 18:  # a plain integer (no exponent applied)
        integral = int("".join(digits) or "0")
        return _wrap(-integral if negative else integral, 32), pos
    coefficient = "".join(digits).rstrip("0")
    if not coefficient:
        return 0, pos
    value = decimal.Decimal(f"{'-' if negative else ''}0.{coefficient}E{decimal_at}")
    if _is_whole(value) and len(coefficient) <= decimal_at <= 19:
        integral = int(value)
        if _LONG_MIN <= integral <= _LONG_MAX:
            return _wrap(integral, 32), pos
    return _double_to_int(float(value)), pos


_DATE_FIELDS = ("y", "-", "M", "-", "d")
_TIME_FIELDS = ("H", ":", "m", ":", "s", ".", "S", "Z")
_TIMESTAMP_FIELDS = (*_DATE_FIELDS, "T", *_TIME_FIELDS)
_FIELD_LETTERS = frozenset("yMdHmsS")


def _parse_java_date(text: str, fields: tuple[str, ...]) -> int | None:
    """Lenient ``SimpleDateFormat(pattern).parse(text, pos)`` in UTC: epoch millis, or None.

    As in Java, the text may go on after the pattern has been matched.
    """
    values = {"y": 1970, "M": 1, "H": 0, "m": 0, "s": 0, "S": 0}
    day: int | None = None
    pos = 0
    for field in fields:
        if field in _FIELD_LETTERS:
            parsed = _parse_format_number(text, pos)
            if parsed is None:
                return None
            value, pos = parsed
            if field == "d":
                day = value
            else:
                values[field] = value
        else:
            if not text.startswith(field, pos):
                return None
            pos += 1
    return _calendar_millis(
        values["y"],
        _wrap(values["M"] - 1, 32),
        day,
        values["H"],
        values["m"],
        values["s"],
        values["S"],
    )


def _format_java_date(value: _dt.date | _dt.time) -> str:
    """Java's ``Values.dateFormatFor(date).format(date)`` in UTC, chosen by the instant.

    Before one day after the epoch (negative instants included): ``HH:mm:ss.SSS'Z'``; whole days:
    ``yyyy-MM-dd``; otherwise ``yyyy-MM-dd'T'HH:mm:ss.SSS'Z'``.
    """
    millis = _instant_millis(value)
    days, millis_of_day = divmod(millis, MILLIS_PER_DAY)
    seconds, milli = divmod(millis_of_day, 1000)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    time_text = f"{hour:02d}:{minute:02d}:{second:02d}.{milli:03d}Z"
    if millis < MILLIS_PER_DAY:
        return time_text
    # from here on the instant is after 1970, where Java's calendar is the Gregorian one
    date = _dt.date.fromordinal(_EPOCH_ORDINAL + days)
    year, month, day = date.year, date.month, date.day
    date_text = f"{year:04d}-{month:02d}-{day:02d}"
    if millis_of_day == 0:
        return date_text
    return f"{date_text}T{time_text}"


# ------------------------------------------------------------------------------------------
# The tokenizer and parser of Values.parseString


class _Parser:
    """Java's ``Values.Parser``: splits text into tokens at ``:`` ``,`` ``{`` ``}`` ``[`` ``]``
    and ``"`` (each delimiter is a token of its own unless escaped with a backslash).
    """

    __slots__ = ("_index", "_next_token", "_original", "_previous_token")

    _DELIMITERS: ClassVar[frozenset[str]] = frozenset(':,{}[]"')

    def __init__(self, original: str) -> None:
        self._original = original
        self._index = 0
        self._next_token: str | None = None
        self._previous_token: str | None = None

    def position(self) -> int:
        return self._index

    def mark(self) -> int:
        return self._index - (len(self._next_token) if self._next_token is not None else 0)

    def rewind_to(self, position: int) -> None:
        self._index = position
        self._next_token = None
        self._previous_token = None

    def original(self) -> str:
        return self._original

    def has_next(self) -> bool:
        return self._next_token is not None or self._index < len(self._original)

    def next(self) -> str:
        if self._next_token is not None:
            self._previous_token = self._next_token
            self._next_token = None
        else:
            self._previous_token = self._consume_next_token()
        return self._previous_token

    def next_n(self, n: int) -> str | None:
        """The text of the next ``n`` tokens, consumed; None (nothing consumed) if fewer remain."""
        start = self.mark()
        for _ in range(n):
            if not self.has_next():
                self.rewind_to(start)
                return None
            self.next()
        return self._original[start : self._index]

    def _consume_next_token(self) -> str:
        text = self._original
        end = len(text)
        start = i = self._index
        escaped = False
        while i < end:
            c = text[i]
            if c == "\\":
                escaped = not escaped
            elif c in self._DELIMITERS:
                if not escaped:
                    if start < i:
                        self._index = i
                        return text[start:i]
                    self._index = i + 1
                    return text[start : i + 1]
                escaped = False
            else:
                escaped = False
            i += 1
        self._index = end
        return text[start:end]

    def previous(self) -> str | None:
        return self._previous_token

    def can_consume(
        self, expected: str, ignore_leading_and_trailing_whitespace: bool = True
    ) -> bool:
        if self._is_next(expected, ignore_leading_and_trailing_whitespace):
            self._next_token = None
            return True
        return False

    def _is_next(self, expected: str, ignore_whitespace: bool) -> bool:
        if self._next_token is None:
            if not self.has_next():
                return False
            self._next_token = self._consume_next_token()
        if ignore_whitespace:
            while _is_blank(self._next_token) and self._index < len(self._original):
                self._next_token = self._consume_next_token()
            return _java_trim(self._next_token) == expected
        return self._next_token == expected


_TRUE = SchemaAndValue(Schema.BOOLEAN_SCHEMA, True)
_FALSE = SchemaAndValue(Schema.BOOLEAN_SCHEMA, False)
_ISO_DATE_LENGTH = 10
_ISO_TIME_LENGTH = 13
_ISO_TIMESTAMP_LENGTH = 24


def _parse_as_temporal(token: str | None) -> SchemaAndValue | None:
    """A date, time or timestamp if the token has one of their exact lengths and parses."""
    if token is None:
        return None
    token = token.replace("\\:", ":")
    length = _java_length(token)
    if length == _ISO_TIME_LENGTH:
        millis = _parse_java_date(token, _TIME_FIELDS)
        if millis is not None:
            return SchemaAndValue(Time.SCHEMA, _time_of_day(millis))
    elif length == _ISO_TIMESTAMP_LENGTH:
        millis = _parse_java_date(token, _TIMESTAMP_FIELDS)
        if millis is not None:
            try:
                return SchemaAndValue(Timestamp.SCHEMA, datetime_from_millis(millis))
            except DataException:
                return None  # a java.util.Date Python cannot hold: not read as a timestamp
    elif length == _ISO_DATE_LENGTH:
        millis = _parse_java_date(token, _DATE_FIELDS)
        if millis is not None:
            try:
                return SchemaAndValue(Date.SCHEMA, _date_from_days(millis // MILLIS_PER_DAY))
            except DataException:
                return None
    return None


def _smallest_int_schema(value: int) -> ConnectSchema:
    if -(1 << 7) <= value < (1 << 7):
        return Schema.INT8_SCHEMA
    if -(1 << 15) <= value < (1 << 15):
        return Schema.INT16_SCHEMA
    if -(1 << 31) <= value < (1 << 31):
        return Schema.INT32_SCHEMA
    return Schema.INT64_SCHEMA


_PLAIN_INT = re.compile(r"[+-]?[0-9]{1,18}")


def _parse_as_number(token: str) -> SchemaAndValue:
    """A number token: the smallest integer type, else float32, float64, or a Decimal."""
    if _PLAIN_INT.fullmatch(token):  # the common case, with the same outcome as the general one
        integral = int(token)
        return SchemaAndValue(_smallest_int_schema(integral), integral)
    value = _parse_big_decimal(token)
    magnitude = value.copy_abs()
    if (
        magnitude <= _BIGGER_THAN_LONG
        and (magnitude >= _ONE or magnitude.is_zero())
        and _is_whole(value)
    ):
        integral = int(value)
        if _LONG_MIN <= integral <= _LONG_MAX:
            return SchemaAndValue(_smallest_int_schema(integral), integral)
    scale = decimal_scale(value)
    if scale != 0:
        as_float32 = _decimal_to_float32(value)
        if not math.isinf(as_float32):
            return SchemaAndValue(Schema.FLOAT32_SCHEMA, as_float32)
        as_double = float(value)
        if not math.isinf(as_double):
            return SchemaAndValue(Schema.FLOAT64_SCHEMA, as_double)
    return SchemaAndValue(Decimal.schema(scale), value)


class _SchemaMerger:
    """The common schema of the elements of a parsed array (or the keys or values of a map)."""

    __slots__ = ("_common", "_compatible")

    def __init__(self) -> None:
        self._common: Schema | None = None
        self._compatible = True

    def merge(self, latest: SchemaAndValue | None) -> None:
        if latest is None or latest.schema() is None or not self._compatible:
            return
        schema = latest.schema()
        assert schema is not None
        if self._common is None:
            self._common = schema
        else:
            self._common = _merge_schemas(self._common, schema)
            self._compatible = self._common is not None

    def schema(self) -> Schema | None:
        return self._common


_NUMERIC_ORDER = {
    Type.INT8: 0,
    Type.INT16: 1,
    Type.INT32: 2,
    Type.INT64: 3,
    Type.FLOAT32: 4,
    Type.FLOAT64: 5,
}


def _merge_schemas(previous: Schema, new: Schema) -> Schema | None:
    """Java's widening of one parsed schema with another, by type only (names are ignored)."""
    previous_type, new_type = previous.type(), new.type()
    if previous_type is not new_type:
        previous_rank = _NUMERIC_ORDER.get(previous_type)
        new_rank = _NUMERIC_ORDER.get(new_type)
        if previous_rank is None or new_rank is None:
            return None
        return new if new_rank > previous_rank else previous
    if previous.is_optional() == new.is_optional():
        return previous if previous.is_optional() else new
    return previous if previous == new else None


class _ValueParser:
    """Java's ``Values.ValueParser`` over one :class:`_Parser`."""

    __slots__ = ("_parser",)

    def __init__(self, parser: _Parser) -> None:
        self._parser = parser

    def _can_parse_single_token_literal(self, embedded: bool, literal: str) -> bool:
        parser = self._parser
        start = parser.mark()
        if parser.can_consume(literal) and (embedded or not parser.has_next()):
            return True
        parser.rewind_to(start)
        return False

    def parse(self, embedded: bool) -> SchemaAndValue | None:
        parser = self._parser
        if not parser.has_next():
            return None
        if embedded and parser.can_consume('"'):
            return self._parse_quoted_string()
        if self._can_parse_single_token_literal(embedded, "null"):
            return None
        if self._can_parse_single_token_literal(embedded, "true"):
            return _TRUE
        if self._can_parse_single_token_literal(embedded, "false"):
            return _FALSE
        start = parser.mark()
        try:
            if parser.can_consume("["):
                return self._parse_array()
            if parser.can_consume("{"):
                return self._parse_map()
        except DataException:
            parser.rewind_to(start)
        token = parser.next()
        if _is_blank(token):
            return SchemaAndValue(Schema.STRING_SCHEMA, token)
        return self._parse_next_token(embedded, _java_trim(token))

    def _parse_next_token(self, embedded: bool, token: str) -> SchemaAndValue:
        first = token[0]
        first_is_digit = _is_java_digit(first)
        if first_is_digit:
            temporal = self._parse_multiple_tokens_as_temporal(token)
            if temporal is not None:
                return temporal
        if first_is_digit or first in "+-":
            try:
                return _parse_as_number(token)
            except _NumberFormatError:
                pass
        if embedded:
            raise DataException("Failed to parse embedded value")
        return SchemaAndValue(Schema.STRING_SCHEMA, self._parser.original())

    def _parse_quoted_string(self) -> SchemaAndValue:
        parser = self._parser
        parts = []
        while parser.has_next():
            if parser.can_consume('"'):
                break
            parts.append(parser.next())
        content = "".join(parts)
        temporal = _parse_as_temporal(content)
        if temporal is not None:
            return temporal
        return SchemaAndValue(Schema.STRING_SCHEMA, content)

    def _parse_array(self) -> SchemaAndValue:
        parser = self._parser
        result: list[Any] = []
        merger = _SchemaMerger()
        while parser.has_next():
            if parser.can_consume("]"):
                element_schema = merger.schema()
                if element_schema is not None:
                    list_schema = SchemaBuilder.array(element_schema).build()
                    result = [_convert_to(element_schema, None, item) for item in result]
                else:
                    list_schema = _ARRAY_OF_NULL_SCHEMA
                return SchemaAndValue(list_schema, result)
            if parser.can_consume(","):
                raise DataException(f"Unable to parse an empty array element: {parser.original()}")
            element = self.parse(True)
            merger.merge(element)
            result.append(element.value() if element is not None else None)
            position = parser.mark()
            if parser.can_consume("]"):
                parser.rewind_to(position)
            elif not parser.can_consume(","):
                raise DataException("Array elements missing ',' delimiter")
        if parser.previous() == ",":
            raise DataException(f"Array is missing element after ',': {parser.original()}")
        raise DataException(f"Array is missing terminating ']': {parser.original()}")

    def _parse_map(self) -> SchemaAndValue:
        parser = self._parser
        result: dict[Any, Any] = {}
        key_merger = _SchemaMerger()
        value_merger = _SchemaMerger()
        while parser.has_next():
            if parser.can_consume("}"):
                key_schema = key_merger.schema()
                value_schema = value_merger.schema()
                map_schema: Schema
                if key_schema is not None and value_schema is not None:
                    map_schema = SchemaBuilder.map(key_schema, value_schema).build()
                    result = _put_all(
                        (_convert_to(key_schema, None, k), _convert_to(value_schema, None, v))
                        for k, v in result.items()
                    )
                elif key_schema is not None:
                    map_schema = ConnectSchema(Type.MAP, key_schema=key_schema)
                    result = _put_all(
                        (_convert_to(key_schema, None, k), v) for k, v in result.items()
                    )
                else:
                    map_schema = _MAP_OF_NULL_SCHEMA
                return SchemaAndValue(map_schema, result)
            if parser.can_consume(","):
                raise DataException(
                    f"Unable to parse a map entry with no key or value: {parser.original()}"
                )
            key = self.parse(True)
            if key is None or key.value() is None:
                raise DataException(f"Map entry may not have a null key: {parser.original()}")
            if not parser.can_consume(":"):
                raise DataException(
                    f"Map entry is missing ':' at {parser.position()} in {parser.original()}"
                )
            value = self.parse(True)
            _put(result, key.value(), value.value() if value is not None else None)
            parser.can_consume(",")
            key_merger.merge(key)
            value_merger.merge(value)
        if parser.previous() == ",":
            raise DataException(f"Map is missing element after ',': {parser.original()}")
        raise DataException(f"Map is missing terminating '}}': {parser.original()}")

    def _parse_multiple_tokens_as_temporal(self, token: str) -> SchemaAndValue | None:
        # a time or timestamp is split into 5 tokens at its unescaped colons
        parser = self._parser
        position = parser.mark()
        remainder = parser.next_n(4)
        if remainder is not None:
            temporal = _parse_as_temporal(token + remainder)
            if temporal is not None:
                return temporal
        parser.rewind_to(position)
        return _parse_as_temporal(token)


_DELIMITER_FREE = re.compile(r'[^:,{}\[\]"]*')


def _parse_single_token(text: str) -> SchemaAndValue | None:
    """What :class:`_ValueParser` gives for top-level text without delimiters (one token)."""
    token = _java_trim(text)
    if token == "null":
        return None
    if token == "true":
        return _TRUE
    if token == "false":
        return _FALSE
    if not token:
        return SchemaAndValue(Schema.STRING_SCHEMA, text)
    first = token[0]
    first_is_digit = _is_java_digit(first)
    if first_is_digit:
        temporal = _parse_as_temporal(token)
        if temporal is not None:
            return temporal
    if first_is_digit or first in "+-":
        try:
            return _parse_as_number(token)
        except _NumberFormatError:
            pass
    return SchemaAndValue(Schema.STRING_SCHEMA, text)


def _put(result: dict[Any, Any], key: Any, value: Any) -> None:
    try:
        result[key] = value
    except TypeError as e:  # a list or map as a key: Java allows it, a Python dict does not
        raise DataException(f"Unhashable map key {_describe(key)}") from e


def _put_all(entries: Any) -> dict[Any, Any]:
    result: dict[Any, Any] = {}
    for key, value in entries:
        _put(result, key, value)
    return result


# ------------------------------------------------------------------------------------------
# Conversions


def _as_long(value: Any, from_schema: Schema | None) -> int:
    """Java's ``Values.asLong``: numbers, numeric text, or a logical temporal value."""
    error: Exception | None = None
    try:
        if _is_number(value):
            return _long_value(value)
        if isinstance(value, str):
            return _decimal_long_value(_parse_big_decimal(value))
    except _NumberFormatError as e:
        error = e
    if from_schema is not None:
        name = from_schema.name()
        if isinstance(value, _TEMPORAL_TYPES):
            if name == DATE_LOGICAL_NAME:
                return _date_days(value)
            if name == TIME_LOGICAL_NAME:
                return _time_millis(value)
            if name == TIMESTAMP_LOGICAL_NAME:
                return _instant_millis(value)
        raise _unable(value, from_schema) from error
    raise _unable(value, "a number") from error


def _as_double(value: Any, from_schema: Schema | None) -> float:
    """Java's ``Values.asDouble``: numbers and numeric text as a double, else :func:`_as_long`."""
    try:
        if _is_number(value):
            return _double_value(value)
        if isinstance(value, str):
            return float(_parse_big_decimal(value))
    except _NumberFormatError:
        pass
    return float(_as_long(value, from_schema))


def _append(parts: list[str], value: Any, embedded: bool, schema: Schema | None) -> None:
    """Java's ``Values.append``; ``schema`` (may be None) only tells float32 from float64."""
    if value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif isinstance(value, int):
        parts.append(str(value))
    elif isinstance(value, float):
        if schema is not None and schema.type() is Type.FLOAT32:
            parts.append(float_to_string(value))
        else:
            parts.append(double_to_string(value))
    elif isinstance(value, decimal.Decimal):
        parts.append(decimal_to_string(value))
    elif isinstance(value, str):
        parts.append(f'"{_escape(value)}"' if embedded else value)
    elif isinstance(value, _BYTES_TYPES):
        encoded = base64.b64encode(bytes(value)).decode("ascii")
        parts.append(f'"{encoded}"' if embedded else encoded)
    elif isinstance(value, list):
        item_schema = _child_schema(schema, Type.ARRAY)
        parts.append("[")
        for i, item in enumerate(value):
            if i:
                parts.append(",")
            _append(parts, item, True, item_schema)
        parts.append("]")
    elif isinstance(value, Mapping):
        key_schema = _child_schema(schema, Type.MAP, key=True)
        value_schema = _child_schema(schema, Type.MAP)
        parts.append("{")
        for i, (k, v) in enumerate(value.items()):
            if i:
                parts.append(",")
            _append(parts, k, True, key_schema)
            parts.append(":")
            _append(parts, v, True, value_schema)
        parts.append("}")
    elif isinstance(value, Struct):
        parts.append("{")
        for i, field in enumerate(value.schema().fields()):
            if i:
                parts.append(",")
            _append(parts, field.name(), True, None)
            parts.append(":")
            _append(parts, value.get(field), True, field.schema())
        parts.append("}")
    elif isinstance(value, _TEMPORAL_TYPES):
        parts.append(_format_java_date(value))
    else:
        raise DataException(
            f"Failed to serialize unexpected value type {type(value).__qualname__}: "
            f"{_describe(value)}"
        )


def _child_schema(schema: Schema | None, expected: Type, key: bool = False) -> Schema | None:
    if schema is None or schema.type() is not expected:
        return None
    return schema.key_schema() if key else schema.value_schema()


def _parsed_value(text: str) -> Any:
    """The value ``parse_string`` gives for text being converted (Java: an NPE for "null")."""
    parsed = Values.parse_string(text)
    if parsed is None:
        raise DataException(f"Unable to convert {text} ({class_name(text)}): it parses as null")
    return parsed.value()


def _convert_to_decimal(to_schema: Schema, value: Any) -> decimal.Decimal:
    if isinstance(value, _BYTES_TYPES):
        return Decimal.to_logical(to_schema, value)
    if isinstance(value, decimal.Decimal):
        return value
    if _is_number(value):
        converted = _double_value(value)
        if not math.isfinite(converted):
            # BigDecimal.valueOf(NaN) throws NumberFormatException
            raise DataException(f"Unable to convert {double_to_string(converted)} to a decimal")
        return decimal.Decimal(double_to_string(converted))
    if isinstance(value, str):
        try:
            return _parse_big_decimal(value)
        except _NumberFormatError as e:
            raise DataException(
                f"Unable to convert {value} ({class_name(value)}) to {to_schema}: not a decimal number"
            ) from e
    raise _unable(value, to_schema)


def _convert_to_bytes(to_schema: Schema, value: Any) -> bytes:
    if isinstance(value, _BYTES_TYPES):
        return bytes(value)
    if isinstance(value, decimal.Decimal):
        return Decimal.from_logical(to_schema, value)
    raise _unable(value, to_schema)


def _convert_to_date(to_schema: Schema, from_schema: Schema | None, value: Any) -> _dt.date:
    if isinstance(value, str):
        value = _parsed_value(value)
    if isinstance(value, _TEMPORAL_TYPES):
        if from_schema is None:
            return _as_date(value)
        name = from_schema.name()
        if name == DATE_LOGICAL_NAME:
            return _as_date(value)
        if name == TIMESTAMP_LOGICAL_NAME:
            millis = _instant_millis(value)
            days = millis // MILLIS_PER_DAY if millis >= 0 else -(-millis // MILLIS_PER_DAY)
            return _date_from_days(_wrap(days, 32))
    return _date_from_days(_wrap(_as_long(value, from_schema), 32))


def _convert_to_time(to_schema: Schema, from_schema: Schema | None, value: Any) -> _dt.time:
    if isinstance(value, str):
        value = _parsed_value(value)
    if isinstance(value, _TEMPORAL_TYPES):
        if from_schema is None:
            return _as_time(value)
        name = from_schema.name()
        if name == TIME_LOGICAL_NAME:
            return _as_time(value)
        if name == TIMESTAMP_LOGICAL_NAME:
            return _time_of_day(_instant_millis(value))
    return _time_to_logical(_wrap(_as_long(value, from_schema), 32))


def _convert_to_timestamp(
    to_schema: Schema, from_schema: Schema | None, value: Any
) -> _dt.datetime:
    if isinstance(value, str):
        value = _parsed_value(value)
    if isinstance(value, _TEMPORAL_TYPES):
        if from_schema is None:
            return _as_timestamp(value)
        name = from_schema.name()
        if name == DATE_LOGICAL_NAME:
            return datetime_from_millis(_date_days(value) * MILLIS_PER_DAY)
        if name == TIME_LOGICAL_NAME:
            return datetime_from_millis(_time_millis(value))
        if name == TIMESTAMP_LOGICAL_NAME:
            return _as_timestamp(value)
    return datetime_from_millis(_as_long(value, from_schema))


def _convert_to_array(to_schema: Schema, value: Any) -> list[Any]:
    if value is None:
        raise DataException(_NULL_MESSAGE)
    if isinstance(value, str):
        value = _parsed_value(value)
    if isinstance(value, list):
        return value
    raise _unable(value, to_schema)


def _convert_to_map(to_schema: Schema, value: Any) -> Mapping[Any, Any]:
    if value is None:
        raise DataException(_NULL_MESSAGE)
    if isinstance(value, str):
        value = _parsed_value(value)
    if isinstance(value, Mapping):
        return value
    raise _unable(value, to_schema)


def _convert_to_struct(to_schema: Schema, value: Any) -> Struct:
    if value is None:
        raise DataException(_NULL_MESSAGE)
    if isinstance(value, Struct):
        return value
    raise _unable(value, to_schema)


def _convert_to(to_schema: Schema, from_schema: Schema | None, value: Any) -> Any:
    """Java's ``Values.convertTo``: convert ``value`` to the type of ``to_schema``."""
    if value is None:
        if to_schema.is_optional():
            return None
        raise DataException(_NULL_MESSAGE)
    to_type = to_schema.type()
    name = to_schema.name()
    if to_type is Type.BYTES:
        if name == DECIMAL_LOGICAL_NAME:
            return _convert_to_decimal(to_schema, value)
        return _convert_to_bytes(to_schema, value)
    if to_type is Type.STRING:
        return Values.convert_to_string(from_schema, value)
    if to_type is Type.BOOLEAN:
        return Values.convert_to_boolean(from_schema, value)
    if to_type is Type.INT8:
        return Values.convert_to_byte(from_schema, value)
    if to_type is Type.INT16:
        return Values.convert_to_short(from_schema, value)
    if to_type is Type.INT32:
        if name == DATE_LOGICAL_NAME:
            return _convert_to_date(to_schema, from_schema, value)
        if name == TIME_LOGICAL_NAME:
            return _convert_to_time(to_schema, from_schema, value)
        return Values.convert_to_integer(from_schema, value)
    if to_type is Type.INT64:
        if name == TIMESTAMP_LOGICAL_NAME:
            return _convert_to_timestamp(to_schema, from_schema, value)
        return Values.convert_to_long(from_schema, value)
    if to_type is Type.FLOAT32:
        return Values.convert_to_float(from_schema, value)
    if to_type is Type.FLOAT64:
        return Values.convert_to_double(from_schema, value)
    if to_type is Type.ARRAY:
        return _convert_to_array(to_schema, value)
    if to_type is Type.MAP:
        return _convert_to_map(to_schema, value)
    return _convert_to_struct(to_schema, value)


# ------------------------------------------------------------------------------------------
# Schema inference


def _inferred_type(value: Any) -> Type | None:
    schema = _infer_schema(value)
    return None if schema is None else schema.type()


def _infer_schema(value: Any) -> Schema | None:
    """Java's ``Values.inferSchema`` with Python's number widths (see :meth:`Values.infer_schema`)."""
    if isinstance(value, str):
        return Schema.STRING_SCHEMA
    if isinstance(value, bool):
        return Schema.BOOLEAN_SCHEMA
    if isinstance(value, int):
        if _LONG_MIN <= value <= _LONG_MAX:
            return _smallest_int_schema(value)
        return None
    if isinstance(value, float):
        if math.isnan(value) or round_float32(value) == value:
            return Schema.FLOAT32_SCHEMA
        return Schema.FLOAT64_SCHEMA
    if isinstance(value, _BYTES_TYPES):
        return Schema.BYTES_SCHEMA
    if isinstance(value, list):
        if not value:
            return None
        detector = _SchemaDetector()
        for element in value:
            if not detector.can_detect(element):
                return None
        return SchemaBuilder.array(detector.schema()).build()
    if isinstance(value, Mapping):
        if not value:
            return None
        key_detector = _SchemaDetector()
        value_detector = _SchemaDetector()
        for k, v in value.items():
            if not key_detector.can_detect(k) or not value_detector.can_detect(v):
                return None
        return SchemaBuilder.map(key_detector.schema(), value_detector.schema()).build()
    if isinstance(value, Struct):
        return value.schema()
    return None


_INT_TYPES = (Type.INT8, Type.INT16, Type.INT32, Type.INT64)
_FLOAT_TYPES = (Type.FLOAT32, Type.FLOAT64)


class _SchemaDetector:
    """The one type shared by all elements of a list (or keys or values of a map).

    Python ints and floats carry no width, so unlike Java, integers of different inferred widths
    share the widest of them (and float32-exact floats share FLOAT64 with other floats).
    """

    __slots__ = ("_known_type", "_optional")

    def __init__(self) -> None:
        self._known_type: Type | None = None
        self._optional = False

    def can_detect(self, value: Any) -> bool:
        if value is None:
            self._optional = True
            return True
        schema_type = _inferred_type(value)
        if schema_type is None:
            return False
        known = self._known_type
        if known is None or known is schema_type:
            self._known_type = schema_type
            return True
        for family in (_INT_TYPES, _FLOAT_TYPES):
            if known in family and schema_type in family:
                self._known_type = max(known, schema_type, key=family.index)
                return True
        return False

    def schema(self) -> ConnectSchema:
        builder = SchemaBuilder(self._known_type)  # type: ignore[arg-type]  # None raises as in Java
        if self._optional:
            builder.optional()
        return builder.build()


# ------------------------------------------------------------------------------------------


class Values:
    """Convert Connect values from one form to another, and parse their string forms.

    Every ``convert_to_*`` method takes the value's schema (may be None; needed when the value
    is a logical type, e.g. a timestamp to be converted to a number) and the value, and raises
    :class:`~connect_data.DataException` when the value cannot be converted::

        >>> Values.convert_to_long(Schema.STRING_SCHEMA, "42")
        42
        >>> Values.convert_to_byte(None, 300)   # Java's narrowing cast wraps
        44
        >>> Values.convert_to_string(None, {"a": [1, "x"]})
        '{"a":[1,"x"]}'
        >>> parsed = Values.parse_string("[1, 2, 300]")
        >>> parsed.schema().value_schema().type(), parsed.value()
        (Type.INT16, [1, 2, 300])
    """

    @staticmethod
    def convert_to_boolean(schema: Schema | None, value: Any) -> bool | None:
        """A boolean: ``true``/``false`` text, or a number (zero is false); None for None."""
        if value is None:
            return None
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            parsed = Values.parse_string(value)
            if parsed is None:
                raise DataException(f"Unable to convert {value} ({class_name(value)}) to a boolean")
            if isinstance(parsed.value(), bool):
                return bool(parsed.value())
        return _as_long(value, schema) != 0

    @staticmethod
    def convert_to_byte(schema: Schema | None, value: Any) -> int | None:
        """An INT8 value (Java's ``(byte)`` cast: out-of-range values wrap); None for None."""
        if value is None:
            return None
        return _wrap(_as_long(value, schema), 8)

    @staticmethod
    def convert_to_short(schema: Schema | None, value: Any) -> int | None:
        """An INT16 value (out-of-range values wrap); None for None."""
        if value is None:
            return None
        return _wrap(_as_long(value, schema), 16)

    @staticmethod
    def convert_to_integer(schema: Schema | None, value: Any) -> int | None:
        """An INT32 value (out-of-range values wrap); None for None."""
        if value is None:
            return None
        return _wrap(_as_long(value, schema), 32)

    @staticmethod
    def convert_to_long(schema: Schema | None, value: Any) -> int | None:
        """An INT64 value (floats truncate and saturate, text may be any decimal); None for None."""
        if value is None:
            return None
        return _as_long(value, schema)

    @staticmethod
    def convert_to_float(schema: Schema | None, value: Any) -> float | None:
        """A FLOAT32 value (a Python float holding the nearest float32); None for None."""
        if value is None:
            return None
        if isinstance(value, float):
            return round_float32(value)
        return round_float32(_as_double(value, schema))

    @staticmethod
    def convert_to_double(schema: Schema | None, value: Any) -> float | None:
        """A FLOAT64 value; None for None."""
        if value is None:
            return None
        if isinstance(value, float):
            return value
        return _as_double(value, schema)

    @staticmethod
    def convert_to_string(schema: Schema | None, value: Any) -> str | None:
        """The text form of any Connect value, readable by :meth:`parse_string`; None for None.

        Strings inside lists, maps and structs are quoted (``"`` and ``\\`` escaped), bytes are
        base64, maps are ``{"k":v}``, structs ``{"field":v}`` (defaults applied), numbers as
        Java prints them (a FLOAT32 schema prints floats as float32), dates by their instant:
        ``HH:mm:ss.SSSZ`` before 1970-01-02, ``yyyy-MM-dd`` at a UTC midnight, else a timestamp.
        """
        if value is None:
            return None
        parts: list[str] = []
        try:
            _append(parts, value, False, schema)
        except RecursionError as e:
            raise DataException("Unable to convert a value nested this deeply to a string") from e
        return "".join(parts)

    @staticmethod
    def convert_to_list(schema: Schema | None, value: Any) -> list[Any]:
        """A list, or the array parsed from text (the schema is not used)."""
        return _convert_to_array(_ARRAY_SELECTOR_SCHEMA, value)

    @staticmethod
    def convert_to_map(schema: Schema | None, value: Any) -> Mapping[Any, Any]:
        """A map, or the map parsed from text (the schema is not used)."""
        return _convert_to_map(_MAP_SELECTOR_SCHEMA, value)

    @staticmethod
    def convert_to_struct(schema: Schema | None, value: Any) -> Struct:
        """The value itself if it is a :class:`~connect_data.Struct`; nothing converts to one."""
        return _convert_to_struct(_STRUCT_SELECTOR_SCHEMA, value)

    @staticmethod
    def convert_to_time(schema: Schema | None, value: Any) -> _dt.time:
        """A Time value: from milliseconds of the day, an ISO time text, or a timestamp."""
        if value is None:
            raise DataException(_NULL_MESSAGE)
        return _convert_to_time(Time.SCHEMA, schema, value)

    @staticmethod
    def convert_to_date(schema: Schema | None, value: Any) -> _dt.date:
        """A Date value: from days since the epoch, an ISO date text, or a timestamp."""
        if value is None:
            raise DataException(_NULL_MESSAGE)
        return _convert_to_date(Date.SCHEMA, schema, value)

    @staticmethod
    def convert_to_timestamp(schema: Schema | None, value: Any) -> _dt.datetime:
        """A Timestamp value: from epoch milliseconds, an ISO text, a Date or a Time."""
        if value is None:
            raise DataException(_NULL_MESSAGE)
        return _convert_to_timestamp(Timestamp.SCHEMA, schema, value)

    @staticmethod
    def convert_to_decimal(schema: Schema | None, value: Any, scale: int) -> decimal.Decimal:
        """A decimal: a Decimal unchanged, bytes as the unscaled value at ``scale``, numbers via
        their double (``5`` gives ``Decimal("5.0")``), text as written."""
        if value is None:
            raise DataException(_NULL_MESSAGE)
        return _convert_to_decimal(Decimal.schema(scale), value)

    @staticmethod
    def infer_schema(value: Any) -> Schema | None:
        """The schema of a value, or None when it has none (None, empty or mixed collections,
        Decimal and temporal values).

        An int gets the smallest integer type holding it (as :meth:`parse_string` does); a float
        is FLOAT32 when it is exactly a float32 value, else FLOAT64.
        """
        try:
            return _infer_schema(value)
        except RecursionError as e:
            raise DataException("Unable to infer the schema of a value nested this deeply") from e

    @staticmethod
    def parse_string(value: str | None) -> SchemaAndValue | None:
        """The schema and value that ``value`` (text, typically from :meth:`convert_to_string`)
        represents; ``None`` for the literal ``null``.

        ``None`` gives a null schema and value, text that is nothing else a STRING.
        """
        if value is None:
            return SchemaAndValue.NULL
        if not isinstance(value, str):
            raise DataException(f"Only text can be parsed, not {class_name(value)}")
        if not value:
            return SchemaAndValue(Schema.STRING_SCHEMA, value)
        if _DELIMITER_FREE.fullmatch(value):
            return _parse_single_token(value)
        try:
            return _ValueParser(_Parser(value)).parse(False)
        except RecursionError as e:
            raise DataException("Unable to parse text nested this deeply") from e
