"""Tests of connectors.runtime.errors.task_reporters: what each task gets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from connectors.runtime.connector_config import ConnectorConfig
from connectors.runtime.errors import (
    DeadLetterQueueReporter,
    ErrorHandlingMetrics,
    SinkLogReporter,
    SourceLogReporter,
    ToleranceType,
)
from connectors.runtime.errors.task_reporters import (
    errant_record_reporter,
    errant_record_reporter_enabled,
    new_operator,
    sink_task_reporters,
    source_task_reporters,
)
from connectors.runtime.plugins import Plugins
from connectors.runtime.recordlog import EmbeddedRecordLog
from connectors.runtime.status import ConnectorTaskId
from converters.header import SimpleHeaderConverter
from converters.string import StringConverter
from tests.connectors import testplugins

TASK_ID = ConnectorTaskId("c", 1)


def sink_config(**extra: str) -> ConnectorConfig:
    props = {"name": "c", "connector.class": "LineFileSink", "topics": "in", "file": "f"}
    return ConnectorConfig(Plugins(), {**props, **extra}, testplugins.LineFileSinkConnector)


def test_source_tasks_get_the_error_log() -> None:
    """A source task reports to its log reporter only, configured from errors.log.*."""
    config = ConnectorConfig(
        Plugins(),
        {
            "name": "c",
            "connector.class": "CounterSource",
            "topic": "t",
            "errors.log.enable": "true",
        },
        testplugins.CounterSourceConnector,
    )
    (reporter,) = source_task_reporters(TASK_ID, config, ErrorHandlingMetrics())
    assert isinstance(reporter, SourceLogReporter) and reporter.enabled
    assert not reporter.include_messages


def test_sink_tasks_get_the_dead_letter_queue_then_the_log(tmp_path: Path) -> None:
    """With a DLQ topic a sink reports to the DLQ (topic created) and to the log."""
    log = EmbeddedRecordLog(tmp_path / "c.db")
    try:
        plain = sink_task_reporters(TASK_ID, sink_config(), ErrorHandlingMetrics(), log, {})
        assert [type(r) for r in plain] == [SinkLogReporter]
        reporters: list[Any] = sink_task_reporters(
            TASK_ID,
            sink_config(**{"errors.deadletterqueue.topic.name": "dlq"}),
            ErrorHandlingMetrics(),
            log,
            {},
        )
        assert [type(r) for r in reporters] == [DeadLetterQueueReporter, SinkLogReporter]
        assert "dlq" in log.admin().list_topics()
        reporters[0].close()
    finally:
        log.close()


def test_errant_record_reporter_needs_a_dlq_or_the_log() -> None:
    """Sink tasks get an errant record reporter when a DLQ topic is set or the log is on."""
    assert not errant_record_reporter_enabled(sink_config())
    assert errant_record_reporter_enabled(sink_config(**{"errors.log.enable": "true"}))
    config = sink_config(**{"errors.deadletterqueue.topic.name": "dlq"})
    assert errant_record_reporter_enabled(config)
    operator = new_operator(config)
    key, value, header = StringConverter(), StringConverter(), SimpleHeaderConverter()
    assert errant_record_reporter(config, operator, key, value, header) is not None
    assert errant_record_reporter(sink_config(), operator, key, value, header) is None


def test_new_operator_follows_the_config() -> None:
    """The operator has the connector's tolerance and retry settings."""
    operator = new_operator(
        sink_config(**{"errors.tolerance": "all", "errors.retry.timeout": "-1"})
    )
    assert operator.tolerance_type is ToleranceType.ALL and operator.error_retry_timeout_ms == -1
