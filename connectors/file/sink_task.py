"""``FileStreamSinkTask``: writes record values as lines (Kafka's task of that name)."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Collection, Mapping
from typing import TextIO

from connect_data.config import AbstractConfig
from connect_data.errors import ConnectException
from connect_data.javatext import to_java_string
from connectors.file.sink_connector import FileStreamSinkConnector
from connectors.record import OffsetAndMetadata, SinkRecord, TopicPartition
from connectors.sink import SinkTask
from converters.version import connectpy_version

__all__ = ["FileStreamSinkTask"]

log = logging.getLogger(__name__)


class FileStreamSinkTask(SinkTask):
    """Appends each record's value and a line separator to ``file`` (standard output if unset).

    The value is printed as Java's ``PrintStream.println(Object)`` prints it: strings as they
    are, ``null`` for ``None``, numbers, lists, maps and structs in Java's ``toString`` form.
    The file is opened for appending (created if missing) in UTF-8; :meth:`flush` flushes it
    (it does not ``fsync``, as in Java).

    ``output_stream`` (for tests and embedding) replaces the file or standard output.
    """

    def __init__(self, output_stream: TextIO | None = None) -> None:
        self._filename: str | None = None
        self._output: TextIO | None = output_stream
        self._owns_output = False

    def version(self) -> str:
        """The connector's version."""
        return connectpy_version()

    def start(self, props: Mapping[str, str]) -> None:
        """Open ``file`` for appending, or use standard output when it is not set."""
        config = AbstractConfig(FileStreamSinkConnector.CONFIG_DEF, props)
        self._filename = config.get_string(FileStreamSinkConnector.FILE_CONFIG)
        if self._output is not None:
            return
        if not self._filename:
            self._output = sys.stdout
            return
        try:
            self._output = open(  # noqa: SIM115  (closed in stop)
                self._filename, "a", encoding="utf-8", errors="replace", newline=""
            )
        except OSError as exc:
            raise ConnectException(
                f"Couldn't find or create file '{self._filename}' for FileStreamSinkTask: {exc}"
            ) from exc
        self._owns_output = True

    def put(self, records: Collection[SinkRecord]) -> None:
        """Write each record's value as a line."""
        output = self._output
        if output is None:
            raise ConnectException("FileStreamSinkTask was not started")
        separator = os.linesep
        output.write(
            "".join(
                to_java_string(record.value, record.value_schema) + separator for record in records
            )
        )

    def flush(self, current_offsets: Mapping[TopicPartition, OffsetAndMetadata]) -> None:
        """Flush what :meth:`put` wrote."""
        log.debug("Flushing output stream for %s", self._filename or "stdout")
        if self._output is not None:
            self._output.flush()

    def stop(self) -> None:
        """Close the file (standard output stays open)."""
        output, self._output = self._output, None
        if output is not None and self._owns_output:
            output.close()
