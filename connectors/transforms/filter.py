"""``Filter``: drop records (usually those a predicate selects).

A port of ``org.apache.kafka.connect.transforms.Filter``::

    transforms=dropTombstones
    transforms.dropTombstones.type=org.apache.kafka.connect.transforms.Filter
    transforms.dropTombstones.predicate=isTombstone
    predicates=isTombstone
    predicates.isTombstone.type=org.apache.kafka.connect.transforms.predicates.RecordIsTombstone
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

from connect_data.config import ConfigDef
from connectors.record import ConnectRecord
from connectors.transforms.transformation import Transformation
from connectors.transforms.util.version import connectpy_version

__all__ = ["Filter"]

R = TypeVar("R", bound=ConnectRecord)


class Filter(Transformation[R], Generic[R]):
    """Drops every record it is applied to: combine it with a predicate (and ``negate``)."""

    OVERVIEW_DOC: ClassVar[str] = (
        "Drops all records, filtering them from subsequent transformations in the chain. This "
        "is intended to be used conditionally to filter out records matching (or not matching) "
        "a particular Predicate."
    )

    CONFIG_DEF: ClassVar[ConfigDef] = ConfigDef()

    def version(self) -> str:
        """The connectpy version."""
        return connectpy_version()

    def config(self) -> ConfigDef:
        """No settings."""
        return self.CONFIG_DEF

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Nothing to configure."""

    def apply(self, record: R) -> None:
        """``None``: the record is dropped."""
