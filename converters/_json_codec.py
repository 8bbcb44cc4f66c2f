"""The record-level work of ``JsonConverter``: envelopes, caches, and the fast and exact paths.

Writing: a per-schema compiled encoder turns the Connect value into objects ``orjson.dumps``
writes as Java would; the schema part of the envelope is serialized once per schema and spliced
in as bytes. Reading: the schema JSON text of an envelope is looked up (as bytes) in a cache of
compiled decoders, so only the payload is parsed (by msgspec) and walked.

Anything the fast path does not handle exactly (bad data, errors, odd schemas, numbers needing
their exact text, JSON that msgspec refuses) is redone by the exact path: Jackson-compatible
parsing (:mod:`converters._json_read`) and the reference conversions (:mod:`converters._json_data`).
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from typing import Any, Final

import msgspec
import orjson

from connect_data import ConnectSchema, DataException, Schema, SchemaAndValue
from connect_data.cache import LRUCache
from converters import _json_nodes as nodes
from converters._json_compile import (
    NATIVE,
    Fallback,
    compile_decoder,
    compile_writer,
    needs_exact_numbers,
    schemaless_encode,
)
from converters._json_data import JsonData, tree_key
from converters._json_read import MAX_NESTING_DEPTH, MAX_NUMBER_LENGTH, JsonReadError, parse
from converters._json_write import fix_escapes, write_tree

__all__ = ["ENVELOPE_ERROR", "JsonCodec", "read_plain", "too_deep"]

ENVELOPE_ERROR: Final = (
    'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain '
    "additional fields. If you are trying to deserialize plain JSON data, set schemas.enable=false "
    "in your converter configuration."
)
READ_ERROR: Final = "Converting byte[] to Kafka Connect data failed due to serialization error: "
WRITE_ERROR: Final = "Converting Kafka Connect data to byte[] failed due to serialization error: "


_SCHEMA_KEY: Final = b'{"schema":'
_PAYLOAD_KEY: Final = b',"payload":'
_NULL_SCHEMA_PREFIX: Final = b'{"schema":null,"payload":'
_DIGITS_ONLY: Final = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
_NUMBER_CHARS: Final = bytes(
    0x30 if (0x30 <= b <= 0x39 or b in b".eE+-") else 0x20 for b in range(256)
)
_INT64_DIGITS: Final = b"0" * 19  # the shortest integer text that can be beyond int64
_TOO_LONG_NUMBER: Final = b"0" * (MAX_NUMBER_LENGTH + 1)

_FAST: Final[msgspec.json.Decoder[Any]] = msgspec.json.Decoder()
_EXACT: Final[msgspec.json.Decoder[Any]] = msgspec.json.Decoder(float_hook=decimal.Decimal)

#: what the fast path caches per schema for writing: the compiled writer (value -> bytes)
_Writer = Callable[[Any], bytes]
_DecEntry = tuple[Schema | None, Callable[[Any], Any], msgspec.json.Decoder[Any]]


def _exact_only(value: Any) -> bytes:
    raise Fallback


#: the cached "writer" of a schema the fast path cannot compile
_EXACT_ONLY: Final[_Writer] = _exact_only


def _parse(payload: bytes, decoder: msgspec.json.Decoder[Any]) -> Any:
    """Parse with msgspec, or raise Fallback where Jackson's answer may differ."""
    size = len(payload)
    if size > MAX_NUMBER_LENGTH:
        if _TOO_LONG_NUMBER in payload.translate(_NUMBER_CHARS):
            raise Fallback
        if size > 2 * MAX_NESTING_DEPTH and (
            payload.count(b"[") + payload.count(b"{") > MAX_NESTING_DEPTH
        ):
            raise Fallback
    try:
        return decoder.decode(payload)
    except Exception:
        raise Fallback from None


def _risky_numbers_py(payload: bytes) -> bool:
    """True if ``payload`` holds "-0" or 19 digits in a row (msgspec reads them otherwise)."""
    return b"-0" in payload or (
        len(payload) >= 19 and _INT64_DIGITS in payload.translate(_DIGITS_ONLY)
    )


#: the same test in one pass of C when converters._json_native is built
_risky_numbers: Callable[[bytes], bool] = (
    _risky_numbers_py if NATIVE is None else NATIVE.risky_numbers
)


def read_plain(data: bytes) -> Any:
    """msgspec's reading of a small schemaless record, or ``Fallback`` if Jackson may differ.

    Small: no number can be longer than Jackson allows and no nesting deeper, so only the
    numbers msgspec reads otherwise (see :func:`_risky_numbers`) need the exact path.
    """
    if len(data) > MAX_NUMBER_LENGTH or _risky_numbers(data):
        raise Fallback
    try:
        return _FAST.decode(data)
    except Exception:
        raise Fallback from None


def _schemaless_payload(payload: bytes) -> Any:
    """A payload read without a schema: msgspec's result, fixed up where Java differs."""
    if _risky_numbers(payload):
        return schemaless_value(_parse(payload, _EXACT))
    return _parse(payload, _FAST)


class JsonCodec:
    """Serializes and deserializes records for one configured JsonConverter."""

    def __init__(self, data: JsonData, schemas_enabled: bool, cache_size: int = 1000) -> None:
        self.data = data
        self.schemas_enabled = schemas_enabled
        self._writers: LRUCache[Schema, _Writer] = LRUCache(cache_size)
        #: the last schema written (never None) and its compiled writer
        self.last_writer: tuple[object, _Writer] = (_EXACT_ONLY, _EXACT_ONLY)
        self._decoders: LRUCache[bytes, _DecEntry] = LRUCache(cache_size)
        self._envelopes: LRUCache[bytes, _DecEntry] = LRUCache(cache_size)
        self._last_envelope: tuple[bytes, _DecEntry] | None = None
        null_entry: _DecEntry = (None, _identity, _FAST)
        self._envelopes.put(b"null", null_entry)

    def from_connect_cache_size(self) -> int:
        """Schemas cached for writing."""
        return self.data.from_connect_cache_size()

    def to_connect_cache_size(self) -> int:
        """Schema JSON texts cached for reading."""
        return self.data.to_connect_cache_size()

    # ------------------------------------------------------------------------- writing

    def _writer(self, schema: Schema) -> _Writer | None:
        """The compiled writer of ``schema`` (None: always the exact path); made the last one."""
        if type(schema) is not ConnectSchema:
            return None  # a SchemaBuilder may still change: always convert it afresh
        write = self._writers.get(schema)
        if write is None:
            write = self._compile_writer(schema)
            self._writers.put(schema, write)
        if write is not _EXACT_ONLY:
            self.last_writer = (schema, write)
            return write
        return None

    def _compile_writer(self, schema: Schema) -> _Writer:
        try:
            prefix = None
            if self.schemas_enabled:
                schema_json = write_tree(self.data.as_json_schema(schema))
                prefix = _SCHEMA_KEY + schema_json + _PAYLOAD_KEY
            return compile_writer(schema, self.data, prefix)
        except Exception:
            return _EXACT_ONLY

    def serialize(self, topic: str, schema: Schema | None, value: Any) -> bytes | None:
        """``fromConnectData`` (the caller turns a RecursionError into :func:`too_deep`).

        :attr:`last_writer` holds the writer of the last schema written, which callers may
        use directly (redoing the record with :meth:`serialize_exact` on ``Fallback`` or
        ``TypeError``), saving a call per record.
        """
        last = self.last_writer
        if schema is last[0]:
            write = last[1]
        elif schema is None:
            if value is None:
                return None
            try:
                out = orjson.dumps(schemaless_encode(value))
            except (Fallback, TypeError, RecursionError):
                return self.serialize_exact(topic, schema, value)
            if 92 in out or not out.isascii():  # 92: a backslash
                out = fix_escapes(out)
            if self.schemas_enabled:
                return b"".join((_NULL_SCHEMA_PREFIX, out, b"}"))
            return out
        else:
            found = self._writer(schema)
            if found is None:
                return self.serialize_exact(topic, schema, value)
            write = found
        try:
            return write(value)
        except (Fallback, TypeError):  # orjson.JSONEncodeError is a TypeError
            return self.serialize_exact(topic, schema, value)

    def serialize_exact(self, topic: str, schema: Schema | None, value: Any) -> bytes:
        """``fromConnectData`` through the reference conversion and writer."""
        data = self.data
        try:
            payload = data.convert_to_json(schema, value)
            tree = (
                {"schema": data.as_json_schema(schema), "payload": payload}
                if self.schemas_enabled
                else payload
            )
        except RecursionError:
            raise DataException(
                f"{WRITE_ERROR}the schema or value for topic {topic} is nested too deeply "
                "for connectpy"
            ) from None
        try:
            return write_tree(tree)
        except DataException as e:
            raise DataException(f"{WRITE_ERROR}{e} (topic {topic})") from e

    # ------------------------------------------------------------------------- reading

    def deserialize(self, topic: str, data: bytes | None) -> SchemaAndValue:
        """``toConnectData``."""
        if data is None:
            return SchemaAndValue.NULL
        if type(data) is not bytes:
            data = bytes(data)
        try:
            try:
                if self.schemas_enabled:
                    return self._envelope(data)
                return SchemaAndValue(None, _schemaless_payload(data))
            except Fallback:
                return self.deserialize_exact(topic, data)
        except RecursionError:
            raise DataException(
                f"{READ_ERROR}the schema of the record from topic {topic} is nested too deeply "
                "for connectpy"
            ) from None

    def _envelope(self, data: bytes) -> SchemaAndValue:
        if data.startswith(_SCHEMA_KEY) and data.endswith(b"}"):
            entry: _DecEntry | None = None
            last = self._last_envelope
            if last is not None:
                key = last[0]
                end = 10 + len(key)
                if data.startswith(key, 10) and data.startswith(_PAYLOAD_KEY, end):
                    entry = last[1]
            if entry is None:
                end = data.find(_PAYLOAD_KEY, 10)
                if end > 0:
                    key = data[10:end]
                    entry = self._envelopes.get(key)
                    if entry is not None:
                        self._last_envelope = (key, entry)
            if entry is not None:
                schema, decode, decoder = entry
                payload = data[end + 11 : -1]
                if schema is None:
                    return SchemaAndValue(None, _schemaless_payload(payload))
                return SchemaAndValue(schema, decode(_parse(payload, decoder)))
        return self._envelope_slow(data)

    def _decoder_entry(self, schema_tree: Any) -> _DecEntry:
        key = tree_key(schema_tree)
        entry = self._decoders.get(key)
        if entry is None:
            schema = self.data.as_connect_schema(schema_tree)
            if schema is None:
                entry = (None, _identity, _FAST)
            else:
                decoder = _EXACT if needs_exact_numbers(schema) else _FAST
                entry = (schema, compile_decoder(schema, self.data), decoder)
            self._decoders.put(key, entry)
        return entry

    def _envelope_slow(self, data: bytes) -> SchemaAndValue:
        tree = _parse(data, _EXACT)
        if not (type(tree) is dict and len(tree) == 2 and "schema" in tree and "payload" in tree):
            raise Fallback
        schema_tree = tree["schema"]
        entry = self._decoder_entry(schema_tree)
        if data.startswith(_SCHEMA_KEY):
            end = data.find(_PAYLOAD_KEY, 10)
            if end > 0:
                key = data[10:end]
                try:
                    same = _EXACT.decode(key) == schema_tree
                except Exception:
                    same = False
                if same:
                    self._envelopes.put(key, entry)
        schema, decode, _ = entry
        if schema is None:
            return SchemaAndValue(None, schemaless_value(tree["payload"]))
        return SchemaAndValue(schema, decode(tree["payload"]))

    def deserialize_exact(self, topic: str, data: bytes) -> SchemaAndValue:
        """``toConnectData`` through the Jackson-compatible parser and reference conversion."""
        try:
            tree = parse(bytes(data))
        except JsonReadError as e:
            raise DataException(f"{READ_ERROR}{e} (topic {topic})") from None
        converter = self.data
        if self.schemas_enabled:
            if not (
                isinstance(tree, dict) and len(tree) == 2 and "schema" in tree and "payload" in tree
            ):
                raise DataException(ENVELOPE_ERROR)
            schema = converter.as_connect_schema(tree["schema"])
            payload = tree["payload"]
        else:
            schema = None
            payload = tree
        if schema is None:
            return SchemaAndValue(None, schemaless_value(payload))
        return SchemaAndValue(schema, converter.convert_to_connect(schema, payload))


def too_deep(topic: str) -> DataException:
    """The error for a schema or value nested beyond what Python's recursion limit allows."""
    return DataException(
        f"{WRITE_ERROR}the schema or value for topic {topic} is nested too deeply for connectpy"
    )


def _identity(value: Any) -> Any:
    return value


def schemaless_value(node: Any) -> Any:
    """The Connect value of a JSON tree read without a schema (iterative: any nesting depth).

    Integers wrap to 64 bits (Java ``longValue()``), other numbers become doubles, objects
    dicts, arrays lists.
    """
    if node is None or node is nodes.MISSING:
        return None
    if not isinstance(node, (list, dict)):
        return _schemaless_scalar(node)
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any]] = [(node, root, 0)]
    while stack:
        source, target, slot = stack.pop()
        if isinstance(source, list):
            copy: Any = [None] * len(source)
            items: Any = enumerate(source)
        else:
            copy = dict.fromkeys(source)
            items = source.items()
        target[slot] = copy
        for key, item in items:
            if isinstance(item, (list, dict)):
                stack.append((item, copy, key))
            else:
                copy[key] = _schemaless_scalar(item)
    return root[0]


def _schemaless_scalar(node: Any) -> Any:
    if node is None or isinstance(node, (bool, str)):
        return node
    if isinstance(node, int):
        return nodes.wrap_int64(node)
    if nodes.is_number(node):
        return nodes.double_value(node)
    if node is nodes.MISSING:
        return None
    raise DataException("Unknown schema type: null")
