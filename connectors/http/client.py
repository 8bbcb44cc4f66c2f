"""The HTTP side of the polling source: one reused ``httpx`` client and Connect's error rules.

:class:`HttpSourceClient` sends the configured request and sorts failures the way the
runtime needs them:

- a timeout, a connection failure, a ``429`` or a ``5xx`` response raises
  :class:`HttpRetriableException` (a :class:`~connect_data.RetriableException`) carrying the
  server's ``Retry-After`` (seconds or an HTTP date) when it sent one: the task waits and tries
  again;
- any other response that is not ``2xx`` raises :class:`~connect_data.ConnectException` with
  the status and the first 200 characters of the body: the task fails with that message in
  its status trace;
- a TLS certificate that does not verify raises :class:`~connect_data.ConnectException` too
  (retrying cannot fix it), naming the settings that can.

Secrets (``http.auth.password``, ``http.auth.token`` and the Basic credentials) are sent only
in the ``Authorization`` header, never logged, and blanked out of any body excerpt.
"""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import logging
import re
import ssl
import threading
import time
import urllib.parse
from collections.abc import Generator, Mapping
from typing import Any, Final

import httpx

from connect_data.errors import ConnectException, RetriableException
from connectors.http.config import (
    AUTH_BASIC,
    AUTH_BEARER,
    HttpPollSourceConfig,
    redact_url,
)

__all__ = [
    "HttpRetriableException",
    "HttpSourceClient",
    "RequestCancelled",
    "body_excerpt",
    "next_link",
    "parse_retry_after",
]

log = logging.getLogger(__name__)

EXCERPT_CHARS: Final = 200
_HIDDEN: Final = "[hidden]"


class RequestCancelled(ConnectException):
    """The client was closed while a request was running (the task is stopping)."""


class HttpRetriableException(RetriableException):
    """A failure worth retrying; ``retry_after_s`` is the server's ``Retry-After``, if any."""

    def __init__(self, message: str, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class _BearerAuth(httpx.Auth):
    """Adds ``Authorization: Bearer <token>``; its repr does not show the token."""

    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request

    def __repr__(self) -> str:
        return "_BearerAuth([hidden])"


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value: delay-seconds or an HTTP date.

    >>> parse_retry_after("120")
    120.0
    >>> parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0)
    10.0

    A date in the past gives 0; a value that is neither gives ``None``.
    """
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(int(text))
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


def body_excerpt(text: str, secrets: tuple[str, ...] = ()) -> str:
    """The first 200 characters of ``text`` with runs of white space collapsed and ``secrets``
    replaced by ``[hidden]`` (an ellipsis marks a cut)."""
    collapsed = re.sub(r"\s+", " ", text).strip()
    for secret in secrets:
        if secret:
            collapsed = collapsed.replace(secret, _HIDDEN)
    if len(collapsed) > EXCERPT_CHARS:
        return collapsed[: EXCERPT_CHARS - 1] + "…"
    return collapsed


def next_link(response: httpx.Response) -> str | None:
    """The absolute URL of the ``rel="next"`` target of the response's Link header (RFC 8288)."""
    for rel, link in response.links.items():
        if "next" in str(rel).lower().split():
            target = link.get("url")
            if target:
                return urllib.parse.urljoin(str(response.url), target)
    return None


class HttpSourceClient:
    """Sends the configured requests through one ``httpx.Client`` (closed by :meth:`close`)."""

    def __init__(self, config: HttpPollSourceConfig) -> None:
        self._method = config.method
        self._body = config.request_body.encode() if config.method == "POST" else None
        self._timeout_ms = round(config.timeout_s * 1000)
        auth: httpx.Auth | None = None
        secrets: list[str] = []
        if config.auth_type == AUTH_BASIC:
            password = config.auth_password.value()
            auth = httpx.BasicAuth(config.auth_user, password)
            credentials = f"{config.auth_user}:{password}".encode()
            secrets += [password, base64.b64encode(credentials).decode("ascii")]
        elif config.auth_type == AUTH_BEARER:
            token = config.auth_token.value()
            auth = _BearerAuth(token)
            secrets.append(token)
        self._secrets = tuple(sorted((s for s in secrets if s), key=len, reverse=True))
        verify: ssl.SSLContext | bool = config.ssl_verify
        if config.ssl_verify and config.ssl_ca_location:
            verify = ssl.create_default_context(cafile=config.ssl_ca_location)
        self._client = httpx.Client(
            auth=auth,
            headers=config.headers,
            timeout=httpx.Timeout(config.timeout_s),
            verify=verify,
            follow_redirects=True,
        )
        self._closed = False
        self._lock = threading.Lock()
        self._waiting: set[threading.Event] = set()

    def request(self, url: str, params: Mapping[str, str] | None = None) -> httpx.Response:
        """Send one request to ``url`` (with ``params`` added to its query) and return the
        ``2xx`` response; raises as described in the module docs.

        The request runs on a helper thread so that :meth:`close`, called from another
        thread, ends the wait at once (raising :class:`RequestCancelled`) instead of after
        the request finishes or times out.
        """
        wake = threading.Event()
        with self._lock:
            if self._closed:
                raise RequestCancelled("The HTTP client is closed")
            self._waiting.add(wake)
        outcome: list[Any] = []

        def run() -> None:
            try:
                outcome.append(self._send(url, params))
            except BaseException as exc:  # handed to the waiting thread
                outcome.append(exc)
            finally:
                wake.set()

        threading.Thread(target=run, name="http-poll-request", daemon=True).start()
        wake.wait()
        with self._lock:
            self._waiting.discard(wake)
        if not outcome:
            raise RequestCancelled("The HTTP client was closed during the request")
        result = outcome[0]
        if isinstance(result, BaseException):
            raise result
        response: httpx.Response = result
        return response

    def _send(self, url: str, params: Mapping[str, str] | None) -> httpx.Response:
        target = _with_params(url, params)
        shown = f"{self._method} {redact_url(target)}"
        try:
            response = self._client.request(self._method, target, content=self._body)
        except httpx.TimeoutException as exc:
            raise HttpRetriableException(
                f"{shown} timed out after {self._timeout_ms} ms ({type(exc).__name__})"
            ) from None
        except httpx.TransportError as exc:
            if _is_certificate_error(exc):
                raise ConnectException(
                    f"{shown} failed: the server's TLS certificate could not be verified "
                    f"({self._scrub(str(exc))}). Trust its CA with http.ssl.ca.location, or "
                    "turn verification off with http.ssl.verify=false."
                ) from None
            raise HttpRetriableException(
                f"{shown} failed: {type(exc).__name__}: {self._scrub(str(exc))}"
            ) from None
        status = response.status_code
        if 200 <= status < 300:
            return response
        excerpt = body_excerpt(response.text, self._secrets)
        message = f"{shown} returned HTTP {status} {response.reason_phrase}: {excerpt}"
        if status == 429 or status >= 500:
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            raise HttpRetriableException(message, retry_after)
        raise ConnectException(message)

    def _scrub(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, _HIDDEN)
        return text

    def close(self) -> None:
        """Close the connections; a request running on another thread fails and ends."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            for wake in self._waiting:
                wake.set()
        self._client.close()

    def __repr__(self) -> str:
        return f"HttpSourceClient({self._method}, closed={self._closed})"


def _with_params(url: str, params: Mapping[str, str] | None) -> str:
    """``url`` with ``params`` set in its query (replacing parameters of the same name)."""
    if not params:
        return url
    merged = httpx.URL(url)
    for name, value in params.items():
        merged = merged.copy_set_param(name, value)
    return str(merged)


def _is_certificate_error(exc: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            return True
        if "CERTIFICATE_VERIFY_FAILED" in str(current):
            return True
        current = current.__cause__ or current.__context__
    return False
