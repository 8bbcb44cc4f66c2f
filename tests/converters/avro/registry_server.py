"""A real HTTP Schema Registry for tests: Confluent's REST API over a LocalSchemaRegistry.

Serves on 127.0.0.1 (optionally with TLS and basic auth) the endpoints confluent-kafka's
``SchemaRegistryClient`` calls, with the registry's status codes and error bodies, so tests
exercise the real client, its HTTP and its error handling. ``fail_with`` makes every request
answer one HTTP status (503 to simulate an outage).
"""

from __future__ import annotations

import base64
import json
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from confluent_kafka.schema_registry import Schema
from confluent_kafka.schema_registry.error import SchemaRegistryError

from converters.avro.registry import LocalSchemaRegistry


class RegistryServer:
    """A running test registry; ``url`` is its base URL, ``requests`` what it was asked."""

    def __init__(
        self,
        registry: LocalSchemaRegistry,
        user_info: str | None = None,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.registry = registry
        self.user_info = user_info
        self.fail_with: int | None = None
        self.requests: list[tuple[str, str]] = []
        handler = _handler(self)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        scheme = "https" if tls is not None else "http"
        host = "localhost" if tls is not None else "127.0.0.1"
        self.url = f"{scheme}://{host}:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> RegistryServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


@contextmanager
def serve(
    registry: LocalSchemaRegistry | None = None,
    user_info: str | None = None,
    tls: ssl.SSLContext | None = None,
) -> Iterator[RegistryServer]:
    """A registry server for the duration of a ``with`` block."""
    server = RegistryServer(registry or LocalSchemaRegistry(), user_info, tls).start()
    try:
        yield server
    finally:
        server.stop()


def _handler(server: RegistryServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _reply(self, status: int, body: Any) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/vnd.schemaregistry.v1+json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _authorized(self) -> bool:
            if server.user_info is None:
                return True
            expected = "Basic " + base64.b64encode(server.user_info.encode()).decode()
            return self.headers.get("Authorization") == expected

        def _handle(self, method: str) -> None:
            server.requests.append((method, self.path))
            if server.fail_with is not None:
                self._reply(server.fail_with, {"error_code": server.fail_with, "message": "down"})
                return
            if not self._authorized():
                self._reply(401, {"error_code": 401, "message": "Unauthorized"})
                return
            parsed = urlparse(self.path)
            parts = [unquote(p) for p in parsed.path.strip("/").split("/")]
            query = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length)) if length else None
            try:
                self._reply(200, self._route(method, parts, query, body))
            except SchemaRegistryError as e:
                self._reply(
                    e.http_status_code, {"error_code": e.error_code, "message": e.error_message}
                )

        def _route(self, method: str, parts: list[str], query: dict[str, str], body: Any) -> Any:
            registry = server.registry
            normalize = query.get("normalize", "false").lower() == "true"
            if (
                method == "POST"
                and len(parts) == 3
                and parts[0] == "subjects"
                and parts[2] == "versions"
            ):
                registered = registry.register_schema_full_response(
                    parts[1], Schema.from_dict(body), normalize
                )
                return registered.to_dict()
            if method == "POST" and len(parts) == 2 and parts[0] == "subjects":
                return registry.lookup_schema(parts[1], Schema.from_dict(body), normalize).to_dict()
            if method == "GET" and parts[:2] == ["schemas", "ids"] and len(parts) == 3:
                return registry.get_schema(int(parts[2])).to_dict()
            if (
                method == "GET"
                and len(parts) == 4
                and parts[0] == "subjects"
                and parts[2] == "versions"
            ):
                version: int | str = parts[3] if parts[3] == "latest" else int(parts[3])
                return registry.get_version(parts[1], version).to_dict()
            if method == "GET" and parts == ["subjects"]:
                return registry.get_subjects()
            if method == "PUT" and len(parts) == 2 and parts[0] == "config":
                return {
                    "compatibility": registry.set_compatibility(parts[1], body["compatibility"])
                }
            raise SchemaRegistryError(404, 404, f"No route for {method} /{'/'.join(parts)}")

        def do_GET(self) -> None:
            self._handle("GET")

        def do_POST(self) -> None:
            self._handle("POST")

        def do_PUT(self) -> None:
            self._handle("PUT")

    return Handler
