"""The single message transformation interface (``org.apache.kafka.connect.transforms.Transformation``)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from connectors.record import ConnectRecord

if TYPE_CHECKING:
    from connect_data.config import ConfigDef

__all__ = ["Transformation"]

R = TypeVar("R", bound=ConnectRecord)


class Transformation(ABC, Generic[R]):
    """Changes or drops one record at a time, between a task and the converters.

    Named in a connector's configuration by ``transforms=<alias>,...`` with
    ``transforms.<alias>.type=<class>`` and its own keys as ``transforms.<alias>.<key>``; the
    runtime creates it with no arguments and calls :meth:`configure` with those keys (prefix
    removed). For sources it sees each :class:`~connectors.SourceRecord` after ``poll``; for
    sinks each :class:`~connectors.SinkRecord` before ``put``.

    :meth:`apply` must not modify its argument: return a new record (``record.new_record(...)``),
    the same record unchanged, or ``None`` to drop it. Keep per-record work small and do
    schema-dependent set-up once per schema (cache on the schema).
    """

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Configure the transformation; the default ignores the configuration."""

    @abstractmethod
    def apply(self, record: R) -> R | None:
        """The transformed record, or ``None`` to drop it."""

    @abstractmethod
    def config(self) -> ConfigDef:
        """The definition of this transformation's configuration keys."""

    def close(self) -> None:
        """Release resources; the default does nothing."""

    def version(self) -> str:
        """The version of this transformation (shown by ``connectpy plugins``)."""
        return "unknown"
