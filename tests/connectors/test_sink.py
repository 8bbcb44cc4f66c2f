"""Tests of connectors.sink: SinkTask's default pre_commit."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from connectors import OffsetAndMetadata, SinkRecord, SinkTask, TopicPartition


class _Task(SinkTask):
    def __init__(self) -> None:
        self.flushed: list[dict[TopicPartition, OffsetAndMetadata]] = []

    def start(self, props: Mapping[str, str]) -> None:
        pass

    def put(self, records: Collection[SinkRecord]) -> None:
        pass

    def flush(self, current_offsets: Mapping[TopicPartition, OffsetAndMetadata]) -> None:
        self.flushed.append(dict(current_offsets))

    def stop(self) -> None:
        pass


def test_pre_commit_flushes_and_returns_the_offsets() -> None:
    """The default pre_commit calls flush with the offsets and answers them unchanged."""
    task = _Task()
    offsets = {TopicPartition("t", 0): OffsetAndMetadata(10)}
    assert task.pre_commit(offsets) == offsets
    assert task.flushed == [offsets]


def test_topics_keys_are_java_names() -> None:
    """The topic configuration keys are spelled as in Kafka."""
    assert (SinkTask.TOPICS_CONFIG, SinkTask.TOPICS_REGEX_CONFIG) == ("topics", "topics.regex")
