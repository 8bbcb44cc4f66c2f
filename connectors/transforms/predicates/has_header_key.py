"""``HasHeaderKey``: true for records with a header of a given name.

A port of ``org.apache.kafka.connect.transforms.predicates.HasHeaderKey``::

    predicates=traced
    predicates.traced.type=org.apache.kafka.connect.transforms.predicates.HasHeaderKey
    predicates.traced.name=trace-id
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

from connect_data.config import ConfigDef, NonEmptyString
from connectors.record import ConnectRecord
from connectors.transforms.predicate import Predicate
from connectors.transforms.util.simple_config import SimpleConfig
from connectors.transforms.util.version import connectpy_version

__all__ = ["HasHeaderKey"]

R = TypeVar("R", bound=ConnectRecord)

NAME_CONFIG = "name"


class HasHeaderKey(Predicate[R], Generic[R]):
    """True when the record has at least one header named ``name``."""

    OVERVIEW_DOC: ClassVar[str] = (
        "A predicate which is true for records with at least one header with the configured name."
    )

    CONFIG_DEF: ClassVar[ConfigDef] = ConfigDef().define(
        NAME_CONFIG,
        ConfigDef.Type.STRING,
        ConfigDef.NO_DEFAULT_VALUE,
        NonEmptyString(),
        ConfigDef.Importance.MEDIUM,
        "The header name.",
    )

    def __init__(self) -> None:
        self._name = ""

    def version(self) -> str:
        """The connectpy version."""
        return connectpy_version()

    def config(self) -> ConfigDef:
        """The definition of ``name``."""
        return self.CONFIG_DEF

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Read the header name."""
        self._name = SimpleConfig(self.CONFIG_DEF, configs).get_string(NAME_CONFIG) or ""

    def test(self, record: R) -> bool:
        """Whether the record has a header with the name."""
        name = self._name
        return any(header.key() == name for header in record.headers)

    def __repr__(self) -> str:
        return f"HasHeaderKey{{name={self._name}}}"
