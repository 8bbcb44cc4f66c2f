"""The base of every task (``org.apache.kafka.connect.connector.Task``)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping

__all__ = ["Task"]


class Task(ABC):
    """A unit of work that moves data; the runtime runs each task in its own thread.

    Subclass :class:`~connectors.SourceTask` or :class:`~connectors.SinkTask`. The runtime
    creates a task with no arguments, so give subclasses a no-argument constructor.
    """

    def version(self) -> str:
        """The version of this task, normally its connector's."""
        return "unknown"

    @abstractmethod
    def start(self, props: Mapping[str, str]) -> None:
        """Start the task with one of the configurations its connector's ``task_configs`` made."""

    @abstractmethod
    def stop(self) -> None:
        """Stop the task and release its resources.

        For a source task the runtime calls this from another thread while :meth:`poll` may be
        blocked: it must make ``poll`` return promptly. It is called once.
        """
