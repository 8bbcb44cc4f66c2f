"""ByteArray, Boolean and number converters: Kafka's serializer bytes, Java's errors."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_data import DataException, Schema, SchemaAndValue
from connect_data.config import ConfigException
from connect_data.javatext import round_float32
from converters.converter import Converter, HeaderConverter
from converters.primitives import (
    BooleanConverter,
    ByteArrayConverter,
    DoubleConverter,
    FloatConverter,
    IntegerConverter,
    LongConverter,
    ShortConverter,
)
from tests.converters.config_docs import config_reference, expected_reference
from tests.strategies import bytes_values, float32s, float64s, java_ints

TOPIC = "topic"
HEADER = "header"

NUMBER_CONVERTERS: dict[type[Any], tuple[Schema, int, str]] = {
    ShortConverter: (Schema.OPTIONAL_INT16_SCHEMA, 2, "short"),
    IntegerConverter: (Schema.OPTIONAL_INT32_SCHEMA, 4, "integer"),
    LongConverter: (Schema.OPTIONAL_INT64_SCHEMA, 8, "long"),
    FloatConverter: (Schema.OPTIONAL_FLOAT32_SCHEMA, 4, "float"),
    DoubleConverter: (Schema.OPTIONAL_FLOAT64_SCHEMA, 8, "double"),
}

ALL_CONVERTERS: list[type[Any]] = [ByteArrayConverter, BooleanConverter, *NUMBER_CONVERTERS]


def make(cls: type[Any], is_key: bool = False) -> Any:
    converter = cls()
    converter.configure({}, is_key)
    return converter


# ----------------------------------------------------------------- exact bytes


@pytest.mark.parametrize(
    ("cls", "value", "hex_bytes"),
    [
        (ShortConverter, -32768, "8000"),
        (ShortConverter, 123, "007b"),
        (ShortConverter, 32767, "7fff"),
        (ShortConverter, -1, "ffff"),
        (IntegerConverter, -(2**31), "80000000"),
        (IntegerConverter, 1234, "000004d2"),
        (IntegerConverter, 1234567890, "499602d2"),
        (IntegerConverter, 2**31 - 1, "7fffffff"),
        (LongConverter, -(2**63), "8000000000000000"),
        (LongConverter, 1234, "00000000000004d2"),
        (LongConverter, -1, "ffffffffffffffff"),
        (LongConverter, 2**63 - 1, "7fffffffffffffff"),
        (FloatConverter, 1.5, "3fc00000"),
        (FloatConverter, -0.0, "80000000"),
        (FloatConverter, 1.401298464324817e-45, "00000001"),
        (FloatConverter, 3.4028234663852886e38, "7f7fffff"),
        (FloatConverter, round_float32(1234.31), "449a49ec"),
        (FloatConverter, math.inf, "7f800000"),
        (FloatConverter, math.nan, "7fc00000"),
        (DoubleConverter, 1.5, "3ff8000000000000"),
        (DoubleConverter, 5e-324, "0000000000000001"),
        (DoubleConverter, 1.7976931348623157e308, "7fefffffffffffff"),
        (DoubleConverter, 1234.31, "4093493d70a3d70a"),
        (DoubleConverter, -math.inf, "fff0000000000000"),
        (DoubleConverter, math.nan, "7ff8000000000000"),
        (BooleanConverter, True, "01"),
        (BooleanConverter, False, "00"),
        (ByteArrayConverter, b"sample string", b"sample string".hex()),
        (ByteArrayConverter, b"", ""),
    ],
)
def test_writes_kafka_serializer_bytes(cls: type[Any], value: Any, hex_bytes: str) -> None:
    """Values are written as Kafka's serializers write them (big-endian, 1-byte booleans)."""
    converter = make(cls)
    written = converter.from_connect_data(TOPIC, None, value)
    assert written is not None and written.hex() == hex_bytes
    assert converter.from_connect_header(TOPIC, HEADER, None, value) == written
    read = converter.to_connect_data(TOPIC, written)
    if isinstance(value, float) and math.isnan(value):
        assert math.isnan(read.value())
    else:
        assert read.value() == value
        assert type(read.value()) is type(value)


# ----------------------------------------------------------------- NumberConverterTest

SAMPLES: dict[type[Any], list[Any]] = {
    ShortConverter: [-32768, 123, 32767],
    IntegerConverter: [-(2**31), 1234, 2**31 - 1],
    LongConverter: [-(2**63), 1234, 2**63 - 1],
    FloatConverter: [1.401298464324817e-45, round_float32(1234.31), 3.4028234663852886e38],
    DoubleConverter: [5e-324, 1234.31, 1.7976931348623157e308],
}


@pytest.mark.parametrize("cls", list(NUMBER_CONVERTERS))
def test_converting_samples_to_and_from_bytes(cls: type[Any]) -> None:
    """Samples round-trip through the data and the header methods with the optional schema."""
    schema = NUMBER_CONVERTERS[cls][0]
    converter = make(cls)
    for sample in SAMPLES[cls]:
        written = converter.from_connect_data(TOPIC, schema, sample)
        assert converter.to_connect_data(TOPIC, written) == SchemaAndValue(schema, sample)
        assert converter.from_connect_header(TOPIC, HEADER, schema, sample) == written
        assert converter.to_connect_header(TOPIC, HEADER, written) == SchemaAndValue(schema, sample)


@pytest.mark.parametrize("cls", list(NUMBER_CONVERTERS))
def test_deserializing_data_with_too_many_bytes(cls: type[Any]) -> None:
    """Ten bytes are the wrong size: DataException with Java's deserializer message."""
    _, size, name = NUMBER_CONVERTERS[cls]
    deserializer = {
        ShortConverter: "ShortDeserializer",
        IntegerConverter: "IntegerDeserializer",
        LongConverter: "LongDeserializer",
    }.get(cls, "Deserializer")
    expected = (
        f"Failed to deserialize {name}: Size of data received by {deserializer} is not {size}"
    )
    converter = make(cls)
    with pytest.raises(DataException) as info:
        converter.to_connect_data(TOPIC, bytes(10))
    assert str(info.value).startswith(expected)
    assert "topic 'topic'" in str(info.value)
    with pytest.raises(DataException):
        converter.to_connect_header(TOPIC, HEADER, bytes(10))


@pytest.mark.parametrize("cls", list(NUMBER_CONVERTERS))
def test_serializing_incorrect_type(cls: type[Any]) -> None:
    """A string is not a number: DataException naming the target type and the value's class."""
    schema, _, name = NUMBER_CONVERTERS[cls]
    converter = make(cls)
    with pytest.raises(DataException, match=rf"Failed to serialize to {name} \(was class str\)"):
        converter.from_connect_data(TOPIC, schema, "not a valid number")
    with pytest.raises(DataException):
        converter.from_connect_header(TOPIC, HEADER, schema, "not a valid number")


@pytest.mark.parametrize("cls", list(NUMBER_CONVERTERS))
def test_null_to_bytes(cls: type[Any]) -> None:
    """None is written as None."""
    assert make(cls).from_connect_data(TOPIC, NUMBER_CONVERTERS[cls][0], None) is None


@pytest.mark.parametrize("cls", list(NUMBER_CONVERTERS))
def test_bytes_null_to_number(cls: type[Any]) -> None:
    """None is read as a None value with the converter's optional schema."""
    schema = NUMBER_CONVERTERS[cls][0]
    assert make(cls).to_connect_data(TOPIC, None) == SchemaAndValue(schema, None)


@pytest.mark.parametrize("cls", [ShortConverter, IntegerConverter, LongConverter])
@pytest.mark.parametrize("value", [True, 1.0, "1", b"\x01"])
def test_integral_converters_reject_non_int_values(cls: type[Any], value: Any) -> None:
    """Only int (never bool, float, str or bytes) is accepted by the integral converters."""
    with pytest.raises(DataException, match="Failed to serialize to"):
        make(cls).from_connect_data(TOPIC, None, value)


@pytest.mark.parametrize(
    ("cls", "value"),
    [
        (ShortConverter, 32768),
        (ShortConverter, -32769),
        (IntegerConverter, 2**31),
        (LongConverter, 2**63),
        (LongConverter, -(2**63) - 1),
    ],
)
def test_integral_converters_reject_out_of_range_ints(cls: type[Any], value: int) -> None:
    """An int outside the Java type's range raises DataException with the range."""
    with pytest.raises(DataException, match="out of range"):
        make(cls).from_connect_data(TOPIC, None, value)


@pytest.mark.parametrize("cls", [FloatConverter, DoubleConverter])
@pytest.mark.parametrize("value", [1, True, "1.0"])
def test_float_converters_reject_non_float_values(cls: type[Any], value: Any) -> None:
    """Only float is accepted by the float converters (Java's Float/Double take no Integer)."""
    with pytest.raises(DataException, match="Failed to serialize to"):
        make(cls).from_connect_data(TOPIC, None, value)


def test_float_converter_rejects_values_beyond_float32() -> None:
    """A finite float too large for float32 raises DataException instead of overflowing."""
    with pytest.raises(DataException, match="out of range"):
        make(FloatConverter).from_connect_data(TOPIC, None, 1e39)


def test_float_converter_rounds_to_float32() -> None:
    """A float64 value is written rounded to the nearest float32 and read back as that."""
    converter = make(FloatConverter)
    read = converter.to_connect_data(TOPIC, converter.from_connect_data(TOPIC, None, 0.1))
    assert read.value() == round_float32(0.1)


def test_number_converters_ignore_the_schema() -> None:
    """The number converters ignore the schema argument, as Java's NumberConverter."""
    assert make(IntegerConverter).from_connect_data(TOPIC, Schema.STRING_SCHEMA, 1) == (
        b"\x00\x00\x00\x01"
    )


# ----------------------------------------------------------------- BooleanConverterTest


def test_boolean_from_connect() -> None:
    """True and False become 01 and 00, with or without a schema."""
    converter = make(BooleanConverter)
    assert converter.from_connect_data(TOPIC, Schema.BOOLEAN_SCHEMA, True) == b"\x01"
    assert converter.from_connect_data(TOPIC, Schema.BOOLEAN_SCHEMA, False) == b"\x00"
    assert converter.from_connect_data(TOPIC, None, True) == b"\x01"
    assert converter.from_connect_data(TOPIC, None, False) == b"\x00"


def test_boolean_from_connect_wrong_schema() -> None:
    """A non-BOOLEAN schema raises DataException naming the schema type, even for None."""
    converter = make(BooleanConverter)
    with pytest.raises(DataException, match="Invalid schema type for BooleanConverter: INT32"):
        converter.from_connect_data(TOPIC, Schema.INT32_SCHEMA, False)
    with pytest.raises(DataException):
        converter.from_connect_data(TOPIC, Schema.INT32_SCHEMA, None)


@pytest.mark.parametrize("value", ["true", 1, 0, 1.0])
def test_boolean_from_connect_invalid_value(value: Any) -> None:
    """A value that is not a bool raises DataException naming its class."""
    with pytest.raises(
        DataException,
        match=rf"BooleanConverter is not compatible with objects of type class {type(value).__name__}",
    ):
        make(BooleanConverter).from_connect_data(TOPIC, Schema.BOOLEAN_SCHEMA, value)


def test_boolean_from_connect_null_value() -> None:
    """None is written as None."""
    assert make(BooleanConverter).from_connect_data(TOPIC, Schema.BOOLEAN_SCHEMA, None) is None


def test_boolean_to_connect() -> None:
    """01 and 00 read as True and False with the optional boolean schema; None as None."""
    converter = make(BooleanConverter)
    assert converter.to_connect_data(TOPIC, b"\x01") == SchemaAndValue(
        Schema.OPTIONAL_BOOLEAN_SCHEMA, True
    )
    assert converter.to_connect_data(TOPIC, b"\x00") == SchemaAndValue(
        Schema.OPTIONAL_BOOLEAN_SCHEMA, False
    )
    assert converter.to_connect_data(TOPIC, None) == SchemaAndValue(
        Schema.OPTIONAL_BOOLEAN_SCHEMA, None
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"42", "Size of data received by BooleanDeserializer is not 1"),
        (b"", "Size of data received by BooleanDeserializer is not 1"),
        (b"\x02", "Unexpected byte received by BooleanDeserializer: 2"),
        (b"\xff", "Unexpected byte received by BooleanDeserializer: -1"),
    ],
)
def test_boolean_to_connect_invalid_value(data: bytes, message: str) -> None:
    """Anything but one 00/01 byte raises DataException with Java's deserializer message."""
    with pytest.raises(DataException, match=f"Failed to deserialize boolean: {message}"):
        make(BooleanConverter).to_connect_data(TOPIC, data)


# ----------------------------------------------------------------- ByteArrayConverterTest

SAMPLE_BYTES = b"sample string"


def test_bytes_from_connect() -> None:
    """Bytes pass through unchanged with a BYTES schema or none."""
    converter = make(ByteArrayConverter)
    assert converter.from_connect_data(TOPIC, Schema.BYTES_SCHEMA, SAMPLE_BYTES) == SAMPLE_BYTES
    assert converter.from_connect_data(TOPIC, None, SAMPLE_BYTES) == SAMPLE_BYTES


def test_bytes_from_connect_accepts_bytes_like_values() -> None:
    """bytearray and memoryview values are written as bytes."""
    converter = make(ByteArrayConverter)
    assert converter.from_connect_data(TOPIC, None, bytearray(b"ab")) == b"ab"
    assert converter.from_connect_data(TOPIC, None, memoryview(b"ab")) == b"ab"
    assert type(converter.from_connect_data(TOPIC, None, bytearray(b"ab"))) is bytes


def test_bytes_from_connect_bad_schema() -> None:
    """A non-BYTES schema raises DataException naming the type."""
    with pytest.raises(DataException, match="Invalid schema type for ByteArrayConverter: INT32"):
        make(ByteArrayConverter).from_connect_data(TOPIC, Schema.INT32_SCHEMA, SAMPLE_BYTES)


def test_bytes_from_connect_invalid_value() -> None:
    """A value that is not bytes raises DataException naming its class."""
    with pytest.raises(
        DataException, match="ByteArrayConverter is not compatible with objects of type class int"
    ):
        make(ByteArrayConverter).from_connect_data(TOPIC, Schema.BYTES_SCHEMA, 12)


def test_bytes_from_connect_null() -> None:
    """None is written as None."""
    assert make(ByteArrayConverter).from_connect_data(TOPIC, Schema.BYTES_SCHEMA, None) is None


def test_bytes_to_connect() -> None:
    """Bytes are read unchanged with the optional bytes schema; None as None."""
    converter = make(ByteArrayConverter)
    assert converter.to_connect_data(TOPIC, SAMPLE_BYTES) == SchemaAndValue(
        Schema.OPTIONAL_BYTES_SCHEMA, SAMPLE_BYTES
    )
    assert converter.to_connect_data(TOPIC, None) == SchemaAndValue(
        Schema.OPTIONAL_BYTES_SCHEMA, None
    )


def test_byte_array_configure_needs_nothing() -> None:
    """ByteArrayConverter accepts both configure forms without converter.type."""
    converter = ByteArrayConverter()
    converter.configure({})
    converter.configure({}, True)
    assert list(converter.config().names()) == ["converter.type"]


# ----------------------------------------------------------------- every converter


@pytest.mark.parametrize("cls", ALL_CONVERTERS)
def test_is_a_converter_and_a_header_converter(cls: type[Any]) -> None:
    """Each primitive converter is both a Converter and a HeaderConverter, with a version."""
    converter = cls()
    # One isinstance per base in a loop: mypy cannot narrow to both ABCs at once, since their
    # configure() signatures differ (the primitives override it to fit both).
    for base in (Converter, HeaderConverter):
        assert isinstance(converter, base)
    assert isinstance(converter.version(), str)
    assert "converter.type" in converter.config().names()


@pytest.mark.parametrize("cls", [BooleanConverter, *NUMBER_CONVERTERS])
def test_header_configure_requires_converter_type(cls: type[Any]) -> None:
    """configure(configs) without converter.type fails as Java's; with it, it works."""
    with pytest.raises(ConfigException, match=r"converter\.type"):
        cls().configure({})
    with pytest.raises(ConfigException):
        cls().configure({"converter.type": "sideways"})
    cls().configure({"converter.type": "header"})


@pytest.mark.parametrize("cls", ALL_CONVERTERS)
@pytest.mark.parametrize("data", ["text", 12, [1]])
def test_non_bytes_input_raises_data_exception(cls: type[Any], data: Any) -> None:
    """Reading something that is not bytes raises DataException naming the topic."""
    with pytest.raises(DataException, match="topic 'topic'"):
        make(cls).to_connect_data(TOPIC, data)


# ----------------------------------------------------------------- properties


def _round_trip(converter: Any, value: Any) -> SchemaAndValue:
    result: SchemaAndValue = converter.to_connect_data(
        TOPIC, converter.from_connect_data(TOPIC, None, value)
    )
    return result


@pytest.mark.parametrize(
    ("cls", "bits"), [(ShortConverter, 16), (IntegerConverter, 32), (LongConverter, 64)]
)
@given(data=st.data())
def test_ints_round_trip(cls: type[Any], bits: int, data: st.DataObject) -> None:
    """Every int of the type's range reads back equal, with the optional schema."""
    value = data.draw(java_ints(bits))
    assert _round_trip(make(cls), value) == SchemaAndValue(NUMBER_CONVERTERS[cls][0], value)


@given(value=float32s(allow_nan=False))
def test_float32_values_round_trip(value: float) -> None:
    """Every float32 value (signed zeros and infinities included) reads back bit-identical."""
    result = _round_trip(make(FloatConverter), value)
    assert result.schema() == Schema.OPTIONAL_FLOAT32_SCHEMA
    assert result.value() == value
    assert math.copysign(1, result.value()) == math.copysign(1, value)


@given(value=float64s(allow_nan=False))
def test_float64_values_round_trip(value: float) -> None:
    """Every double reads back bit-identical."""
    result = _round_trip(make(DoubleConverter), value)
    assert result.schema() == Schema.OPTIONAL_FLOAT64_SCHEMA
    assert result.value() == value
    assert math.copysign(1, result.value()) == math.copysign(1, value)


@given(value=st.booleans())
def test_booleans_round_trip(value: bool) -> None:
    """True and False read back as themselves."""
    assert _round_trip(make(BooleanConverter), value) == SchemaAndValue(
        Schema.OPTIONAL_BOOLEAN_SCHEMA, value
    )


@given(value=bytes_values())
def test_bytes_round_trip(value: bytes) -> None:
    """Any bytes read back unchanged."""
    assert _round_trip(make(ByteArrayConverter), value) == SchemaAndValue(
        Schema.OPTIONAL_BYTES_SCHEMA, value
    )


@pytest.mark.parametrize("cls", ALL_CONVERTERS)
@given(data=bytes_values(max_size=12))
def test_garbage_input_reads_or_raises_data_exception(cls: type[Any], data: bytes) -> None:
    """Any bytes give a value of the converter's schema or DataException, nothing else."""
    try:
        result = make(cls).to_connect_data(TOPIC, data)
    except DataException:
        return
    assert result.schema() is not None
    expected = {
        ByteArrayConverter: bytes,
        BooleanConverter: bool,
        ShortConverter: int,
        IntegerConverter: int,
        LongConverter: int,
        FloatConverter: float,
        DoubleConverter: float,
    }[cls]
    assert type(result.value()) is expected


def test_docs_config_reference_is_generated_from_config_def() -> None:
    """docs/converters.md shows the generated reference, the same for every primitive converter."""
    documented = config_reference("converters.primitives.IntegerConverter")
    for cls in ALL_CONVERTERS:
        assert documented == expected_reference(cls().config().to_markdown(4))
