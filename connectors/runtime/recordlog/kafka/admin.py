"""Topic administration on a Kafka cluster (confluent-kafka's ``AdminClient``), as Kafka Connect's
``TopicAdmin``: create-or-find topics, list them, and list partition offsets.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Collection, Mapping
from typing import Any, Final

import confluent_kafka
from confluent_kafka import ConsumerGroupTopicPartitions
from confluent_kafka.admin import AdminClient
from confluent_kafka.admin._listoffsets import OffsetSpec
from confluent_kafka.cimpl import NewTopic

from connect_data.errors import ConnectException
from connectors.record import TopicPartition
from connectors.runtime.recordlog.backend import RecordLogAdmin
from connectors.runtime.recordlog.kafka.client_config import create_client

__all__ = ["KafkaAdmin"]

log = logging.getLogger(__name__)

_ATTEMPTS: Final = 3
_RETRIED: Final = frozenset(
    {
        confluent_kafka.KafkaError._TRANSPORT,
        confluent_kafka.KafkaError._TIMED_OUT,
        confluent_kafka.KafkaError.REQUEST_TIMED_OUT,
        confluent_kafka.KafkaError.COORDINATOR_LOAD_IN_PROGRESS,
        confluent_kafka.KafkaError.COORDINATOR_NOT_AVAILABLE,
        confluent_kafka.KafkaError.NOT_COORDINATOR,
    }
)
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

    # ----------------------------------------------------------------- consumer groups

    def _group_call(self, call: Callable[[], Mapping[str, Any]], group_id: str, what: str) -> Any:
        """Run a consumer-group request; a dropped connection or a timeout is retried (these
        requests are idempotent); an unknown group answers ``None``."""
        for attempt in range(_ATTEMPTS):
            futures = call()
            try:
                return futures[group_id].result(timeout=self._timeout_s + 5)
            except Exception as exc:
                error = _kafka_error(exc)
                code = None if error is None else error.code()
                if code == confluent_kafka.KafkaError.GROUP_ID_NOT_FOUND:
                    return None
                if code in _RETRIED and attempt < _ATTEMPTS - 1:
                    log.debug("Retrying to %s of group %s: %s", what, group_id, exc)
                    time.sleep(0.1 * (attempt + 1))
                    continue
                detail = error.str() if error is not None else str(exc)
                raise ConnectException(
                    f"Failed to {what} of consumer group {group_id}: {detail}"
                ) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def list_consumer_group_offsets(self, group_id: str) -> dict[TopicPartition, int]:
        result = self._group_call(
            lambda: self._client.list_consumer_group_offsets(
                [ConsumerGroupTopicPartitions(group_id)], request_timeout=self._timeout_s
            ),
            group_id,
            "list the committed offsets",
        )
        offsets: dict[TopicPartition, int] = {}
        for item in getattr(result, "topic_partitions", None) or []:
            if item.offset is not None and item.offset >= 0:
                offsets[TopicPartition(item.topic, item.partition)] = int(item.offset)
        return dict(sorted(offsets.items(), key=lambda kv: (kv[0].topic, kv[0].partition)))

    def alter_consumer_group_offsets(
        self, group_id: str, offsets: Mapping[TopicPartition, int]
    ) -> None:
        if not offsets:
            return
        request = ConsumerGroupTopicPartitions(
            group_id,
            [
                confluent_kafka.TopicPartition(tp.topic, tp.partition, int(offset))
                for tp, offset in offsets.items()
            ],
        )
        result = self._group_call(
            lambda: self._client.alter_consumer_group_offsets(
                [request], request_timeout=self._timeout_s
            ),
            group_id,
            "alter the committed offsets",
        )
        failed = [
            tp for tp in getattr(result, "topic_partitions", None) or [] if tp.error is not None
        ]
        if failed:
            raise ConnectException(
                f"Failed to alter the committed offsets of consumer group {group_id}: "
                + ", ".join(f"{tp.topic}-{tp.partition}: {tp.error}" for tp in failed)
            )

    def delete_consumer_group_offsets(
        self, group_id: str, partitions: Collection[TopicPartition] | None = None
    ) -> None:
        """Forget committed offsets of a group with no active member.

        librdkafka has no OffsetDelete request: deleting some partitions' offsets deletes the
        group and commits the others again.
        """
        keep: dict[TopicPartition, int] = {}
        if partitions is not None:
            gone = set(partitions)
            if not gone:
                return
            current = self.list_consumer_group_offsets(group_id)
            if not gone & set(current):
                return
            keep = {tp: offset for tp, offset in current.items() if tp not in gone}
        self._group_call(
            lambda: self._client.delete_consumer_groups(
                [group_id], request_timeout=self._timeout_s
            ),
            group_id,
            "delete the committed offsets",
        )
        self.alter_consumer_group_offsets(group_id, keep)

    def cluster_id(self) -> str | None:
        """The cluster's id, from its metadata."""
        try:
            metadata = self._client.list_topics(timeout=self._timeout_s)
        except confluent_kafka.KafkaException as exc:
            log.warning("Cannot read the cluster id: %s", exc)
            return None
        cluster = metadata.cluster_id
        return None if cluster is None else str(cluster)
