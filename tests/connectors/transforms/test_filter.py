"""Filter: drops every record it is applied to."""

from __future__ import annotations

from connectors.record import SourceRecord
from connectors.transforms import Filter


def test_drops_every_record() -> None:
    """apply returns None whatever the record; there is nothing to configure."""
    xform: Filter[SourceRecord] = Filter()
    xform.configure({"anything": "ignored"})
    dropped: object = xform.apply(SourceRecord(topic="t", value="v"))  # type: ignore[func-returns-value]
    assert dropped is None
    assert not list(xform.config().names())
    xform.close()
