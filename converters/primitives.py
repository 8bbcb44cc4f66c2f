"""Converters for single primitive values: the exact bytes of Kafka's own serializers.

Ports of ``org.apache.kafka.connect.converters``: :class:`ByteArrayConverter` (bytes passed
through), :class:`BooleanConverter` (one byte, ``01`` or ``00``), and the number converters
:class:`ShortConverter`, :class:`IntegerConverter`, :class:`LongConverter` (big-endian two's
complement, 2/4/8 bytes) and :class:`FloatConverter`, :class:`DoubleConverter` (big-endian
IEEE 754, 4/8 bytes). ``None`` is written as a null record part and read back as ``None``.
Each is also a header converter. Reading always gives the optional schema of the type.

Python has one ``int`` type where Java has ``Short``, ``Integer`` and ``Long``: the number
converters accept an ``int`` within the range of their type (never a ``bool``); the float
converters accept a ``float`` (never an ``int``, as Java's would not take an ``Integer``).
"""

from __future__ import annotations

import functools
import struct
from abc import abstractmethod
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from connect_data import DataException, Schema, SchemaAndValue, Type
from connect_data.config import ConfigDef
from connect_data.errors import class_name
from converters.converter import Converter, HeaderConverter
from converters.converter_config import ConverterConfig, with_converter_type
from converters.version import connectpy_version

if TYPE_CHECKING:
    from connect_data.headers import ConnectHeaders

__all__ = [
    "BooleanConverter",
    "BooleanConverterConfig",
    "ByteArrayConverter",
    "DoubleConverter",
    "FloatConverter",
    "IntegerConverter",
    "LongConverter",
    "NumberConverterConfig",
    "ShortConverter",
]

_BYTES_LIKE = (bytes, bytearray, memoryview)


def _check_data(topic: str, data: object, what: str) -> bytes:
    if isinstance(data, bytes):
        return data
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data)
    raise DataException(
        f"Failed to deserialize {what}: expected bytes, got {type(data).__name__} (topic {topic!r})"
    )


@functools.cache
def _type_only_config_def() -> ConfigDef:
    """The one :class:`ConfigDef` of these converters: only ``converter.type``."""
    return ConverterConfig.new_config_def()


class NumberConverterConfig(ConverterConfig):
    """The configuration of the number converters: only ``converter.type``."""

    @classmethod
    def config_def(cls) -> ConfigDef:
        """The shared :class:`ConfigDef` (do not modify)."""
        return _type_only_config_def()

    def __init__(self, props: Mapping[str, Any]) -> None:
        super().__init__(NumberConverterConfig.config_def(), props)


class BooleanConverterConfig(ConverterConfig):
    """The configuration of :class:`BooleanConverter`: only ``converter.type``."""

    @classmethod
    def config_def(cls) -> ConfigDef:
        """The shared :class:`ConfigDef` (do not modify)."""
        return _type_only_config_def()

    def __init__(self, props: Mapping[str, Any]) -> None:
        super().__init__(BooleanConverterConfig.config_def(), props)


class _PrimitiveConverter(Converter, HeaderConverter):
    """Shared plumbing, also of ``StringConverter``: ``version``, header methods as data methods."""

    @abstractmethod
    def configure(self, configs: Mapping[str, Any], is_key: bool | None = None) -> None:
        """Configure as a key/value converter (``is_key`` given) or as a header converter."""

    def version(self) -> str:
        """connectpy's version (Java: the Kafka version)."""
        return connectpy_version()

    def from_connect_header(
        self, topic: str, header_key: str, schema: Schema | None, value: Any
    ) -> bytes | None:
        """As :meth:`from_connect_data`."""
        return self.from_connect_data(topic, schema, value)

    def to_connect_header(self, topic: str, header_key: str, data: bytes | None) -> SchemaAndValue:
        """As :meth:`to_connect_data`."""
        return self.to_connect_data(topic, data)


class ByteArrayConverter(_PrimitiveConverter):
    """Passes raw bytes through unchanged; reads give the optional bytes schema.

    Writing accepts ``bytes``, ``bytearray`` and ``memoryview`` (returned as ``bytes``) with
    no schema or a BYTES schema.
    """

    def config(self) -> ConfigDef:
        """Only ``converter.type``."""
        return _type_only_config_def()

    def configure(self, configs: Mapping[str, Any], is_key: bool | None = None) -> None:
        """Nothing to configure (``converter.type`` is not even required, as in Java)."""

    def from_connect_data(
        self,
        topic: str,
        schema: Schema | None,
        value: Any,
        headers: ConnectHeaders | None = None,
    ) -> bytes | None:
        """``value`` itself; raises :class:`DataException` for a non-BYTES schema or non-bytes."""
        if schema is not None and schema.type() is not Type.BYTES:
            raise DataException(
                f"Invalid schema type for ByteArrayConverter: {schema.type().name} (topic {topic!r})"
            )
        if value is None or type(value) is bytes:
            return value
        if isinstance(value, _BYTES_LIKE):
            return bytes(value)
        raise DataException(
            f"ByteArrayConverter is not compatible with objects of type {class_name(value)}"
            f" (topic {topic!r})"
        )

    def to_connect_data(
        self,
        topic: str,
        data: bytes | None,
        headers: ConnectHeaders | None = None,
    ) -> SchemaAndValue:
        """``data`` with the optional bytes schema."""
        if data is None:
            return SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, None)
        return SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, _check_data(topic, data, "bytes"))


_TRUE = b"\x01"
_FALSE = b"\x00"


class BooleanConverter(_PrimitiveConverter):
    """A boolean as one byte (``01`` true, ``00`` false), as Kafka's ``BooleanSerializer``."""

    def config(self) -> ConfigDef:
        """Only ``converter.type``."""
        return BooleanConverterConfig.config_def()

    def configure(self, configs: Mapping[str, Any], is_key: bool | None = None) -> None:
        """Configure as a key/value converter (``is_key`` given) or a header converter.

        Without ``is_key``, ``configs`` must hold ``converter.type``, as Java's ``configure(Map)``.
        """
        if is_key is not None:
            configs = with_converter_type(configs, is_key)
        BooleanConverterConfig(configs)

    def from_connect_data(
        self,
        topic: str,
        schema: Schema | None,
        value: Any,
        headers: ConnectHeaders | None = None,
    ) -> bytes | None:
        """One byte for ``True``/``False``, ``None`` for ``None``; other values are rejected."""
        if schema is not None and schema.type() is not Type.BOOLEAN:
            raise DataException(
                f"Invalid schema type for BooleanConverter: {schema.type().name} (topic {topic!r})"
            )
        if value is None:
            return None
        if value is True:
            return _TRUE
        if value is False:
            return _FALSE
        raise DataException(
            f"BooleanConverter is not compatible with objects of type {class_name(value)}"
            f" (topic {topic!r})"
        )

    def to_connect_data(
        self,
        topic: str,
        data: bytes | None,
        headers: ConnectHeaders | None = None,
    ) -> SchemaAndValue:
        """The boolean with the optional boolean schema; anything but one 0/1 byte is an error."""
        if data is None:
            return SchemaAndValue(Schema.OPTIONAL_BOOLEAN_SCHEMA, None)
        raw = _check_data(topic, data, "boolean")
        if raw == _TRUE:
            return SchemaAndValue(Schema.OPTIONAL_BOOLEAN_SCHEMA, True)
        if raw == _FALSE:
            return SchemaAndValue(Schema.OPTIONAL_BOOLEAN_SCHEMA, False)
        if len(raw) != 1:
            cause = "Size of data received by BooleanDeserializer is not 1"
        else:
            signed = raw[0] - 256 if raw[0] > 127 else raw[0]
            cause = f"Unexpected byte received by BooleanDeserializer: {signed}"
        raise DataException(f"Failed to deserialize boolean: {cause} (topic {topic!r})")


class _NumberConverter(_PrimitiveConverter):
    """Fixed-size big-endian numbers (Java's ``NumberConverter``)."""

    _TYPE_NAME: ClassVar[str]
    _SCHEMA: ClassVar[Schema]
    _FORMAT: ClassVar[struct.Struct]
    _DESERIALIZER: ClassVar[str]

    def config(self) -> ConfigDef:
        """Only ``converter.type``."""
        return NumberConverterConfig.config_def()

    def configure(self, configs: Mapping[str, Any], is_key: bool | None = None) -> None:
        """Configure as a key/value converter (``is_key`` given) or a header converter.

        Without ``is_key``, ``configs`` must hold ``converter.type``, as Java's ``configure(Map)``.
        """
        if is_key is not None:
            configs = with_converter_type(configs, is_key)
        NumberConverterConfig(configs)

    @abstractmethod
    def _check_value(self, topic: str, value: Any) -> None:
        """Raise :class:`DataException` unless ``value`` is of the converter's Python type."""

    def from_connect_data(
        self,
        topic: str,
        schema: Schema | None,
        value: Any,
        headers: ConnectHeaders | None = None,
    ) -> bytes | None:
        """The value's big-endian bytes; ``None`` for ``None``. The schema is ignored, as in Java."""
        if value is None:
            return None
        self._check_value(topic, value)
        try:
            return self._FORMAT.pack(value)
        except (struct.error, OverflowError) as exc:
            raise DataException(
                f"Failed to serialize to {self._TYPE_NAME}: {value!r} is out of range ({exc})"
                f" (topic {topic!r})"
            ) from exc

    def to_connect_data(
        self,
        topic: str,
        data: bytes | None,
        headers: ConnectHeaders | None = None,
    ) -> SchemaAndValue:
        """The number with the converter's optional schema; the wrong size is an error."""
        if data is None:
            return SchemaAndValue(self._SCHEMA, None)
        raw = _check_data(topic, data, self._TYPE_NAME)
        if len(raw) != self._FORMAT.size:
            raise DataException(
                f"Failed to deserialize {self._TYPE_NAME}: Size of data received by"
                f" {self._DESERIALIZER} is not {self._FORMAT.size} (topic {topic!r})"
            )
        return SchemaAndValue(self._SCHEMA, self._FORMAT.unpack(raw)[0])


class _IntegralConverter(_NumberConverter):
    _BITS: ClassVar[int]

    def _check_value(self, topic: str, value: Any) -> None:
        if not isinstance(value, int) or isinstance(value, bool):
            raise DataException(
                f"Failed to serialize to {self._TYPE_NAME} (was {class_name(value)}): expected an"
                f" int (topic {topic!r})"
            )
        limit = 1 << (self._BITS - 1)
        if not -limit <= value < limit:
            raise DataException(
                f"Failed to serialize to {self._TYPE_NAME}: {value} is out of range"
                f" [{-limit}, {limit - 1}] (topic {topic!r})"
            )


class _FloatingConverter(_NumberConverter):
    def _check_value(self, topic: str, value: Any) -> None:
        if not isinstance(value, float):
            raise DataException(
                f"Failed to serialize to {self._TYPE_NAME} (was {class_name(value)}): expected a"
                f" float (topic {topic!r})"
            )


class ShortConverter(_IntegralConverter):
    """A 16-bit int as 2 big-endian bytes; reads give the optional INT16 schema."""

    _TYPE_NAME = "short"
    _SCHEMA = Schema.OPTIONAL_INT16_SCHEMA
    _FORMAT = struct.Struct(">h")
    _DESERIALIZER = "ShortDeserializer"
    _BITS = 16


class IntegerConverter(_IntegralConverter):
    """A 32-bit int as 4 big-endian bytes; reads give the optional INT32 schema."""

    _TYPE_NAME = "integer"
    _SCHEMA = Schema.OPTIONAL_INT32_SCHEMA
    _FORMAT = struct.Struct(">i")
    _DESERIALIZER = "IntegerDeserializer"
    _BITS = 32


class LongConverter(_IntegralConverter):
    """A 64-bit int as 8 big-endian bytes; reads give the optional INT64 schema."""

    _TYPE_NAME = "long"
    _SCHEMA = Schema.OPTIONAL_INT64_SCHEMA
    _FORMAT = struct.Struct(">q")
    _DESERIALIZER = "LongDeserializer"
    _BITS = 64


class FloatConverter(_FloatingConverter):
    """A float as 4 big-endian IEEE 754 bytes (rounded to float32); optional FLOAT32 schema."""

    _TYPE_NAME = "float"
    _SCHEMA = Schema.OPTIONAL_FLOAT32_SCHEMA
    _FORMAT = struct.Struct(">f")
    _DESERIALIZER = "Deserializer"


class DoubleConverter(_FloatingConverter):
    """A float as 8 big-endian IEEE 754 bytes; reads give the optional FLOAT64 schema."""

    _TYPE_NAME = "double"
    _SCHEMA = Schema.OPTIONAL_FLOAT64_SCHEMA
    _FORMAT = struct.Struct(">d")
    _DESERIALIZER = "Deserializer"
