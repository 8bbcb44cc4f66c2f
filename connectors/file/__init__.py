"""Kafka's FileStream connectors: lines of a file into a topic, and records of topics into a file.

Ports of ``org.apache.kafka.connect.file``; ``connector.class`` may name them by their Java
class names (``org.apache.kafka.connect.file.FileStreamSourceConnector``,
``org.apache.kafka.connect.file.FileStreamSinkConnector``), by their simple names or by the
aliases ``FileStreamSource`` and ``FileStreamSink``.
"""

from connectors.file.sink_connector import FileStreamSinkConnector
from connectors.file.sink_task import FileStreamSinkTask
from connectors.file.source_connector import FileStreamSourceConnector
from connectors.file.source_task import FileStreamSourceTask

__all__ = [
    "FileStreamSinkConnector",
    "FileStreamSinkTask",
    "FileStreamSourceConnector",
    "FileStreamSourceTask",
]
