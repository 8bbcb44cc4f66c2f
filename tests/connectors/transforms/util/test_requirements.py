"""The shape checks of util.Requirements, with Java's messages."""

from __future__ import annotations

import pytest

from connect_data import DataException, Schema, SchemaBuilder, Struct
from connectors.record import SinkRecord, SourceRecord
from connectors.transforms.util.requirements import (
    require_map,
    require_map_or_null,
    require_schema,
    require_sink_record,
    require_struct,
    require_struct_or_null,
)


def test_require_schema() -> None:
    """A missing schema names the purpose."""
    assert require_schema(Schema.INT32_SCHEMA, "x") is Schema.INT32_SCHEMA
    with pytest.raises(DataException, match=r"^Schema required for \[updating\]$"):
        require_schema(None, "updating")


def test_require_map() -> None:
    """Maps pass; anything else names the purpose and the type found."""
    value = {"a": 1}
    assert require_map(value, "p") is value
    with pytest.raises(
        DataException,
        match=r"^Only Map objects supported in absence of schema for \[p\], found: int$",
    ):
        require_map(42, "p")
    with pytest.raises(DataException, match=r"found: null$"):
        require_map(None, "p")
    assert require_map_or_null(None, "p") is None


def test_require_struct() -> None:
    """Structs pass; anything else names the purpose and the type found."""
    struct = Struct(SchemaBuilder.struct().build())
    assert require_struct(struct, "p") is struct
    with pytest.raises(
        DataException, match=r"^Only Struct objects supported for \[p\], found: dict$"
    ):
        require_struct({}, "p")
    assert require_struct_or_null(None, "p") is None


def test_require_sink_record() -> None:
    """Only sink records pass."""
    sink = SinkRecord(topic="t", kafka_partition=0, kafka_offset=1)
    assert require_sink_record(sink, "p") is sink
    with pytest.raises(
        DataException, match=r"^Only SinkRecord supported for \[p\], found: SourceRecord$"
    ):
        require_sink_record(SourceRecord(topic="t"), "p")
