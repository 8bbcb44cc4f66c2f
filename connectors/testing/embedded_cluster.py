"""``EmbeddedConnectCluster``: a real worker in the test's process, on a temporary store.

Modelled on Kafka's ``EmbeddedConnectCluster`` / ``EmbeddedConnectStandalone`` test utility,
it runs the actual runtime (:class:`~connectors.runtime.worker.Worker` driven by the
standalone herder, with a thread per task) on the embedded SQLite record log in a temporary
directory, or on Kafka when the worker properties set ``bootstrap.servers``. A test starts it,
gives it connectors, produces to and reads from topics, and stops it::

    with EmbeddedConnectCluster() as connect:
        connect.create_topic("lines")
        connect.configure_connector("sink", {
            "connector.class": "FileStreamSink", "topics": "lines", "file": str(out)})
        connect.wait_for_connector_and_tasks_running("sink", 1)
        connect.produce("lines", "hello")
        wait_until(lambda: out.read_text() == "hello\\n")

Unlike Java's, it talks to the herder directly rather than through the REST API. The worker
defaults are those of Kafka's embedded standalone cluster (StringConverter for keys and
values) plus a short ``offset.flush.interval.ms`` so offsets are committed within a test.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from connect_data.config import ConfigException
from connect_data.errors import ConnectException
from connectors.record import RecordMetadata, TopicPartition
from connectors.runtime import worker_config as wc
from connectors.runtime.connector_config import (
    CONNECTOR_CLASS_CONFIG,
    NAME_CONFIG,
    validate_connector_config,
)
from connectors.runtime.recordlog import ProducerRecord, RecordLog, open_record_log
from connectors.runtime.rest.entities import ConnectorState, ConnectorStateInfo, TaskState
from connectors.runtime.standalone import StandaloneHerder
from connectors.runtime.status import ConnectorTaskId, State
from connectors.runtime.worker import Worker
from connectors.runtime.worker_config import WorkerConfig
from connectors.testing.records import ConsumedRecord
from connectors.testing.waiting import wait_until
from converters.converter import Converter

__all__ = [
    "DEFAULT_WORKER_PROPS",
    "ConnectorState",
    "ConnectorStateInfo",
    "EmbeddedConnectCluster",
    "TaskState",
]

DEFAULT_WORKER_PROPS: Final[Mapping[str, str]] = {
    wc.KEY_CONVERTER_CLASS_CONFIG: "org.apache.kafka.connect.storage.StringConverter",
    wc.VALUE_CONVERTER_CLASS_CONFIG: "org.apache.kafka.connect.storage.StringConverter",
    wc.OFFSET_COMMIT_INTERVAL_MS_CONFIG: "100",
    wc.THROUGHPUT_LOG_INTERVAL_MS_CONFIG: "0",
}
"""Worker settings used unless the test's worker properties set them."""

_READER_GROUP: Final = "connectpy-embedded-cluster-reader"


class EmbeddedConnectCluster:
    """One in-process worker on a temporary store (see the module docs).

    ``worker_props`` are worker configuration keys (``value.converter``, ``num.partitions``,
    ``bootstrap.servers`` for Kafka, ...) over :data:`DEFAULT_WORKER_PROPS`. ``data_dir``
    holds the embedded store (``embedded.store.path`` defaults to ``<data_dir>/connect.db``);
    without it a temporary directory is created and removed by :meth:`stop`.
    """

    def __init__(
        self,
        worker_props: Mapping[str, str] | None = None,
        *,
        data_dir: str | Path | None = None,
        worker_id: str = "embedded-worker",
    ) -> None:
        self._own_dir = data_dir is None
        self.data_dir = Path(data_dir) if data_dir is not None else None
        self.worker_id = worker_id
        self._given_props = dict(worker_props or {})
        self.worker_props: dict[str, str] = {}
        self._configs: dict[str, dict[str, str]] = {}
        self._worker: Worker | None = None
        self._herder: StandaloneHerder | None = None
        self._record_log: RecordLog | None = None
        self._lock = threading.RLock()

    # ----------------------------------------------------------------- lifecycle

    def start(self) -> EmbeddedConnectCluster:
        """Create the data directory (if needed), open the record log, start the worker."""
        with self._lock:
            if self.data_dir is None:
                self.data_dir = Path(tempfile.mkdtemp(prefix="connectpy-embedded-"))
            self.data_dir.mkdir(parents=True, exist_ok=True)
            props = {**DEFAULT_WORKER_PROPS, **self._given_props}
            props.setdefault(wc.EMBEDDED_STORE_PATH_CONFIG, str(self.data_dir / "connect.db"))
            self.worker_props = props
            self.start_worker()
        return self

    def start_worker(self) -> None:
        """(Re)start the worker on the same store, with every connector configured so far."""
        with self._lock:
            if self._worker is not None:
                raise ConnectException("The worker is already running")
            config = WorkerConfig(self.worker_props)
            record_log = open_record_log(config)
            worker = Worker(config, record_log, self.worker_id)
            herder = StandaloneHerder(worker)
            herder.start()
            self._record_log, self._worker, self._herder = record_log, worker, herder
            for props in self._configs.values():
                herder.put_connector_config(props)

    def stop_worker(self) -> None:
        """Stop every connector and task (cleanly, committing offsets) and the worker; the
        store and the connector configurations stay for :meth:`start_worker`."""
        with self._lock:
            herder, record_log = self._herder, self._record_log
            self._herder = self._worker = self._record_log = None
        if herder is not None:
            herder.stop()
        if record_log is not None:
            record_log.close()

    def restart_worker(self) -> None:
        """:meth:`stop_worker` then :meth:`start_worker`."""
        self.stop_worker()
        self.start_worker()

    def stop(self) -> None:
        """Stop the worker and remove the temporary data directory (if this cluster made it)."""
        self.stop_worker()
        if self._own_dir and self.data_dir is not None:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def __enter__(self) -> EmbeddedConnectCluster:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def worker(self) -> Worker:
        """The running worker."""
        if self._worker is None:
            raise ConnectException("The embedded worker is not running")
        return self._worker

    @property
    def herder(self) -> StandaloneHerder:
        """The running herder."""
        if self._herder is None:
            raise ConnectException("The embedded worker is not running")
        return self._herder

    @property
    def record_log(self) -> RecordLog:
        """The record log the worker runs on."""
        if self._record_log is None:
            raise ConnectException("The embedded worker is not running")
        return self._record_log

    @property
    def store_path(self) -> Path:
        """The embedded store's database file."""
        return Path(self.worker_props[wc.EMBEDDED_STORE_PATH_CONFIG])

    # ----------------------------------------------------------------- connectors

    def configure_connector(self, name: str, config: Mapping[str, str]) -> None:
        """Create or reconfigure connector ``name`` (``PUT /connectors/{name}/config``).

        The configuration is validated first, and
        :class:`~connect_data.config.ConfigException` lists every error (as the REST API
        answers 400). A connector that fails while starting is not an error here: its status
        says FAILED.
        """
        props = {str(k): str(v) for k, v in config.items()}
        props[NAME_CONFIG] = name
        if not props.get(CONNECTOR_CLASS_CONFIG):
            raise ConfigException(f'Connector {name} has no "{CONNECTOR_CLASS_CONFIG}"')
        result = validate_connector_config(self.worker.plugins, props)
        errors = [
            f"{value.name()}: {message}"
            for value in result.config_values()
            for message in value.error_messages()
        ]
        if errors:
            raise ConfigException(
                f"Connector configuration is invalid and contains {len(errors)} error(s): "
                + "; ".join(errors)
            )
        with self._lock:
            self._configs[name] = props
            self.herder.put_connector_config(props)

    def delete_connector(self, name: str) -> None:
        """Stop and remove a connector (``DELETE /connectors/{name}``)."""
        with self._lock:
            self.herder.delete_connector(name)
            self._configs.pop(name, None)

    def pause_connector(self, name: str) -> None:
        """Pause a connector and its tasks."""
        self.herder.pause_connector(name)

    def resume_connector(self, name: str) -> None:
        """Resume a paused or stopped connector."""
        self.herder.resume_connector(name)

    def stop_connector(self, name: str) -> None:
        """Stop a connector and remove its tasks, keeping its configuration and offsets."""
        self.herder.stop_connector(name)

    def restart_connector(self, name: str) -> None:
        """Restart a connector and its tasks with its current configuration."""
        with self._lock:
            props = self._configs.get(name)
            if props is None:
                raise ConnectException(f"Connector {name} not found")
            self.herder.put_connector_config(props)

    def connectors(self) -> list[str]:
        """The names of the configured connectors."""
        with self._lock:
            return sorted(self._configs)

    def connector_config(self, name: str) -> dict[str, str]:
        """The configuration of connector ``name``."""
        with self._lock:
            props = self._configs.get(name)
        if props is None:
            raise ConnectException(f"Connector {name} not found")
        return dict(props)

    def connector_status(self, name: str) -> ConnectorStateInfo:
        """The status of connector ``name`` and its tasks, as ``GET
        /connectors/{name}/status`` answers (raises if it has none)."""
        return self.herder.connector_status(name)

    def task(self, name: str, index: int = 0) -> Any:
        """The running task object (the connector's ``SourceTask`` / ``SinkTask``) of task
        ``index`` of connector ``name``, for tests that inspect it."""
        worker_task = self.worker.tasks.get(ConnectorTaskId(name, index))
        if worker_task is None:
            raise ConnectException(f"Task {name}-{index} is not running")
        return getattr(worker_task, "task", None)

    # ----------------------------------------------------------------- waiting

    def _status_text(self, name: str) -> str:
        try:
            return str(self.connector_status(name).to_json())
        except ConnectException as exc:
            return str(exc)

    def _states(self, name: str) -> tuple[str | None, list[str]]:
        try:
            info = self.connector_status(name)
        except ConnectException:
            return None, []
        return info.connector.state, [t.state for t in info.tasks]

    def wait_for_connector_and_tasks_running(
        self, name: str, num_tasks: int, timeout: float = 30.0
    ) -> None:
        """Wait until the connector and exactly ``num_tasks`` tasks are RUNNING (Java's
        ``assertConnectorAndExactlyNumTasksAreRunning``); :class:`AssertionError` otherwise."""

        def running() -> bool:
            state, tasks = self._states(name)
            running = State.RUNNING.value
            return state == running and len(tasks) == num_tasks and all(t == running for t in tasks)

        wait_until(
            running,
            timeout,
            lambda: (
                f"Connector {name} and {num_tasks} task(s) not running: " + self._status_text(name)
            ),
        )

    def wait_for_connector_state(
        self,
        name: str,
        state: str | State,
        timeout: float = 30.0,
        task_state: str | State | None = None,
        num_tasks: int | None = None,
    ) -> None:
        """Wait until the connector is in ``state`` (and, if given, ``num_tasks`` tasks are,
        each in ``task_state``); :class:`AssertionError` otherwise."""
        wanted = str(state)
        wanted_task = None if task_state is None else str(task_state)

        def reached() -> bool:
            current, tasks = self._states(name)
            if current != wanted:
                return False
            if num_tasks is not None and len(tasks) != num_tasks:
                return False
            return wanted_task is None or all(t == wanted_task for t in tasks)

        wait_until(
            reached,
            timeout,
            lambda: f"Connector {name} did not reach {wanted}: " + self._status_text(name),
        )

    def wait_for_task_failed(self, name: str, index: int = 0, timeout: float = 30.0) -> str:
        """Wait until task ``index`` of connector ``name`` is FAILED; returns its trace."""
        task_id = ConnectorTaskId(name, index)

        def failed() -> bool:
            status = self.worker.status.task(task_id)
            return status is not None and status.state is State.FAILED

        wait_until(
            failed, timeout, lambda: f"Task {task_id} did not fail: " + self._status_text(name)
        )
        status = self.worker.status.task(task_id)
        return (status.trace if status is not None else None) or ""

    # ----------------------------------------------------------------- topics

    def create_topic(self, topic: str, partitions: int = 1) -> bool:
        """Create a topic; ``False`` if it already exists."""
        return self.record_log.admin().create_topic(topic, partitions)

    def topics(self) -> dict[str, int]:
        """Every topic with its partition count."""
        return self.record_log.admin().list_topics()

    def end_offsets(self, topic: str) -> dict[int, int]:
        """The next offset of each partition of ``topic``."""
        admin = self.record_log.admin()
        count = admin.list_topics().get(topic)
        if count is None:
            raise ConnectException(f"Topic {topic} does not exist")
        ends = admin.end_offsets([TopicPartition(topic, p) for p in range(count)])
        return {tp.partition: offset for tp, offset in ends.items()}

    def produce(
        self,
        topic: str,
        value: str | bytes | None,
        key: str | bytes | None = None,
        *,
        partition: int | None = None,
        headers: Sequence[tuple[str, bytes | None]] = (),
        timestamp: int | None = None,
    ) -> RecordMetadata:
        """Append one record (text is encoded as UTF-8) and wait until it is stored."""
        return self.produce_all(
            topic, [(key, value)], partition=partition, headers=headers, timestamp=timestamp
        )[0]

    def produce_all(
        self,
        topic: str,
        records: Iterable[tuple[str | bytes | None, str | bytes | None]],
        *,
        partition: int | None = None,
        headers: Sequence[tuple[str, bytes | None]] = (),
        timestamp: int | None = None,
    ) -> list[RecordMetadata]:
        """Append ``(key, value)`` records in order and wait until all are stored."""
        results: list[RecordMetadata | BaseException | None] = []
        producer = self.record_log.producer("embedded-cluster-producer")
        try:
            for key, value in records:
                index = len(results)
                results.append(None)

                def done(
                    metadata: RecordMetadata | None,
                    error: BaseException | None,
                    index: int = index,
                ) -> None:
                    results[index] = error if error is not None else metadata

                producer.send(
                    ProducerRecord(
                        topic=topic,
                        partition=partition,
                        key=_encode(key),
                        value=_encode(value),
                        timestamp=timestamp,
                        headers=tuple(headers),
                    ),
                    done,
                )
            if not producer.flush(30.0):
                raise ConnectException(f"Records to {topic} were not stored within 30 s")
        finally:
            producer.close(5.0)
        stored: list[RecordMetadata] = []
        for result in results:
            if isinstance(result, BaseException):
                raise ConnectException(f"Failed to produce to {topic}: {result}") from result
            if result is None:
                raise ConnectException(f"No acknowledgement for a record sent to {topic}")
            stored.append(result)
        return stored

    def consume(
        self,
        n: int,
        timeout: float,
        *topics: str,
        key_converter: Converter | None = None,
        value_converter: Converter | None = None,
    ) -> list[ConsumedRecord]:
        """At least ``n`` records of ``topics``, read from the beginning; raises
        :class:`AssertionError` if fewer arrive within ``timeout`` seconds.

        Keys and values are converted by the converters given (see
        :func:`~connectors.testing.make_converter`), else left as bytes. Records of one
        partition come in offset order; partitions are interleaved.
        """
        records: list[ConsumedRecord] = []
        consumer = self.record_log.consumer(_READER_GROUP, "embedded-cluster-reader")
        try:
            partitions = self._wait_for_partitions(topics, timeout)
            consumer.assign(partitions)
            starts = consumer.beginning_offsets(partitions)
            for tp in partitions:
                consumer.seek(tp, starts[tp])

            def enough() -> bool:
                for raw in consumer.poll(0.05):
                    records.append(_consumed(raw, key_converter, value_converter))
                return len(records) >= n

            wait_until(
                enough,
                timeout,
                lambda: (
                    f"Could not find enough records in {', '.join(topics)}: found "
                    f"{len(records)}, expected {n}"
                ),
                interval=0.0,
            )
        finally:
            consumer.close()
        return records

    def consume_all(
        self,
        timeout: float,
        *topics: str,
        key_converter: Converter | None = None,
        value_converter: Converter | None = None,
    ) -> list[ConsumedRecord]:
        """Every record of ``topics`` up to their current end offsets (``consumeAll``)."""
        admin = self.record_log.admin()
        partitions = self._wait_for_partitions(topics, timeout)
        ends = admin.end_offsets(partitions)
        starts = admin.beginning_offsets(partitions)
        total = sum(max(ends[tp] - starts[tp], 0) for tp in partitions)
        if total == 0:
            return []
        records = self.consume(
            total, timeout, *topics, key_converter=key_converter, value_converter=value_converter
        )
        return [r for r in records if r.offset < ends[TopicPartition(r.topic, r.partition)]]

    def _wait_for_partitions(self, topics: Sequence[str], timeout: float) -> list[TopicPartition]:
        if not topics:
            raise ValueError("Name at least one topic")
        admin = self.record_log.admin()
        known: dict[str, int] = {}

        def exist() -> bool:
            known.update(admin.list_topics())
            return all(t in known for t in topics)

        wait_until(exist, timeout, lambda: f"Topics {list(topics)} do not all exist")
        return [TopicPartition(t, p) for t in topics for p in range(known[t])]


def _encode(data: str | bytes | None) -> bytes | None:
    if data is None or isinstance(data, bytes):
        return data
    return data.encode("utf-8")


def _consumed(
    raw: Any, key_converter: Converter | None, value_converter: Converter | None
) -> ConsumedRecord:
    key: Any = raw.key
    value: Any = raw.value
    key_schema = value_schema = None
    if key_converter is not None:
        converted = key_converter.to_connect_data(raw.topic, raw.key)
        key, key_schema = converted.value(), converted.schema()
    if value_converter is not None:
        converted = value_converter.to_connect_data(raw.topic, raw.value)
        value, value_schema = converted.value(), converted.schema()
    return ConsumedRecord(
        topic=raw.topic,
        partition=raw.partition,
        offset=raw.offset,
        timestamp=raw.timestamp,
        key=key,
        value=value,
        key_schema=key_schema,
        value_schema=value_schema,
        raw_key=raw.key,
        raw_value=raw.value,
        headers=tuple(raw.headers),
    )
