"""A small HTTP endpoint whose JSON records evolve over time, for demos and tests.

It serves to-do items on 127.0.0.1. Item ``i`` (ids start at 1) always looks the same, and
later items have more fields, so a poller sees its schema evolve as items appear:

- every item: ``id``, ``title``, ``completed``;
- from id ``stage_size + 1``: ``priority`` (an int);
- from id ``2 * stage_size + 1``: ``tags`` (an array of strings), ``owner`` (an object with
  ``name`` and ``email``) and ``views`` (an int that fits int32);
- from id ``3 * stage_size + 1``: ``views`` beyond 2^31 (int32 widens to int64) and
  ``owner.team``.

Items appear as time goes on (``rate`` per second after ``initial`` ones) and/or per request
(``per_request``), up to ``max_records``. Endpoints:

- ``GET /todos``: a JSON array of the items with ``id > since`` (query parameter, default 0),
  at most ``limit`` (default ``page_size``); when more are available, an RFC 8288
  ``Link: <...>; rel="next"`` header points to the next page;
- ``GET /api/todos``: the same items wrapped as ``{"data": [...], "next_cursor": ...}``; pass
  ``cursor`` back to get the next page (``null`` on the last page);
- ``GET /health``: ``{"status": "ok"}``.

With ``token`` set, requests need ``Authorization: Bearer <token>`` (401 otherwise).

From a shell::

    python -m connectors.http.demo_server --port 8000 --rate 2

From a test::

    with DemoServer(rate=0, per_request=5) as server:
        url = server.url + "/todos"
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["DemoServer", "main", "todo"]


def todo(item_id: int, stage_size: int = 10) -> dict[str, Any]:
    """The to-do item with id ``item_id`` (see the module docs for how its fields evolve)."""
    item: dict[str, Any] = {
        "id": item_id,
        "title": f"To-do number {item_id}",
        "completed": item_id % 3 == 0,
    }
    if item_id > stage_size:
        item["priority"] = item_id % 5
    if item_id > 2 * stage_size:
        item["tags"] = ["demo", f"batch-{item_id // stage_size}"]
        item["owner"] = {"name": f"user{item_id % 7}", "email": f"user{item_id % 7}@example.com"}
        item["views"] = item_id * 1000
    if item_id > 3 * stage_size:
        item["views"] = (1 << 31) + item_id * 1000
        item["owner"]["team"] = "platform"
    return item


class _Server(ThreadingHTTPServer):
    """A threading HTTP server that lets clients hang up without printing a traceback."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the client went away (a poll timed out, a test ended)
        super().handle_error(request, client_address)


class DemoServer:
    """The demo endpoint, served from a background thread (see the module docs)."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        initial: int = 5,
        rate: float = 2.0,
        per_request: int = 0,
        page_size: int = 20,
        stage_size: int = 10,
        max_records: int | None = None,
        token: str | None = None,
    ) -> None:
        self.host = host
        self.initial = initial
        self.rate = rate
        self.per_request = per_request
        self.page_size = page_size
        self.stage_size = stage_size
        self.max_records = max_records
        self.token = token
        self.requests = 0
        self._requested_port = port
        self._added = 0
        self._started_at = time.monotonic()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The port served on (after :meth:`start`)."""
        if self._server is None:
            raise RuntimeError("DemoServer is not started")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://{self.host}:{self.port}"

    def start(self) -> int:
        """Serve in a daemon thread; returns the port."""
        handler = type("_BoundHandler", (_Handler,), {"demo": self})
        self._server = _Server((self.host, self._requested_port), handler)
        self._server.daemon_threads = True
        self._started_at = time.monotonic()
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="demo-server",
            daemon=True,
        )
        self._thread.start()
        return self.port

    def stop(self) -> None:
        """Stop serving and close the socket."""
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join()

    def __enter__(self) -> DemoServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def add(self, count: int) -> None:
        """Make ``count`` more items available now."""
        with self._lock:
            self._added += count

    def available(self) -> int:
        """How many items exist now (ids 1..available)."""
        elapsed = time.monotonic() - self._started_at
        with self._lock:
            count = (
                self.initial + int(elapsed * self.rate) + self.requests * self.per_request
            ) + self._added
        return count if self.max_records is None else min(count, self.max_records)

    def _count_request(self) -> None:
        with self._lock:
            self.requests += 1

    def page(self, since: int, limit: int) -> tuple[list[dict[str, Any]], bool]:
        """Items with ``id > since``, at most ``limit``, and whether more are available."""
        last = self.available()
        first = max(since, 0) + 1
        end = min(last, first + limit - 1)
        items = [todo(i, self.stage_size) for i in range(first, end + 1)]
        return items, end < last


class _Handler(BaseHTTPRequestHandler):
    demo: DemoServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the demo prints nothing per request."""

    def do_GET(self) -> None:
        demo = self.demo
        parts = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(parts.query))
        if demo.token is not None and self.headers.get("Authorization") != f"Bearer {demo.token}":
            self._send(401, {"error": "missing or wrong bearer token"})
            return
        if parts.path == "/health":
            self._send(200, {"status": "ok"})
            return
        if parts.path not in ("/todos", "/api/todos"):
            self._send(404, {"error": f"no such resource: {parts.path}"})
            return
        demo._count_request()
        try:
            since = int(query.get("since", "0"))
            limit = int(query.get("limit", str(demo.page_size)))
            if "cursor" in query:
                since = int(base64.urlsafe_b64decode(query["cursor"].encode()).decode())
        except ValueError:
            self._send(400, {"error": "since, limit and cursor must be integers"})
            return
        if limit < 1:
            self._send(400, {"error": "limit must be at least 1"})
            return
        items, more = demo.page(since, limit)
        last_id = items[-1]["id"] if items else since
        if parts.path == "/todos":
            headers = {}
            if more:
                next_query = urllib.parse.urlencode({"since": last_id, "limit": limit})
                headers["Link"] = f'</todos?{next_query}>; rel="next"'
            self._send(200, items, headers)
        else:
            cursor = base64.urlsafe_b64encode(str(last_id).encode()).decode() if more else None
            self._send(200, {"data": items, "next_cursor": cursor, "count": len(items)})

    def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)


def main(argv: list[str] | None = None) -> None:
    """Run the demo endpoint until interrupted (``python -m connectors.http.demo_server``)."""
    parser = argparse.ArgumentParser(
        prog="python -m connectors.http.demo_server",
        description="Serve to-do items whose JSON shape evolves over time.",
    )
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (0: any)")
    parser.add_argument("--initial", type=int, default=5, help="items available at start")
    parser.add_argument("--rate", type=float, default=2.0, help="new items per second")
    parser.add_argument("--page-size", type=int, default=20, help="default items per page")
    parser.add_argument("--stage-size", type=int, default=10, help="items per schema stage")
    parser.add_argument("--max-records", type=int, default=None, help="stop growing here")
    parser.add_argument("--token", default=None, help="require this bearer token")
    args = parser.parse_args(argv)
    server = DemoServer(
        port=args.port,
        initial=args.initial,
        rate=args.rate,
        page_size=args.page_size,
        stage_size=args.stage_size,
        max_records=args.max_records,
        token=args.token,
    )
    server.start()
    print(f"Serving evolving to-do items on {server.url}/todos and {server.url}/api/todos")
    print("Press Ctrl-C to stop.", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
