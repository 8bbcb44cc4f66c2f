"""``SourceTaskHarness``: run a source task in-process, one ``poll()`` at a time.

The harness plays the worker's part without threads: it gives the task a real
:class:`~connectors.OffsetStorageReader` over an offset store (in memory unless one is given),
runs each polled record through the connector's transformations and converters, so a test
sees the bytes a worker would write, acknowledges the records (``commit_record``), commits
their source offsets when told to, and restarts the task on the same store to check that it
resumes where it left off::

    with SourceTaskHarness(FileStreamSourceTask, {"file": str(path), "topic": "lines"},
                           value_converter=make_converter("StringConverter")) as harness:
        records = harness.poll_until(2)
        assert [r.value_text() for r in records] == ["a", "b"]
        harness.commit()
        harness.restart()            # a new task instance, same committed offsets
        assert harness.poll() == []  # nothing read twice

Converters come from the arguments, else from the configuration (``key.converter``,
``value.converter``, ``header.converter`` and their prefixed settings, as a worker reads them),
else JsonConverter with schemas and SimpleHeaderConverter. ``transforms`` / ``predicates`` in the
configuration build the same transformation chain the worker builds.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Mapping
from typing import Any, TypeVar

from connect_data.errors import ConnectException, RetriableException
from connectors.connector import Connector
from connectors.record import RecordMetadata, SourceRecord
from connectors.runtime.header_conversion import from_connect_headers
from connectors.runtime.offsets import (
    MemoryOffsetBackingStore,
    OffsetStorageReaderImpl,
    OffsetStorageWriter,
)
from connectors.runtime.recordlog.backend import OffsetBackingStore
from connectors.runtime.source_task import WorkerSourceTaskContext, check_and_convert_timestamp
from connectors.source import SourceTask
from connectors.testing.records import ConvertedRecord
from connectors.testing.task_harness import DEFAULT_CONNECTOR_NAME, TaskHarness
from converters.converter import Converter, HeaderConverter

__all__ = ["SourceTaskHarness", "task_config_of"]

T = TypeVar("T", bound=SourceTask)


def task_config_of(
    connector_class: type[Connector], config: Mapping[str, str], index: int = 0
) -> dict[str, str]:
    """The ``index``-th task configuration ``connector_class`` makes from ``config``
    (``start`` then ``task_configs(tasks.max)``, as the worker asks; the connector is stopped)."""
    connector = connector_class()
    connector.start(dict(config))
    try:
        configs = connector.task_configs(int(config.get("tasks.max", "1")))
    finally:
        connector.stop()
    if not 0 <= index < len(configs):
        raise ConnectException(
            f"{connector_class.__name__} made {len(configs)} task configuration(s); "
            f"there is no task {index}"
        )
    return dict(configs[index])


class SourceTaskHarness(TaskHarness[T, SourceRecord]):
    """Drives one source task as the worker would, synchronously (see the module docs).

    ``config`` is the task's configuration; it may also hold the worker-side keys a connector
    configuration has (converters, ``transforms``). ``connector_name`` is the namespace of the
    committed offsets. ``offset_store`` defaults to an in-memory store that lives as long as
    the harness, across :meth:`restart`.
    """

    def __init__(
        self,
        task_class: type[T],
        config: Mapping[str, str],
        *,
        key_converter: Converter | None = None,
        value_converter: Converter | None = None,
        header_converter: HeaderConverter | None = None,
        connector_name: str = DEFAULT_CONNECTOR_NAME,
        offset_store: OffsetBackingStore | None = None,
    ) -> None:
        super().__init__(
            task_class,
            config,
            key_converter=key_converter,
            value_converter=value_converter,
            header_converter=header_converter,
            connector_name=connector_name,
        )
        self.connector_name = connector_name
        self.offset_store = offset_store or MemoryOffsetBackingStore()
        self.offset_store.start()
        self._writer = OffsetStorageWriter(self.offset_store, connector_name)
        self._reader: OffsetStorageReaderImpl | None = None
        self._next_offsets: dict[tuple[str, int], int] = {}
        self.records: list[ConvertedRecord] = []
        """Every record written so far (across restarts)."""
        self.dropped: list[SourceRecord] = []
        """Every polled record a transformation dropped."""
        self.starts = 0
        """How many times a task instance was started."""

    # ----------------------------------------------------------------- lifecycle

    def start(self) -> SourceTaskHarness[T]:
        """Create the task, ``initialize`` it with a context over the offset store, ``start`` it."""
        if self.task is not None:
            raise ConnectException("The task is already started; stop() or restart() it")
        self._reader = OffsetStorageReaderImpl(self.offset_store, self.connector_name)
        task = self.task_class()
        task.initialize(WorkerSourceTaskContext(self.config, self._reader))
        task.start(dict(self.config))
        self.task = task
        self.starts += 1
        return self

    def stop(self, commit: bool = True) -> None:
        """Stop the task; first commit the acknowledged offsets, unless ``commit`` is false
        (which is what a crash looks like: those offsets are lost)."""
        task = self.task
        if task is None:
            return
        try:
            if commit:
                self.commit()
            else:
                self._writer = OffsetStorageWriter(self.offset_store, self.connector_name)
        finally:
            self.task = None
            try:
                task.stop()
            finally:
                if self._reader is not None:
                    self._reader.close()

    def restart(self, commit: bool = True) -> SourceTaskHarness[T]:
        """:meth:`stop` (committing unless ``commit`` is false) and :meth:`start` a new instance."""
        self.stop(commit)
        return self.start()

    def close(self) -> None:
        """Stop the task (committing), then close the transformations, the converters and
        the offset store."""
        try:
            super().close()
        finally:
            self.offset_store.stop()

    def __enter__(self) -> SourceTaskHarness[T]:
        return self.start()

    # ----------------------------------------------------------------- polling

    def poll(self) -> list[ConvertedRecord]:
        """One ``poll()``: the records written, converted (an empty list for ``None``).

        Each record is acknowledged at once (``commit_record`` is called and its offset
        becomes committable, as after the record log stored it). Exceptions from the task,
        the transformations and the converters propagate unchanged.
        """
        batch = self._started().poll()
        if not batch:
            return []
        return [converted for record in batch if (converted := self._send(record)) is not None]

    def poll_until(
        self, count: int, timeout: float = 10.0, interval: float = 0.01
    ) -> list[ConvertedRecord]:
        """Poll until at least ``count`` records were written by these polls; returns them.

        A :class:`~connect_data.RetriableException` from ``poll()`` is retried, as the worker
        does. Raises :class:`AssertionError` if ``timeout`` seconds pass first.
        """
        result: list[ConvertedRecord] = []
        deadline = time.monotonic() + timeout
        while len(result) < count:
            with contextlib.suppress(RetriableException):
                result.extend(self.poll())
            if len(result) >= count:
                break
            if time.monotonic() >= deadline:
                raise AssertionError(
                    f"{self.task_class.__name__} produced {len(result)} of {count} records "
                    f"within {timeout:.1f} s"
                )
            time.sleep(interval)
        return result

    def _send(self, source: SourceRecord) -> ConvertedRecord | None:
        record = self.transformation_chain.apply(source)
        if record is None:
            self.dropped.append(source)
            self._writer.offset(source.source_partition, source.source_offset)
            return None
        topic = record.topic
        headers = record.headers
        key = self.key_converter.from_connect_data(topic, record.key_schema, record.key, headers)
        value = self.value_converter.from_connect_data(
            topic, record.value_schema, record.value, headers
        )
        raw_headers = tuple(from_connect_headers(self.header_converter, topic, headers))
        timestamp = check_and_convert_timestamp(record.timestamp)
        partition = record.kafka_partition
        slot = (topic, 0 if partition is None else partition)
        offset = self._next_offsets.get(slot, 0)
        self._next_offsets[slot] = offset + 1
        converted = ConvertedRecord(
            source=source,
            record=record,
            topic=topic,
            partition=partition,
            key=key,
            value=value,
            headers=raw_headers,
            timestamp=timestamp,
        )
        self.records.append(converted)
        self._started().commit_record(
            source,
            RecordMetadata(
                topic=topic,
                partition=slot[1],
                offset=offset,
                timestamp=-1 if timestamp is None else timestamp,
                serialized_key_size=-1 if key is None else len(key),
                serialized_value_size=-1 if value is None else len(value),
            ),
        )
        self._writer.offset(source.source_partition, source.source_offset)
        return converted

    # ----------------------------------------------------------------- offsets

    def commit(self) -> None:
        """Write the acknowledged source offsets to the store, then call the task's ``commit()``.

        Offsets are checked and serialized as the worker does: a partition or offset that is
        not a map of strings to primitive values raises :class:`~connect_data.DataException`.
        """
        if self._writer.begin_flush():
            self._writer.do_flush()
        self._started().commit()

    def committed_offset(self, partition: Mapping[str, Any]) -> dict[str, Any] | None:
        """The committed source offset of ``partition`` (``None`` if none)."""
        return OffsetStorageReaderImpl(self.offset_store, self.connector_name).offset(partition)
