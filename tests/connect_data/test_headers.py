"""Header and ConnectHeaders: the behaviours of Kafka's ConnectHeaderTest and ConnectHeadersTest."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Sequence

import pytest

from connect_data import (
    ConnectHeaders,
    DataException,
    Date,
    Decimal,
    Header,
    Schema,
    SchemaAndValue,
    SchemaBuilder,
    Struct,
    Time,
    Timestamp,
    Type,
)
from connect_data.headers import HeaderTransform, check_schema_matches

KEY = "k1"
OTHER = "other key"


@pytest.fixture
def headers() -> ConnectHeaders:
    return ConnectHeaders()


def populate(headers: ConnectHeaders) -> ConnectHeaders:
    return (
        headers.add_boolean(KEY, True)
        .add_int(KEY, 0)
        .add_string(OTHER, "other value")
        .add_string(KEY, None)
        .add_string(KEY, "third")
    )


def assert_header(header: Header | None, key: str, schema: Schema | None, value: object) -> None:
    assert header is not None
    assert header.key() == key
    assert header.schema() is schema
    assert header.value() is value or header.value() == value


def assert_headers(
    headers: ConnectHeaders, key: str, expected: Sequence[tuple[Schema, object]]
) -> None:
    found = list(headers.all_with_name(key))
    assert len(found) == len(expected)
    for header, (schema, value) in zip(found, expected, strict=True):
        assert_header(header, key, schema, value)


def append_to_key(suffix: str) -> HeaderTransform:
    return lambda header: header.rename(header.key() + suffix)


def remove_headers_of_type(schema_type: Type) -> HeaderTransform:
    def transform(header: Header) -> Header | None:
        schema = header.schema()
        if schema is not None and schema.type() is schema_type:
            return None
        return header

    return transform


POPULATED_KEY = [
    (Schema.BOOLEAN_SCHEMA, True),
    (Schema.INT32_SCHEMA, 0),
    (Schema.OPTIONAL_STRING_SCHEMA, None),
    (Schema.STRING_SCHEMA, "third"),
]

# ------------------------------------------------------------------ Header


def test_header_allows_null_value() -> None:
    """A header may hold a null value with an optional schema."""
    header = Header("key", None, Schema.OPTIONAL_STRING_SCHEMA)
    assert header.value() is None
    assert header.schema() is Schema.OPTIONAL_STRING_SCHEMA


def test_header_allows_null_schema() -> None:
    """A header may have no schema, with or without a value."""
    header = Header("key", None, None)
    assert header.schema() is None and header.value() is None
    header = Header("key", "non-null value")
    assert header.schema() is None
    assert header.value() == "non-null value"


def test_header_non_null_value() -> None:
    """A header returns the schema and value it was given."""
    header = Header("key", "value", Schema.STRING_SCHEMA)
    assert header.schema() is Schema.STRING_SCHEMA
    assert header.value() == "value"
    header = Header("key", True, Schema.BOOLEAN_SCHEMA)
    assert header.schema() is Schema.BOOLEAN_SCHEMA
    assert header.value() is True


def test_header_schema_from_struct() -> None:
    """A schemaless header holding a Struct reports the struct's schema."""
    schema = (
        SchemaBuilder.struct().field("foo", Schema.STRING_SCHEMA).field("bar", Schema.INT32_SCHEMA)
    ).build()
    value = Struct(schema).put("foo", "value").put("bar", 100)
    header = Header("key", value)
    assert header.schema() is schema
    assert header.value() is value


def test_header_equality() -> None:
    """Headers with equal key, schema and value are equal and hash alike."""
    h1 = Header("key", "non-null value", Schema.STRING_SCHEMA)
    h2 = Header("key", "non-null value", Schema.STRING_SCHEMA)
    assert h1 == h2
    assert hash(h1) == hash(h2)
    assert Header("key", 100, Schema.INT8_SCHEMA) != h2
    assert Header("other", "non-null value", Schema.STRING_SCHEMA) != h1
    assert Header("key", "non-null value", Schema.OPTIONAL_STRING_SCHEMA) != h1


def test_header_equality_uses_derived_struct_schema() -> None:
    """A schemaless Struct header equals one given the struct's schema, with the same hash."""
    schema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build()
    value = Struct(schema).put("a", 1)
    assert Header("k", value) == Header("k", value, schema)
    assert hash(Header("k", value)) == hash(Header("k", value, schema))


def test_header_accepts_schema_and_value() -> None:
    """A SchemaAndValue given as the value supplies both schema and value."""
    header = Header("k", SchemaAndValue(Schema.INT32_SCHEMA, 5))
    assert header.schema() is Schema.INT32_SCHEMA
    assert header.value() == 5


def test_header_rename_and_with() -> None:
    """rename() keeps schema and value (same object for the same key); with_() keeps the key."""
    header = Header("key", "v", Schema.STRING_SCHEMA)
    assert header.rename("key") is header
    renamed = header.rename("new")
    assert renamed.key() == "new"
    assert renamed.schema() is Schema.STRING_SCHEMA
    assert renamed.value() == "v"
    changed = header.with_(Schema.INT32_SCHEMA, 3)
    assert changed.key() == "key"
    assert changed.schema() is Schema.INT32_SCHEMA
    assert changed.value() == 3


def test_header_null_key_rejected() -> None:
    """A header needs a key."""
    with pytest.raises(TypeError, match="Null header keys are not permitted"):
        Header(None, "v")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Header("k", "v").rename(None)  # type: ignore[arg-type]


def test_header_repr_is_javas_to_string() -> None:
    """repr() prints like Java's ConnectHeader.toString()."""
    assert repr(Header("k", 1.0, Schema.FLOAT64_SCHEMA)) == (
        "ConnectHeader(key=k, value=1.0, schema=Schema{FLOAT64})"
    )
    assert repr(Header("k", None)) == "ConnectHeader(key=k, value=null, schema=null)"


# ------------------------------------------------------------------ ConnectHeaders basics


def test_null_key_not_allowed(headers: ConnectHeaders) -> None:
    """Adding with a null key fails."""
    with pytest.raises(TypeError):
        headers.add(None, "value", Schema.STRING_SCHEMA)  # type: ignore[arg-type]


def test_null_header_not_allowed(headers: ConnectHeaders) -> None:
    """Adding a null header fails, also through the copying constructor."""
    with pytest.raises(TypeError, match=r"Unable to add a null header\."):
        headers.add(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ConnectHeaders([None])  # type: ignore[list-item]


def test_equality_and_hash(headers: ConnectHeaders) -> None:
    """Headers are equal when they hold equal headers in the same order."""
    other = ConnectHeaders()
    assert headers == other
    assert hash(headers) == hash(other)
    populate(headers)
    assert headers != other
    assert hash(headers) != hash(other)
    populate(other)
    assert headers == other
    assert hash(headers) == hash(other)
    headers.add_string("wow", "some value")
    assert headers != other


def test_order_matters_for_equality() -> None:
    """The same headers in another order are not equal."""
    a = ConnectHeaders().add_int("x", 1).add_int("y", 2)
    b = ConnectHeaders().add_int("y", 2).add_int("x", 1)
    assert a != b


def test_repr(headers: ConnectHeaders) -> None:
    """repr() lists the headers like Java's toString."""
    assert repr(headers) == "ConnectHeaders(headers=[])"
    headers.add_string("a", "b")
    assert repr(headers) == (
        "ConnectHeaders(headers=[ConnectHeader(key=a, value=b, schema=Schema{STRING})])"
    )


def test_iteration_in_insertion_order(headers: ConnectHeaders) -> None:
    """Iteration yields the headers in the order they were added; len() counts them."""
    populate(headers)
    assert [h.key() for h in headers] == [KEY, KEY, OTHER, KEY, KEY]
    assert len(headers) == headers.size() == 5
    assert not headers.is_empty()


def test_retain_latest_when_empty(headers: ConnectHeaders) -> None:
    """retain_latest on empty headers does nothing."""
    headers.retain_latest(OTHER).retain_latest(KEY).retain_latest()
    assert headers.is_empty()


def test_add_multiple_with_same_key_and_retain_latest(headers: ConnectHeaders) -> None:
    """Several headers may share a key; retain_latest keeps the last one per key."""
    populate(headers)
    assert_header(headers.last_with_name(KEY), KEY, Schema.STRING_SCHEMA, "third")
    assert_headers(headers, KEY, POPULATED_KEY)
    assert_headers(headers, OTHER, [(Schema.STRING_SCHEMA, "other value")])

    headers.retain_latest(OTHER)
    assert_headers(headers, OTHER, [(Schema.STRING_SCHEMA, "other value")])
    headers.retain_latest(KEY)
    assert_headers(headers, KEY, [(Schema.STRING_SCHEMA, "third")])
    headers.retain_latest()
    assert_headers(headers, OTHER, [(Schema.STRING_SCHEMA, "other value")])
    assert_headers(headers, KEY, [(Schema.STRING_SCHEMA, "third")])


def test_retain_latest_keeps_positions(headers: ConnectHeaders) -> None:
    """retain_latest() keeps each surviving header where it was."""
    headers.add_int("a", 1).add_int("b", 2).add_int("a", 3).add_int("c", 4).add_int("b", 5)
    headers.retain_latest()
    assert [(h.key(), h.value()) for h in headers] == [("a", 3), ("c", 4), ("b", 5)]


def test_last_with_name_missing(headers: ConnectHeaders) -> None:
    """last_with_name of an absent key is None."""
    assert headers.last_with_name("nope") is None


def test_add_primitive_values(headers: ConnectHeaders) -> None:
    """The typed add methods use the matching schemas."""
    headers.add_boolean(KEY, True).add_byte(KEY, 0).add_short(KEY, 0).add_int(KEY, 0)
    headers.add_long(KEY, 0).add_float(KEY, 1.0).add_double(KEY, 1.0)
    headers.add_string(KEY, None).add_string(KEY, "third").add_bytes(KEY, b"x")
    headers.add_bytes(KEY, None)
    assert [h.schema() for h in headers] == [
        Schema.BOOLEAN_SCHEMA,
        Schema.INT8_SCHEMA,
        Schema.INT16_SCHEMA,
        Schema.INT32_SCHEMA,
        Schema.INT64_SCHEMA,
        Schema.FLOAT32_SCHEMA,
        Schema.FLOAT64_SCHEMA,
        Schema.OPTIONAL_STRING_SCHEMA,
        Schema.STRING_SCHEMA,
        Schema.BYTES_SCHEMA,
        Schema.OPTIONAL_BYTES_SCHEMA,
    ]


def test_add_float_widens_int(headers: ConnectHeaders) -> None:
    """add_float/add_double accept an int and store a float, as Java widens it."""
    headers.add_float(KEY, 3).add_double(KEY, 4)
    assert [type(h.value()) for h in headers] == [float, float]


@pytest.mark.parametrize(
    ("method", "value"),
    [
        ("add_byte", 128),
        ("add_byte", True),
        ("add_short", -(2**15) - 1),
        ("add_int", 2**31),
        ("add_long", 2**63),
        ("add_int", "1"),
        ("add_boolean", 1),
        ("add_boolean", None),
        ("add_string", 5),
        ("add_bytes", "text"),
        ("add_double", "1.0"),
    ],
)
def test_typed_add_rejects_wrong_values(
    headers: ConnectHeaders, method: str, value: object
) -> None:
    """The typed add methods reject values their Java parameter types could not hold."""
    with pytest.raises(DataException):
        getattr(headers, method)(KEY, value)
    assert headers.is_empty()


def test_add_with_null_values_and_optional_schema(headers: ConnectHeaders) -> None:
    """add(key, value, schema) keeps the schema and value; null needs an optional schema."""
    for key, schema, value in (
        ("k1", Schema.BOOLEAN_SCHEMA, True),
        ("k2", Schema.STRING_SCHEMA, "hello"),
        ("k3", Schema.OPTIONAL_STRING_SCHEMA, None),
    ):
        headers.add(key, value, schema)
        assert_header(headers.last_with_name(key), key, schema, value)


@pytest.mark.parametrize(
    ("schema", "value"),
    [
        (Schema.BOOLEAN_SCHEMA, None),
        (Schema.STRING_SCHEMA, None),
        (Schema.BOOLEAN_SCHEMA, "wrong"),
        (Schema.OPTIONAL_STRING_SCHEMA, 0),
    ],
)
def test_add_rejects_mismatched_values(
    headers: ConnectHeaders, schema: Schema, value: object
) -> None:
    """add() rejects null for a required schema and values of the wrong type."""
    with pytest.raises(DataException):
        headers.add("k", value, schema)


def test_add_null_value_without_schema(headers: ConnectHeaders) -> None:
    """add(key, None) adds a header with no schema and no value."""
    headers.add("k", None)
    assert_header(headers.last_with_name("k"), "k", None, None)


def test_add_schema_and_value(headers: ConnectHeaders) -> None:
    """add(key, SchemaAndValue) checks and adds the pair."""
    headers.add("k", SchemaAndValue(Schema.INT16_SCHEMA, 7))
    assert_header(headers.last_with_name("k"), "k", Schema.INT16_SCHEMA, 7)
    with pytest.raises(DataException):
        headers.add("k", SchemaAndValue(Schema.INT16_SCHEMA, "x"))


def test_add_header_object(headers: ConnectHeaders) -> None:
    """add(header) appends the header itself."""
    header = Header("k", "v", Schema.STRING_SCHEMA)
    headers.add(header)
    assert headers.last_with_name("k") is header


def test_remove_when_empty(headers: ConnectHeaders) -> None:
    """remove on empty headers does nothing."""
    headers.remove(KEY)
    assert list(headers.all_with_name(KEY)) == []


def test_remove_all_with_same_key(headers: ConnectHeaders) -> None:
    """remove(key) drops every header with the key and keeps the others."""
    populate(headers)
    headers.remove(KEY)
    assert list(headers.all_with_name(KEY)) == []
    assert_headers(headers, OTHER, [(Schema.STRING_SCHEMA, "other value")])


def test_clear(headers: ConnectHeaders) -> None:
    """clear() removes every header."""
    populate(headers)
    assert headers.clear() is headers
    assert headers.size() == 0 and headers.is_empty()
    assert headers.last_with_name(KEY) is None


def test_transform_when_empty(headers: ConnectHeaders) -> None:
    """apply on empty headers does nothing."""
    headers.apply(append_to_key("-suffix")).apply(KEY, append_to_key("-suffix"))
    assert headers.is_empty()


def test_transform_all(headers: ConnectHeaders) -> None:
    """apply(transform) replaces every header by the transform's result."""
    populate(headers)
    headers.apply(append_to_key("-suffix"))
    assert headers.size() == 5
    assert list(headers.all_with_name(KEY)) == []
    assert list(headers.all_with_name(OTHER)) == []
    assert_headers(headers, KEY + "-suffix", POPULATED_KEY)
    assert_headers(headers, OTHER + "-suffix", [(Schema.STRING_SCHEMA, "other value")])


def test_transform_with_key(headers: ConnectHeaders) -> None:
    """apply(key, transform) only touches headers with the key, in place."""
    populate(headers)
    headers.apply(KEY, append_to_key("-suffix"))
    assert headers.size() == 5
    assert list(headers.all_with_name(KEY)) == []
    assert_headers(headers, KEY + "-suffix", POPULATED_KEY)
    assert_headers(headers, OTHER, [(Schema.STRING_SCHEMA, "other value")])
    assert [h.key() for h in headers][2] == OTHER


def test_transform_and_remove(headers: ConnectHeaders) -> None:
    """A transform returning None removes the header."""
    populate(headers)
    headers.apply(KEY, remove_headers_of_type(Type.STRING))
    assert headers.size() == 3
    assert_headers(headers, KEY, POPULATED_KEY[:2])
    assert_header(headers.last_with_name(KEY), KEY, Schema.INT32_SCHEMA, 0)
    assert_headers(headers, OTHER, [(Schema.STRING_SCHEMA, "other value")])
    headers.apply(remove_headers_of_type(Type.STRING))
    assert headers.size() == 2
    assert list(headers.all_with_name(OTHER)) == []
    assert_headers(headers, KEY, POPULATED_KEY[:2])


def test_apply_needs_a_transform(headers: ConnectHeaders) -> None:
    """apply(key) without a transform is a usage error."""
    with pytest.raises(TypeError):
        headers.apply(KEY)  # type: ignore[call-overload]


def test_duplicate(headers: ConnectHeaders) -> None:
    """duplicate() returns an equal but distinct object that changes independently."""
    assert headers.duplicate() == headers
    assert headers.duplicate() is not headers
    populate(headers)
    copy = headers.duplicate()
    assert copy == headers
    copy.add_int("new", 1)
    assert copy != headers
    assert headers.size() == 5


def test_copy_constructor() -> None:
    """ConnectHeaders(iterable) holds the given headers in order."""
    items = [Header("a", 1, Schema.INT8_SCHEMA), Header("b", "x", Schema.STRING_SCHEMA)]
    assert list(ConnectHeaders(items)) == items


def test_header_prefix() -> None:
    """The reserved header key prefix is Java's."""
    assert ConnectHeaders.HEADER_PREFIX == "__connect"


# ------------------------------------------------------------------ schema checks


STRUCT_SCHEMA = (
    SchemaBuilder.struct()
    .field("foo", Schema.OPTIONAL_BOOLEAN_SCHEMA)
    .field("bar", Schema.STRING_SCHEMA)
    .build()
)
EMPTY_STRUCT = SchemaBuilder.struct().build()


@pytest.mark.parametrize(
    ("schema", "value"),
    [
        (Schema.OPTIONAL_BOOLEAN_SCHEMA, None),
        (Schema.OPTIONAL_BYTES_SCHEMA, None),
        (Schema.OPTIONAL_INT8_SCHEMA, None),
        (Schema.OPTIONAL_INT16_SCHEMA, None),
        (Schema.OPTIONAL_INT32_SCHEMA, None),
        (Schema.OPTIONAL_INT64_SCHEMA, None),
        (Schema.OPTIONAL_FLOAT32_SCHEMA, None),
        (Schema.OPTIONAL_FLOAT64_SCHEMA, None),
        (Schema.OPTIONAL_STRING_SCHEMA, None),
        (Schema.BOOLEAN_SCHEMA, True),
        (Schema.BYTES_SCHEMA, b""),
        (Schema.BYTES_SCHEMA, bytearray(b"x")),
        (Schema.BYTES_SCHEMA, memoryview(b"x")),
        (Schema.INT8_SCHEMA, 0),
        (Schema.INT16_SCHEMA, 0),
        (Schema.INT32_SCHEMA, 0),
        (Schema.INT64_SCHEMA, 0),
        (Schema.FLOAT32_SCHEMA, 1.0),
        (Schema.FLOAT64_SCHEMA, 1.0),
        (Schema.STRING_SCHEMA, "value"),
        (SchemaBuilder.array(Schema.STRING_SCHEMA), []),
        (SchemaBuilder.array(Schema.STRING_SCHEMA), ["value"]),
        (SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA), {}),
        (SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA), {"a": 0}),
        (EMPTY_STRUCT, Struct(EMPTY_STRUCT)),
        (STRUCT_SCHEMA, Struct(STRUCT_SCHEMA).put("foo", True).put("bar", "v")),
        (Decimal.schema(3), decimal.Decimal(100)),
        (Time.SCHEMA, dt.time(1, 2, 3)),
        (Date.SCHEMA, dt.date(2020, 1, 1)),
        (Timestamp.SCHEMA, dt.datetime(2020, 1, 1, 1, 2, 3)),
        (Date.SCHEMA, 5),
    ],
)
def test_schema_matches(schema: Schema, value: object) -> None:
    """Values of the schema's type (and logical values of logical schemas) are accepted."""
    check_schema_matches(SchemaAndValue(schema.schema(), value))


@pytest.mark.parametrize(
    ("schema", "value"),
    [
        (Schema.BOOLEAN_SCHEMA, None),
        (Schema.BYTES_SCHEMA, None),
        (Schema.INT8_SCHEMA, None),
        (Schema.INT16_SCHEMA, None),
        (Schema.INT32_SCHEMA, None),
        (Schema.INT64_SCHEMA, None),
        (Schema.FLOAT32_SCHEMA, None),
        (Schema.FLOAT64_SCHEMA, None),
        (Schema.STRING_SCHEMA, None),
        (SchemaBuilder.array(Schema.STRING_SCHEMA), None),
        (SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA), None),
        (SchemaBuilder.struct(), None),
        (Schema.BOOLEAN_SCHEMA, 0),
        (Schema.BYTES_SCHEMA, "oops"),
        (Schema.INT8_SCHEMA, 1.0),
        (Schema.INT8_SCHEMA, 128),
        (Schema.INT8_SCHEMA, False),
        (Schema.INT16_SCHEMA, 1.0),
        (Schema.INT32_SCHEMA, 2**31),
        (Schema.INT64_SCHEMA, 1.0),
        (Schema.FLOAT32_SCHEMA, 1),
        (Schema.FLOAT64_SCHEMA, 1),
        (Schema.STRING_SCHEMA, True),
        (SchemaBuilder.array(Schema.STRING_SCHEMA), "value"),
        (SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA), "value"),
        (SchemaBuilder.struct(), []),
        (Schema.BYTES_SCHEMA, decimal.Decimal(1)),
        (Time.SCHEMA, dt.date(2020, 1, 1)),
        (Timestamp.SCHEMA, dt.time(1)),
    ],
)
def test_schema_does_not_match(schema: Schema, value: object) -> None:
    """Null for a required schema and values of another type are rejected."""
    with pytest.raises(DataException):
        check_schema_matches(SchemaAndValue(schema.schema(), value))


def test_schema_mismatch_message() -> None:
    """The mismatch message names the value and the schema as Java does."""
    with pytest.raises(DataException) as info:
        check_schema_matches(SchemaAndValue(Schema.BOOLEAN_SCHEMA, "wrong"))
    assert str(info.value) == "The value wrong is not compatible with the schema Schema{BOOLEAN}"
    with pytest.raises(DataException) as info:
        check_schema_matches(SchemaAndValue(Schema.STRING_SCHEMA, None))
    assert str(info.value) == "A null value requires an optional schema but was Schema{STRING}"


def test_check_is_not_deep() -> None:
    """Only the top-level value is checked, as in Java (list items are not)."""
    check_schema_matches(SchemaAndValue(SchemaBuilder.array(Schema.INT32_SCHEMA).build(), ["x"]))


# ------------------------------------------------------------------ complex and logical adds


def test_add_list_map_struct(headers: ConnectHeaders) -> None:
    """add_list/add_map/add_struct check the schema type; None adds a schemaless null."""
    array = SchemaBuilder.array(Schema.INT32_SCHEMA).build()
    mapping = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build()
    struct = Struct(STRUCT_SCHEMA).put("bar", "v")
    headers.add_list("l", [1], array).add_map("m", {"a": 1}, mapping).add_struct("s", struct)
    assert_header(headers.last_with_name("l"), "l", array, [1])
    assert_header(headers.last_with_name("m"), "m", mapping, {"a": 1})
    assert_header(headers.last_with_name("s"), "s", STRUCT_SCHEMA, struct)
    headers.add_list("n", None, array).add_map("n", None, mapping).add_struct("n", None)
    assert [(h.schema(), h.value()) for h in headers.all_with_name("n")] == [(None, None)] * 3
    with pytest.raises(DataException, match="Expecting ARRAY but instead found MAP"):
        headers.add_list("x", [1], mapping)
    with pytest.raises(DataException, match="Expecting MAP but instead found ARRAY"):
        headers.add_map("x", {}, array)


def test_add_date(headers: ConnectHeaders) -> None:
    """add_date stores a date under the Date schema; a non-midnight datetime is rejected."""
    day = dt.date(1970, 1, 1) + dt.timedelta(days=10000)
    headers.add_date(KEY, day)
    last = headers.last_with_name(KEY)
    assert_header(last, KEY, Date.SCHEMA, day)
    assert last is not None
    assert Date.from_logical(Date.SCHEMA, last.value()) == 10000
    with pytest.raises(DataException):
        headers.add_date(KEY, dt.datetime(2020, 1, 1, 12, tzinfo=dt.timezone.utc))


def test_add_time(headers: ConnectHeaders) -> None:
    """add_time stores a time under the Time schema."""
    moment = dt.time(0, 0, 10)
    headers.add_time(KEY, moment)
    assert_header(headers.last_with_name(KEY), KEY, Time.SCHEMA, moment)
    assert Time.from_logical(Time.SCHEMA, moment) == 10000
    with pytest.raises(DataException):
        headers.add_time(KEY, 10000)  # type: ignore[arg-type]


def test_add_timestamp(headers: ConnectHeaders) -> None:
    """add_timestamp stores a datetime under the Timestamp schema."""
    moment = dt.datetime(1970, 1, 1, 0, 0, 10, tzinfo=dt.timezone.utc)
    headers.add_timestamp(KEY, moment)
    assert_header(headers.last_with_name(KEY), KEY, Timestamp.SCHEMA, moment)
    with pytest.raises(DataException):
        headers.add_timestamp(KEY, dt.date(2020, 1, 1))  # type: ignore[arg-type]


def test_add_null_logical_values_keep_the_logical_schema(headers: ConnectHeaders) -> None:
    """A null date/time/timestamp is added under the (required) logical schema, as in Java."""
    headers.add_date("d", None).add_time("t", None).add_timestamp("ts", None)
    assert [h.schema() for h in headers] == [Date.SCHEMA, Time.SCHEMA, Timestamp.SCHEMA]
    assert [h.value() for h in headers] == [None, None, None]


def test_add_decimal(headers: ConnectHeaders) -> None:
    """add_decimal uses a Decimal schema with the value's own scale."""
    value = decimal.Decimal("3.038573478e+3")
    headers.add_decimal(KEY, value)
    header = headers.last_with_name(KEY)
    assert header is not None
    assert header.schema() == Decimal.schema(6)
    assert header.value() == value
    headers.add_decimal("none", None)
    assert_header(headers.last_with_name("none"), "none", None, None)
    with pytest.raises(DataException):
        headers.add_decimal(KEY, decimal.Decimal("NaN"))
