"""ConvertedRecord and ConsumedRecord: text and JSON views of the bytes."""

from __future__ import annotations

from connectors import SourceRecord
from connectors.testing import ConsumedRecord, ConvertedRecord


def test_converted_record_views() -> None:
    """key/value bytes are readable as text and as JSON; None stays None."""
    source = SourceRecord(topic="t", value="v")
    record = ConvertedRecord(
        source=source,
        record=source,
        topic="t",
        partition=None,
        key=None,
        value=b'{"a": "\xc3\xa9"}',
    )
    assert record.value_text() == '{"a": "é"}'
    assert record.value_json() == {"a": "é"}
    assert record.key_text() is None and record.key_json() is None


def test_consumed_record_json_reads_the_raw_value() -> None:
    """value_json parses the bytes in the log, whatever the converted value is."""
    record = ConsumedRecord(
        topic="t", partition=0, offset=3, timestamp=1, key=None, value="converted", raw_value=b"[1]"
    )
    assert record.value_json() == [1]
