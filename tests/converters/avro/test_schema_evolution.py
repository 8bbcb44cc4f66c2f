"""Schema evolution end to end: v1 -> v2 as new subject versions, v1 records projected to v2.

v2 adds an optional field, adds a field with a default, and widens an int32 to an int64 - the
changes the registry's default BACKWARD compatibility accepts. Records written with v1 keep
their schema id; read back they carry v1's Connect schema, and SchemaProjector brings them to
v2. The same run goes through an in-memory registry and the persistent embedded one.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from confluent_kafka.schema_registry import Schema as RegistrySchema

from connect_data import (
    DataException,
    Schema,
    SchemaBuilder,
    SchemaProjector,
    SchemaProjectorException,
    Struct,
)
from converters.avro import AvroConverter, LocalSchemaRegistry

V1 = (
    SchemaBuilder.struct()
    .name("com.example.Customer")
    .version(1)
    .field("id", Schema.INT32_SCHEMA)
    .field("name", Schema.STRING_SCHEMA)
    .build()
)
V2 = (
    SchemaBuilder.struct()
    .name("com.example.Customer")
    .version(2)
    .field("id", Schema.INT64_SCHEMA)
    .field("name", Schema.STRING_SCHEMA)
    .field("email", Schema.OPTIONAL_STRING_SCHEMA)
    .field("tier", SchemaBuilder.string().default_value("basic").build())
    .build()
)

_scopes = itertools.count()


def _urls(tmp_path: Path) -> list[str]:
    return [f"mock://evolution-{next(_scopes)}", f"embedded://{tmp_path / 'registry.db'}"]


@pytest.mark.parametrize("backend", ["mock", "embedded"])
def test_v1_records_read_back_and_project_to_v2(tmp_path: Path, backend: str) -> None:
    """v1 and v2 register as versions 1 and 2; v1 bytes read as v1 and project onto v2."""
    url = _urls(tmp_path)[0 if backend == "mock" else 1]
    writer = AvroConverter()
    writer.configure({"schema.registry.url": url}, False)
    old = writer.from_connect_data("customers", V1, Struct(V1).put("id", 7).put("name", "Ada"))
    new_value = (
        Struct(V2).put("id", 2**40).put("name", "Grace").put("email", "g@x").put("tier", "gold")
    )
    new = writer.from_connect_data("customers", V2, new_value)
    assert old is not None and new is not None
    assert old[1:5] != new[1:5]

    registry = writer.schema_registry_client
    assert registry.get_versions("customers-value") == [1, 2]

    reader = AvroConverter()
    reader.configure({"schema.registry.url": url}, False)
    read_old = reader.to_connect_data("customers", old)
    read_new = reader.to_connect_data("customers", new)
    old_schema, new_schema = read_old.schema(), read_new.schema()
    assert old_schema is not None and new_schema is not None
    assert old_schema.version() == 1
    assert new_schema.version() == 2

    projected = SchemaProjector.project(old_schema, read_old.value(), new_schema)
    assert projected.get("id") == 7
    assert projected.get("name") == "Ada"
    assert projected.get("email") is None
    assert projected.get("tier") == "basic"
    assert read_new.value().get("id") == 2**40


def test_an_incompatible_change_is_refused_by_the_registry(tmp_path: Path) -> None:
    """Renaming a required field without default is not BACKWARD compatible: DataException."""
    url = f"embedded://{tmp_path / 'registry.db'}"
    converter = AvroConverter()
    converter.configure({"schema.registry.url": url}, False)
    converter.from_connect_data("customers", V1, Struct(V1).put("id", 1).put("name", "a"))
    renamed = (
        SchemaBuilder.struct()
        .name("com.example.Customer")
        .field("id", Schema.INT32_SCHEMA)
        .field("full_name", Schema.STRING_SCHEMA)
        .build()
    )
    with pytest.raises(DataException, match="incompatible with an earlier schema"):
        converter.from_connect_data(
            "customers", renamed, Struct(renamed).put("id", 1).put("full_name", "a")
        )


def test_compatibility_none_lets_any_change_through(tmp_path: Path) -> None:
    """With the subject's compatibility set to NONE the same change registers."""
    registry = LocalSchemaRegistry(tmp_path / "registry.db")
    registry.set_compatibility("t-value", "NONE")
    registry.register_schema("t-value", RegistrySchema('"int"'))
    assert registry.register_schema("t-value", RegistrySchema('"string"')) == 2


def test_narrowing_back_cannot_be_projected() -> None:
    """Projecting v2 data onto v1 fails: int64 does not narrow to int32."""
    value = Struct(V2).put("id", 1).put("name", "n").put("tier", "t")
    with pytest.raises(SchemaProjectorException):
        SchemaProjector.project(V2, value, V1)
