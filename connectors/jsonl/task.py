"""``JsonLinesSinkTask``: appends record values to a file as JSON lines or CSV rows.

For each topic the task keeps a reference value schema and applies ``schema.compatibility``
(:class:`~connectors.jsonl.StorageSchemaCompatibility`) to every record before writing it:
the first record of a topic sets the reference; a record for which
``should_change_schema`` answers yes replaces it; every other record is projected onto it.
Rows are written to the file's buffer in :meth:`put` and made durable (flushed and fsynced) in
:meth:`flush`, which the runtime calls before committing offsets: delivery is at least once,
so rows written after the last commit may be written again after a crash.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Collection, Mapping
from typing import BinaryIO

import attrs

from connect_data import ConnectException, DataException, Schema, SchemaProjectorException
from connectors.jsonl.config import FORMAT_CSV, JsonLinesSinkConfig
from connectors.jsonl.formats import CsvRenderer, JsonLinesRenderer
from connectors.record import OffsetAndMetadata, SinkRecord, TopicPartition
from connectors.sink import SinkTask
from converters.version import connectpy_version

__all__ = ["JsonLinesSinkTask", "SinkStats"]

log = logging.getLogger(__name__)

_UNSET = object()


@attrs.define
class SinkStats:
    """What a task has done since it started (read by tools such as the demo)."""

    written: int = 0
    """Rows written."""
    projected: int = 0
    """Rows whose value was projected onto the reference schema before writing."""
    ignored: int = 0
    """Null values skipped (``behavior.on.null.values=ignore``)."""
    schema_changes: int = 0
    """Times a topic's reference schema was set or replaced."""
    reference_versions: dict[str, int | None] = attrs.field(factory=dict)
    """The version of each topic's current reference schema."""


class JsonLinesSinkTask(SinkTask):
    """Writes each record's value, projected per ``schema.compatibility``, to ``file``."""

    def __init__(self) -> None:
        self._file: BinaryIO | None = None
        self._references: dict[str, Schema | None] = {}
        self.stats = SinkStats()

    def version(self) -> str:
        """connectpy's version."""
        return connectpy_version()

    def start(self, props: Mapping[str, str]) -> None:
        """Parse the configuration and open the file for appending."""
        config = JsonLinesSinkConfig(props)
        self._path = config.file
        self._compatibility = config.compatibility
        self._fail_on_null = config.fail_on_null_values
        self._renderer: JsonLinesRenderer | CsvRenderer = (
            CsvRenderer() if config.format == FORMAT_CSV else JsonLinesRenderer()
        )
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self._path, "ab")  # noqa: SIM115  (closed in stop())
        except OSError as exc:
            raise ConnectException(f"Couldn't find or create file '{self._path}': {exc}") from exc
        self._references = {}
        self.stats = SinkStats()
        log.info(
            "Writing %s to %s with schema.compatibility=%s",
            config.format,
            self._path,
            self._compatibility.value,
        )

    def put(self, records: Collection[SinkRecord]) -> None:
        """Apply the compatibility rule to each record and write it."""
        out = self._file
        if out is None:
            raise ConnectException("JsonLinesSinkTask.put() called before start()")
        chunks: list[bytes] = []
        run_schema: Schema | None = None
        run: list[object] = []
        for record in records:
            if record.value is None:
                if self._fail_on_null:
                    raise DataException(
                        f"Null valued records are not writeable with current "
                        f"behavior.on.null.values 'fail' setting (topic {record.topic}, "
                        f"partition {record.kafka_partition}, offset {record.kafka_offset})"
                    )
                self.stats.ignored += 1
                continue
            projected = self._apply_compatibility(record)
            schema = projected.value_schema
            if run and schema is not run_schema:
                chunks.append(self._renderer.render(run_schema, run))
                run = []
            run_schema = schema
            run.append(projected.value)
        if run:
            chunks.append(self._renderer.render(run_schema, run))
        if chunks:
            try:
                out.write(b"".join(chunks))
            except OSError as exc:
                raise ConnectException(f"Failed to write to '{self._path}': {exc}") from exc

    def _apply_compatibility(self, record: SinkRecord) -> SinkRecord:
        topic = record.topic
        reference = self._references.get(topic, _UNSET)
        try:
            if reference is _UNSET or self._compatibility.should_change_schema(
                record, None, reference if isinstance(reference, Schema) else None
            ):
                self._set_reference(topic, record.value_schema)
                self.stats.written += 1
                return record
            assert reference is None or isinstance(reference, Schema)
            projected = self._compatibility.project(record, record.key_schema, reference)
        except SchemaProjectorException as exc:
            raise ConnectException(
                f"Cannot write the record at offset {record.kafka_offset} of {topic}-"
                f"{record.kafka_partition} with schema.compatibility="
                f"{self._compatibility.value}: {exc}"
            ) from exc
        if projected is not record:
            self.stats.projected += 1
        self.stats.written += 1
        return projected

    def _set_reference(self, topic: str, schema: Schema | None) -> None:
        self._references[topic] = schema
        self.stats.schema_changes += 1
        self.stats.reference_versions[topic] = None if schema is None else schema.version()

    def flush(self, current_offsets: Mapping[TopicPartition, OffsetAndMetadata]) -> None:
        """Flush the file and fsync it, so the rows written so far survive a crash."""
        out = self._file
        if out is None:
            return
        try:
            out.flush()
            os.fsync(out.fileno())
        except OSError as exc:
            raise ConnectException(f"Failed to flush '{self._path}': {exc}") from exc

    def stop(self) -> None:
        """Flush and close the file."""
        out, self._file = self._file, None
        if out is not None:
            try:
                out.flush()
            finally:
                out.close()

    def reference_schema(self, topic: str) -> Schema | None:
        """The current reference value schema of ``topic`` (``None`` before its first record)."""
        reference = self._references.get(topic)
        return reference if isinstance(reference, Schema) else None
