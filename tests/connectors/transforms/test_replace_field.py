"""ReplaceField: the behaviours of Kafka's ReplaceFieldTest, aliases and replace.null.with.default."""

from __future__ import annotations

from typing import Any

import pytest

from connect_data import DataException, Schema, SchemaBuilder, Struct
from connect_data.config import ConfigException
from connectors.record import SinkRecord
from connectors.transforms import ReplaceField

SCHEMA = (
    SchemaBuilder.struct()
    .name("n")
    .field("dont", Schema.STRING_SCHEMA)
    .field("abc", Schema.INT32_SCHEMA)
    .field("foo", Schema.BOOLEAN_SCHEMA)
    .field("etc", Schema.STRING_SCHEMA)
    .build()
)


def configured(
    props: dict[str, Any], variant: type[ReplaceField[Any]] = ReplaceField.Value
) -> ReplaceField[Any]:
    xform = variant()
    xform.configure(props)
    return xform


def struct_value() -> Struct:
    return Struct(SCHEMA).put("dont", "whatever").put("abc", 42).put("foo", True).put("etc", "etc")


def record(value: Any, schema: Schema | None = None) -> SinkRecord:
    return SinkRecord(
        topic="test", kafka_partition=0, value_schema=schema, value=value, kafka_offset=0
    )


@pytest.mark.parametrize("exclude_key", ["exclude", "blacklist"])
def test_schemaless_exclude_and_rename(exclude_key: str) -> None:
    """Excluded fields are dropped and the others renamed (blacklist is read as exclude)."""
    xform = configured({exclude_key: "dont", "renames": "abc:xyz,foo:bar"})
    value = {"dont": "whatever", "abc": 42, "foo": True, "etc": "etc"}
    assert xform.apply(record(value)).value == {"xyz": 42, "bar": True, "etc": "etc"}


@pytest.mark.parametrize("include_key", ["include", "whitelist"])
def test_with_schema_include_and_rename(include_key: str) -> None:
    """Only included fields are kept, renamed, in a schema built once per input schema."""
    xform = configured({include_key: "abc,foo", "renames": "abc:xyz,foo:bar"})
    out = xform.apply(record(struct_value(), SCHEMA))
    assert [f.name() for f in out.value.schema().fields()] == ["xyz", "bar"]
    assert out.value.get_int32("xyz") == 42
    assert out.value.get_boolean("bar") is True
    assert out.value_schema.name() == "n"
    assert xform.apply(record(struct_value(), SCHEMA)).value_schema is out.value_schema


def test_exclude_takes_precedence_over_include() -> None:
    """A field both included and excluded is dropped."""
    xform = configured({"include": "abc,foo", "exclude": "foo"})
    assert xform.apply(record({"abc": 1, "foo": 2, "x": 3})).value == {"abc": 1}


def test_new_name_wins_over_deprecated_alias() -> None:
    """With both include and whitelist set, include is used."""
    xform = configured({"include": "abc", "whitelist": "foo"})
    assert xform.apply(record({"abc": 1, "foo": 2})).value == {"abc": 1}


def test_key_variant_and_tombstones() -> None:
    """The key variant works on the key; a null key or value passes through."""
    xform = configured({"exclude": "a"}, ReplaceField.Key)
    out = xform.apply(
        SinkRecord(topic="t", kafka_partition=0, key={"a": 1, "b": 2}, kafka_offset=0)
    )
    assert out.key == {"b": 2}
    tombstone = record(None, SCHEMA)
    assert configured({"exclude": "a"}).apply(tombstone) is tombstone


def test_non_map_schemaless_value_is_an_error() -> None:
    """Without a schema the value must be a map."""
    with pytest.raises(DataException, match=r"\[field replacement\]"):
        configured({"exclude": "a"}).apply(record("text"))


@pytest.mark.parametrize("renames", ["abc", "abc:xyz:extra", "abc:xyz,foo", ":", "a:"])
def test_invalid_rename_mapping(renames: str) -> None:
    """A rename that is not exactly one old:new pair is a ConfigException."""
    with pytest.raises(ConfigException, match=r"Invalid rename mapping"):
        configured({"renames": renames})


def test_rename_validator_text() -> None:
    """The renames validator documents its format as Java does."""
    key = ReplaceField.CONFIG_DEF.config_keys()["renames"]
    assert str(key.validator) == "list of colon-delimited pairs, e.g. <code>foo:bar,abc:xyz</code>"


@pytest.mark.parametrize(("replace", "expected"), [("true", 5), ("false", None)])
def test_replace_null_with_default(replace: str, expected: int | None) -> None:
    """A null field with a default is copied as the default, or kept null when disabled."""
    schema = (
        SchemaBuilder.struct()
        .field("d", SchemaBuilder.int32().optional().default_value(5).build())
        .build()
    )
    xform = configured({"renames": "d:e", "replace.null.with.default": replace})
    out = xform.apply(record(Struct(schema), schema))
    assert out.value.get_without_default("e") == expected
