"""Tests of connectors.http.task: HttpPollSourceTask against real servers on 127.0.0.1."""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from connect_data import ConnectSchema, Schema, Struct, Type
from connect_data.errors import ConnectException, RetriableException
from connectors import SourceRecord
from connectors.http import HttpPollSourceTask
from connectors.http.demo_server import DemoServer
from tests.connectors.http.servers import Reply, ScriptedServer, Seen
from tests.connectors.task_contexts import FakeSourceTaskContext

USER_CONFIG = {
    "connector.class": "com.example.connect.HttpPollSourceConnector",
    "tasks.max": "1",
    "topic": "todos",
    "poll.interval.ms": "500",
    "key.converter": "org.apache.kafka.connect.storage.StringConverter",
    "value.converter": "org.apache.kafka.connect.storage.StringConverter",
    "key.converter.schemas.enable": "false",
    "value.converter.schemas.enable": "false",
}

Starter = Callable[..., HttpPollSourceTask]


@pytest.fixture
def start() -> Iterator[Starter]:
    """Starts tasks (topic t, no poll interval unless given) and stops them after the test."""
    tasks: list[HttpPollSourceTask] = []

    def starter(
        props: dict[str, str], context: FakeSourceTaskContext | None = None
    ) -> HttpPollSourceTask:
        task = HttpPollSourceTask()
        task.initialize(context or FakeSourceTaskContext())
        task.start({"topic": "t", "poll.interval.ms": "0", **props})
        tasks.append(task)
        return task

    yield starter
    for task in tasks:
        task.stop()


def _poll(task: HttpPollSourceTask) -> list[SourceRecord]:
    records = task.poll()
    assert records is not None
    return records


def _items(ids: range | list[int], **extra: Any) -> list[dict[str, Any]]:
    return [{"id": i, "name": f"n{i}", **extra} for i in ids]


def test_user_config_polls_raw_body(start: Starter) -> None:
    """The user's Java-worker config works unchanged: each poll's body is one STRING record."""
    body = '[{"userId": 1, "id": 1, "title": "delectus aut autem", "completed": false}]'
    with ScriptedServer([Reply(200, body)]) as server:
        task = start({**USER_CONFIG, "http.url": server.url + "/todos"})
        [record] = _poll(task)
    assert record.topic == "todos"
    assert record.value == body
    assert record.value_schema == Schema.STRING_SCHEMA
    assert record.key is None and record.key_schema is None
    assert record.source_partition == {"url": server.url + "/todos"}
    assert record.source_offset == {}
    assert record.timestamp is not None and abs(record.timestamp - time.time() * 1000) < 60_000


def test_raw_body_need_not_be_json(start: Starter) -> None:
    """In raw mode the body is not parsed: any text is sent as it is."""
    with ScriptedServer([Reply(200, "plain text, not JSON", {"Content-Type": "text/plain"})]) as s:
        assert [r.value for r in _poll(start({"http.url": s.url}))] == ["plain text, not JSON"]


def test_records_path_splits_arrays(start: Starter) -> None:
    """http.records.path picks the array of records; each becomes its compact JSON text."""
    body = {"meta": {}, "data": {"items": [{"b": 1, "a": "x"}, [1, 2], "s", None]}}
    with ScriptedServer([Reply(200, body)]) as server:
        task = start({"http.url": server.url, "http.records.path": "/data/items"})
        records = _poll(task)
    assert [r.value for r in records] == ['{"b":1,"a":"x"}', "[1,2]", '"s"', "null"]
    assert all(r.value_schema == Schema.STRING_SCHEMA for r in records)


def test_records_path_to_object_or_null(start: Starter) -> None:
    """A path naming an object gives one record; one naming null gives none."""
    replies = [Reply(200, {"data": {"id": 1}}), Reply(200, {"data": None})]
    with ScriptedServer(replies) as server:
        task = start({"http.url": server.url, "http.records.path": "/data"})
        assert [r.value for r in _poll(task)] == ['{"id":1}']
        assert _poll(task) == []


def test_missing_records_path_warns_once(start: Starter, caplog: pytest.LogCaptureFixture) -> None:
    """A response without the records path gives no records and one warning per URL."""
    with ScriptedServer([Reply(200, {"other": []})]) as server:
        task = start({"http.url": server.url, "http.records.path": "/data"})
        assert _poll(task) == []
        assert _poll(task) == []
    warnings = [r for r in caplog.records if "No records in a response" in r.getMessage()]
    assert len(warnings) == 1


def test_whole_body_array_is_split_when_json_is_needed(start: Starter) -> None:
    """With a key field and an empty records path, a top-level array gives one record each."""
    with ScriptedServer([Reply(200, _items(range(1, 4)))]) as server:
        task = start({"http.url": server.url, "http.record.key.field": "id"})
        records = _poll(task)
    assert [r.key for r in records] == ["1", "2", "3"]
    assert records[0].key_schema == Schema.OPTIONAL_STRING_SCHEMA
    assert json.loads(records[0].value) == {"id": 1, "name": "n1"}


def test_key_field_by_pointer_and_missing(start: Starter) -> None:
    """A key field given as a JSON Pointer reads nested values; a missing one gives a null key."""
    body = [{"user": {"id": "u1"}}, {"user": {}}, {"user": {"id": {"x": 1}}}]
    with ScriptedServer([Reply(200, body)]) as server:
        task = start({"http.url": server.url, "http.record.key.field": "/user/id"})
        assert [r.key for r in _poll(task)] == ["u1", None, '{"x":1}']


def test_not_json_fails_with_excerpt(start: Starter) -> None:
    """A body that must be JSON but is not fails the poll with ConnectException and an excerpt."""
    with ScriptedServer([Reply(200, "<html>oops</html>")]) as server:
        task = start({"http.url": server.url, "http.records.path": "/data"})
        with pytest.raises(ConnectException, match=r"not JSON.*<html>oops</html>"):
            task.poll()


def test_struct_output_evolves_schema(start: Starter) -> None:
    """output.format=struct infers a schema that gains optional fields and versions per poll."""
    replies = [
        Reply(200, [{"id": 1, "title": "a"}]),
        Reply(200, [{"id": 2, "title": "b"}]),
        Reply(200, [{"id": 3, "title": "c", "views": 2**40}]),
    ]
    with ScriptedServer(replies) as server:
        task = start({"http.url": server.url, "output.format": "struct", "schema.name": "Todo"})
        first, second, third = (_poll(task)[0] for _ in range(3))
    v1, v3 = first.value_schema, third.value_schema
    assert v1 is not None and v3 is not None
    assert (v1.name(), v1.version(), v3.version()) == ("Todo", 1, 2)
    assert second.value_schema is v1
    assert [f.name() for f in v3.fields()] == ["id", "title", "views"]
    assert v3.field("views").schema().type() is Type.INT64  # type: ignore[union-attr]
    assert isinstance(third.value, Struct) and third.value.get("views") == 2**40
    ConnectSchema.validate_value(v3, third.value)
    assert json.loads(third.source_offset["schema"])["version"] == 2  # type: ignore[index]


def test_struct_output_needs_objects(start: Starter) -> None:
    """With output.format=struct a record that is not a JSON object fails the poll."""
    with ScriptedServer([Reply(200, [1, 2])]) as server:
        task = start({"http.url": server.url, "output.format": "struct"})
        with pytest.raises(ConnectException, match="Record 0 is a JSON number, not an object"):
            task.poll()


def test_incremental_offsets_filter_sort_and_send(start: Starter) -> None:
    """Only records newer than the last offset are emitted, in offset order, and the offset is
    sent as the query parameter."""
    replies = [
        Reply(200, _items([3, 1, 2])),
        Reply(200, _items([2, 3, 5, 4])),
        Reply(200, _items([5])),
    ]
    with ScriptedServer(replies) as server:
        task = start(
            {"http.url": server.url, "http.offset.field": "id", "http.offset.param": "since"}
        )
        first, second, third = _poll(task), _poll(task), _poll(task)
    assert [r.source_offset for r in first] == [{"offset": 1}, {"offset": 2}, {"offset": 3}]
    assert [json.loads(r.value)["id"] for r in second] == [4, 5]
    assert third == []
    assert [seen.query.get("since") for seen in server.requests] == [None, "3", "5"]


def test_incremental_text_offsets(start: Starter) -> None:
    """Text offsets (ISO-8601 timestamps) compare as text."""
    rows = [{"at": "2024-01-02T00:00:00Z"}, {"at": "2024-01-01T00:00:00Z"}]
    with ScriptedServer([Reply(200, rows), Reply(200, rows)]) as server:
        task = start(
            {"http.url": server.url, "http.offset.field": "at", "http.offset.param": "after"}
        )
        assert [r.source_offset["at" and "offset"] for r in _poll(task)] == [  # type: ignore[index]
            "2024-01-01T00:00:00Z",
            "2024-01-02T00:00:00Z",
        ]
        assert _poll(task) == []
    assert server.requests[1].query == {"after": "2024-01-02T00:00:00Z"}


def test_restart_resumes_without_duplicates(start: Starter) -> None:
    """A task started with a committed offset sends it and emits only newer records."""
    with DemoServer(initial=12, rate=0) as demo:
        url = demo.url + "/todos"
        props = {"http.url": url, "http.offset.field": "id", "http.offset.param": "since"}
        context = FakeSourceTaskContext()
        first = start(props, context)
        records = _poll(first)
        assert [r.source_offset for r in records][-1] == {"offset": 12}
        context.reader.commit(records[6].source_partition or {}, records[6].source_offset)
        first.stop()
        demo.add(3)
        second = start(props, context)
        again = _poll(second)
    assert [json.loads(r.value)["id"] for r in again] == list(range(8, 16))
    assert context.reader.requests[-1] == {"url": url}


def test_restart_continues_schema_versions(start: Starter) -> None:
    """In struct mode the schema state travels in the offset: versions keep growing."""
    replies = [Reply(200, [{"id": 1}]), Reply(200, [{"id": 2, "extra": True}])]
    context = FakeSourceTaskContext()
    with ScriptedServer(replies) as server:
        props = {"http.url": server.url, "output.format": "struct", "http.offset.field": "id"}
        task = start(props, context)
        [record] = _poll(task)
        context.reader.commit(record.source_partition or {}, record.source_offset)
        task.stop()
        [later] = _poll(start(props, context))
    assert later.value_schema is not None and later.value_schema.version() == 2
    assert later.source_offset["offset"] == 2  # type: ignore[index]


def test_offset_field_must_be_present(start: Starter) -> None:
    """A record without the offset field fails the poll, naming the field and the record."""
    with ScriptedServer([Reply(200, [{"id": 1}, {"name": "x"}])]) as server:
        task = start({"http.url": server.url, "http.offset.field": "id"})
        with pytest.raises(
            ConnectException, match=r"Record 1 .* has no value for http.offset.field=id"
        ):
            task.poll()


def test_offset_kinds_must_not_mix(start: Starter) -> None:
    """Numbers and text cannot order each other: the poll fails saying so."""
    with ScriptedServer([Reply(200, [{"id": 1}, {"id": "2"}])]) as server:
        task = start({"http.url": server.url, "http.offset.field": "id"})
        with pytest.raises(ConnectException, match="mix numbers and text"):
            task.poll()


def test_link_pagination_fetches_every_page(start: Starter) -> None:
    """With pagination type link, rel="next" pages are fetched within one poll (in raw mode,
    each page's body is one record)."""
    with DemoServer(initial=35, rate=0, page_size=10) as demo:
        task = start({"http.url": demo.url + "/todos", "http.pagination.type": "link"})
        records = _poll(task)
        assert demo.requests == 4
    assert len(records) == 4
    assert [item["id"] for r in records for item in json.loads(r.value)] == list(range(1, 36))


def test_max_pages_then_offsets_continue(start: Starter) -> None:
    """http.pagination.max.pages bounds one poll; the offset parameter continues the next."""
    with DemoServer(initial=35, rate=0, page_size=10) as demo:
        task = start(
            {
                "http.url": demo.url + "/todos",
                "http.pagination.type": "link",
                "http.pagination.max.pages": "2",
                "http.offset.field": "id",
                "http.offset.param": "since",
            }
        )
        first, second = _poll(task), _poll(task)
    assert [r.source_offset["offset"] for r in first] == list(range(1, 21))  # type: ignore[index]
    assert [r.source_offset["offset"] for r in second] == list(range(21, 36))  # type: ignore[index]


def test_cursor_pagination_with_parameter(start: Starter) -> None:
    """With pagination type cursor, the cursor is read from the body and sent as a parameter."""
    with DemoServer(initial=25, rate=0, page_size=10) as demo:
        task = start(
            {
                "http.url": demo.url + "/api/todos",
                "http.records.path": "/data",
                "http.pagination.type": "cursor",
                "http.pagination.cursor.path": "/next_cursor",
                "http.pagination.cursor.param": "cursor",
            }
        )
        records = _poll(task)
        assert demo.requests == 3
    assert [json.loads(r.value)["id"] for r in records] == list(range(1, 26))


def test_cursor_that_is_the_next_url(start: Starter) -> None:
    """Without a cursor parameter the cursor is the next page's URL (relative is resolved)."""

    def script(seen: Seen) -> Reply:
        page = int(seen.query.get("page", "1"))
        return Reply(200, {"items": [page], "next": f"/list?page={page + 1}" if page < 3 else None})

    with ScriptedServer(script) as server:
        task = start(
            {
                "http.url": server.url + "/list",
                "http.records.path": "/items",
                "http.pagination.type": "cursor",
                "http.pagination.cursor.path": "/next",
            }
        )
        assert [r.value for r in _poll(task)] == ["1", "2", "3"]


def test_pagination_stops_on_a_loop(start: Starter) -> None:
    """A next link pointing back to a page already fetched ends the pages."""
    reply = Reply(200, [1], {"Link": '</same>; rel="next"'})
    with ScriptedServer(lambda seen: reply) as server:
        task = start(
            {
                "http.url": server.url + "/same",
                "http.pagination.type": "link",
                "http.records.path": "",
                "http.record.key.field": "/x",
            }
        )
        assert len(_poll(task)) == 1
    assert len(server.requests) == 1


def test_5xx_retries_after_backoff_without_hot_loop(start: Starter) -> None:
    """A 503 raises RetriableException; polls before the backoff ends send nothing; then the
    request is retried and succeeds."""
    replies = [Reply(503, "down"), Reply(200, "[1]")]
    with ScriptedServer(replies) as server:
        task = start({"http.url": server.url, "http.retry.backoff.ms": "300"})
        with pytest.raises(RetriableException, match="HTTP 503"):
            task.poll()
        failed_at = time.monotonic()
        results = []
        while len(server.requests) < 2 and time.monotonic() - failed_at < 5:
            results.append(task.poll())
        assert time.monotonic() - failed_at >= 0.29
        assert len(results) <= 2  # each poll waited instead of spinning
        assert results[-1] is not None and [r.value for r in results[-1]] == ["[1]"]


def test_backoff_doubles_up_to_the_maximum(start: Starter) -> None:
    """Consecutive failures wait 50, 100, 150 (the maximum) ms, then the success resets it."""
    replies = [Reply(500), Reply(502), Reply(504), Reply(200, "ok"), Reply(500), Reply(200, "ok")]
    with ScriptedServer(replies) as server:
        task = start(
            {
                "http.url": server.url,
                "http.retry.backoff.ms": "50",
                "http.retry.backoff.max.ms": "150",
            }
        )
        times: list[float] = []
        while len(times) < 6:
            before = len(server.requests)
            with contextlib.suppress(RetriableException):
                task.poll()
            if len(server.requests) > before:
                times.append(time.monotonic())
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert gaps[0] >= 0.049 and gaps[1] >= 0.099 and gaps[2] >= 0.149
    assert gaps[4] < 0.1  # after a success the backoff starts again at 50 ms


def test_retry_after_is_honoured(start: Starter) -> None:
    """A 429 with Retry-After waits that long, even when the backoff is shorter."""
    replies = [Reply(429, "slow down", {"Retry-After": "1"}), Reply(200, "ok")]
    with ScriptedServer(replies) as server:
        task = start({"http.url": server.url, "http.retry.backoff.ms": "10"})
        with pytest.raises(RetriableException, match="HTTP 429"):
            task.poll()
        failed_at = time.monotonic()
        while task.poll() is None:
            pass
        assert time.monotonic() - failed_at >= 0.99
    assert len(server.requests) == 2


def test_4xx_fails_the_task(start: Starter) -> None:
    """A 404 raises ConnectException (not retriable) with the status and a short excerpt."""
    with ScriptedServer([Reply(404, {"error": "no such list " + "x" * 300})]) as server:
        task = start({"http.url": server.url + "/missing"})
        with pytest.raises(ConnectException) as info:
            task.poll()
    assert not isinstance(info.value, RetriableException)
    assert f"GET {server.url}/missing returned HTTP 404 Not Found: " in str(info.value)
    assert len(str(info.value).split("Not Found: ", 1)[1]) <= 200


def test_timeout_is_retried(start: Starter) -> None:
    """A request slower than http.timeout.ms raises RetriableException and is retried."""
    replies = [Reply(200, "late", delay_s=0.5), Reply(200, "ok")]
    with ScriptedServer(replies) as server:
        task = start(
            {"http.url": server.url, "http.timeout.ms": "100", "http.retry.backoff.ms": "10"}
        )
        with pytest.raises(RetriableException, match="timed out after 100 ms"):
            task.poll()
        while (records := task.poll()) is None:
            pass
        assert [r.value for r in records] == ["ok"]


def test_poll_interval_spaces_requests(start: Starter) -> None:
    """Requests to a URL start poll.interval.ms apart; polls in between return None."""
    with ScriptedServer([Reply(200, "x")]) as server:
        task = start({"http.url": server.url, "poll.interval.ms": "200"})
        results = []
        while len(server.requests) < 3:
            results.append(task.poll())
    gaps = [b.at - a.at for a, b in itertools.pairwise(server.requests)]
    assert all(0.19 <= gap < 0.4 for gap in gaps), gaps
    assert len(results) <= 6


def test_stop_wakes_a_waiting_poll(start: Starter) -> None:
    """stop() from another thread ends a poll that waits for the interval at once."""
    with ScriptedServer([Reply(200, "x")]) as server:
        task = start({"http.url": server.url, "poll.interval.ms": "60000"})
        _poll(task)
        threading.Timer(0.1, task.stop).start()
        started = time.monotonic()
        assert task.poll() is None
        assert time.monotonic() - started < 0.5


def test_stop_ends_a_running_request(start: Starter) -> None:
    """stop() during a slow request makes poll return None at once."""
    with ScriptedServer([Reply(200, "x", delay_s=3)]) as server:
        task = start({"http.url": server.url})
        threading.Timer(0.1, task.stop).start()
        started = time.monotonic()
        assert task.poll() is None
        assert time.monotonic() - started < 1.0
        assert task.poll() is None


def test_urls_are_polled_in_turn(start: Starter) -> None:
    """A task with several URLs polls each in turn; each URL is its own source partition."""
    with ScriptedServer(lambda seen: Reply(200, seen.path)) as server:
        task = start({"http.url": f"{server.url}/a,{server.url}/b"})
        first, second = _poll(task), _poll(task)
    assert [first[0].value, second[0].value] == ["/a", "/b"]
    assert first[0].source_partition == {"url": server.url + "/a"}
    assert second[0].source_partition == {"url": server.url + "/b"}


def test_one_failing_url_does_not_hold_back_another(start: Starter) -> None:
    """A URL waiting for its retry does not delay the others."""

    def script(seen: Seen) -> Reply:
        return Reply(503, "down") if seen.path == "/bad" else Reply(200, "good")

    with ScriptedServer(script) as server:
        task = start(
            {"http.url": f"{server.url}/bad,{server.url}/good", "http.retry.backoff.ms": "60000"}
        )
        with pytest.raises(RetriableException):
            task.poll()
        assert [r.value for r in _poll(task)] == ["good"]
        assert [r.value for r in _poll(task)] == ["good"]


def test_demo_server_evolution_through_struct_output(start: Starter) -> None:
    """Polling the demo endpoint as it grows gives versions that add fields and widen views."""
    with DemoServer(initial=5, rate=0, stage_size=5) as demo:
        task = start(
            {
                "http.url": demo.url + "/todos",
                "output.format": "struct",
                "http.offset.field": "id",
                "http.offset.param": "since",
                "http.pagination.type": "link",
            }
        )
        schemas = []
        for _ in range(4):
            records = _poll(task)
            schemas.append(records[-1].value_schema)
            demo.add(5)
    versions = [s.version() for s in schemas]  # type: ignore[union-attr]
    assert versions == [1, 2, 3, 4]
    views = [s.field("views") for s in schemas]  # type: ignore[union-attr]
    assert views[0] is None and views[1] is None
    assert views[2].schema().type() is Type.INT32  # type: ignore[union-attr]
    assert views[3].schema().type() is Type.INT64  # type: ignore[union-attr]


def test_secrets_stay_out_of_logs_and_errors(
    start: Starter, caplog: pytest.LogCaptureFixture
) -> None:
    """Password and token never appear in logs, exceptions, repr or the task's config values."""
    secret = "Sup3r-S3cret"

    def script(seen: Seen) -> Reply:
        if len(script_calls) < 1:
            script_calls.append(1)
            return Reply(503, f"busy {seen.headers.get('Authorization')} {secret}")
        return Reply(401, f"denied {seen.headers.get('Authorization')} {secret}")

    script_calls: list[int] = []
    caplog.set_level(logging.DEBUG)
    with ScriptedServer(script) as server:
        task = start(
            {
                "http.url": server.url,
                "http.auth.type": "bearer",
                "http.auth.token": secret,
                "http.retry.backoff.ms": "1",
            }
        )
        messages = []
        for _ in range(50):
            try:
                task.poll()
            except ConnectException as exc:
                messages.append(str(exc) + repr(exc))
                if not isinstance(exc, RetriableException):
                    break
    assert len(messages) == 2
    assert server.requests[0].headers["Authorization"] == f"Bearer {secret}"
    text = "".join(messages) + caplog.text + repr(task) + str(vars(task))
    assert secret not in text
    assert "[hidden]" in "".join(messages)
