"""``Flatten``: turn nested structs or maps into one level, joining field names.

A port of ``org.apache.kafka.connect.transforms.Flatten``::

    transforms=flat
    transforms.flat.type=org.apache.kafka.connect.transforms.Flatten$Value
    transforms.flat.delimiter=_

``{"a": {"b": 1}}`` becomes ``{"a_b": 1}``. Arrays are kept as they are.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar, Union

from connect_data import ConnectSchema, DataException, Field, Schema, SchemaBuilder, Struct, Type
from connect_data.config import ConfigDef
from connect_data.errors import class_name
from connectors.record import ConnectRecord
from connectors.transforms.transformation import Transformation
from connectors.transforms.util.lru_cache import SchemaCache
from connectors.transforms.util.record_side import RecordSide, nest_variants
from connectors.transforms.util.requirements import (
    require_map,
    require_map_or_null,
    require_struct_or_null,
)
from connectors.transforms.util.schema_util import copy_schema_basics
from connectors.transforms.util.simple_config import SimpleConfig
from connectors.transforms.util.version import connectpy_version

__all__ = ["Flatten"]

R = TypeVar("R", bound=ConnectRecord)

DELIMITER_CONFIG = "delimiter"
DELIMITER_DEFAULT = "."

_PURPOSE = "flattening"

_COPIED_TYPES = frozenset(
    {
        Type.INT8,
        Type.INT16,
        Type.INT32,
        Type.INT64,
        Type.FLOAT32,
        Type.FLOAT64,
        Type.BOOLEAN,
        Type.STRING,
        Type.BYTES,
        Type.ARRAY,
    }
)

# A compiled flattening of one struct schema: for each field either (source, target) to copy,
# or (source, nested plan) to descend into.
_Step = tuple[Field, Union[Field, "_Plan"]]
_Plan = tuple[_Step, ...]


class Flatten(Transformation[R], Generic[R]):
    """Flattens nested structs (with a schema) or maps (without) into a single level.

    Each flattened field is named by the names on its path joined with ``delimiter``. With a
    schema, a field under an optional struct becomes optional and takes its default from the
    parent's default; the flattened schema is built once per input schema. Null keys or values
    stay null. Use :attr:`Flatten.Key` or :attr:`Flatten.Value`.
    """

    OVERVIEW_DOC: ClassVar[str] = (
        "Flatten a nested data structure, generating names for each field by concatenating the "
        "field names at each level with a configurable delimiter character. Applies to Struct "
        "when schema present, or a Map in the case of schemaless data. Array fields and their "
        "contents are not modified. The default delimiter is '.'.<p/>Use the concrete "
        "transformation type designed for the record key "
        "(<code>org.apache.kafka.connect.transforms.Flatten$Key</code>) or value "
        "(<code>org.apache.kafka.connect.transforms.Flatten$Value</code>)."
    )

    CONFIG_DEF: ClassVar[ConfigDef] = ConfigDef().define(
        DELIMITER_CONFIG,
        ConfigDef.Type.STRING,
        DELIMITER_DEFAULT,
        importance=ConfigDef.Importance.MEDIUM,
        documentation=(
            "Delimiter to insert between field names from the input record when generating "
            "field names for the output record"
        ),
    )

    Key: ClassVar[type[Flatten[Any]]]
    """Flattens the record key (``Flatten$Key``)."""
    Value: ClassVar[type[Flatten[Any]]]
    """Flattens the record value (``Flatten$Value``)."""

    def __init__(self) -> None:
        self._delimiter = DELIMITER_DEFAULT
        self._cache: SchemaCache[Schema, tuple[Schema, _Plan]] = SchemaCache()

    @property
    @abstractmethod
    def _side(self) -> RecordSide:
        """The part of the record this variant works on."""

    def version(self) -> str:
        """The connectpy version."""
        return connectpy_version()

    def config(self) -> ConfigDef:
        """The definition of ``delimiter``."""
        return self.CONFIG_DEF

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Read the delimiter."""
        config = SimpleConfig(self.CONFIG_DEF, configs)
        self._delimiter = config.get_string(DELIMITER_CONFIG) or ""
        self._cache = SchemaCache()

    def _field_name(self, prefix: str, name: str) -> str:
        return name if not prefix else prefix + self._delimiter + name

    def apply(self, record: R) -> R:
        """The record with its key or value flattened."""
        side = self._side
        schema = side.schema(record)
        if schema is None:
            mapping = require_map_or_null(side.value(record), _PURPOSE)
            if mapping is None:
                return side.new_record(record, None, None)
            flattened: dict[str, Any] = {}
            self._flatten_map(mapping, "", flattened)
            return side.new_record(record, None, flattened)
        struct = require_struct_or_null(side.value(record), _PURPOSE)
        compiled = self._cache.get(schema)
        if compiled is None:
            compiled = self._compile(schema)
            self._cache.put(schema, compiled)
        updated_schema, plan = compiled
        if struct is None:
            return side.new_record(record, updated_schema, None)
        updated = Struct(updated_schema)
        _copy(plan, struct, updated)
        return side.new_record(record, updated_schema, updated)

    # ----------------------------------------------------------------- schemaless

    def _flatten_map(self, original: Mapping[Any, Any], prefix: str, out: dict[str, Any]) -> None:
        for key, value in original.items():
            name = self._field_name(prefix, _key_text(key))
            if value is None:
                out[name] = None
                continue
            inferred = ConnectSchema.schema_type(type(value))
            if inferred is None:
                raise DataException(
                    f"Flatten transformation was passed a value of type {class_name(value)} "
                    "which is not supported by Connect's data API"
                )
            if inferred in _COPIED_TYPES:
                out[name] = value
            elif inferred is Type.MAP:
                self._flatten_map(require_map(value, _PURPOSE), name, out)
            else:
                raise DataException(
                    f"Flatten transformation does not support {class_name(value)} for record "
                    f"without schemas (for field {name})."
                )

    # ----------------------------------------------------------------- with schema

    def _compile(self, schema: Schema) -> tuple[Schema, _Plan]:
        builder = copy_schema_basics(schema, SchemaBuilder.struct())
        default = schema.default_value()
        self._build_schema(schema, "", builder, schema.is_optional(), default)
        updated_schema = builder.build()
        return updated_schema, self._plan(schema, "", updated_schema)

    def _build_schema(
        self,
        schema: Schema,
        prefix: str,
        builder: SchemaBuilder,
        optional: bool,
        default_from_parent: Struct | None,
    ) -> None:
        for field in schema.fields():
            name = self._field_name(prefix, field.name())
            field_schema = field.schema()
            field_optional = optional or field_schema.is_optional()
            field_default = field_schema.default_value()
            if field_default is None and default_from_parent is not None:
                field_default = default_from_parent.get(field)
            field_type = field_schema.type()
            if field_type in _COPIED_TYPES:
                builder.field(
                    name, _convert_field_schema(field_schema, field_optional, field_default)
                )
            elif field_type is Type.STRUCT:
                self._build_schema(field_schema, name, builder, field_optional, field_default)
            else:
                raise DataException(
                    f"Flatten transformation does not support {field_type} for record with "
                    f"schemas (for field {name})."
                )

    def _plan(self, schema: Schema, prefix: str, updated_schema: Schema) -> _Plan:
        steps: list[_Step] = []
        for field in schema.fields():
            name = self._field_name(prefix, field.name())
            if field.schema().type() is Type.STRUCT:
                steps.append((field, self._plan(field.schema(), name, updated_schema)))
            else:
                target = updated_schema.field(name)
                if target is None:  # pragma: no cover - the schema was built from the same walk
                    raise DataException(f"{name} is not a valid field name")
                steps.append((field, target))
        return tuple(steps)

    def close(self) -> None:
        """Drop the cached schemas."""
        self._cache = SchemaCache()


def _key_text(key: Any) -> str:
    if not isinstance(key, str):
        raise DataException(
            f"Flatten transformation requires string map keys, found {class_name(key)}"
        )
    return key


def _convert_field_schema(original: Schema, optional: bool, default: Any) -> Schema:
    builder = copy_schema_basics(original)
    if optional:
        builder.optional()
    if default is not None:
        builder.default_value(default)
    return builder.build()


def _copy(plan: _Plan, source: Struct, target: Struct) -> None:
    for field, destination in plan:
        if isinstance(destination, Field):
            target.put(destination, source.get(field))
        else:
            nested = source.get_struct(field.name())
            if nested is not None:
                _copy(destination, nested, target)


nest_variants(
    Flatten,
    "Flattens the record key (``Flatten$Key``).",
    "Flattens the record value (``Flatten$Value``).",
)
