"""Small connectors for the runtime's tests: a counting source and a file-appending sink.

``CounterSourceConnector`` emits ``<partition>:<n>`` strings for n = 0, 1, 2, ... per source
partition (``p0``, ``p1``, ... split over the tasks), resuming from its committed offsets;
``count`` bounds the records per partition. ``LineFileSinkConnector`` appends each record's
value as a line to ``file`` and makes it durable in ``flush``.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Collection, Mapping
from typing import Any

from connect_data import Schema
from connectors import (
    ConfigDef,
    OffsetAndMetadata,
    SinkConnector,
    SinkRecord,
    SinkTask,
    SourceConnector,
    SourceRecord,
    SourceTask,
    TopicPartition,
)
from connectors.task import Task
from connectors.transforms import Predicate, Transformation

VERSION = "1.2.3-test"


class CounterSourceConnector(SourceConnector):
    """Counts from 0 per source partition (see the module docs)."""

    CONFIG_DEF = (
        ConfigDef()
        .define(
            "topic",
            ConfigDef.Type.STRING,
            importance=ConfigDef.Importance.HIGH,
            documentation="Topic.",
        )
        .define(
            "partitions",
            ConfigDef.Type.INT,
            1,
            importance=ConfigDef.Importance.LOW,
            documentation="Source partitions.",
        )
        .define(
            "count",
            ConfigDef.Type.LONG,
            -1,
            importance=ConfigDef.Importance.LOW,
            documentation="Records per partition, -1 for no end.",
        )
        .define(
            "batch.size",
            ConfigDef.Type.INT,
            10,
            importance=ConfigDef.Importance.LOW,
            documentation="Records per poll.",
        )
        .define(
            "poll.interval.ms",
            ConfigDef.Type.LONG,
            0,
            importance=ConfigDef.Importance.LOW,
            documentation="Pause between polls.",
        )
        .define(
            "secret",
            ConfigDef.Type.PASSWORD,
            None,
            importance=ConfigDef.Importance.LOW,
            documentation="A secret.",
        )
        .define(
            "fail.at",
            ConfigDef.Type.LONG,
            -1,
            importance=ConfigDef.Importance.LOW,
            documentation="Raise in poll at this count.",
        )
    )

    def version(self) -> str:
        return VERSION

    def start(self, props: Mapping[str, str]) -> None:
        self.props = dict(props)
        self.CONFIG_DEF.parse(self.props)

    def task_class(self) -> type[Task]:
        return CounterSourceTask

    def task_configs(self, max_tasks: int) -> list[dict[str, str]]:
        partitions = int(self.props.get("partitions", "1"))
        groups: list[list[str]] = [[] for _ in range(min(max_tasks, partitions))]
        for p in range(partitions):
            groups[p % len(groups)].append(f"p{p}")
        return [{**self.props, "task.partitions": ",".join(g)} for g in groups]

    def stop(self) -> None:
        pass

    def config(self) -> ConfigDef:
        return self.CONFIG_DEF


class CounterSourceTask(SourceTask):
    """Emits ``<partition>:<n>`` with source offset ``{"n": n}``."""

    def version(self) -> str:
        return VERSION

    def start(self, props: Mapping[str, str]) -> None:
        values = CounterSourceConnector.CONFIG_DEF.parse(props)
        self.topic = values["topic"]
        self.count = values["count"]
        self.batch_size = values["batch.size"]
        self.interval = values["poll.interval.ms"] / 1000.0
        self.fail_at = values["fail.at"]
        self.partitions = [p for p in props.get("task.partitions", "p0").split(",") if p]
        offsets = self.context.offset_storage_reader().offsets(
            [{"partition": p} for p in self.partitions]
        )
        self.next: dict[str, int] = {}
        for p in self.partitions:
            offset = offsets[{"partition": p}]
            self.next[p] = 0 if offset is None else int(offset["n"]) + 1
        self.stopped = threading.Event()
        self.committed: list[tuple[SourceRecord, Any]] = []
        self.commits = 0
        self.polled = 0

    def poll(self) -> list[SourceRecord] | None:
        if self.interval and self.stopped.wait(self.interval):
            return None
        records: list[SourceRecord] = []
        for p in self.partitions:
            for _ in range(self.batch_size):
                n = self.next[p]
                if 0 <= self.count <= n:
                    break
                if self.fail_at >= 0 and self.polled >= self.fail_at:
                    raise RuntimeError(f"failing as asked at {self.polled}")
                records.append(
                    SourceRecord(
                        source_partition={"partition": p},
                        source_offset={"n": n},
                        topic=self.topic,
                        key_schema=Schema.STRING_SCHEMA,
                        key=f"{p}-{n}",
                        value_schema=Schema.STRING_SCHEMA,
                        value=f"{p}:{n}",
                    )
                )
                self.next[p] = n + 1
                self.polled += 1
        if not records:
            self.stopped.wait(0.05)
            return None
        return records

    def commit_record(self, record: SourceRecord, metadata: Any) -> None:
        self.committed.append((record, metadata))

    def commit(self) -> None:
        self.commits += 1

    def stop(self) -> None:
        self.stopped.set()


class LineFileSinkConnector(SinkConnector):
    """Appends record values to ``file``, one per line."""

    CONFIG_DEF = ConfigDef().define(
        "file",
        ConfigDef.Type.STRING,
        importance=ConfigDef.Importance.HIGH,
        documentation="Output file.",
    )

    def version(self) -> str:
        return VERSION

    def start(self, props: Mapping[str, str]) -> None:
        self.props = dict(props)

    def task_class(self) -> type[Task]:
        return LineFileSinkTask

    def task_configs(self, max_tasks: int) -> list[dict[str, str]]:
        return [dict(self.props) for _ in range(max_tasks)]

    def stop(self) -> None:
        pass

    def config(self) -> ConfigDef:
        return self.CONFIG_DEF


class LineFileSinkTask(SinkTask):
    """Writes each value as a line; ``flush`` fsyncs the file."""

    def version(self) -> str:
        return VERSION

    def start(self, props: Mapping[str, str]) -> None:
        self.path = props["file"]
        self.delay = int(props.get("put.delay.ms", "0")) / 1000.0
        self.lock = threading.Lock()
        with open(self.path, "ab") as handle:
            if handle.tell() > 0:
                with open(self.path, "rb") as reader:
                    reader.seek(-1, os.SEEK_END)
                    if reader.read(1) != b"\n":
                        handle.write(b"\n")
        self.handle = open(self.path, "a", encoding="utf-8")  # noqa: SIM115  (closed in stop)

    def put(self, records: Collection[SinkRecord]) -> None:
        if self.delay:
            time.sleep(self.delay)
        if records:
            self.handle.write("".join(f"{r.value}\n" for r in records))
            self.handle.flush()  # visible to readers now; durable (fsync) in flush()

    def flush(self, current_offsets: Mapping[TopicPartition, OffsetAndMetadata]) -> None:
        self.handle.flush()
        os.fsync(self.handle.fileno())

    def stop(self) -> None:
        self.handle.close()


class UpperCase(Transformation[Any]):
    """Upper-cases string values."""

    def apply(self, record: Any) -> Any:
        value = record.value
        return record.new_record(value=value.upper()) if isinstance(value, str) else record

    def config(self) -> ConfigDef:
        return ConfigDef()


class ValueStartsWith(Predicate[Any]):
    """Matches string values starting with ``prefix``."""

    CONFIG_DEF = ConfigDef().define(
        "prefix",
        ConfigDef.Type.STRING,
        importance=ConfigDef.Importance.HIGH,
        documentation="Prefix.",
    )

    def configure(self, configs: Mapping[str, Any]) -> None:
        self.prefix = self.CONFIG_DEF.parse(configs)["prefix"]

    def test(self, record: Any) -> bool:
        return isinstance(record.value, str) and record.value.startswith(self.prefix)

    def config(self) -> ConfigDef:
        return self.CONFIG_DEF
