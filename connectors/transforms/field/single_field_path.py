"""A path to one field of a struct or map (``field.SingleFieldPath``, KIP-821)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from connect_data import Field, Schema, Struct
from connect_data.config import ConfigException
from connectors.transforms.field.field_syntax_version import FieldSyntaxVersion
from connectors.transforms.util.requirements import require_map_or_null, require_struct_or_null

__all__ = ["SingleFieldPath"]

_BACKTICK = "`"
_DOT = "."
_BACKSLASH = "\\"


class SingleFieldPath:
    """The steps from the top of a value down to one field.

    With :attr:`FieldSyntaxVersion.V1` the whole text is one field name. With ``V2`` it is split
    at dots; a step wrapped in backticks may contain dots (```a.b`.c``), and a backtick inside
    such a step that is followed by a dot is escaped with a backslash.
    """

    __slots__ = ("_steps", "_version")

    def __init__(self, path_text: str, version: FieldSyntaxVersion) -> None:
        self._version = version
        if version is FieldSyntaxVersion.V1:
            self._steps: tuple[str, ...] = (path_text,)
        else:
            self._steps = _parse_v2(path_text)

    # ----------------------------------------------------------------- reading

    def field_from(self, schema: Schema | None) -> Field | None:
        """The field this path names in ``schema``, or ``None`` if there is none."""
        if schema is None or not self._steps:
            return None
        current = schema
        for step in self._steps[:-1]:
            field = current.field(step)
            if field is None:
                return None
            current = field.schema()
        return current.field(self._steps[-1])

    def value_from_struct(self, struct: Struct | None, with_default: bool = True) -> Any:
        """The value at this path in ``struct`` (``None`` if a step is missing or null).

        ``with_default`` gives the field's default for a null value, as ``Struct.get`` does.
        """
        if struct is None or not self._steps:
            return None
        current = struct
        for step in self._steps[:-1]:
            if current.schema().field(step) is None:
                return None
            nested = require_struct_or_null(current.get(step), "nested field access")
            if nested is None:
                return None
            current = nested
        last = self._steps[-1]
        if current.schema().field(last) is None:
            return None
        return current.get(last) if with_default else current.get_without_default(last)

    def value_from_map(self, value: Mapping[str, Any] | None) -> Any:
        """The value at this path in the map ``value`` (``None`` if a step is missing)."""
        if value is None or not self._steps:
            return None
        current = value
        for step in self._steps[:-1]:
            nested = require_map_or_null(current.get(step), "nested field access")
            if nested is None:
                return None
            current = nested
        return current.get(self._steps[-1])

    # ----------------------------------------------------------------- description

    def is_empty(self) -> bool:
        """True when every step is empty (the path names no field)."""
        return all(not step for step in self._steps)

    def path(self) -> tuple[str, ...]:
        """The steps of the path."""
        return self._steps

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SingleFieldPath):
            return NotImplemented
        return self._steps == other._steps

    def __hash__(self) -> int:
        return hash(self._steps)

    def __repr__(self) -> str:
        return f"SingleFieldPath{{version={self._version}, path={'.'.join(self._steps)}}}"


def _incomplete_backtick(path: str, backtick_at: int) -> ConfigException:
    return ConfigException(
        f"Incomplete backtick pair in path: [{path}], consider adding a backslash before "
        f"backtick at position {backtick_at} to escape it"
    )


def _parse_v2(path: str) -> tuple[str, ...]:
    """Split a ``V2`` path into its steps."""
    steps: list[str] = []
    idx = 0
    length = len(path)
    while 0 <= idx < length:
        if path[idx] != _BACKTICK:
            start = idx
            idx = path.find(_DOT, idx)
            if idx >= 0:
                steps.append(path[start:idx])
                idx += 1
            else:
                steps.append(path[start:])
            continue
        backtick_at = idx
        idx += 1
        field: list[str] = []
        start = idx
        while True:
            idx = path.find(_BACKTICK, idx)
            if idx == -1:
                raise _incomplete_backtick(path, backtick_at)
            escaped = path[idx - 1] == _BACKSLASH
            if idx >= length - 1:
                if escaped:
                    raise _incomplete_backtick(path, backtick_at)
                field.append(path[start:idx])
                steps.append("".join(field))
                idx += 1
                break
            if path[idx + 1] != _DOT:
                idx += 1
                continue
            if escaped:
                field.append(path[start : idx - 1])
                field.append(_BACKTICK)
                idx += 1
                start = idx
                continue
            field.append(path[start:idx])
            steps.append("".join(field))
            idx += 2
            break
    if path and path[-1] == _DOT:
        steps.append("")
    return tuple(steps)
