"""The JSON bodies of the REST API, shaped as Kafka Connect's ``rest.entities`` classes.

Each class is an immutable value with a ``to_json()`` giving the exact JSON object Kafka
Connect writes (field names such as ``worker_id``, ``error_count``, ``default_value``;
``trace`` left out when empty; a plugin ``version`` left out when undefined). Request bodies
(:class:`CreateConnectorRequest`, :class:`ConnectorOffsets`) are read with ``from_json()``,
which raises :class:`ValueError` naming what is wrong.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from connectors.runtime.status import ConnectorTaskId

__all__ = [
    "ActiveTopicsInfo",
    "ConfigInfo",
    "ConfigInfos",
    "ConfigKeyInfo",
    "ConfigValueInfo",
    "ConnectorInfo",
    "ConnectorOffset",
    "ConnectorOffsets",
    "ConnectorState",
    "ConnectorStateInfo",
    "ConnectorType",
    "CreateConnectorRequest",
    "ErrorMessage",
    "InitialState",
    "Message",
    "PluginInfo",
    "ServerInfo",
    "TaskInfo",
    "TaskState",
    "WorkerStatus",
    "config_map",
]

Json = dict[str, Any]


class ConnectorType(str, enum.Enum):
    """A connector's kind, as the REST API spells it (equal to that string: ``"sink"``)."""

    SOURCE = "source"
    SINK = "sink"
    UNKNOWN = "unknown"


class InitialState(enum.Enum):
    """The state a connector created with ``POST /connectors`` starts in (KIP-980)."""

    RUNNING = "RUNNING"
    PAUSED = "PAUSED"
    STOPPED = "STOPPED"


def _task_id(task_id: ConnectorTaskId) -> Json:
    return {"connector": task_id.connector, "task": task_id.task}


@attrs.frozen
class ServerInfo:
    """``GET /``: the worker's version, commit and cluster id."""

    version: str
    commit: str
    kafka_cluster_id: str | None

    def to_json(self) -> Json:
        return {
            "version": self.version,
            "commit": self.commit,
            "kafka_cluster_id": self.kafka_cluster_id,
        }


@attrs.frozen
class WorkerStatus:
    """``GET /health``: whether the worker is ready to serve requests."""

    status: str
    message: str

    def to_json(self) -> Json:
        return {"status": self.status, "message": self.message}


@attrs.frozen
class PluginInfo:
    """One entry of ``GET /connector-plugins``."""

    class_name: str
    type: str
    version: str | None

    def to_json(self) -> Json:
        result: Json = {"class": self.class_name, "type": self.type}
        if self.version is not None and self.version != "undefined":
            result["version"] = self.version
        return result


@attrs.frozen
class ConnectorInfo:
    """``GET /connectors/{name}``: a connector's configuration, tasks and type."""

    name: str
    config: Mapping[str, str | None]
    tasks: Sequence[ConnectorTaskId]
    type: ConnectorType

    def to_json(self) -> Json:
        return {
            "name": self.name,
            "config": dict(self.config),
            "tasks": [_task_id(t) for t in self.tasks],
            "type": self.type.value,
        }


@attrs.frozen
class TaskInfo:
    """One entry of ``GET /connectors/{name}/tasks``."""

    id: ConnectorTaskId
    config: Mapping[str, str]

    def to_json(self) -> Json:
        return {"id": _task_id(self.id), "config": dict(self.config)}


@attrs.frozen
class ConnectorState:
    """The ``connector`` part of a status."""

    state: str
    worker_id: str
    trace: str | None = None

    def to_json(self) -> Json:
        result: Json = {"state": self.state, "worker_id": self.worker_id}
        if self.trace:
            result["trace"] = self.trace
        return result


@attrs.frozen
class TaskState:
    """``GET /connectors/{name}/tasks/{id}/status``, and one task of a connector's status."""

    id: int
    state: str
    worker_id: str
    trace: str | None = None

    def to_json(self) -> Json:
        result: Json = {"id": self.id, "state": self.state, "worker_id": self.worker_id}
        if self.trace:
            result["trace"] = self.trace
        return result


@attrs.frozen
class ConnectorStateInfo:
    """``GET /connectors/{name}/status``."""

    name: str
    connector: ConnectorState
    tasks: Sequence[TaskState]
    type: ConnectorType

    def to_json(self) -> Json:
        return {
            "name": self.name,
            "connector": self.connector.to_json(),
            "tasks": [t.to_json() for t in sorted(self.tasks, key=lambda t: t.id)],
            "type": self.type.value,
        }


@attrs.frozen
class ActiveTopicsInfo:
    """A connector's active topics: ``{"<name>": {"topics": [...]}}`` in the response."""

    connector: str
    topics: Sequence[str]

    def to_json(self) -> Json:
        return {self.connector: {"topics": list(self.topics)}}


@attrs.frozen
class ConfigKeyInfo:
    """The definition of one configuration key (a ``ConfigDef`` entry)."""

    name: str
    type: str
    required: bool
    default_value: str | None
    importance: str | None
    documentation: str | None
    group: str | None
    order_in_group: int
    width: str
    display_name: str | None
    dependents: Sequence[str]

    def to_json(self) -> Json:
        return {
            "name": self.name,
            "type": self.type,
            "required": self.required,
            "default_value": self.default_value,
            "importance": self.importance,
            "documentation": self.documentation,
            "group": self.group,
            "width": self.width,
            "display_name": self.display_name,
            "dependents": list(self.dependents),
            "order": self.order_in_group,
        }


@attrs.frozen
class ConfigValueInfo:
    """The validated value of one configuration key."""

    name: str
    value: str | None
    recommended_values: Sequence[str | None]
    errors: Sequence[str]
    visible: bool

    def to_json(self) -> Json:
        return {
            "name": self.name,
            "value": self.value,
            "recommended_values": list(self.recommended_values),
            "errors": list(self.errors),
            "visible": self.visible,
        }


@attrs.frozen
class ConfigInfo:
    """A key's definition (``None`` for a key no definition knows) and its value."""

    definition: ConfigKeyInfo | None
    value: ConfigValueInfo | None

    def to_json(self) -> Json:
        return {
            "definition": None if self.definition is None else self.definition.to_json(),
            "value": None if self.value is None else self.value.to_json(),
        }


@attrs.frozen
class ConfigInfos:
    """``PUT /connector-plugins/{plugin}/config/validate``."""

    name: str
    error_count: int
    groups: Sequence[str]
    configs: Sequence[ConfigInfo]

    def to_json(self) -> Json:
        return {
            "name": self.name,
            "error_count": self.error_count,
            "groups": list(self.groups),
            "configs": [c.to_json() for c in self.configs],
        }


@attrs.frozen
class ConnectorOffset:
    """One source partition (or ``kafka_topic``/``kafka_partition``) and its offset."""

    partition: Mapping[str, Any] | None
    offset: Mapping[str, Any] | None

    def to_json(self) -> Json:
        return {
            "partition": None if self.partition is None else dict(self.partition),
            "offset": None if self.offset is None else dict(self.offset),
        }


@attrs.frozen
class ConnectorOffsets:
    """``GET`` / ``PATCH /connectors/{name}/offsets``: ``{"offsets": [...]}``."""

    offsets: Sequence[ConnectorOffset] | None

    def to_json(self) -> Json:
        return {"offsets": [o.to_json() for o in self.offsets or []]}

    @classmethod
    def from_json(cls, body: Any) -> ConnectorOffsets:
        """Read a request body; ``offsets`` may be missing or null (the caller decides)."""
        if not isinstance(body, dict):
            raise ValueError("The request body must be a JSON object with an 'offsets' array")
        raw = body.get("offsets")
        if raw is None:
            return cls(None)
        if not isinstance(raw, list):
            raise ValueError("'offsets' must be a JSON array")
        offsets: list[ConnectorOffset] = []
        for entry in raw:
            if not isinstance(entry, dict):
                raise ValueError(
                    "Each entry of 'offsets' must be an object with 'partition' and 'offset'"
                )
            partition, offset = entry.get("partition"), entry.get("offset")
            for what, value in (("partition", partition), ("offset", offset)):
                if value is not None and not isinstance(value, dict):
                    raise ValueError(f"'{what}' must be a JSON object or null")
            offsets.append(ConnectorOffset(partition, offset))
        return cls(offsets)


@attrs.frozen
class Message:
    """A plain message: ``{"message": ...}``."""

    message: str

    def to_json(self) -> Json:
        return {"message": self.message}


@attrs.frozen
class ErrorMessage:
    """Every error response: ``{"error_code": <HTTP status>, "message": ...}``."""

    error_code: int
    message: str | None

    def to_json(self) -> Json:
        return {"error_code": self.error_code, "message": self.message}


def config_map(raw: Any, what: str = "The connector configuration") -> dict[str, str | None]:
    """A JSON object of configuration values as strings (Jackson's coercion into
    ``Map<String, String>``: numbers and booleans become their text, ``null`` stays ``None``).

    Raises :class:`ValueError` for anything else (a nested object or array, or not an object).
    """
    if not isinstance(raw, dict):
        raise ValueError(f"{what} must be a JSON object of string values")
    result: dict[str, str | None] = {}
    for key, value in raw.items():
        if value is None or isinstance(value, str):
            result[key] = value
        elif isinstance(value, bool):
            result[key] = "true" if value else "false"
        elif isinstance(value, (int, float)):
            result[key] = str(value)
        else:
            raise ValueError(
                f"{what} must map names to strings, but {key!r} has a JSON "
                f"{'object' if isinstance(value, dict) else 'array'}"
            )
    return result


@attrs.frozen
class CreateConnectorRequest:
    """The body of ``POST /connectors``: ``name``, ``config`` and ``initial_state``."""

    name: str | None
    config: dict[str, str | None]
    initial_state: InitialState | None = None

    @classmethod
    def from_json(cls, body: Any) -> CreateConnectorRequest:
        if not isinstance(body, dict):
            raise ValueError(
                'The request body must be a JSON object: {"name": ..., "config": {...}}'
            )
        name = body.get("name")
        if name is not None and not isinstance(name, str):
            raise ValueError("'name' must be a string")
        if body.get("config") is None:
            raise ValueError("The request body must have a 'config' object")
        config = config_map(body["config"], "'config'")
        state: InitialState | None = None
        raw_state = body.get("initial_state")
        if raw_state is not None:
            try:
                state = InitialState(str(raw_state).upper())
            except ValueError:
                raise ValueError(
                    f"Invalid initial_state {raw_state!r}: must be RUNNING, PAUSED or STOPPED"
                ) from None
        return cls(name, config, state)
