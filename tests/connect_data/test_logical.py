"""Decimal, Date, Time and Timestamp: the behaviours of Kafka's DecimalTest, DateTest, TimeTest
and TimestampTest."""

from __future__ import annotations

import datetime as dt
import decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_data import (
    DataException,
    Date,
    Decimal,
    Schema,
    SchemaBuilder,
    SchemaBuilderException,
    Time,
    Timestamp,
    Type,
)
from connect_data.logical import (
    decimal_from_unscaled,
    decimal_scale,
    unscaled_to_bytes,
    unscaled_value,
)

UTC = dt.timezone.utc
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)

# ------------------------------------------------------------------ Decimal

TEST_DECIMAL = decimal.Decimal("1.56")
TEST_DECIMAL_NEGATIVE = decimal.Decimal("-1.56")
TEST_BYTES = bytes([0, 156])  # Java: {0, -100}
TEST_BYTES_NEGATIVE = bytes([255, 100])  # Java: {-1, 100}


def test_decimal_builder() -> None:
    """Decimal.builder gives a BYTES schema named Decimal, version 1, with the scale parameter."""
    plain = Decimal.builder(2).build()
    assert plain.type() is Type.BYTES
    assert plain.name() == Decimal.LOGICAL_NAME == "org.apache.kafka.connect.data.Decimal"
    assert plain.parameters() == {Decimal.SCALE_FIELD: "2"}
    assert plain.version() == 1
    assert Decimal.schema(2) == plain
    assert Decimal.SCALE_FIELD == "scale"


def test_decimal_builder_can_be_extended() -> None:
    """The Decimal builder takes further settings (optional, doc, default)."""
    schema = Decimal.builder(1).optional().doc("d").default_value(decimal.Decimal("0.5")).build()
    assert schema.is_optional() and schema.doc() == "d"
    assert schema.default_value() == decimal.Decimal("0.5")


def test_decimal_from_logical() -> None:
    """A decimal becomes the big-endian two's complement bytes of its unscaled value."""
    schema = Decimal.schema(2)
    assert Decimal.from_logical(schema, TEST_DECIMAL) == TEST_BYTES
    assert Decimal.from_logical(schema, TEST_DECIMAL_NEGATIVE) == TEST_BYTES_NEGATIVE


def test_decimal_to_logical() -> None:
    """Two's complement bytes read back at the schema's scale."""
    schema = Decimal.schema(2)
    converted = Decimal.to_logical(schema, TEST_BYTES)
    assert converted == TEST_DECIMAL and decimal_scale(converted) == 2
    assert Decimal.to_logical(schema, TEST_BYTES_NEGATIVE) == TEST_DECIMAL_NEGATIVE
    assert Decimal.to_logical(schema, bytearray(TEST_BYTES)) == TEST_DECIMAL


@pytest.mark.parametrize(
    ("unscaled", "encoded"),
    [
        (0, b"\x00"),
        (128, b"\x00\x80"),
        (-1, b"\xff"),
        (-129, b"\xff\x7f"),
        (127, b"\x7f"),
        (-128, b"\x80"),
    ],
)
def test_unscaled_bytes_are_minimal(unscaled: int, encoded: bytes) -> None:
    """Unscaled values use Java's minimal BigInteger.toByteArray encoding."""
    assert unscaled_to_bytes(unscaled) == encoded
    assert Decimal.from_logical(Decimal.schema(0), decimal.Decimal(unscaled)) == encoded


def test_decimal_scale_mismatch() -> None:
    """A value whose scale differs from the schema's is rejected with Java's message."""
    with pytest.raises(DataException) as info:
        Decimal.from_logical(Decimal.schema(2), decimal.Decimal("1.567"))
    assert str(info.value) == (
        "Decimal value has mismatching scale for given Decimal schema. "
        "Schema has scale 2, value has scale 3."
    )


def test_decimal_negative_scale() -> None:
    """Negative scales work both ways (1.2E+3 has scale -2)."""
    schema = Decimal.schema(-2)
    value = decimal.Decimal("1.2E+3")
    assert Decimal.from_logical(schema, value) == b"\x0c"
    assert Decimal.to_logical(schema, b"\x0c") == value
    assert decimal_scale(Decimal.to_logical(schema, b"\x0c")) == -2


@pytest.mark.parametrize("text", ["x", "1.5", " 2", "2147483648", ""])
def test_invalid_scale_parameter(text: str) -> None:
    """A scale parameter that is not a Java int is rejected with Java's message."""
    schema = SchemaBuilder.bytes().name(Decimal.LOGICAL_NAME).parameter("scale", text).build()
    with pytest.raises(DataException) as info:
        Decimal.to_logical(schema, b"\x01")
    assert str(info.value) == "Invalid scale parameter found in Decimal schema: "
    assert text in str(info.value.__cause__)


def test_missing_scale_parameter() -> None:
    """A Decimal schema without a scale parameter is rejected."""
    schema = SchemaBuilder.bytes().name(Decimal.LOGICAL_NAME).build()
    with pytest.raises(DataException, match="scale parameter not found"):
        Decimal.from_logical(schema, decimal.Decimal(1))


@pytest.mark.parametrize("value", [decimal.Decimal("NaN"), decimal.Decimal("Infinity"), 1.5])
def test_decimal_rejects_non_finite_and_non_decimals(value: object) -> None:
    """Only finite decimal.Decimal values can be written."""
    with pytest.raises(DataException):
        Decimal.from_logical(Decimal.schema(0), value)  # type: ignore[arg-type]


def test_decimal_rejects_empty_bytes() -> None:
    """Empty bytes are not a decimal."""
    with pytest.raises(DataException):
        Decimal.to_logical(Decimal.schema(0), b"")


@given(st.integers(min_value=-(10**40), max_value=10**40), st.integers(-20, 20))
def test_decimal_round_trip(unscaled: int, scale: int) -> None:
    """Any decimal survives from_logical/to_logical with its exact digits and scale."""
    value = decimal_from_unscaled(unscaled, scale)
    assert unscaled_value(value) == unscaled and decimal_scale(value) == scale
    schema = Decimal.schema(scale)
    back = Decimal.to_logical(schema, Decimal.from_logical(schema, value))
    assert back == value and decimal_scale(back) == scale


# ------------------------------------------------------------------ Date

EPOCH_PLUS_TEN_THOUSAND_DAYS = dt.date(1970, 1, 1) + dt.timedelta(days=10000)


def test_date_builder() -> None:
    """Date.SCHEMA is an INT32 schema named Date, version 1."""
    assert Date.SCHEMA.type() is Type.INT32
    assert Date.SCHEMA.name() == Date.LOGICAL_NAME == "org.apache.kafka.connect.data.Date"
    assert Date.SCHEMA.version() == 1
    assert Date.builder().build() == Date.SCHEMA


def test_date_from_logical() -> None:
    """A date becomes days since the epoch; a datetime at midnight UTC too."""
    assert Date.from_logical(Date.SCHEMA, dt.date(1970, 1, 1)) == 0
    assert Date.from_logical(Date.SCHEMA, EPOCH_PLUS_TEN_THOUSAND_DAYS) == 10000
    assert Date.from_logical(Date.SCHEMA, dt.date(1969, 12, 31)) == -1
    assert Date.from_logical(Date.SCHEMA, EPOCH + dt.timedelta(days=10000)) == 10000
    assert Date.from_logical(Date.SCHEMA, dt.datetime(1970, 1, 2)) == 1


def test_date_from_logical_invalid_schema() -> None:
    """A schema not named Date is rejected (renaming Date's builder already fails)."""
    with pytest.raises(SchemaBuilderException):
        Date.builder().name("invalid")
    invalid = SchemaBuilder.int32().name("invalid").build()
    with pytest.raises(
        DataException, match=r"Requested conversion of Date object but the schema does not match\."
    ):
        Date.from_logical(invalid, dt.date(1970, 1, 1))
    with pytest.raises(DataException):
        Date.from_logical(Schema.INT32_SCHEMA, dt.date(1970, 1, 1))


def test_date_from_logical_with_time_components() -> None:
    """A datetime that is not midnight UTC is rejected."""
    with pytest.raises(
        DataException, match="should not have any time fields set to non-zero values"
    ):
        Date.from_logical(Date.SCHEMA, EPOCH + dt.timedelta(milliseconds=1))
    with pytest.raises(DataException):
        Date.from_logical(
            Date.SCHEMA, dt.datetime(1970, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1)))
        )


def test_date_to_logical() -> None:
    """Days since the epoch become a date."""
    assert Date.to_logical(Date.SCHEMA, 0) == dt.date(1970, 1, 1)
    assert Date.to_logical(Date.SCHEMA, 10000) == EPOCH_PLUS_TEN_THOUSAND_DAYS
    assert Date.to_logical(Date.SCHEMA, -1) == dt.date(1969, 12, 31)


def test_date_to_logical_invalid_schema() -> None:
    """A schema not named Date is rejected."""
    with pytest.raises(DataException):
        Date.to_logical(SchemaBuilder.int32().name("invalid").build(), 0)


def test_date_outside_python_range() -> None:
    """Days beyond Python's date range raise DataException."""
    with pytest.raises(DataException):
        Date.to_logical(Date.SCHEMA, 2**31 - 1)


@given(st.dates())
def test_date_round_trip(value: dt.date) -> None:
    """Every Python date survives from_logical/to_logical."""
    assert Date.to_logical(Date.SCHEMA, Date.from_logical(Date.SCHEMA, value)) == value


# ------------------------------------------------------------------ Time


def test_time_builder() -> None:
    """Time.SCHEMA is an INT32 schema named Time, version 1."""
    assert Time.SCHEMA.type() is Type.INT32
    assert Time.SCHEMA.name() == Time.LOGICAL_NAME == "org.apache.kafka.connect.data.Time"
    assert Time.SCHEMA.version() == 1
    assert Time.builder().build() == Time.SCHEMA


def test_time_from_logical() -> None:
    """A time of day becomes milliseconds since midnight (sub-millisecond digits dropped)."""
    assert Time.from_logical(Time.SCHEMA, dt.time(0)) == 0
    assert Time.from_logical(Time.SCHEMA, dt.time(0, 0, 10)) == 10000
    assert Time.from_logical(Time.SCHEMA, dt.time(23, 59, 59, 999999)) == 86399999
    assert (
        Time.from_logical(Time.SCHEMA, dt.time(1, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))))
        == 0
    )


def test_time_from_logical_invalid_schema() -> None:
    """A schema not named Time is rejected."""
    with pytest.raises(
        DataException, match=r"Requested conversion of Time object but the schema does not match\."
    ):
        Time.from_logical(SchemaBuilder.int32().name("invalid").build(), dt.time(0))


def test_time_from_logical_rejects_dates() -> None:
    """Only a datetime.time is a Time value (a value with a date part is rejected)."""
    with pytest.raises(DataException):
        Time.from_logical(Time.SCHEMA, EPOCH + dt.timedelta(days=10000))  # type: ignore[arg-type]


def test_time_to_logical() -> None:
    """Milliseconds since midnight become a time of day."""
    assert Time.to_logical(Time.SCHEMA, 0) == dt.time(0)
    assert Time.to_logical(Time.SCHEMA, 10000) == dt.time(0, 0, 10)
    assert Time.to_logical(Time.SCHEMA, 86399999) == dt.time(23, 59, 59, 999000)


def test_time_to_logical_invalid_schema() -> None:
    """A schema not named Time is rejected (Java's message says Date)."""
    with pytest.raises(
        DataException, match=r"Requested conversion of Date object but the schema does not match\."
    ):
        Time.to_logical(SchemaBuilder.int32().name("invalid").build(), 0)


@pytest.mark.parametrize("millis", [-1, 86400001])
def test_time_to_logical_out_of_range(millis: int) -> None:
    """Milliseconds outside [0, 86400000] are rejected with Java's message."""
    with pytest.raises(DataException) as info:
        Time.to_logical(Time.SCHEMA, millis)
    assert str(info.value) == (
        "Time values must use number of milliseconds greater than 0 and less than 86400000"
    )


def test_time_end_of_day_has_no_python_time() -> None:
    """86400000 (accepted by Java) has no datetime.time and raises DataException."""
    with pytest.raises(DataException):
        Time.to_logical(Time.SCHEMA, 86400000)


@given(st.times())
def test_time_round_trip(value: dt.time) -> None:
    """Every time of day survives to the millisecond."""
    back = Time.to_logical(Time.SCHEMA, Time.from_logical(Time.SCHEMA, value))
    assert back == value.replace(microsecond=value.microsecond // 1000 * 1000, tzinfo=None)


# ------------------------------------------------------------------ Timestamp

TOTAL_MILLIS = 2000000000 * 2


def test_timestamp_builder() -> None:
    """Timestamp.SCHEMA is an INT64 schema named Timestamp, version 1."""
    assert Timestamp.SCHEMA.type() is Type.INT64
    assert Timestamp.SCHEMA.name() == Timestamp.LOGICAL_NAME
    assert Timestamp.LOGICAL_NAME == "org.apache.kafka.connect.data.Timestamp"
    assert Timestamp.SCHEMA.version() == 1
    assert Timestamp.builder().build() == Timestamp.SCHEMA


def test_timestamp_from_logical() -> None:
    """A datetime becomes milliseconds since the epoch; naive datetimes are UTC."""
    assert Timestamp.from_logical(Timestamp.SCHEMA, EPOCH) == 0
    moment = EPOCH + dt.timedelta(milliseconds=TOTAL_MILLIS)
    assert Timestamp.from_logical(Timestamp.SCHEMA, moment) == TOTAL_MILLIS
    assert Timestamp.from_logical(Timestamp.SCHEMA, moment.replace(tzinfo=None)) == TOTAL_MILLIS
    shifted = moment.astimezone(dt.timezone(dt.timedelta(hours=-5)))
    assert Timestamp.from_logical(Timestamp.SCHEMA, shifted) == TOTAL_MILLIS
    assert (
        Timestamp.from_logical(Timestamp.SCHEMA, dt.datetime(1969, 12, 31, 23, 59, 59, 999000))
        == -1
    )


def test_timestamp_invalid_schema() -> None:
    """A schema not named Timestamp is rejected both ways."""
    invalid = SchemaBuilder.int64().name("invalid").build()
    with pytest.raises(DataException, match="Requested conversion of Timestamp object"):
        Timestamp.from_logical(invalid, EPOCH)
    with pytest.raises(DataException, match="Requested conversion of Timestamp object"):
        Timestamp.to_logical(invalid, 0)


def test_timestamp_to_logical() -> None:
    """Milliseconds since the epoch become an aware UTC datetime."""
    assert Timestamp.to_logical(Timestamp.SCHEMA, 0) == EPOCH
    back = Timestamp.to_logical(Timestamp.SCHEMA, TOTAL_MILLIS)
    assert back == EPOCH + dt.timedelta(milliseconds=TOTAL_MILLIS)
    assert back.tzinfo is not None and back.utcoffset() == dt.timedelta(0)


def test_timestamp_outside_python_range() -> None:
    """Milliseconds beyond Python's datetime range raise DataException."""
    with pytest.raises(DataException):
        Timestamp.to_logical(Timestamp.SCHEMA, 2**63 - 1)


@given(st.integers(min_value=-62135596800000, max_value=253402300799999))
def test_timestamp_round_trip(millis: int) -> None:
    """Every millisecond in Python's datetime range survives to_logical/from_logical."""
    moment = Timestamp.to_logical(Timestamp.SCHEMA, millis)
    assert Timestamp.from_logical(Timestamp.SCHEMA, moment) == millis
