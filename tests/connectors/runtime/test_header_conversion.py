"""Tests of connectors.runtime.header_conversion: headers through a HeaderConverter."""

from __future__ import annotations

from connect_data import ConnectHeaders, Schema
from connectors.runtime.header_conversion import from_connect_headers, to_connect_headers
from converters.header import SimpleHeaderConverter


def _converter() -> SimpleHeaderConverter:
    converter = SimpleHeaderConverter()
    converter.configure({})
    return converter


def test_to_connect_headers_keeps_order_and_repeated_keys() -> None:
    """Raw headers become Connect headers in order, a repeated key kept twice."""
    raw = [("b", b"1"), ("a", b"x"), ("b", b"2")]
    headers = to_connect_headers(_converter(), "t", raw)
    assert [(h.key(), h.value()) for h in headers] == [("b", 1), ("a", "x"), ("b", 2)]


def test_from_connect_headers_serializes_each_value() -> None:
    """Connect headers become (key, bytes) pairs in order; a null value stays None."""
    headers = ConnectHeaders().add("n", 7, Schema.INT32_SCHEMA).add("s", "v").add("z", None)
    assert from_connect_headers(_converter(), "t", headers) == [
        ("n", b"7"),
        ("s", b"v"),
        ("z", None),
    ]


def test_no_headers_is_an_empty_list() -> None:
    """No headers (None or empty) serialize to an empty list."""
    assert from_connect_headers(_converter(), "t", None) == []
    assert from_connect_headers(_converter(), "t", ConnectHeaders()) == []
    assert list(to_connect_headers(_converter(), "t", [])) == []
