"""``DropHeaders``: remove headers by name.

A port of ``org.apache.kafka.connect.transforms.DropHeaders``::

    transforms=clean
    transforms.clean.type=org.apache.kafka.connect.transforms.DropHeaders
    transforms.clean.headers=trace-id,debug
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

from connect_data import ConnectHeaders
from connect_data.config import ConfigDef
from connectors.record import ConnectRecord
from connectors.transforms.transformation import Transformation
from connectors.transforms.util.simple_config import SimpleConfig
from connectors.transforms.util.validators import NonEmptyListValidator
from connectors.transforms.util.version import connectpy_version

__all__ = ["DropHeaders"]

R = TypeVar("R", bound=ConnectRecord)

HEADERS_FIELD = "headers"


class DropHeaders(Transformation[R], Generic[R]):
    """Removes every header whose name is in ``headers``; the other headers keep their order."""

    OVERVIEW_DOC: ClassVar[str] = "Removes one or more headers from each record."

    CONFIG_DEF: ClassVar[ConfigDef] = ConfigDef().define(
        HEADERS_FIELD,
        ConfigDef.Type.LIST,
        ConfigDef.NO_DEFAULT_VALUE,
        NonEmptyListValidator(),
        ConfigDef.Importance.HIGH,
        "The name of the headers to be removed.",
    )

    def __init__(self) -> None:
        self._headers: frozenset[str] = frozenset()

    def version(self) -> str:
        """The connectpy version."""
        return connectpy_version()

    def config(self) -> ConfigDef:
        """The definition of ``headers``."""
        return self.CONFIG_DEF

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Read the header names."""
        config = SimpleConfig(self.CONFIG_DEF, configs)
        self._headers = frozenset(config.get_list(HEADERS_FIELD) or ())

    def apply(self, record: R) -> R:
        """The record without the named headers."""
        dropped = self._headers
        kept = ConnectHeaders(header for header in record.headers if header.key() not in dropped)
        return record.new_record(headers=kept)
