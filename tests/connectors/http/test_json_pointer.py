"""Tests of connectors.http.json_pointer: RFC 6901 parsing and resolution."""

from __future__ import annotations

import doctest
from typing import Any

import pytest

import connectors.http.json_pointer
from connectors.http.json_pointer import JsonPointer, JsonPointerError

# The example document of RFC 6901, section 5.
DOCUMENT = {
    "foo": ["bar", "baz"],
    "": 0,
    "a/b": 1,
    "c%d": 2,
    "e^f": 3,
    "g|h": 4,
    "i\\j": 5,
    'k"l': 6,
    " ": 7,
    "m~n": 8,
}


def test_docstring_examples() -> None:
    """The module's examples give the output shown."""
    result = doctest.testmod(connectors.http.json_pointer)
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        ("", DOCUMENT),
        ("/foo", ["bar", "baz"]),
        ("/foo/0", "bar"),
        ("/", 0),
        ("/a~1b", 1),
        ("/c%d", 2),
        ("/e^f", 3),
        ("/g|h", 4),
        ("/i\\j", 5),
        ('/k"l', 6),
        ("/ ", 7),
        ("/m~0n", 8),
    ],
)
def test_rfc_6901_examples(pointer: str, expected: Any) -> None:
    """Every example of RFC 6901 section 5 resolves to the value the RFC gives."""
    assert JsonPointer.parse(pointer).resolve(DOCUMENT) == expected


def test_escapes_decode_in_order() -> None:
    """~01 is the text ~1 (the ~1 escape is applied before ~0), as the RFC requires."""
    assert JsonPointer.parse("/~01").tokens == ("~1",)


@pytest.mark.parametrize("text", ["foo", "data/items", "/a~2b", "/a~"])
def test_malformed_pointers_are_refused(text: str) -> None:
    """A pointer not starting with / or with a bad ~ escape raises JsonPointerError."""
    with pytest.raises(JsonPointerError, match="RFC 6901"):
        JsonPointer.parse(text)


@pytest.mark.parametrize(
    ("pointer", "reason"),
    [
        ("/missing", "at the root, no member 'missing'"),
        ("/foo/2", "at /foo, no index '2' in an array of 2"),
        ("/foo/01", "no index '01'"),
        ("/foo/-", "no index '-'"),
        ("/foo/0/x", "at /foo/0, str value has no members"),
        ("/a~1b/x", "at /a~1b, int value has no members"),
    ],
)
def test_unresolvable_pointers_say_where(pointer: str, reason: str) -> None:
    """A pointer naming nothing raises JsonPointerError saying where the walk stopped."""
    with pytest.raises(JsonPointerError, match="names nothing") as info:
        JsonPointer.parse(pointer).resolve(DOCUMENT)
    assert reason in str(info.value)


def test_str_and_repr_show_the_text() -> None:
    """str() is the pointer's text and repr() names it."""
    pointer = JsonPointer.parse("/data/items")
    assert str(pointer) == "/data/items"
    assert repr(pointer) == "JsonPointer('/data/items')"
