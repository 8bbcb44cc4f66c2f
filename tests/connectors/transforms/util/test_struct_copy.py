"""connectors.transforms.util.struct_copy: copying named fields into a struct of another schema."""

from __future__ import annotations

import pytest

from connect_data import DataException, Schema, SchemaBuilder, Struct
from connectors.transforms.util.struct_copy import copies_by_name, copy_fields

SOURCE = (
    SchemaBuilder.struct()
    .field("id", Schema.INT32_SCHEMA)
    .field("name", SchemaBuilder.string().optional().default_value("anon").build())
    .build()
)
RENAMED = (
    SchemaBuilder.struct()
    .field("key", Schema.INT32_SCHEMA)
    .field("label", SchemaBuilder.string().optional().default_value("anon").build())
    .build()
)


def test_copies_by_name_pairs_each_field_with_its_own_name() -> None:
    """Without renames every field of the schema takes the source field of its name."""
    assert [(f.name(), n) for f, n in copies_by_name(SOURCE)] == [("id", "id"), ("name", "name")]


@pytest.mark.parametrize(("replace", "label"), [(True, "anon"), (False, None)])
def test_copy_fields_copies_renamed_fields_and_replaces_null_per_setting(
    replace: bool, label: str | None
) -> None:
    """Each target field takes its named source field; a null gives the default only if asked."""
    source = Struct(SOURCE).put("id", 7)
    copies = tuple(zip(RENAMED.fields(), ("id", "name"), strict=True))
    target = copy_fields(source, RENAMED, copies, replace)
    assert target.schema() is RENAMED
    assert target.get_without_default("key") == 7
    assert target.get_without_default("label") == label


def test_copy_fields_names_a_source_field_that_does_not_exist() -> None:
    """A copy from a field the source lacks is a DataException naming it."""
    key = RENAMED.field("key")
    assert key is not None
    copies = ((key, "missing"),)
    with pytest.raises(DataException, match="missing"):
        copy_fields(Struct(SOURCE).put("id", 1), RENAMED, copies, True)
