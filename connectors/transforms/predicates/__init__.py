"""The stock predicates (``org.apache.kafka.connect.transforms.predicates``)."""

from connectors.transforms.predicates.has_header_key import HasHeaderKey
from connectors.transforms.predicates.record_is_tombstone import RecordIsTombstone
from connectors.transforms.predicates.topic_name_matches import TopicNameMatches

__all__ = ["HasHeaderKey", "RecordIsTombstone", "TopicNameMatches"]
