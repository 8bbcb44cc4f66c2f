"""Tests of connectors.runtime.internal_sink_record."""

from __future__ import annotations

from connectors import SinkRecord
from connectors.runtime.internal_sink_record import InternalSinkRecord


def test_equal_to_the_plain_record_and_keeps_its_context() -> None:
    """An InternalSinkRecord equals (and hashes as) a SinkRecord with the same fields, and
    new_record keeps its processing context."""
    context = object()
    internal = InternalSinkRecord(
        topic="t", kafka_partition=0, kafka_offset=3, value="x", processing_context=context
    )
    plain = SinkRecord(topic="t", kafka_partition=0, kafka_offset=3, value="x")
    assert internal == plain and plain == internal and hash(internal) == hash(plain)
    assert (internal != plain) is False
    changed = internal.new_record(value="y")
    assert isinstance(changed, InternalSinkRecord) and changed.processing_context is context
    assert changed != plain and changed.original_kafka_offset == 3
    assert internal != "x"
