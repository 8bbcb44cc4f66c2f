"""``MaskField``: blank out fields, or replace them with a fixed value.

A port of ``org.apache.kafka.connect.transforms.MaskField``::

    transforms=hide
    transforms.hide.type=org.apache.kafka.connect.transforms.MaskField$Value
    transforms.hide.fields=ssn,phone
    transforms.hide.replacement=****
"""

from __future__ import annotations

import datetime as _dt
import decimal
from abc import abstractmethod
from collections.abc import Mapping
from typing import Any, ClassVar, Final, Generic, TypeVar

from connect_data import DataException, Schema, Struct, Type
from connect_data.config import ConfigDef, NonEmptyString
from connect_data.errors import class_name
from connect_data.values import Values
from connectors.record import ConnectRecord
from connectors.transforms.transformation import Transformation
from connectors.transforms.util.java_numbers import NumberFormatError, parse_big_decimal
from connectors.transforms.util.record_side import RecordSide, nest_variants
from connectors.transforms.util.replace_null_with_default import (
    REPLACE_NULL_WITH_DEFAULT_CONFIG,
    define_replace_null_with_default,
)
from connectors.transforms.util.requirements import require_map, require_struct
from connectors.transforms.util.simple_config import SimpleConfig
from connectors.transforms.util.validators import NonEmptyListValidator
from connectors.transforms.util.version import connectpy_version

__all__ = ["MaskField"]

R = TypeVar("R", bound=ConnectRecord)

FIELDS_CONFIG = "fields"
REPLACEMENT_CONFIG = "replacement"

_PURPOSE = "mask fields"
_EPOCH: Final = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)

# What a masked value becomes without a replacement: the "null value" of its type.
_NULL_VALUES: Final[tuple[tuple[type, Any], ...]] = (
    (bool, False),
    (int, 0),
    (float, 0.0),
    (decimal.Decimal, decimal.Decimal(0)),
    (str, ""),
    (_dt.datetime, _EPOCH),
    (_dt.date, _dt.date(1970, 1, 1)),
    (_dt.time, _dt.time(0)),
)


def _mask_with_null_value(value: Any) -> Any:
    for cls, masked in _NULL_VALUES:
        if isinstance(value, cls):
            return masked
    if isinstance(value, list):
        return []
    if isinstance(value, Mapping):
        return {}
    raise DataException(f"Cannot mask value of type: {class_name(value)}")


def _mask_with_replacement(value: Any, replacement: str, schema: Schema | None) -> Any:
    """``replacement`` converted to the type of ``value`` (by its schema, when there is one)."""
    schema_type = None if schema is None else schema.type()
    if isinstance(value, bool):
        pass
    elif isinstance(value, int):
        if schema_type is Type.INT8:
            return Values.convert_to_byte(None, replacement)
        if schema_type is Type.INT16:
            return Values.convert_to_short(None, replacement)
        if schema_type is Type.INT32:
            return Values.convert_to_integer(None, replacement)
        return Values.convert_to_long(None, replacement)
    elif isinstance(value, float):
        if schema_type is Type.FLOAT32:
            return Values.convert_to_float(None, replacement)
        return Values.convert_to_double(None, replacement)
    elif isinstance(value, str):
        return replacement
    elif isinstance(value, decimal.Decimal):
        try:
            return parse_big_decimal(replacement)
        except NumberFormatError as exc:
            raise DataException(
                f"Unable to convert {replacement} ({class_name(replacement)}) to number"
            ) from exc
    raise DataException(f"Cannot mask value of type {class_name(value)} with custom replacement.")


class MaskField(Transformation[R], Generic[R]):
    """Masks the named fields of a :class:`~connect_data.Struct` or map.

    Without ``replacement`` a masked field gets the empty value of its type (``0``, ``False``,
    ``""``, the epoch, an empty list or map); with it, numeric and string fields get the
    replacement converted to their type. Null fields stay null. Use :attr:`MaskField.Key` or
    :attr:`MaskField.Value`.
    """

    OVERVIEW_DOC: ClassVar[str] = (
        "Mask specified fields with a valid null value for the field type (i.e. 0, false, empty "
        "string, and so on).<p/>For numeric and string fields, an optional replacement value "
        "can be specified that is converted to the correct type.<p/>Use the concrete "
        "transformation type designed for the record key "
        "(<code>org.apache.kafka.connect.transforms.MaskField$Key</code>) or value "
        "(<code>org.apache.kafka.connect.transforms.MaskField$Value</code>)."
    )

    CONFIG_DEF: ClassVar[ConfigDef] = define_replace_null_with_default(
        ConfigDef()
        .define(
            FIELDS_CONFIG,
            ConfigDef.Type.LIST,
            ConfigDef.NO_DEFAULT_VALUE,
            NonEmptyListValidator(),
            ConfigDef.Importance.HIGH,
            "Names of fields to mask.",
        )
        .define(
            REPLACEMENT_CONFIG,
            ConfigDef.Type.STRING,
            None,
            NonEmptyString(),
            ConfigDef.Importance.LOW,
            "Custom value replacement, that will be applied to all 'fields' values (numeric or "
            "non-empty string values only).",
        )
    )

    Key: ClassVar[type[MaskField[Any]]]
    """Masks fields of the record key (``MaskField$Key``)."""
    Value: ClassVar[type[MaskField[Any]]]
    """Masks fields of the record value (``MaskField$Value``)."""

    def __init__(self) -> None:
        self._masked_fields: frozenset[str] = frozenset()
        self._replacement: str | None = None
        self._replace_null_with_default = True

    @property
    @abstractmethod
    def _side(self) -> RecordSide:
        """The part of the record this variant works on."""

    def version(self) -> str:
        """The connectpy version."""
        return connectpy_version()

    def config(self) -> ConfigDef:
        """The definition of ``fields``, ``replacement`` and ``replace.null.with.default``."""
        return self.CONFIG_DEF

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Read the fields to mask and the optional replacement."""
        config = SimpleConfig(self.CONFIG_DEF, configs)
        self._masked_fields = frozenset(config.get_list(FIELDS_CONFIG) or ())
        self._replacement = config.get_string(REPLACEMENT_CONFIG)
        self._replace_null_with_default = bool(config.get_boolean(REPLACE_NULL_WITH_DEFAULT_CONFIG))

    def apply(self, record: R) -> R:
        """The record with the fields of its key or value masked."""
        side = self._side
        if side.schema(record) is None:
            value = require_map(side.value(record), _PURPOSE)
            updated = dict(value)
            for name in self._masked_fields:
                updated[name] = self._masked(value.get(name), None)
            return side.new_record(record, None, updated)
        struct = require_struct(side.value(record), _PURPOSE)
        schema = struct.schema()
        result = Struct(schema)
        with_default = self._replace_null_with_default
        for field in schema.fields():
            original = (
                struct.get(field) if with_default else struct.get_without_default(field.name())
            )
            if field.name() in self._masked_fields:
                original = self._masked(original, field.schema())
            result.put(field, original)
        return side.new_record(record, side.schema(record), result)

    def _masked(self, value: Any, schema: Schema | None) -> Any:
        if value is None:
            return None
        if self._replacement is None:
            return _mask_with_null_value(value)
        return _mask_with_replacement(value, self._replacement, schema)


nest_variants(
    MaskField,
    "Masks fields of the record key (``MaskField$Key``).",
    "Masks fields of the record value (``MaskField$Value``).",
)
