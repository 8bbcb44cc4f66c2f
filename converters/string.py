"""``StringConverter``: values as their Java text, in a Java charset.

Port of ``org.apache.kafka.connect.storage.StringConverter`` and ``StringConverterConfig``.
Writing ignores the schema's type and writes what Java's ``value.toString()`` writes (``42``,
``1.0E10``, ``[a, 1, null]``, ``{k=v}``, ``Struct{a=1}``); reading always gives an optional
string. Use it for plain-text keys and values, and as a header converter.

Encoding: ``converter.encoding`` (default ``UTF-8``, any Java charset name or alias). As in
Java, the converter hands its serializer ``serializer.encoding=<converter.encoding>`` and its
deserializer ``deserializer.encoding=<converter.encoding>``, so those two keys given by the
user are overridden; ``key.serializer.encoding`` / ``value.serializer.encoding`` (and the
``deserializer`` forms), picked by the converter's role, take precedence over both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from connect_data import DataException, Schema, SchemaAndValue
from connect_data.config import ConfigDef, ConfigException
from connect_data.javatext import to_java_string
from converters import charsets
from converters.converter_config import ConverterConfig, ConverterType, with_converter_type
from converters.primitives import _check_data, _PrimitiveConverter

if TYPE_CHECKING:
    from connect_data.headers import ConnectHeaders

__all__ = ["StringConverter", "StringConverterConfig"]


class StringConverterConfig(ConverterConfig):
    """The configuration of :class:`StringConverter`: ``converter.type`` and ``converter.encoding``."""

    ENCODING_CONFIG = "converter.encoding"
    ENCODING_DEFAULT = "UTF-8"
    ENCODING_DOC = "The name of the Java character set to use for encoding strings as byte arrays."
    ENCODING_DISPLAY = "Encoding"

    _CONFIG: ClassVar[ConfigDef | None] = None

    @classmethod
    def config_def(cls) -> ConfigDef:
        """The :class:`ConfigDef` of the string converter (shared, do not modify)."""
        if StringConverterConfig._CONFIG is None:
            StringConverterConfig._CONFIG = ConverterConfig.new_config_def().define(
                StringConverterConfig.ENCODING_CONFIG,
                ConfigDef.Type.STRING,
                StringConverterConfig.ENCODING_DEFAULT,
                None,
                ConfigDef.Importance.HIGH,
                StringConverterConfig.ENCODING_DOC,
                None,
                -1,
                ConfigDef.Width.MEDIUM,
                StringConverterConfig.ENCODING_DISPLAY,
            )
        return StringConverterConfig._CONFIG

    def __init__(self, props: Mapping[str, Any]) -> None:
        super().__init__(StringConverterConfig.config_def(), props)

    def encoding(self) -> str | None:
        """The value of ``converter.encoding``."""
        return self.get_string(StringConverterConfig.ENCODING_CONFIG)


def _charset_from(configs: Mapping[str, Any], role: str, is_key: bool) -> charsets.JavaCharset:
    """The charset Kafka's String(De)Serializer picks from ``configs`` (``role``: serializer...)."""
    key = f"{'key' if is_key else 'value'}.{role}.encoding"
    name = configs.get(key)
    if name is None:
        key = f"{role}.encoding"
        name = configs.get(key)
    if not isinstance(name, str):
        return charsets.UTF_8
    try:
        return charsets.for_name(name)
    except charsets.UnsupportedCharsetError as exc:
        if key == f"{role}.encoding":
            key = StringConverterConfig.ENCODING_CONFIG  # the converter's own setting put it there
        raise ConfigException(key, name, f"Unsupported encoding {name}") from exc


class StringConverter(_PrimitiveConverter):
    """Writes ``value.toString()`` as Java would, in a Java charset; reads optional strings.

    >>> converter = StringConverter()
    >>> converter.configure({"converter.encoding": "UTF-16"}, False)
    >>> converter.from_connect_data("topic", None, "hi").hex()
    'feff00680069'
    >>> converter.to_connect_data("topic", b"\\xfe\\xff\\x00h\\x00i").value()
    'hi'
    """

    def __init__(self) -> None:
        self._encoder: charsets.JavaCharset = charsets.UTF_8
        self._decoder: charsets.JavaCharset = charsets.UTF_8

    def config(self) -> ConfigDef:
        """``converter.type`` and ``converter.encoding``."""
        return StringConverterConfig.config_def()

    def configure(self, configs: Mapping[str, Any], is_key: bool | None = None) -> None:
        """Configure as a key or value converter (``is_key`` given) or as a header converter.

        Without ``is_key``, ``configs`` must hold ``converter.type`` (``key``, ``value`` or
        ``header``), as Java's ``configure(Map)``. Raises :class:`ConfigException` for a bad
        ``converter.type`` or an encoding that is not a Java charset name.
        """
        if is_key is not None:
            configs = with_converter_type(configs, is_key)
        conf = StringConverterConfig(configs)
        encoding = conf.encoding()
        key_role = conf.type() is ConverterType.KEY
        serializer_configs = {**configs, "serializer.encoding": encoding}
        deserializer_configs = {**configs, "deserializer.encoding": encoding}
        encoder = _charset_from(serializer_configs, "serializer", key_role)
        decoder = _charset_from(deserializer_configs, "deserializer", key_role)
        self._encoder, self._decoder = encoder, decoder

    def from_connect_data(
        self,
        topic: str,
        schema: Schema | None,
        value: Any,
        headers: ConnectHeaders | None = None,
    ) -> bytes | None:
        """``value``'s Java text in the configured charset; ``None`` for ``None``.

        The schema only tells a FLOAT32 value from a FLOAT64 one (Java's ``Float.toString``
        and ``Double.toString`` differ); Java ignores it.
        """
        if value is None:
            return None
        try:
            text = value if type(value) is str else to_java_string(value, schema)
            return self._encoder.encode(text)
        except Exception as exc:
            raise DataException(
                f"Failed to serialize to a string: {exc} (topic {topic!r})"
            ) from exc

    def to_connect_data(
        self,
        topic: str,
        data: bytes | None,
        headers: ConnectHeaders | None = None,
    ) -> SchemaAndValue:
        """The decoded string with the optional string schema (``None`` stays ``None``)."""
        if data is None:
            return SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, None)
        raw = _check_data(topic, data, "string")
        return SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, self._decoder.decode(raw))
