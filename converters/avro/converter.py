"""``AvroConverter``: Connect data <-> Confluent's Avro wire format through a Schema Registry.

A port of Confluent's ``io.confluent.connect.avro.AvroConverter``. A record is written as the
magic byte ``0``, the 4-byte big-endian id of its Avro schema in the registry, and the Avro
binary of the value; the Avro schema is the one Java's ``AvroData`` makes for the Connect
schema, registered under the subject the subject name strategy gives. Bytes written here read
back in a Java worker using ``io.confluent.connect.avro.AvroConverter`` to equal Connect data,
and the reverse.

Configuration (keys as in Java)::

    value.converter=io.confluent.connect.avro.AvroConverter
    value.converter.schema.registry.url=http://registry:8081
    value.converter.basic.auth.credentials.source=USER_INFO
    value.converter.basic.auth.user.info=user:secret

``schema.registry.url`` also takes ``mock://<scope>`` (an in-memory registry shared by the
process) and ``embedded://`` / ``embedded:///path/to/file.db`` (a persistent local registry in
SQLite, by default in the embedded record log's database; see :mod:`converters.avro.registry`).
"""

from __future__ import annotations

import importlib
import io
import ssl
from collections.abc import Callable, Mapping
from typing import Any

from confluent_kafka.schema_registry import Schema as RegistrySchema
from confluent_kafka.schema_registry.error import SchemaRegistryError
from fastavro import schemaless_writer as _fastavro_write

from connect_data import (
    ConnectException,
    DataException,
    RetriableException,
    SchemaAndValue,
)
from connect_data import Schema as ConnectSchema
from connect_data.config import AbstractConfig, ConfigDef, ConfigException
from converters.avro.avro_data import AvroData, _BoundedCache
from converters.avro.avro_data_config import AvroDataConfig
from converters.avro.codec import Layout, java_utf8_datum, layout_of
from converters.avro.compatibility import reader_writer_incompatibilities
from converters.avro.registry import (
    DEFAULT_EMBEDDED_STORE_PATH,
    EMBEDDED_STORE_PATH_CONFIG,
    SubjectNameStrategy,
    new_registry_client,
    subject_name_strategy,
)
from converters.avro.schema import AvroSchema, parse_schema
from converters.converter import Converter

__all__ = ["AvroConverter", "AvroConverterConfig"]

#: fastavro's writer, called with a :class:`_Sink` (any object with ``write``) as its file
_write_datum: Any = _fastavro_write
MAGIC_BYTE = 0
_HEADER_SIZE = 5
_RETRIABLE_HTTP = {408, 429, 500, 502, 503, 504}


class AvroConverterConfig(AbstractConfig):
    """The settings of :class:`AvroConverter` (Confluent's serializer keys plus AvroData's)."""

    SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url"
    AUTO_REGISTER_SCHEMAS = "auto.register.schemas"
    USE_SCHEMA_ID = "use.schema.id"
    ID_COMPATIBILITY_STRICT = "id.compatibility.strict"
    USE_LATEST_VERSION = "use.latest.version"
    LATEST_COMPATIBILITY_STRICT = "latest.compatibility.strict"
    NORMALIZE_SCHEMAS = "normalize.schemas"
    KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy"
    VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy"
    MAX_SCHEMAS_PER_SUBJECT_CONFIG = "max.schemas.per.subject"
    BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source"
    USER_INFO_CONFIG = "basic.auth.user.info"
    SCHEMA_REGISTRY_USER_INFO_CONFIG = "schema.registry.basic.auth.user.info"
    BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source"
    BEARER_AUTH_TOKEN_CONFIG = "bearer.auth.token"
    PROXY_HOST = "proxy.host"
    PROXY_PORT = "proxy.port"
    EMBEDDED_STORE_PATH_CONFIG = EMBEDDED_STORE_PATH_CONFIG
    DEFAULT_SUBJECT_NAME_STRATEGY = "io.confluent.kafka.serializers.subject.TopicNameStrategy"

    @staticmethod
    def config_def() -> ConfigDef:
        """Every key of the converter, with Java's types and defaults."""
        c = AvroConverterConfig
        high = ConfigDef.Importance.HIGH
        medium = ConfigDef.Importance.MEDIUM
        low = ConfigDef.Importance.LOW
        boolean = ConfigDef.Type.BOOLEAN
        return (
            ConfigDef(AvroDataConfig.base_config_def())
            .define(
                c.SCHEMA_REGISTRY_URL_CONFIG,
                ConfigDef.Type.LIST,
                None,
                importance=high,
                documentation="Comma-separated list of URLs for Schema Registry instances: "
                "http(s)://host:port, mock://<scope> for an in-memory registry shared by the "
                "process, embedded:// or embedded:///<file> for a persistent local registry.",
            )
            .define(
                c.MAX_SCHEMAS_PER_SUBJECT_CONFIG,
                ConfigDef.Type.INT,
                1000,
                importance=low,
                documentation="How many schemas the converter keeps per subject (accepted for "
                "compatibility; the connectpy caches are bounded by schemas.cache.config).",
            )
            .define(
                c.AUTO_REGISTER_SCHEMAS,
                boolean,
                True,
                importance=medium,
                documentation="Register the Avro schema of written data under its subject; "
                "when false, the schema must already be registered (or see use.latest.version).",
            )
            .define(
                c.USE_SCHEMA_ID,
                ConfigDef.Type.INT,
                -1,
                importance=low,
                documentation="Write every record with this registered schema id (-1: off).",
            )
            .define(
                c.ID_COMPATIBILITY_STRICT,
                boolean,
                True,
                importance=low,
                documentation="With use.schema.id, check that the schema of that id can read "
                "what the Connect schema writes.",
            )
            .define(
                c.USE_LATEST_VERSION,
                boolean,
                False,
                importance=low,
                documentation="Write with the subject's latest registered schema (fields matched "
                "by name) instead of the Connect schema's own.",
            )
            .define(
                c.LATEST_COMPATIBILITY_STRICT,
                boolean,
                True,
                importance=low,
                documentation="With use.latest.version, check that the latest schema can read "
                "what the Connect schema writes.",
            )
            .define(
                c.NORMALIZE_SCHEMAS,
                boolean,
                False,
                importance=low,
                documentation="Register and look up schemas in the registry's normalized form "
                "(properties sorted), so that equivalent texts share one id.",
            )
            .define(
                c.KEY_SUBJECT_NAME_STRATEGY,
                ConfigDef.Type.STRING,
                c.DEFAULT_SUBJECT_NAME_STRATEGY,
                importance=medium,
                documentation="How the subject of key schemas is named: TopicNameStrategy "
                "(<topic>-key), RecordNameStrategy (the record's full name) or "
                "TopicRecordNameStrategy (<topic>-<record>); short or Java class name, or a "
                "Python path to a SubjectNameStrategy class.",
            )
            .define(
                c.VALUE_SUBJECT_NAME_STRATEGY,
                ConfigDef.Type.STRING,
                c.DEFAULT_SUBJECT_NAME_STRATEGY,
                importance=medium,
                documentation="How the subject of value schemas is named (<topic>-value by "
                "default; see key.subject.name.strategy).",
            )
            .define(
                c.BASIC_AUTH_CREDENTIALS_SOURCE,
                ConfigDef.Type.STRING,
                "URL",
                importance=medium,
                documentation="Where the registry's basic-auth credentials come from: URL (the "
                "user info in schema.registry.url), USER_INFO (basic.auth.user.info) or "
                "SASL_INHERIT (the username and password of sasl.jaas.config).",
            )
            .define(
                c.USER_INFO_CONFIG,
                ConfigDef.Type.PASSWORD,
                "",
                importance=medium,
                documentation="Basic-auth credentials as user:password (with "
                "basic.auth.credentials.source=USER_INFO).",
            )
            .define(
                c.SCHEMA_REGISTRY_USER_INFO_CONFIG,
                ConfigDef.Type.PASSWORD,
                "",
                importance=medium,
                documentation="Another name for basic.auth.user.info.",
            )
            .define(
                c.BEARER_AUTH_CREDENTIALS_SOURCE,
                ConfigDef.Type.STRING,
                "STATIC_TOKEN",
                importance=medium,
                documentation="Where the bearer token comes from (STATIC_TOKEN, OAUTHBEARER, "
                "...); with bearer.auth.token and the other bearer.auth.* keys.",
            )
            .define(
                c.BEARER_AUTH_TOKEN_CONFIG,
                ConfigDef.Type.PASSWORD,
                "",
                importance=medium,
                documentation="The bearer token (with bearer.auth.credentials.source="
                "STATIC_TOKEN).",
            )
            .define(
                c.PROXY_HOST,
                ConfigDef.Type.STRING,
                "",
                importance=low,
                documentation="An HTTP proxy to reach the registry through (host name or address).",
            )
            .define(
                c.PROXY_PORT,
                ConfigDef.Type.INT,
                -1,
                importance=low,
                documentation="The port of proxy.host.",
            )
            .define(
                c.EMBEDDED_STORE_PATH_CONFIG,
                ConfigDef.Type.STRING,
                DEFAULT_EMBEDDED_STORE_PATH,
                importance=low,
                documentation="The SQLite file of the embedded record log; schema.registry.url="
                "embedded:// keeps its registry there (connectpy only).",
            )
        )

    def __init__(self, props: Mapping[str, Any]) -> None:
        super().__init__(AvroConverterConfig.config_def(), props)

    def schema_registry_urls(self) -> list[str]:
        """The registry URLs (empty when none is configured)."""
        return [str(u).strip() for u in (self.get_list(self.SCHEMA_REGISTRY_URL_CONFIG) or [])]


class _Sink:
    """Receives the single ``write`` of fastavro's writer (its internal buffer)."""

    __slots__ = ("data",)

    def __init__(self) -> None:
        self.data: bytes = b""

    def write(self, data: bytes) -> None:
        self.data = data


class _Writer:
    """What writing values of one Connect schema to one topic needs (built once)."""

    __slots__ = ("avro_schema", "encode", "header", "parsed")

    def __init__(self, avro_schema: AvroSchema) -> None:
        self.avro_schema = avro_schema
        self.header: bytes | None = None
        self.encode: Callable[[Any], Any] | None = None
        self.parsed: Any = None


class _Reader:
    """What reading one schema id from one topic needs (built once)."""

    __slots__ = ("decode", "layout", "schema")

    def __init__(
        self, layout: Layout, schema: ConnectSchema | None, decode: Callable[[Any], Any]
    ) -> None:
        self.layout = layout
        self.schema = schema
        self.decode = decode


class AvroConverter(Converter):
    """Converts Connect data to Confluent's Avro wire format and back (Java class name
    ``io.confluent.connect.avro.AvroConverter``).

    ``schema_registry_client`` (a confluent-kafka ``SchemaRegistryClient``, a
    :class:`~converters.avro.registry.LocalSchemaRegistry`, or anything with their methods)
    takes precedence over ``schema.registry.url``, as Java's ``AvroConverter(client)``.

    Example::

        converter = AvroConverter()
        converter.configure({"schema.registry.url": "mock://demo"}, is_key=False)
        data = converter.from_connect_data("orders", order_schema, order)
        converter.to_connect_data("orders", data).value() == order
    """

    def __init__(self, schema_registry_client: Any = None) -> None:
        self._client = schema_registry_client
        self._configured = False
        self._is_key = False
        self._avro_data = AvroData()
        self._strategy: SubjectNameStrategy = subject_name_strategy(None)
        self._new_caches(AvroDataConfig.SCHEMAS_CACHE_SIZE_DEFAULT)
        self._auto_register = True
        self._use_schema_id = -1
        self._id_compatibility_strict = True
        self._use_latest_version = False
        self._latest_compatibility_strict = True
        self._normalize = False

    def config(self) -> ConfigDef:
        return AvroConverterConfig.config_def()

    def configure(self, configs: Mapping[str, Any], is_key: bool) -> None:
        """Configure for record keys (``is_key``) or values; see the module doc for the keys."""
        config = AvroConverterConfig(configs)
        self._is_key = is_key
        if self._client is None:
            self._client = new_registry_client(config.schema_registry_urls(), configs)
        data_config = AvroDataConfig(configs)
        self._avro_data = AvroData(data_config)
        strategy_key = (
            AvroConverterConfig.KEY_SUBJECT_NAME_STRATEGY
            if is_key
            else AvroConverterConfig.VALUE_SUBJECT_NAME_STRATEGY
        )
        self._strategy = subject_name_strategy(config.get_string(strategy_key), strategy_key)
        self._auto_register = bool(config.get_boolean(AvroConverterConfig.AUTO_REGISTER_SCHEMAS))
        self._use_schema_id = int(config.get_int(AvroConverterConfig.USE_SCHEMA_ID) or -1)
        self._id_compatibility_strict = bool(
            config.get_boolean(AvroConverterConfig.ID_COMPATIBILITY_STRICT)
        )
        self._use_latest_version = bool(config.get_boolean(AvroConverterConfig.USE_LATEST_VERSION))
        self._latest_compatibility_strict = bool(
            config.get_boolean(AvroConverterConfig.LATEST_COMPATIBILITY_STRICT)
        )
        self._normalize = bool(config.get_boolean(AvroConverterConfig.NORMALIZE_SCHEMAS))
        self._new_caches(data_config.schema_cache_size())
        self._configured = True

    def _new_caches(self, size: int) -> None:
        """Empty per-schema caches of ``size`` entries each (``schemas.cache.config``)."""
        self._writers: _BoundedCache[tuple[str, ConnectSchema | None], _Writer]
        self._writers = _BoundedCache(size)
        self._readers: _BoundedCache[tuple[str, int], _Reader] = _BoundedCache(size)
        self._registered: _BoundedCache[tuple[str, str], int] = _BoundedCache(size)  # by text
        self._parsed: _BoundedCache[int, AvroSchema] = _BoundedCache(size)

    @property
    def schema_registry_client(self) -> Any:
        """The registry client in use."""
        return self._client

    # ================================================================ Connect -> bytes

    def from_connect_data(
        self,
        topic: str,
        schema: ConnectSchema | None,
        value: Any,
        headers: Any = None,
    ) -> bytes | None:
        """The wire bytes of ``value`` (``None`` for a null value: a tombstone).

        Raises :class:`~connect_data.DataException` for a value that does not match its schema
        or a schema the registry rejects, :class:`~connect_data.RetriableException` when the
        registry cannot be reached.
        """
        writer = self._writers.get((topic, schema))
        if writer is None or writer.header is None or value is None:
            if writer is None:
                writer = self._writer(topic, schema)
            if value is None:
                if schema is not None and not schema.is_optional():
                    raise DataException(
                        f"Failed to serialize Avro data from topic {topic}: "
                        "Found null value for non-optional schema"
                    )
                return None
            if writer.header is None:
                self._register(topic, schema, writer)
        try:
            sink = _Sink()
            datum = writer.encode(value)  # type: ignore[misc]
            try:
                _write_datum(sink, writer.parsed, datum)
            except UnicodeEncodeError:
                # unpaired surrogates: written as Java's String.getBytes(UTF_8) does
                _write_datum(sink, writer.parsed, java_utf8_datum(datum))
            return writer.header + sink.data  # type: ignore[operator]
        except Exception as e:
            raise _write_failure(topic, e) from e

    def _writer(self, topic: str, schema: ConnectSchema | None) -> _Writer:
        self._require_configured()
        avro_schema = self._avro_data.from_connect_schema(schema)
        writer = _Writer(avro_schema)
        self._writers.put((topic, schema), writer)
        return writer

    def _register(self, topic: str, schema: ConnectSchema | None, writer: _Writer) -> None:
        """Find the schema id (registering, or per use.schema.id / use.latest.version)."""
        avro_schema = writer.avro_schema
        text = avro_schema.to_string()
        target = avro_schema
        try:
            subject = self._strategy.subject_name(topic, self._is_key, avro_schema)
            if self._auto_register:
                key = (subject, text)
                schema_id = self._registered.get(key)
                if schema_id is None:
                    schema_id = self._client.register_schema(
                        subject, RegistrySchema(text, "AVRO"), normalize_schemas=self._normalize
                    )
                    self._registered.put(key, schema_id)
            elif self._use_schema_id >= 0:
                schema_id = self._use_schema_id
                target = self._schema_by_id(schema_id)
                if self._id_compatibility_strict:
                    self._check_readable(target, avro_schema, f"schema id {schema_id}")
            elif self._use_latest_version:
                latest = self._client.get_latest_version(subject)
                schema_id = latest.schema_id
                target = parse_schema(latest.schema.schema_str)
                if self._latest_compatibility_strict:
                    self._check_readable(target, avro_schema, f"the latest version of {subject}")
            else:
                registered = self._client.lookup_schema(
                    subject, RegistrySchema(text, "AVRO"), normalize_schemas=self._normalize
                )
                schema_id = registered.schema_id
        except RetriableException:
            raise
        except ConnectException as e:
            raise type(e)(f"Failed to serialize Avro data from topic {topic}: {e}") from e
        except Exception as e:
            raise _registry_failure(topic, True, e) from e
        if not isinstance(schema_id, int) or not 0 <= schema_id < 2**31:
            raise DataException(f"The registry returned an invalid schema id: {schema_id!r}")
        writer.parsed = layout_of(target).parsed
        writer.encode = self._avro_data.encoder(schema, target, physical=True)
        writer.header = bytes([MAGIC_BYTE]) + schema_id.to_bytes(4, "big")

    @staticmethod
    def _check_readable(registered: AvroSchema, ours: AvroSchema, what: str) -> None:
        problems = reader_writer_incompatibilities(registered, ours)
        if problems:
            raise DataException(
                f"Incompatible schema: {what} cannot read data written with {ours}: "
                + "; ".join(problems)
            )

    # ================================================================ bytes -> Connect

    def to_connect_data(
        self, topic: str, data: bytes | None, headers: Any = None
    ) -> SchemaAndValue:
        """The Connect schema and value of wire bytes (``SchemaAndValue.NULL`` for ``None``).

        Raises :class:`~connect_data.DataException` for bytes that are not Confluent Avro
        (magic byte, unknown schema id, truncated or garbage data),
        :class:`~connect_data.RetriableException` when the registry cannot be reached.
        """
        if data is None:
            return SchemaAndValue.NULL
        if len(data) < _HEADER_SIZE or data[0] != MAGIC_BYTE:
            raise DataException(
                f"Failed to deserialize data for topic {topic} to Avro: Unknown magic byte!"
            )
        schema_id = int.from_bytes(data[1:_HEADER_SIZE], "big")
        reader = self._readers.get((topic, schema_id))
        if reader is None:
            reader = self._reader(topic, schema_id)
        stream = io.BytesIO(data)
        stream.seek(_HEADER_SIZE)
        try:
            datum = reader.layout.read(stream)
        except RecursionError as e:
            raise DataException(
                f"Failed to deserialize data for topic {topic} to Avro: the Avro data of schema "
                f"id {schema_id} is nested too deeply"
            ) from e
        except Exception as e:
            raise DataException(
                f"Failed to deserialize data for topic {topic} to Avro: the Avro data does not "
                f"match schema id {schema_id} ({type(e).__name__}: {e})"
            ) from e
        if stream.tell() != len(data):
            raise DataException(
                f"Failed to deserialize data for topic {topic} to Avro: "
                f"{len(data) - stream.tell()} bytes left after the value of schema id {schema_id}"
            )
        try:
            value = reader.decode(datum)
        except DataException as e:
            raise type(e)(f"Failed to deserialize data for topic {topic} to Avro: {e}") from e
        except (ValueError, OverflowError, TypeError) as e:  # e.g. a date out of Python's range
            raise DataException(
                f"Failed to deserialize data for topic {topic} to Avro: {type(e).__name__}: {e}"
            ) from e
        except RecursionError as e:
            raise DataException(
                f"Failed to deserialize data for topic {topic} to Avro: the value of schema id "
                f"{schema_id} is nested too deeply"
            ) from e
        return SchemaAndValue(reader.schema, value)

    def _reader(self, topic: str, schema_id: int) -> _Reader:
        self._require_configured()
        avro_schema = self._parsed.get(schema_id)
        try:
            if avro_schema is None:
                avro_schema = self._schema_by_id(schema_id)
                self._parsed.put(schema_id, avro_schema)
            version = self._version(topic, schema_id, avro_schema)
        except ConnectException as e:
            raise type(e)(f"Failed to deserialize data for topic {topic} to Avro: {e}") from e
        except Exception as e:
            raise _registry_failure(topic, False, e) from e
        schema = self._avro_data.to_connect_schema_versioned(avro_schema, version)
        reader = _Reader(
            layout_of(avro_schema),
            schema,
            self._avro_data.decoder(avro_schema, schema, physical=True),
        )
        self._readers.put((topic, schema_id), reader)
        return reader

    def _schema_by_id(self, schema_id: int) -> AvroSchema:
        try:
            registered = self._client.get_schema(schema_id)
        except SchemaRegistryError as e:
            if e.http_status_code == 404:
                raise DataException(f"Error retrieving Avro schema for id {schema_id}: {e}") from e
            raise
        schema_type = (registered.schema_type or "AVRO").upper()
        if schema_type != "AVRO":
            raise DataException(f"Schema id {schema_id} is a {schema_type} schema, not Avro")
        return parse_schema(registered.schema_str)

    def _version(self, topic: str, schema_id: int, avro_schema: AvroSchema) -> int | None:
        """The subject version of the schema, as Java's deserializer looks it up."""
        try:
            subject = self._strategy.subject_name(topic, self._is_key, avro_schema)
        except DataException:
            return None
        try:
            registered = self._client.lookup_schema(
                subject, RegistrySchema(avro_schema.to_string(), "AVRO")
            )
        except SchemaRegistryError as e:
            if e.http_status_code == 404:
                return None  # not in this subject: Java fails here, connectpy reads on
            raise
        version = registered.version
        return version if isinstance(version, int) else None

    def _require_configured(self) -> None:
        if not self._configured:
            raise ConfigException("AvroConverter must be configured before use")

    def close(self) -> None:
        """Drop cached schemas (the registry client stays usable by other converters)."""
        self._writers.clear()
        self._readers.clear()


def _transport_errors() -> tuple[type[BaseException], ...]:
    """Network failures of the registry client (httpx2 or httpx, whichever it uses)."""
    errors: list[type[BaseException]] = [OSError, TimeoutError]
    for name in ("httpx2", "httpx"):
        try:
            errors.append(importlib.import_module(name).TransportError)
        except (ImportError, AttributeError):
            continue
    return tuple(errors)


_TRANSPORT_ERRORS = _transport_errors()


def _tls_failure(error: BaseException) -> bool:
    """Whether a network error is a TLS failure (a configuration problem, not retried)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLError) or "CERTIFICATE_VERIFY_FAILED" in str(current):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _write_failure(topic: str, error: Exception) -> DataException:
    """A value that cannot be written: a DataException naming the topic and the cause."""
    message = f"Failed to serialize Avro data from topic {topic}: {error}"
    if isinstance(error, DataException):
        return type(error)(message)
    return DataException(message)  # fastavro's own checks (ranges, sizes)


def _registry_failure(topic: str, serializing: bool, error: Exception) -> ConnectException:
    """Java's mapping: network trouble is retriable, a registry refusal is a DataException."""
    action = (
        f"serializing Avro data for topic {topic}"
        if serializing
        else f"deserializing data for topic {topic}"
    )
    if isinstance(error, _TRANSPORT_ERRORS) and not _tls_failure(error):
        return RetriableException(f"Network connection error while {action}: {error}")
    if isinstance(error, SchemaRegistryError) and error.http_status_code in _RETRIABLE_HTTP:
        return RetriableException(f"Schema Registry unavailable while {action}: {error}")
    if serializing:
        return DataException(f"Failed to serialize Avro data from topic {topic}: {error}")
    return DataException(f"Failed to deserialize data for topic {topic} to Avro: {error}")
