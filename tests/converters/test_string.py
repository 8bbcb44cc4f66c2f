"""StringConverter: Java's toString text in Java charsets, read back as optional strings."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_data import DataException, Schema, SchemaAndValue, SchemaBuilder, Struct
from connect_data.config import ConfigException
from connect_data.javatext import round_float32
from converters.string import StringConverter, StringConverterConfig
from tests import vectors
from tests.converters.charset_rules import java_round_trip
from tests.converters.config_docs import config_reference, expected_reference
from tests.strategies import bytes_values, java_strings

TOPIC = "topic"
SAMPLE = "a string"


def configured(config: dict[str, Any] | None = None, is_key: bool = False) -> StringConverter:
    converter = StringConverter()
    converter.configure(config or {}, is_key)
    return converter


# ----------------------------------------------------------------- reference vectors


def _java_runtime_schema(tv: Any) -> Schema | None:
    """The schema a Java value's runtime class implies where Python's type cannot (Float)."""
    if tv is not None and tv["t"] == "float32":
        return Schema.FLOAT32_SCHEMA
    return None


@pytest.mark.parametrize("case", vectors.cases("kafka-json-converter.jsonl", op="string_serialize"))
def test_vector_string_serialize(case: dict[str, Any]) -> None:
    """from_connect_data writes the bytes Java's StringConverter wrote (or fails where it did)."""
    schema = vectors.parse_schema(case["schema"])
    converter = StringConverter()
    if case.get("error_phase") == "configure":
        with pytest.raises(ConfigException) as info:
            converter.configure(case["config"], case.get("is_key", False))
        assert case["error"].split(": ", 1)[1] in str(info.value)
        return
    converter.configure(case["config"], case.get("is_key", False))
    value = vectors.to_python(case["value"], schema)
    written = converter.from_connect_data(
        case["topic"], schema or _java_runtime_schema(case["value"]), value
    )
    expected = case["serialized_b64"]
    assert written == (None if expected is None else base64.b64decode(expected))


@pytest.mark.parametrize(
    "case", vectors.cases("kafka-json-converter.jsonl", op="string_deserialize")
)
def test_vector_string_deserialize(case: dict[str, Any]) -> None:
    """to_connect_data reads the string Java's StringConverter read, with its schema."""
    converter = configured(case["config"], case.get("is_key", False))
    data = None if case["input_b64"] is None else base64.b64decode(case["input_b64"])
    result = converter.to_connect_data(case["topic"], data)
    assert case["result_schema"] == {"type": "string", "optional": True}
    assert result.schema() == Schema.OPTIONAL_STRING_SCHEMA
    vectors.assert_value_matches(result.value(), case["result_value"])


# ----------------------------------------------------------------- StringConverterTest


def test_string_to_bytes() -> None:
    """A string is written as its UTF-8 bytes by default."""
    converter = StringConverter()
    assert converter.from_connect_data(TOPIC, Schema.STRING_SCHEMA, SAMPLE) == SAMPLE.encode()


def test_non_string_to_bytes() -> None:
    """A non-string value is written as its Java text (true -> 'true')."""
    converter = StringConverter()
    assert converter.from_connect_data(TOPIC, Schema.BOOLEAN_SCHEMA, True) == b"true"


def test_null_to_bytes() -> None:
    """None is written as no bytes (None)."""
    assert StringConverter().from_connect_data(TOPIC, Schema.OPTIONAL_STRING_SCHEMA, None) is None


def test_to_bytes_ignores_schema() -> None:
    """The value is written whatever the schema, even without one."""
    assert StringConverter().from_connect_data(TOPIC, None, True) == b"true"
    assert StringConverter().from_connect_data(TOPIC, Schema.INT32_SCHEMA, "x") == b"x"


def test_to_bytes_non_utf8_encoding() -> None:
    """converter.encoding=UTF-16 writes big-endian UTF-16 with a byte order mark."""
    converter = configured({"converter.encoding": "UTF-16"}, is_key=True)
    written = converter.from_connect_data(TOPIC, Schema.STRING_SCHEMA, SAMPLE)
    assert written == b"\xfe\xff" + SAMPLE.encode("utf-16-be")


def test_bytes_to_string() -> None:
    """Bytes are read as a UTF-8 string with the optional string schema."""
    data = StringConverter().to_connect_data(TOPIC, SAMPLE.encode())
    assert data.schema() == Schema.OPTIONAL_STRING_SCHEMA
    assert data.value() == SAMPLE


def test_bytes_null_to_string() -> None:
    """None is read as a None value with the optional string schema."""
    data = StringConverter().to_connect_data(TOPIC, None)
    assert data.schema() == Schema.OPTIONAL_STRING_SCHEMA
    assert data.value() is None


def test_bytes_to_string_non_utf8_encoding() -> None:
    """converter.encoding=UTF-16 reads what it writes."""
    converter = configured({"converter.encoding": "UTF-16"}, is_key=True)
    data = converter.to_connect_data(TOPIC, b"\xfe\xff" + SAMPLE.encode("utf-16-be"))
    assert data == SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, SAMPLE)


def test_header_methods_delegate_to_data_methods() -> None:
    """from/to_connect_header behave as from/to_connect_data."""
    converter = StringConverter()
    assert converter.from_connect_header(TOPIC, "hdr", Schema.STRING_SCHEMA, SAMPLE) == b"a string"
    assert converter.from_connect_header(TOPIC, "hdr", Schema.BOOLEAN_SCHEMA, True) == b"true"
    assert converter.from_connect_header(TOPIC, "hdr", Schema.OPTIONAL_STRING_SCHEMA, None) is None
    assert converter.to_connect_header(TOPIC, "hdr", b"x").value() == "x"


# ----------------------------------------------------------------- Java text of values


STRUCT_SCHEMA = (
    SchemaBuilder.struct()
    .field("a", Schema.INT32_SCHEMA)
    .field("b", Schema.OPTIONAL_STRING_SCHEMA)
    .field("c", Schema.STRING_SCHEMA)
    .build()
)


@pytest.mark.parametrize(
    ("schema", "value", "text"),
    [
        (None, 42, "42"),
        (None, -7, "-7"),
        (None, 1e10, "1.0E10"),
        (None, 0.1, "0.1"),
        (None, 100.0, "100.0"),
        (Schema.FLOAT32_SCHEMA, round_float32(0.1), "0.1"),
        (None, float("nan"), "NaN"),
        (None, False, "false"),
        (None, decimal.Decimal("1E-7"), "1E-7"),
        (None, ["a", 1, None], "[a, 1, null]"),
        (None, {"k": "v", "n": None}, "{k=v, n=null}"),
        (None, dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc), "Thu Jan 01 00:00:00 UTC 1970"),
        (STRUCT_SCHEMA, Struct(STRUCT_SCHEMA).put("a", 1).put("c", "x"), "Struct{a=1,c=x}"),
    ],
)
def test_values_are_written_as_java_to_string(schema: Schema | None, value: Any, text: str) -> None:
    """Non-string values are written as Java's toString() of the equivalent Java value."""
    assert StringConverter().from_connect_data(TOPIC, schema, value) == text.encode()


# ----------------------------------------------------------------- configuration


def test_config_def_has_java_keys() -> None:
    """config() defines converter.type and converter.encoding (default UTF-8)."""
    definition = StringConverter().config()
    assert list(definition.names()) == ["converter.type", "converter.encoding"]
    assert definition.config_keys()["converter.encoding"].default_value == "UTF-8"
    assert definition is StringConverterConfig.config_def()


def test_configure_without_is_key_requires_converter_type() -> None:
    """The header form configure(configs) needs converter.type, as Java's configure(Map)."""
    converter = StringConverter()
    with pytest.raises(ConfigException, match=r"converter\.type"):
        converter.configure({})
    converter.configure({"converter.type": "header", "converter.encoding": "UTF-16BE"})
    assert converter.from_connect_header(TOPIC, "h", None, "a") == b"\x00a"


def test_configure_rejects_unknown_converter_type() -> None:
    """converter.type must be key, value or header."""
    with pytest.raises(ConfigException, match="String must be one of: key, value, header"):
        StringConverter().configure({"converter.type": "both"})


@pytest.mark.parametrize("name", ["NOPE", "bad name!", ""])
def test_unknown_encoding_fails_configure(name: str) -> None:
    """An encoding Java does not know raises ConfigException naming it (Java: SerializationException)."""
    with pytest.raises(ConfigException) as info:
        StringConverter().configure({"converter.encoding": name}, False)
    assert f"Unsupported encoding {name}" in str(info.value)
    assert info.value.name == "converter.encoding"


def test_encoding_aliases_and_surrounding_spaces_are_accepted() -> None:
    """Java aliases such as 'utf8' and 'latin1' work; the value is trimmed as a ConfigDef STRING."""
    assert configured({"converter.encoding": "utf8"}).from_connect_data(TOPIC, None, "é") == (
        b"\xc3\xa9"
    )
    assert configured({"converter.encoding": " latin1 "}).from_connect_data(TOPIC, None, "é") == (
        b"\xe9"
    )


def test_role_specific_encodings_take_precedence() -> None:
    """key./value.(de)serializer.encoding, for the converter's role, beat converter.encoding."""
    config = {
        "converter.encoding": "UTF-16BE",
        "key.serializer.encoding": "ISO-8859-1",
        "value.deserializer.encoding": "UTF-16LE",
    }
    key_converter = configured(config, is_key=True)
    assert key_converter.from_connect_data(TOPIC, None, "é") == b"\xe9"
    assert key_converter.to_connect_data(TOPIC, b"\x00a").value() == "a"
    value_converter = configured(config, is_key=False)
    assert value_converter.from_connect_data(TOPIC, None, "a") == b"\x00a"
    assert value_converter.to_connect_data(TOPIC, b"a\x00").value() == "a"


def test_plain_serializer_encoding_is_overridden_by_converter_encoding() -> None:
    """serializer.encoding / deserializer.encoding are replaced by converter.encoding, as in Java."""
    converter = configured({"serializer.encoding": "UTF-16", "deserializer.encoding": "UTF-16"})
    assert converter.from_connect_data(TOPIC, None, "a") == b"a"
    assert converter.to_connect_data(TOPIC, b"a").value() == "a"


def test_bad_role_specific_encoding_names_its_key() -> None:
    """An unknown value.deserializer.encoding fails configure with that key in the message."""
    with pytest.raises(ConfigException) as info:
        StringConverter().configure({"value.deserializer.encoding": "NOPE"}, False)
    assert info.value.name == "value.deserializer.encoding"


def test_header_role_uses_value_encodings() -> None:
    """A header converter (converter.type=header) reads the value.* encodings, as Java."""
    converter = StringConverter()
    converter.configure({"converter.type": "header", "value.serializer.encoding": "UTF-32"})
    assert converter.from_connect_header(TOPIC, "h", None, "a") == b"\x00\x00\x00a"


def test_non_string_role_specific_encoding_is_ignored() -> None:
    """A non-string role-specific encoding hides converter.encoding and leaves UTF-8, as in Java."""
    converter = configured({"value.serializer.encoding": 5, "converter.encoding": "UTF-16BE"})
    assert converter.from_connect_data(TOPIC, None, "\u00e9") == b"\xc3\xa9"


def test_version_is_a_string() -> None:
    """version() reports connectpy's version."""
    assert isinstance(StringConverter().version(), str)


# ----------------------------------------------------------------- bad input


@pytest.mark.parametrize("data", ["text", 5, ["a"]])
def test_non_bytes_input_raises_data_exception(data: Any) -> None:
    """Reading something that is not bytes raises DataException naming the topic."""
    with pytest.raises(DataException, match="topic 'topic'"):
        StringConverter().to_connect_data(TOPIC, data)


def test_self_referencing_value_raises_data_exception() -> None:
    """A value whose text cannot be built raises DataException, not another error."""
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(DataException, match="Failed to serialize to a string"):
        StringConverter().from_connect_data(TOPIC, None, loop)


# ----------------------------------------------------------------- properties

ENCODINGS = ["UTF-8", "UTF-16", "UTF-16LE", "UTF-32", "x-UTF-16LE-BOM"]


@pytest.mark.parametrize("encoding", ENCODINGS)
@given(text=java_strings())
def test_strings_round_trip(encoding: str, text: str) -> None:
    """Any well-formed string is read back equal (but for what Java's decoders do to byte order
    marks), with the optional string schema."""
    converter = configured({"converter.encoding": encoding})
    written = converter.from_connect_data(TOPIC, Schema.STRING_SCHEMA, text)
    assert converter.to_connect_data(TOPIC, written) == SchemaAndValue(
        Schema.OPTIONAL_STRING_SCHEMA, java_round_trip(encoding, text)
    )


@given(value=st.integers() | st.booleans())
def test_ints_and_booleans_round_trip_as_their_text(value: int | bool) -> None:
    """Ints and booleans are read back as their Java text."""
    converter = StringConverter()
    text = converter.to_connect_data(TOPIC, converter.from_connect_data(TOPIC, None, value)).value()
    assert text == (str(value).lower() if isinstance(value, bool) else str(value))


@pytest.mark.parametrize("encoding", [*ENCODINGS, "US-ASCII", "Shift_JIS"])
@given(data=bytes_values())
def test_any_bytes_read_as_a_string(encoding: str, data: bytes) -> None:
    """Garbage bytes never raise: malformed input becomes U+FFFD, as in Java."""
    result = configured({"converter.encoding": encoding}).to_connect_data(TOPIC, data)
    assert isinstance(result.value(), str)


def test_docs_config_reference_is_generated_from_config_def() -> None:
    """docs/converters.md shows exactly the ConfigDef's generated reference."""
    documented = config_reference("converters.string.StringConverter")
    assert documented == expected_reference(StringConverter().config().to_markdown(4))


def test_docstring_examples_run() -> None:
    """The examples in the module's docstrings give the output shown."""
    import doctest

    import converters.string

    result = doctest.testmod(converters.string)
    assert result.attempted > 0 and result.failed == 0
