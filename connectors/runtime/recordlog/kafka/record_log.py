"""The Kafka record log: the worker's backend when its configuration has ``bootstrap.servers``.

Which settings each client gets, as Kafka Connect's ``Worker``:

- a source task's producer: ``bootstrap.servers``, then the worker's ``producer.*``, then the
  connector's ``producer.override.*`` (the worker assembles these; this backend adds
  ``bootstrap.servers`` and its defaults, see :mod:`.producer`);
- a sink task's consumer (group ``connect-<connector>``): ``bootstrap.servers``, the worker's
  ``consumer.*``, then ``consumer.override.*`` (see :mod:`.consumer`);
- the admin client that creates a source connector's topics: the top-level client keys of the
  worker (security, timeouts), ``admin.*``, then ``admin.override.*``;
- the worker's own clients (offsets and configs topics, ``connectpy topics``): the top-level
  client keys (``bootstrap.servers``, ``security.protocol``, ``sasl.*``, ``ssl.*`` ...), plus
  ``admin.*`` for the admin client.

Connector overrides are checked against ``connector.client.config.override.policy``. Every
Java property name is translated for librdkafka (:mod:`.client_config`).

Delivery is at least once for sources and sinks. Source offsets live in the compacted
``offset.storage.topic`` (or in ``offset.storage.file.filename``, which the worker handles),
written after the records they cover were acknowledged; there is no exactly-once mode on
this backend (that is the embedded store's).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any, Final

import confluent_kafka

from connect_data.config import ConfigException
from connectors.runtime.recordlog.backend import (
    ConfigBackingStore,
    Consumer,
    OffsetBackingStore,
    Producer,
    RecordLog,
    RecordLogAdmin,
)
from connectors.runtime.recordlog.kafka import backend_config as bc
from connectors.runtime.recordlog.kafka.admin import KafkaAdmin
from connectors.runtime.recordlog.kafka.backend_config import KafkaBackendConfig
from connectors.runtime.recordlog.kafka.client_config import (
    check_client_overrides,
    common_client_config,
    to_librdkafka,
)
from connectors.runtime.recordlog.kafka.consumer import KafkaConsumer
from connectors.runtime.recordlog.kafka.producer import KafkaProducer
from connectors.runtime.recordlog.kafka.stores import (
    KafkaConfigBackingStore,
    KafkaOffsetBackingStore,
    SharedOffsetStore,
)
from connectors.runtime.recordlog.kafka.topic_creation import (
    TopicCreation,
    TopicCreator,
    uses_topic_creation,
)
from connectors.runtime.recordlog.kafka.topic_log import KafkaTopicLog

__all__ = ["KafkaRecordLog"]

log = logging.getLogger(__name__)

PRODUCER_OVERRIDE_PREFIX: Final = "producer.override."
CONSUMER_OVERRIDE_PREFIX: Final = "consumer.override."
ADMIN_OVERRIDE_PREFIX: Final = "admin.override."
_DEFAULT_API_TIMEOUT_MS: Final = 60_000


def _prefixed(props: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    return {k[len(prefix) :]: v for k, v in props.items() if k.startswith(prefix)}


def _bootstrap(props: Mapping[str, Any]) -> str:
    raw = props.get("bootstrap.servers")
    if isinstance(raw, (list, tuple)):
        servers = [str(s).strip() for s in raw]
    else:
        servers = [s.strip() for s in str(raw or "").split(",")]
    servers = [s for s in servers if s]
    if not servers:
        raise ConfigException("The Kafka backend needs bootstrap.servers")
    return ",".join(servers)


def _int(props: Mapping[str, Any], key: str, default: int) -> int:
    raw = props.get(key)
    if raw is None or str(raw).strip() == "":
        return default
    try:
        return int(str(raw).strip())
    except ValueError as exc:
        raise ConfigException(key, raw, "Not a number") from exc


class KafkaRecordLog(RecordLog):
    """The record log on a Kafka cluster (see the module docs).

    ``worker_props`` are the worker configuration's original properties.
    """

    name = "kafka"

    def __init__(self, worker_props: Mapping[str, Any]) -> None:
        self._props = {str(k): v for k, v in worker_props.items()}
        self.bootstrap_servers = _bootstrap(self._props)
        self.backend_config = KafkaBackendConfig(self._props)
        self._policy = self.backend_config.override_policy()
        self._api_timeout_s = (
            _int(self._props, "default.api.timeout.ms", _DEFAULT_API_TIMEOUT_MS) / 1000
        )
        common = {**common_client_config(self._props), "bootstrap.servers": self.bootstrap_servers}
        self._internal_config = to_librdkafka(common, "consumer", "the worker's client settings")
        self._admin_props = {**common, **_prefixed(self._props, "admin.")}
        self._lock = threading.Lock()
        self._admin_lock = threading.Lock()
        self._admin: KafkaAdmin | None = None
        self._offsets: KafkaOffsetBackingStore | None = None
        self._configs: KafkaConfigBackingStore | None = None
        self._closed = False

    @classmethod
    def from_worker_config(cls, config: Any) -> KafkaRecordLog:
        """The record log of a :class:`~connectors.runtime.worker_config.WorkerConfig`."""
        return cls(config.originals())

    def describe(self) -> str:
        return (
            f"Kafka cluster at {self.bootstrap_servers} (confluent-kafka "
            f"{confluent_kafka.version()[0]}, librdkafka {confluent_kafka.libversion()[0]})"
        )

    def cluster_id(self) -> str | None:
        return self._shared_admin().cluster_id()

    # ----------------------------------------------------------------- clients

    def _shared_admin(self) -> KafkaAdmin:
        with self._admin_lock:
            if self._admin is None:
                self._admin = KafkaAdmin(
                    to_librdkafka(self._admin_props, "admin", "the worker's admin client"),
                    self._api_timeout_s,
                )
            return self._admin

    def admin(self) -> RecordLogAdmin:
        return self._shared_admin()

    def producer(
        self,
        client_id: str,
        config: Mapping[str, Any] | None = None,
        *,
        connector_config: Mapping[str, Any] | None = None,
    ) -> Producer:
        """A producer with ``config`` (Java property names: the worker's ``producer.*`` and the
        connector's ``producer.override.*``, prefixes removed).

        ``connector_config`` (the connector's whole configuration) makes the backend check its
        overrides against the worker's policy and create topics per its ``topic.creation.*``.
        """
        creator: TopicCreator | None = None
        if connector_config is not None:
            name = str(connector_config.get("name", client_id))
            check_client_overrides(self._policy, connector_config, PRODUCER_OVERRIDE_PREFIX, name)
            admin_overrides = check_client_overrides(
                self._policy, connector_config, ADMIN_OVERRIDE_PREFIX, name
            )
            if self.backend_config.get_boolean(
                bc.TOPIC_CREATION_ENABLE_CONFIG
            ) and uses_topic_creation(connector_config):
                creation = TopicCreation.from_connector_config(connector_config)
                admin = self._shared_admin()
                if admin_overrides:
                    admin = KafkaAdmin(
                        to_librdkafka(
                            {
                                **self._admin_props,
                                "client.id": f"{client_id}-admin",
                                **admin_overrides,
                            },
                            "admin",
                            f"the admin client of {client_id}",
                        ),
                        self._api_timeout_s,
                    )
                creator = TopicCreator(creation, admin, self._api_timeout_s)
        conf = {"bootstrap.servers": self.bootstrap_servers}
        conf.update(to_librdkafka(config or {}, "producer", f"producer {client_id}"))
        return KafkaProducer(conf, client_id, creator)

    def consumer(
        self,
        group_id: str,
        client_id: str,
        config: Mapping[str, Any] | None = None,
        *,
        connector_config: Mapping[str, Any] | None = None,
    ) -> Consumer:
        """A consumer in group ``group_id`` (a ``group.id`` in ``config`` wins, as in Kafka
        Connect) with ``config`` (Java property names: the worker's ``consumer.*`` and the
        connector's ``consumer.override.*``).

        ``connector_config`` makes the backend check the connector's overrides against the
        worker's policy.
        """
        if connector_config is not None:
            name = str(connector_config.get("name", client_id))
            check_client_overrides(self._policy, connector_config, CONSUMER_OVERRIDE_PREFIX, name)
        props = dict(config or {})
        conf = {"bootstrap.servers": self.bootstrap_servers, "group.id": group_id}
        conf.update(to_librdkafka(props, "consumer", f"consumer {client_id}"))
        return KafkaConsumer(
            conf,
            client_id,
            max_poll_records=_int(props, "max.poll.records", 500),
            auto_offset_reset=str(props.get("auto.offset.reset", "latest")),
            api_timeout_s=_int(props, "default.api.timeout.ms", _DEFAULT_API_TIMEOUT_MS) / 1000,
            metadata_max_age_s=_int(props, "metadata.max.age.ms", 300_000) / 1000,
        )

    # ----------------------------------------------------------------- stores

    def _topic_log(
        self, topic: str, partitions: int, replication_factor: int, what: str
    ) -> Callable[[Callable[..., None]], KafkaTopicLog]:
        def make(on_record: Callable[..., None]) -> KafkaTopicLog:
            return KafkaTopicLog(
                topic,
                self._shared_admin(),
                self._internal_config,
                on_record,
                partitions=partitions,
                replication_factor=replication_factor,
                timeout_s=self._api_timeout_s,
                what=what,
            )

        return make

    def shared_offset_store(self) -> KafkaOffsetBackingStore:
        """The worker's one store of source offsets (opened on first use)."""
        with self._lock:
            if self._offsets is None:
                cfg = self.backend_config
                self._offsets = KafkaOffsetBackingStore(
                    self._topic_log(
                        str(cfg.get_string(bc.OFFSET_STORAGE_TOPIC_CONFIG)),
                        int(cfg.get_int(bc.OFFSET_STORAGE_PARTITIONS_CONFIG) or -1),
                        int(cfg.get_short(bc.OFFSET_STORAGE_REPLICATION_FACTOR_CONFIG) or -1),
                        "offsets topic",
                    ),
                    write_timeout_s=_int(self._props, "offset.flush.timeout.ms", 5000) / 1000,
                )
            return self._offsets

    def offset_store(self) -> OffsetBackingStore:
        return SharedOffsetStore(self.shared_offset_store())

    def config_store(self) -> ConfigBackingStore:
        with self._lock:
            if self._configs is None:
                cfg = self.backend_config
                self._configs = KafkaConfigBackingStore(
                    self._topic_log(
                        str(cfg.get_string(bc.CONFIG_TOPIC_CONFIG)),
                        1,
                        int(cfg.get_short(bc.CONFIG_STORAGE_REPLICATION_FACTOR_CONFIG) or -1),
                        "configs topic",
                    )
                )
            return self._configs

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            stores = [s for s in (self._offsets, self._configs) if s is not None]
        with self._admin_lock:
            self._admin = None
        for store in stores:
            try:
                store.close()
            except Exception:
                log.exception("Failed to close a store of the Kafka record log")
