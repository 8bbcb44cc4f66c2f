"""Converters between Kafka Connect data and the bytes in Kafka topics.

Byte-compatible with Kafka Connect's Java converters: what a connectpy converter writes, the Java
converter of the same name and configuration reads back unchanged, and the reverse.
"""

from converters.converter import Converter, HeaderConverter

__all__ = [
    "Converter",
    "HeaderConverter",
]
