"""Confluent's AvroData / AvroConverter reference vectors (confluent-avro-data.jsonl), as data.

Each case runs its stages in Java's order and compares every recorded output: the Avro schema
text AvroData makes, the Avro binary, the Connect schema and value read back, the registered
subject, schema text and wire bytes. An expected error must be raised by the same stage or an
earlier one, with the same exception type (Java's names mapped to connectpy's) and message
(Java class names aside). Cases where connectpy deliberately differs from Java are marked
xfail, naming the docs/compatibility.md entry.
"""

from __future__ import annotations

import base64
import io
import itertools
import json
from typing import Any

import pytest

from connect_data import DataException, SchemaBuilderException
from converters.avro import AvroConverter, AvroData, AvroDataConfig
from converters.avro.codec import layout_of
from converters.avro.registry import mock_registry
from converters.avro.schema import (
    AvroRuntimeException,
    AvroTypeException,
    SchemaParseException,
    parse_schema,
)
from tests.vectors import (
    assert_value_matches,
    cases,
    parse_schema_full,
    schema_json_full,
    to_python,
    value_matches,
)

VECTORS = "confluent-avro-data.jsonl"

_STAGES = [
    "connect_schema_parse",
    "value_build",
    "fromConnectSchema",
    "fromConnectData",
    "avro_encode",
    "avro_schema_reparse",
    "toConnectSchema",
    "avro_decode",
    "toConnectData",
]

_ERROR_TYPES: dict[str, type[Exception]] = {
    "DataException": DataException,
    "SchemaBuilderException": SchemaBuilderException,
    "SchemaParseException": SchemaParseException,
    "AvroTypeException": AvroTypeException,
    "AvroRuntimeException": AvroRuntimeException,
}

# Java behaviours connectpy does not reproduce on purpose (docs/compatibility.md, "Avro").
_DELIBERATE = {
    "fc-invalid-int64-for-int32": "compatibility.md Avro: Python ints carry no Java width",
    "tc-union-records-gen": "compatibility.md Avro: generalized unions with null first read back",
    "tc-union-gen-multi": "compatibility.md Avro: generalized unions with null first read back",
    "tc-recursive-through-mapentry": "compatibility.md Avro: recursion through a MapEntry record",
    "fc-rep-diff-defs-same-name": "compatibility.md Avro: two different types with one name",
    "fc-map-two-mapentry": "compatibility.md Avro: two different types with one name",
}


def _expected_error(case: dict[str, Any]) -> tuple[type[Exception], str] | None:
    error = case.get("error")
    if not error:
        return None
    kind, _, message = error.partition(": ")
    return _ERROR_TYPES.get(kind, DataException), message


def _comparable(message: str) -> str:
    """The part of an error message that does not name a Java or Python class."""
    for marker in ("class java.", "class [", "class ", "expected "):
        cut = message.find(marker)
        if cut >= 0:
            message = message[:cut]
    return message.strip()


class _Stages:
    """Runs the stages of a case, checking an expected error happens at or before its stage."""

    def __init__(self, case: dict[str, Any], stage_key: str = "error_stage") -> None:
        self.expected = _expected_error(case)
        self.stage: str | None = case.get(stage_key)
        self.raised: BaseException | None = None

    def run(self, stage: str, action: Any) -> Any:
        if self.raised is not None:
            return None
        try:
            return action()
        except Exception as e:
            if self.expected is None:
                raise
            kind, message = self.expected
            assert self.stage is not None, f"{stage} raised {e!r}; the case names no error stage"
            assert _STAGES.index(stage) <= _STAGES.index(self.stage), (
                f"{stage} raised {e!r}; Java failed later, at {self.stage}"
            )
            assert isinstance(e, kind), f"expected {kind.__name__}, got {e!r}"
            assert _comparable(message) in str(e), f"{e} does not say {message}"
            self.raised = e
            return None

    def done(self) -> bool:
        return self.raised is not None

    def finish(self) -> None:
        if self.expected is not None:
            assert self.raised is not None, f"expected {self.expected}, nothing raised"


def _cases(**match: Any) -> list[Any]:
    """The vector cases, with the deliberate differences marked as strict xfails."""
    params = []
    for case in cases(VECTORS, **match):
        reason = _DELIBERATE.get(str(case.id))
        param = case
        if reason is not None:
            param = pytest.param(
                *param.values, id=param.id, marks=pytest.mark.xfail(reason=reason, strict=True)
            )
        params.append(param)
    return params


def _connect_schema(case: dict[str, Any]) -> Any:
    """The case's Connect schema; when Java could not build it (recorded as null), build a
    struct with the value's field names the same way, to hit the same builder error."""
    if case["connect_schema"] is None and case.get("error_stage") == "connect_schema_parse":
        from connect_data import Schema, SchemaBuilder

        builder = SchemaBuilder.struct()
        for name in case["value"]["v"]:
            builder.field(name, Schema.INT32_SCHEMA)
        return builder.build()
    return parse_schema_full(case["connect_schema"])


def _multi_entry_map(tv: Any) -> bool:
    """Whether a typed value holds an Avro map with several entries (Java HashMap order)."""
    if isinstance(tv, dict):
        if tv.get("t") == "map" and len(tv.get("v", [])) > 1:
            return True
        return any(_multi_entry_map(v) for v in tv.values())
    if isinstance(tv, list):
        return any(_multi_entry_map(v) for v in tv)
    return False


def _decode(avro_schema: Any, data: bytes) -> Any:
    layout = layout_of(avro_schema)
    stream = io.BytesIO(data)
    datum = layout.read(stream)
    assert stream.tell() == len(data), "trailing bytes after the datum"
    return datum


def _to_connect(avro_data: AvroData, avro_schema: Any, datum: Any) -> Any:
    """Java's ``toConnectData`` of a datum read with :func:`_decode` (None for no datum)."""
    if datum is None:
        return None
    schema = avro_data.to_connect_schema_versioned(avro_schema, None)
    return avro_data.decoder(avro_schema, schema, physical=True)(datum)


def _encode(avro_data: AvroData, schema: Any, avro_schema: Any, value: Any) -> bytes | None:
    layout = layout_of(avro_schema)
    datum = avro_data.encoder(schema, avro_schema, physical=True)(value)
    if datum is None and avro_schema.type != "union":
        return None  # the harness wrote no datum (a schemaless top-level null)
    out = io.BytesIO()
    layout.write(datum, out)
    return out.getvalue()


@pytest.mark.parametrize("case", _cases(op="from_connect"))
def test_from_connect(case: dict[str, Any]) -> None:
    """Connect schema and value -> the Avro schema text, binary and round trip Java gives."""
    stages = _Stages(case)
    avro_data = AvroData(AvroDataConfig(case["config"]))
    schema = stages.run("connect_schema_parse", lambda: _connect_schema(case))
    value = stages.run("value_build", lambda: to_python(case["value"], schema))
    avro_schema = stages.run("fromConnectSchema", lambda: avro_data.from_connect_schema(schema))
    if not stages.done() and case["avro_schema"] is not None:
        assert json.loads(str(avro_schema)) == case["avro_schema"]
    binary = stages.run("fromConnectData", lambda: _encode(avro_data, schema, avro_schema, value))
    if not stages.done() and case["avro_binary"] is not None:
        expected = base64.b64decode(case["avro_binary"])
        if _multi_entry_map(case["value"]):
            assert len(binary) == len(expected)
        else:
            assert binary == expected
    reparsed = stages.run("avro_schema_reparse", lambda: parse_schema(str(avro_schema)))
    if schema is None:
        # schemaless: Java special-cases the Anything schema (no Connect schema)
        if not stages.done() and binary is not None:
            actual = _to_connect(avro_data, reparsed, _decode(reparsed, binary))
            assert_value_matches(actual, case["roundtrip_value"])
        stages.finish()
        return
    connect = stages.run("toConnectSchema", lambda: avro_data.to_connect_schema(reparsed))
    if not stages.done():
        assert schema_json_full(connect) == case["roundtrip_connect_schema"]
    datum = stages.run("avro_decode", lambda: _decode(reparsed, binary))
    actual = stages.run("toConnectData", lambda: _to_connect(avro_data, reparsed, datum))
    if not stages.done():
        assert_value_matches(actual, case["roundtrip_value"])
    stages.finish()


@pytest.mark.parametrize("case", _cases(op="to_connect"))
def test_to_connect(case: dict[str, Any]) -> None:
    """Hand-written Avro schema and binary -> the Connect schema and value Java gives."""
    stages = _Stages(case)
    avro_data = AvroData(AvroDataConfig(case["config"]))
    avro_schema = parse_schema(json.dumps(case["avro_schema"]))
    connect = stages.run("toConnectSchema", lambda: avro_data.to_connect_schema(avro_schema))
    if not stages.done():
        assert schema_json_full(connect) == case["connect_schema"]
    has_datum = case["avro_datum_json"] != "__NO_DATUM__"
    if has_datum:
        binary = base64.b64decode(case["avro_binary"])
        datum = stages.run("avro_decode", lambda: _decode(avro_schema, binary))
        actual = stages.run("toConnectData", lambda: _to_connect(avro_data, avro_schema, datum))
        if not stages.done():
            assert_value_matches(actual, case["connect_value"])
    stages.finish()
    if stages.done():
        return
    back = _Stages(
        {
            "error": case.get("roundtrip_error"),
            "roundtrip_error_stage": case.get("roundtrip_error_stage"),
        },
        "roundtrip_error_stage",
    )
    again = back.run("fromConnectSchema", lambda: avro_data.from_connect_schema(connect))
    if not back.done() and case["roundtrip_avro_schema"] is not None:
        assert json.loads(str(again)) == case["roundtrip_avro_schema"]
    if has_datum and not back.done() and case["roundtrip_avro_binary"] is not None:
        binary = back.run("fromConnectData", lambda: _encode(avro_data, connect, again, actual))
        if not back.done():
            expected = base64.b64decode(case["roundtrip_avro_binary"])
            if _multi_entry_map(case["connect_value"]):
                assert len(binary) == len(expected)
            else:
                assert binary == expected
    back.finish()


@pytest.mark.parametrize("case", _cases(op="to_connect_sequence"))
def test_to_connect_sequence(case: dict[str, Any]) -> None:
    """One AvroData converting several schemas: the connect_union_N counter and the cache."""
    avro_data = AvroData(AvroDataConfig(case["config"]))
    for avro_json, expected in zip(case["avro_schemas"], case["connect_schemas"], strict=True):
        connect = avro_data.to_connect_schema(parse_schema(json.dumps(avro_json)))
        assert schema_json_full(connect) == expected


_scopes = itertools.count()


@pytest.mark.parametrize("case", _cases(op="converter_serialize"))
def test_converter_serialize(case: dict[str, Any]) -> None:
    """AvroConverter with a mock registry: subject, registered schema text, id, wire bytes."""
    scope = f"vectors-{next(_scopes)}"
    url = f"mock://{scope}"
    registry = mock_registry(scope)
    for subject, text in _preregistered(case):
        registry.register_schema(subject, _avro(text))
    converter = AvroConverter()
    converter.configure({**case["config"], "schema.registry.url": url}, case["is_key"])
    stages = _Stages(case)
    schema = parse_schema_full(case["connect_schema"])
    value = to_python(case["value"], schema)
    wire = stages.run(
        "fromConnectData", lambda: converter.from_connect_data(case["topic"], schema, value)
    )
    stages.finish()
    if stages.done():
        return
    expected_wire = case["wire_bytes"]
    if expected_wire is None:
        assert wire is None
        return
    assert wire is not None
    expected = base64.b64decode(expected_wire)
    if _multi_entry_map(case["value"]):
        assert wire[:5] == expected[:5] and len(wire) == len(expected)
    else:
        assert wire == expected
    assert int.from_bytes(wire[1:5], "big") == case["schema_id"]
    registered = registry.get_schema(case["schema_id"])
    assert registered.schema_str == case["registered_schema"]
    assert case["registered_subject"] in registry.get_subjects()
    reader = AvroConverter()
    reader.configure({**case["config"], "schema.registry.url": url}, case["is_key"])
    result = reader.to_connect_data(case["topic"], wire)
    assert schema_json_full(result.schema()) == case["roundtrip_connect_schema"]
    assert value_matches(result.value(), case["roundtrip_value"]), result.value()


def _avro(text: str) -> Any:
    from confluent_kafka.schema_registry import Schema

    return Schema(text, "AVRO")


def _preregistered(case: dict[str, Any]) -> list[tuple[str, str]]:
    """Schemas the harness registered before the case ran (when the case depends on them)."""
    if "preregister" in case:
        return [(p["subject"], p["schema"]) for p in case["preregister"]]
    if case["config"].get("use.latest.version") and case.get("registered_schema"):
        return [(case["registered_subject"], case["registered_schema"])]
    if case.get("schema_id") and case["schema_id"] > 1:
        return [
            (f"other-{n}", json.dumps({"type": "fixed", "name": f"F{n}", "size": n + 1}))
            for n in range(case["schema_id"] - 1)
        ]
    return []
