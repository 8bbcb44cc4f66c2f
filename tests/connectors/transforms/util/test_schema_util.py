"""copy_schema_basics: name, version, doc and parameters, not optionality or default."""

from __future__ import annotations

from connect_data import Schema, SchemaBuilder, Type
from connectors.transforms.util.schema_util import copy_schema_basics


def test_copies_metadata_into_given_builder() -> None:
    """Name, version, doc and parameters are copied onto the builder given."""
    source = (
        SchemaBuilder.struct().name("n").version(3).doc("d").parameter("k", "v").optional().build()
    )
    copied = copy_schema_basics(source, SchemaBuilder.struct()).build()
    assert (copied.name(), copied.version(), copied.doc()) == ("n", 3, "d")
    assert dict(copied.parameters() or {}) == {"k": "v"}
    assert not copied.is_optional()


def test_new_builder_keeps_array_and_map_item_schemas() -> None:
    """Without a builder, one of the same type is made (arrays and maps keep their parts)."""
    array = SchemaBuilder.array(Schema.STRING_SCHEMA).name("a").build()
    assert copy_schema_basics(array).build() == array
    mapping = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).doc("m").build()
    assert copy_schema_basics(mapping).build() == mapping
    assert copy_schema_basics(Schema.OPTIONAL_INT8_SCHEMA).type() is Type.INT8
