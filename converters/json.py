"""``JsonConverter``: Kafka Connect's JSON converter, byte-compatible with the Java one.

Port of ``org.apache.kafka.connect.json.JsonConverter`` and ``JsonConverterConfig``. With
``schemas.enable=true`` (the default) every record is an envelope
``{"schema": <schema JSON>, "payload": <value>}``; with ``false`` only the value is written and
reading gives schemaless data (``int``, ``float``, ``str``, ``bool``, ``list``, ``dict``).

Example::

    converter = JsonConverter()
    converter.configure({"schemas.enable": "false"}, is_key=False)
    data = converter.from_connect_data("orders", schema, struct)
    converter.to_connect_data("orders", data).value()   # {"id": 42, ...}

The text written is the text Java writes, character for character; what Java reads, connectpy
reads the same way (including Jackson's leniencies). Deliberate differences are listed in
``docs/compatibility.md`` under "JsonConverter".
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from connect_data import DataException, Schema, SchemaAndValue
from connect_data.config import CaseInsensitiveValidString, ConfigDef
from converters._json_codec import JsonCodec, read_plain, too_deep
from converters._json_compile import Fallback
from converters._json_data import JsonData
from converters.converter import Converter, HeaderConverter
from converters.converter_config import ConverterConfig, ConverterType, with_converter_type
from converters.version import connectpy_version

if TYPE_CHECKING:
    from connect_data.headers import ConnectHeaders

__all__ = ["DecimalFormat", "JsonConverter", "JsonConverterConfig"]


class DecimalFormat(enum.Enum):
    """How ``JsonConverter`` writes Decimal values (``decimal.format``)."""

    #: base64 text of the unscaled value's two's-complement bytes (the default)
    BASE64 = "BASE64"
    #: a JSON number, as ``BigDecimal.toString()`` writes it
    NUMERIC = "NUMERIC"


class JsonConverterConfig(ConverterConfig):
    """The configuration of a :class:`JsonConverter` (``JsonConverterConfig``)."""

    SCHEMAS_ENABLE_CONFIG: ClassVar[str] = "schemas.enable"
    SCHEMAS_ENABLE_DEFAULT: ClassVar[bool] = True
    SCHEMAS_ENABLE_DOC: ClassVar[str] = (
        "Include schemas within each of the serialized values and keys."
    )
    SCHEMAS_ENABLE_DISPLAY: ClassVar[str] = "Enable Schemas"

    SCHEMAS_CACHE_SIZE_CONFIG: ClassVar[str] = "schemas.cache.size"
    SCHEMAS_CACHE_SIZE_DEFAULT: ClassVar[int] = 1000
    SCHEMAS_CACHE_SIZE_DOC: ClassVar[str] = (
        "The maximum number of schemas that can be cached in this converter instance."
    )
    SCHEMAS_CACHE_SIZE_DISPLAY: ClassVar[str] = "Schema Cache Size"

    DECIMAL_FORMAT_CONFIG: ClassVar[str] = "decimal.format"
    DECIMAL_FORMAT_DEFAULT: ClassVar[str] = DecimalFormat.BASE64.name
    DECIMAL_FORMAT_DOC: ClassVar[str] = (
        "Controls which format this converter will serialize decimals in."
        " This value is case insensitive and can be either 'BASE64' (default) or 'NUMERIC'"
    )
    DECIMAL_FORMAT_DISPLAY: ClassVar[str] = "Decimal Format"

    REPLACE_NULL_WITH_DEFAULT_CONFIG: ClassVar[str] = "replace.null.with.default"
    REPLACE_NULL_WITH_DEFAULT_DEFAULT: ClassVar[bool] = True
    REPLACE_NULL_WITH_DEFAULT_DOC: ClassVar[str] = (
        "Whether to replace fields that have a default value and that are null to the default "
        "value. When set to true, the default value is used, otherwise null is used."
    )
    REPLACE_NULL_WITH_DEFAULT_DISPLAY: ClassVar[str] = "Replace null with default"

    _CONFIG: ClassVar[ConfigDef | None] = None

    @classmethod
    def config_def(cls) -> ConfigDef:
        """The :class:`ConfigDef` of the JsonConverter's keys (``JsonConverterConfig.configDef()``)."""
        if cls._CONFIG is None:
            config = ConverterConfig.new_config_def()
            group = "Schemas"
            config.define(
                cls.SCHEMAS_ENABLE_CONFIG,
                ConfigDef.Type.BOOLEAN,
                cls.SCHEMAS_ENABLE_DEFAULT,
                None,
                ConfigDef.Importance.HIGH,
                cls.SCHEMAS_ENABLE_DOC,
                group,
                0,
                ConfigDef.Width.MEDIUM,
                cls.SCHEMAS_ENABLE_DISPLAY,
            )
            config.define(
                cls.SCHEMAS_CACHE_SIZE_CONFIG,
                ConfigDef.Type.INT,
                cls.SCHEMAS_CACHE_SIZE_DEFAULT,
                None,
                ConfigDef.Importance.HIGH,
                cls.SCHEMAS_CACHE_SIZE_DOC,
                group,
                1,
                ConfigDef.Width.MEDIUM,
                cls.SCHEMAS_CACHE_SIZE_DISPLAY,
            )
            group = "Serialization"
            config.define(
                cls.DECIMAL_FORMAT_CONFIG,
                ConfigDef.Type.STRING,
                cls.DECIMAL_FORMAT_DEFAULT,
                CaseInsensitiveValidString.in_(
                    DecimalFormat.BASE64.name, DecimalFormat.NUMERIC.name
                ),
                ConfigDef.Importance.LOW,
                cls.DECIMAL_FORMAT_DOC,
                group,
                0,
                ConfigDef.Width.MEDIUM,
                cls.DECIMAL_FORMAT_DISPLAY,
            )
            config.define(
                cls.REPLACE_NULL_WITH_DEFAULT_CONFIG,
                ConfigDef.Type.BOOLEAN,
                cls.REPLACE_NULL_WITH_DEFAULT_DEFAULT,
                None,
                ConfigDef.Importance.LOW,
                cls.REPLACE_NULL_WITH_DEFAULT_DOC,
                group,
                1,
                ConfigDef.Width.MEDIUM,
                cls.REPLACE_NULL_WITH_DEFAULT_DISPLAY,
            )
            cls._CONFIG = config
        return cls._CONFIG

    def __init__(self, props: Mapping[str, Any]) -> None:
        super().__init__(JsonConverterConfig.config_def(), props)
        self._schemas_enabled = bool(self.get_boolean(self.SCHEMAS_ENABLE_CONFIG))
        cache_size = self.get_int(self.SCHEMAS_CACHE_SIZE_CONFIG)
        self._schema_cache_size = int(cache_size if cache_size is not None else 0)
        decimal_format = self.get_string(self.DECIMAL_FORMAT_CONFIG) or ""
        self._decimal_format = DecimalFormat[decimal_format.upper()]
        self._replace_null_with_default = bool(
            self.get_boolean(self.REPLACE_NULL_WITH_DEFAULT_CONFIG)
        )

    def schemas_enabled(self) -> bool:
        """Whether records carry their schema (``schemas.enable``)."""
        return self._schemas_enabled

    def schema_cache_size(self) -> int:
        """The maximum number of schemas cached per direction (``schemas.cache.size``)."""
        return self._schema_cache_size

    def decimal_format(self) -> DecimalFormat:
        """How Decimal values are written (``decimal.format``)."""
        return self._decimal_format

    def replace_null_with_default(self) -> bool:
        """Whether null values are replaced by the schema default (``replace.null.with.default``)."""
        return self._replace_null_with_default


class JsonConverter(Converter, HeaderConverter):
    """Kafka Connect's JSON converter (``org.apache.kafka.connect.json.JsonConverter``).

    Configure with ``configure(configs, is_key)`` (as a key/value converter) or
    ``configure(configs)`` with ``converter.type`` set (as a header converter). Keys:
    ``schemas.enable`` (default true), ``schemas.cache.size`` (1000), ``decimal.format``
    (``BASE64`` or ``NUMERIC``), ``replace.null.with.default`` (true); values may be strings
    (``"false"``) or typed (``False``).
    """

    #: The Java class name Kafka Connect configs use for this converter.
    JAVA_CLASS_NAME: ClassVar[str] = "org.apache.kafka.connect.json.JsonConverter"

    def __init__(self) -> None:
        self._config: JsonConverterConfig | None = None
        self._codec = JsonCodec(
            JsonData(decimal_numeric=False, replace_null=True, cache_size=1000),
            schemas_enabled=True,
        )

    def version(self) -> str:
        """connectpy's version (Java: the Kafka version, ``AppInfoParser.getVersion()``)."""
        return connectpy_version()

    def config(self) -> ConfigDef:
        """The definition of the JsonConverter's configuration keys."""
        return JsonConverterConfig.config_def()

    def configure(self, configs: Mapping[str, Any], is_key: bool | None = None) -> None:
        """Apply ``configs``; ``is_key`` tells a key converter from a value converter.

        Without ``is_key`` (the header-converter form) ``configs`` must hold
        ``converter.type``. Raises :class:`~connect_data.config.ConfigException` for invalid
        values.
        """
        if is_key is not None:
            configs = with_converter_type(configs, is_key)
        config = JsonConverterConfig(configs)
        self._config = config
        data = JsonData(
            decimal_numeric=config.decimal_format() is DecimalFormat.NUMERIC,
            replace_null=config.replace_null_with_default(),
            cache_size=config.schema_cache_size(),
        )
        self._codec = JsonCodec(
            data,
            schemas_enabled=config.schemas_enabled(),
            cache_size=config.schema_cache_size(),
        )

    def converter_type(self) -> ConverterType | None:
        """The role set by the last :meth:`configure` (``None`` before configuration)."""
        return None if self._config is None else self._config.type()

    def from_connect_data(
        self,
        topic: str,
        schema: Schema | None,
        value: Any,
        headers: ConnectHeaders | None = None,
    ) -> bytes | None:
        """The JSON bytes of ``value`` (of ``schema``); ``None`` when both are ``None``.

        Raises :class:`~connect_data.DataException` if the value does not fit the schema.
        """
        codec = self._codec
        try:
            last = codec.last_writer  # the common case first: the schema of the last record
            if schema is last[0]:
                try:
                    return last[1](value)
                except (Fallback, TypeError):
                    return codec.serialize_exact(topic, schema, value)
            return codec.serialize(topic, schema, value)
        except RecursionError:
            raise too_deep(topic) from None

    def to_connect_data(
        self,
        topic: str,
        data: bytes | None,
        headers: ConnectHeaders | None = None,
    ) -> SchemaAndValue:
        """The schema and value read from JSON bytes; ``SchemaAndValue.NULL`` for ``None``.

        Raises :class:`~connect_data.DataException` for invalid JSON or data that does not
        match its schema.
        """
        codec = self._codec
        if not codec.schemas_enabled and type(data) is bytes:
            # the common case first, without the calls of codec.deserialize
            try:
                return SchemaAndValue(None, read_plain(data))
            except Fallback:
                pass
        return codec.deserialize(topic, data)

    def from_connect_header(
        self, topic: str, header_key: str, schema: Schema | None, value: Any
    ) -> bytes | None:
        """Serialize a header value, exactly as :meth:`from_connect_data`."""
        return self.from_connect_data(topic, schema, value)

    def to_connect_header(self, topic: str, header_key: str, data: bytes | None) -> SchemaAndValue:
        """Deserialize a header value, exactly as :meth:`to_connect_data`."""
        return self.to_connect_data(topic, data)

    def as_json_schema(self, schema: Schema | None) -> dict[str, Any] | None:
        """The schema JSON (a dict, keys in Kafka's order) JsonConverter writes for ``schema``."""
        try:
            return self._codec.data.as_json_schema(schema)
        except RecursionError:
            raise DataException("The schema is nested too deeply for connectpy") from None

    def as_connect_schema(self, json_schema: Any) -> Schema | None:
        """The Connect schema for schema JSON (as parsed by ``json.loads``); ``None`` for null.

        Raises :class:`~connect_data.DataException` for schema JSON Java would reject.
        """
        try:
            return self._codec.data.as_connect_schema(json_schema)
        except RecursionError:
            raise DataException("The schema JSON is nested too deeply for connectpy") from None

    def size_of_from_connect_schema_cache(self) -> int:
        """How many schemas are cached for writing (for tests, as Java's package-private method)."""
        return self._codec.from_connect_cache_size()

    def size_of_to_connect_schema_cache(self) -> int:
        """How many schema JSON texts are cached for reading."""
        return self._codec.to_connect_cache_size()

    def close(self) -> None:
        """Nothing to release."""
