"""Tests of connectors.runtime.rest.server: listeners, binding, advertised URL, start and stop."""

from __future__ import annotations

import socket

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from connect_data.config import ConfigException
from connect_data.errors import ConnectException
from connectors.runtime.rest import RestServer
from connectors.runtime.worker_config import WorkerConfig

BASE = {"key.converter": "StringConverter", "value.converter": "StringConverter"}


def config(**extra: str) -> WorkerConfig:
    return WorkerConfig({**BASE, **extra})


def hello_app() -> Starlette:
    async def hello(request: Request) -> PlainTextResponse:
        return PlainTextResponse("hello")

    return Starlette(routes=[Route("/", hello)])


def test_default_listener_is_loopback_8083() -> None:
    """Without listeners, the server would bind http://127.0.0.1:8083 (loopback only)."""
    server = RestServer(config())
    assert server.listeners == [("http", "127.0.0.1", 8083)]


def test_port_zero_binds_a_free_port_and_serves() -> None:
    """listeners=http://127.0.0.1:0 gets a free port; the app answers on it until stop()."""
    server = RestServer(config(listeners="http://127.0.0.1:0"))
    server.bind()
    port = server.bound_ports()[0]
    assert port > 0
    assert server.urls() == [f"http://127.0.0.1:{port}/"]
    server.start(hello_app())
    try:
        assert httpx.get(f"http://127.0.0.1:{port}/").text == "hello"
    finally:
        server.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{port}/", timeout=2.0)


def test_several_listeners_are_all_served() -> None:
    """Each listener gets its own socket; the app answers on every one."""
    server = RestServer(config(listeners="http://127.0.0.1:0,http://localhost:0"))
    server.start(hello_app())
    try:
        ports = server.bound_ports()
        assert len(ports) == 2 and ports[0] != ports[1]
        for port in ports:
            assert httpx.get(f"http://127.0.0.1:{port}/").text == "hello"
    finally:
        server.stop()


def test_a_port_in_use_fails_with_the_listener_named() -> None:
    """Binding a port already in use raises ConnectException naming the listener."""
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    try:
        server = RestServer(config(listeners=f"http://127.0.0.1:{port}"))
        with pytest.raises(ConnectException, match=rf"http://127\.0\.0\.1:{port}"):
            server.bind()
    finally:
        taken.close()


def test_advertised_url_and_worker_id() -> None:
    """rest.advertised.* override the listener's host and port; the worker id is host:port."""
    server = RestServer(config(listeners="http://127.0.0.1:0"))
    server.bind()
    port = server.bound_ports()[0]
    assert server.advertised_url() == f"http://127.0.0.1:{port}/"
    assert server.worker_id() == f"127.0.0.1:{port}"
    server.close()
    overridden = RestServer(
        config(
            listeners="http://127.0.0.1:0",
            **{"rest.advertised.host.name": "connect.example.com", "rest.advertised.port": "9999"},
        )
    )
    assert overridden.advertised_url() == "http://connect.example.com:9999/"
    assert overridden.worker_id() == "connect.example.com:9999"
    overridden.close()


def test_empty_host_binds_every_interface_and_advertises_the_host_name() -> None:
    """http://:0 binds 0.0.0.0; the advertised host is the machine's name."""
    server = RestServer(config(listeners="http://:0"))
    server.bind()
    try:
        assert server.advertised_url().startswith(f"http://{socket.gethostname()}:")
    finally:
        server.close()


def test_ipv6_listener_is_bracketed() -> None:
    """An IPv6 listener binds the address and shows it in brackets."""
    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    server = RestServer(config(listeners="http://[::1]:0"))
    try:
        server.bind()
    except ConnectException as exc:
        pytest.skip(f"cannot bind ::1 here: {exc}")
    try:
        assert server.advertised_url().startswith("http://[::1]:")
    finally:
        server.close()


@pytest.mark.parametrize(
    ("listeners", "message"),
    [
        ("https://127.0.0.1:8443", "serves http only"),
        ("127.0.0.1:8083", "protocol://host:port"),
        ("http://127.0.0.1:99999", "between 0 and 65535"),
        ("", "Empty listeners list"),
    ],
)
def test_invalid_listeners_are_config_errors(listeners: str, message: str) -> None:
    """Listeners that are not http://host:port are refused when the config is read."""
    with pytest.raises(ConfigException, match=message):
        config(listeners=listeners)
