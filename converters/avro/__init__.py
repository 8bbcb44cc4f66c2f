"""Confluent's Avro converter for Kafka Connect data: ``AvroConverter``, ``AvroData``.

``AvroConverter`` (Java name ``io.confluent.connect.avro.AvroConverter``) writes and reads
Confluent's Avro wire format through a Schema Registry; ``AvroData`` converts Connect schemas
and values to Avro and back exactly as Confluent's Java ``AvroData`` does; the registries
(remote, ``mock://`` and the persistent ``embedded://`` one) are in :mod:`.registry`.
"""

from converters.avro.avro_data import AvroData
from converters.avro.avro_data_config import AvroDataConfig
from converters.avro.converter import AvroConverter, AvroConverterConfig
from converters.avro.registry import (
    LocalSchemaRegistry,
    RecordNameStrategy,
    SubjectNameStrategy,
    TopicNameStrategy,
    TopicRecordNameStrategy,
)

__all__ = [
    "AvroConverter",
    "AvroConverterConfig",
    "AvroData",
    "AvroDataConfig",
    "LocalSchemaRegistry",
    "RecordNameStrategy",
    "SubjectNameStrategy",
    "TopicNameStrategy",
    "TopicRecordNameStrategy",
]
