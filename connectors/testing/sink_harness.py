"""``SinkTaskHarness``: drive a sink task in-process through open, put, flush, pre_commit, close.

The harness plays the worker's part without threads or a record log. Records are given as
:class:`~connectors.SinkRecord` objects, as values (with their schemas), or as the bytes a
record log would hold, which go through the configured converters and transformations first,
exactly as the worker reads them. Kafka offsets are numbered per partition; :meth:`commit` asks
the task's ``pre_commit`` what is safe and records it as the committed offsets::

    with SinkTaskHarness(FileStreamSinkTask, {"file": str(out)}) as harness:
        harness.put_values("lines", ["a", "b"], schema=Schema.STRING_SCHEMA)
        assert harness.commit() == {TopicPartition("lines", 0): OffsetAndMetadata(2)}
    assert out.read_text() == "a\\nb\\n"

The task's context (:class:`HarnessSinkTaskContext`) records what the task asks for: offset
rewinds (applied to the numbering of later records), pauses, a retry timeout and commit
requests.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from connect_data import ConnectHeaders, Schema
from connect_data.errors import ConnectException
from connectors.record import OffsetAndMetadata, SinkRecord, TimestampType, TopicPartition
from connectors.runtime.header_conversion import to_connect_headers
from connectors.sink import SinkTask, SinkTaskContext
from connectors.testing.task_harness import DEFAULT_CONNECTOR_NAME, TaskHarness
from converters.converter import Converter, HeaderConverter

__all__ = ["HarnessSinkTaskContext", "SinkTaskHarness"]

T = TypeVar("T", bound=SinkTask)


class HarnessSinkTaskContext(SinkTaskContext):
    """The sink task's context: answers from the harness and records the task's requests."""

    def __init__(self, harness: SinkTaskHarness[Any], configs: Mapping[str, str]) -> None:
        self._harness = harness
        self._configs = dict(configs)
        self.requested_offsets: dict[TopicPartition, int] = {}
        """Offsets the task asked to read from next (``offset(...)``), not yet applied."""
        self.timeout_ms = -1
        """The last ``timeout(ms)`` the task set (``-1``: none)."""
        self.paused: set[TopicPartition] = set()
        """Partitions the task paused."""
        self.commit_requests = 0
        """How many times the task called ``request_commit()``."""

    def configs(self) -> dict[str, str]:
        return dict(self._configs)

    def offset(
        self,
        offsets_or_partition: Mapping[TopicPartition, int] | TopicPartition,
        offset: int | None = None,
        /,
    ) -> None:
        if isinstance(offsets_or_partition, TopicPartition):
            if offset is None:
                raise TypeError("offset(partition, offset) needs an offset")
            self.requested_offsets[offsets_or_partition] = offset
        else:
            self.requested_offsets.update(offsets_or_partition)

    def timeout(self, timeout_ms: int) -> None:
        self.timeout_ms = timeout_ms

    def assignment(self) -> set[TopicPartition]:
        return set(self._harness.assignment)

    def pause(self, *partitions: TopicPartition) -> None:
        self._check_assigned(partitions, "pause")
        self.paused.update(partitions)

    def resume(self, *partitions: TopicPartition) -> None:
        self._check_assigned(partitions, "resume")
        self.paused.difference_update(partitions)

    def request_commit(self) -> None:
        self.commit_requests += 1

    def _check_assigned(self, partitions: Iterable[TopicPartition], verb: str) -> None:
        for tp in partitions:
            if tp not in self._harness.assignment:
                raise ConnectException(f"Cannot {verb} partition {tp}: it is not assigned")


class SinkTaskHarness(TaskHarness[T, SinkRecord]):
    """Drives one sink task as the worker would, synchronously (see the module docs).

    ``config`` is the task's configuration; it may also hold a connector configuration's
    worker-side keys (converters, ``transforms``), used by :meth:`put_bytes` and the
    transformation chain.
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
    ) -> None:
        super().__init__(
            task_class,
            config,
            key_converter=key_converter,
            value_converter=value_converter,
            header_converter=header_converter,
            connector_name=connector_name,
        )
        self.context = HarnessSinkTaskContext(self, self.config)
        self.assignment: set[TopicPartition] = set()
        """The partitions currently open."""
        self.current_offsets: dict[TopicPartition, OffsetAndMetadata] = {}
        """Per partition, the offset after the last record put."""
        self.committed: dict[TopicPartition, OffsetAndMetadata] = {}
        """The offsets committed so far (from ``pre_commit``)."""
        self._next_offsets: dict[TopicPartition, int] = {}

    # ----------------------------------------------------------------- lifecycle

    def start(self, partitions: Iterable[TopicPartition] = ()) -> SinkTaskHarness[T]:
        """``initialize`` and ``start`` the task, then ``open`` ``partitions`` (if any)."""
        if self.task is not None:
            raise ConnectException("The task is already started")
        task = self.task_class()
        self.context = HarnessSinkTaskContext(self, self.config)
        task.initialize(self.context)
        task.start(dict(self.config))
        self.task = task
        self.assign(partitions)
        return self

    def stop(self) -> None:
        """As the worker stops a task: commit, ``close`` every open partition, ``stop``."""
        task = self.task
        if task is None:
            return
        try:
            if self.assignment:
                self.commit()
                task.close(sorted(self.assignment))
        finally:
            self.assignment.clear()
            self.task = None
            task.stop()

    def __enter__(self) -> SinkTaskHarness[T]:
        return self.start()

    # ----------------------------------------------------------------- partitions

    def assign(self, partitions: Iterable[TopicPartition]) -> None:
        """``open`` the partitions not yet open (as after a rebalance)."""
        new = [tp for tp in dict.fromkeys(partitions) if tp not in self.assignment]
        if not new:
            return
        self.assignment.update(new)
        self._started().open(new)
        self._apply_rewinds()

    def revoke(self, partitions: Iterable[TopicPartition]) -> None:
        """Take partitions away: commit them (``pre_commit``), then ``close`` them."""
        gone = [tp for tp in dict.fromkeys(partitions) if tp in self.assignment]
        if not gone:
            return
        self.commit(gone)
        self._started().close(gone)
        self.assignment.difference_update(gone)
        self.context.paused.difference_update(gone)

    def _apply_rewinds(self) -> None:
        for tp, offset in self.context.requested_offsets.items():
            self._next_offsets[tp] = offset
        self.context.requested_offsets.clear()

    # ----------------------------------------------------------------- putting records

    def put(self, records: Sequence[SinkRecord]) -> None:
        """``put`` these records (their partitions are opened first if needed)."""
        task = self._started()
        partitions = [
            TopicPartition(r.original_topic, r.original_kafka_partition or 0) for r in records
        ]
        self.assign(partitions)
        task.put(list(records))
        for record, tp in zip(records, partitions, strict=True):
            next_offset = record.original_kafka_offset + 1
            self.current_offsets[tp] = OffsetAndMetadata(next_offset)
            self._next_offsets[tp] = max(self._next_offsets.get(tp, 0), next_offset)
        self._apply_rewinds()

    def _offset_for(self, tp: TopicPartition) -> int:
        offset = self._next_offsets.get(tp, 0)
        self._next_offsets[tp] = offset + 1
        return offset

    def records_from_values(
        self,
        topic: str,
        values: Iterable[Any],
        *,
        partition: int = 0,
        schema: Schema | None = None,
        key: Any = None,
        key_schema: Schema | None = None,
        timestamp: int | None = None,
    ) -> list[SinkRecord]:
        """Sink records of ``values`` (each of ``schema``) at the partition's next offsets,
        after the transformations (records they drop are left out)."""
        result: list[SinkRecord] = []
        for value in values:
            record = self._read(topic, partition, key_schema, key, schema, value, timestamp, None)
            if record is not None:
                result.append(record)
        return result

    def put_values(
        self,
        topic: str,
        values: Iterable[Any],
        *,
        partition: int = 0,
        schema: Schema | None = None,
        key: Any = None,
        key_schema: Schema | None = None,
        timestamp: int | None = None,
    ) -> list[SinkRecord]:
        """Build records with :meth:`records_from_values` and ``put`` them; returns them."""
        records = self.records_from_values(
            topic,
            values,
            partition=partition,
            schema=schema,
            key=key,
            key_schema=key_schema,
            timestamp=timestamp,
        )
        self.put(records)
        return records

    def records_from_bytes(
        self,
        topic: str,
        values: Iterable[bytes | None],
        *,
        partition: int = 0,
        keys: Iterable[bytes | None] | None = None,
        headers: Sequence[tuple[str, bytes | None]] = (),
        timestamp: int | None = None,
    ) -> list[SinkRecord]:
        """Sink records read from serialized values (and keys), as the worker reads them:
        headers, key and value through the converters, then the transformations."""
        key_list = list(keys) if keys is not None else None
        value_list = list(values)
        if key_list is not None and len(key_list) != len(value_list):
            raise ValueError(f"{len(key_list)} keys for {len(value_list)} values")
        result: list[SinkRecord] = []
        for index, raw_value in enumerate(value_list):
            raw_key = key_list[index] if key_list is not None else None
            connect_headers = to_connect_headers(self.header_converter, topic, headers)
            key = self.key_converter.to_connect_data(topic, raw_key, connect_headers)
            value = self.value_converter.to_connect_data(topic, raw_value, connect_headers)
            record = self._read(
                topic,
                partition,
                key.schema(),
                key.value(),
                value.schema(),
                value.value(),
                timestamp,
                connect_headers,
            )
            if record is not None:
                result.append(record)
        return result

    def _read(
        self,
        topic: str,
        partition: int,
        key_schema: Schema | None,
        key: Any,
        value_schema: Schema | None,
        value: Any,
        timestamp: int | None,
        headers: ConnectHeaders | None,
    ) -> SinkRecord | None:
        """The record at the partition's next offset after the transformations (``None``:
        dropped)."""
        record = SinkRecord(
            topic=topic,
            kafka_partition=partition,
            key_schema=key_schema,
            key=key,
            value_schema=value_schema,
            value=value,
            kafka_offset=self._offset_for(TopicPartition(topic, partition)),
            timestamp=timestamp,
            timestamp_type=(
                TimestampType.NO_TIMESTAMP_TYPE if timestamp is None else TimestampType.CREATE_TIME
            ),
            headers=headers,
        )
        return self.transformation_chain.apply(record)

    def put_bytes(
        self,
        topic: str,
        values: Iterable[bytes | None],
        *,
        partition: int = 0,
        keys: Iterable[bytes | None] | None = None,
        headers: Sequence[tuple[str, bytes | None]] = (),
        timestamp: int | None = None,
    ) -> list[SinkRecord]:
        """Build records with :meth:`records_from_bytes` and ``put`` them; returns them."""
        records = self.records_from_bytes(
            topic, values, partition=partition, keys=keys, headers=headers, timestamp=timestamp
        )
        self.put(records)
        return records

    # ----------------------------------------------------------------- committing

    def commit(
        self, partitions: Collection[TopicPartition] | None = None
    ) -> dict[TopicPartition, OffsetAndMetadata]:
        """Ask ``pre_commit`` which offsets are safe and commit them, as the worker does.

        Only open partitions are committed, never beyond what was put (offsets the task
        answers for other partitions, or larger ones, are ignored). Returns what this call
        committed.
        """
        task = self._started()
        wanted = set(self.assignment if partitions is None else partitions)
        current = {tp: om for tp, om in self.current_offsets.items() if tp in wanted}
        answer = task.pre_commit(dict(current))
        committed: dict[TopicPartition, OffsetAndMetadata] = {}
        for tp, om in (answer or {}).items():
            if tp not in wanted or tp not in current:
                continue
            if om.offset > current[tp].offset:
                continue
            committed[tp] = om
        self.committed.update(committed)
        return committed

    def flush(self) -> None:
        """Call the task's ``flush`` with the current offsets of the open partitions."""
        task = self._started()
        task.flush({tp: om for tp, om in self.current_offsets.items() if tp in self.assignment})
