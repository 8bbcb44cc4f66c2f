"""A sink writing record values to a file as JSON lines or CSV, with Confluent's schema
compatibility modes.

:class:`JsonLinesSinkConnector` appends each record's value to ``file``; with
``schema.compatibility`` (``NONE``, ``BACKWARD``, ``FORWARD``, ``FULL``, as in Confluent's S3
and HDFS sinks) it projects values onto the newest (or oldest) schema version seen, so one
file has one shape as the upstream schema evolves. :class:`StorageSchemaCompatibility` is the
rule on its own, usable by any sink.
"""

from connectors.jsonl.compatibility import StorageSchemaCompatibility
from connectors.jsonl.config import CONFIG_DEF, JsonLinesSinkConfig
from connectors.jsonl.connector import JsonLinesSinkConnector
from connectors.jsonl.formats import CsvRenderer, JsonLinesRenderer, json_encoder
from connectors.jsonl.task import JsonLinesSinkTask, SinkStats

__all__ = [
    "CONFIG_DEF",
    "CsvRenderer",
    "JsonLinesRenderer",
    "JsonLinesSinkConfig",
    "JsonLinesSinkConnector",
    "JsonLinesSinkTask",
    "SinkStats",
    "StorageSchemaCompatibility",
    "json_encoder",
]
