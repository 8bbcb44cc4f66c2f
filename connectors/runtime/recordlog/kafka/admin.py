"""Topic administration on a Kafka cluster (confluent-kafka's ``AdminClient``), as Kafka Connect's
``TopicAdmin``: create-or-find topics, list them, and list partition offsets.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping
from typing import Any, Final

import confluent_kafka
from confluent_kafka.admin import AdminClient
from confluent_kafka.admin._listoffsets import OffsetSpec
from confluent_kafka.cimpl import NewTopic

from connect_data.errors import ConnectException
from connectors.record import TopicPartition
from connectors.runtime.recordlog.backend import RecordLogAdmin
from connectors.runtime.recordlog.kafka.client_config import create_client

__all__ = ["KafkaAdmin"]

log = logging.getLogger(__name__)

_INTERNAL_TOPICS: Final = frozenset({"__consumer_offsets", "__transaction_state"})
_NOT_ALLOWED: Final = frozenset(
    {
        confluent_kafka.KafkaError.CLUSTER_AUTHORIZATION_FAILED,
        confluent_kafka.KafkaError.TOPIC_AUTHORIZATION_FAILED,
        confluent_kafka.KafkaError.UNSUPPORTED_VERSION,
    }
)


def _kafka_error(exc: BaseException) -> confluent_kafka.KafkaError | None:
    if isinstance(exc, confluent_kafka.KafkaException) and exc.args:
        error = exc.args[0]
        if isinstance(error, confluent_kafka.KafkaError):
            return error
    return None


class KafkaAdmin(RecordLogAdmin):
    """The admin client of the Kafka backend. ``timeout_s`` bounds every request."""

    def __init__(self, config: Mapping[str, Any], timeout_s: float = 30.0) -> None:
        self._config = dict(config)
        self._timeout_s = timeout_s
        self._client: AdminClient = create_client(AdminClient, self._config, "the admin client")

    @property
    def client(self) -> AdminClient:
        """The confluent-kafka client."""
        return self._client

    # ----------------------------------------------------------------- topics

    def list_topics(self) -> dict[str, int]:
        try:
            metadata = self._client.list_topics(timeout=self._timeout_s)
        except confluent_kafka.KafkaException as exc:
            raise ConnectException(f"Cannot list the topics of the Kafka cluster: {exc}") from exc
        return {
            name: len(topic.partitions)
            for name, topic in sorted(metadata.topics.items())
            if name not in _INTERNAL_TOPICS and topic.error is None
        }

    def topic_exists(self, name: str) -> bool:
        """Whether the cluster has topic ``name`` (never creates it)."""
        return name in self.list_topics()

    def partitions_of(self, name: str) -> int | None:
        """The partition count of topic ``name``, or ``None`` if it does not exist."""
        return self.list_topics().get(name)

    def create_topic(self, name: str, partitions: int | None = None) -> bool:
        created = self.create_topic_with(name, partitions=-1 if partitions is None else partitions)
        if created is None:
            raise ConnectException(
                f"Unable to create topic {name}: the cluster does not allow this client to "
                "create topics"
            )
        return created

    def create_topic_with(
        self,
        name: str,
        partitions: int = -1,
        replication_factor: int = -1,
        topic_config: Mapping[str, str] | None = None,
        timeout_s: float | None = None,
    ) -> bool | None:
        """Create a topic (``-1`` for the broker's default partitions / replication factor).

        ``True`` if created, ``False`` if it already existed, ``None`` if the cluster does not
        let this client create topics (no authorization, or no CreateTopics API); raises
        :class:`~connect_data.ConnectException` on any other failure.
        """
        timeout = self._timeout_s if timeout_s is None else timeout_s
        new_topic = NewTopic(
            name,
            num_partitions=partitions,
            replication_factor=replication_factor,
            config=dict(topic_config or {}),
        )
        futures = self._client.create_topics(
            [new_topic], request_timeout=timeout, operation_timeout=timeout
        )
        try:
            futures[name].result(timeout=timeout + 5)
        except Exception as exc:
            error = _kafka_error(exc)
            if (
                error is not None
                and error.code() == confluent_kafka.KafkaError.TOPIC_ALREADY_EXISTS
            ):
                return False
            if error is not None and error.code() in _NOT_ALLOWED:
                log.warning("Unable to create topic %s: %s", name, error.str())
                return None
            detail = error.str() if error is not None else str(exc)
            hint = ""
            if (
                error is not None
                and error.code() == confluent_kafka.KafkaError.INVALID_REPLICATION_FACTOR
            ):
                hint = " (the replication factor is larger than the number of brokers?)"
            raise ConnectException(
                f"Error while attempting to create topic {name} with {partitions} partition(s) "
                f"and replication factor {replication_factor}: {detail}{hint}"
            ) from exc
        return True

    # ----------------------------------------------------------------- offsets

    def _list_offsets(
        self, partitions: Collection[TopicPartition], spec: OffsetSpec
    ) -> dict[TopicPartition, int]:
        if not partitions:
            return {}
        request = {
            confluent_kafka.TopicPartition(tp.topic, tp.partition): spec for tp in partitions
        }
        try:
            futures = self._client.list_offsets(request, request_timeout=self._timeout_s)
            result: dict[TopicPartition, int] = {}
            for key, future in futures.items():
                info = future.result(timeout=self._timeout_s + 5)
                result[TopicPartition(key.topic, key.partition)] = int(info.offset)
        except Exception as exc:
            raise ConnectException(
                f"Cannot list the offsets of {', '.join(sorted(str(tp) for tp in partitions))}: "
                f"{exc}"
            ) from exc
        return result

    def end_offsets(self, partitions: Collection[TopicPartition]) -> dict[TopicPartition, int]:
        return self._list_offsets(partitions, OffsetSpec.latest())  # type: ignore[no-untyped-call]

    def beginning_offsets(
        self, partitions: Collection[TopicPartition]
    ) -> dict[TopicPartition, int]:
        return self._list_offsets(partitions, OffsetSpec.earliest())  # type: ignore[no-untyped-call]
