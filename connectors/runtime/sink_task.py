"""The sink loop: read -> converters -> transformations -> ``put`` -> ``pre_commit`` -> commit.

A port of Kafka Connect's ``WorkerSinkTask`` and ``WorkerSinkTaskContext``. The task reads as
a member of the consumer group ``connect-<connector name>``. Offsets are committed every
``offset.flush.interval.ms`` (or sooner when the task calls ``request_commit()``): the runtime
asks the task's ``pre_commit`` which offsets are safe (by default it calls ``flush`` and
answers everything ``put`` received) and commits those, never beyond what was put. Delivery is
at least once: records put after the last commit are read and put again after a crash.
"""

from __future__ import annotations

import functools
import logging
import re
import time
from collections.abc import Collection, Mapping

from connect_data.errors import ConnectException, RetriableException
from connectors.errors import IllegalWorkerStateException
from connectors.record import OffsetAndMetadata, SinkRecord, TopicPartition
from connectors.runtime.errors.errant_record_reporter import WorkerErrantRecordReporter
from connectors.runtime.errors.processing_context import ProcessingContext
from connectors.runtime.errors.retry_with_tolerance_operator import RetryWithToleranceOperator
from connectors.runtime.errors.stage import Stage
from connectors.runtime.header_conversion import to_connect_headers
from connectors.runtime.internal_sink_record import InternalSinkRecord
from connectors.runtime.recordlog.backend import (
    Consumer,
    ConsumerRecord,
    RebalanceListener,
    WakeupException,
)
from connectors.runtime.status import ConnectorTaskId, StatusTracker
from connectors.runtime.transformation_chain import TransformationChain
from connectors.runtime.worker_task import TargetState, WorkerTask
from connectors.sink import ErrantRecordReporter, SinkTask, SinkTaskContext
from converters.converter import Converter, HeaderConverter

__all__ = ["WorkerSinkTask", "WorkerSinkTaskContext"]

log = logging.getLogger(__name__)

_LAG_REFRESH_S = 5.0


class WorkerSinkTaskContext(SinkTaskContext):
    """The context a sink task gets (``WorkerSinkTaskContext``)."""

    def __init__(self, worker_task: WorkerSinkTask, configs: Mapping[str, str]) -> None:
        self._worker_task = worker_task
        self._configs = dict(configs)
        self._offsets: dict[TopicPartition, int | None] = {}
        self._timeout_ms = -1
        self._paused: set[TopicPartition] = set()
        self._commit_requested = False

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
            log.debug(
                "%s Setting offset for topic partition %s to %s", self, offsets_or_partition, offset
            )
            self._offsets[offsets_or_partition] = offset
        else:
            log.debug("%s Setting offsets for topic partitions %s", self, offsets_or_partition)
            self._offsets.update(offsets_or_partition)

    def offsets(self) -> dict[TopicPartition, int | None]:
        """The offsets the task asked to rewind to (runtime side)."""
        return dict(self._offsets)

    def clear_offsets(self) -> None:
        """Forget the rewind requests once applied."""
        self._offsets.clear()

    def timeout(self, timeout_ms: int) -> None:
        log.debug("%s Setting timeout to %s ms", self, timeout_ms)
        self._timeout_ms = timeout_ms

    def get_timeout(self) -> int:
        """The retry timeout the task set (``-1`` for none)."""
        return self._timeout_ms

    def assignment(self) -> set[TopicPartition]:
        consumer = self._worker_task.consumer
        if consumer is None:
            raise IllegalWorkerStateException(
                "SinkTaskContext may not be used to look up partition assignment until the "
                "task is initialized"
            )
        return consumer.assignment()

    def pause(self, *partitions: TopicPartition) -> None:
        consumer = self._worker_task.consumer
        if consumer is None:
            raise IllegalWorkerStateException(
                "SinkTaskContext may not be used to pause consumption until the task is initialized"
            )
        _check_assigned(consumer, partitions, "pause")
        self._paused.update(partitions)
        if self._worker_task.should_pause():
            log.debug(
                "%s Connector is paused, so not pausing consumer's partitions %s", self, partitions
            )
        else:
            consumer.pause(partitions)
            log.debug("%s Pausing partitions %s. Connector is not paused.", self, partitions)

    def resume(self, *partitions: TopicPartition) -> None:
        consumer = self._worker_task.consumer
        if consumer is None:
            raise IllegalWorkerStateException(
                "SinkTaskContext may not be used to resume consumption until the task is initialized"
            )
        _check_assigned(consumer, partitions, "resume")
        self._paused.difference_update(partitions)
        if self._worker_task.should_pause():
            log.debug(
                "%s Connector is paused, so not resuming consumer's partitions %s", self, partitions
            )
        else:
            consumer.resume(partitions)
            log.debug("%s Resuming partitions: %s", self, partitions)

    def paused_partitions(self) -> set[TopicPartition]:
        """The partitions the task paused."""
        return self._paused

    def request_commit(self) -> None:
        log.debug("%s Requesting commit", self)
        self._commit_requested = True

    def errant_record_reporter(self) -> ErrantRecordReporter | None:
        return self._worker_task.errant_record_reporter

    def is_commit_requested(self) -> bool:
        """Whether the task asked for a commit."""
        return self._commit_requested

    def clear_commit_request(self) -> None:
        """Forget the commit request once honoured."""
        self._commit_requested = False

    def __str__(self) -> str:
        return f"WorkerSinkTaskContext{{id={self._worker_task.id}}}"


def _check_assigned(consumer: Consumer, partitions: Collection[TopicPartition], verb: str) -> None:
    assigned = consumer.assignment()
    missing = [tp for tp in partitions if tp not in assigned]
    if missing:
        raise IllegalWorkerStateException(
            f"SinkTasks may not {verb} partitions that are not currently assigned to them: "
            + ", ".join(str(tp) for tp in missing)
        )


class WorkerSinkTask(WorkerTask):
    """Runs a :class:`~connectors.SinkTask` (see the module docs)."""

    def __init__(
        self,
        task_id: ConnectorTaskId,
        task: SinkTask,
        task_config: Mapping[str, str],
        status: StatusTracker,
        initial_state: TargetState,
        key_converter: Converter,
        value_converter: Converter,
        header_converter: HeaderConverter,
        transformation_chain: TransformationChain[SinkRecord],
        consumer: Consumer,
        topics: list[str] | None,
        topics_pattern: re.Pattern[str] | None,
        offset_commit_interval_ms: int,
        *,
        retry_with_tolerance_operator: RetryWithToleranceOperator[ConsumerRecord] | None = None,
        errant_record_reporter: WorkerErrantRecordReporter | None = None,
    ) -> None:
        super().__init__(task_id, status, initial_state, "sink", retry_with_tolerance_operator)
        self.errant_record_reporter = errant_record_reporter
        self.task = task
        self.task_config = dict(task_config)
        self.key_converter = key_converter
        self.value_converter = value_converter
        self.header_converter = header_converter
        self.transformation_chain = transformation_chain
        if transformation_chain.retry_with_tolerance_operator is None:
            transformation_chain.retry_with_tolerance_operator = self.retry_with_tolerance_operator
        self.consumer: Consumer | None = consumer
        self._consumer = consumer
        self._topics = topics
        self._pattern = topics_pattern
        self._commit_interval_s = offset_commit_interval_ms / 1000.0
        self.context = WorkerSinkTaskContext(self, task_config)
        self.message_batch: list[SinkRecord] = []
        self._batch_partitions: list[TopicPartition] = []
        self.current_offsets: dict[TopicPartition, OffsetAndMetadata] = {}
        self.last_committed_offsets: dict[TopicPartition, OffsetAndMetadata] = {}
        self._orig_offsets: dict[TopicPartition, OffsetAndMetadata] = {}
        self._next_commit = 0.0
        self._paused_for_redelivery = False
        self._rebalance_exception: BaseException | None = None
        self._started = False
        self._commit_seqno = 0
        self._commit_failures = 0
        self._next_lag = 0.0

    # ----------------------------------------------------------------- lifecycle

    def initialize_and_start(self) -> None:
        listener = _HandleRebalance(self)
        if self._topics is not None:
            self._consumer.subscribe(topics=self._topics, listener=listener)
            log.debug(
                "%s Initializing and starting task for topics %s", self, ", ".join(self._topics)
            )
        else:
            self._consumer.subscribe(pattern=self._pattern, listener=listener)
            log.debug("%s Initializing and starting task for topics regex %s", self, self._pattern)
        self.task.initialize(self.context)
        self._started = True
        self.task.start(self.task_config)
        log.info("%s Sink task finished initialization and start", self)

    def stop(self) -> None:
        super().stop()
        self._consumer.wakeup()

    def transition_to(self, state: TargetState) -> None:
        super().transition_to(state)
        self._consumer.wakeup()

    def execute(self) -> None:
        log.info("%s Executing sink task", self)
        self._next_commit = time.monotonic() + self._commit_interval_s
        try:
            while not self.is_stopping():
                self.iteration()
        except WakeupException:
            log.debug("%s Consumer woken up while stopping", self)
        except BaseException:
            # commit what was delivered and close the partitions, without hiding the failure
            if not self.is_cancelled():
                try:
                    self.close_all_partitions()
                except Exception:
                    log.exception("%s Failed to close partitions of a failing task", self)
            raise
        if not self.is_cancelled():
            self.close_all_partitions()

    def iteration(self) -> None:
        """One round: maybe commit, then poll, convert and put."""
        try:
            now = time.monotonic()
            if self.context.is_commit_requested() or now >= self._next_commit:
                self.commit_offsets(False, self._consumer.assignment())
                self._next_commit = now + self._commit_interval_s
                self.context.clear_commit_request()
            self._maybe_refresh_lag(now)
            timeout = max(self._next_commit - now, 0.0)
            self.poll(timeout)
        except WakeupException:
            log.debug("%s Consumer woken up", self)
            if self.is_stopping():
                return
            if self.should_pause():
                self.pause_all()
                self.on_pause()
                self.context.request_commit()
            elif not self._paused_for_redelivery:
                self.resume_all()
                self.on_resume()

    def close(self) -> None:
        if self._started:
            try:
                self.task.stop()
            except Exception:
                log.exception("%s Failed to stop the sink task", self)
        try:
            self._consumer.close()
        except Exception:
            log.exception("%s Failed to close the consumer", self)
        self.consumer = None
        self.transformation_chain.close()
        for converter in (self.key_converter, self.value_converter, self.header_converter):
            try:
                converter.close()
            except Exception:
                log.exception("%s Failed to close converter %s", self, converter)

    # ----------------------------------------------------------------- polling

    def poll(self, timeout_s: float) -> None:
        """Apply rewinds, read (up to ``timeout_s``), convert, and deliver to the task."""
        self.rewind()
        retry_timeout_ms = self.context.get_timeout()
        if retry_timeout_ms > 0:
            timeout_s = min(timeout_s, retry_timeout_ms / 1000.0)
            self.context.timeout(-1)
        messages = self._consumer.poll(timeout_s)
        if self._rebalance_exception is not None:
            error = self._rebalance_exception
            self._rebalance_exception = None
            raise error
        self.convert_messages(messages)
        self.deliver_messages()

    def convert_messages(self, messages: list[ConsumerRecord]) -> None:
        """Convert and transform records into the batch for ``put``.

        A record that failed with a tolerated error, or that a transformation dropped, is
        left out; its offset still counts as consumed.
        """
        for message in messages:
            record = self.convert_and_transform_record(ProcessingContext(message), message)
            tp = TopicPartition(message.topic, message.partition)
            self._orig_offsets[tp] = OffsetAndMetadata(message.offset + 1)
            if record is not None:
                self.message_batch.append(record)
                self._batch_partitions.append(tp)

    def convert_and_transform_record(
        self, context: ProcessingContext[ConsumerRecord], message: ConsumerRecord
    ) -> SinkRecord | None:
        """The :class:`SinkRecord` of a consumed record after the transformations.

        ``None`` when a transformation dropped it or a converter or transformation failed with
        a tolerated error (``context.failed()``). Each step runs through the task's
        :class:`~connectors.runtime.errors.RetryWithToleranceOperator`: header, key and value
        converters, then each transformation.
        """
        operator = self.retry_with_tolerance_operator
        topic = message.topic
        try:
            headers = to_connect_headers(self.header_converter, topic, message.headers)
        except Exception as exc:
            recovered = operator.recover(
                context,
                functools.partial(
                    to_connect_headers, self.header_converter, topic, message.headers
                ),
                Stage.HEADER_CONVERTER,
                type(self.header_converter),
                exc,
            )
            if recovered is None or context.failed():
                return None
            headers = recovered
        convert_key = self.key_converter.to_connect_data
        try:
            key = convert_key(topic, message.key, headers)
        except Exception as exc:
            recovered_key = operator.recover(
                context,
                functools.partial(convert_key, topic, message.key, headers),
                Stage.KEY_CONVERTER,
                type(self.key_converter),
                exc,
            )
            if recovered_key is None or context.failed():
                return None
            key = recovered_key
        convert_value = self.value_converter.to_connect_data
        try:
            value = convert_value(topic, message.value, headers)
        except Exception as exc:
            recovered_value = operator.recover(
                context,
                functools.partial(convert_value, topic, message.value, headers),
                Stage.VALUE_CONVERTER,
                type(self.value_converter),
                exc,
            )
            if recovered_value is None or context.failed():
                return None
            value = recovered_value
        timestamp = message.timestamp if message.timestamp >= 0 else None
        record: SinkRecord
        if self.errant_record_reporter is None:
            record = SinkRecord(
                topic=topic,
                kafka_partition=message.partition,
                key_schema=key.schema(),
                key=key.value(),
                value_schema=value.schema(),
                value=value.value(),
                kafka_offset=message.offset,
                timestamp=timestamp,
                timestamp_type=message.timestamp_type,
                headers=headers,
            )
        else:
            record = InternalSinkRecord(
                topic=topic,
                kafka_partition=message.partition,
                key_schema=key.schema(),
                key=key.value(),
                value_schema=value.schema(),
                value=value.value(),
                kafka_offset=message.offset,
                timestamp=timestamp,
                timestamp_type=message.timestamp_type,
                headers=headers,
                processing_context=context,
            )
        if not self.transformation_chain.stages:
            return record
        return self.transformation_chain.apply(record, context)

    def deliver_messages(self) -> None:
        """``put`` the batch; a RetriableException pauses reading and redelivers it later."""
        try:
            self.task.put(list(self.message_batch))
            self.metrics.processed += len(self.message_batch)
            self.current_offsets.update(self._orig_offsets)
            self._orig_offsets.clear()
            self.message_batch.clear()
            self._batch_partitions.clear()
            if self._paused_for_redelivery:
                if not self.should_pause():
                    self.resume_all()
                self._paused_for_redelivery = False
        except RetriableException as exc:
            log.error("%s RetriableException from SinkTask: %s", self, exc)
            if not self._paused_for_redelivery:
                self._paused_for_redelivery = True
                self.pause_all()
        except Exception as exc:
            log.error(
                "%s Task threw an uncaught and unrecoverable exception. Task is being killed and "
                "will not recover until manually restarted. Error: %s",
                self,
                exc,
            )
            raise ConnectException(
                "Exiting WorkerSinkTask due to unrecoverable exception."
            ) from exc

    def rewind(self) -> None:
        """Seek to the offsets the task set with ``context.offset(...)``."""
        offsets = self.context.offsets()
        if not offsets:
            return
        for tp, offset in offsets.items():
            if offset is None:
                log.warning("%s Cannot rewind %s to null offset", self, tp)
                continue
            log.debug("%s Rewind %s to offset %d", self, tp, offset)
            self._consumer.seek(tp, offset)
            self.last_committed_offsets[tp] = OffsetAndMetadata(offset)
            self.current_offsets[tp] = OffsetAndMetadata(offset)
        self.context.clear_offsets()

    def pause_all(self) -> None:
        """Pause every assigned partition."""
        self._consumer.pause(self._consumer.assignment())

    def resume_all(self) -> None:
        """Resume every assigned partition the task itself did not pause."""
        paused = self.context.paused_partitions()
        self._consumer.resume([tp for tp in self._consumer.assignment() if tp not in paused])

    def _maybe_refresh_lag(self, now: float) -> None:
        if now < self._next_lag:
            return
        self._next_lag = now + _LAG_REFRESH_S
        assignment = self._consumer.assignment()
        self.metrics.partitions = len(assignment)
        if not assignment:
            self.metrics.lag = 0
            return
        try:
            ends = self._consumer.end_offsets(assignment)
            self.metrics.lag = sum(
                max(ends[tp] - self._consumer.position(tp), 0) for tp in assignment
            )
        except Exception as exc:
            log.debug("%s Cannot compute the lag: %s", self, exc)

    # ----------------------------------------------------------------- committing

    def commit_offsets(self, closing: bool, partitions: Collection[TopicPartition]) -> None:
        """``pre_commit`` then commit the offsets it allows (``WorkerSinkTask.commitOffsets``)."""
        partitions = list(partitions)
        if not partitions:
            return
        self.await_error_reports()
        self._commit_seqno += 1
        last_committed = {
            tp: om for tp, om in self.last_committed_offsets.items() if tp in partitions
        }
        try:
            task_offsets = self.task.pre_commit(dict(self.current_offsets))
        except Exception as exc:
            if closing:
                log.warning("%s Offset commit failed during close: %s", self, exc)
            else:
                log.error(
                    "%s Offset commit failed, rewinding to last committed offsets: %s", self, exc
                )
                for tp, om in last_committed.items():
                    log.debug("%s Rewinding topic partition %s to offset %d", self, tp, om.offset)
                    self._consumer.seek(tp, om.offset)
                self.current_offsets.update(last_committed)
            self._commit_failures += 1
            return
        finally:
            if closing:
                log.debug("%s Closing the task before committing the offsets", self)
                self.task.close(partitions)
        if not task_offsets:
            log.debug(
                "%s Skipping offset commit, task opted-out by returning no offsets from pre_commit",
                self,
            )
            return
        assigned = self._consumer.assignment()
        committable = dict(last_committed)
        for tp, provided in task_offsets.items():
            offset_and_metadata = (
                provided
                if isinstance(provided, OffsetAndMetadata)
                else OffsetAndMetadata(int(provided))
            )
            if tp in committable:
                current = self.current_offsets[tp].offset
                if offset_and_metadata.offset <= current:
                    committable[tp] = offset_and_metadata
                else:
                    log.warning(
                        "%s Ignoring invalid task provided offset %s/%s -- not yet consumed, "
                        "taskOffset=%d currentOffset=%d",
                        self,
                        tp,
                        offset_and_metadata,
                        offset_and_metadata.offset,
                        current,
                    )
            elif tp not in assigned:
                log.warning(
                    "%s Ignoring invalid task provided offset %s/%s -- partition not assigned, "
                    "assignment=%s",
                    self,
                    tp,
                    offset_and_metadata,
                    sorted(assigned),
                )
            else:
                log.debug(
                    "%s Ignoring task provided offset %s/%s -- topic partition not requested",
                    self,
                    tp,
                    offset_and_metadata,
                )
        if committable == last_committed:
            log.debug("%s Skipping offset commit, no change since last commit", self)
            self.metrics.committed_at = time.monotonic()
            return
        try:
            self._consumer.commit_sync(committable)
        except WakeupException:
            # the stop was requested during the commit: retry once, the consumer is still usable
            self._consumer.commit_sync(committable)
        except Exception as exc:
            log.error("%s Commit of offsets threw an unexpected exception: %s", self, exc)
            self._commit_failures += 1
            return
        log.debug("%s Finished offset commit successfully: %s", self, committable)
        self.last_committed_offsets.update(committable)
        self._commit_failures = 0
        self.metrics.committed_at = time.monotonic()

    def await_error_reports(self) -> None:
        """Wait until the failed records reported so far are stored (dead letter queue), so
        that no offset is committed past a record whose report could still be lost."""
        if self.errant_record_reporter is not None:
            log.debug("%s Awaiting reported errors to be completed", self)
            self.errant_record_reporter.await_futures(list(self.current_offsets))
        self.retry_with_tolerance_operator.flush_reporters()

    def close_all_partitions(self) -> None:
        """Commit and close every assigned partition (at stop)."""
        self.close_partitions(list(self.current_offsets), lost=False)

    def close_partitions(self, partitions: Collection[TopicPartition], lost: bool) -> None:
        """Commit (unless lost) and close ``partitions``, and forget their state."""
        partitions = list(partitions)
        if not partitions:
            return
        if lost:
            if self.errant_record_reporter is not None:
                self.errant_record_reporter.cancel_futures(partitions)
            self.task.close(partitions)
        else:
            self.commit_offsets(True, partitions)
        for tp in partitions:
            self.current_offsets.pop(tp, None)
            self.last_committed_offsets.pop(tp, None)
            self._orig_offsets.pop(tp, None)
        gone = set(partitions)
        kept = [
            (record, tp)
            for record, tp in zip(self.message_batch, self._batch_partitions, strict=True)
            if tp not in gone
        ]
        self.message_batch = [r for r, _ in kept]
        self._batch_partitions = [tp for _, tp in kept]

    def open_partitions(self, partitions: Collection[TopicPartition]) -> None:
        """Tell the task about newly assigned partitions."""
        self.task.open(list(partitions))


class _HandleRebalance(RebalanceListener):
    def __init__(self, worker_task: WorkerSinkTask) -> None:
        self._task = worker_task

    def on_partitions_assigned(self, partitions: Collection[TopicPartition]) -> None:
        task = self._task
        consumer = task._consumer
        log.debug("%s Partitions assigned %s", task, partitions)
        task._next_lag = 0.0
        for tp in partitions:
            position = consumer.position(tp)
            task.last_committed_offsets[tp] = OffsetAndMetadata(position)
            task.current_offsets[tp] = OffsetAndMetadata(position)
            log.debug("%s Assigned topic partition %s with offset %d", task, tp, position)
        was_paused = task._paused_for_redelivery
        task._paused_for_redelivery = was_paused and bool(task.message_batch)
        if task._paused_for_redelivery:
            task.pause_all()
        else:
            if was_paused:
                task.resume_all()
            paused = task.context.paused_partitions()
            paused.intersection_update(consumer.assignment())
            if task.should_pause():
                task.pause_all()
            elif paused:
                consumer.pause(paused)
        if not partitions:
            return
        try:
            task.open_partitions(partitions)
        except Exception as exc:
            task._rebalance_exception = exc

    def on_partitions_revoked(self, partitions: Collection[TopicPartition]) -> None:
        task = self._task
        log.debug("%s Partitions revoked %s", task, partitions)
        try:
            task.close_partitions(partitions, lost=False)
        except Exception as exc:
            task._rebalance_exception = exc

    def on_partitions_lost(self, partitions: Collection[TopicPartition]) -> None:
        task = self._task
        log.debug("%s Partitions lost %s", task, partitions)
        try:
            task.close_partitions(partitions, lost=True)
        except Exception as exc:
            task._rebalance_exception = exc
