"""The configuration of :class:`~connectors.http.HttpPollSourceConnector` and its tasks.

:data:`CONFIG_DEF` defines every key (the generated reference is in docs/connectors.md);
:class:`HttpPollSourceConfig` parses a configuration, checks the keys that depend on each other
and offers the values in the shapes the task uses. The connector and its tasks share it: a
task configuration is the connector configuration with ``http.url`` narrowed to the task's URLs.

``http.headers`` syntax: a comma-separated list of ``Name: value`` entries, for example
``Accept: application/json, X-Api-Version: 2``. Since the list is split at commas, a comma
inside a header value is kept when the text after it does not start a new entry (a header
name, made of the characters RFC 9110 allows in a token, followed by ``:``):
``Accept: application/json, text/plain, X-Trace: on`` gives ``Accept`` the value
``application/json, text/plain``. Put secrets in ``http.auth.*`` (hidden in logs and in the
REST API), not in ``http.headers``.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from collections.abc import Mapping
from typing import Any, Final

from connect_data.config import (
    AbstractConfig,
    CaseInsensitiveValidString,
    ConfigDef,
    ConfigException,
    ConfigValue,
    NonEmptyString,
    Password,
    Range,
)
from connectors.http.json_pointer import JsonPointer, JsonPointerError

__all__ = [
    "CONFIG_DEF",
    "HttpPollSourceConfig",
    "parse_headers",
]

HTTP_URL_CONFIG: Final = "http.url"
TOPIC_CONFIG: Final = "topic"
POLL_INTERVAL_MS_CONFIG: Final = "poll.interval.ms"
HTTP_METHOD_CONFIG: Final = "http.method"
HTTP_REQUEST_BODY_CONFIG: Final = "http.request.body"
HTTP_HEADERS_CONFIG: Final = "http.headers"
HTTP_TIMEOUT_MS_CONFIG: Final = "http.timeout.ms"
HTTP_SSL_VERIFY_CONFIG: Final = "http.ssl.verify"
HTTP_SSL_CA_LOCATION_CONFIG: Final = "http.ssl.ca.location"
HTTP_AUTH_TYPE_CONFIG: Final = "http.auth.type"
HTTP_AUTH_USER_CONFIG: Final = "http.auth.user"
HTTP_AUTH_PASSWORD_CONFIG: Final = "http.auth.password"
HTTP_AUTH_TOKEN_CONFIG: Final = "http.auth.token"
HTTP_RETRY_BACKOFF_MS_CONFIG: Final = "http.retry.backoff.ms"
HTTP_RETRY_BACKOFF_MAX_MS_CONFIG: Final = "http.retry.backoff.max.ms"
HTTP_RECORDS_PATH_CONFIG: Final = "http.records.path"
HTTP_RECORD_KEY_FIELD_CONFIG: Final = "http.record.key.field"
OUTPUT_FORMAT_CONFIG: Final = "output.format"
SCHEMA_NAME_CONFIG: Final = "schema.name"
HTTP_OFFSET_FIELD_CONFIG: Final = "http.offset.field"
HTTP_OFFSET_PARAM_CONFIG: Final = "http.offset.param"
HTTP_PAGINATION_TYPE_CONFIG: Final = "http.pagination.type"
HTTP_PAGINATION_CURSOR_PATH_CONFIG: Final = "http.pagination.cursor.path"
HTTP_PAGINATION_CURSOR_PARAM_CONFIG: Final = "http.pagination.cursor.param"
HTTP_PAGINATION_MAX_PAGES_CONFIG: Final = "http.pagination.max.pages"

AUTH_NONE: Final = "none"
AUTH_BASIC: Final = "basic"
AUTH_BEARER: Final = "bearer"
FORMAT_STRING: Final = "string"
FORMAT_STRUCT: Final = "struct"
PAGINATION_NONE: Final = "none"
PAGINATION_LINK: Final = "link"
PAGINATION_CURSOR: Final = "cursor"

_CONNECTION = "Connection"
_AUTHENTICATION = "Authentication"
_RECORDS = "Records"
_INCREMENTAL = "Incremental polling"
_PAGINATION = "Pagination"


class _HttpUrls:
    """Validator of ``http.url``: at least one absolute ``http://`` or ``https://`` URL."""

    def ensure_valid(self, name: str, value: Any) -> None:
        if value is None:
            return
        if not value:
            raise ConfigException(name, value, "At least one URL is required")
        for url in value:
            parts = urllib.parse.urlsplit(url)
            if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
                raise ConfigException(
                    name, value, f"{redact_url(url)} is not an absolute http:// or https:// URL"
                )

    def __str__(self) -> str:
        return "non-empty list of http:// or https:// URLs"


class _JsonPointerOrEmpty:
    """Validator of a JSON Pointer (RFC 6901) setting; empty means the whole document."""

    def ensure_valid(self, name: str, value: Any) -> None:
        if value:
            try:
                JsonPointer.parse(value)
            except JsonPointerError as exc:
                raise ConfigException(name, value, str(exc)) from None

    def __str__(self) -> str:
        return "a JSON Pointer (RFC 6901) such as /data/items, or empty"


class _Headers:
    """Validator of ``http.headers``."""

    def ensure_valid(self, name: str, value: Any) -> None:
        if value:
            parse_headers(value, name)

    def __str__(self) -> str:
        return "comma-separated 'Name: value' entries"


CONFIG_DEF: Final = (
    ConfigDef()
    .define(
        HTTP_URL_CONFIG,
        ConfigDef.Type.LIST,
        ConfigDef.NO_DEFAULT_VALUE,
        _HttpUrls(),
        ConfigDef.Importance.HIGH,
        "The URL to poll, or a comma-separated list of URLs (percent-encode commas inside a "
        "URL as %2C). The URLs are split across up to tasks.max tasks; each URL is a source "
        "partition with its own offset.",
        _CONNECTION,
        1,
        ConfigDef.Width.LONG,
        "URLs",
    )
    .define(
        HTTP_METHOD_CONFIG,
        ConfigDef.Type.STRING,
        "GET",
        CaseInsensitiveValidString.in_("GET", "POST"),
        ConfigDef.Importance.MEDIUM,
        "The HTTP method of each request.",
        _CONNECTION,
        2,
        ConfigDef.Width.SHORT,
        "HTTP method",
    )
    .define(
        HTTP_REQUEST_BODY_CONFIG,
        ConfigDef.Type.STRING,
        "",
        None,
        ConfigDef.Importance.LOW,
        "The body sent with each POST request (with http.headers setting its Content-Type). "
        "Not sent with GET.",
        _CONNECTION,
        3,
        ConfigDef.Width.LONG,
        "Request body",
    )
    .define(
        HTTP_HEADERS_CONFIG,
        ConfigDef.Type.LIST,
        "",
        _Headers(),
        ConfigDef.Importance.MEDIUM,
        "Extra request headers: a comma-separated list of 'Name: value' entries, for example "
        "'Accept: application/json, X-Api-Version: 2'. Text after a comma that does not start "
        "with a header name and ':' continues the previous value, so 'Accept: a/b, c/d' keeps "
        "its comma. Do not put secrets here: use http.auth.*.",
        _CONNECTION,
        4,
        ConfigDef.Width.LONG,
        "Request headers",
    )
    .define(
        HTTP_TIMEOUT_MS_CONFIG,
        ConfigDef.Type.INT,
        30_000,
        Range.at_least(1),
        ConfigDef.Importance.MEDIUM,
        "How long to wait, in milliseconds, to connect and for each read of the response. A "
        "request that times out is retried after a backoff.",
        _CONNECTION,
        5,
        ConfigDef.Width.SHORT,
        "Request timeout (ms)",
    )
    .define(
        HTTP_SSL_VERIFY_CONFIG,
        ConfigDef.Type.BOOLEAN,
        True,
        None,
        ConfigDef.Importance.MEDIUM,
        "Whether to verify the TLS certificate and host name of https:// URLs. Keep it on; to "
        "trust a private or self-signed certificate, set http.ssl.ca.location instead.",
        _CONNECTION,
        6,
        ConfigDef.Width.SHORT,
        "Verify TLS certificates",
    )
    .define(
        HTTP_SSL_CA_LOCATION_CONFIG,
        ConfigDef.Type.STRING,
        None,
        None,
        ConfigDef.Importance.LOW,
        "A PEM file of CA certificates to trust instead of the system's (as librdkafka's "
        "ssl.ca.location). Empty for the system's trusted CAs.",
        _CONNECTION,
        7,
        ConfigDef.Width.LONG,
        "CA certificates file",
    )
    .define(
        HTTP_RETRY_BACKOFF_MS_CONFIG,
        ConfigDef.Type.LONG,
        1_000,
        Range.at_least(0),
        ConfigDef.Importance.LOW,
        "The wait in milliseconds before retrying a request that timed out, could not "
        "connect, or got a 429 or 5xx response; it doubles with each further failure up to "
        "http.retry.backoff.max.ms. A Retry-After response header, when longer, wins.",
        _CONNECTION,
        8,
        ConfigDef.Width.SHORT,
        "Retry backoff (ms)",
    )
    .define(
        HTTP_RETRY_BACKOFF_MAX_MS_CONFIG,
        ConfigDef.Type.LONG,
        60_000,
        Range.at_least(0),
        ConfigDef.Importance.LOW,
        "The longest wait in milliseconds between retries of a failing request.",
        _CONNECTION,
        9,
        ConfigDef.Width.SHORT,
        "Maximum retry backoff (ms)",
    )
    .define(
        HTTP_AUTH_TYPE_CONFIG,
        ConfigDef.Type.STRING,
        AUTH_NONE,
        CaseInsensitiveValidString.in_(AUTH_NONE, AUTH_BASIC, AUTH_BEARER),
        ConfigDef.Importance.HIGH,
        "How requests authenticate: none; basic (HTTP Basic with http.auth.user and "
        "http.auth.password); bearer (an 'Authorization: Bearer' header with http.auth.token).",
        _AUTHENTICATION,
        1,
        ConfigDef.Width.SHORT,
        "Authentication type",
        (HTTP_AUTH_USER_CONFIG, HTTP_AUTH_PASSWORD_CONFIG, HTTP_AUTH_TOKEN_CONFIG),
    )
    .define(
        HTTP_AUTH_USER_CONFIG,
        ConfigDef.Type.STRING,
        None,
        None,
        ConfigDef.Importance.HIGH,
        "The user name for http.auth.type=basic.",
        _AUTHENTICATION,
        2,
        ConfigDef.Width.MEDIUM,
        "User name",
    )
    .define(
        HTTP_AUTH_PASSWORD_CONFIG,
        ConfigDef.Type.PASSWORD,
        None,
        None,
        ConfigDef.Importance.HIGH,
        "The password for http.auth.type=basic.",
        _AUTHENTICATION,
        3,
        ConfigDef.Width.MEDIUM,
        "Password",
    )
    .define(
        HTTP_AUTH_TOKEN_CONFIG,
        ConfigDef.Type.PASSWORD,
        None,
        None,
        ConfigDef.Importance.HIGH,
        "The token for http.auth.type=bearer.",
        _AUTHENTICATION,
        4,
        ConfigDef.Width.LONG,
        "Bearer token",
    )
    .define(
        TOPIC_CONFIG,
        ConfigDef.Type.STRING,
        ConfigDef.NO_DEFAULT_VALUE,
        NonEmptyString(),
        ConfigDef.Importance.HIGH,
        "The topic to write the records to.",
        _RECORDS,
        1,
        ConfigDef.Width.MEDIUM,
        "Topic",
    )
    .define(
        POLL_INTERVAL_MS_CONFIG,
        ConfigDef.Type.LONG,
        5_000,
        Range.at_least(0),
        ConfigDef.Importance.HIGH,
        "How often to poll each URL, in milliseconds: the time from the start of one poll to "
        "the start of the next.",
        _RECORDS,
        2,
        ConfigDef.Width.SHORT,
        "Poll interval (ms)",
    )
    .define(
        HTTP_RECORDS_PATH_CONFIG,
        ConfigDef.Type.STRING,
        "",
        _JsonPointerOrEmpty(),
        ConfigDef.Importance.MEDIUM,
        "A JSON Pointer (RFC 6901), such as /data/items, to the records in each JSON response: "
        "an array gives one record per element, anything else one record. Empty for the whole "
        "body. With output.format=string and nothing else needing the JSON (no key field, "
        "offset field or cursor), an empty path sends the raw body, unparsed, as one record.",
        _RECORDS,
        3,
        ConfigDef.Width.MEDIUM,
        "Records path",
    )
    .define(
        HTTP_RECORD_KEY_FIELD_CONFIG,
        ConfigDef.Type.STRING,
        "",
        None,
        ConfigDef.Importance.MEDIUM,
        "The field of each record to use as the record key (a member name, or a JSON Pointer "
        "into the record if it starts with '/'). The key is a string: text as it is, other "
        "values as their JSON text. Empty for no key.",
        _RECORDS,
        4,
        ConfigDef.Width.MEDIUM,
        "Key field",
    )
    .define(
        OUTPUT_FORMAT_CONFIG,
        ConfigDef.Type.STRING,
        FORMAT_STRING,
        CaseInsensitiveValidString.in_(FORMAT_STRING, FORMAT_STRUCT),
        ConfigDef.Importance.HIGH,
        "The record values: string (a STRING value: the raw body, or each record's JSON text) "
        "or struct (a STRUCT whose schema is inferred from the JSON records and evolves as they "
        "gain fields or wider types, with a new schema version each time).",
        _RECORDS,
        5,
        ConfigDef.Width.SHORT,
        "Output format",
        (SCHEMA_NAME_CONFIG,),
    )
    .define(
        SCHEMA_NAME_CONFIG,
        ConfigDef.Type.STRING,
        "",
        None,
        ConfigDef.Importance.LOW,
        "The name of the inferred value schema for output.format=struct. Empty for "
        "connectpy.http.<topic> (with characters other than letters, digits, '_' and '.' "
        "replaced by '_').",
        _RECORDS,
        6,
        ConfigDef.Width.MEDIUM,
        "Schema name",
    )
    .define(
        HTTP_OFFSET_FIELD_CONFIG,
        ConfigDef.Type.STRING,
        "",
        None,
        ConfigDef.Importance.MEDIUM,
        "Incremental mode: the field of each record (a member name, or a JSON Pointer if it "
        "starts with '/') whose value orders the records, such as an increasing id or an "
        "ISO-8601 timestamp. Only records whose value is greater than the last one emitted are "
        "emitted, in increasing order, and that value is the source offset, so a restarted "
        "task resumes without duplicates. Numbers compare as numbers, text as text. Empty to "
        "emit every record of every response.",
        _INCREMENTAL,
        1,
        ConfigDef.Width.MEDIUM,
        "Offset field",
        (HTTP_OFFSET_PARAM_CONFIG,),
    )
    .define(
        HTTP_OFFSET_PARAM_CONFIG,
        ConfigDef.Type.STRING,
        "",
        None,
        ConfigDef.Importance.MEDIUM,
        "Incremental mode: a query parameter that carries the last offset to the server (for "
        "example 'since' gives ?since=<last offset>), so it can send only newer records. Not "
        "sent before the first offset. Requires http.offset.field.",
        _INCREMENTAL,
        2,
        ConfigDef.Width.MEDIUM,
        "Offset query parameter",
    )
    .define(
        HTTP_PAGINATION_TYPE_CONFIG,
        ConfigDef.Type.STRING,
        PAGINATION_NONE,
        CaseInsensitiveValidString.in_(PAGINATION_NONE, PAGINATION_LINK, PAGINATION_CURSOR),
        ConfigDef.Importance.MEDIUM,
        "How to fetch the further pages of one poll: none (one request per URL per poll); "
        'link (follow the RFC 8288 Link response header with rel="next"); cursor (read the '
        "next page's cursor at http.pagination.cursor.path in the body). Pages are fetched "
        "until there is no next page or http.pagination.max.pages is reached.",
        _PAGINATION,
        1,
        ConfigDef.Width.SHORT,
        "Pagination",
        (HTTP_PAGINATION_CURSOR_PATH_CONFIG, HTTP_PAGINATION_CURSOR_PARAM_CONFIG),
    )
    .define(
        HTTP_PAGINATION_CURSOR_PATH_CONFIG,
        ConfigDef.Type.STRING,
        "",
        _JsonPointerOrEmpty(),
        ConfigDef.Importance.MEDIUM,
        "For http.pagination.type=cursor: a JSON Pointer to the next cursor in the response "
        "body, such as /meta/next_cursor. A missing, null or empty value ends the pages.",
        _PAGINATION,
        2,
        ConfigDef.Width.MEDIUM,
        "Cursor path",
    )
    .define(
        HTTP_PAGINATION_CURSOR_PARAM_CONFIG,
        ConfigDef.Type.STRING,
        "",
        None,
        ConfigDef.Importance.MEDIUM,
        "For http.pagination.type=cursor: the query parameter that sends the cursor with the "
        "next request. Empty when the cursor value is itself the URL of the next page "
        "(absolute, or relative to the current page).",
        _PAGINATION,
        3,
        ConfigDef.Width.MEDIUM,
        "Cursor query parameter",
    )
    .define(
        HTTP_PAGINATION_MAX_PAGES_CONFIG,
        ConfigDef.Type.INT,
        100,
        Range.at_least(1),
        ConfigDef.Importance.LOW,
        "The most pages fetched per URL in one poll; the next poll starts again from the "
        "first page (with the offset query parameter, after the records already emitted).",
        _PAGINATION,
        4,
        ConfigDef.Width.SHORT,
        "Maximum pages per poll",
    )
)
"""Every key of the HTTP polling source (see docs/connectors.md for the generated reference)."""

_TOKEN: Final = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_HEADER_START: Final = re.compile(r"([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:(.*)", re.DOTALL)


def parse_headers(entries: list[str], name: str = HTTP_HEADERS_CONFIG) -> list[tuple[str, str]]:
    """``http.headers`` entries as ``(name, value)`` pairs (see the module docs for the syntax).

    >>> parse_headers(["Accept: application/json", "text/plain", "X-Trace:on"])
    [('Accept', 'application/json, text/plain'), ('X-Trace', 'on')]

    Raises :class:`ConfigException` when the first entry is not ``Name: value``.
    """
    headers: list[tuple[str, str]] = []
    for entry in entries:
        match = _HEADER_START.fullmatch(entry.strip())
        if match is not None:
            headers.append((match.group(1), match.group(2).strip()))
        elif headers:
            header, value = headers[-1]
            headers[-1] = (header, f"{value}, {entry.strip()}")
        else:
            raise ConfigException(
                name,
                ", ".join(entries),
                f"'{entry.strip()}' is not a 'Name: value' header (the name is an HTTP token, "
                "such as Accept or X-Api-Key)",
            )
    return headers


def redact_url(url: str) -> str:
    """``url`` with any ``user:password@`` part replaced by ``***@``, for messages and logs."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urllib.parse.urlunsplit(parts._replace(netloc=f"***@{host}"))


def default_schema_name(topic: str) -> str:
    """``connectpy.http.<topic>``, made a valid Avro full name."""
    parts = []
    for part in topic.split("."):
        safe = re.sub(r"[^A-Za-z0-9_]", "_", part) or "_"
        parts.append("_" + safe if safe[0].isdigit() else safe)
    return "connectpy.http." + ".".join(parts)


def cross_key_errors(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Problems that involve several keys, as ``(key, message)``, for parsed ``values``."""
    errors: list[tuple[str, str]] = []
    auth = str(values.get(HTTP_AUTH_TYPE_CONFIG) or AUTH_NONE).lower()
    if auth == AUTH_BASIC and not values.get(HTTP_AUTH_USER_CONFIG):
        errors.append(
            (HTTP_AUTH_USER_CONFIG, f"{HTTP_AUTH_USER_CONFIG} is required for http.auth.type=basic")
        )
    token = values.get(HTTP_AUTH_TOKEN_CONFIG)
    if auth == AUTH_BEARER and (token is None or not _secret(token)):
        errors.append(
            (
                HTTP_AUTH_TOKEN_CONFIG,
                f"{HTTP_AUTH_TOKEN_CONFIG} is required for http.auth.type=bearer",
            )
        )
    if values.get(HTTP_OFFSET_PARAM_CONFIG) and not values.get(HTTP_OFFSET_FIELD_CONFIG):
        errors.append(
            (
                HTTP_OFFSET_PARAM_CONFIG,
                f"{HTTP_OFFSET_PARAM_CONFIG} requires {HTTP_OFFSET_FIELD_CONFIG}: the offset "
                "it sends is the value of that field",
            )
        )
    for key in (HTTP_OFFSET_FIELD_CONFIG, HTTP_RECORD_KEY_FIELD_CONFIG):
        field = values.get(key)
        if field and field.startswith("/"):
            try:
                JsonPointer.parse(field)
            except JsonPointerError as exc:
                errors.append((key, str(exc)))
    pagination = str(values.get(HTTP_PAGINATION_TYPE_CONFIG) or PAGINATION_NONE).lower()
    if pagination == PAGINATION_CURSOR and not values.get(HTTP_PAGINATION_CURSOR_PATH_CONFIG):
        errors.append(
            (
                HTTP_PAGINATION_CURSOR_PATH_CONFIG,
                f"{HTTP_PAGINATION_CURSOR_PATH_CONFIG} is required for http.pagination.type=cursor",
            )
        )
    ca_location = values.get(HTTP_SSL_CA_LOCATION_CONFIG)
    if ca_location and not os.path.isfile(ca_location):
        errors.append((HTTP_SSL_CA_LOCATION_CONFIG, f"{ca_location} is not a readable file"))
    return errors


def add_cross_key_errors(config_values: list[ConfigValue]) -> None:
    """Record :func:`cross_key_errors` on the :class:`ConfigValue` of each key concerned."""
    by_name = {value.name(): value for value in config_values}
    parsed = {name: value.value() for name, value in by_name.items()}
    for key, message in cross_key_errors(parsed):
        target = by_name.get(key)
        if target is not None and not target.error_messages():
            target.add_error_message(message)


def _secret(value: Any) -> str:
    return value.value() if isinstance(value, Password) else str(value)


class HttpPollSourceConfig(AbstractConfig):
    """A parsed, checked HTTP polling source configuration.

    Construction raises :class:`ConfigException` for any per-key or cross-key problem; keys
    of the worker (``connector.class``, ``tasks.max``, converters, ...) are ignored.
    """

    def __init__(self, props: Mapping[str, Any]) -> None:
        super().__init__(CONFIG_DEF, props)
        errors = cross_key_errors(self.values())
        if errors:
            key, message = errors[0]
            raise ConfigException(key, self._shown(key), message)

    def _shown(self, key: str) -> Any:
        value = self.values().get(key)
        return "" if value is None else value

    @property
    def urls(self) -> list[str]:
        """The URLs to poll."""
        return list(self.get_list(HTTP_URL_CONFIG) or [])

    @property
    def topic(self) -> str:
        """The topic to write to."""
        return self.get_string(TOPIC_CONFIG) or ""

    @property
    def poll_interval_s(self) -> float:
        """``poll.interval.ms`` in seconds."""
        return (self.get_long(POLL_INTERVAL_MS_CONFIG) or 0) / 1000

    @property
    def method(self) -> str:
        """The HTTP method, upper case."""
        return (self.get_string(HTTP_METHOD_CONFIG) or "GET").upper()

    @property
    def request_body(self) -> str:
        """The body of POST requests."""
        return self.get_string(HTTP_REQUEST_BODY_CONFIG) or ""

    @property
    def headers(self) -> list[tuple[str, str]]:
        """The extra request headers."""
        return parse_headers(list(self.get_list(HTTP_HEADERS_CONFIG) or []))

    @property
    def timeout_s(self) -> float:
        """``http.timeout.ms`` in seconds."""
        return (self.get_int(HTTP_TIMEOUT_MS_CONFIG) or 1) / 1000

    @property
    def ssl_verify(self) -> bool:
        """Whether TLS certificates are verified."""
        return bool(self.get_boolean(HTTP_SSL_VERIFY_CONFIG))

    @property
    def ssl_ca_location(self) -> str | None:
        """The PEM file of CAs to trust, or ``None`` for the system's."""
        return self.get_string(HTTP_SSL_CA_LOCATION_CONFIG) or None

    @property
    def auth_type(self) -> str:
        """``none``, ``basic`` or ``bearer``."""
        return (self.get_string(HTTP_AUTH_TYPE_CONFIG) or AUTH_NONE).lower()

    @property
    def auth_user(self) -> str:
        """The basic-auth user name."""
        return self.get_string(HTTP_AUTH_USER_CONFIG) or ""

    @property
    def auth_password(self) -> Password:
        """The basic-auth password (a :class:`Password`: read it with ``.value()``)."""
        return self.get_password(HTTP_AUTH_PASSWORD_CONFIG) or Password("")

    @property
    def auth_token(self) -> Password:
        """The bearer token (a :class:`Password`: read it with ``.value()``)."""
        return self.get_password(HTTP_AUTH_TOKEN_CONFIG) or Password("")

    @property
    def retry_backoff_s(self) -> float:
        """``http.retry.backoff.ms`` in seconds."""
        return (self.get_long(HTTP_RETRY_BACKOFF_MS_CONFIG) or 0) / 1000

    @property
    def retry_backoff_max_s(self) -> float:
        """``http.retry.backoff.max.ms`` in seconds."""
        return (self.get_long(HTTP_RETRY_BACKOFF_MAX_MS_CONFIG) or 0) / 1000

    @property
    def records_path(self) -> JsonPointer:
        """Where the records are in a response."""
        return JsonPointer.parse(self.get_string(HTTP_RECORDS_PATH_CONFIG) or "")

    @property
    def key_field(self) -> str:
        """The key field (name or pointer), empty for none."""
        return self.get_string(HTTP_RECORD_KEY_FIELD_CONFIG) or ""

    @property
    def output_format(self) -> str:
        """``string`` or ``struct``."""
        return (self.get_string(OUTPUT_FORMAT_CONFIG) or FORMAT_STRING).lower()

    @property
    def schema_name(self) -> str:
        """The inferred schema's name (``schema.name`` or derived from the topic)."""
        return self.get_string(SCHEMA_NAME_CONFIG) or default_schema_name(self.topic)

    @property
    def offset_field(self) -> str:
        """The offset field (name or pointer), empty when not incremental."""
        return self.get_string(HTTP_OFFSET_FIELD_CONFIG) or ""

    @property
    def offset_param(self) -> str:
        """The offset query parameter, empty for none."""
        return self.get_string(HTTP_OFFSET_PARAM_CONFIG) or ""

    @property
    def pagination(self) -> str:
        """``none``, ``link`` or ``cursor``."""
        return (self.get_string(HTTP_PAGINATION_TYPE_CONFIG) or PAGINATION_NONE).lower()

    @property
    def cursor_path(self) -> JsonPointer:
        """Where the next cursor is in a response."""
        return JsonPointer.parse(self.get_string(HTTP_PAGINATION_CURSOR_PATH_CONFIG) or "")

    @property
    def cursor_param(self) -> str:
        """The query parameter of the cursor, empty when the cursor is the next URL."""
        return self.get_string(HTTP_PAGINATION_CURSOR_PARAM_CONFIG) or ""

    @property
    def max_pages(self) -> int:
        """The most pages per URL per poll."""
        return self.get_int(HTTP_PAGINATION_MAX_PAGES_CONFIG) or 1
