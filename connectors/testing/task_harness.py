"""What :class:`~connectors.testing.SourceTaskHarness` and
:class:`~connectors.testing.SinkTaskHarness` share: the worker side of one task.

The converters and the transformation chain are built from the task's configuration the way a
worker builds them from a connector configuration: converters given as arguments win, else
``key.converter`` / ``value.converter`` / ``header.converter`` and their prefixed settings,
else the defaults of :mod:`connectors.testing.converters`; ``transforms`` / ``predicates``
make the chain.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Generic, TypeVar

from connect_data.errors import ConnectException
from connectors.record import ConnectRecord
from connectors.runtime.connector_config import ConnectorConfig
from connectors.runtime.plugins import default_plugins
from connectors.runtime.transformation_chain import (
    TransformationChain,
    build_transformation_chain,
)
from connectors.task import Task
from connectors.testing.converters import converter_from_config, header_converter_from_config
from converters.converter import Converter, HeaderConverter

__all__ = ["DEFAULT_CONNECTOR_NAME", "TaskHarness"]

T = TypeVar("T", bound=Task)
R = TypeVar("R", bound=ConnectRecord)

DEFAULT_CONNECTOR_NAME = "test-connector"


class TaskHarness(ABC, Generic[T, R]):
    """The task class, its configuration, converters and transformation chain (see the
    module docs), and the running task instance (``None`` until started)."""

    def __init__(
        self,
        task_class: type[T],
        config: Mapping[str, str],
        *,
        key_converter: Converter | None,
        value_converter: Converter | None,
        header_converter: HeaderConverter | None,
        connector_name: str,
    ) -> None:
        self.task_class = task_class
        self.config = {str(k): str(v) for k, v in config.items()}
        plugins = default_plugins()
        self.key_converter = key_converter or converter_from_config(
            self.config, "key.converter", is_key=True, plugins=plugins
        )
        self.value_converter = value_converter or converter_from_config(
            self.config, "value.converter", is_key=False, plugins=plugins
        )
        self.header_converter = header_converter or header_converter_from_config(
            self.config, plugins
        )
        connector_props = {
            "name": connector_name,
            "connector.class": f"{task_class.__module__}.{task_class.__qualname__}",
            **self.config,
        }
        self.transformation_chain: TransformationChain[R] = build_transformation_chain(
            ConnectorConfig(plugins, connector_props, None)
        )
        self.task: T | None = None

    @abstractmethod
    def stop(self) -> None:
        """Stop the task as the worker does (nothing if it is not started)."""

    def close(self) -> None:
        """Stop the task, then close the transformations and the converters."""
        try:
            self.stop()
        finally:
            self.transformation_chain.close()
            for converter in (self.key_converter, self.value_converter, self.header_converter):
                converter.close()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _started(self) -> T:
        if self.task is None:
            raise ConnectException("The task is not started; call start() first")
        return self.task
