"""Avro reader/writer compatibility and the registry's compatibility levels."""

from __future__ import annotations

import pytest

from converters.avro.compatibility import check_compatibility, reader_writer_incompatibilities
from converters.avro.schema import parse_schema


def _problems(reader: str, writer: str) -> list[str]:
    return reader_writer_incompatibilities(parse_schema(reader), parse_schema(writer))


@pytest.mark.parametrize(
    ("reader", "writer"),
    [
        ('"long"', '"int"'),
        ('"double"', '"float"'),
        ('"float"', '"long"'),
        ('"string"', '"bytes"'),
        ('"bytes"', '"string"'),
        ('["null","int"]', '"int"'),
        ('["null","long"]', '["null","int"]'),
        ('{"type":"array","items":"long"}', '{"type":"array","items":"int"}'),
        (
            '{"type":"enum","name":"E","symbols":["A","B"]}',
            '{"type":"enum","name":"E","symbols":["A"]}',
        ),
        (
            '{"type":"enum","name":"E","symbols":["A"],"default":"A"}',
            '{"type":"enum","name":"E","symbols":["A","B"]}',
        ),
        (
            '{"type":"record","name":"R","fields":[{"name":"a","type":"int"},'
            '{"name":"b","type":"int","default":1}]}',
            '{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}',
        ),
        (
            '{"type":"record","name":"R","fields":[{"name":"b","type":"int","aliases":["a"]}]}',
            '{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}',
        ),
        (
            '{"type":"record","name":"x.R","fields":[]}',
            '{"type":"record","name":"y.R","fields":[]}',
        ),
    ],
)
def test_compatible_pairs(reader: str, writer: str) -> None:
    """Promotions, added defaults, aliases and enum defaults make the reader compatible."""
    assert _problems(reader, writer) == []


@pytest.mark.parametrize(
    ("reader", "writer", "kind"),
    [
        ('"int"', '"long"', "TYPE_MISMATCH"),
        ('"int"', '["null","int"]', "TYPE_MISMATCH"),
        ('["null","string"]', '"int"', "MISSING_UNION_BRANCH"),
        (
            '{"type":"enum","name":"E","symbols":["A"]}',
            '{"type":"enum","name":"E","symbols":["A","B"]}',
            "MISSING_ENUM_SYMBOLS",
        ),
        (
            '{"type":"fixed","name":"F","size":2}',
            '{"type":"fixed","name":"F","size":3}',
            "FIXED_SIZE_MISMATCH",
        ),
        (
            '{"type":"record","name":"R","fields":[{"name":"b","type":"int"}]}',
            '{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}',
            "READER_FIELD_MISSING_DEFAULT_VALUE",
        ),
        (
            '{"type":"record","name":"S","fields":[]}',
            '{"type":"record","name":"R","fields":[]}',
            "NAME_MISMATCH",
        ),
    ],
)
def test_incompatible_pairs(reader: str, writer: str, kind: str) -> None:
    """Each incompatibility is reported with Avro's error type."""
    problems = _problems(reader, writer)
    assert problems and kind in problems[0]


def test_recursive_records_are_checked_without_looping() -> None:
    """Recursive types terminate (a cycle is assumed compatible while it is checked)."""
    node = (
        '{"type":"record","name":"N","fields":[{"name":"v","type":"int"},'
        '{"name":"next","type":["null","N"]}]}'
    )
    assert _problems(node, node) == []


def test_levels_compare_with_the_latest_or_all_versions() -> None:
    """BACKWARD checks the latest version; _TRANSITIVE every one; FORWARD the other way."""
    v1 = parse_schema('{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}')
    v2 = parse_schema('{"type":"record","name":"R","fields":[]}')
    v3 = parse_schema(
        '{"type":"record","name":"R","fields":[{"name":"a","type":"string","default":""}]}'
    )
    assert check_compatibility("BACKWARD", v3, [v1, v2]) == []
    assert check_compatibility("BACKWARD_TRANSITIVE", v3, [v1, v2]) != []
    assert check_compatibility("FORWARD", v2, [v1]) != []  # v1 cannot read data without a
    assert check_compatibility("FORWARD", v1, [v2]) == []  # v2 ignores the extra field
    assert check_compatibility("FULL", v3, [v2]) == []
    assert check_compatibility("NONE", v3, [v1]) == []
    assert check_compatibility("BACKWARD", v1, []) == []
