"""Tests of connectors.file.sink_connector (after Kafka's FileStreamSinkConnectorTest)."""

from __future__ import annotations

import pytest

from connectors import TopicPartition
from connectors.file import FileStreamSinkConnector, FileStreamSinkTask
from converters.plugins import PluginType, plugin_class
from tests.connectors.task_contexts import FakeConnectorContext

MULTIPLE_TOPICS = "test1,test2"
FILENAME = "/afilename"


@pytest.fixture
def connector() -> FileStreamSinkConnector:
    sink = FileStreamSinkConnector()
    sink.initialize(FakeConnectorContext())
    return sink


@pytest.fixture
def props() -> dict[str, str]:
    return {"topics": MULTIPLE_TOPICS, FileStreamSinkConnector.FILE_CONFIG: FILENAME}


def test_config_validation_passes(
    connector: FileStreamSinkConnector, props: dict[str, str]
) -> None:
    """A file and topics validate with no error."""
    assert all(not v.error_messages() for v in connector.validate(props).config_values())


def test_task_configs_copy_the_config(
    connector: FileStreamSinkConnector, props: dict[str, str]
) -> None:
    """task_configs returns tasks.max copies carrying the file and the topics."""
    connector.start(props)
    assert connector.task_configs(1) == [props]
    configs = connector.task_configs(2)
    assert configs == [props, props]
    assert configs[0] is not configs[1]


def test_task_class(connector: FileStreamSinkConnector, props: dict[str, str]) -> None:
    """The task class is FileStreamSinkTask."""
    connector.start(props)
    assert connector.task_class() is FileStreamSinkTask


def test_connector_configs_propagate_to_task_configs(
    connector: FileStreamSinkConnector, props: dict[str, str]
) -> None:
    """Keys the connector does not define reach the task config."""
    props["transforms"] = "insert"
    connector.start(props)
    assert connector.task_configs(1)[0]["transforms"] == "insert"


def test_missing_file_means_stdout(connector: FileStreamSinkConnector) -> None:
    """Without ``file`` the configuration is valid (the task writes to standard output)."""
    connector.start({"topics": "t"})
    assert connector.config().parse({})["file"] is None


def test_alter_offsets_always_accepted(
    connector: FileStreamSinkConnector, props: dict[str, str]
) -> None:
    """Any change of the consumer offsets is accepted, including removals."""
    assert connector.alter_offsets(props, {TopicPartition("t", 0): 10})
    assert connector.alter_offsets(props, {TopicPartition("t", 1): None})
    assert connector.alter_offsets(props, {})


@pytest.mark.parametrize(
    "name",
    [
        "org.apache.kafka.connect.file.FileStreamSinkConnector",
        "FileStreamSinkConnector",
        "FileStreamSink",
    ],
)
def test_found_by_java_name_and_aliases(name: str) -> None:
    """The plugin lookup resolves Kafka's class name and aliases to this connector."""
    assert plugin_class(name, PluginType.SINK) is FileStreamSinkConnector
