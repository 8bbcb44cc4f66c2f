"""The source loop: poll -> transformations -> converters -> append -> commit offsets.

Two variants, as in Kafka Connect:

- :class:`WorkerSourceTask` (at least once, Kafka's ``WorkerSourceTask``): records are sent
  asynchronously; each acknowledgement calls ``commit_record`` and marks the record's source
  offset committable (:class:`~connectors.runtime.submitted_records.SubmittedRecords` never lets
  an offset pass an unacknowledged record of the same source partition). The worker's
  committer flushes committable offsets to the offset store every ``offset.flush.interval.ms``
  and at stop, then calls the task's ``commit()``. A crash between a record's append and the
  next offset flush means those records are sent again after the restart.
- :class:`ExactlyOnceWorkerSourceTask` (Kafka's ``ExactlyOnceWorkerSourceTask``): records and
  the offsets of the records polled so far are committed in one transaction of the record log
  (every poll batch, or every ``transaction.boundary.interval.ms``). After a crash the task
  resumes exactly after the last committed record: no loss, no duplicate.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Mapping
from typing import Any

from connect_data.errors import ConnectException, RetriableException
from connectors.offsets import OffsetStorageReader
from connectors.record import RecordMetadata, SourceRecord
from connectors.runtime.errors.processing_context import ProcessingContext
from connectors.runtime.errors.retry_with_tolerance_operator import RetryWithToleranceOperator
from connectors.runtime.errors.stage import Stage
from connectors.runtime.errors.tolerance import ToleranceType
from connectors.runtime.header_conversion import from_connect_headers
from connectors.runtime.offsets import OffsetStorageReaderImpl, OffsetStorageWriter
from connectors.runtime.recordlog.backend import OffsetBackingStore, Producer, ProducerRecord
from connectors.runtime.status import ConnectorTaskId, StatusTracker
from connectors.runtime.submitted_records import EMPTY, CommittableOffsets, SubmittedRecords
from connectors.runtime.transformation_chain import TransformationChain
from connectors.runtime.worker_task import TargetState, WorkerTask
from connectors.source import SourceTask, SourceTaskContext, TransactionContext
from converters.converter import Converter, HeaderConverter

__all__ = ["ExactlyOnceWorkerSourceTask", "WorkerSourceTask", "WorkerSourceTaskContext"]

log = logging.getLogger(__name__)

SEND_FAILED_BACKOFF_S = 0.1


class WorkerSourceTaskContext(SourceTaskContext):
    """The context a source task gets: its configuration and the offset reader."""

    def __init__(self, configs: Mapping[str, str], reader: OffsetStorageReader) -> None:
        self._configs = dict(configs)
        self._reader = reader

    def configs(self) -> dict[str, str]:
        return dict(self._configs)

    def offset_storage_reader(self) -> OffsetStorageReader:
        return self._reader

    def transaction_context(self) -> TransactionContext | None:
        return None


def check_and_convert_timestamp(timestamp: int | None) -> int | None:
    """A source record's timestamp as sent: -1 (no timestamp) becomes None, other negative
    values raise ConnectException (Kafka's ``ConnectUtils.checkAndConvertTimestamp``)."""
    if timestamp is None or timestamp >= 0:
        return timestamp
    if timestamp == -1:
        return None
    raise ConnectException(f"Invalid record timestamp {timestamp}")


class AbstractWorkerSourceTask(WorkerTask):
    """What both source loops share: start, poll, transform, convert, send."""

    def __init__(
        self,
        task_id: ConnectorTaskId,
        task: SourceTask,
        task_config: Mapping[str, str],
        status: StatusTracker,
        initial_state: TargetState,
        key_converter: Converter,
        value_converter: Converter,
        header_converter: HeaderConverter,
        transformation_chain: TransformationChain[SourceRecord],
        producer: Producer,
        offset_store: OffsetBackingStore,
        offset_commit_timeout_ms: int,
        *,
        retry_with_tolerance_operator: RetryWithToleranceOperator[SourceRecord] | None = None,
    ) -> None:
        super().__init__(task_id, status, initial_state, "source", retry_with_tolerance_operator)
        self.task = task
        self.task_config = dict(task_config)
        self.key_converter = key_converter
        self.value_converter = value_converter
        self.header_converter = header_converter
        self.transformation_chain = transformation_chain
        if transformation_chain.retry_with_tolerance_operator is None:
            transformation_chain.retry_with_tolerance_operator = self.retry_with_tolerance_operator
        self.producer = producer
        self.offset_store = offset_store
        self.offset_reader = OffsetStorageReaderImpl(offset_store, task_id.connector)
        self.offset_writer = OffsetStorageWriter(offset_store, task_id.connector)
        self.offset_commit_timeout_s = offset_commit_timeout_ms / 1000.0
        self.to_send: list[SourceRecord] | None = None
        self._started = False
        self._task_stopped = False
        self._task_stop_lock = threading.Lock()
        self._stop_requested = threading.Event()
        self._producer_send_exception: BaseException | None = None

    # ----------------------------------------------------------------- lifecycle

    def initialize_and_start(self) -> None:
        self.offset_store.start()
        self._started = True
        self.task.initialize(WorkerSourceTaskContext(self.task_config, self.offset_reader))
        self.task.start(self.task_config)
        log.info("%s Source task finished initialization and start", self)

    def stop(self) -> None:
        super().stop()
        self._stop_requested.set()
        if self._started:
            # SourceTask.stop() is the signal that makes a blocked poll() return, so it runs now,
            # on a helper thread (never blocking the caller), as Kafka Connect does.
            threading.Thread(target=self._stop_task, name=f"stop-{self.id}", daemon=True).start()

    def _stop_task(self) -> None:
        with self._task_stop_lock:
            if self._task_stopped:
                return
            self._task_stopped = True
        try:
            self.task.stop()
        except Exception:
            log.exception("%s Failed to stop the source task", self)

    def cancel(self) -> None:
        super().cancel()
        self.offset_reader.close()

    def close(self) -> None:
        if self._started:
            self._stop_task()
        try:
            self.producer.close(30.0)
        except Exception:
            log.exception("%s Failed to close the producer", self)
        self.transformation_chain.close()
        self.offset_reader.close()
        try:
            self.offset_store.stop()
        except Exception:
            log.exception("%s Failed to stop the offset store", self)
        for converter in (self.key_converter, self.value_converter, self.header_converter):
            try:
                converter.close()
            except Exception:
                log.exception("%s Failed to close converter %s", self, converter)

    def execute(self) -> None:
        failed = False
        try:
            self.prepare_to_enter_send_loop()
            while not self.is_stopping():
                self.begin_send_iteration()
                if self.should_pause():
                    self.on_pause()
                    if self.await_unpause():
                        self.on_resume()
                        self.prepare_to_enter_send_loop()
                    continue
                self._maybe_throw_producer_send_exception()
                if self.to_send is None:
                    self.to_send = self.poll()
                    if self.to_send is not None:
                        self.metrics.processed += len(self.to_send)
                if self.to_send is None:
                    self.batch_dispatched()
                    continue
                if self.send_records():
                    self.batch_dispatched()
                else:
                    self._stop_requested.wait(SEND_FAILED_BACKOFF_S)
        except BaseException:
            failed = True
            if self.is_cancelled():
                log.debug("%s Skipping final offset commit as task has been cancelled", self)
                raise
            try:
                self.final_offset_commit(True)
            except Exception:
                log.exception("%s Failed to commit offsets for already-failing task", self)
            raise
        finally:
            if not failed:
                self.final_offset_commit(False)

    def poll(self) -> list[SourceRecord] | None:
        """The task's next batch; ``None`` after a retriable failure (polled again)."""
        try:
            return self.task.poll()
        except RetriableException as exc:
            log.warning(
                "%s failed to poll records from SourceTask. Will retry operation. %s", self, exc
            )
            return None

    def _maybe_throw_producer_send_exception(self) -> None:
        error = self._producer_send_exception
        if error is not None:
            raise ConnectException("Unrecoverable exception from producer send callback") from error

    # ----------------------------------------------------------------- sending

    def convert_transformed_record(
        self, record: SourceRecord | None, context: ProcessingContext[SourceRecord] | None = None
    ) -> ProducerRecord | None:
        """The serialized form of a transformed record.

        ``None`` for a record a transformation dropped, or that failed in a converter with a
        tolerated error (``context.failed()`` then says so). Each converter runs through the
        task's :class:`~connectors.runtime.errors.RetryWithToleranceOperator`: headers, key,
        value, as Kafka Connect does.
        """
        if record is None:
            return None
        if context is None:
            context = ProcessingContext(record)
        operator = self.retry_with_tolerance_operator
        topic = record.topic
        connect_headers = record.headers
        headers: list[tuple[str, bytes | None]] | None
        try:
            headers = from_connect_headers(self.header_converter, topic, connect_headers)
        except Exception as exc:
            headers = operator.recover(
                context,
                functools.partial(
                    from_connect_headers, self.header_converter, topic, connect_headers
                ),
                Stage.HEADER_CONVERTER,
                type(self.header_converter),
                exc,
            )
            if context.failed():
                return None
        convert_key = self.key_converter.from_connect_data
        try:
            key = convert_key(topic, record.key_schema, record.key, connect_headers)
        except Exception as exc:
            key = operator.recover(
                context,
                functools.partial(
                    convert_key, topic, record.key_schema, record.key, connect_headers
                ),
                Stage.KEY_CONVERTER,
                type(self.key_converter),
                exc,
            )
            if context.failed():
                return None
        convert_value = self.value_converter.from_connect_data
        try:
            value = convert_value(topic, record.value_schema, record.value, connect_headers)
        except Exception as exc:
            value = operator.recover(
                context,
                functools.partial(
                    convert_value, topic, record.value_schema, record.value, connect_headers
                ),
                Stage.VALUE_CONVERTER,
                type(self.value_converter),
                exc,
            )
            if context.failed():
                return None
        return ProducerRecord(
            topic=topic,
            partition=record.kafka_partition,
            key=key,
            value=value,
            timestamp=check_and_convert_timestamp(record.timestamp),
            headers=headers or [],
        )

    def send_records(self) -> bool:
        """Send :attr:`to_send`; ``False`` if a retriable failure left some to send again."""
        batch = self.to_send or []
        processed = 0
        chain = self.transformation_chain
        for pre_transform in batch:
            context = ProcessingContext(pre_transform)
            record = chain.apply(pre_transform, context) if chain.stages else pre_transform
            producer_record = self.convert_transformed_record(record, context)
            if producer_record is None or context.failed():
                # dropped by a transformation, or skipped after a tolerated error: its offset
                # is committed all the same
                self.record_dropped(pre_transform)
                processed += 1
                continue
            submitted = self.prepare_to_send_record(pre_transform)
            try:
                self.producer.send(producer_record, self._callback(pre_transform, submitted))
            except RetriableException as exc:
                log.warning(
                    "%s Failed to send record to topic '%s'. Backing off before retrying: %s",
                    self,
                    producer_record.topic,
                    exc,
                )
                self.to_send = batch[processed:]
                if submitted is not None:
                    submitted.drop()
                return False
            except ConnectException:
                raise
            except Exception as exc:  # the record log refused the record for good
                raise ConnectException("Unrecoverable exception trying to send") from exc
            processed += 1
        self.to_send = None
        return True

    def _callback(self, pre_transform: SourceRecord, submitted: Any) -> Any:
        def on_delivery(metadata: RecordMetadata | None, error: BaseException | None) -> None:
            if error is not None:
                log.error("%s failed to send record to %s: %s", self, pre_transform.topic, error)
                if self.producer_send_failed(pre_transform, error) and submitted is not None:
                    submitted.ack()
            else:
                assert metadata is not None
                self.metrics.stored += 1
                self.record_sent(pre_transform, metadata)
                if submitted is not None:
                    submitted.ack()

        return on_delivery

    def commit_task_record(self, record: SourceRecord, metadata: RecordMetadata | None) -> None:
        """Call the task's ``commit_record``, logging (not raising) its failures."""
        try:
            self.task.commit_record(record, metadata)
        except Exception:
            log.exception("%s Exception thrown while calling task.commit_record()", self)

    def commit_source_task(self) -> None:
        """Call the task's ``commit``, logging (not raising) its failures."""
        try:
            self.task.commit()
        except Exception:
            log.exception("%s Exception thrown while calling task.commit()", self)

    def producer_send_failed(self, record: SourceRecord, error: BaseException) -> bool:
        """A record could not be stored: the task fails at its next iteration.

        Returns whether the failure was tolerated instead (the record then counts as done).
        """
        if self._producer_send_exception is None:
            self._producer_send_exception = error
        return False

    # ----------------------------------------------------------------- hooks

    def prepare_to_enter_send_loop(self) -> None:
        """Before the loop starts, and again after a resume."""

    def begin_send_iteration(self) -> None:
        """At the top of every loop iteration."""

    def prepare_to_send_record(self, record: SourceRecord) -> Any:
        """Before a record is sent; returns what its callback acknowledges (or ``None``)."""
        return None

    def batch_dispatched(self) -> None:
        """After a whole poll batch was handed to the producer (or dropped)."""

    def record_dropped(self, record: SourceRecord) -> None:
        """A transformation dropped the record."""

    def record_sent(self, record: SourceRecord, metadata: RecordMetadata) -> None:
        """The log stored the record (called on the producer's thread)."""

    def final_offset_commit(self, failed: bool) -> None:
        """The last commit, when the loop ends."""

    def commit_offsets(self) -> bool:
        """Commit what can be committed now (called by the worker's committer)."""
        return True


class WorkerSourceTask(AbstractWorkerSourceTask):
    """The at-least-once source loop (see the module docs)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.submitted_records = SubmittedRecords()
        self._committable: CommittableOffsets = EMPTY
        self._commit_lock = threading.Lock()

    def prepare_to_send_record(self, record: SourceRecord) -> Any:
        return self.submitted_records.submit(record.source_partition, record.source_offset)

    def record_dropped(self, record: SourceRecord) -> None:
        self.submitted_records.submit(record.source_partition, record.source_offset).ack()
        self.commit_task_record(record, None)

    def record_sent(self, record: SourceRecord, metadata: RecordMetadata) -> None:
        self.commit_task_record(record, metadata)

    def producer_send_failed(self, record: SourceRecord, error: BaseException) -> bool:
        """With ``errors.tolerance=all`` a record the log refused is reported (stage
        ``KAFKA_PRODUCE``) and skipped; otherwise the task fails."""
        operator = self.retry_with_tolerance_operator
        if operator.error_tolerance_type() is ToleranceType.ALL:
            log.debug("%s Ignoring failed record send to %s: %s", self, record.topic, error)
            try:
                operator.execute_failed(
                    ProcessingContext(record), Stage.KAFKA_PRODUCE, WorkerSourceTask, error
                )
            except Exception:
                log.exception("%s Failed to report a failed send", self)
            self.commit_task_record(record, None)
            return True
        return super().producer_send_failed(record, error)

    def begin_send_iteration(self) -> None:
        self.update_committable_offsets()

    def update_committable_offsets(self) -> None:
        """Move newly committable offsets into the snapshot the committer takes."""
        newer = self.submitted_records.committable_offsets()
        with self._commit_lock:
            self._committable = self._committable.updated_with(newer)
        self.metrics.pending = newer.num_uncommittable

    def final_offset_commit(self, failed: bool) -> None:
        if not self.submitted_records.await_all_messages(self.offset_commit_timeout_s):
            log.warning(
                "%s Timed out waiting for the record log to acknowledge every record; offsets of "
                "unacknowledged records are not committed",
                self,
            )
        self.update_committable_offsets()
        self.commit_offsets()

    def commit_offsets(self) -> bool:
        started = time.monotonic()
        with self._commit_lock:
            to_commit = self._committable
            self._committable = EMPTY
        if to_commit.is_empty():
            log.debug(
                "%s Either no records were produced by the task since the last offset commit, "
                "or every record has been filtered out by a transformation",
                self,
            )
        else:
            log.debug(
                "%s Committing offsets for %d acknowledged messages",
                self,
                to_commit.num_committable,
            )
        for partition, offset in to_commit.offsets.values():
            self.offset_writer.offset(partition, offset)
        if not self.offset_writer.begin_flush():
            self.commit_source_task()
            self.metrics.committed_at = time.monotonic()
            return True
        try:
            self.offset_writer.do_flush()
        except Exception as exc:
            log.error(
                "%s Failed to flush offsets to storage; they will be committed with the next "
                "flush: %s",
                self,
                exc,
            )
            return False
        log.debug(
            "%s Finished commitOffsets successfully in %.0f ms",
            self,
            (time.monotonic() - started) * 1000,
        )
        self.commit_source_task()
        self.metrics.committed_at = time.monotonic()
        return True


class ExactlyOnceWorkerSourceTask(AbstractWorkerSourceTask):
    """The exactly-once source loop: records and offsets in one transaction (see module docs).

    ``transaction_boundary`` is ``"poll"`` (a transaction per poll batch) or ``"interval"``
    (a transaction every ``transaction_interval_ms``).
    """

    def __init__(
        self,
        *args: Any,
        transaction_boundary: str = "poll",
        transaction_interval_ms: int = 60000,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not self.producer.supports_transactions():
            raise ConnectException("Exactly-once source tasks need a transactional producer")
        self.transaction_boundary = transaction_boundary
        self.transaction_interval_s = transaction_interval_ms / 1000.0
        self._transaction_open = False
        self._next_commit = 0.0
        self._sent: list[tuple[SourceRecord, RecordMetadata]] = []
        self._sent_lock = threading.Lock()

    def prepare_to_enter_send_loop(self) -> None:
        self._next_commit = time.monotonic() + self.transaction_interval_s

    def begin_send_iteration(self) -> None:
        if self.transaction_boundary == "interval" and time.monotonic() >= self._next_commit:
            self.commit_transaction()
            self._next_commit = time.monotonic() + self.transaction_interval_s

    def _maybe_begin_transaction(self) -> None:
        if not self._transaction_open:
            self.producer.begin_transaction()
            self._transaction_open = True

    def prepare_to_send_record(self, record: SourceRecord) -> Any:
        self._maybe_begin_transaction()
        self.offset_writer.offset(record.source_partition, record.source_offset)
        return None

    def record_dropped(self, record: SourceRecord) -> None:
        self._maybe_begin_transaction()
        self.offset_writer.offset(record.source_partition, record.source_offset)
        self.commit_task_record(record, None)

    def record_sent(self, record: SourceRecord, metadata: RecordMetadata) -> None:
        with self._sent_lock:
            self._sent.append((record, metadata))

    def batch_dispatched(self) -> None:
        if self.transaction_boundary == "poll":
            self.commit_transaction()

    def commit_transaction(self) -> None:
        """Commit the open transaction with the offsets of its records; then ``commit_record``
        for each record and ``commit()``."""
        flush_started = self.offset_writer.begin_flush()
        if not self._transaction_open and not flush_started:
            return
        self._maybe_begin_transaction()
        try:
            offsets = self.offset_writer.serialized_snapshot() if flush_started else {}
            self._transaction_open = False
            self.producer.commit_transaction(offsets)
        except Exception:
            if flush_started:
                self.offset_writer.cancel_flush()
            raise
        if flush_started:
            self.offset_writer.complete_flush()
        self._maybe_throw_producer_send_exception()
        with self._sent_lock:
            sent, self._sent = self._sent, []
        for record, metadata in sent:
            self.commit_task_record(record, metadata)
        self.commit_source_task()
        self.metrics.committed_at = time.monotonic()

    def final_offset_commit(self, failed: bool) -> None:
        if failed:
            log.debug("%s Skipping final offset commit as task has failed", self)
            if self._transaction_open:
                self._transaction_open = False
                try:
                    self.producer.abort_transaction()
                except Exception:
                    log.exception("%s Failed to abort the transaction", self)
            return
        self.commit_transaction()

    def commit_offsets(self) -> bool:
        # Offsets are committed with the records, on the task's own thread.
        return True
