"""Conditions that decide whether a transformation applies (``org.apache.kafka.connect.transforms.predicates.Predicate``)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from connectors.record import ConnectRecord

if TYPE_CHECKING:
    from connect_data.config import ConfigDef

__all__ = ["Predicate"]

R = TypeVar("R", bound=ConnectRecord)


class Predicate(ABC, Generic[R]):
    """A test on a record that gates a transformation.

    Declared with ``predicates=<alias>,...`` and ``predicates.<alias>.type=<class>``, then
    attached with ``transforms.<t>.predicate=<alias>`` (and ``transforms.<t>.negate=true`` to
    apply the transformation when the test is false). Configured like a transformation.
    """

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Configure the predicate; the default ignores the configuration."""

    @abstractmethod
    def test(self, record: R) -> bool:
        """Whether the record matches."""

    @abstractmethod
    def config(self) -> ConfigDef:
        """The definition of this predicate's configuration keys."""

    def close(self) -> None:
        """Release resources; the default does nothing."""

    def version(self) -> str:
        """The version of this predicate (shown by ``connectpy plugins``)."""
        return "unknown"
