"""Tests of connectors.http.inference: schema inference and evolution from JSON records."""

from __future__ import annotations

import doctest
import weakref
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import connectors.http.inference
from connect_data import (
    ConnectSchema,
    DataException,
    Schema,
    SchemaBuilder,
    SchemaProjector,
    Struct,
    Type,
)
from connectors.http.inference import SchemaInferrer, json_converter, json_text
from tests.strategies import json_objects, kind_consistent_json_batches

_NUMBER_RANK = {Type.INT32: 0, Type.INT64: 1, Type.FLOAT64: 2}


def _types(schema: Schema | None) -> dict[str, str]:
    assert schema is not None
    return {f.name(): f.schema().type().get_name() for f in schema.fields()}


def test_docstring_examples() -> None:
    """The module's examples give the output shown."""
    result = doctest.testmod(connectors.http.inference)
    assert result.attempted > 0
    assert result.failed == 0


def test_first_schema_is_version_1_with_fields_in_record_order() -> None:
    """The first records give version 1, a required top-level struct of optional fields."""
    inferrer = SchemaInferrer("com.example.Todo")
    assert inferrer.version() == 0 and inferrer.schema() is None
    [struct] = inferrer.convert([{"userId": 1, "title": "t", "completed": False, "score": 1.5}])
    schema = inferrer.schema()
    assert schema is not None
    assert (schema.name(), schema.version(), schema.is_optional()) == ("com.example.Todo", 1, False)
    assert _types(schema) == {
        "userId": "int32",
        "title": "string",
        "completed": "boolean",
        "score": "float64",
    }
    assert all(f.schema().is_optional() for f in schema.fields())
    assert struct.schema() is schema
    assert (struct.get("userId"), struct.get("completed")) == (1, False)


def test_new_field_adds_optional_field_and_version() -> None:
    """A record with a new field adds it at the end as optional, under the next version."""
    inferrer = SchemaInferrer("s")
    inferrer.convert([{"a": 1}])
    v1 = inferrer.schema()
    [old, new] = inferrer.convert([{"a": 2}, {"a": 3, "b": "x"}])
    v2 = inferrer.schema()
    assert v1 is not None and v2 is not None
    assert v2.version() == 2 and list(_types(v2)) == ["a", "b"]
    assert v2.field("b").schema() == Schema.OPTIONAL_STRING_SCHEMA  # type: ignore[union-attr]
    assert old.schema() is v2 and old.get("b") is None and new.get("b") == "x"


def test_unchanged_schema_keeps_version_and_object() -> None:
    """Records that fit the schema leave the version and the schema object as they are."""
    inferrer = SchemaInferrer("s")
    inferrer.convert([{"a": 1, "b": [1]}])
    before = inferrer.schema()
    inferrer.convert([{"a": 5}, {"b": []}, {}, {"a": None, "c": None}])
    assert inferrer.schema() is before and inferrer.version() == 1


def test_one_version_per_batch() -> None:
    """Several changes within one batch give a single new version that fits them all."""
    inferrer = SchemaInferrer("s")
    inferrer.convert([{"a": 1}])
    structs = inferrer.convert([{"b": 1}, {"a": 2**40}, {"c": True}])
    assert inferrer.version() == 2
    assert _types(inferrer.schema()) == {"a": "int64", "b": "int32", "c": "boolean"}
    assert {s.schema().version() for s in structs} == {2}


class _CallerObject:
    """An object only a caller's frame refers to."""


def _convert_and_watch_a_caller_local(inferrer: SchemaInferrer, records: list[Any]) -> Any:
    local = _CallerObject()
    inferrer.convert(records)
    return weakref.ref(local)


def test_evolving_keeps_no_caller_frame_alive() -> None:
    """A record that makes the schema evolve leaves no traceback holding the caller's frame."""
    inferrer = SchemaInferrer("s")
    inferrer.convert([{"a": 1}])
    watched = _convert_and_watch_a_caller_local(inferrer, [{"a": 2**40, "b": "x"}])
    assert inferrer.version() == 2
    assert watched() is None


def test_numbers_widen_and_never_narrow() -> None:
    """int32 widens to int64 then float64 (big ints too); smaller numbers later keep it wide."""
    inferrer = SchemaInferrer("s")
    inferrer.convert([{"n": 1}])
    assert _types(inferrer.schema())["n"] == "int32"
    inferrer.convert([{"n": 2**31}])
    assert _types(inferrer.schema())["n"] == "int64"
    [struct] = inferrer.convert([{"n": 2**63}])
    assert _types(inferrer.schema())["n"] == "float64" and struct.get("n") == float(2**63)
    [struct] = inferrer.convert([{"n": 7}])
    assert inferrer.version() == 3 and struct.get("n") == 7.0
    assert isinstance(struct.get("n"), float)


def test_float_then_int_is_float() -> None:
    """An int after floats is read as a float64."""
    inferrer = SchemaInferrer("s")
    inferrer.convert([{"n": 0.5}])
    [struct] = inferrer.convert([{"n": 3}])
    assert inferrer.version() == 1 and struct.get("n") == 3.0


@pytest.mark.parametrize(
    ("first", "second", "texts"),
    [
        (1, "one", ["1", "one"]),
        (True, 1, ["true", "1"]),
        ({"x": 1}, 2, ['{"x":1}', "2"]),
        ([1, 2], "a", ["[1,2]", "a"]),
        (1.5, [1], ["1.5", "[1]"]),
        (10**400, None, ["1" + "0" * 400, None]),
    ],
)
def test_mixed_kinds_become_json_text(first: Any, second: Any, texts: list[str | None]) -> None:
    """A field whose values differ in JSON kind becomes a string holding each value's JSON text."""
    inferrer = SchemaInferrer("s")
    inferrer.convert([{"v": first}])
    structs = inferrer.convert([{"v": first}, {"v": second}])
    assert _types(inferrer.schema())["v"] == "string"
    assert [s.get("v") for s in structs] == texts


def test_nested_objects_become_named_structs() -> None:
    """Objects become optional structs named after their path; they gain fields like the top."""
    inferrer = SchemaInferrer("com.example.Todo")
    inferrer.convert([{"owner": {"name": "ada", "address": {"city": "x"}}}])
    owner = inferrer.schema().field("owner").schema()  # type: ignore[union-attr]
    assert owner.type() is Type.STRUCT and owner.is_optional()
    assert owner.name() == "com.example.Todo.owner"
    assert owner.field("address").schema().name() == "com.example.Todo.owner.address"  # type: ignore[union-attr]
    [struct] = inferrer.convert([{"owner": {"name": "bob", "age": 3}}])
    owner2 = inferrer.schema().field("owner").schema()  # type: ignore[union-attr]
    assert [f.name() for f in owner2.fields()] == ["name", "address", "age"]
    assert struct.get("owner").get("age") == 3


def test_struct_names_are_sanitised_and_unique() -> None:
    """Field names that are not Avro-safe give safe, distinct nested struct names."""
    inferrer = SchemaInferrer("r")
    inferrer.convert([{"x-y": {"a": 1}, "x_y": {"b": 1}, "1st": {"c": 1}}])
    schema = inferrer.schema()
    assert schema is not None
    names = [f.schema().name() for f in schema.fields()]
    assert names == ["r.x_y", "r.x_y_2", "r._1st"]


def test_arrays_merge_item_types() -> None:
    """Arrays become arrays of the merged item type, items optional; nulls inside are kept."""
    inferrer = SchemaInferrer("s")
    [struct] = inferrer.convert([{"a": [1, None, 2**40], "b": [{"x": 1}, {"y": "z"}]}])
    schema = inferrer.schema()
    assert schema is not None
    a = schema.field("a").schema()  # type: ignore[union-attr]
    assert a.type() is Type.ARRAY and a.value_schema() == Schema.OPTIONAL_INT64_SCHEMA
    b_item = schema.field("b").schema().value_schema()  # type: ignore[union-attr]
    assert b_item is not None and [f.name() for f in b_item.fields()] == ["x", "y"]
    assert struct.get("a") == [1, None, 2**40]
    assert [s.get("y") for s in struct.get("b")] == [None, "z"]


def test_nulls_and_empty_arrays_wait_for_a_type() -> None:
    """A field seen only as null or [] is left out until a value shows its type."""
    inferrer = SchemaInferrer("s")
    inferrer.convert([{"a": 1, "n": None, "e": [], "ee": [[]]}])
    assert _types(inferrer.schema()) == {"a": "int32"}
    inferrer.convert([{"n": "now"}, {"e": [True]}])
    assert _types(inferrer.schema()) == {"a": "int32", "n": "string", "e": "array"}
    assert inferrer.version() == 2


@pytest.mark.parametrize("restart", [False, True])
@pytest.mark.parametrize("later", [0, False, {}, "x", [[]], [1]])
def test_an_empty_array_in_a_batch_that_fits_is_remembered(later: Any, restart: bool) -> None:
    """An empty array in a record that fits the schema without it still counts: when the field
    later gets a type, the earlier record fits the new schema too (and across a restart)."""
    inferrer = SchemaInferrer("s")
    inferrer.convert([{}])
    inferrer.convert([{"e": []}, {"e": None}])
    assert inferrer.version() == 1 and _types(inferrer.schema()) == {}
    if restart:
        inferrer = SchemaInferrer("s", state=inferrer.state())
    inferrer.convert([{"e": later}])
    schema = inferrer.schema()
    assert schema is not None
    json_converter(schema)({"e": []})  # raises if the empty array does not fit


def test_an_array_of_empty_arrays_is_remembered_beside_an_empty_one() -> None:
    """[[]] after [] is remembered too: a later [1] makes the items strings, which fit []."""
    inferrer = SchemaInferrer("s")
    inferrer.convert([{"e": []}])
    inferrer.convert([{"e": [[]]}])
    inferrer.convert([{"e": [1]}])
    schema = inferrer.schema()
    assert schema is not None and _types(schema) == {"e": "array"}
    assert json_converter(schema)({"e": [[]]}).get("e") == ["[]"]


def test_empty_object_gives_empty_struct() -> None:
    """An empty object is a struct with no fields (and fields come later)."""
    inferrer = SchemaInferrer("s")
    [struct] = inferrer.convert([{}])
    assert inferrer.version() == 1 and _types(inferrer.schema()) == {}
    assert len(struct.schema().fields()) == 0


def test_empty_batch_changes_nothing() -> None:
    """Converting no records returns nothing and infers no schema."""
    inferrer = SchemaInferrer("s")
    assert inferrer.convert([]) == []
    assert inferrer.schema() is None


@pytest.mark.parametrize(
    ("record", "kind"), [([1], "array"), (1, "number"), ("x", "string"), (None, "null")]
)
def test_non_object_records_are_refused(record: Any, kind: str) -> None:
    """A record that is not a JSON object raises DataException naming its index and kind."""
    inferrer = SchemaInferrer("s")
    with pytest.raises(DataException, match=f"Record 1 is a JSON {kind}, not an object"):
        inferrer.convert([{"a": 1}, record])
    inferrer.convert([{"a": 1}])
    with pytest.raises(DataException, match="Record 0"):
        inferrer.convert([record])


def test_observe_widens_without_converting() -> None:
    """observe() evolves the schema and returns it."""
    inferrer = SchemaInferrer("s")
    schema = inferrer.observe([{"a": 1}, {"b": "x"}])
    assert schema is inferrer.schema() and _types(schema) == {"a": "int32", "b": "string"}


def test_name_is_required() -> None:
    """An empty schema name is refused."""
    with pytest.raises(DataException, match="needs a name"):
        SchemaInferrer("")


def test_state_round_trip_continues_versions() -> None:
    """An inferrer restored from state() has the same schema and version and keeps counting."""
    inferrer = SchemaInferrer("s")
    inferrer.convert([{"a": 1, "o": {"x": [1.5]}}])
    inferrer.convert([{"a": 2**40}])
    restored = SchemaInferrer("s", state=inferrer.state())
    assert restored.version() == 2 and restored.schema() == inferrer.schema()
    restored.convert([{"b": True}])
    assert restored.version() == 3


def test_state_of_new_inferrer_round_trips() -> None:
    """The state of an inferrer that saw nothing restores to one that saw nothing."""
    restored = SchemaInferrer("s", state=SchemaInferrer("s").state())
    assert restored.version() == 0 and restored.schema() is None


@pytest.mark.parametrize(
    "state",
    [
        "not json",
        "[]",
        '{"version": -1, "shape": ["struct", []]}',
        '{"version": true, "shape": ["struct", []]}',
        '{"version": 1, "shape": "int32"}',
        '{"version": 1, "shape": ["struct", [["a"]]]}',
        '{"version": 1, "shape": ["struct", [["a", "decimal"]]]}',
    ],
)
def test_malformed_state_is_refused(state: str) -> None:
    """A saved state that is not what state() writes raises DataException."""
    with pytest.raises(DataException, match=r"[Ss]aved schema state"):
        SchemaInferrer("s", state=state)


def test_json_converter_reports_values_that_do_not_fit() -> None:
    """json_converter raises DataException naming the schema for a value of another shape."""
    schema = (
        SchemaBuilder.struct().name("s").version(4).field("a", Schema.OPTIONAL_INT32_SCHEMA).build()
    )
    convert = json_converter(schema)
    assert convert({"a": 1}) == Struct(schema).put("a", 1)
    with pytest.raises(DataException, match=r"does not fit the schema s \(version 4\)"):
        convert({"a": 2**40})
    with pytest.raises(DataException, match="does not fit"):
        convert({"zzz": 1})


def test_json_text_is_compact_and_keeps_key_order() -> None:
    """json_text writes compact JSON in the object's key order, big ints included."""
    assert json_text({"b": 1, "a": [True, None, "é"]}) == '{"b":1,"a":[true,null,"é"]}'
    assert json_text(2**70) == str(2**70)


# ---------------------------------------------------------------------------- properties


def _run(batches: list[list[dict[str, Any]]]) -> tuple[SchemaInferrer, list[Schema]]:
    inferrer = SchemaInferrer("p")
    schemas = []
    for batch in batches:
        inferrer.convert(batch)
        schema = inferrer.schema()
        assert schema is not None
        schemas.append(schema)
    return inferrer, schemas


def _assert_no_narrowing(old: Schema, new: Schema, path: str = "") -> None:
    if new.type() is Type.STRING:
        return
    if old.type() in _NUMBER_RANK:
        assert new.type() in _NUMBER_RANK, path
        assert _NUMBER_RANK[new.type()] >= _NUMBER_RANK[old.type()], path
        return
    assert old.type() is new.type(), path
    if old.type() is Type.ARRAY:
        _assert_no_narrowing(old.value_schema(), new.value_schema(), path + "[]")  # type: ignore[arg-type]
    elif old.type() is Type.STRUCT:
        assert old.name() == new.name(), path
        for field in old.fields():
            later = new.field(field.name())
            assert later is not None, f"{path}.{field.name()} disappeared"
            _assert_no_narrowing(field.schema(), later.schema(), f"{path}.{field.name()}")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(json_objects(), min_size=1, max_size=4), min_size=1, max_size=6))
def test_every_earlier_record_is_valid_under_every_later_schema(
    batches: list[list[dict[str, Any]]],
) -> None:
    """Versions start at 1 and grow by one per change; earlier records convert validly under
    every later schema; no field disappears or narrows."""
    _, schemas = _run(batches)
    versions = [s.version() for s in schemas]
    assert versions[0] == 1
    for before, after, schema_before, schema_after in zip(
        versions, versions[1:], schemas, schemas[1:], strict=False
    ):
        assert after in (before, before + 1)  # type: ignore[operator]
        assert (after == before) == (schema_after is schema_before)
    for i, batch in enumerate(batches):
        for later in schemas[i:]:
            convert = json_converter(later)
            for record in batch:
                ConnectSchema.validate_value(later, convert(record))
            _assert_no_narrowing(schemas[i], later)


@settings(max_examples=100, deadline=None)
@given(kind_consistent_json_batches())
def test_earlier_structs_project_onto_later_schemas(batches: list[list[dict[str, Any]]]) -> None:
    """When fields keep their JSON kind, SchemaProjector carries every earlier struct onto every
    later schema, giving what converting the record under the later schema gives."""
    inferrer = SchemaInferrer("p")
    converted: list[tuple[Schema, list[Struct], list[dict[str, Any]]]] = []
    for batch in batches:
        structs = inferrer.convert(batch)
        converted.append((structs[0].schema(), structs, batch))
    for i, (schema, structs, batch) in enumerate(converted):
        for later, _, _ in converted[i:]:
            convert = json_converter(later)
            for struct, record in zip(structs, batch, strict=True):
                projected = SchemaProjector.project(schema, struct, later)
                assert projected == convert(_visible(record, schema))


def _visible(value: Any, schema: Schema) -> Any:
    """``value`` without the fields ``schema`` leaves out (those only ever null or [] so far)."""
    if value is None:
        return None
    if schema.type() is Type.STRUCT:
        return {
            field.name(): _visible(value.get(field.name()), field.schema())
            for field in schema.fields()
            if field.name() in value
        }
    if schema.type() is Type.ARRAY:
        item = schema.value_schema()
        assert item is not None
        return [_visible(v, item) for v in value]
    return value


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.lists(json_objects(), min_size=1, max_size=4), min_size=1, max_size=6),
    st.integers(min_value=0, max_value=6),
)
def test_inference_is_deterministic_and_survives_restarts(
    batches: list[list[dict[str, Any]]], cut: int
) -> None:
    """The same records give the same schemas, also when the inferrer is restored from its state
    part-way through."""
    _, schemas = _run(batches)
    _, again = _run(batches)
    assert again == schemas
    first = SchemaInferrer("p")
    resumed_schemas = []
    for batch in batches[:cut]:
        first.convert(batch)
        resumed_schemas.append(first.schema())
    second = SchemaInferrer("p", state=first.state())
    for batch in batches[cut:]:
        second.convert(batch)
        resumed_schemas.append(second.schema())
    assert resumed_schemas == schemas
    assert [s.version() for s in resumed_schemas] == [s.version() for s in schemas]  # type: ignore[union-attr]
