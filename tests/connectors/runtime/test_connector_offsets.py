"""Tests of connectors.runtime.connector_offsets: sink offset parsing and the alter_offsets hook.

(Reading and writing offsets end to end is tested through the REST API in
tests/connectors/runtime/rest/test_app.py.)
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

import pytest

from connect_data.errors import ConnectException
from connectors import TopicPartition
from connectors.runtime.connector_offsets import (
    consumer_group_id,
    modify_connector_offsets,
    parse_sink_offsets,
)
from connectors.runtime.recordlog import open_record_log
from connectors.runtime.rest.entities import ConnectorOffset
from connectors.runtime.rest.errors import BadRequestException
from connectors.runtime.worker import Worker
from connectors.runtime.worker_config import WorkerConfig
from tests.connectors import testplugins


def entry(partition: Any, offset: Any) -> ConnectorOffset:
    return ConnectorOffset(
        {"kafka_topic": "t", "kafka_partition": partition}, {"kafka_offset": offset}
    )


def test_group_id() -> None:
    """A sink connector's consumer group is connect-<name>."""
    assert consumer_group_id("lines") == "connect-lines"


def test_sink_offsets_accept_numbers_and_numeric_strings() -> None:
    """Partitions and offsets may be JSON numbers or strings of digits; null removes."""
    parsed = parse_sink_offsets(
        [
            entry(0, 10),
            entry("1", "20"),
            ConnectorOffset({"kafka_topic": "u", "kafka_partition": 2}, None),
        ]
    )
    assert parsed == {
        TopicPartition("t", 0): 10,
        TopicPartition("t", 1): 20,
        TopicPartition("u", 2): None,
    }


@pytest.mark.parametrize(
    ("offset", "message"),
    [
        (
            entry(2**31, 1),
            "Failed to parse the following Kafka partition value in the provided offsets: '2147483648'",
        ),
        (
            entry(1.5, 1),
            "Failed to parse the following Kafka partition value in the provided offsets: '1.5'",
        ),
        (
            entry(0, "ten"),
            "Failed to parse the following Kafka offset value in the provided offsets: 'ten'",
        ),
        (
            entry(0, None),
            "Failed to parse the following Kafka offset value in the provided offsets: 'null'",
        ),
        (
            entry(0, True),
            "Failed to parse the following Kafka offset value in the provided offsets: 'true'",
        ),
    ],
)
def test_sink_offsets_out_of_range_or_not_integers(offset: ConnectorOffset, message: str) -> None:
    """Values Integer.parseInt / Long.parseLong would refuse are bad requests."""
    with pytest.raises(BadRequestException, match=message.replace("(", r"\(").replace(".", r"\.")):
        parse_sink_offsets([offset])


class RefusingSource(testplugins.CounterSourceConnector):
    def alter_offsets(self, connector_config: Mapping[str, str], offsets: Any) -> bool:
        raise NotImplementedError


class AcceptingSource(testplugins.CounterSourceConnector):
    seen: ClassVar[list[Any]] = []

    def alter_offsets(self, connector_config: Mapping[str, str], offsets: Any) -> bool:
        AcceptingSource.seen.append((dict(connector_config), [(p, offsets[p]) for p in offsets]))
        return True


@pytest.fixture
def worker(tmp_path: Path) -> Any:
    config = WorkerConfig(
        {
            "key.converter": "StringConverter",
            "value.converter": "StringConverter",
            "embedded.store.path": str(tmp_path / "c.db"),
        }
    )
    log = open_record_log(config)
    yield Worker(config, log, "w")
    log.close()


def test_a_connector_refusing_changes_fails_the_request(worker: Worker) -> None:
    """alter_offsets raising NotImplementedError gives Kafka's 'doesn't support' error."""
    props = {"name": "c", "connector.class": f"{__name__}.RefusingSource", "topic": "t"}
    with pytest.raises(ConnectException, match="because it doesn't support external modification"):
        modify_connector_offsets(
            worker, "c", props, [ConnectorOffset({"partition": "p0"}, {"n": 1})]
        )


def test_an_accepting_connector_gets_the_normalized_offsets(worker: Worker) -> None:
    """alter_offsets sees the offsets as stored; its True answer gives the definite message."""
    props = {"name": "c", "connector.class": f"{__name__}.AcceptingSource", "topic": "t"}
    message = modify_connector_offsets(
        worker, "c", props, [ConnectorOffset({"partition": "p0"}, {"n": 1})]
    )
    assert message.message == "The offsets for this connector have been altered successfully"
    assert AcceptingSource.seen[-1] == (props, [({"partition": "p0"}, {"n": 1})])
    reset = modify_connector_offsets(worker, "c", props, None)
    assert reset.message == "The offsets for this connector have been reset successfully"
    assert AcceptingSource.seen[-1] == (props, [({"partition": "p0"}, None)])


def test_bad_source_partitions_are_bad_requests(worker: Worker) -> None:
    """A null partition or a non-primitive value in a source offset is a 400."""
    props = {"name": "c", "connector.class": f"{__name__}.AcceptingSource", "topic": "t"}
    with pytest.raises(BadRequestException, match="cannot be null"):
        modify_connector_offsets(worker, "c", props, [ConnectorOffset(None, {"n": 1})])
    with pytest.raises(BadRequestException, match="primitive"):
        modify_connector_offsets(worker, "c", props, [ConnectorOffset({"p": [1]}, {"n": 1})])
