"""The error handling the worker sets up for each task (Kafka's ``Worker.sinkTaskReporters``...).

A source task reports to the error log; a sink task to the dead letter queue (when
``errors.deadletterqueue.topic.name`` is set) and the error log, and gets an errant record
reporter when either is on (``SinkConnectorConfig.enableErrantRecordReporter``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from connectors.record import SourceRecord
from connectors.runtime.errors.dead_letter_queue_reporter import DeadLetterQueueReporter
from connectors.runtime.errors.errant_record_reporter import WorkerErrantRecordReporter
from connectors.runtime.errors.log_reporter import SinkLogReporter, SourceLogReporter
from connectors.runtime.errors.metrics import ErrorHandlingMetrics
from connectors.runtime.errors.reporter import ErrorReporter
from connectors.runtime.errors.retry_with_tolerance_operator import RetryWithToleranceOperator
from connectors.runtime.recordlog.backend import ConsumerRecord, RecordLog
from connectors.runtime.status import ConnectorTaskId
from converters.converter import Converter, HeaderConverter

if TYPE_CHECKING:
    from connectors.runtime.connector_config import ConnectorConfig

__all__ = [
    "errant_record_reporter",
    "errant_record_reporter_enabled",
    "new_operator",
    "sink_task_reporters",
    "source_task_reporters",
]


def new_operator(config: ConnectorConfig) -> RetryWithToleranceOperator[Any]:
    """A task's operator per the connector configuration's ``errors.*`` keys."""
    return RetryWithToleranceOperator.from_config(config, ErrorHandlingMetrics())


def source_task_reporters(
    task_id: ConnectorTaskId, config: ConnectorConfig, metrics: ErrorHandlingMetrics
) -> list[ErrorReporter[SourceRecord]]:
    """The error log of a source task."""
    return [SourceLogReporter.from_config(task_id, config, metrics)]


def sink_task_reporters(
    task_id: ConnectorTaskId,
    config: ConnectorConfig,
    metrics: ErrorHandlingMetrics,
    record_log: RecordLog,
    producer_config: Mapping[str, Any],
) -> list[ErrorReporter[ConsumerRecord]]:
    """The dead letter queue (if a topic is set; the topic is created now) and the error log."""
    reporters: list[ErrorReporter[ConsumerRecord]] = []
    if config.dlq_topic_name().strip():
        reporters.append(
            DeadLetterQueueReporter.create_and_setup(
                record_log,
                task_id,
                config,
                producer_config,
                metrics,
                connector_config=config.originals(),
            )
        )
    reporters.append(SinkLogReporter.from_config(task_id, config, metrics))
    return reporters


def errant_record_reporter_enabled(config: ConnectorConfig) -> bool:
    """Whether a sink task gets an errant record reporter: a dead letter queue or the error log."""
    return config.enable_errant_record_reporter()


def errant_record_reporter(
    config: ConnectorConfig,
    operator: RetryWithToleranceOperator[ConsumerRecord],
    key_converter: Converter,
    value_converter: Converter,
    header_converter: HeaderConverter,
) -> WorkerErrantRecordReporter | None:
    """The errant record reporter of a sink task, or ``None`` when nothing would record it."""
    if not errant_record_reporter_enabled(config):
        return None
    return WorkerErrantRecordReporter(operator, key_converter, value_converter, header_converter)
