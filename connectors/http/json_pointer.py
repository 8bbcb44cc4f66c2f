"""JSON Pointer (RFC 6901): naming one value inside a JSON document, such as ``/data/items``.

A pointer is empty (the whole document) or a sequence of ``/``-prefixed reference tokens; in a
token ``~1`` stands for ``/`` and ``~0`` for ``~``. A token applied to an array must be an
index without leading zeros (``/items/0``).

>>> pointer = JsonPointer.parse("/data/items~1all/1")
>>> pointer.tokens
('data', 'items/all', '1')
>>> pointer.resolve({"data": {"items/all": ["a", "b"]}})
'b'
>>> JsonPointer.parse("").resolve([1, 2])
[1, 2]
"""

from __future__ import annotations

import re
from typing import Any, Final

__all__ = ["JsonPointer", "JsonPointerError"]

_INDEX: Final = re.compile(r"0|[1-9][0-9]*")


class JsonPointerError(ValueError):
    """A malformed pointer, or one that names nothing in the document it is applied to."""


class JsonPointer:
    """A parsed JSON Pointer; :meth:`resolve` finds what it names in a parsed JSON document."""

    __slots__ = ("text", "tokens")

    def __init__(self, text: str, tokens: tuple[str, ...]) -> None:
        self.text = text
        self.tokens = tokens

    @classmethod
    def parse(cls, text: str) -> JsonPointer:
        """Parse ``text``; raises :class:`JsonPointerError` if it is neither empty nor starts
        with ``/``, or uses ``~`` other than in ``~0`` and ``~1``."""
        if text == "":
            return cls(text, ())
        if not text.startswith("/"):
            raise JsonPointerError(
                f"JSON pointer {text!r} must be empty or start with '/' (RFC 6901)"
            )
        tokens = []
        for raw in text[1:].split("/"):
            if re.search(r"~(?![01])", raw):
                raise JsonPointerError(
                    f"JSON pointer {text!r} has '~' not followed by 0 or 1 (RFC 6901)"
                )
            tokens.append(raw.replace("~1", "/").replace("~0", "~"))
        return cls(text, tuple(tokens))

    def resolve(self, document: Any) -> Any:
        """The value the pointer names in ``document``; raises :class:`JsonPointerError` if none."""
        value = document
        for depth, token in enumerate(self.tokens):
            if isinstance(value, dict):
                if token not in value:
                    raise JsonPointerError(self._missing(depth, f"no member {token!r}"))
                value = value[token]
            elif isinstance(value, list):
                if not _INDEX.fullmatch(token) or int(token) >= len(value):
                    raise JsonPointerError(
                        self._missing(depth, f"no index {token!r} in an array of {len(value)}")
                    )
                value = value[int(token)]
            else:
                raise JsonPointerError(
                    self._missing(depth, f"{type(value).__name__} value has no members")
                )
        return value

    def _missing(self, depth: int, reason: str) -> str:
        where = "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in self.tokens[:depth])
        return f"JSON pointer {self.text!r} names nothing: at {where or 'the root'}, {reason}"

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"JsonPointer({self.text!r})"
