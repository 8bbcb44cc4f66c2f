"""The base of every connector (``org.apache.kafka.connect.connector.Connector``).

A connector is the entry point of a plugin: the runtime creates it from the class named by
``connector.class``, hands it the connector's configuration, and asks it how to split the work
into tasks. It moves no data itself; its tasks do.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import TYPE_CHECKING

from connect_data.errors import ConnectException

if TYPE_CHECKING:
    from connect_data.config import Config, ConfigDef
    from connectors.task import Task

__all__ = ["Connector", "ConnectorContext"]


class ConnectorContext(ABC):
    """What a connector can ask of the runtime (``ConnectorContext``)."""

    @abstractmethod
    def request_task_reconfiguration(self) -> None:
        """Ask the runtime to call :meth:`Connector.task_configs` again and restart the tasks.

        Call it when the set of inputs changed (a table was added, a shard split); the
        runtime restarts the tasks only if the new task configurations differ.
        """

    @abstractmethod
    def raise_error(self, exc: BaseException) -> None:
        """Report an unrecoverable error from a connector's background thread.

        The runtime marks the connector FAILED with this exception's trace and stops it.
        """


class Connector(ABC):
    """The part of a plugin that configures and plans the work (``Connector``).

    Lifecycle, as driven by the runtime: :meth:`initialize` (gives :attr:`context`),
    :meth:`start` with the connector's configuration, :meth:`task_configs` to get one
    configuration per task (at most ``tasks.max``), and :meth:`stop`. :meth:`task_class`
    names the :class:`~connectors.Task` subclass the runtime instantiates for each task
    configuration. Subclass :class:`~connectors.SourceConnector` or
    :class:`~connectors.SinkConnector`, not this class.

    :meth:`config` returns the :class:`~connect_data.config.ConfigDef` of the connector's own
    keys; the default :meth:`validate` checks a configuration against it (this is what
    ``connectpy validate`` and the REST validate endpoint call).
    """

    context: ConnectorContext
    """The runtime's context, set by :meth:`initialize`."""

    def version(self) -> str:
        """The version of this connector (shown by ``connectpy plugins``)."""
        return "unknown"

    def initialize(
        self,
        context: ConnectorContext,
        task_configs: list[dict[str, str]] | None = None,
    ) -> None:
        """Give the connector its context; ``task_configs`` are the current task configurations.

        The runtime calls this once, before :meth:`start`. Overrides must call ``super()``.
        """
        self.context = context

    @abstractmethod
    def start(self, props: Mapping[str, str]) -> None:
        """Start the connector with its configuration (string keys and values)."""

    def reconfigure(self, props: Mapping[str, str]) -> None:
        """Apply a new configuration; the default stops and starts the connector."""
        self.stop()
        self.start(props)

    @abstractmethod
    def task_class(self) -> type[Task]:
        """The :class:`~connectors.Task` subclass that does this connector's work."""

    @abstractmethod
    def task_configs(self, max_tasks: int) -> list[dict[str, str]]:
        """The configurations of the tasks to run: at most ``max_tasks`` (``tasks.max``)."""

    @abstractmethod
    def stop(self) -> None:
        """Stop the connector and release what :meth:`start` acquired."""

    @abstractmethod
    def config(self) -> ConfigDef:
        """The definition of this connector's configuration keys."""

    def validate(self, connector_configs: Mapping[str, str]) -> Config:
        """Check a configuration against :meth:`config`, reporting every problem per key.

        Override to add checks that involve several keys; call ``super().validate`` first.
        """
        from connect_data.config import Config

        config_def = self.config()
        if config_def is None:
            raise ConnectException(
                f"{type(self).__module__}.{type(self).__qualname__}.config() must return a "
                "ConfigDef that is not None."
            )
        return Config(config_def.validate(connector_configs))
