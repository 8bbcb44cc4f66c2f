"""TaskHarness: converters from arguments or configuration, closing after a failed stop."""

from __future__ import annotations

from typing import Any

import pytest

from connect_data.errors import ConnectException
from connectors import SinkRecord, SinkTask
from connectors.testing.task_harness import TaskHarness
from converters.string import StringConverter


class _Task(SinkTask):
    def version(self) -> str:
        return "1"

    def start(self, props: Any) -> None:
        pass

    def put(self, records: Any) -> None:
        pass

    def stop(self) -> None:
        pass


class _ClosingConverter(StringConverter):
    def __init__(self) -> None:
        super().__init__()
        self.closed = False

    def close(self) -> None:
        self.closed = True


class _FailingStop(TaskHarness[_Task, SinkRecord]):
    def stop(self) -> None:
        raise ConnectException("stop failed")


def test_converters_from_arguments_win_over_configuration() -> None:
    """A converter given as an argument is used instead of the configured class."""
    given = _ClosingConverter()
    harness = _FailingStop(
        _Task,
        {"value.converter": "org.apache.kafka.connect.json.JsonConverter"},
        key_converter=None,
        value_converter=given,
        header_converter=None,
        connector_name="c",
    )
    assert harness.value_converter is given
    assert type(harness.key_converter).__name__ == "JsonConverter"


def test_close_closes_converters_when_stop_fails() -> None:
    """close() closes the converters even when stopping the task raised, and re-raises."""
    key, value = _ClosingConverter(), _ClosingConverter()
    harness = _FailingStop(
        _Task,
        {},
        key_converter=key,
        value_converter=value,
        header_converter=None,
        connector_name="c",
    )
    with pytest.raises(ConnectException, match="stop failed"):
        harness.close()
    assert key.closed and value.closed


def test_started_raises_before_start() -> None:
    """Using the task before start() is a ConnectException naming start()."""
    harness = _FailingStop(
        _Task,
        {},
        key_converter=None,
        value_converter=None,
        header_converter=None,
        connector_name="c",
    )
    with pytest.raises(ConnectException, match=r"call start\(\) first"):
        harness._started()
