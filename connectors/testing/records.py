"""What the testing helpers hand back: records as a worker would write or read them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import orjson

from connect_data import Schema
from connectors.record import SourceRecord

__all__ = ["ConsumedRecord", "ConvertedRecord"]

Headers = Sequence[tuple[str, bytes | None]]


def _text(data: bytes | None) -> str | None:
    return None if data is None else data.decode("utf-8")


def _json(data: bytes | None) -> Any:
    return None if data is None else orjson.loads(data)


@attrs.frozen(kw_only=True)
class ConvertedRecord:
    """A record a source task polled, after the transformations and the converters.

    ``key``, ``value`` and ``headers`` are the bytes the worker would append to the record
    log; ``source`` is the record as ``poll()`` returned it and ``record`` the one the
    converters saw (after the transformations).
    """

    source: SourceRecord
    record: SourceRecord
    topic: str
    partition: int | None
    key: bytes | None
    value: bytes | None
    headers: Headers = ()
    timestamp: int | None = None

    def key_text(self) -> str | None:
        """The key bytes as UTF-8 text."""
        return _text(self.key)

    def value_text(self) -> str | None:
        """The value bytes as UTF-8 text."""
        return _text(self.value)

    def key_json(self) -> Any:
        """The key bytes parsed as JSON (for JSON converters)."""
        return _json(self.key)

    def value_json(self) -> Any:
        """The value bytes parsed as JSON (for JSON converters)."""
        return _json(self.value)


@attrs.frozen(kw_only=True)
class ConsumedRecord:
    """A record read from a topic of an embedded cluster.

    ``key`` and ``value`` are converted by the converters given to ``consume`` (their
    schemas in ``key_schema`` / ``value_schema``), or the raw bytes without a converter;
    ``raw_key`` and ``raw_value`` are always the bytes in the log.
    """

    topic: str
    partition: int
    offset: int
    timestamp: int
    key: Any
    value: Any
    key_schema: Schema | None = None
    value_schema: Schema | None = None
    raw_key: bytes | None = None
    raw_value: bytes | None = None
    headers: Headers = ()

    def value_json(self) -> Any:
        """The raw value parsed as JSON."""
        return _json(self.raw_value)
