"""Tests of connectors.runtime.rest.entities: the JSON shapes and request parsing."""

from __future__ import annotations

from typing import Any

import pytest

from connectors.runtime.rest.entities import (
    ActiveTopicsInfo,
    ConfigInfo,
    ConfigInfos,
    ConfigKeyInfo,
    ConfigValueInfo,
    ConnectorInfo,
    ConnectorOffset,
    ConnectorOffsets,
    ConnectorState,
    ConnectorStateInfo,
    ConnectorType,
    CreateConnectorRequest,
    ErrorMessage,
    InitialState,
    Message,
    PluginInfo,
    ServerInfo,
    TaskInfo,
    TaskState,
    config_map,
)
from connectors.runtime.status import ConnectorTaskId


def test_server_info_shape() -> None:
    """ServerInfo has version, commit and kafka_cluster_id."""
    assert ServerInfo("1", "abc", None).to_json() == {
        "version": "1",
        "commit": "abc",
        "kafka_cluster_id": None,
    }


def test_plugin_info_leaves_an_undefined_version_out() -> None:
    """A plugin without a version is shown without the version field, as Kafka does."""
    assert PluginInfo("a.B", "sink", "undefined").to_json() == {"class": "a.B", "type": "sink"}
    assert PluginInfo("a.B", "sink", None).to_json() == {"class": "a.B", "type": "sink"}
    assert PluginInfo("a.B", "sink", "1.0").to_json() == {
        "class": "a.B",
        "type": "sink",
        "version": "1.0",
    }


def test_connector_info_and_task_info_shapes() -> None:
    """ConnectorInfo lists task ids as {connector, task}; TaskInfo nests the id."""
    info = ConnectorInfo("c", {"a": "1"}, [ConnectorTaskId("c", 0)], ConnectorType.SINK)
    assert info.to_json() == {
        "name": "c",
        "config": {"a": "1"},
        "tasks": [{"connector": "c", "task": 0}],
        "type": "sink",
    }
    assert TaskInfo(ConnectorTaskId("c", 1), {"x": "y"}).to_json() == {
        "id": {"connector": "c", "task": 1},
        "config": {"x": "y"},
    }


def test_states_leave_an_empty_trace_out_and_sort_tasks() -> None:
    """trace appears only when there is one; tasks are listed by id."""
    info = ConnectorStateInfo(
        "c",
        ConnectorState("RUNNING", "w:1"),
        [TaskState(1, "FAILED", "w:1", "Traceback"), TaskState(0, "RUNNING", "w:1", "")],
        ConnectorType.SOURCE,
    )
    assert info.to_json() == {
        "name": "c",
        "connector": {"state": "RUNNING", "worker_id": "w:1"},
        "tasks": [
            {"id": 0, "state": "RUNNING", "worker_id": "w:1"},
            {"id": 1, "state": "FAILED", "worker_id": "w:1", "trace": "Traceback"},
        ],
        "type": "source",
    }


def test_config_infos_shape() -> None:
    """ConfigInfos nests definition (with 'order') and value objects; a missing part is null."""
    key = ConfigKeyInfo("k", "STRING", True, None, "HIGH", "doc", "G", 3, "SHORT", "K", ["d"])
    value = ConfigValueInfo("k", "v", ["a"], ["bad"], True)
    infos = ConfigInfos("X", 1, ["G"], [ConfigInfo(key, value), ConfigInfo(None, value)])
    body = infos.to_json()
    assert body["name"] == "X" and body["error_count"] == 1 and body["groups"] == ["G"]
    assert body["configs"][0]["definition"] == {
        "name": "k",
        "type": "STRING",
        "required": True,
        "default_value": None,
        "importance": "HIGH",
        "documentation": "doc",
        "group": "G",
        "width": "SHORT",
        "display_name": "K",
        "dependents": ["d"],
        "order": 3,
    }
    assert body["configs"][0]["value"] == {
        "name": "k",
        "value": "v",
        "recommended_values": ["a"],
        "errors": ["bad"],
        "visible": True,
    }
    assert body["configs"][1]["definition"] is None


def test_small_entities() -> None:
    """ActiveTopicsInfo is keyed by connector; Message and ErrorMessage are flat."""
    assert ActiveTopicsInfo("c", ["a", "b"]).to_json() == {"c": {"topics": ["a", "b"]}}
    assert Message("done").to_json() == {"message": "done"}
    assert ErrorMessage(404, "gone").to_json() == {"error_code": 404, "message": "gone"}


def test_connector_offsets_round_trip() -> None:
    """ConnectorOffsets reads and writes {"offsets": [{"partition", "offset"}]}."""
    body = {
        "offsets": [
            {"partition": {"p": 1}, "offset": {"o": 2}},
            {"partition": {"p": 2}, "offset": None},
        ]
    }
    parsed = ConnectorOffsets.from_json(body)
    assert parsed.offsets == [ConnectorOffset({"p": 1}, {"o": 2}), ConnectorOffset({"p": 2}, None)]
    assert parsed.to_json() == body
    assert ConnectorOffsets.from_json({}).offsets is None


@pytest.mark.parametrize(
    "body",
    [[], {"offsets": {}}, {"offsets": [1]}, {"offsets": [{"partition": [], "offset": None}]}],
)
def test_connector_offsets_rejects_other_shapes(body: Any) -> None:
    """Anything but an object with an array of {partition, offset} objects is a ValueError."""
    with pytest.raises(ValueError):
        ConnectorOffsets.from_json(body)


def test_config_map_coerces_scalars_like_jackson() -> None:
    """Strings stay, numbers and booleans become their text, null stays None."""
    assert config_map({"a": "x", "b": 1, "c": 1.5, "d": True, "e": None}) == {
        "a": "x",
        "b": "1",
        "c": "1.5",
        "d": "true",
        "e": None,
    }
    for bad in ({"a": {"b": 1}}, {"a": [1]}, ["a"], "a"):
        with pytest.raises(ValueError):
            config_map(bad)


def test_create_connector_request() -> None:
    """name, config and initial_state (any case) are read; config is required."""
    request = CreateConnectorRequest.from_json(
        {"name": "n", "config": {"a": 1}, "initial_state": "paused"}
    )
    assert request == CreateConnectorRequest("n", {"a": "1"}, InitialState.PAUSED)
    assert CreateConnectorRequest.from_json({"config": {}}).name is None
    bad_bodies: list[Any] = [
        {"name": "n"},
        {"name": 3, "config": {}},
        {"config": {}, "initial_state": "x"},
        [],
    ]
    for bad in bad_bodies:
        with pytest.raises(ValueError):
            CreateConnectorRequest.from_json(bad)
