"""Converting a record's headers with a :class:`~converters.converter.HeaderConverter`.

Both directions the task loops need, header by header in order, as Kafka Connect's worker
tasks do: the serialized headers of a consumed record to
:class:`~connect_data.headers.ConnectHeaders` (sink side), and a Connect record's headers to
``(key, bytes)`` pairs for the record log (source side, and records reported as errant).
"""

from __future__ import annotations

from collections.abc import Iterable

from connect_data.headers import ConnectHeaders, Header
from converters.converter import HeaderConverter

__all__ = ["from_connect_headers", "to_connect_headers"]


def to_connect_headers(
    converter: HeaderConverter, topic: str, raw_headers: Iterable[tuple[str, bytes | None]]
) -> ConnectHeaders:
    """The headers of a record read from ``topic``, each value through ``converter``."""
    headers = ConnectHeaders()
    convert = converter.to_connect_header
    for key, raw in raw_headers:
        headers.add(key, convert(topic, key, raw))
    return headers


def from_connect_headers(
    converter: HeaderConverter, topic: str, headers: Iterable[Header] | None
) -> list[tuple[str, bytes | None]]:
    """The serialized headers of a record written to ``topic`` (``[]`` for none)."""
    if not headers:
        return []
    convert = converter.from_connect_header
    return [
        (header.key(), convert(topic, header.key(), header.schema(), header.value()))
        for header in headers
    ]
