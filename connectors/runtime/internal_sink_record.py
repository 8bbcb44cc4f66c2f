"""A sink record that remembers the record log entry it came from (``InternalSinkRecord``)."""

from __future__ import annotations

from typing import Any

import attrs

from connectors.record import SinkRecord

__all__ = ["InternalSinkRecord"]


def _public_fields(record: SinkRecord) -> tuple[Any, ...]:
    return tuple(
        getattr(record, field.name)
        for field in attrs.fields(SinkRecord)
        if field.eq  # the fields SinkRecord compares
    )


@attrs.frozen(kw_only=True, eq=False)
class InternalSinkRecord(SinkRecord):
    """A :class:`~connectors.SinkRecord` carrying the processing context of its consumed record.

    The runtime hands these to ``put`` when the connector has an errant record reporter, so
    that a reported record goes to the dead letter queue as it was read (its original bytes),
    not as re-serialized. ``new_record`` keeps the context. Compares equal to a plain
    :class:`~connectors.SinkRecord` with the same fields.
    """

    processing_context: Any = attrs.field(default=None, repr=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SinkRecord):
            return NotImplemented
        return _public_fields(self) == _public_fields(other)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return SinkRecord.__hash__(self)
