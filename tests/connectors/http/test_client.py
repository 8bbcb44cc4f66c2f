"""Tests of connectors.http.client against real servers on 127.0.0.1 (no mocked httpx)."""

from __future__ import annotations

import base64
import doctest
import socket
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

import connectors.http.client
from connect_data.errors import ConnectException, RetriableException
from connectors.http.client import (
    HttpRetriableException,
    HttpSourceClient,
    RequestCancelled,
    body_excerpt,
    next_link,
    parse_retry_after,
)
from connectors.http.config import HttpPollSourceConfig
from tests.connectors.http.servers import (
    Reply,
    ScriptedServer,
    self_signed_certificate,
    tls_context,
)


def _client(url: str, **settings: str) -> HttpSourceClient:
    return HttpSourceClient(HttpPollSourceConfig({"http.url": url, "topic": "t", **settings}))


def test_docstring_examples() -> None:
    """The module's examples give the output shown."""
    result = doctest.testmod(connectors.http.client)
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("0", 0.0),
        (" 7 ", 7.0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 10.0),
        ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),
        ("soon", None),
        ("-5", None),
        (None, None),
    ],
)
def test_parse_retry_after(value: str | None, seconds: float | None) -> None:
    """Retry-After is delay-seconds or an HTTP date (past dates give 0); anything else None."""
    assert parse_retry_after(value, now=1445412470.0) == seconds


def test_body_excerpt_is_short_and_hides_secrets() -> None:
    """Excerpts keep at most 200 characters, collapse white space and blank out secrets."""
    assert body_excerpt("a \n\t b") == "a b"
    long = body_excerpt("x" * 500)
    assert len(long) == 200 and long.endswith("…")
    assert body_excerpt("token=abc123 rest", ("abc123",)) == "token=[hidden] rest"


def test_get_sends_headers_and_returns_2xx() -> None:
    """A GET carries the configured headers and query parameters; a 2xx response is returned."""
    with ScriptedServer([Reply(200, {"ok": True})]) as server:
        client = _client(server.url, **{"http.headers": "Accept: application/json, X-A: 1"})
        response = client.request(server.url + "/items?fixed=1", {"since": "5"})
        client.close()
    assert response.json() == {"ok": True}
    seen = server.requests[0]
    assert (seen.method, seen.path, seen.query) == ("GET", "/items", {"fixed": "1", "since": "5"})
    assert seen.headers["Accept"] == "application/json"
    assert seen.headers["X-A"] == "1"
    assert "Authorization" not in seen.headers


def test_post_sends_the_body() -> None:
    """http.method=POST sends http.request.body."""
    with ScriptedServer([Reply(201, [])]) as server:
        client = _client(
            server.url,
            **{
                "http.method": "POST",
                "http.request.body": '{"q": 1}',
                "http.headers": "Content-Type: application/json",
            },
        )
        client.request(server.url)
        client.close()
    assert server.requests[0].method == "POST"
    assert server.requests[0].body == b'{"q": 1}'


def test_basic_auth_header() -> None:
    """http.auth.type=basic sends Basic credentials of user and password."""
    with ScriptedServer([Reply(200, [])]) as server:
        client = _client(
            server.url,
            **{
                "http.auth.type": "basic",
                "http.auth.user": "ada",
                "http.auth.password": "pa:ss",
            },
        )
        client.request(server.url)
        client.close()
    expected = "Basic " + base64.b64encode(b"ada:pa:ss").decode()
    assert server.requests[0].headers["Authorization"] == expected


def test_bearer_auth_header() -> None:
    """http.auth.type=bearer sends the token as a Bearer authorization."""
    with ScriptedServer([Reply(200, [])]) as server:
        client = _client(server.url, **{"http.auth.type": "bearer", "http.auth.token": "tok-123"})
        client.request(server.url)
        assert "tok-123" not in repr(client)
        client.close()
    assert server.requests[0].headers["Authorization"] == "Bearer tok-123"


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410, 422])
def test_4xx_fails_with_status_and_excerpt(status: int) -> None:
    """A 4xx other than 429 raises ConnectException (not retriable) with status and excerpt."""
    body = "problem: " + "detail " * 100
    with ScriptedServer([Reply(status, body)]) as server:
        client = _client(server.url)
        with pytest.raises(ConnectException) as info:
            client.request(server.url + "/x")
        client.close()
    assert not isinstance(info.value, RetriableException)
    message = str(info.value)
    assert message.startswith(f"GET {server.url}/x returned HTTP {status} ")
    excerpt = message.split(": ", 1)[1]
    assert excerpt.startswith("problem: detail") and len(excerpt) <= 200


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
def test_429_and_5xx_are_retriable(status: int) -> None:
    """429 and 5xx raise HttpRetriableException, with Retry-After when the server sends it."""
    replies = [
        Reply(status, "busy", {"Retry-After": "3"}),
        Reply(status, "busy"),
    ]
    with ScriptedServer(replies) as server:
        client = _client(server.url)
        with pytest.raises(HttpRetriableException, match=f"HTTP {status}") as first:
            client.request(server.url)
        with pytest.raises(HttpRetriableException) as second:
            client.request(server.url)
        client.close()
    assert first.value.retry_after_s == 3.0
    assert second.value.retry_after_s is None
    assert isinstance(first.value, RetriableException)


def test_retry_after_as_http_date() -> None:
    """A Retry-After HTTP date becomes the seconds until then."""
    when = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 30))
    with ScriptedServer([Reply(503, "", {"Retry-After": when})]) as server:
        client = _client(server.url)
        with pytest.raises(HttpRetriableException) as info:
            client.request(server.url)
        client.close()
    assert info.value.retry_after_s is not None and 25 <= info.value.retry_after_s <= 31


def test_timeout_is_retriable() -> None:
    """A response slower than http.timeout.ms raises HttpRetriableException naming the timeout."""
    with ScriptedServer([Reply(200, [], delay_s=1.0)]) as server:
        client = _client(server.url, **{"http.timeout.ms": "100"})
        started = time.monotonic()
        with pytest.raises(HttpRetriableException, match="timed out after 100 ms"):
            client.request(server.url)
        assert time.monotonic() - started < 0.9
        client.close()


def test_connection_refused_is_retriable() -> None:
    """A server that is not listening gives HttpRetriableException (it may come back)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = _client(f"http://127.0.0.1:{port}")
    with pytest.raises(HttpRetriableException, match="ConnectError"):
        client.request(f"http://127.0.0.1:{port}/")
    client.close()


def test_close_cancels_a_running_request() -> None:
    """close() from another thread ends a running request at once with RequestCancelled."""
    with ScriptedServer([Reply(200, [], delay_s=2.0)]) as server:
        client = _client(server.url)
        threading.Timer(0.1, client.close).start()
        started = time.monotonic()
        with pytest.raises(RequestCancelled):
            client.request(server.url)
        assert time.monotonic() - started < 1.0
        with pytest.raises(RequestCancelled):
            client.request(server.url)


def test_next_link_follows_rel_next() -> None:
    """The Link header's rel="next" target is returned, resolved against the request URL."""
    headers = {"Link": '</items?page=3>; rel="last", </items?page=2>; rel="next"'}
    with ScriptedServer([Reply(200, [], headers), Reply(200, [])]) as server:
        client = _client(server.url)
        first = client.request(server.url + "/items")
        last = client.request(server.url + "/items?page=2")
        client.close()
    assert next_link(first) == server.url + "/items?page=2"
    assert next_link(last) is None


def test_next_link_absolute_and_multi_rel() -> None:
    """An absolute target and a rel list containing next are followed."""
    response = httpx.Response(
        200,
        headers={"Link": '<https://other.example/p2>; rel="prefetch next"'},
        request=httpx.Request("GET", "http://127.0.0.1/p1"),
    )
    assert next_link(response) == "https://other.example/p2"


@pytest.fixture
def https_server(tmp_path: Path) -> Any:
    cert, key = self_signed_certificate(tmp_path)
    with ScriptedServer(
        lambda seen: Reply(200, {"tls": True}), tls=tls_context(cert, key)
    ) as server:
        yield server, cert


def test_tls_verification_is_on_by_default(https_server: Any) -> None:
    """A self-signed certificate is rejected (not retried) unless told otherwise."""
    server, _ = https_server
    client = _client(server.url)
    with pytest.raises(ConnectException, match="TLS certificate could not be verified") as info:
        client.request(server.url)
    client.close()
    assert not isinstance(info.value, RetriableException)
    assert "http.ssl.ca.location" in str(info.value)


def test_tls_with_trusted_ca_file(https_server: Any) -> None:
    """http.ssl.ca.location makes the server's own certificate trusted, verification on."""
    server, cert = https_server
    client = _client(server.url, **{"http.ssl.ca.location": str(cert)})
    assert client.request(server.url).json() == {"tls": True}
    client.close()


def test_tls_verification_can_be_turned_off(https_server: Any) -> None:
    """http.ssl.verify=false accepts the self-signed certificate."""
    server, _ = https_server
    client = _client(server.url, **{"http.ssl.verify": "false"})
    assert client.request(server.url).json() == {"tls": True}
    client.close()


def test_secrets_never_in_messages(caplog: pytest.LogCaptureFixture) -> None:
    """A server echoing the credentials does not get them into exception messages or logs."""
    password, token = "pw-Secret-1", "tok-Secret-2"
    encoded = base64.b64encode(f"ada:{password}".encode()).decode()

    def echo(seen: Any) -> Reply:
        return Reply(401, f"denied {seen.headers.get('Authorization')} {password} {token}")

    caplog.set_level("DEBUG")
    with ScriptedServer(echo) as server:
        for settings in (
            {"http.auth.type": "basic", "http.auth.user": "ada", "http.auth.password": password},
            {"http.auth.type": "bearer", "http.auth.token": token},
        ):
            client = _client(server.url, **settings)
            with pytest.raises(ConnectException) as info:
                client.request(server.url)
            client.close()
            text = str(info.value) + repr(info.value) + repr(client)
            secret = settings.get("http.auth.password") or settings["http.auth.token"]
            assert secret not in text and encoded not in text
            assert "[hidden]" in text
    assert password not in caplog.text and token not in caplog.text and encoded not in caplog.text
