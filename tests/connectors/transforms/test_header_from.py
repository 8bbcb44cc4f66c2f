"""HeaderFrom: the behaviours of Kafka's HeaderFromTest (key/value, move/copy, with/without schema)."""

from __future__ import annotations

from typing import Any

import pytest

from connect_data import ConnectHeaders, DataException, Schema, SchemaBuilder, Struct
from connect_data.config import ConfigException
from connectors.record import SourceRecord
from connectors.transforms import HeaderFrom

SCHEMA = (
    SchemaBuilder.struct()
    .name("n")
    .field("field1", Schema.STRING_SCHEMA)
    .field("field2", Schema.INT32_SCHEMA)
    .field("field3", Schema.STRING_SCHEMA)
    .build()
)
MOVED_SCHEMA = SchemaBuilder.struct().name("n").field("field2", Schema.INT32_SCHEMA).build()


def transform(variant: type[HeaderFrom[Any]], operation: str, **extra: str) -> HeaderFrom[Any]:
    xform = variant()
    xform.configure(
        {
            "fields": "field1,field3",
            "headers": "inserted1,inserted3",
            "operation": operation,
            **extra,
        }
    )
    return xform


def struct_value() -> Struct:
    return Struct(SCHEMA).put("field1", "a").put("field2", 2).put("field3", "c")


def make_record(key_side: bool, schema: Schema | None, value: Any) -> SourceRecord:
    headers = ConnectHeaders().add_string("existing", "kept")
    if key_side:
        return SourceRecord(topic="t", key_schema=schema, key=value, value="v", headers=headers)
    return SourceRecord(topic="t", key="k", value_schema=schema, value=value, headers=headers)


@pytest.mark.parametrize("key_side", [False, True])
@pytest.mark.parametrize("operation", ["move", "copy"])
def test_with_schema(key_side: bool, operation: str) -> None:
    """Fields become headers with their schemas; move removes them from the struct."""
    variant = HeaderFrom.Key if key_side else HeaderFrom.Value
    out = transform(variant, operation).apply(make_record(key_side, SCHEMA, struct_value()))
    headers = [(h.key(), h.schema(), h.value()) for h in out.headers]
    assert headers == [
        ("existing", Schema.STRING_SCHEMA, "kept"),
        ("inserted1", Schema.STRING_SCHEMA, "a"),
        ("inserted3", Schema.STRING_SCHEMA, "c"),
    ]
    schema = out.key_schema if key_side else out.value_schema
    value = out.key if key_side else out.value
    if operation == "move":
        assert schema == MOVED_SCHEMA
        assert value == Struct(MOVED_SCHEMA).put("field2", 2)
    else:
        assert schema is SCHEMA
        assert value == struct_value()


@pytest.mark.parametrize("key_side", [False, True])
@pytest.mark.parametrize("operation", ["move", "copy"])
def test_schemaless(key_side: bool, operation: str) -> None:
    """Map entries become headers without schema; move removes them; missing ones give null."""
    variant = HeaderFrom.Key if key_side else HeaderFrom.Value
    value = {"field1": "a", "field2": 2}
    out = transform(variant, operation).apply(make_record(key_side, None, value))
    assert [(h.key(), h.schema(), h.value()) for h in out.headers] == [
        ("existing", Schema.STRING_SCHEMA, "kept"),
        ("inserted1", None, "a"),
        ("inserted3", None, None),
    ]
    expected = {"field2": 2} if operation == "move" else value
    assert (out.key if key_side else out.value) == expected


def test_original_headers_are_not_modified() -> None:
    """The input record keeps its headers."""
    record = make_record(False, None, {"field1": "a"})
    transform(HeaderFrom.Value, "copy").apply(record)
    assert len(record.headers) == 1


@pytest.mark.parametrize(
    ("props", "message"),
    [
        (
            {"fields": "a,b", "headers": "h", "operation": "copy"},
            "'fields' config must have the same number of elements as 'headers' config.",
        ),
        (
            {"fields": "a", "headers": "h", "operation": "cut"},
            "Invalid value cut for configuration operation",
        ),
        (
            {"fields": "", "headers": "h", "operation": "copy"},
            "Invalid value [] for configuration fields: Empty list",
        ),
    ],
)
def test_invalid_config(props: dict[str, str], message: str) -> None:
    """Mismatched lists, unknown operations and empty lists are ConfigExceptions."""
    with pytest.raises(ConfigException) as info:
        HeaderFrom.Value().configure(props)
    assert str(info.value).startswith(message)


def test_wrong_value_types() -> None:
    """A schema'd value must be a struct, a schemaless one a map."""
    xform = transform(HeaderFrom.Value, "copy")
    with pytest.raises(DataException, match=r"\[header copy\]"):
        xform.apply(make_record(False, SCHEMA, {"field1": "a"}))
    with pytest.raises(DataException, match=r"\[header copy\]"):
        xform.apply(make_record(False, None, "text"))


@pytest.mark.parametrize(("replace", "expected"), [("true", 5), ("false", None)])
def test_replace_null_with_default(replace: str, expected: int | None) -> None:
    """Null fields with a default are copied (and moved to headers) as the default or as null."""
    schema = (
        SchemaBuilder.struct()
        .field("field1", SchemaBuilder.int32().optional().default_value(5).build())
        .field("field3", SchemaBuilder.int32().optional().default_value(5).build())
        .field("other", SchemaBuilder.int32().optional().default_value(5).build())
        .build()
    )
    out = transform(HeaderFrom.Value, "move", **{"replace.null.with.default": replace}).apply(
        make_record(False, schema, Struct(schema))
    )
    header = out.headers.last_with_name("inserted1")
    assert header is not None and header.value() == expected
    assert out.value.get_without_default("other") == expected
