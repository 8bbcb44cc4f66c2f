"""``SimpleHeaderConverter``: header values as text, read back with an inferred schema.

Port of ``org.apache.kafka.connect.storage.SimpleHeaderConverter``, Kafka Connect's default
``header.converter``. Writing turns any Connect value into text with
:meth:`Values.convert_to_string <connect_data.Values.convert_to_string>` (strings as they are,
lists ``[1,2]``, maps ``{"k":"v"}``, bytes as base64) and encodes it as UTF-8. Reading decodes
UTF-8 and parses the text with :meth:`Values.parse_string <connect_data.Values.parse_string>`,
which infers the most specific schema: ``true`` is a BOOLEAN, ``42`` an INT8, ``[1,2]`` an
array of INT8, ``{"a":1}`` a map, anything else a STRING. No schema is stored in the header.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from connect_data import DataException, Schema, SchemaAndValue, Values
from connect_data.config import ConfigDef
from converters import charsets
from converters.converter import HeaderConverter
from converters.version import connectpy_version

__all__ = ["SimpleHeaderConverter"]

_log = logging.getLogger(__name__)
_NULL = SchemaAndValue(None, None)
_CONFIG_DEF = ConfigDef()


class SimpleHeaderConverter(HeaderConverter):
    """Writes header values as UTF-8 text; reads them back with an inferred schema.

    >>> converter = SimpleHeaderConverter()
    >>> converter.from_connect_header("topic", "ids", None, [1, 2, 3])
    b'[1,2,3]'
    >>> converter.to_connect_header("topic", "ids", b"[1,2,3]").value()
    [1, 2, 3]
    """

    def version(self) -> str:
        """connectpy's version (Java: the Kafka version)."""
        return connectpy_version()

    def config(self) -> ConfigDef:
        """An empty definition: the converter takes no settings."""
        return _CONFIG_DEF

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Nothing to configure."""

    def from_connect_header(
        self, topic: str, header_key: str, schema: Schema | None, value: Any
    ) -> bytes | None:
        """The UTF-8 bytes of ``Values.convert_to_string(schema, value)``; ``None`` for ``None``.

        Raises :class:`DataException` for a value that has no text form.
        """
        if value is None:
            return None
        try:
            text = Values.convert_to_string(schema, value)
        except DataException:
            raise
        except Exception as exc:
            raise DataException(
                f"Failed to serialize value for header '{header_key}' on topic '{topic}':"
                f" {type(exc).__name__}: {exc}"
            ) from exc
        return None if text is None else charsets.UTF_8.encode(text)

    def to_connect_header(self, topic: str, header_key: str, data: bytes | None) -> SchemaAndValue:
        """The value parsed from the UTF-8 text, with its inferred schema.

        ``None`` and the text ``null`` give a null schema and value. Text that cannot be
        parsed is returned as the raw bytes with the BYTES schema (and a warning logged), as
        in Java.
        """
        if data is None:
            return _NULL
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise DataException(
                f"Failed to deserialize value for header '{header_key}' on topic '{topic}':"
                f" expected bytes, got {type(data).__name__}"
            )
        raw = bytes(data)
        try:
            result = Values.parse_string(charsets.UTF_8.decode(raw))
        except Exception as exc:
            _log.warning(
                "Failed to deserialize value for header '%s' on topic '%s', so using byte array"
                " (%s: %.200s)",
                header_key,
                topic,
                type(exc).__name__,
                exc,
            )
            _log.debug("header parse failure", exc_info=True)
            return SchemaAndValue(Schema.BYTES_SCHEMA, raw)
        return _NULL if result is None else result
