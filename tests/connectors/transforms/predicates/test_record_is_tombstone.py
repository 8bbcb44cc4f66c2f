"""RecordIsTombstone: true exactly for records with a null value."""

from __future__ import annotations

from connect_data import Schema
from connectors.record import SourceRecord
from connectors.transforms import RecordIsTombstone


def test_tombstones() -> None:
    """A null value is a tombstone, whatever the key or schema; anything else is not."""
    predicate: RecordIsTombstone[SourceRecord] = RecordIsTombstone()
    predicate.configure({})
    assert predicate.test(SourceRecord(topic="t", key="k"))
    assert predicate.test(
        SourceRecord(topic="t", value_schema=Schema.OPTIONAL_STRING_SCHEMA, value=None)
    )
    assert not predicate.test(SourceRecord(topic="t", value=""))
    assert not predicate.test(SourceRecord(topic="t", value=0))
    assert repr(predicate) == "RecordIsTombstone{}"
    assert not list(predicate.config().names())
