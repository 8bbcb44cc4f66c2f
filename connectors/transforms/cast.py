"""``Cast``: change the type of fields, or of the whole key or value.

A port of ``org.apache.kafka.connect.transforms.Cast``::

    transforms=types
    transforms.types.type=org.apache.kafka.connect.transforms.Cast$Value
    transforms.types.spec=id:int64,price:float64,active:boolean

A spec of a single type (``transforms.types.spec=int32``) casts the whole key or value.
"""

from __future__ import annotations

import base64
import datetime as _dt
import decimal
import logging
from abc import abstractmethod
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Final, Generic, TypeVar

from connect_data import (
    ConnectSchema,
    DataException,
    Date,
    Schema,
    SchemaBuilder,
    Struct,
    Time,
    Timestamp,
    Type,
)
from connect_data.config import ConfigDef, ConfigException, LambdaValidator
from connect_data.errors import class_name
from connect_data.javatext import to_java_string
from connect_data.values import Values
from connectors.record import ConnectRecord
from connectors.transforms.transformation import Transformation
from connectors.transforms.util.java_numbers import (
    NumberFormatError,
    narrow,
    parse_double,
    parse_float,
    parse_integer,
    to_double,
    to_float,
    to_long,
)
from connectors.transforms.util.lru_cache import SchemaCache
from connectors.transforms.util.record_side import RecordSide, nest_variants
from connectors.transforms.util.replace_null_with_default import (
    REPLACE_NULL_WITH_DEFAULT_CONFIG,
    define_replace_null_with_default,
)
from connectors.transforms.util.requirements import require_map, require_struct
from connectors.transforms.util.schema_util import copy_schema_basics
from connectors.transforms.util.simple_config import SimpleConfig
from connectors.transforms.util.version import connectpy_version

__all__ = ["Cast", "parse_field_types"]

log = logging.getLogger(__name__)

R = TypeVar("R", bound=ConnectRecord)

SPEC_CONFIG = "spec"

_PURPOSE = "cast types"
# The key under which a whole-value cast is kept (Java uses the otherwise impossible null).
_WHOLE_VALUE_CAST: Final = None

_SUPPORTED_INPUT: Final = (
    Type.INT8,
    Type.INT16,
    Type.INT32,
    Type.INT64,
    Type.FLOAT32,
    Type.FLOAT64,
    Type.BOOLEAN,
    Type.STRING,
    Type.BYTES,
)
_SUPPORTED_OUTPUT: Final = _SUPPORTED_INPUT[:-1]
_INPUT_TEXT: Final = "[" + ", ".join(t.name for t in _SUPPORTED_INPUT) + "]"
_OUTPUT_TEXT: Final = "[" + ", ".join(t.name for t in _SUPPORTED_OUTPUT) + "]"


def _java_split(text: str, separator: str) -> list[str]:
    """``String.split``: trailing empty strings are removed."""
    parts = text.split(separator)
    if len(parts) == 1:
        return parts
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def _no_enum_constant(name: str) -> str:
    return f"No enum constant org.apache.kafka.connect.data.Schema.Type.{name}"


def _output_type(schema_type: Type) -> Type:
    if schema_type not in _SUPPORTED_OUTPUT:
        raise ConfigException(
            f"Cast transformation does not support casting to {schema_type}; supported types "
            f"are {_OUTPUT_TEXT}"
        )
    return schema_type


def parse_field_types(mappings: Sequence[str]) -> dict[str | None, Type]:
    """A ``spec`` as a dict from field name (``None`` for the whole value) to target type."""
    casts: dict[str | None, Type] = {}
    whole_value = False
    for mapping in mappings:
        parts = _java_split(mapping, ":")
        if len(parts) > 2:
            raise ConfigException("renames", list(mappings), f"Invalid rename mapping: {mapping}")
        if len(parts) == 1:
            name = parts[0].strip().upper()
            if name not in Type.__members__:
                raise ConfigException(_no_enum_constant(name))
            casts[_WHOLE_VALUE_CAST] = _output_type(Type[name])
            whole_value = True
        else:
            type_text = parts[1].strip()
            name = type_text.upper()
            if name not in Type.__members__:
                raise ConfigException(
                    f"Invalid type found in casting spec: {type_text}",
                    f"java.lang.IllegalArgumentException: {_no_enum_constant(name)}",
                )
            casts[parts[0].strip()] = _output_type(Type[name])
    if whole_value and len(mappings) > 1:
        raise ConfigException(
            "Cast transformations that specify a type to cast the entire value to may ony "
            "specify a single cast in their spec"
        )
    return casts


def _validate_spec(_name: str, value: Any) -> None:
    if value is None or len(value) == 0:
        raise ConfigException("Must specify at least one field to cast.")
    parse_field_types(value)


# ---------------------------------------------------------------------------- value casting


def _unexpected(value: Any) -> DataException:
    return DataException(f"Unexpected type in Cast transformation: {class_name(value)}")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, decimal.Decimal)) and not isinstance(value, bool)


def _cast_to_integer(value: Any, bits: int) -> int:
    if _is_number(value):
        if bits == 64:
            return to_long(value, 64)
        return narrow(to_long(value, 32), bits)
    if isinstance(value, bool):
        return 1 if value else 0
    if isinstance(value, str):
        return parse_integer(value, bits)
    raise _unexpected(value)


def _cast_to_float32(value: Any) -> float:
    if _is_number(value):
        return to_float(value)
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, str):
        return parse_float(value)
    raise _unexpected(value)


def _cast_to_float64(value: Any) -> float:
    if _is_number(value):
        return to_double(value)
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, str):
        return parse_double(value)
    raise _unexpected(value)


def _cast_to_boolean(value: Any) -> bool:
    if _is_number(value):
        return to_long(value) != 0
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.lower() == "true"
    raise _unexpected(value)


def _cast_to_string(value: Any, schema: Schema | None) -> str:
    if isinstance(value, (_dt.date, _dt.time)):
        return str(Values.convert_to_string(None, value))
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return to_java_string(value, schema)


def _encode_logical_type(schema: Schema, value: Any) -> Any:
    name = schema.name()
    if name == Date.LOGICAL_NAME:
        return Date.from_logical(schema, value)
    if name == Time.LOGICAL_NAME:
        return Time.from_logical(schema, value)
    if name == Timestamp.LOGICAL_NAME:
        return Timestamp.from_logical(schema, value)
    return value


def _cast_value_to_type(schema: Schema | None, value: Any, target: Type) -> Any:
    if value is None:
        return None
    inferred = ConnectSchema.schema_type(type(value)) if schema is None else schema.type()
    if inferred is None:
        raise DataException(
            f"Cast transformation was passed a value of type {class_name(value)} which is not "
            "supported by Connect's data API"
        )
    if inferred not in _SUPPORTED_INPUT:
        raise DataException(
            f"Cast transformation does not support casting from {inferred}; supported types are "
            f"{_INPUT_TEXT}"
        )
    if schema is not None and schema.name() is not None and target is not Type.STRING:
        value = _encode_logical_type(schema, value)
    try:
        if target is Type.INT8:
            return _cast_to_integer(value, 8)
        if target is Type.INT16:
            return _cast_to_integer(value, 16)
        if target is Type.INT32:
            return _cast_to_integer(value, 32)
        if target is Type.INT64:
            return _cast_to_integer(value, 64)
        if target is Type.FLOAT32:
            return _cast_to_float32(value)
        if target is Type.FLOAT64:
            return _cast_to_float64(value)
        if target is Type.BOOLEAN:
            return _cast_to_boolean(value)
        if target is Type.STRING:
            return _cast_to_string(value, schema)
    except NumberFormatError as exc:
        raise DataException(
            f"Value ({to_java_string(value, schema)}) was out of range for requested data type"
        ) from exc
    raise DataException(f"{target} is not supported in the Cast transformation.")


def _builder_for(schema_type: Type) -> SchemaBuilder:
    if schema_type not in _SUPPORTED_OUTPUT:
        raise DataException(f"Unexpected type in Cast transformation: {schema_type}")
    return SchemaBuilder(schema_type)


class Cast(Transformation[R], Generic[R]):
    """Casts fields of a struct or map, or the whole key or value, to primitive types.

    Integers, floats, booleans and strings cast to any of ``int8`` ... ``float64``,
    ``boolean`` and ``string``; bytes cast to ``string`` (base64); Date, Time and Timestamp
    values cast through their numeric form (or to their ISO text). Defaults in the schema are
    cast too; the new schema is built once per input schema. Null keys or values pass through.
    Use :attr:`Cast.Key` or :attr:`Cast.Value`.
    """

    OVERVIEW_DOC: ClassVar[str] = (
        "Cast fields or the entire key or value to a specific type, e.g. to force an integer "
        "field to a smaller width. Cast from integers, floats, boolean and string to any other "
        "type, and cast binary to string (base64 encoded).<p/>Use the concrete transformation "
        "type designed for the record key (<code>org.apache.kafka.connect.transforms.Cast$Key"
        "</code>) or value (<code>org.apache.kafka.connect.transforms.Cast$Value</code>)."
    )

    CONFIG_DEF: ClassVar[ConfigDef] = define_replace_null_with_default(
        ConfigDef().define(
            SPEC_CONFIG,
            ConfigDef.Type.LIST,
            ConfigDef.NO_DEFAULT_VALUE,
            LambdaValidator.with_(
                _validate_spec,
                lambda: "list of colon-delimited pairs, e.g. <code>foo:bar,abc:xyz</code>",
            ),
            ConfigDef.Importance.HIGH,
            "List of fields and the type to cast them to of the form field1:type,field2:type to "
            "cast fields of Maps or Structs. A single type to cast the entire value. Valid types "
            "are int8, int16, int32, int64, float32, float64, boolean, and string. Note that "
            "binary fields can only be cast to string.",
        )
    )

    Key: ClassVar[type[Cast[Any]]]
    """Casts the record key or its fields (``Cast$Key``)."""
    Value: ClassVar[type[Cast[Any]]]
    """Casts the record value or its fields (``Cast$Value``)."""

    def __init__(self) -> None:
        self._casts: dict[str | None, Type] = {}
        self._whole_value_cast_type: Type | None = None
        self._replace_null_with_default = True
        self._cache: SchemaCache[Schema, Schema] = SchemaCache()

    @property
    @abstractmethod
    def _side(self) -> RecordSide:
        """The part of the record this variant works on."""

    def version(self) -> str:
        """The connectpy version."""
        return connectpy_version()

    def config(self) -> ConfigDef:
        """The definition of ``spec`` and ``replace.null.with.default``."""
        return self.CONFIG_DEF

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Read the cast spec."""
        config = SimpleConfig(self.CONFIG_DEF, configs)
        self._casts = parse_field_types(config.get_list(SPEC_CONFIG) or [])
        self._whole_value_cast_type = self._casts.get(_WHOLE_VALUE_CAST)
        self._replace_null_with_default = bool(config.get_boolean(REPLACE_NULL_WITH_DEFAULT_CONFIG))
        self._cache = SchemaCache()

    def apply(self, record: R) -> R:
        """The record with its key or value (or their fields) cast."""
        side = self._side
        value = side.value(record)
        if value is None:
            return record
        schema = side.schema(record)
        if schema is None:
            return self._apply_schemaless(record, value)
        return self._apply_with_schema(record, schema, value)

    def _apply_schemaless(self, record: R, value: Any) -> R:
        whole = self._whole_value_cast_type
        if whole is not None:
            return self._side.new_record(record, None, _cast_value_to_type(None, value, whole))
        mapping = require_map(value, _PURPOSE)
        updated = dict(mapping)
        for field_name, target in self._casts.items():
            if field_name is not None:
                updated[field_name] = _cast_value_to_type(None, mapping.get(field_name), target)
        return self._side.new_record(record, None, updated)

    def _apply_with_schema(self, record: R, schema: Schema, value: Any) -> R:
        updated_schema = self._get_or_build_schema(schema)
        whole = self._whole_value_cast_type
        if whole is not None:
            return self._side.new_record(
                record, updated_schema, _cast_value_to_type(schema, value, whole)
            )
        struct = require_struct(value, _PURPOSE)
        updated = Struct(updated_schema)
        with_default = self._replace_null_with_default
        casts = self._casts
        for field in struct.schema().fields():
            name = field.name()
            original = struct.get(field) if with_default else struct.get_without_default(name)
            target = casts.get(name)
            new_value = (
                original
                if target is None
                else _cast_value_to_type(field.schema(), original, target)
            )
            target_field = updated_schema.field(name)
            if target_field is None:
                raise DataException(f"{name} is not a valid field name")
            updated.put(target_field, new_value)
        return self._side.new_record(record, updated_schema, updated)

    def _get_or_build_schema(self, schema: Schema) -> Schema:
        updated = self._cache.get(schema)
        if updated is not None:
            return updated
        whole = self._whole_value_cast_type
        if whole is not None:
            builder = copy_schema_basics(schema, _builder_for(whole))
        else:
            builder = copy_schema_basics(schema, SchemaBuilder.struct())
            for field in schema.fields():
                target = self._casts.get(field.name())
                if target is None:
                    builder.field(field.name(), field.schema())
                    continue
                field_builder = _builder_for(target)
                field_schema = field.schema()
                if field_schema.is_optional():
                    field_builder.optional()
                if field_schema.default_value() is not None:
                    field_builder.default_value(
                        _cast_value_to_type(
                            field_schema, field_schema.default_value(), field_builder.type()
                        )
                    )
                builder.field(field.name(), field_builder.build())
        if schema.is_optional():
            builder.optional()
        if schema.default_value() is not None:
            builder.default_value(
                _cast_value_to_type(schema, schema.default_value(), builder.type())
            )
        updated = builder.build()
        self._cache.put(schema, updated)
        return updated


nest_variants(
    Cast,
    "Casts the record key or its fields (``Cast$Key``).",
    "Casts the record value or its fields (``Cast$Value``).",
)
