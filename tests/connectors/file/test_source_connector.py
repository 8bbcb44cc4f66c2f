"""Tests of connectors.file.source_connector (after Kafka's FileStreamSourceConnectorTest)."""

from __future__ import annotations

from typing import Any

import pytest

from connect_data.config import AbstractConfig, ConfigException
from connect_data.errors import ConnectException
from connectors import ConnectorTransactionBoundaries, ExactlyOnceSupport, PartitionOffsets
from connectors.file import FileStreamSourceConnector, FileStreamSourceTask
from converters.plugins import PluginType, plugin_class
from tests.connectors.task_contexts import FakeConnectorContext

SINGLE_TOPIC = "test"
FILENAME = "/somefilename"
FILE = FileStreamSourceConnector.FILE_CONFIG
TOPIC = FileStreamSourceConnector.TOPIC_CONFIG
BATCH = FileStreamSourceConnector.TASK_BATCH_SIZE_CONFIG


@pytest.fixture
def connector() -> FileStreamSourceConnector:
    source = FileStreamSourceConnector()
    source.initialize(FakeConnectorContext())
    return source


@pytest.fixture
def props() -> dict[str, str]:
    return {TOPIC: SINGLE_TOPIC, FILE: FILENAME}


def _offsets(*entries: tuple[Any, Any]) -> PartitionOffsets:
    return PartitionOffsets(list(entries))


def test_config_validation_passes(
    connector: FileStreamSourceConnector, props: dict[str, str]
) -> None:
    """A file and a topic validate with no error on any key."""
    for value in connector.validate(props).config_values():
        assert value.error_messages() == [], value.name()


def test_exactly_once_support(connector: FileStreamSourceConnector, props: dict[str, str]) -> None:
    """Exactly-once is supported for a file, not for standard input (blank or missing file)."""
    assert connector.exactly_once_support(props) is ExactlyOnceSupport.SUPPORTED
    props[FILE] = " "
    assert connector.exactly_once_support(props) is ExactlyOnceSupport.UNSUPPORTED
    del props[FILE]
    assert connector.exactly_once_support(props) is ExactlyOnceSupport.UNSUPPORTED


def test_transaction_boundaries_unsupported(
    connector: FileStreamSourceConnector, props: dict[str, str]
) -> None:
    """The connector does not define transaction boundaries."""
    assert (
        connector.can_define_transaction_boundaries(props)
        is ConnectorTransactionBoundaries.UNSUPPORTED
    )


def test_one_task_whatever_tasks_max(
    connector: FileStreamSourceConnector, props: dict[str, str]
) -> None:
    """task_configs returns a single configuration, with the file and topic, even for 2 tasks."""
    connector.start(props)
    for max_tasks in (1, 2):
        configs = connector.task_configs(max_tasks)
        assert len(configs) == 1
        assert configs[0][FILE] == FILENAME
        assert configs[0][TOPIC] == SINGLE_TOPIC


def test_stdin_task_has_no_file(
    connector: FileStreamSourceConnector, props: dict[str, str]
) -> None:
    """Without ``file`` the task configuration has no file either (the task reads stdin)."""
    del props[FILE]
    connector.start(props)
    assert FILE not in connector.task_configs(1)[0]


def test_task_class(connector: FileStreamSourceConnector, props: dict[str, str]) -> None:
    """The task class is FileStreamSourceTask."""
    connector.start(props)
    assert connector.task_class() is FileStreamSourceTask


def test_connector_configs_propagate_to_task_configs(
    connector: FileStreamSourceConnector, props: dict[str, str]
) -> None:
    """Keys the connector does not define (transforms, converters) reach the task config."""
    props["transforms"] = "insert"
    connector.start(props)
    assert connector.task_configs(1)[0]["transforms"] == "insert"


def test_valid_configs_and_defaults(props: dict[str, str]) -> None:
    """The topic parses as given and batch.size defaults to 2000."""
    config = AbstractConfig(FileStreamSourceConnector.CONFIG_DEF, props)
    assert config.get_string(TOPIC) == SINGLE_TOPIC
    assert config.get_int(BATCH) == FileStreamSourceConnector.DEFAULT_TASK_BATCH_SIZE == 2000


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({TOPIC: None}, 'Missing required configuration "topic" which has no default value.'),
        ({TOPIC: "   "}, "Invalid value  for configuration topic: String must be non-empty"),
        ({BATCH: "abcd"}, "Invalid value abcd for configuration batch.size"),
        ({TOPIC: "test1,test2"}, "requires definition of a single topic"),
    ],
)
def test_invalid_configs_fail_start_and_validate(
    connector: FileStreamSourceConnector,
    props: dict[str, str],
    change: dict[str, str | None],
    message: str,
) -> None:
    """A missing or blank topic, several topics or a non-integer batch.size fail start() and
    are reported by validate() on the key."""
    for key, value in change.items():
        if value is None:
            del props[key]
        else:
            props[key] = value
    with pytest.raises(ConfigException, match=message.replace("(", r"\(")):
        connector.start(props)
    key = next(iter(change))
    errors = {v.name(): v.error_messages() for v in connector.validate(props).config_values()}
    assert any(message in error for error in errors[key]), errors


def test_validate_accepts_worker_level_keys(
    connector: FileStreamSourceConnector, props: dict[str, str]
) -> None:
    """Keys such as connector.class, tasks.max and converters are not reported as errors."""
    props.update({"connector.class": "FileStreamSource", "tasks.max": "1", "name": "x"})
    assert all(not v.error_messages() for v in connector.validate(props).config_values())


def test_alter_offsets_stdin_refused(
    connector: FileStreamSourceConnector, props: dict[str, str]
) -> None:
    """Offsets cannot be altered when reading standard input."""
    del props[FILE]
    with pytest.raises(ConnectException, match="stdin is used for input"):
        connector.alter_offsets(props, _offsets(({"filename": FILENAME}, {"position": 0})))


def test_alter_offsets_incorrect_partition_key(
    connector: FileStreamSourceConnector, props: dict[str, str]
) -> None:
    """A partition without the filename key, or a None partition, is refused."""
    with pytest.raises(ConnectException, match="should contain the key 'filename'"):
        connector.alter_offsets(
            props, _offsets(({"other_partition_key": FILENAME}, {"position": 0}))
        )
    with pytest.raises(ConnectException, match="Partition objects cannot be null"):
        connector.alter_offsets(props, {None: {"position": 0}})


def test_alter_offsets_multiple_partitions(
    connector: FileStreamSourceConnector, props: dict[str, str]
) -> None:
    """Several partitions, one of them a removal, are accepted."""
    offsets = _offsets(
        ({"filename": FILENAME}, {"position": 0}), ({"filename": "/someotherfilename"}, None)
    )
    assert connector.alter_offsets(props, offsets) is True


def test_alter_offsets_incorrect_offset_key(
    connector: FileStreamSourceConnector, props: dict[str, str]
) -> None:
    """An offset without the position key is refused."""
    with pytest.raises(ConnectException, match="contain the key 'position'"):
        connector.alter_offsets(props, _offsets(({"filename": FILENAME}, {"other_offset_key": 0})))


@pytest.mark.parametrize("position", ["nan", None, object(), 3.14, -420, "-420", "10", -10, True])
def test_alter_offsets_rejects_bad_positions(
    connector: FileStreamSourceConnector, props: dict[str, str], position: object
) -> None:
    """A position that is not a non-negative integer is refused."""
    with pytest.raises(ConnectException, match="'position' key in the offset"):
        connector.alter_offsets(props, _offsets(({"filename": FILENAME}, {"position": position})))


def test_successful_alter_offsets(
    connector: FileStreamSourceConnector, props: dict[str, str]
) -> None:
    """A valid position, and an empty set of offsets, are accepted."""
    assert connector.alter_offsets(props, _offsets(({"filename": FILENAME}, {"position": 10})))
    assert connector.alter_offsets(props, _offsets())


@pytest.mark.parametrize(
    "partition",
    [None, {}, {"filename": FILENAME}, {"filename": "/other"}, {"garbage": "value"}],
)
def test_alter_offsets_tombstones(
    connector: FileStreamSourceConnector, props: dict[str, str], partition: Any
) -> None:
    """Removing the offset of any partition, even a malformed one, is accepted."""
    offsets: Any = {None: None} if partition is None else _offsets((partition, None))
    assert connector.alter_offsets(props, offsets) is True


@pytest.mark.parametrize(
    "name",
    [
        "org.apache.kafka.connect.file.FileStreamSourceConnector",
        "FileStreamSourceConnector",
        "FileStreamSource",
        "connectors.file.FileStreamSourceConnector",
    ],
)
def test_found_by_java_name_and_aliases(name: str) -> None:
    """The plugin lookup resolves Kafka's class name and aliases to this connector."""
    assert plugin_class(name, PluginType.SOURCE) is FileStreamSourceConnector


def test_version_is_a_string(connector: FileStreamSourceConnector) -> None:
    """version() reports connectpy's version, and the task reports the same."""
    assert connector.version() == FileStreamSourceTask().version()
    assert isinstance(connector.version(), str)
    assert connector.version()
