"""The Connect metadata Avro schemas carry, and how Connect names become Avro names.

The property and parameter names here are Confluent's (``connect.name``, ``connect.version``,
``io.confluent.connect.avro.Enum`` ...), so a schema written by connectpy reads back in Java's
``AvroData`` with the same Connect schema, and the reverse. ``scrub_name`` is Confluent's
``doScrubName``: URL-encode the name, then replace every character that is not
``[A-Za-z0-9_]`` by ``_`` (and prefix ``x`` when it would start with a digit).
"""

from __future__ import annotations

from connect_data import Schema, Type

NAMESPACE = "io.confluent.connect.avro"
DEFAULT_SCHEMA_NAME = "ConnectDefault"
DEFAULT_SCHEMA_FULL_NAME = NAMESPACE + "." + DEFAULT_SCHEMA_NAME
MAP_ENTRY_TYPE_NAME = "MapEntry"
KEY_FIELD = "key"
VALUE_FIELD = "value"

CONNECT_NAME_PROP = "connect.name"
CONNECT_DOC_PROP = "connect.doc"
CONNECT_RECORD_DOC_PROP = "connect.record.doc"
CONNECT_ENUM_DOC_PROP = "connect.enum.doc"
CONNECT_VERSION_PROP = "connect.version"
CONNECT_DEFAULT_VALUE_PROP = "connect.default"
CONNECT_PARAMETERS_PROP = "connect.parameters"
CONNECT_INTERNAL_TYPE_NAME = "connect.internal.type"
AVRO_RECORD_DOC_PROP = NAMESPACE + ".record.doc"
AVRO_ENUM_DOC_PREFIX_PROP = NAMESPACE + ".enum.doc."
AVRO_FIELD_DOC_PREFIX_PROP = NAMESPACE + ".field.doc."
AVRO_FIELD_DEFAULT_FLAG_PROP = NAMESPACE + ".field.default"
AVRO_ENUM_DEFAULT_PREFIX_PROP = NAMESPACE + ".enum.default."

CONNECT_TYPE_PROP = "connect.type"
CONNECT_TYPE_INT8 = "int8"
CONNECT_TYPE_INT16 = "int16"

AVRO_TYPE_UNION = NAMESPACE + ".Union"
AVRO_TYPE_ENUM = NAMESPACE + ".Enum"
AVRO_TYPE_ANYTHING = NAMESPACE + ".Anything"

GENERALIZED_TYPE_UNION = "org.apache.kafka.connect.data.Union"
GENERALIZED_TYPE_ENUM = "org.apache.kafka.connect.data.Enum"
GENERALIZED_TYPE_UNION_PREFIX = "connect_union_"
GENERALIZED_TYPE_UNION_FIELD_PREFIX = GENERALIZED_TYPE_UNION_PREFIX + "field_"

AVRO_PROP = "avro"
AVRO_LOGICAL_TYPE_PROP = "logicalType"
AVRO_LOGICAL_TIMESTAMP_MILLIS = "timestamp-millis"
AVRO_LOGICAL_TIME_MILLIS = "time-millis"
AVRO_LOGICAL_DATE = "date"
AVRO_LOGICAL_DECIMAL = "decimal"
AVRO_LOGICAL_DECIMAL_SCALE_PROP = "scale"
AVRO_LOGICAL_DECIMAL_PRECISION_PROP = "precision"
CONNECT_AVRO_FIXED_SIZE_PROP = "connect.fixed.size"
CONNECT_AVRO_DECIMAL_PRECISION_PROP = "connect.decimal.precision"
CONNECT_AVRO_DECIMAL_PRECISION_DEFAULT = 64

#: The Avro type name a Connect type is written as (``CONNECT_TYPES_TO_AVRO_TYPES``).
CONNECT_TYPES_TO_AVRO_TYPES = {
    Type.INT32: "int",
    Type.INT64: "long",
    Type.FLOAT32: "float",
    Type.FLOAT64: "double",
    Type.BOOLEAN: "boolean",
    Type.STRING: "string",
    Type.BYTES: "bytes",
    Type.ARRAY: "array",
    Type.MAP: "map",
}


def is_connect_union(schema: Schema) -> bool:
    """``ConnectUnion.isUnion``: a STRUCT with the generalized union parameter."""
    parameters = schema.parameters()
    return (
        schema.type() is Type.STRUCT
        and parameters is not None
        and GENERALIZED_TYPE_UNION in parameters
    )


def is_union_schema(schema: Schema) -> bool:
    """A Connect STRUCT standing for an Avro union (Confluent's or the generalized form)."""
    return schema.name() == AVRO_TYPE_UNION or is_connect_union(schema)


def is_enum_schema(schema: Schema) -> bool:
    """A Connect STRING standing for an Avro enum."""
    parameters = schema.parameters()
    return (
        schema.type() is Type.STRING
        and parameters is not None
        and (GENERALIZED_TYPE_ENUM in parameters or AVRO_TYPE_ENUM in parameters)
    )


def is_fixed_schema(schema: Schema) -> bool:
    """A named Connect BYTES with ``connect.fixed.size``: an Avro fixed."""
    parameters = schema.parameters()
    return (
        schema.type() is Type.BYTES
        and schema.name() is not None
        and parameters is not None
        and CONNECT_AVRO_FIXED_SIZE_PROP in parameters
    )


def _name_ok(name: str) -> bool:
    for char in name:
        if not (
            ("A" <= char <= "Z") or ("a" <= char <= "z") or ("0" <= char <= "9") or char == "_"
        ):
            return False
    return not ("0" <= name[0] <= "9")


def _url_encode(text: str) -> str:
    """Java's ``URLEncoder.encode(text, "UTF-8")``."""
    out = []
    for char in text:
        if char.isascii() and (char.isalnum() or char in ".-*_"):
            out.append(char)
        elif char == " ":
            out.append("+")
        else:
            out.extend(f"%{b:02X}" for b in char.encode("utf-8", "surrogatepass"))
    return "".join(out)


def scrub_name(name: str | None) -> str | None:
    """Confluent's ``doScrubName``: make ``name`` a valid Avro name."""
    if not name or _name_ok(name):
        return name
    encoded = _url_encode(name)
    if "0" <= encoded[0] <= "9":
        encoded = "x" + encoded
    return "".join(
        char
        if ("A" <= char <= "Z") or ("a" <= char <= "z") or ("0" <= char <= "9") or char == "_"
        else "_"
        for char in encoded
    )


def split_name(full_name: str | None, scrub: bool) -> tuple[str | None, str | None]:
    """``(namespace, name)`` of a dotted Connect name, each part scrubbed when ``scrub``."""
    if not full_name:
        return None, full_name
    parts = _java_split_dots(full_name)
    if scrub:
        parts = [scrub_name(p) or p for p in parts]
    if len(parts) <= 1:
        return None, parts[0] if parts else ""
    return ".".join(parts[:-1]), parts[-1]


def _java_split_dots(text: str) -> list[str]:
    """Java's ``String.split("\\\\.")``: trailing empty strings are removed."""
    parts = text.split(".")
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def scrub_full_name(name: str | None, scrub: bool) -> str | None:
    """The full name with each dotted part scrubbed (when ``scrub``)."""
    if name is None or not scrub:
        return name
    namespace, simple = split_name(name, scrub)
    return simple if namespace is None else f"{namespace}.{simple}"
