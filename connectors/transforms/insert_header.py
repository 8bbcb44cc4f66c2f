"""``InsertHeader``: add a header with a fixed value to every record.

A port of ``org.apache.kafka.connect.transforms.InsertHeader``::

    transforms=source
    transforms.source.type=org.apache.kafka.connect.transforms.InsertHeader
    transforms.source.header=origin
    transforms.source.value.literal=eu-west

The literal is parsed as ``Values.parseString`` does: ``42`` becomes an INT8 header, ``true`` a
BOOLEAN, ``[1,2]`` an array; other text stays a string.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

from connect_data import SchemaAndValue
from connect_data.config import ConfigDef, NonNullValidator
from connect_data.values import Values
from connectors.record import ConnectRecord
from connectors.transforms.transformation import Transformation
from connectors.transforms.util.simple_config import SimpleConfig
from connectors.transforms.util.version import connectpy_version

__all__ = ["InsertHeader"]

R = TypeVar("R", bound=ConnectRecord)

HEADER_FIELD = "header"
VALUE_LITERAL_FIELD = "value.literal"


class InsertHeader(Transformation[R], Generic[R]):
    """Adds the header ``header`` with the value parsed from ``value.literal`` to each record."""

    OVERVIEW_DOC: ClassVar[str] = "Add a header to each record."

    CONFIG_DEF: ClassVar[ConfigDef] = (
        ConfigDef()
        .define(
            HEADER_FIELD,
            ConfigDef.Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE,
            NonNullValidator(),
            ConfigDef.Importance.MEDIUM,
            "The name of the header.",
        )
        .define(
            VALUE_LITERAL_FIELD,
            ConfigDef.Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE,
            NonNullValidator(),
            ConfigDef.Importance.MEDIUM,
            "The literal value that is to be set as the header value on all records.",
        )
    )

    def __init__(self) -> None:
        self._header = ""
        self._literal_value: SchemaAndValue | None = None

    def version(self) -> str:
        """The connectpy version."""
        return connectpy_version()

    def config(self) -> ConfigDef:
        """The definition of ``header`` and ``value.literal``."""
        return self.CONFIG_DEF

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Read the header name and parse the literal."""
        config = SimpleConfig(self.CONFIG_DEF, configs)
        self._header = config.get_string(HEADER_FIELD) or ""
        self._literal_value = Values.parse_string(config.get_string(VALUE_LITERAL_FIELD))

    def apply(self, record: R) -> R:
        """The record with the header added (its other headers kept)."""
        headers = record.headers.duplicate()
        headers.add(self._header, self._literal_value)
        return record.new_record(headers=headers)
