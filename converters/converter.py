"""The converter interfaces: bytes in a topic <-> Kafka Connect data (``SchemaAndValue``).

Mirrors ``org.apache.kafka.connect.storage.Converter`` and ``HeaderConverter``. A worker builds
one converter per role (key, value, header) from the class named by ``key.converter`` /
``value.converter`` / ``header.converter`` and configures it with the keys that follow the
prefix (``value.converter.schemas.enable=false`` gives ``{"schemas.enable": "false"}``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from connect_data import Schema, SchemaAndValue

if TYPE_CHECKING:
    from connect_data.config import ConfigDef
    from connect_data.headers import ConnectHeaders

__all__ = ["Converter", "HeaderConverter"]


class Converter(ABC):
    """Turns Connect data into the bytes of a record key or value, and back."""

    @abstractmethod
    def configure(self, configs: Mapping[str, Any], is_key: bool) -> None:
        """Configure the converter; ``is_key`` tells whether it converts record keys or values."""

    @abstractmethod
    def from_connect_data(
        self,
        topic: str,
        schema: Schema | None,
        value: Any,
        headers: ConnectHeaders | None = None,
    ) -> bytes | None:
        """Serialize ``value`` (of ``schema``) for ``topic``; ``None`` means a null record part."""

    @abstractmethod
    def to_connect_data(
        self,
        topic: str,
        data: bytes | None,
        headers: ConnectHeaders | None = None,
    ) -> SchemaAndValue:
        """Deserialize bytes read from ``topic``; raises :class:`~connect_data.DataException`."""

    def config(self) -> ConfigDef:
        """The definition of this converter's configuration keys."""
        from connect_data.config import ConfigDef

        return ConfigDef()

    def close(self) -> None:  # noqa: B027  (optional hook, empty by default as in Java)
        """Release resources; the default does nothing."""


class HeaderConverter(ABC):
    """Turns the Connect value of a record header into header bytes, and back."""

    @abstractmethod
    def configure(self, configs: Mapping[str, Any]) -> None:
        """Configure the header converter."""

    @abstractmethod
    def from_connect_header(
        self, topic: str, header_key: str, schema: Schema | None, value: Any
    ) -> bytes | None:
        """Serialize one header value."""

    @abstractmethod
    def to_connect_header(self, topic: str, header_key: str, data: bytes | None) -> SchemaAndValue:
        """Deserialize one header value."""

    def config(self) -> ConfigDef:
        """The definition of this header converter's configuration keys."""
        from connect_data.config import ConfigDef

        return ConfigDef()

    def close(self) -> None:  # noqa: B027  (optional hook, empty by default as in Java)
        """Release resources; the default does nothing."""
