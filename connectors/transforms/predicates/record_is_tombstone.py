"""``RecordIsTombstone``: true for records whose value is null.

A port of ``org.apache.kafka.connect.transforms.predicates.RecordIsTombstone``::

    predicates=tombstone
    predicates.tombstone.type=org.apache.kafka.connect.transforms.predicates.RecordIsTombstone
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

from connect_data.config import ConfigDef
from connectors.record import ConnectRecord
from connectors.transforms.predicate import Predicate
from connectors.transforms.util.version import connectpy_version

__all__ = ["RecordIsTombstone"]

R = TypeVar("R", bound=ConnectRecord)


class RecordIsTombstone(Predicate[R], Generic[R]):
    """True when the record value is ``None`` (a tombstone, deleting its key in a compacted topic)."""

    OVERVIEW_DOC: ClassVar[str] = (
        "A predicate which is true for records which are tombstones (i.e. have null value)."
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

    def test(self, record: R) -> bool:
        """Whether the record value is ``None``."""
        return record.value is None

    def __repr__(self) -> str:
        return "RecordIsTombstone{}"
