"""Confluent's Avro converter: ``AvroConverter``, ``AvroData`` and ``AvroDataConfig``."""

from converters.avro.avro_data import AvroData
from converters.avro.avro_data_config import AvroDataConfig

__all__ = ["AvroData", "AvroDataConfig"]
