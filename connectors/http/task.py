"""``HttpPollSourceTask``: polls its URLs on an interval and turns the responses into records.

Each URL is a source partition ``{"url": <url>}`` polled every ``poll.interval.ms``. One
:meth:`~HttpPollSourceTask.poll` call polls the URL that is due next (fetching all its pages)
and returns its records; while no URL is due, it waits (at most a second, and returning at
once when :meth:`~HttpPollSourceTask.stop` is called) and returns ``None``.

Source offsets: in incremental mode (``http.offset.field``) ``{"offset": <field value>}``,
so a restarted task sends and filters from the last stored record; with
``output.format=struct`` also ``"schema"``: the inferrer's saved state, so schema versions keep
growing across restarts. Otherwise the offset is ``{}``.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import httpx
import orjson

from connect_data import Schema
from connect_data.errors import ConnectException, DataException, RetriableException
from connectors.http.client import HttpRetriableException, HttpSourceClient, next_link
from connectors.http.config import (
    FORMAT_STRUCT,
    HTTP_OFFSET_FIELD_CONFIG,
    PAGINATION_CURSOR,
    PAGINATION_LINK,
    HttpPollSourceConfig,
    redact_url,
)
from connectors.http.inference import SchemaInferrer, json_text
from connectors.http.json_pointer import JsonPointer, JsonPointerError
from connectors.record import SourceRecord
from connectors.source import SourceTask
from converters.version import connectpy_version

__all__ = ["HttpPollSourceTask"]

log = logging.getLogger(__name__)

URL_FIELD: Final = "url"
OFFSET_FIELD: Final = "offset"
SCHEMA_FIELD: Final = "schema"
MAX_POLL_WAIT_S: Final = 1.0


@dataclass
class _UrlState:
    """What the task tracks per URL: the last offset emitted and when to poll next."""

    url: str
    partition: dict[str, Any]
    last_offset: Any = None
    next_poll: float = 0.0
    failures: int = 0
    retry_at: float = 0.0
    warned_missing_records: bool = False

    def due(self) -> float:
        return self.retry_at if self.failures else self.next_poll


class _Field:
    """Reads one field of a record: a member name, or a JSON Pointer when it starts with '/'."""

    def __init__(self, spec: str) -> None:
        self.spec = spec
        self._pointer = JsonPointer.parse(spec) if spec.startswith("/") else None

    def get(self, record: Any) -> Any:
        if self._pointer is not None:
            try:
                return self._pointer.resolve(record)
            except JsonPointerError:
                return None
        return record.get(self.spec) if isinstance(record, dict) else None


class HttpPollSourceTask(SourceTask):
    """Polls the URLs in its configuration's ``http.url`` (see the module docs)."""

    def __init__(self) -> None:
        self._stopping = threading.Event()
        self._client: HttpSourceClient | None = None
        self._states: list[_UrlState] = []
        self._inferrer: SchemaInferrer | None = None

    def version(self) -> str:
        """The connector's version."""
        return connectpy_version()

    def start(self, props: Mapping[str, str]) -> None:
        """Parse the configuration, open the HTTP client and read the committed offsets."""
        config = HttpPollSourceConfig(props)
        self._config = config
        self._stopping.clear()
        self._topic = config.topic
        self._interval_s = config.poll_interval_s
        self._records_path = config.records_path
        self._key_field = _Field(config.key_field) if config.key_field else None
        self._offset_field = _Field(config.offset_field) if config.offset_field else None
        self._offset_param = config.offset_param
        self._pagination = config.pagination
        self._cursor_path = config.cursor_path
        self._cursor_param = config.cursor_param
        self._max_pages = config.max_pages
        self._struct = config.output_format == FORMAT_STRUCT
        self._raw = (
            not self._struct
            and not self._records_path.tokens
            and self._key_field is None
            and self._offset_field is None
            and self._pagination != PAGINATION_CURSOR
        )
        self._states = [
            _UrlState(url=url, partition={URL_FIELD: redact_url(url)}) for url in config.urls
        ]
        self._inferrer = self._restore(config)
        self._client = HttpSourceClient(config)

    def _restore(self, config: HttpPollSourceConfig) -> SchemaInferrer | None:
        """Read each URL's committed offset; in struct mode, return an inferrer continuing the
        newest saved schema."""
        if not self._struct and self._offset_field is None:
            return None
        offsets = self.context.offset_storage_reader().offsets(
            [state.partition for state in self._states]
        )
        newest: tuple[int, str] | None = None
        for state in self._states:
            offset = offsets.get(state.partition)
            if not offset:
                continue
            state.last_offset = offset.get(OFFSET_FIELD)
            saved = offset.get(SCHEMA_FIELD)
            if isinstance(saved, str):
                version = _saved_version(saved)
                if newest is None or version > newest[0]:
                    newest = (version, saved)
        if not self._struct:
            return None
        name = config.schema_name
        if newest is not None:
            try:
                return SchemaInferrer(name, state=newest[1])
            except DataException as exc:
                log.warning("Ignoring the saved schema state of %s: %s", name, exc)
        return SchemaInferrer(name)

    def poll(self) -> list[SourceRecord] | None:
        """The records of the next URL due, or ``None`` after waiting (at most a second)."""
        if self._stopping.is_set() or not self._states:
            return None
        state = min(self._states, key=_UrlState.due)
        wait = state.due() - time.monotonic()
        if wait > 0:
            self._stopping.wait(min(wait, MAX_POLL_WAIT_S))
            if self._stopping.is_set() or state.due() > time.monotonic():
                return None
        state.next_poll = time.monotonic() + self._interval_s
        try:
            records = self._poll_url(state)
        except Exception as exc:
            if self._stopping.is_set():
                return None  # stop() closed the client under the request
            if isinstance(exc, RetriableException):
                self._schedule_retry(state, exc)
                raise
            if isinstance(exc, ConnectException):
                raise
            if isinstance(exc, (httpx.HTTPError, RuntimeError)):
                raise ConnectException(
                    f"Polling {state.partition[URL_FIELD]} failed: {exc}"
                ) from exc
            raise
        state.failures = 0
        return records

    def _schedule_retry(self, state: _UrlState, exc: RetriableException) -> None:
        config = self._config
        state.failures += 1
        backoff = min(
            config.retry_backoff_s * (2 ** (state.failures - 1)), config.retry_backoff_max_s
        )
        retry_after = exc.retry_after_s if isinstance(exc, HttpRetriableException) else None
        if retry_after is not None:
            backoff = max(backoff, retry_after)
        state.retry_at = time.monotonic() + backoff
        log.warning(
            "Polling %s failed (attempt %d), retrying in %.3f s: %s",
            state.partition[URL_FIELD],
            state.failures,
            backoff,
            exc,
        )

    def _poll_url(self, state: _UrlState) -> list[SourceRecord]:
        client = self._client
        if client is None:
            raise ConnectException("HttpPollSourceTask was not started")
        params: dict[str, str] = {}
        if self._offset_param and state.last_offset is not None:
            params[self._offset_param] = _offset_text(state.last_offset)
        request: tuple[str, dict[str, str]] | None = (state.url, params)
        seen: set[str] = set()
        bodies: list[str] = []
        items: list[Any] = []
        pages = 0
        while request is not None and pages < self._max_pages:
            if self._stopping.is_set():
                return []
            response = client.request(*request)
            pages += 1
            seen.add(str(response.url))
            body = None
            if self._raw:
                bodies.append(response.text)
            else:
                body = _parse_json(response)
                items.extend(self._records_of(body, state))
            request = self._next_request(response, body, params)
            if request is not None and _target(request) in seen:
                request = None
        received_ms = time.time_ns() // 1_000_000
        if self._raw:
            return [
                SourceRecord(
                    source_partition=state.partition,
                    source_offset={},
                    topic=self._topic,
                    value_schema=Schema.STRING_SCHEMA,
                    value=text,
                    timestamp=received_ms,
                )
                for text in bodies
            ]
        return self._to_records(state, items, received_ms)

    def _records_of(self, body: Any, state: _UrlState) -> list[Any]:
        try:
            found = self._records_path.resolve(body)
        except JsonPointerError as exc:
            if not state.warned_missing_records:
                state.warned_missing_records = True
                log.warning("No records in a response from %s: %s", state.partition[URL_FIELD], exc)
            return []
        if found is None:
            return []
        return found if isinstance(found, list) else [found]

    def _next_request(
        self, response: httpx.Response, body: Any, params: dict[str, str]
    ) -> tuple[str, dict[str, str]] | None:
        if self._pagination == PAGINATION_LINK:
            link = next_link(response)
            return None if link is None else (link, {})
        if self._pagination == PAGINATION_CURSOR:
            try:
                cursor = self._cursor_path.resolve(body)
            except JsonPointerError:
                return None
            if cursor is None or cursor == "" or isinstance(cursor, (dict, list)):
                return None
            text = cursor if isinstance(cursor, str) else json_text(cursor)
            if self._cursor_param:
                return (str(response.request.url), {**params, self._cursor_param: text})
            return (str(httpx.URL(str(response.url)).join(text)), {})
        return None

    def _to_records(
        self, state: _UrlState, items: list[Any], received_ms: int
    ) -> list[SourceRecord]:
        offset_field = self._offset_field
        offsets: list[Any] = [None] * len(items)
        if offset_field is not None:
            keyed = []
            for index, item in enumerate(items):
                value = _offset_value(offset_field, item, index, state)
                if state.last_offset is None or _newer(value, state.last_offset, offset_field):
                    keyed.append((value, index, item))
            if len({isinstance(value, str) for value, _, _ in keyed}) > 1:
                raise ConnectException(
                    f"The {HTTP_OFFSET_FIELD_CONFIG}={offset_field.spec} values from "
                    f"{state.partition[URL_FIELD]} mix numbers and text; they cannot be ordered"
                )
            keyed.sort(key=lambda entry: entry[0])
            items = [item for _, _, item in keyed]
            offsets = [value for value, _, _ in keyed]
        if not items:
            return []
        if self._struct:
            inferrer = self._inferrer
            assert inferrer is not None
            values: list[Any] = inferrer.convert(items)
            value_schema = inferrer.schema()
            saved: dict[str, Any] = {SCHEMA_FIELD: inferrer.state()}
        else:
            values = [json_text(item) for item in items]
            value_schema = Schema.STRING_SCHEMA
            saved = {}
        key_field = self._key_field
        records = []
        for item, value, offset in zip(items, values, offsets, strict=True):
            key = None if key_field is None else _key_text(key_field.get(item))
            source_offset = dict(saved)
            if offset_field is not None:
                source_offset[OFFSET_FIELD] = offset
            records.append(
                SourceRecord(
                    source_partition=state.partition,
                    source_offset=source_offset,
                    topic=self._topic,
                    key_schema=Schema.OPTIONAL_STRING_SCHEMA if key_field is not None else None,
                    key=key,
                    value_schema=value_schema,
                    value=value,
                    timestamp=received_ms,
                )
            )
        if offset_field is not None:
            state.last_offset = offsets[-1]
        return records

    def stop(self) -> None:
        """Make a waiting :meth:`poll` return and close the HTTP client (ending any request)."""
        self._stopping.set()
        client, self._client = self._client, None
        if client is not None:
            client.close()


def _saved_version(saved: str) -> int:
    try:
        version = json.loads(saved).get("version")
    except (ValueError, AttributeError):
        return -1
    return version if isinstance(version, int) else -1


def _parse_json(response: httpx.Response) -> Any:
    content = response.content
    try:
        return orjson.loads(content)
    except orjson.JSONDecodeError:
        pass
    try:  # the standard library also reads integers beyond 64 bits
        return json.loads(content.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        excerpt = response.text[:200]
        raise ConnectException(
            f"{response.request.method} {redact_url(str(response.request.url))} returned a "
            f"body that is not JSON ({exc}): {excerpt}"
        ) from None


def _target(request: tuple[str, dict[str, str]]) -> str:
    url, params = request
    merged = httpx.URL(url)
    for name, value in params.items():
        merged = merged.copy_set_param(name, value)
    return str(merged)


def _offset_value(field: _Field, item: Any, index: int, state: _UrlState) -> Any:
    value = field.get(item)
    if value is None:
        raise ConnectException(
            f"Record {index} from {state.partition[URL_FIELD]} has no value for "
            f"{HTTP_OFFSET_FIELD_CONFIG}={field.spec}: {json_text(item)[:200]}"
        )
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ConnectException(
            f"Record {index} from {state.partition[URL_FIELD]}: the value of "
            f"{HTTP_OFFSET_FIELD_CONFIG}={field.spec} must be a number or text, not "
            f"{json_text(value)[:100]}"
        )
    return value


def _newer(value: Any, last: Any, field: _Field) -> bool:
    value_is_text, last_is_text = isinstance(value, str), isinstance(last, str)
    if value_is_text != last_is_text or isinstance(last, bool):
        raise ConnectException(
            f"Cannot compare {HTTP_OFFSET_FIELD_CONFIG}={field.spec} value {json_text(value)} "
            f"with the last offset {json_text(last)}: one is a number, the other text"
        )
    result: bool = value > last
    return result


def _offset_text(value: Any) -> str:
    return value if isinstance(value, str) else json_text(value)


def _key_text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json_text(value)
