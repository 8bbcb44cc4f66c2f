"""Small in-process stand-ins for the runtime's contexts, for unit tests of connectors and tasks.

They record what a task asked for and answer from plain dicts; no runtime is involved.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from connectors import (
    ConnectorContext,
    OffsetStorageReader,
    SourceConnectorContext,
    SourceTaskContext,
    partition_key,
)


class DictOffsetStorageReader(OffsetStorageReader):
    """Answers with the offsets given, keyed by partition map; records the partitions asked for."""

    def __init__(self, offsets: Mapping[Any, Mapping[str, Any] | None] | None = None) -> None:
        self._offsets: dict[Any, dict[str, Any] | None] = {}
        self.requests: list[dict[str, Any]] = []
        for partition, offset in (offsets or {}).items():
            self.commit(dict(partition), offset)

    def commit(self, partition: Mapping[str, Any], offset: Mapping[str, Any] | None) -> None:
        """Store ``offset`` as the committed offset of ``partition`` (as the runtime would)."""
        self._offsets[partition_key(partition)] = None if offset is None else dict(offset)

    def offset(self, partition: Mapping[str, Any]) -> dict[str, Any] | None:
        self.requests.append(dict(partition))
        found = self._offsets.get(partition_key(partition))
        return None if found is None else dict(found)


class FakeSourceTaskContext(SourceTaskContext):
    """A source task context over a :class:`DictOffsetStorageReader`."""

    def __init__(
        self,
        offsets: Mapping[Any, Mapping[str, Any] | None] | None = None,
        configs: Mapping[str, str] | None = None,
    ) -> None:
        self.reader = DictOffsetStorageReader(offsets)
        self._configs = dict(configs or {})

    def configs(self) -> dict[str, str]:
        return dict(self._configs)

    def offset_storage_reader(self) -> OffsetStorageReader:
        return self.reader


class FakeConnectorContext(SourceConnectorContext, ConnectorContext):
    """A connector context that records reconfiguration requests and raised errors."""

    def __init__(self) -> None:
        self.reconfigurations = 0
        self.errors: list[BaseException] = []
        self.reader = DictOffsetStorageReader()

    def request_task_reconfiguration(self) -> None:
        self.reconfigurations += 1

    def raise_error(self, exc: BaseException) -> None:
        self.errors.append(exc)

    def offset_storage_reader(self) -> OffsetStorageReader:
        return self.reader
