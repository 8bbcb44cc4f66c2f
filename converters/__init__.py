"""Converters between Kafka Connect data and the bytes in Kafka topics.

Byte-compatible with Kafka Connect's Java converters: what a connectpy converter writes, the Java
converter of the same name and configuration reads back unchanged, and the reverse.
"""

from converters.avro import AvroConverter, AvroData, AvroDataConfig
from converters.converter import Converter, HeaderConverter
from converters.converter_config import ConverterConfig, ConverterType
from converters.header import SimpleHeaderConverter
from converters.json import DecimalFormat, JsonConverter, JsonConverterConfig
from converters.plugins import (
    PluginDesc,
    PluginNotFoundError,
    PluginRegistry,
    PluginType,
    list_plugins,
    new_plugin,
    plugin_class,
)
from converters.primitives import (
    BooleanConverter,
    BooleanConverterConfig,
    ByteArrayConverter,
    DoubleConverter,
    FloatConverter,
    IntegerConverter,
    LongConverter,
    NumberConverterConfig,
    ShortConverter,
)
from converters.string import StringConverter, StringConverterConfig

__all__ = [
    "AvroConverter",
    "AvroData",
    "AvroDataConfig",
    "BooleanConverter",
    "BooleanConverterConfig",
    "ByteArrayConverter",
    "Converter",
    "ConverterConfig",
    "ConverterType",
    "DecimalFormat",
    "DoubleConverter",
    "FloatConverter",
    "HeaderConverter",
    "IntegerConverter",
    "JsonConverter",
    "JsonConverterConfig",
    "LongConverter",
    "NumberConverterConfig",
    "PluginDesc",
    "PluginNotFoundError",
    "PluginRegistry",
    "PluginType",
    "ShortConverter",
    "SimpleHeaderConverter",
    "StringConverter",
    "StringConverterConfig",
    "list_plugins",
    "new_plugin",
    "plugin_class",
]
