"""Kafka Connect's REST API for a connectpy worker (Starlette application, uvicorn server).

``connectpy standalone`` serves it on ``listeners`` (``http://127.0.0.1:8083`` by default):
the same paths, methods, status codes and JSON bodies as Kafka Connect, so existing curl
scripts and REST clients work. See ``docs/rest.md``.
"""

from __future__ import annotations

from connectors.runtime.rest.app import create_app, server_info
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
    WorkerStatus,
)
from connectors.runtime.rest.errors import (
    AlreadyExistsException,
    BadRequestException,
    ConnectRestException,
    NotFoundException,
)
from connectors.runtime.rest.server import RestServer
from connectors.runtime.rest.validation import plugin_config, validate_connector_config

__all__ = [
    "ActiveTopicsInfo",
    "AlreadyExistsException",
    "BadRequestException",
    "ConfigInfo",
    "ConfigInfos",
    "ConfigKeyInfo",
    "ConfigValueInfo",
    "ConnectRestException",
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
    "NotFoundException",
    "PluginInfo",
    "RestServer",
    "ServerInfo",
    "TaskInfo",
    "TaskState",
    "WorkerStatus",
    "create_app",
    "plugin_config",
    "server_info",
    "validate_connector_config",
]
