"""A source connector for the REST integration tests: its task fails with a message holding
its ``secret`` (a PASSWORD key), to check that the secret never reaches logs or statuses."""

from __future__ import annotations

from collections.abc import Mapping

from connectors import SourceRecord, SourceTask
from connectors.task import Task
from tests.connectors import testplugins


class LeakySourceConnector(testplugins.CounterSourceConnector):
    """A CounterSourceConnector whose task fails mentioning its secret."""

    def task_class(self) -> type[Task]:
        return LeakySourceTask


class LeakySourceTask(SourceTask):
    """Fails at the first poll with the secret in the exception message."""

    def start(self, props: Mapping[str, str]) -> None:
        self.secret = props["secret"]

    def poll(self) -> list[SourceRecord] | None:
        raise RuntimeError(f"could not log in with password {self.secret}")

    def stop(self) -> None:
        pass
