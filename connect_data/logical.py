"""The logical types: ``Decimal``, ``Date``, ``Time`` and ``Timestamp``.

A logical type is a primitive schema with a well-known name whose values have a richer Python
type: ``decimal.Decimal`` over BYTES, ``datetime.date`` over INT32 (days since the epoch),
``datetime.time`` over INT32 (milliseconds of the day) and ``datetime.datetime`` over INT64
(milliseconds since the epoch, UTC). Each class has the same five members as in Java:
``LOGICAL_NAME``, ``builder()``, ``schema()`` / ``SCHEMA``, ``from_logical()`` (Python value to
the raw value) and ``to_logical()`` (raw value to Python value).
"""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
import re
from typing import ClassVar

from connect_data.builder import SchemaBuilder
from connect_data.errors import DataException
from connect_data.schema import (
    DATE_LOGICAL_NAME,
    DECIMAL_LOGICAL_NAME,
    TIME_LOGICAL_NAME,
    TIMESTAMP_LOGICAL_NAME,
    ConnectSchema,
    Schema,
)

__all__ = ["Date", "Decimal", "Time", "Timestamp"]

MILLIS_PER_DAY = 24 * 60 * 60 * 1000
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
_EPOCH_DATE = _dt.date(1970, 1, 1)
_EPOCH_ORDINAL = _EPOCH_DATE.toordinal()
_JAVA_INT = re.compile(r"[+-]?[0-9]+")  # what Integer.parseInt accepts (ASCII digits, no spaces)


def unscaled_to_bytes(unscaled: int) -> bytes:
    """Minimal big-endian two's-complement bytes of an integer (Java ``BigInteger.toByteArray``)."""
    length = (unscaled + (unscaled < 0)).bit_length() // 8 + 1
    return unscaled.to_bytes(length, "big", signed=True)


def decimal_scale(value: _decimal.Decimal) -> int:
    """The scale of a decimal as Java's ``BigDecimal.scale()``: digits after the point."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return -exponent


def unscaled_value(value: _decimal.Decimal) -> int:
    """The unscaled integer of a decimal (``BigDecimal.unscaledValue()``)."""
    sign, digits, _ = value.as_tuple()
    unscaled = 0
    for digit in digits:
        unscaled = unscaled * 10 + digit
    return -unscaled if sign else unscaled


def decimal_from_unscaled(unscaled: int, scale: int) -> _decimal.Decimal:
    """``new BigDecimal(unscaled, scale)``: exact, whatever the context precision."""
    sign = 1 if unscaled < 0 else 0
    digits = tuple(int(d) for d in str(abs(unscaled)))
    return _decimal.Decimal((sign, digits, -scale))


class Decimal:
    """An arbitrary-precision decimal with a fixed scale, stored as BYTES.

    The raw value is the unscaled integer in big-endian two's complement; the scale is the
    schema parameter ``scale``. Values are ``decimal.Decimal`` whose scale (digits after the
    point, ``Decimal("1.50")`` has scale 2) must equal the schema's.
    """

    LOGICAL_NAME: ClassVar[str] = DECIMAL_LOGICAL_NAME
    SCALE_FIELD: ClassVar[str] = "scale"

    @staticmethod
    def builder(scale: int) -> SchemaBuilder:
        """A builder for a Decimal schema with the given scale."""
        return (
            SchemaBuilder.bytes()
            .name(DECIMAL_LOGICAL_NAME)
            .parameter(Decimal.SCALE_FIELD, str(scale))
            .version(1)
        )

    @staticmethod
    def schema(scale: int) -> ConnectSchema:
        """A Decimal schema with the given scale."""
        return Decimal.builder(scale).build()

    @staticmethod
    def scale(schema: Schema) -> int:
        """The scale parameter of a Decimal schema."""
        parameters = schema.parameters()
        scale_text = None if parameters is None else parameters.get(Decimal.SCALE_FIELD)
        if scale_text is None:
            raise DataException("Invalid Decimal schema: scale parameter not found.")
        if not _JAVA_INT.fullmatch(scale_text) or not -(2**31) <= int(scale_text) < 2**31:
            # Java's message, with the NumberFormatException as its cause
            raise DataException(
                "Invalid scale parameter found in Decimal schema: "
            ) from ValueError(f'For input string: "{scale_text}"')
        return int(scale_text)

    @staticmethod
    def from_logical(schema: Schema, value: _decimal.Decimal) -> bytes:
        """The unscaled two's-complement bytes of ``value``; its scale must match the schema."""
        if not isinstance(value, _decimal.Decimal) or not value.is_finite():
            raise DataException(f"Invalid value for Decimal: {value!r}")
        schema_scale = Decimal.scale(schema)
        if decimal_scale(value) != schema_scale:
            raise DataException(
                "Decimal value has mismatching scale for given Decimal schema. "
                f"Schema has scale {schema_scale}, value has scale {decimal_scale(value)}."
            )
        return unscaled_to_bytes(unscaled_value(value))

    @staticmethod
    def to_logical(schema: Schema, value: bytes | bytearray | memoryview) -> _decimal.Decimal:
        """The decimal whose unscaled two's-complement bytes are ``value``, at the schema's scale."""
        if len(value) == 0:
            raise DataException("Invalid bytes for Decimal: empty")
        return decimal_from_unscaled(
            int.from_bytes(value, "big", signed=True), Decimal.scale(schema)
        )


def _check_name(schema: Schema, logical_name: str, kind: str) -> None:
    if schema.name() != logical_name:
        raise DataException(f"Requested conversion of {kind} object but the schema does not match.")


class Date:
    """A calendar date, stored as INT32 days since 1970-01-01. Values are ``datetime.date``."""

    LOGICAL_NAME: ClassVar[str] = DATE_LOGICAL_NAME
    SCHEMA: ClassVar[ConnectSchema]

    @staticmethod
    def builder() -> SchemaBuilder:
        """A builder for the Date schema."""
        return SchemaBuilder.int32().name(DATE_LOGICAL_NAME).version(1)

    @staticmethod
    def from_logical(schema: Schema, value: _dt.date) -> int:
        """Days since the epoch. A ``datetime`` is accepted only at midnight UTC."""
        _check_name(schema, DATE_LOGICAL_NAME, "Date")
        if isinstance(value, _dt.datetime):
            moment = _as_utc(value)
            if moment.time() != _dt.time(0):
                raise DataException(
                    "Kafka Connect Date type should not have any time fields set to non-zero values."
                )
            value = moment.date()
        if not isinstance(value, _dt.date):
            raise DataException(f"Invalid value for Date: {value!r}")
        return value.toordinal() - _EPOCH_ORDINAL

    @staticmethod
    def to_logical(schema: Schema, value: int) -> _dt.date:
        """The date ``value`` days after 1970-01-01."""
        _check_name(schema, DATE_LOGICAL_NAME, "Date")
        try:
            return _dt.date.fromordinal(_EPOCH_ORDINAL + value)
        except (ValueError, OverflowError) as e:
            raise DataException(f"Date value {value} is outside the range Python supports") from e


class Time:
    """A time of day, stored as INT32 milliseconds since midnight. Values are ``datetime.time``.

    Sub-millisecond digits are truncated when writing; an aware time is converted to UTC.
    """

    LOGICAL_NAME: ClassVar[str] = TIME_LOGICAL_NAME
    SCHEMA: ClassVar[ConnectSchema]

    @staticmethod
    def builder() -> SchemaBuilder:
        """A builder for the Time schema."""
        return SchemaBuilder.int32().name(TIME_LOGICAL_NAME).version(1)

    @staticmethod
    def from_logical(schema: Schema, value: _dt.time) -> int:
        """Milliseconds since midnight."""
        _check_name(schema, TIME_LOGICAL_NAME, "Time")
        if not isinstance(value, _dt.time):
            raise DataException(f"Invalid value for Time: {value!r}")
        millis = (
            (value.hour * 60 + value.minute) * 60 + value.second
        ) * 1000 + value.microsecond // 1000
        offset = value.utcoffset()
        if offset:
            millis = (millis - offset // _dt.timedelta(milliseconds=1)) % MILLIS_PER_DAY
        return millis

    @staticmethod
    def to_logical(schema: Schema, value: int) -> _dt.time:
        """The time of day ``value`` milliseconds after midnight."""
        _check_name(schema, TIME_LOGICAL_NAME, "Date")  # sic: Java's message says Date here
        if value < 0 or value > MILLIS_PER_DAY:
            raise DataException(
                "Time values must use number of milliseconds greater than 0 and less than 86400000"
            )
        if value == MILLIS_PER_DAY:
            raise DataException(
                "Time value 86400000 (the end of the day) has no datetime.time equivalent"
            )
        seconds, millis = divmod(value, 1000)
        minutes, second = divmod(seconds, 60)
        hour, minute = divmod(minutes, 60)
        return _dt.time(hour, minute, second, millis * 1000)


def _as_utc(value: _dt.datetime) -> _dt.datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=_dt.timezone.utc)
    return value.astimezone(_dt.timezone.utc)


def timestamp_millis(value: _dt.datetime) -> int:
    """Milliseconds since the epoch of a datetime (naive means UTC), truncated like Java."""
    delta = _as_utc(value) - _EPOCH
    return delta // _dt.timedelta(milliseconds=1)


def datetime_from_millis(millis: int) -> _dt.datetime:
    """The aware UTC datetime ``millis`` milliseconds after the epoch."""
    try:
        return _EPOCH + _dt.timedelta(milliseconds=millis)
    except OverflowError as e:
        raise DataException(f"Timestamp value {millis} is outside the range Python supports") from e


class Timestamp:
    """An instant, stored as INT64 milliseconds since the epoch (UTC). Values are ``datetime``.

    Naive datetimes are taken as UTC; values read back are aware, in UTC.
    """

    LOGICAL_NAME: ClassVar[str] = TIMESTAMP_LOGICAL_NAME
    SCHEMA: ClassVar[ConnectSchema]

    @staticmethod
    def builder() -> SchemaBuilder:
        """A builder for the Timestamp schema."""
        return SchemaBuilder.int64().name(TIMESTAMP_LOGICAL_NAME).version(1)

    @staticmethod
    def from_logical(schema: Schema, value: _dt.datetime) -> int:
        """Milliseconds since the epoch."""
        _check_name(schema, TIMESTAMP_LOGICAL_NAME, "Timestamp")
        if not isinstance(value, _dt.datetime):
            raise DataException(f"Invalid value for Timestamp: {value!r}")
        return timestamp_millis(value)

    @staticmethod
    def to_logical(schema: Schema, value: int) -> _dt.datetime:
        """The UTC datetime ``value`` milliseconds after the epoch."""
        _check_name(schema, TIMESTAMP_LOGICAL_NAME, "Timestamp")
        return datetime_from_millis(value)


Date.SCHEMA = Date.builder().build()
Time.SCHEMA = Time.builder().build()
Timestamp.SCHEMA = Timestamp.builder().build()
