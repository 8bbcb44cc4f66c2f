"""InsertHeader: the behaviours of Kafka's InsertHeaderTest."""

from __future__ import annotations

import pytest

from connect_data import ConnectHeaders, Schema
from connect_data.config import ConfigException
from connectors.record import SourceRecord
from connectors.transforms import InsertHeader


def transform(header: str, literal: str) -> InsertHeader[SourceRecord]:
    xform: InsertHeader[SourceRecord] = InsertHeader()
    xform.configure({"header": header, "value.literal": literal})
    return xform


def record(headers: ConnectHeaders) -> SourceRecord:
    return SourceRecord(
        topic="topic",
        kafka_partition=0,
        key_schema=Schema.STRING_SCHEMA,
        key="key",
        value_schema=Schema.STRING_SCHEMA,
        value="value",
        timestamp=0,
        headers=headers,
    )


def test_insertion_with_existing_other_header() -> None:
    """The header is appended after the existing ones; key and value are unchanged."""
    original = ConnectHeaders().add_string("existing", "existing-value")
    out = transform("inserted", "inserted-value").apply(record(original))
    assert [(h.key(), h.value()) for h in out.headers] == [
        ("existing", "existing-value"),
        ("inserted", "inserted-value"),
    ]
    assert (out.key, out.value, out.timestamp) == ("key", "value", 0)
    assert len(original) == 1


def test_insertion_with_same_header_adds_another() -> None:
    """An existing header of the same name is kept; the new one is added after it."""
    original = ConnectHeaders().add_string("inserted", "existing-value")
    out = transform("inserted", "inserted-value").apply(record(original))
    assert [h.value() for h in out.headers.all_with_name("inserted")] == [
        "existing-value",
        "inserted-value",
    ]


@pytest.mark.parametrize(
    ("literal", "schema", "value"),
    [
        ("1234", Schema.INT16_SCHEMA, 1234),
        ("true", Schema.BOOLEAN_SCHEMA, True),
        ("best-app-ever", Schema.STRING_SCHEMA, "best-app-ever"),
        ("null", None, None),
    ],
)
def test_literal_is_parsed_like_values_parse_string(
    literal: str, schema: Schema | None, value: object
) -> None:
    """The literal is typed by Values.parseString; "null" gives a null header."""
    out = transform("h", literal).apply(record(ConnectHeaders()))
    header = out.headers.last_with_name("h")
    assert header is not None
    assert (header.schema(), header.value()) == (schema, value)


def test_header_and_literal_required() -> None:
    """Both settings are required."""
    with pytest.raises(ConfigException, match=r'Missing required configuration "header"'):
        InsertHeader().configure({"value.literal": "x"})
    with pytest.raises(ConfigException, match=r'Missing required configuration "value.literal"'):
        InsertHeader().configure({"header": "x"})
