"""``TimestampConverter``: convert timestamps between epoch numbers, strings and Connect types.

A port of ``org.apache.kafka.connect.transforms.TimestampConverter``::

    transforms=ts
    transforms.ts.type=org.apache.kafka.connect.transforms.TimestampConverter$Value
    transforms.ts.field=created_at
    transforms.ts.target.type=string
    transforms.ts.format=yyyy-MM-dd'T'HH:mm:ss.SSSXXX

``format`` is a Java ``SimpleDateFormat`` pattern, applied in UTC.
"""

from __future__ import annotations

import datetime as _dt
from abc import abstractmethod
from collections.abc import Mapping
from typing import Any, ClassVar, Final, Generic, TypeVar

from connect_data import (
    ConnectException,
    DataException,
    Date,
    Schema,
    SchemaBuilder,
    Struct,
    Time,
    Timestamp,
    Type,
)
from connect_data.config import ConfigDef, ConfigException, ValidString
from connect_data.errors import class_name
from connect_data.logical import datetime_from_millis, timestamp_millis
from connectors.record import ConnectRecord
from connectors.transforms.transformation import Transformation
from connectors.transforms.util.lru_cache import SchemaCache
from connectors.transforms.util.record_side import RecordSide, nest_variants
from connectors.transforms.util.replace_null_with_default import (
    REPLACE_NULL_WITH_DEFAULT_CONFIG,
    define_replace_null_with_default,
)
from connectors.transforms.util.requirements import require_map, require_struct_or_null
from connectors.transforms.util.schema_util import copy_schema_basics
from connectors.transforms.util.simple_config import SimpleConfig
from connectors.transforms.util.simple_date_format import ParseError, SimpleDateFormat
from connectors.transforms.util.version import connectpy_version

__all__ = ["TimestampConverter"]

R = TypeVar("R", bound=ConnectRecord)

FIELD_CONFIG = "field"
TARGET_TYPE_CONFIG = "target.type"
FORMAT_CONFIG = "format"
UNIX_PRECISION_CONFIG = "unix.precision"

TYPE_STRING: Final = "string"
TYPE_UNIX: Final = "unix"
TYPE_DATE: Final = "Date"
TYPE_TIME: Final = "Time"
TYPE_TIMESTAMP: Final = "Timestamp"

UNIX_PRECISION_MILLIS: Final = "milliseconds"
UNIX_PRECISION_MICROS: Final = "microseconds"
UNIX_PRECISION_NANOS: Final = "nanoseconds"
UNIX_PRECISION_SECONDS: Final = "seconds"

_PURPOSE = "converting timestamp formats"
_MILLIS_PER_DAY: Final = 86_400_000
_LONG_MIN: Final = -(1 << 63)
_LONG_MAX: Final = (1 << 63) - 1

OPTIONAL_DATE_SCHEMA: Final = Date.builder().optional().schema()
OPTIONAL_TIMESTAMP_SCHEMA: Final = Timestamp.builder().optional().schema()
OPTIONAL_TIME_SCHEMA: Final = Time.builder().optional().schema()


def _saturated_multiply(value: int, factor: int) -> int:
    """``TimeUnit`` conversion to a finer unit: the product, clamped to the ``long`` range."""
    return max(_LONG_MIN, min(_LONG_MAX, value * factor))


def _truncated_divide(value: int, divisor: int) -> int:
    """Java's ``long`` division: rounds towards zero."""
    quotient = abs(value) // divisor
    return -quotient if value < 0 else quotient


def _instant_millis(value: _dt.date | _dt.time) -> int:
    """Milliseconds since the epoch of what Java holds as a ``java.util.Date``."""
    if isinstance(value, _dt.datetime):
        return timestamp_millis(value)
    if isinstance(value, _dt.date):
        return (value.toordinal() - _dt.date(1970, 1, 1).toordinal()) * _MILLIS_PER_DAY
    return Time.from_logical(Time.SCHEMA, value)


class _Config:
    """The parsed settings, shared by the translators."""

    __slots__ = ("field", "format", "type", "unix_precision")

    def __init__(
        self, field: str, type_: str, date_format: SimpleDateFormat | None, unix_precision: str
    ) -> None:
        self.field = field
        self.type = type_
        self.format = date_format
        self.unix_precision = unix_precision


class _Translator:
    """One timestamp representation: to and from epoch milliseconds, and its schema."""

    def to_raw(self, config: _Config, original: Any) -> int:
        raise NotImplementedError

    def type_schema(self, optional: bool) -> Schema:
        raise NotImplementedError

    def to_type(self, config: _Config, millis: int) -> Any:
        raise NotImplementedError


class _StringTranslator(_Translator):
    def to_raw(self, config: _Config, original: Any) -> int:
        if not isinstance(original, str):
            raise DataException(
                f"Expected string timestamp to be a String, but found {class_name(original)}"
            )
        date_format = _require_format(config)
        try:
            return date_format.parse(original)
        except ParseError as exc:
            raise DataException(
                f"Could not parse timestamp: value ({original}) does not match pattern "
                f"({date_format.to_pattern()})"
            ) from exc

    def type_schema(self, optional: bool) -> Schema:
        return Schema.OPTIONAL_STRING_SCHEMA if optional else Schema.STRING_SCHEMA

    def to_type(self, config: _Config, millis: int) -> str:
        return _require_format(config).format(millis)


def _require_format(config: _Config) -> SimpleDateFormat:
    if config.format is None:
        raise DataException(
            "TimestampConverter requires format option to be specified when using string timestamps"
        )
    return config.format


class _UnixTranslator(_Translator):
    def to_raw(self, config: _Config, original: Any) -> int:
        if not isinstance(original, int) or isinstance(original, bool):
            raise DataException(
                f"Expected Unix timestamp to be a Long, but found {class_name(original)}"
            )
        precision = config.unix_precision
        if precision == UNIX_PRECISION_SECONDS:
            return _saturated_multiply(original, 1000)
        if precision == UNIX_PRECISION_MICROS:
            return _truncated_divide(original, 1000)
        if precision == UNIX_PRECISION_NANOS:
            return _truncated_divide(original, 1_000_000)
        return original

    def type_schema(self, optional: bool) -> Schema:
        return Schema.OPTIONAL_INT64_SCHEMA if optional else Schema.INT64_SCHEMA

    def to_type(self, config: _Config, millis: int) -> int:
        precision = config.unix_precision
        if precision == UNIX_PRECISION_SECONDS:
            return _truncated_divide(millis, 1000)
        if precision == UNIX_PRECISION_MICROS:
            return _saturated_multiply(millis, 1000)
        if precision == UNIX_PRECISION_NANOS:
            return _saturated_multiply(millis, 1_000_000)
        return millis


class _TemporalTranslator(_Translator):
    """Date, Time and Timestamp: values Java holds as ``java.util.Date``."""

    def __init__(self, name: str, required: Schema, optional: Schema) -> None:
        self._name = name
        self._required = required
        self._optional = optional

    def to_raw(self, config: _Config, original: Any) -> int:
        if not isinstance(original, (_dt.date, _dt.time)):
            raise DataException(
                f"Expected {self._name} to be a java.util.Date, but found {class_name(original)}"
            )
        return _instant_millis(original)

    def type_schema(self, optional: bool) -> Schema:
        return self._optional if optional else self._required

    def to_type(self, config: _Config, millis: int) -> Any:
        if self._name == TYPE_DATE:
            return Date.to_logical(Date.SCHEMA, millis // _MILLIS_PER_DAY)
        if self._name == TYPE_TIME:
            return Time.to_logical(Time.SCHEMA, millis % _MILLIS_PER_DAY)
        return datetime_from_millis(millis)


_TRANSLATORS: Final[dict[str, _Translator]] = {
    TYPE_STRING: _StringTranslator(),
    TYPE_UNIX: _UnixTranslator(),
    TYPE_DATE: _TemporalTranslator(TYPE_DATE, Date.SCHEMA, OPTIONAL_DATE_SCHEMA),
    TYPE_TIME: _TemporalTranslator(TYPE_TIME, Time.SCHEMA, OPTIONAL_TIME_SCHEMA),
    TYPE_TIMESTAMP: _TemporalTranslator(
        TYPE_TIMESTAMP, Timestamp.SCHEMA, OPTIONAL_TIMESTAMP_SCHEMA
    ),
}


def _timestamp_type_from_schema(schema: Schema) -> str:
    name = schema.name()
    if name == Timestamp.LOGICAL_NAME:
        return TYPE_TIMESTAMP
    if name == Date.LOGICAL_NAME:
        return TYPE_DATE
    if name == Time.LOGICAL_NAME:
        return TYPE_TIME
    if schema.type() is Type.STRING:
        return TYPE_STRING
    if schema.type() is Type.INT64:
        return TYPE_UNIX
    raise ConnectException(f"Schema {schema} does not correspond to a known timestamp type format")


def _infer_timestamp_type(timestamp: Any) -> str:
    if isinstance(timestamp, (_dt.date, _dt.time)):
        return TYPE_TIMESTAMP
    if isinstance(timestamp, int) and not isinstance(timestamp, bool):
        return TYPE_UNIX
    if isinstance(timestamp, str):
        return TYPE_STRING
    raise DataException(
        f"TimestampConverter does not support {class_name(timestamp)} objects as timestamps"
    )


def _is_blank(text: str | None) -> bool:
    return text is None or not text.strip()


class TimestampConverter(Transformation[R], Generic[R]):
    """Converts a timestamp field (or the whole key or value) to ``target.type``.

    The source representation comes from the schema (Timestamp, Date, Time, a string or an
    INT64 epoch number) or, without a schema, from the value (``datetime``, ``int``, ``str``).
    Strings are read and written with ``format`` (a Java ``SimpleDateFormat`` pattern, in
    UTC); epoch numbers use ``unix.precision``. Use :attr:`TimestampConverter.Key` or
    :attr:`TimestampConverter.Value`.
    """

    OVERVIEW_DOC: ClassVar[str] = (
        "Convert timestamps between different formats such as Unix epoch, strings, and Connect "
        "Date/Timestamp types.Applies to individual fields or to the entire value.<p/>Use the "
        "concrete transformation type designed for the record key "
        "(<code>org.apache.kafka.connect.transforms.TimestampConverter$Key</code>) or value "
        "(<code>org.apache.kafka.connect.transforms.TimestampConverter$Value</code>)."
    )

    CONFIG_DEF: ClassVar[ConfigDef] = define_replace_null_with_default(
        ConfigDef()
        .define(
            FIELD_CONFIG,
            ConfigDef.Type.STRING,
            "",
            importance=ConfigDef.Importance.HIGH,
            documentation=(
                "The field containing the timestamp, or empty if the entire value is a timestamp"
            ),
        )
        .define(
            TARGET_TYPE_CONFIG,
            ConfigDef.Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE,
            ValidString.in_(TYPE_STRING, TYPE_UNIX, TYPE_DATE, TYPE_TIME, TYPE_TIMESTAMP),
            ConfigDef.Importance.HIGH,
            "The desired timestamp representation: string, unix, Date, Time, or Timestamp",
        )
        .define(
            FORMAT_CONFIG,
            ConfigDef.Type.STRING,
            "",
            importance=ConfigDef.Importance.MEDIUM,
            documentation=(
                "A SimpleDateFormat-compatible format for the timestamp. Used to generate the "
                "output when type=string or used to parse the input if the input is a string."
            ),
        )
        .define(
            UNIX_PRECISION_CONFIG,
            ConfigDef.Type.STRING,
            UNIX_PRECISION_MILLIS,
            ValidString.in_(
                UNIX_PRECISION_NANOS,
                UNIX_PRECISION_MICROS,
                UNIX_PRECISION_MILLIS,
                UNIX_PRECISION_SECONDS,
            ),
            ConfigDef.Importance.LOW,
            "The desired Unix precision for the timestamp: seconds, milliseconds, microseconds, "
            "or nanoseconds. Used to generate the output when type=unix or used to parse the "
            "input if the input is a Long.Note: This SMT will cause precision loss during "
            "conversions from, and to, values with sub-millisecond components.",
        )
    )

    Key: ClassVar[type[TimestampConverter[Any]]]
    """Converts the record key or one of its fields (``TimestampConverter$Key``)."""
    Value: ClassVar[type[TimestampConverter[Any]]]
    """Converts the record value or one of its fields (``TimestampConverter$Value``)."""

    def __init__(self) -> None:
        self._config = _Config("", TYPE_TIMESTAMP, None, UNIX_PRECISION_MILLIS)
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
        """The definition of ``field``, ``target.type``, ``format``, ``unix.precision`` and ``replace.null.with.default``."""
        return self.CONFIG_DEF

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Read the settings; ``format`` is required for ``target.type=string``."""
        config = SimpleConfig(self.CONFIG_DEF, configs)
        field = config.get_string(FIELD_CONFIG) or ""
        target_type = config.get_string(TARGET_TYPE_CONFIG) or ""
        pattern = config.get_string(FORMAT_CONFIG)
        unix_precision = config.get_string(UNIX_PRECISION_CONFIG) or UNIX_PRECISION_MILLIS
        self._replace_null_with_default = bool(config.get_boolean(REPLACE_NULL_WITH_DEFAULT_CONFIG))
        self._cache = SchemaCache()
        if target_type == TYPE_STRING and _is_blank(pattern):
            raise ConfigException(
                "TimestampConverter requires format option to be specified when using string "
                "timestamps"
            )
        date_format = None
        if pattern is not None and not _is_blank(pattern):
            try:
                date_format = SimpleDateFormat(pattern)
            except ValueError as exc:
                raise ConfigException(
                    "TimestampConverter requires a SimpleDateFormat-compatible pattern for "
                    f"string timestamps: {pattern}"
                ) from exc
        self._config = _Config(field, target_type, date_format, unix_precision)

    def apply(self, record: R) -> R:
        """The record with its timestamp converted."""
        if self._side.schema(record) is None:
            return self._apply_schemaless(record)
        return self._apply_with_schema(record)

    def _apply_with_schema(self, record: R) -> R:
        side = self._side
        operating_schema = side.schema(record)
        if operating_schema is None:  # pragma: no cover - apply() checked it
            return self._apply_schemaless(record)
        schema: Schema = operating_schema
        translator = _TRANSLATORS[self._config.type]
        if not self._config.field:
            return side.new_record(
                record,
                translator.type_schema(schema.is_optional()),
                self._convert(side.value(record), _timestamp_type_from_schema(schema)),
            )
        struct = require_struct_or_null(side.value(record), _PURPOSE)
        updated_schema = self._cache.get(schema)
        if updated_schema is None:
            builder = copy_schema_basics(schema, SchemaBuilder.struct())
            for field in schema.fields():
                if field.name() == self._config.field:
                    builder.field(
                        field.name(), translator.type_schema(field.schema().is_optional())
                    )
                else:
                    builder.field(field.name(), field.schema())
            if schema.is_optional():
                builder.optional()
            default = schema.default_value()
            if default is not None:
                builder.default_value(self._apply_to_struct(default, builder))
            updated_schema = builder.build()
            self._cache.put(schema, updated_schema)
        return side.new_record(
            record, updated_schema, self._apply_to_struct(struct, updated_schema)
        )

    def _apply_to_struct(self, value: Struct | None, updated_schema: Schema) -> Struct | None:
        if value is None:
            return None
        updated = Struct(updated_schema)
        with_default = self._replace_null_with_default
        target_name = self._config.field
        for field in value.schema().fields():
            name = field.name()
            field_value = value.get(field) if with_default else value.get_without_default(name)
            if name == target_name:
                field_value = self._convert(
                    field_value, _timestamp_type_from_schema(field.schema())
                )
            updated.put(name, field_value)
        return updated

    def _apply_schemaless(self, record: R) -> R:
        side = self._side
        raw = side.value(record)
        if raw is None or not self._config.field:
            return side.new_record(record, None, self._convert(raw, None))
        value = require_map(raw, _PURPOSE)
        updated = dict(value)
        updated[self._config.field] = self._convert(value.get(self._config.field), None)
        return side.new_record(record, None, updated)

    def _convert(self, timestamp: Any, timestamp_format: str | None) -> Any:
        """``timestamp`` (of ``timestamp_format``, inferred when ``None``) as the target type."""
        if timestamp is None:
            return None
        if timestamp_format is None:
            timestamp_format = _infer_timestamp_type(timestamp)
        source = _TRANSLATORS.get(timestamp_format)
        if source is None:  # pragma: no cover - formats come from the table above
            raise ConnectException(f"Unsupported timestamp type: {timestamp_format}")
        millis = source.to_raw(self._config, timestamp)
        target = _TRANSLATORS.get(self._config.type)
        if target is None:  # pragma: no cover - target.type is validated
            raise ConnectException(f"Unsupported timestamp type: {self._config.type}")
        return target.to_type(self._config, millis)


nest_variants(
    TimestampConverter,
    "Converts the record key or one of its fields (``TimestampConverter$Key``).",
    "Converts the record value or one of its fields (``TimestampConverter$Value``).",
)
