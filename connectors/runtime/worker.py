"""The worker: runs connectors and their tasks (a thread per task), as Kafka Connect's ``Worker``.

It creates plugin instances, their converters and transformation chains, picks the source loop
(exactly-once when the record log stores source offsets in its transactions, at-least-once
otherwise), commits source offsets every ``offset.flush.interval.ms``, tracks statuses, and
logs a short progress line per task every ``throughput.log.interval.ms``.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, Final

from connect_data.config import ConfigException, class_resolver_context
from connect_data.errors import ConnectException
from connectors.connector import Connector
from connectors.offsets import OffsetStorageReader
from connectors.runtime import worker_config as wc
from connectors.runtime.connector_config import (
    CONNECTOR_CLASS_CONFIG,
    EXACTLY_ONCE_SUPPORT_CONFIG,
    HEADER_CONVERTER_CLASS_CONFIG,
    KEY_CONVERTER_CLASS_CONFIG,
    TASKS_MAX_ENFORCE_CONFIG,
    TRANSACTION_BOUNDARY_CONFIG,
    TRANSACTION_BOUNDARY_INTERVAL_CONFIG,
    VALUE_CONVERTER_CLASS_CONFIG,
    ConnectorConfig,
)
from connectors.runtime.errors.retry_with_tolerance_operator import RetryWithToleranceOperator
from connectors.runtime.errors.task_reporters import (
    errant_record_reporter,
    new_operator,
    sink_task_reporters,
    source_task_reporters,
)
from connectors.runtime.offsets import FileOffsetBackingStore, OffsetStorageReaderImpl
from connectors.runtime.recordlog.backend import OffsetBackingStore, RecordLog
from connectors.runtime.secrets import register_secrets
from connectors.runtime.sink_task import WorkerSinkTask
from connectors.runtime.source_task import (
    AbstractWorkerSourceTask,
    ExactlyOnceWorkerSourceTask,
    WorkerSourceTask,
)
from connectors.runtime.status import ConnectorTaskId, State, StatusTracker, failure_trace
from connectors.runtime.topic_tracking import (
    ActiveTopicsStore,
    TopicTrackingConsumer,
    TopicTrackingProducer,
    open_active_topics_store,
)
from connectors.runtime.transformation_chain import build_transformation_chain
from connectors.runtime.worker_config import EMBEDDED_STORE_PATH_CONFIG, WorkerConfig
from connectors.runtime.worker_config_transformer import WorkerConfigTransformer
from connectors.runtime.worker_task import TargetState, WorkerTask
from connectors.sink import SinkConnector, SinkConnectorContext, SinkTask
from connectors.source import SourceConnector, SourceConnectorContext, SourceTask
from connectors.task import Task
from converters.converter import Converter, HeaderConverter

__all__ = ["TASK_CLASS_CONFIG", "TooManyTasksException", "Worker", "WorkerConnector"]

log = logging.getLogger(__name__)

TASK_CLASS_CONFIG: Final = "task.class"


class TooManyTasksException(ConnectException):
    """A connector asked for more tasks than ``tasks.max`` (and ``tasks.max.enforce`` is on)."""


class _ConnectorContext(SourceConnectorContext, SinkConnectorContext):
    def __init__(
        self, worker_connector: WorkerConnector, reader: OffsetStorageReader | None
    ) -> None:
        self._worker_connector = worker_connector
        self._reader = reader

    def request_task_reconfiguration(self) -> None:
        self._worker_connector.request_task_reconfiguration()

    def raise_error(self, exc: BaseException) -> None:
        self._worker_connector.fail(exc)

    def offset_storage_reader(self) -> OffsetStorageReader:
        if self._reader is None:
            raise ConnectException("Only source connectors have an offset storage reader")
        return self._reader


class WorkerConnector:
    """A running connector instance and its state (``WorkerConnector``)."""

    def __init__(
        self,
        name: str,
        connector: Connector,
        config: ConnectorConfig,
        props: Mapping[str, str],
        status: StatusTracker,
        reader: OffsetStorageReaderImpl | None,
        on_reconfiguration: Callable[[str], None],
    ) -> None:
        self.name = name
        self.connector = connector
        self.config = config
        self.props = dict(props)
        self._status = status
        self._reader = reader
        self._on_reconfiguration = on_reconfiguration
        self._lock = threading.RLock()
        self.state = TargetState.STOPPED
        self.failed = False
        self.offset_store: OffsetBackingStore | None = None
        self.context = _ConnectorContext(self, reader)

    def is_sink(self) -> bool:
        """Whether this is a sink connector."""
        return isinstance(self.connector, SinkConnector)

    def initialize(self) -> None:
        """Give the connector its context."""
        self.connector.initialize(self.context)

    def transition_to(self, target: TargetState) -> bool:
        """Start, pause or stop the connector object; ``False`` if it failed."""
        with self._lock:
            if self.failed:
                return False
            if target is self.state:
                return True
            try:
                if target is TargetState.STARTED:
                    self.connector.start(self.props)
                    self.state = TargetState.STARTED
                    self._status.put(self.name, State.RUNNING)
                else:
                    if self.state is TargetState.STARTED:
                        self.connector.stop()
                    self.state = target
                    self._status.put(
                        self.name, State.PAUSED if target is TargetState.PAUSED else State.STOPPED
                    )
            except Exception as exc:
                self.fail(exc)
                return False
            return True

    def shutdown(self) -> None:
        """Stop the connector object for good."""
        with self._lock:
            if self.state is TargetState.STARTED and not self.failed:
                try:
                    self.connector.stop()
                except Exception:
                    log.exception("Failed to stop connector %s", self.name)
            if not self.failed:
                self._status.put(self.name, State.UNASSIGNED)
            self.state = TargetState.STOPPED
            if self._reader is not None:
                self._reader.close()
            if self.offset_store is not None:
                try:
                    self.offset_store.stop()
                except Exception:
                    log.exception("Failed to close the offset store of connector %s", self.name)

    def fail(self, exc: BaseException) -> None:
        """Mark the connector FAILED with ``exc``'s trace."""
        with self._lock:
            already = self.failed
            self.failed = True
        if not already:
            log.error("Connector %s failed", self.name, exc_info=exc)
            self._status.put(self.name, State.FAILED, failure_trace(exc))

    def request_task_reconfiguration(self) -> None:
        """Forward the connector's request to the herder."""
        self._on_reconfiguration(self.name)


class Worker:
    """Runs connectors and tasks on one record log."""

    def __init__(
        self,
        config: WorkerConfig,
        record_log: RecordLog,
        worker_id: str | None = None,
    ) -> None:
        self.config = config
        self.plugins = config.plugins
        self.record_log = record_log
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}"
        self.status = StatusTracker(self.worker_id)
        self.connectors: dict[str, WorkerConnector] = {}
        self.tasks: dict[ConnectorTaskId, WorkerTask] = {}
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._offsets_file_store: FileOffsetBackingStore | None = None
        offsets_file = config.offsets_file()
        if offsets_file:
            self._offsets_file_store = FileOffsetBackingStore(offsets_file)
            self._offsets_file_store.start()
        self._threads: list[threading.Thread] = []
        self.reconfiguration_listener: Callable[[str], None] = lambda name: None
        self.active_topics: ActiveTopicsStore | None = None
        """The connectors' active topics (KIP-558); ``None`` unless ``topic.tracking.enable``."""
        if config.get_boolean(wc.TOPIC_TRACKING_ENABLE_CONFIG):
            self.active_topics = open_active_topics_store(record_log)
        register_secrets(config.definition(), config.originals())
        with class_resolver_context(self.plugins.resolve):
            self.config_transformer = WorkerConfigTransformer.from_worker_props(config.originals())
        """Resolves ``${provider:path:key}`` in connector configs when they start."""
        self._raw_connector_configs: dict[str, dict[str, str]] = {}

    # ----------------------------------------------------------------- properties

    def exactly_once_sources(self) -> bool:
        """Whether source tasks commit records and offsets in one transaction."""
        return self._offsets_file_store is None and self.record_log.atomic_source_offsets()

    def source_offset_store(self) -> OffsetBackingStore:
        """The store of source offsets (the offsets file's, or the record log's); start it
        before use and stop it after."""
        return self._source_offset_store()

    def _source_offset_store(self) -> OffsetBackingStore:
        if self._offsets_file_store is not None:
            return _SharedStore(self._offsets_file_store)
        return self.record_log.offset_store()

    # ----------------------------------------------------------------- lifecycle

    def start(self) -> None:
        """Start the offset committer and the progress reporter."""
        log.info(
            "Worker %s starting on the %s; source delivery: %s",
            self.worker_id,
            self.record_log.describe(),
            "exactly once" if self.exactly_once_sources() else "at least once",
        )
        committer = threading.Thread(
            target=self._commit_loop, name="SourceTaskOffsetCommitter", daemon=True
        )
        committer.start()
        self._threads.append(committer)
        interval = int(self.config.get_long(wc.THROUGHPUT_LOG_INTERVAL_MS_CONFIG) or 0)
        if interval > 0:
            reporter = threading.Thread(
                target=self._report_loop, args=(interval / 1000.0,), name="progress", daemon=True
            )
            reporter.start()
            self._threads.append(reporter)

    def stop(self) -> None:
        """Stop every task and connector (tasks first, within the graceful timeout)."""
        log.info("Worker %s stopping", self.worker_id)
        with self._lock:
            ids = list(self.tasks)
            names = list(self.connectors)
        self.stop_and_await_tasks(ids)
        for name in names:
            self.stop_connector(name)
        self._stopping.set()
        for thread in self._threads:
            thread.join(5.0)
        if self._offsets_file_store is not None:
            self._offsets_file_store.stop()
        if self.active_topics is not None:
            self.active_topics.close()
        self.config_transformer.close()
        log.info("Worker %s stopped", self.worker_id)

    # ----------------------------------------------------------------- connectors

    def connector_class(self, props: Mapping[str, str]) -> type[Connector]:
        """The connector class named by ``connector.class``."""
        name = props.get(CONNECTOR_CLASS_CONFIG)
        if not name:
            raise ConfigException(
                f'Missing required configuration "{CONNECTOR_CLASS_CONFIG}" which has no default value.'
            )
        cls: type[Connector] = self.plugins.plugin_class(name, Connector, "Connector")
        return cls

    def parse_connector_config(self, props: Mapping[str, str]) -> ConnectorConfig:
        """Parse a connector configuration (raises :class:`ConfigException`)."""
        cls = self.connector_class(props)
        config = ConnectorConfig(self.plugins, props, cls)
        if issubclass(cls, SinkConnector):
            config.sink_subscription()
        return config

    def start_connector(
        self, name: str, props: Mapping[str, str], target: TargetState = TargetState.STARTED
    ) -> bool:
        """Create, initialize and start a connector; ``False`` (and FAILED) if that failed."""
        with self._lock:
            if name in self.connectors:
                raise ConnectException(f"Connector with name {name} already exists")
        raw_props = props
        try:
            props = self.config_transformer.transform(raw_props, name)
            config = self.parse_connector_config(props)
            connector = config.connector_cls() if config.connector_cls else None
            if connector is None:
                raise ConnectException(f"No connector class for {name}")
            register_secrets(config.definition(), props)
            register_secrets(connector.config(), props)
        except Exception as exc:
            log.error("Failed to create connector %s: %s", name, exc)
            self.status.put(name, State.FAILED, failure_trace(exc))
            return False
        reader = None
        store = None
        if isinstance(connector, SourceConnector):
            store = self._source_offset_store()
            store.start()
            reader = OffsetStorageReaderImpl(store, name)
        worker_connector = WorkerConnector(
            name, connector, config, props, self.status, reader, self.reconfiguration_listener
        )
        worker_connector.offset_store = store
        with self._lock:
            self.connectors[name] = worker_connector
            self._raw_connector_configs[name] = dict(raw_props)
        try:
            worker_connector.initialize()
        except Exception as exc:
            worker_connector.fail(exc)
            return False
        log.info("Creating connector %s of type %s", name, type(connector).__name__)
        if target is TargetState.STARTED:
            return worker_connector.transition_to(TargetState.STARTED)
        return worker_connector.transition_to(target)

    def connector_task_configs(self, name: str) -> list[dict[str, str]]:
        """Ask a started connector for its task configurations (``task.class`` added)."""
        worker_connector = self.connectors.get(name)
        if worker_connector is None or worker_connector.state is not TargetState.STARTED:
            return []
        connector = worker_connector.connector
        tasks_max = worker_connector.config.tasks_max()
        try:
            configs = connector.task_configs(tasks_max)
        except Exception as exc:
            worker_connector.fail(exc)
            return []
        if len(configs) > tasks_max:
            if worker_connector.config.get_boolean(TASKS_MAX_ENFORCE_CONFIG):
                error = TooManyTasksException(
                    f"The connector {name} has generated {len(configs)} tasks, which is greater "
                    f"than {tasks_max}, the maximum number of tasks it is configured to create. "
                    "This behaviour should be considered a bug and is disallowed. If necessary, "
                    f"it can be permitted by reconfiguring the connector with "
                    f"'{TASKS_MAX_ENFORCE_CONFIG}' set to false."
                )
                worker_connector.fail(error)
                return []
            log.warning(
                "The connector %s has generated %d tasks, which is greater than %d, the maximum "
                "number of tasks it is configured to create.",
                name,
                len(configs),
                tasks_max,
            )
        task_class = connector.task_class()
        result: list[dict[str, str]] = []
        for task_config in configs:
            copy = {str(k): v for k, v in task_config.items()}
            copy[TASK_CLASS_CONFIG] = f"{task_class.__module__}.{task_class.__qualname__}"
            result.append(copy)
        raw = self._raw_connector_configs.get(name)
        if raw is not None:  # resolved secrets copied into task configs are not kept
            result = self.config_transformer.reverse_transform(raw, result)
        return result

    def set_target_state(self, name: str, target: TargetState) -> None:
        """Pause, resume or stop a connector and its tasks."""
        with self._lock:
            worker_connector = self.connectors.get(name)
            tasks = [t for i, t in self.tasks.items() if i.connector == name]
        if worker_connector is not None:
            worker_connector.transition_to(target)
        if target is not TargetState.STOPPED:  # stopped connectors have no tasks (see the herder)
            for task in tasks:
                task.transition_to(target)

    def stop_connector(self, name: str) -> None:
        """Stop a connector (its tasks must be stopped first)."""
        with self._lock:
            worker_connector = self.connectors.pop(name, None)
            self._raw_connector_configs.pop(name, None)
        if worker_connector is not None:
            log.info("Stopping connector %s", name)
            worker_connector.shutdown()

    # ----------------------------------------------------------------- tasks

    def start_task(
        self,
        task_id: ConnectorTaskId,
        connector_props: Mapping[str, str],
        task_props: Mapping[str, str],
        target: TargetState = TargetState.STARTED,
    ) -> bool:
        """Create and start one task; ``False`` (and FAILED) if it could not be created."""
        with self._lock:
            if task_id in self.tasks:
                raise ConnectException(f"Task already exists in this worker: {task_id}")
        try:
            worker_task = self._build_task(task_id, connector_props, task_props, target)
        except Exception as exc:
            log.error("Failed to start task %s", task_id, exc_info=exc)
            self.status.put(task_id, State.FAILED, failure_trace(exc))
            return False
        with self._lock:
            self.tasks[task_id] = worker_task
        log.info("Starting task %s", task_id)
        worker_task.start()
        return True

    def _build_task(
        self,
        task_id: ConnectorTaskId,
        connector_props: Mapping[str, str],
        task_props: Mapping[str, str],
        target: TargetState,
    ) -> WorkerTask:
        connector_props = self.config_transformer.transform(connector_props)
        task_props = self.config_transformer.transform(task_props)
        config = self.parse_connector_config(connector_props)
        task_class_name = task_props.get(TASK_CLASS_CONFIG)
        if not task_class_name:
            raise ConnectException(f"Task configuration of {task_id} has no {TASK_CLASS_CONFIG}")
        task_cls = self.plugins.plugin_class(task_class_name, Task, "Task")
        task = task_cls()
        register_secrets(None, task_props)
        key_converter = self._converter(config, KEY_CONVERTER_CLASS_CONFIG, True)
        value_converter = self._converter(config, VALUE_CONVERTER_CLASS_CONFIG, False)
        header_converter = self._header_converter(config)
        operator = new_operator(config)
        chain = build_transformation_chain(config, operator)
        if isinstance(task, SourceTask):
            operator.reporters(source_task_reporters(task_id, config, operator.metrics))
            return self._build_source_task(
                task_id,
                task,
                config,
                task_props,
                target,
                key_converter,
                value_converter,
                header_converter,
                chain,
                operator,
            )
        if isinstance(task, SinkTask):
            topics, pattern = config.sink_subscription()
            operator.reporters(
                sink_task_reporters(
                    task_id,
                    config,
                    operator.metrics,
                    self.record_log,
                    self._producer_config(config),
                )
            )
            consumer_config = {
                "auto.offset.reset": "earliest",
                **self.config.originals_with_prefix("consumer."),
                **config.originals_with_prefix("consumer.override."),
            }
            consumer = self.record_log.consumer(
                f"connect-{task_id.connector}",
                f"connector-consumer-{task_id}",
                consumer_config,
                connector_config=config.originals(),
            )
            if self.active_topics is not None:
                consumer = TopicTrackingConsumer(consumer, self.active_topics, task_id.connector)
            return WorkerSinkTask(
                task_id,
                task,
                task_props,
                self.status,
                target,
                key_converter,
                value_converter,
                header_converter,
                chain,
                consumer,
                topics,
                pattern,
                self.config.offset_commit_interval_ms(),
                retry_with_tolerance_operator=operator,
                errant_record_reporter=errant_record_reporter(
                    config, operator, key_converter, value_converter, header_converter
                ),
            )
        raise ConnectException(
            f"Tasks must be a subclass of SinkTask or SourceTask, not {task_cls}"
        )

    def _build_source_task(
        self,
        task_id: ConnectorTaskId,
        task: SourceTask,
        config: ConnectorConfig,
        task_props: Mapping[str, str],
        target: TargetState,
        key_converter: Converter,
        value_converter: Converter,
        header_converter: HeaderConverter,
        chain: Any,
        operator: RetryWithToleranceOperator[Any],
    ) -> AbstractWorkerSourceTask:
        producer = self.record_log.producer(
            f"connector-producer-{task_id}",
            self._producer_config(config),
            connector_config=config.originals(),
        )
        if self.active_topics is not None:
            producer = TopicTrackingProducer(producer, self.active_topics, task_id.connector)
        args = (
            task_id,
            task,
            task_props,
            self.status,
            target,
            key_converter,
            value_converter,
            header_converter,
            chain,
            producer,
            self._source_offset_store(),
            self.config.offset_commit_timeout_ms(),
        )
        if self.exactly_once_sources():
            boundary = str(config.get_string(TRANSACTION_BOUNDARY_CONFIG) or "poll").lower()
            interval = config.get_long(TRANSACTION_BOUNDARY_INTERVAL_CONFIG)
            return ExactlyOnceWorkerSourceTask(
                *args,
                retry_with_tolerance_operator=operator,
                transaction_boundary=boundary,
                transaction_interval_ms=(
                    self.config.offset_commit_interval_ms() if interval is None else int(interval)
                ),
            )
        if str(config.get_string(EXACTLY_ONCE_SUPPORT_CONFIG) or "").lower() == "required":
            producer.close()
            raise ConnectException(
                f"Connector {task_id.connector} requires exactly-once delivery, which this worker "
                "gives only with the embedded store and no offset.storage.file.filename"
            )
        return WorkerSourceTask(*args, retry_with_tolerance_operator=operator)

    def _producer_config(self, config: ConnectorConfig) -> dict[str, Any]:
        """The worker's ``producer.`` settings overridden by the connector's
        ``producer.override.`` ones (a source task's producer, a dead letter queue's)."""
        return {
            **self.config.originals_with_prefix("producer."),
            **config.originals_with_prefix("producer.override."),
        }

    def _converter_setup(
        self, config: ConnectorConfig, key: str, base: type
    ) -> tuple[type, dict[str, Any]]:
        """The class ``key`` names (the connector's, else the worker's; a subclass of ``base``)
        and the settings under ``key.`` of the same configuration."""
        source: ConnectorConfig | WorkerConfig = config
        cls = config.get_class(key)
        if cls is None:
            cls = self.config.get_class(key)
            source = self.config
        if cls is None:
            raise ConfigException(
                f'Missing required configuration "{key}" which has no default value.'
            )
        if not (isinstance(cls, type) and issubclass(cls, base)):
            raise ConfigException(key, cls, f"Not a {base.__name__}")
        return cls, source.originals_with_prefix(key + ".")

    def _converter(self, config: ConnectorConfig, key: str, is_key: bool) -> Converter:
        cls, configs = self._converter_setup(config, key, Converter)
        if self.config.embedded():
            # a converter with a local store (AvroConverter's embedded:// registry) finds the
            # worker's store unless its own configuration names another one
            configs.setdefault(
                EMBEDDED_STORE_PATH_CONFIG, self.config.get_string(EMBEDDED_STORE_PATH_CONFIG)
            )
        converter = self.plugins.new_converter(cls, configs, is_key)
        register_secrets(converter.config(), configs)
        return converter

    def _header_converter(self, config: ConnectorConfig) -> HeaderConverter:
        cls, configs = self._converter_setup(config, HEADER_CONVERTER_CLASS_CONFIG, HeaderConverter)
        converter = self.plugins.new_header_converter(cls, configs)
        register_secrets(converter.config(), configs)
        return converter

    def stop_and_await_tasks(self, ids: list[ConnectorTaskId]) -> None:
        """Stop tasks, waiting ``task.shutdown.graceful.timeout.ms`` in total; cancel laggards."""
        with self._lock:
            tasks = [(i, self.tasks[i]) for i in ids if i in self.tasks]
        for task_id, task in tasks:
            log.info("Stopping task %s", task_id)
            task.stop()
        timeout = (self.config.get_long(wc.TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_CONFIG) or 0) / 1000.0
        deadline = time.monotonic() + timeout
        for task_id, task in tasks:
            if not task.await_stop(deadline - time.monotonic()):
                log.error(
                    "Graceful stop of task %s failed: it did not stop within %.0f ms; "
                    "cancelling it",
                    task_id,
                    timeout * 1000,
                )
                task.cancel()
            with self._lock:
                self.tasks.pop(task_id, None)

    # ----------------------------------------------------------------- background loops

    def _commit_loop(self) -> None:
        interval = max(self.config.offset_commit_interval_ms() / 1000.0, 0.01)
        while not self._stopping.wait(interval):
            with self._lock:
                tasks = [t for t in self.tasks.values() if isinstance(t, WorkerSourceTask)]
            for task in tasks:
                if task.is_stopping() or task.is_failed():
                    continue
                try:
                    task.commit_offsets()
                except Exception:
                    log.exception("%s Unhandled exception when committing offsets", task)

    def _report_loop(self, interval: float) -> None:
        previous: dict[ConnectorTaskId, tuple[float, int]] = {}
        while not self._stopping.wait(interval):
            now = time.monotonic()
            with self._lock:
                tasks = list(self.tasks.items())
            for task_id, task in tasks:
                metrics = task.metrics
                before_time, before_count = previous.get(task_id, (now - interval, 0))
                count = metrics.processed
                rate = (count - before_count) / max(now - before_time, 1e-6)
                previous[task_id] = (now, count)
                committed = (
                    "never"
                    if metrics.committed_at is None
                    else f"{now - metrics.committed_at:.1f}s ago"
                )
                if metrics.kind == "source":
                    log.info(
                        "%s: %d records polled (%.1f/s), %d stored, %d awaiting acknowledgement; "
                        "offsets committed %s",
                        task_id,
                        count,
                        rate,
                        metrics.stored,
                        metrics.pending,
                        committed,
                    )
                else:
                    lag = "unknown" if metrics.lag is None else str(metrics.lag)
                    log.info(
                        "%s: %d records put (%.1f/s), lag %s over %d partition(s); offsets "
                        "committed %s",
                        task_id,
                        count,
                        rate,
                        lag,
                        metrics.partitions,
                        committed,
                    )


class _SharedStore(OffsetBackingStore):
    """A view of a store shared by several tasks: start/stop do not close the shared one."""

    def __init__(self, store: OffsetBackingStore) -> None:
        self._store = store

    def get(self, keys: Any) -> dict[bytes, bytes | None]:
        return self._store.get(keys)

    def set(self, values: Mapping[bytes, bytes | None]) -> None:
        self._store.set(values)

    def entries(self) -> dict[bytes, bytes]:
        return self._store.entries()
