"""Tests of connectors.runtime.errors.log_reporter (Kafka's LogReporter cases, and secrets)."""

from __future__ import annotations

import logging

import pytest

from connect_data import Schema
from connect_data.errors import DataException
from connectors import SourceRecord
from connectors.record import TimestampType
from connectors.runtime.errors import (
    ErrorHandlingMetrics,
    ProcessingContext,
    SinkLogReporter,
    SourceLogReporter,
    Stage,
)
from connectors.runtime.recordlog import ConsumerRecord
from connectors.runtime.secrets import redactor
from connectors.runtime.status import ConnectorTaskId
from converters.json import JsonConverter

TASK_ID = ConnectorTaskId("job", 0)


def consumed(timestamp_type: TimestampType = TimestampType.NO_TIMESTAMP_TYPE) -> ConsumerRecord:
    return ConsumerRecord(
        topic="test-topic",
        partition=5,
        offset=100,
        timestamp=1234 if timestamp_type is not TimestampType.NO_TIMESTAMP_TYPE else -1,
        timestamp_type=timestamp_type,
        key=b"ab",
        value=b"x",
    )


def sink_context(record: ConsumerRecord | None = None) -> ProcessingContext[ConsumerRecord]:
    context = ProcessingContext(record or consumed())
    context.current_context(Stage.KEY_CONVERTER, JsonConverter)
    return context


def test_nothing_is_logged_unless_enabled(caplog: pytest.LogCaptureFixture) -> None:
    """errors.log.enable=false (the default) logs nothing and counts nothing."""
    metrics = ErrorHandlingMetrics()
    reporter = SinkLogReporter(TASK_ID, False, False, metrics)
    context = sink_context()
    context.error(RuntimeError())
    with caplog.at_level(logging.DEBUG):
        assert reporter.report(context).done()
    assert caplog.records == [] and metrics.errors_logged == 0


def test_one_error_line_per_failure_when_enabled(caplog: pytest.LogCaptureFixture) -> None:
    """With the log enabled each failure is one ERROR record with the exception attached."""
    metrics = ErrorHandlingMetrics()
    reporter = SinkLogReporter(TASK_ID, True, False, metrics)
    context = sink_context()
    context.error(DataException("cannot parse"))
    with caplog.at_level(logging.DEBUG, logger="connectors.runtime.errors"):
        reporter.report(context)
    (line,) = caplog.records
    assert line.levelno == logging.ERROR and line.exc_info is not None
    assert line.getMessage() == (
        "Error encountered in task job-0. Executing stage 'KEY_CONVERTER' with class "
        "'org.apache.kafka.connect.json.JsonConverter'."
    )
    assert metrics.errors_logged == 1


def test_a_context_without_error_is_not_logged(caplog: pytest.LogCaptureFixture) -> None:
    """A context that did not fail is not reported."""
    with caplog.at_level(logging.DEBUG):
        SinkLogReporter(TASK_ID, True, True, ErrorHandlingMetrics()).report(sink_context())
    assert caplog.records == []


def test_sink_record_details_are_coordinates_only() -> None:
    """errors.log.include.messages adds the topic, partition, offset (and timestamp), never data."""
    reporter = SinkLogReporter(TASK_ID, True, True, ErrorHandlingMetrics())
    assert reporter.message(sink_context()) == (
        "Error encountered in task job-0. Executing stage 'KEY_CONVERTER' with class "
        "'org.apache.kafka.connect.json.JsonConverter', where consumed record is "
        "{topic='test-topic', partition=5, offset=100}."
    )
    timed = reporter.message(sink_context(consumed(TimestampType.CREATE_TIME)))
    assert timed.endswith(
        "{topic='test-topic', partition=5, offset=100, timestamp=1234, timestampType=CreateTime}."
    )


def test_source_record_details_are_the_record() -> None:
    """For a source task the whole record is described, only when asked."""
    record = SourceRecord(
        topic="t", value_schema=Schema.STRING_SCHEMA, value="payload-42", source_offset={"n": 1}
    )
    context = ProcessingContext(record)
    context.current_context(Stage.VALUE_CONVERTER, JsonConverter)
    with_details = SourceLogReporter(TASK_ID, True, True, ErrorHandlingMetrics()).message(context)
    assert (
        ", where source record is = SourceRecord(" in with_details and "payload-42" in with_details
    )
    without = SourceLogReporter(TASK_ID, True, False, ErrorHandlingMetrics()).message(context)
    assert "payload-42" not in without


def test_secrets_never_reach_the_log() -> None:
    """A registered PASSWORD value in a record is replaced by [hidden]."""
    redactor.add(["s3cr3t-token-for-log-test"])
    record = SourceRecord(topic="t", value="Bearer s3cr3t-token-for-log-test")
    context = ProcessingContext(record)
    context.current_context(Stage.VALUE_CONVERTER, JsonConverter)
    message = SourceLogReporter(TASK_ID, True, True, ErrorHandlingMetrics()).message(context)
    assert "s3cr3t-token-for-log-test" not in message and "[hidden]" in message
