"""RecordSide: reading and replacing the key or the value; nested variant classes."""

from __future__ import annotations

from connect_data import ConnectHeaders, Schema
from connectors.record import SourceRecord
from connectors.transforms.util.record_side import KEY, VALUE, nest_variant


def test_key_and_value_sides() -> None:
    """Each side reads and replaces its own part and keeps the other."""
    record = SourceRecord(
        topic="t",
        key_schema=Schema.STRING_SCHEMA,
        key="k",
        value_schema=Schema.INT32_SCHEMA,
        value=1,
    )
    assert (KEY.schema(record), KEY.value(record)) == (Schema.STRING_SCHEMA, "k")
    assert (VALUE.schema(record), VALUE.value(record)) == (Schema.INT32_SCHEMA, 1)
    keyed = KEY.new_record(record, None, {"a": 1})
    assert (keyed.key_schema, keyed.key, keyed.value) == (None, {"a": 1}, 1)
    headers = ConnectHeaders().add_string("h", "v")
    valued = VALUE.new_record(record, Schema.STRING_SCHEMA, "x", headers)
    assert (valued.key, valued.value, valued.headers) == ("k", "x", headers)
    assert repr(KEY) == "KEY"


def test_nest_variant_names_the_class_as_nested() -> None:
    """The variant becomes Outer.Name, with a matching qualified name."""

    class Outer:
        pass

    class Inner(Outer):
        pass

    nest_variant(Outer, Inner, "Value")
    assert Outer.Value is Inner  # type: ignore[attr-defined]
    assert Inner.__qualname__.endswith("Outer.Value")
    assert Inner.__name__ == "Value"
