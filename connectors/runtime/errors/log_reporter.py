"""Writing failed records to the application log (``LogReporter``).

Only with ``errors.log.enable=true``, one ERROR line per failure (with the exception's trace):
``Error encountered in task <id>. Executing stage '<STAGE>' with class '<class>'.``. With
``errors.log.include.messages=true`` the line also describes the record: for a sink, the
consumed record's topic, partition, offset and timestamp (never its key or value); for a
source, the whole source record. Registered secrets (PASSWORD configuration values) are
removed from the line.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from connectors.record import SourceRecord, TimestampType
from connectors.runtime.errors.class_names import report_class_name
from connectors.runtime.errors.metrics import ErrorHandlingMetrics
from connectors.runtime.errors.processing_context import ProcessingContext
from connectors.runtime.errors.reporter import ErrorReporter, completed_future
from connectors.runtime.recordlog.backend import ConsumerRecord
from connectors.runtime.secrets import redactor
from connectors.runtime.status import ConnectorTaskId

if TYPE_CHECKING:
    from connectors.runtime.connector_config import ConnectorConfig

__all__ = ["LogReporter", "SinkLogReporter", "SourceLogReporter"]

log = logging.getLogger(__name__)

T = TypeVar("T")


class LogReporter(ErrorReporter[T], Generic[T]):
    """The error log of one task (see the module docs); subclasses describe their records."""

    def __init__(
        self,
        task_id: ConnectorTaskId,
        enabled: bool,
        include_messages: bool,
        metrics: ErrorHandlingMetrics,
    ) -> None:
        self.task_id = task_id
        self.enabled = enabled
        self.include_messages = include_messages
        self.metrics = metrics

    @classmethod
    def from_config(
        cls, task_id: ConnectorTaskId, config: ConnectorConfig, metrics: ErrorHandlingMetrics
    ) -> LogReporter[T]:
        """A reporter per the ``errors.log.*`` keys of a connector configuration."""
        return cls(
            task_id,
            config.enable_error_log(),
            config.include_record_details_in_error_log(),
            metrics,
        )

    def report(self, context: ProcessingContext[T]) -> Future[Any]:
        if not self.enabled or not context.failed():
            return completed_future()
        log.error(self.message(context), exc_info=context.error())
        self.metrics.record_error_logged()
        return completed_future()

    def message(self, context: ProcessingContext[T]) -> str:
        """The log line for ``context`` (without the trace)."""
        stage = context.stage()
        parts = [
            f"Error encountered in task {self.task_id}. Executing stage "
            f"'{'null' if stage is None else stage.name}' with class "
            f"'{report_class_name(context.executing_class())}'"
        ]
        if self.include_messages:
            parts.append(self.describe(context.original()))
        parts.append(".")
        return redactor.scrub("".join(parts))

    def describe(self, original: T) -> str:
        """The record part of the line (after the class), with its leading ``, ``."""
        return f", where record is {original}"


class SinkLogReporter(LogReporter[ConsumerRecord]):
    """The error log of a sink task: records by topic, partition, offset and timestamp."""

    def describe(self, original: ConsumerRecord) -> str:
        text = (
            f", where consumed record is {{topic='{original.topic}', "
            f"partition={original.partition}, offset={original.offset}"
        )
        if original.timestamp_type in (TimestampType.CREATE_TIME, TimestampType.LOG_APPEND_TIME):
            text += f", timestamp={original.timestamp}, timestampType={original.timestamp_type}"
        return text + "}"


class SourceLogReporter(LogReporter[SourceRecord]):
    """The error log of a source task: the whole source record."""

    def describe(self, original: SourceRecord) -> str:
        return f", where source record is = {original}"
