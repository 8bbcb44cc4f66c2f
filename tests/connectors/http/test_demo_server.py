"""Tests of connectors.http.demo_server: the evolving demo endpoint."""

from __future__ import annotations

import base64
import socket
import struct
import subprocess
import sys
import time

import httpx
import pytest

from connectors.http.demo_server import DemoServer, main, todo


def test_items_evolve_by_stage() -> None:
    """Later items gain priority, then tags/owner/views, then views beyond int32 and owner.team."""
    assert set(todo(1, 10)) == {"id", "title", "completed"}
    assert set(todo(11, 10)) == {"id", "title", "completed", "priority"}
    stage3 = todo(21, 10)
    assert {"tags", "owner", "views"} <= set(stage3) and stage3["views"] < 2**31
    stage4 = todo(31, 10)
    assert stage4["views"] >= 2**31 and stage4["owner"]["team"] == "platform"
    assert todo(7) == todo(7)


def test_todos_since_limit_and_link() -> None:
    """/todos returns items after ``since``, at most ``limit``, with a Link to the next page."""
    with DemoServer(initial=25, rate=0, page_size=10) as demo:
        first = httpx.get(demo.url + "/todos")
        assert [item["id"] for item in first.json()] == list(range(1, 11))
        assert first.links["next"]["url"] == "/todos?since=10&limit=10"
        last = httpx.get(demo.url + "/todos?since=20&limit=10")
        assert [item["id"] for item in last.json()] == list(range(21, 26))
        assert "Link" not in last.headers
        assert httpx.get(demo.url + "/todos?since=25").json() == []


def test_api_todos_cursor() -> None:
    """/api/todos wraps the items and gives an opaque cursor to the next page (null at the end)."""
    with DemoServer(initial=15, rate=0, page_size=10) as demo:
        first = httpx.get(demo.url + "/api/todos").json()
        assert first["count"] == 10 and first["next_cursor"]
        second = httpx.get(demo.url + "/api/todos", params={"cursor": first["next_cursor"]}).json()
        assert [item["id"] for item in second["data"]] == list(range(11, 16))
        assert second["next_cursor"] is None
        assert base64.urlsafe_b64decode(first["next_cursor"]) == b"10"


def test_items_appear_over_time_and_per_request() -> None:
    """Items appear at ``rate`` per second, per request, and by add(); max_records caps them."""
    with DemoServer(initial=0, rate=0, per_request=2, max_records=5) as demo:
        counts = [len(httpx.get(demo.url + "/todos").json()) for _ in range(4)]
        assert counts == [2, 4, 5, 5]
    with DemoServer(initial=1, rate=50) as demo:
        time.sleep(0.2)
        assert demo.available() >= 5
    with DemoServer(initial=0, rate=0) as demo:
        demo.add(3)
        assert len(httpx.get(demo.url + "/todos").json()) == 3


def test_errors_and_health() -> None:
    """Unknown paths give 404, bad parameters 400, /health answers ok."""
    with DemoServer(rate=0) as demo:
        assert httpx.get(demo.url + "/health").json() == {"status": "ok"}
        assert httpx.get(demo.url + "/nope").status_code == 404
        assert httpx.get(demo.url + "/todos?since=x").status_code == 400
        assert httpx.get(demo.url + "/todos?limit=0").status_code == 400


def test_token_is_required_when_set() -> None:
    """With a token, requests without the right bearer token get 401."""
    with DemoServer(rate=0, token="abc") as demo:
        assert httpx.get(demo.url + "/todos").status_code == 401
        ok = httpx.get(demo.url + "/todos", headers={"Authorization": "Bearer abc"})
        assert ok.status_code == 200


def test_port_before_start_is_an_error() -> None:
    """Asking for the port of a server that is not started raises RuntimeError."""
    with pytest.raises(RuntimeError, match="not started"):
        _ = DemoServer().port


def test_runs_as_a_module() -> None:
    """``python -m connectors.http.demo_server --port 0`` prints its URL and serves it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "connectors.http.demo_server", "--port", "0", "--rate", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        url = line.split(" on ", 1)[1].split("/todos", 1)[0]
        assert httpx.get(url + "/todos").json()[0]["id"] == 1
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_main_parses_arguments() -> None:
    """main() rejects unknown options like any argparse program."""
    with pytest.raises(SystemExit):
        main(["--no-such-option"])


def test_a_client_hanging_up_prints_no_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    """A connection reset by the client mid-request is not reported on stderr."""
    with DemoServer(rate=0) as demo:
        client = socket.create_connection(("127.0.0.1", demo.port))
        client.sendall(b"GET /health HTTP/1.1\r\nHost: x")  # an unfinished request
        time.sleep(0.2)
        # close with RST (SO_LINGER on, zero timeout): the handler's read fails with ECONNRESET
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.close()
        time.sleep(0.3)
        assert httpx.get(f"{demo.url}/health").status_code == 200
    assert "Traceback" not in capsys.readouterr().err
