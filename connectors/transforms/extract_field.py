"""``ExtractField``: replace the key or value with one of its fields.

A port of ``org.apache.kafka.connect.transforms.ExtractField``::

    transforms=id
    transforms.id.type=org.apache.kafka.connect.transforms.ExtractField$Key
    transforms.id.field=id

With ``field.syntax.version=V2`` the field may be a path into nested structs or maps
(``customer.address.city``).
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

from connect_data import DataException
from connect_data.config import ConfigDef
from connectors.record import ConnectRecord
from connectors.transforms.field.field_syntax_version import FieldSyntaxVersion
from connectors.transforms.field.single_field_path import SingleFieldPath
from connectors.transforms.transformation import Transformation
from connectors.transforms.util.record_side import RecordSide, nest_variants
from connectors.transforms.util.replace_null_with_default import (
    REPLACE_NULL_WITH_DEFAULT_CONFIG,
    define_replace_null_with_default,
)
from connectors.transforms.util.requirements import require_map_or_null, require_struct_or_null
from connectors.transforms.util.simple_config import SimpleConfig
from connectors.transforms.util.version import connectpy_version

__all__ = ["ExtractField"]

R = TypeVar("R", bound=ConnectRecord)

FIELD_CONFIG = "field"

_PURPOSE = "field extraction"


class ExtractField(Transformation[R], Generic[R]):
    """Replaces the key or value by the named field of it (a :class:`~connect_data.Struct` or map).

    With a schema the new schema is the field's schema, and a field the schema does not have
    is an error; without a schema a missing field gives ``None``. Null keys or values stay
    null. Use :attr:`ExtractField.Key` or :attr:`ExtractField.Value`.
    """

    OVERVIEW_DOC: ClassVar[str] = (
        "Extract the specified field from a Struct when schema present, or a Map in the case of "
        "schemaless data. Any null values are passed through unmodified.<p/>Use the concrete "
        "transformation type designed for the record key "
        "(<code>org.apache.kafka.connect.transforms.ExtractField$Key</code>) or value "
        "(<code>org.apache.kafka.connect.transforms.ExtractField$Value</code>)."
    )

    CONFIG_DEF: ClassVar[ConfigDef] = FieldSyntaxVersion.append_config_to(
        define_replace_null_with_default(
            ConfigDef().define(
                FIELD_CONFIG,
                ConfigDef.Type.STRING,
                ConfigDef.NO_DEFAULT_VALUE,
                importance=ConfigDef.Importance.MEDIUM,
                documentation="Field name to extract.",
            )
        )
    )

    Key: ClassVar[type[ExtractField[Any]]]
    """Extracts from the record key (``ExtractField$Key``)."""
    Value: ClassVar[type[ExtractField[Any]]]
    """Extracts from the record value (``ExtractField$Value``)."""

    def __init__(self) -> None:
        self._original_path = ""
        self._field_path = SingleFieldPath("", FieldSyntaxVersion.V1)
        self._replace_null_with_default = True

    @property
    @abstractmethod
    def _side(self) -> RecordSide:
        """The part of the record this variant works on."""

    def version(self) -> str:
        """The connectpy version."""
        return connectpy_version()

    def config(self) -> ConfigDef:
        """The definition of ``field``, ``field.syntax.version`` and ``replace.null.with.default``."""
        return self.CONFIG_DEF

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Read the field (a path with ``field.syntax.version=V2``)."""
        config = SimpleConfig(self.CONFIG_DEF, configs)
        self._original_path = config.get_string(FIELD_CONFIG) or ""
        self._field_path = SingleFieldPath(
            self._original_path, FieldSyntaxVersion.from_config(config)
        )
        self._replace_null_with_default = bool(config.get_boolean(REPLACE_NULL_WITH_DEFAULT_CONFIG))

    def apply(self, record: R) -> R:
        """The record with its key or value replaced by the field."""
        side = self._side
        schema = side.schema(record)
        if schema is None:
            mapping = require_map_or_null(side.value(record), _PURPOSE)
            return side.new_record(
                record, None, None if mapping is None else self._field_path.value_from_map(mapping)
            )
        struct = require_struct_or_null(side.value(record), _PURPOSE)
        field = self._field_path.field_from(schema)
        if field is None:
            raise DataException(f"Unknown field: {self._original_path}")
        extracted = (
            None
            if struct is None
            else self._field_path.value_from_struct(struct, self._replace_null_with_default)
        )
        return side.new_record(record, field.schema(), extracted)


nest_variants(
    ExtractField,
    "Extracts a field of the record key (``ExtractField$Key``).",
    "Extracts a field of the record value (``ExtractField$Value``).",
)
