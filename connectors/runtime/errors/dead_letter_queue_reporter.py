"""Writing failed sink records to a dead letter queue topic (``DeadLetterQueueReporter``).

With ``errors.deadletterqueue.topic.name`` set on a sink connector, each record that fails in
a converter or a transformation (and is tolerated), and each record the task reports through
its errant record reporter, is appended to that topic as it was read: the original key, value
and header bytes and timestamp, in the same record log (embedded or Kafka) the worker uses.
With ``errors.deadletterqueue.context.headers.enable=true`` these headers are added, values as
UTF-8 text, exactly as Kafka Connect writes them:

=========================================  ====================================================
``__connect.errors.topic``                 the topic the record was read from
``__connect.errors.partition``             its partition (decimal)
``__connect.errors.offset``                its offset (decimal)
``__connect.errors.connector.name``        the connector's name
``__connect.errors.task.id``               the task number (decimal)
``__connect.errors.stage``                 the stage that failed (``VALUE_CONVERTER``, ...)
``__connect.errors.class.name``            the class that failed (Java name where it has one)
``__connect.errors.exception.class.name``  the exception's class (Java name where it has one)
``__connect.errors.exception.message``     the exception's message (a null header if none)
``__connect.errors.exception.stacktrace``  ``<class>: <message>`` then the trace
=========================================  ====================================================

The topic is created (one partition, ``errors.deadletterqueue.topic.replication.factor``
replicas where the backend has replicas) when the reporter is set up, if missing.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Mapping
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, Final

from connect_data.errors import ConnectException
from connectors.record import RecordMetadata
from connectors.runtime.errors.class_names import exception_class_name, report_class_name
from connectors.runtime.errors.metrics import ErrorHandlingMetrics
from connectors.runtime.errors.processing_context import ProcessingContext
from connectors.runtime.errors.reporter import ErrorReporter, completed_future
from connectors.runtime.recordlog.backend import ConsumerRecord, Producer, ProducerRecord, RecordLog
from connectors.runtime.secrets import redactor
from connectors.runtime.status import ConnectorTaskId

if TYPE_CHECKING:
    from connectors.runtime.connector_config import ConnectorConfig

__all__ = [
    "ERROR_HEADER_CONNECTOR_NAME",
    "ERROR_HEADER_EXCEPTION",
    "ERROR_HEADER_EXCEPTION_MESSAGE",
    "ERROR_HEADER_EXCEPTION_STACK_TRACE",
    "ERROR_HEADER_EXECUTING_CLASS",
    "ERROR_HEADER_ORIG_OFFSET",
    "ERROR_HEADER_ORIG_PARTITION",
    "ERROR_HEADER_ORIG_TOPIC",
    "ERROR_HEADER_STAGE",
    "ERROR_HEADER_TASK_ID",
    "HEADER_PREFIX",
    "DeadLetterQueueReporter",
    "java_stack_trace",
]

log = logging.getLogger(__name__)

DLQ_NUM_DESIRED_PARTITIONS: Final = 1

HEADER_PREFIX: Final = "__connect.errors."
ERROR_HEADER_ORIG_TOPIC: Final = HEADER_PREFIX + "topic"
ERROR_HEADER_ORIG_PARTITION: Final = HEADER_PREFIX + "partition"
ERROR_HEADER_ORIG_OFFSET: Final = HEADER_PREFIX + "offset"
ERROR_HEADER_CONNECTOR_NAME: Final = HEADER_PREFIX + "connector.name"
ERROR_HEADER_TASK_ID: Final = HEADER_PREFIX + "task.id"
ERROR_HEADER_STAGE: Final = HEADER_PREFIX + "stage"
ERROR_HEADER_EXECUTING_CLASS: Final = HEADER_PREFIX + "class.name"
ERROR_HEADER_EXCEPTION: Final = HEADER_PREFIX + "exception.class.name"
ERROR_HEADER_EXCEPTION_MESSAGE: Final = HEADER_PREFIX + "exception.message"
ERROR_HEADER_EXCEPTION_STACK_TRACE: Final = HEADER_PREFIX + "exception.stacktrace"


def _message(error: BaseException) -> str | None:
    """Java's ``getMessage()``: ``None`` for an exception raised without a message."""
    if not error.args:
        return None
    return str(error)


def _throwable_line(error: BaseException) -> str:
    """Java's ``Throwable.toString()``: ``<class>`` or ``<class>: <message>``."""
    message = _message(error)
    name = exception_class_name(error)
    return name if message is None else f"{name}: {message}"


def java_stack_trace(error: BaseException) -> str:
    """The trace as Java's ``printStackTrace`` lays it out.

    ``<class>: <message>``, one ``\\tat`` line per frame (innermost first, as Java), then
    ``Caused by: ...`` for each cause.
    """
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    first = True
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        lines.append(("" if first else "Caused by: ") + _throwable_line(current))
        for frame in reversed(traceback.extract_tb(current.__traceback__)):
            lines.append(f"\tat {frame.name}({frame.filename}:{frame.lineno})")
        first = False
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    return redactor.scrub("\n".join(lines) + "\n")


class DeadLetterQueueReporter(ErrorReporter[ConsumerRecord]):
    """Appends the original consumed record to the dead letter queue (see the module docs)."""

    def __init__(
        self,
        producer: Producer,
        topic: str,
        task_id: ConnectorTaskId,
        metrics: ErrorHandlingMetrics,
        *,
        context_headers: bool = False,
    ) -> None:
        self.producer = producer
        self.topic = topic.strip()
        self.task_id = task_id
        self.metrics = metrics
        self.context_headers = context_headers
        self._unflushed = False

    @classmethod
    def create_and_setup(
        cls,
        record_log: RecordLog,
        task_id: ConnectorTaskId,
        config: ConnectorConfig,
        producer_config: Mapping[str, Any],
        metrics: ErrorHandlingMetrics,
        connector_config: Mapping[str, Any] | None = None,
    ) -> DeadLetterQueueReporter:
        """Create the topic if missing and a producer for it (``createAndSetup``)."""
        topic = config.dlq_topic_name().strip()
        _ensure_topic(record_log, topic, config.dlq_topic_replication_factor())
        producer = record_log.producer(
            f"connector-dlq-producer-{task_id}",
            producer_config,
            connector_config=connector_config,
        )
        return cls(
            producer,
            topic,
            task_id,
            metrics,
            context_headers=config.is_dlq_context_headers_enabled(),
        )

    def report(self, context: ProcessingContext[ConsumerRecord]) -> Future[Any]:
        if not self.topic:
            return completed_future()
        self.metrics.record_dead_letter_queue_produce_request()
        original: Any = context.original()
        if not isinstance(original, ConsumerRecord):  # a source record: nothing to write
            self.metrics.record_dead_letter_queue_produce_failed()
            return completed_future()
        headers = list(original.headers)
        if self.context_headers:
            headers.extend(self.context_headers_for(context))
        record = ProducerRecord(
            topic=self.topic,
            key=original.key,
            value=original.value,
            timestamp=original.timestamp if original.timestamp >= 0 else None,
            headers=headers,
        )
        future: Future[Any] = Future()

        def on_delivery(metadata: RecordMetadata | None, error: BaseException | None) -> None:
            if error is not None:
                log.error(
                    "Could not produce message to dead letter queue. topic=%s",
                    self.topic,
                    exc_info=error,
                )
                self.metrics.record_dead_letter_queue_produce_failed()
                future.set_exception(error)
            else:
                future.set_result(metadata)

        self._unflushed = True
        try:
            self.producer.send(record, on_delivery)
        except Exception as exc:
            on_delivery(None, exc)
        return future

    def context_headers_for(
        self, context: ProcessingContext[ConsumerRecord]
    ) -> list[tuple[str, bytes | None]]:
        """The ``__connect.errors.*`` headers for ``context`` (``populateContextHeaders``)."""
        headers: list[tuple[str, bytes | None]] = []
        original = context.original()
        if isinstance(original, ConsumerRecord):
            headers.append((ERROR_HEADER_ORIG_TOPIC, original.topic.encode()))
            headers.append((ERROR_HEADER_ORIG_PARTITION, str(original.partition).encode()))
            headers.append((ERROR_HEADER_ORIG_OFFSET, str(original.offset).encode()))
        headers.append((ERROR_HEADER_CONNECTOR_NAME, self.task_id.connector.encode()))
        headers.append((ERROR_HEADER_TASK_ID, str(self.task_id.task).encode()))
        stage = context.stage()
        headers.append((ERROR_HEADER_STAGE, (stage.name if stage else "null").encode()))
        headers.append(
            (ERROR_HEADER_EXECUTING_CLASS, report_class_name(context.executing_class()).encode())
        )
        error = context.error()
        if error is not None:
            headers.append((ERROR_HEADER_EXCEPTION, exception_class_name(error).encode()))
            message = _message(error)
            headers.append(
                (
                    ERROR_HEADER_EXCEPTION_MESSAGE,
                    None if message is None else redactor.scrub(message).encode(),
                )
            )
            headers.append((ERROR_HEADER_EXCEPTION_STACK_TRACE, java_stack_trace(error).encode()))
        return headers

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every record sent so far is stored (or failed); ``False`` on timeout."""
        if not self._unflushed:
            return True
        self._unflushed = False
        return self.producer.flush(timeout)

    def close(self) -> None:
        self.producer.close(30.0)


def _ensure_topic(record_log: RecordLog, topic: str, replication_factor: int) -> None:
    admin = record_log.admin()
    try:
        if topic in admin.list_topics():
            return
        log.error("Topic %s doesn't exist. Will attempt to create topic.", topic)
        create_with = getattr(admin, "create_topic_with", None)
        if callable(create_with):  # a backend with replicas (Kafka)
            created = create_with(
                topic, partitions=DLQ_NUM_DESIRED_PARTITIONS, replication_factor=replication_factor
            )
            if created is None:
                raise ConnectException(
                    f"the cluster does not allow this worker to create the topic {topic}"
                )
        else:
            admin.create_topic(topic, DLQ_NUM_DESIRED_PARTITIONS)
    except Exception as exc:
        raise ConnectException(
            f"Could not initialize dead letter queue with topic={topic}"
        ) from exc
