"""Connect names as Avro names: Confluent's scrubbing and name splitting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_data import Schema, SchemaBuilder
from converters.avro.connect_meta import (
    is_enum_schema,
    is_fixed_schema,
    is_union_schema,
    scrub_full_name,
    scrub_name,
    split_name,
)
from converters.avro.schema import validate_name


@pytest.mark.parametrize(
    ("name", "scrubbed"),
    [
        ("ok_Name1", "ok_Name1"),
        ("first name", "first_name"),  # URL-encoding turns the space into "+", then "_"
        ("a+b", "a_2Bb"),
        ("1st", "x1st"),
        ("$id", "_24id"),
        ("émile", "_C3_A9mile"),
        ("a~b", "a_7Eb"),  # Java's URLEncoder encodes "~" (Python's quote would not)
        ("a.b-c*", "a_b_c_"),
        ("", ""),
        (None, None),
    ],
)
def test_scrub_name_matches_confluents(name: str | None, scrubbed: str | None) -> None:
    """URL-encode, prefix x before a digit, then every non [A-Za-z0-9_] character becomes _."""
    assert scrub_name(name) == scrubbed


@given(st.text(min_size=1, max_size=12).filter(lambda s: "." not in s))
def test_scrubbed_names_are_valid_avro_names(name: str) -> None:
    """Property: a scrubbed (dot-free) name is always a valid Avro name."""
    assert validate_name(scrub_name(name))


def test_split_name_splits_at_the_last_dot_and_scrubs_each_part() -> None:
    """Namespace and name, each dotted part scrubbed when asked; Java's split drops trailing dots."""
    assert split_name("com.example.My Rec", True) == ("com.example", "My_Rec")
    assert split_name("com.example.My Rec", False) == ("com.example", "My Rec")
    assert split_name("Plain", True) == (None, "Plain")
    assert split_name("a.b.", False) == ("a", "b")
    assert split_name(None, True) == (None, None)
    assert scrub_full_name("my-ns.my-rec", True) == "my_ns.my_rec"
    assert scrub_full_name("my-ns.my-rec", False) == "my-ns.my-rec"


def test_schema_kind_predicates() -> None:
    """Unions, enums and fixed are recognised by name or parameters, as in Java."""
    union = SchemaBuilder.struct().name("io.confluent.connect.avro.Union").build()
    generalized = (
        SchemaBuilder.struct().parameter("org.apache.kafka.connect.data.Union", "u").build()
    )
    enum = SchemaBuilder.string().parameter("io.confluent.connect.avro.Enum", "E").build()
    fixed = SchemaBuilder.bytes().name("F").parameter("connect.fixed.size", "2").build()
    unnamed_fixed = SchemaBuilder.bytes().parameter("connect.fixed.size", "2").build()
    assert is_union_schema(union) and is_union_schema(generalized)
    assert not is_union_schema(SchemaBuilder.struct().build())
    assert is_enum_schema(enum) and not is_enum_schema(Schema.STRING_SCHEMA)
    assert is_fixed_schema(fixed) and not is_fixed_schema(unnamed_fixed)
