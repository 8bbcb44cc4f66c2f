"""Kafka Connect's error handling: retries, tolerance, the error log and the dead letter queue.

A port of ``org.apache.kafka.connect.runtime.errors``. Each task has one
:class:`RetryWithToleranceOperator` built from its connector's ``errors.*`` keys; the task
loops run every converter and transformation step through it, and it hands each failure to
the task's :class:`ErrorReporter` s (:class:`LogReporter`, :class:`DeadLetterQueueReporter`).
See docs/errors.md.
"""

from __future__ import annotations

from connectors.runtime.errors.class_names import exception_class_name, java_class_name
from connectors.runtime.errors.dead_letter_queue_reporter import (
    ERROR_HEADER_CONNECTOR_NAME,
    ERROR_HEADER_EXCEPTION,
    ERROR_HEADER_EXCEPTION_MESSAGE,
    ERROR_HEADER_EXCEPTION_STACK_TRACE,
    ERROR_HEADER_EXECUTING_CLASS,
    ERROR_HEADER_ORIG_OFFSET,
    ERROR_HEADER_ORIG_PARTITION,
    ERROR_HEADER_ORIG_TOPIC,
    ERROR_HEADER_STAGE,
    ERROR_HEADER_TASK_ID,
    HEADER_PREFIX,
    DeadLetterQueueReporter,
)
from connectors.runtime.errors.errant_record_reporter import WorkerErrantRecordReporter
from connectors.runtime.errors.log_reporter import LogReporter, SinkLogReporter, SourceLogReporter
from connectors.runtime.errors.metrics import ErrorHandlingMetrics
from connectors.runtime.errors.processing_context import ProcessingContext
from connectors.runtime.errors.reporter import ErrorReporter
from connectors.runtime.errors.retry_with_tolerance_operator import (
    RETRIES_DELAY_MIN_MS,
    Operation,
    RetryWithToleranceOperator,
)
from connectors.runtime.errors.stage import Stage
from connectors.runtime.errors.tolerance import ToleranceType

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
    "RETRIES_DELAY_MIN_MS",
    "DeadLetterQueueReporter",
    "ErrorHandlingMetrics",
    "ErrorReporter",
    "LogReporter",
    "Operation",
    "ProcessingContext",
    "RetryWithToleranceOperator",
    "SinkLogReporter",
    "SourceLogReporter",
    "Stage",
    "ToleranceType",
    "WorkerErrantRecordReporter",
    "exception_class_name",
    "java_class_name",
]
