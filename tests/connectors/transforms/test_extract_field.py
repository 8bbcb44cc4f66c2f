"""ExtractField: the behaviours of Kafka's ExtractFieldTest (nested paths included)."""

from __future__ import annotations

from typing import Any

import pytest

from connect_data import DataException, Schema, SchemaBuilder, Struct
from connect_data.config import ConfigException
from connectors.record import SinkRecord
from connectors.transforms import ExtractField

NESTED = {"field.syntax.version": "V2", "field": "magic.foo"}


def configured(
    props: dict[str, Any], variant: type[ExtractField[Any]] = ExtractField.Key
) -> ExtractField[Any]:
    xform = variant()
    xform.configure(props)
    return xform


def keyed(schema: Schema | None, key: Any) -> SinkRecord:
    return SinkRecord(topic="test", kafka_partition=0, key_schema=schema, key=key, kafka_offset=0)


def test_schemaless() -> None:
    """The key is replaced by the field of the map."""
    out = configured({"field": "magic"}).apply(keyed(None, {"magic": 42}))
    assert out.key_schema is None and out.key == 42


def test_schemaless_and_nested_path() -> None:
    """With V2 a dotted path reads nested maps."""
    out = configured(NESTED).apply(keyed(None, {"magic": {"foo": 42}}))
    assert out.key == 42


def test_null_schemaless() -> None:
    """A null key stays null."""
    out = configured({"field": "magic"}).apply(keyed(None, None))
    assert out.key_schema is None and out.key is None


def test_with_schema() -> None:
    """With a schema the key takes the field's value and schema."""
    schema = SchemaBuilder.struct().field("magic", Schema.INT32_SCHEMA).build()
    out = configured({"field": "magic"}).apply(keyed(schema, Struct(schema).put("magic", 42)))
    assert out.key_schema == Schema.INT32_SCHEMA and out.key == 42


def test_with_schema_and_nested_path() -> None:
    """With V2 a dotted path reads nested structs."""
    foo = SchemaBuilder.struct().field("foo", Schema.INT32_SCHEMA).build()
    schema = SchemaBuilder.struct().field("magic", foo).build()
    key = Struct(schema).put("magic", Struct(foo).put("foo", 42))
    out = configured(NESTED).apply(keyed(schema, key))
    assert out.key_schema == Schema.INT32_SCHEMA and out.key == 42


def test_null_with_schema() -> None:
    """A null struct gives a null value with the field's schema."""
    schema = SchemaBuilder.struct().field("magic", Schema.INT32_SCHEMA).optional().build()
    out = configured({"field": "magic"}).apply(keyed(schema, None))
    assert out.key_schema == Schema.INT32_SCHEMA and out.key is None


def test_non_existent_field_schemaless_gives_null() -> None:
    """A missing map field gives null (also for a nested path)."""
    assert configured({"field": "nonexistent"}).apply(keyed(None, {"magic": 42})).key is None
    nested = {"field.syntax.version": "V2", "field": "magic.nonexistent"}
    assert configured(nested).apply(keyed(None, {"magic": {"foo": 42}})).key is None


@pytest.mark.parametrize(
    ("props", "message"),
    [
        ({"field": "nonexistent"}, "Unknown field: nonexistent"),
        (
            {"field.syntax.version": "V2", "field": "magic.nonexistent"},
            "Unknown field: magic.nonexistent",
        ),
    ],
)
def test_non_existent_field_with_schema_fails(props: dict[str, str], message: str) -> None:
    """A field the schema does not have is an error naming the configured path."""
    foo = SchemaBuilder.struct().field("foo", Schema.INT32_SCHEMA).build()
    schema = SchemaBuilder.struct().field("magic", foo).build()
    key = Struct(schema).put("magic", Struct(foo).put("foo", 42))
    with pytest.raises(DataException) as info:
        configured(props).apply(keyed(schema, key))
    assert str(info.value) == message


def test_v1_takes_dots_literally() -> None:
    """Without V2 a dotted name is one field name."""
    out = configured({"field": "a.b"}).apply(keyed(None, {"a.b": 1, "a": {"b": 2}}))
    assert out.key == 1


def test_value_variant_and_schemaless_type_check() -> None:
    """The value variant extracts from the value; a schemaless non-map is an error."""
    xform = configured({"field": "x"}, ExtractField.Value)
    out = xform.apply(
        SinkRecord(topic="t", kafka_partition=0, key="k", value={"x": 1}, kafka_offset=0)
    )
    assert (out.key, out.value) == ("k", 1)
    with pytest.raises(DataException, match=r"\[field extraction\]"):
        xform.apply(SinkRecord(topic="t", kafka_partition=0, value=[1], kafka_offset=0))


@pytest.mark.parametrize(("replace", "expected"), [("true", 5), ("false", None)])
def test_replace_null_with_default(replace: str, expected: int | None) -> None:
    """A null field with a default extracts as the default, or as null when disabled."""
    schema = (
        SchemaBuilder.struct()
        .field("d", SchemaBuilder.int32().optional().default_value(5).build())
        .build()
    )
    out = configured({"field": "d", "replace.null.with.default": replace}).apply(
        keyed(schema, Struct(schema))
    )
    assert out.key == expected


def test_configuration() -> None:
    """field is required; field.syntax.version accepts V1/V2 only."""
    with pytest.raises(ConfigException, match=r'Missing required configuration "field"'):
        configured({})
    with pytest.raises(ConfigException, match=r"field.syntax.version"):
        configured({"field": "a", "field.syntax.version": "V3"})
    with pytest.raises(ConfigException, match=r"Incomplete backtick pair"):
        configured({"field": "`a", "field.syntax.version": "v2"})
