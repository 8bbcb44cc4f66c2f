"""StorageSchemaCompatibility: when a storage sink changes its reference schema, and projection."""

from __future__ import annotations

import pytest

from connect_data import Schema, SchemaBuilder, SchemaProjectorException, Struct
from connectors import SinkRecord
from connectors.jsonl import StorageSchemaCompatibility as Compat


def _schema(version: int | None, *extra: str) -> Schema:
    builder = SchemaBuilder.struct().name("todo").field("id", Schema.INT32_SCHEMA)
    for name in extra:
        builder.field(name, Schema.OPTIONAL_STRING_SCHEMA)
    if version is not None:
        builder.version(version)
    return builder.build()


V1 = _schema(1)
V2 = _schema(2, "title")
V3 = _schema(3, "title", "owner")


def _record(schema: Schema | None, value: object) -> SinkRecord:
    return SinkRecord(
        topic="todos",
        kafka_partition=0,
        key_schema=Schema.STRING_SCHEMA,
        key="k",
        value_schema=schema,
        value=value,
        kafka_offset=7,
    )


def _struct(schema: Schema, **values: object) -> Struct:
    struct = Struct(schema)
    for name, value in values.items():
        struct.put(name, value)
    return struct


@pytest.mark.parametrize(
    ("mode", "record_schema", "current", "expected"),
    [
        (Compat.NONE, V1, V1, False),
        (Compat.NONE, V2, V1, True),
        (Compat.NONE, V1, V2, True),
        (Compat.BACKWARD, V2, V1, True),
        (Compat.BACKWARD, V1, V2, False),
        (Compat.BACKWARD, V2, V2, False),
        (Compat.FULL, V3, V2, True),
        (Compat.FULL, V1, V3, False),
        (Compat.FORWARD, V1, V2, True),
        (Compat.FORWARD, V3, V2, False),
        (Compat.FORWARD, V2, V2, False),
    ],
)
def test_should_change_schema_by_version(
    mode: Compat, record_schema: Schema, current: Schema, expected: bool
) -> None:
    """BACKWARD/FULL change on a higher version, FORWARD on a lower one, NONE on any change."""
    assert mode.should_change_schema(_record(record_schema, None), None, current) is expected


@pytest.mark.parametrize("mode", list(Compat))
def test_both_schemaless_never_changes(mode: Compat) -> None:
    """Two schemaless records never change the (absent) reference schema."""
    assert mode.should_change_schema(_record(None, {"a": 1}), None, None) is False


@pytest.mark.parametrize("mode", list(Compat))
@pytest.mark.parametrize(("record_schema", "current"), [(None, V1), (V1, None)])
def test_switching_between_schema_and_schemaless_is_refused(
    mode: Compat, record_schema: Schema | None, current: Schema | None
) -> None:
    """Mixing records with and without value schemas raises in every mode."""
    with pytest.raises(SchemaProjectorException, match="schema-based and schema-less"):
        mode.should_change_schema(_record(record_schema, None), None, current)


@pytest.mark.parametrize("mode", [Compat.BACKWARD, Compat.FORWARD, Compat.FULL])
def test_versions_are_required_except_for_none(mode: Compat) -> None:
    """Comparing modes refuse schemas without a version; NONE compares them by equality."""
    unversioned = _schema(None, "title")
    with pytest.raises(SchemaProjectorException, match=f"Schema version required for {mode.value}"):
        mode.should_change_schema(_record(unversioned, None), None, V1)
    assert Compat.NONE.should_change_schema(_record(unversioned, None), None, V1) is True


def test_backward_projects_an_older_record_onto_the_newer_schema() -> None:
    """An older record gets the newer schema, its new optional fields null."""
    record = _record(V1, _struct(V1, id=4))
    projected = Compat.BACKWARD.project(record, None, V3)
    assert projected.value_schema is V3
    assert projected.value == _struct(V3, id=4)
    assert projected.value.get("owner") is None
    assert (projected.topic, projected.kafka_offset, projected.key) == ("todos", 7, "k")
    assert projected.key_schema is None


def test_forward_projects_a_newer_record_onto_the_older_schema() -> None:
    """A newer record loses the fields the older reference lacks."""
    record = _record(V3, _struct(V3, id=4, title="t", owner="o"))
    projected = Compat.FORWARD.project(record, Schema.STRING_SCHEMA, V1)
    assert projected.value == _struct(V1, id=4)
    assert projected.key_schema is Schema.STRING_SCHEMA


def test_none_never_projects() -> None:
    """NONE returns the record itself whatever the reference."""
    record = _record(V1, _struct(V1, id=1))
    assert Compat.NONE.project(record, None, V3) is record


def test_equal_schemas_return_the_record_itself() -> None:
    """No projection (and no copy) when the record already has the reference schema."""
    record = _record(V2, _struct(V2, id=1, title="a"))
    assert Compat.BACKWARD.project(record, None, _schema(2, "title")) is record


def test_numbers_widen_when_projected() -> None:
    """An int32 field projects onto an int64 field of a newer version with the same value."""
    old = SchemaBuilder.struct().field("views", Schema.INT32_SCHEMA).version(1).build()
    new = SchemaBuilder.struct().field("views", Schema.INT64_SCHEMA).version(2).build()
    projected = Compat.BACKWARD.project(_record(old, _struct(old, views=2**31 - 1)), None, new)
    assert projected.value.get("views") == 2**31 - 1
    assert projected.value_schema is new


def test_unprojectable_values_raise() -> None:
    """A narrowing (int64 onto int32) raises SchemaProjectorException."""
    wide = SchemaBuilder.struct().field("views", Schema.INT64_SCHEMA).version(2).build()
    narrow = SchemaBuilder.struct().field("views", Schema.INT32_SCHEMA).version(1).build()
    with pytest.raises(SchemaProjectorException):
        Compat.FORWARD.project(_record(wide, _struct(wide, views=2**40)), None, narrow)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("BACKWARD", Compat.BACKWARD),
        ("full", Compat.FULL),
        (" Forward ", Compat.FORWARD),
        ("NONE", Compat.NONE),
        ("bogus", Compat.NONE),
        (None, Compat.NONE),
    ],
)
def test_get_compatibility(name: str | None, expected: Compat) -> None:
    """Names are matched case-insensitively; anything unknown is NONE, as in Java."""
    assert Compat.get_compatibility(name) is expected
