"""SingleFieldPath: V1 names, V2 dotted paths with backticks, and access into structs and maps."""

from __future__ import annotations

import pytest

from connect_data import DataException, Schema, SchemaBuilder, Struct
from connect_data.config import ConfigException
from connectors.transforms.field.field_syntax_version import FieldSyntaxVersion
from connectors.transforms.field.single_field_path import SingleFieldPath

V1 = FieldSyntaxVersion.V1
V2 = FieldSyntaxVersion.V2


def test_v1_keeps_the_whole_text_as_one_field() -> None:
    """Without V2, dots are part of the field name."""
    assert SingleFieldPath("foo.bar", V1).path() == ("foo.bar",)
    assert SingleFieldPath("", V1).path() == ("",)


@pytest.mark.parametrize(
    ("text", "steps"),
    [
        ("foo", ("foo",)),
        ("foo.bar.baz", ("foo", "bar", "baz")),
        ("`foo.bar`.baz", ("foo.bar", "baz")),
        ("foo.`bar.baz`", ("foo", "bar.baz")),
        ("`foo`", ("foo",)),
        ("foo.", ("foo", "")),
        (".foo", ("", "foo")),
        ("foo..bar", ("foo", "", "bar")),
        ("`foo`bar`.baz", ("foo`bar", "baz")),
        ("`foo\\`.bar`.baz", ("foo`.bar", "baz")),
        ("`foo.\\`bar`.baz", ("foo.\\`bar", "baz")),
    ],
)
def test_v2_splits_at_dots_outside_backticks(text: str, steps: tuple[str, ...]) -> None:
    """Dots separate steps; backticks wrap names with dots; \\` before `. is an escaped backtick."""
    assert SingleFieldPath(text, V2).path() == steps


@pytest.mark.parametrize(("text", "position"), [("`foo.bar", 0), ("foo.`bar", 4), ("`foo\\`", 0)])
def test_v2_incomplete_backtick_pair(text: str, position: int) -> None:
    """An unclosed backtick is a ConfigException naming the path and the position."""
    with pytest.raises(ConfigException) as info:
        SingleFieldPath(text, V2)
    assert str(info.value) == (
        f"Incomplete backtick pair in path: [{text}], consider adding a backslash before "
        f"backtick at position {position} to escape it"
    )


X_SCHEMA = SchemaBuilder.int32().optional().default_value(7).build()
CHILD = SchemaBuilder.struct().field("x", X_SCHEMA).optional().build()
PARENT = SchemaBuilder.struct().field("child", CHILD).field("n", Schema.INT32_SCHEMA).build()


def test_field_and_value_from_struct() -> None:
    """Nested fields and values are found; a missing step gives None."""
    value = Struct(PARENT).put("child", Struct(CHILD)).put("n", 1)
    path = SingleFieldPath("child.x", V2)
    assert path.field_from(PARENT) == CHILD.field("x")
    assert path.value_from_struct(value) == 7
    assert path.value_from_struct(value, with_default=False) is None
    assert SingleFieldPath("child.y", V2).field_from(PARENT) is None
    assert SingleFieldPath("child.y", V2).value_from_struct(value) is None
    with pytest.raises(DataException, match=r"nested field access"):
        SingleFieldPath("n.y", V2).value_from_struct(value)
    assert SingleFieldPath("missing.x", V2).value_from_struct(value) is None
    assert path.value_from_struct(Struct(PARENT).put("n", 1)) is None
    assert path.field_from(None) is None and path.value_from_struct(None) is None


def test_value_from_map() -> None:
    """Nested maps are followed; a missing or null step gives None; a non-map step is an error."""
    path = SingleFieldPath("a.b", V2)
    assert path.value_from_map({"a": {"b": 1}}) == 1
    assert path.value_from_map({"a": None}) is None
    assert path.value_from_map({}) is None
    assert path.value_from_map(None) is None
    with pytest.raises(DataException, match=r"nested field access"):
        path.value_from_map({"a": 5})


def test_equality_and_emptiness() -> None:
    """Paths are equal by their steps; a path of empty steps is empty."""
    assert SingleFieldPath("a.b", V2) == SingleFieldPath("`a`.b", V2)
    assert hash(SingleFieldPath("a.b", V2)) == hash(SingleFieldPath("a.b", V2))
    assert SingleFieldPath(".", V2).is_empty()
    assert not SingleFieldPath("a", V2).is_empty()
    assert repr(SingleFieldPath("a.b", V2)) == "SingleFieldPath{version=V2, path=a.b}"
