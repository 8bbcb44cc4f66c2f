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

from typing import Any, Final

from connect_data import DataException, Schema, SchemaAndValue
from converters import _json_nodes as nodes
from converters._json_data import JsonData
from converters._json_read import JsonReadError, parse
from converters._json_write import write_tree

__all__ = ["ENVELOPE_ERROR", "JsonCodec"]

ENVELOPE_ERROR: Final = (
    'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain '
    "additional fields. If you are trying to deserialize plain JSON data, set schemas.enable=false "
    "in your converter configuration."
)
READ_ERROR: Final = "Converting byte[] to Kafka Connect data failed due to serialization error: "
WRITE_ERROR: Final = "Converting Kafka Connect data to byte[] failed due to serialization error: "


class JsonCodec:
    """Serializes and deserializes records for one configured JsonConverter."""

    def __init__(self, data: JsonData, schemas_enabled: bool) -> None:
        self.data = data
        self.schemas_enabled = schemas_enabled

    def from_connect_cache_size(self) -> int:
        """Schemas cached for writing."""
        return self.data.from_connect_cache_size()

    def to_connect_cache_size(self) -> int:
        """Schema JSON texts cached for reading."""
        return self.data.to_connect_cache_size()

    # ------------------------------------------------------------------------- writing

    def serialize(self, topic: str, schema: Schema | None, value: Any) -> bytes | None:
        """``fromConnectData``."""
        if schema is None and value is None:
            return None
        return self.serialize_exact(topic, schema, value)

    def serialize_exact(self, topic: str, schema: Schema | None, value: Any) -> bytes:
        """``fromConnectData`` through the reference conversion and writer."""
        data = self.data
        try:
            payload = data.convert_to_json(schema, value)
        except RecursionError:
            raise DataException(
                f"{WRITE_ERROR}the value for topic {topic} is nested too deeply"
            ) from None
        tree = (
            {"schema": data.as_json_schema(schema), "payload": payload}
            if self.schemas_enabled
            else payload
        )
        try:
            return write_tree(tree)
        except DataException as e:
            raise DataException(f"{WRITE_ERROR}{e} (topic {topic})") from e

    # ------------------------------------------------------------------------- reading

    def deserialize(self, topic: str, data: bytes | None) -> SchemaAndValue:
        """``toConnectData``."""
        if data is None:
            return SchemaAndValue.NULL
        return self.deserialize_exact(topic, data)

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
