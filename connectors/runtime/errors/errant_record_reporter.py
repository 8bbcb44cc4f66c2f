"""The errant record reporter sink tasks get from their context (``WorkerErrantRecordReporter``).

A sink task calls ``context.errant_record_reporter().report(record, error)`` for a record it
cannot write. The record goes to the task's error reporters (the error log, the dead letter
queue) at stage ``TASK_PUT`` and counts against ``errors.tolerance``: with ``none`` the call
raises and the task fails. The runtime waits for the reports of a partition to be stored
before it commits that partition's offsets.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection
from concurrent.futures import Future

from connect_data.errors import ConnectException
from connectors.record import SinkRecord, TopicPartition
from connectors.runtime.errors.processing_context import ProcessingContext
from connectors.runtime.errors.retry_with_tolerance_operator import RetryWithToleranceOperator
from connectors.runtime.errors.stage import Stage
from connectors.runtime.header_conversion import from_connect_headers
from connectors.runtime.recordlog.backend import ConsumerRecord
from connectors.sink import ErrantRecordReporter, SinkTask
from converters.converter import Converter, HeaderConverter

__all__ = ["WorkerErrantRecordReporter"]

log = logging.getLogger(__name__)


class WorkerErrantRecordReporter(ErrantRecordReporter):
    """Reports records a sink task could not handle (see the module docs). Thread-safe."""

    def __init__(
        self,
        operator: RetryWithToleranceOperator[ConsumerRecord],
        key_converter: Converter,
        value_converter: Converter,
        header_converter: HeaderConverter,
    ) -> None:
        self.operator = operator
        self.key_converter = key_converter
        self.value_converter = value_converter
        self.header_converter = header_converter
        self._lock = threading.Lock()
        self._futures: dict[TopicPartition, list[Future[None]]] = {}

    def report(self, record: SinkRecord, error: BaseException) -> Future[None]:
        context = getattr(record, "processing_context", None)
        if isinstance(context, ProcessingContext) and isinstance(
            context.original(), ConsumerRecord
        ):
            consumed: ConsumerRecord = context.original()
        else:
            # a record the task made itself: report it as the converters write it
            consumed = self._serialize(record)
        future = self.operator.execute_failed(
            ProcessingContext(consumed), Stage.TASK_PUT, SinkTask, error
        )
        if not future.done():
            partition = TopicPartition(consumed.topic, consumed.partition)
            with self._lock:
                self._futures.setdefault(partition, []).append(future)
        return future

    def _serialize(self, record: SinkRecord) -> ConsumerRecord:
        topic = record.topic
        key = self.key_converter.from_connect_data(topic, record.key_schema, record.key)
        value = self.value_converter.from_connect_data(topic, record.value_schema, record.value)
        headers = from_connect_headers(self.header_converter, topic, record.headers)
        return ConsumerRecord(
            topic=topic,
            partition=record.kafka_partition if record.kafka_partition is not None else -1,
            offset=record.kafka_offset,
            timestamp=record.timestamp if record.timestamp is not None else -1,
            timestamp_type=record.timestamp_type,
            key=key,
            value=value,
            headers=headers,
        )

    def _take(self, partitions: Collection[TopicPartition]) -> list[Future[None]]:
        with self._lock:
            taken: list[Future[None]] = []
            for partition in partitions:
                taken.extend(self._futures.pop(partition, ()))
            return taken

    def await_futures(self, partitions: Collection[TopicPartition]) -> None:
        """Wait until every report of these partitions is stored; raises if one failed."""
        for future in self._take(partitions):
            try:
                future.result()
            except Exception as exc:
                log.error(
                    "Encountered an error while awaiting an errant record future's completion.",
                    exc_info=exc,
                )
                raise ConnectException(exc) from exc

    def cancel_futures(self, partitions: Collection[TopicPartition]) -> None:
        """Forget the pending reports of these partitions (they were lost)."""
        for future in self._take(partitions):
            future.cancel()
