"""The REST server: uvicorn serving the REST API from a thread of the worker process.

:class:`RestServer` binds a socket per ``listeners`` entry first (so a port in use fails the
start with a clear error, and ``:0`` picks a free port), computes the advertised URL from
``rest.advertised.*`` (whose ``host:port`` is the worker id shown in statuses, as in Kafka
Connect), then serves the application on those sockets until :meth:`RestServer.stop`.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from typing import Final

import uvicorn
from starlette.types import ASGIApp

from connect_data.errors import ConnectException
from connectors.runtime import worker_config as wc
from connectors.runtime.worker_config import WorkerConfig, parse_listener

__all__ = ["RestServer"]

log = logging.getLogger(__name__)

_START_TIMEOUT_S: Final = 10.0
_STOP_TIMEOUT_S: Final = 10.0


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


class RestServer:
    """Binds the ``listeners`` of a worker configuration and serves an ASGI app on them."""

    def __init__(self, config: WorkerConfig) -> None:
        self.config = config
        self.listeners = [
            parse_listener(str(item)) for item in config.get_list(wc.LISTENERS_CONFIG) or []
        ]
        self._sockets: list[socket.socket] = []
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ binding

    def bind(self) -> None:
        """Open and bind a listening socket per listener; raises :class:`ConnectException`
        naming the listener when one cannot be bound."""
        if self._sockets:
            return
        try:
            for protocol, host, port in self.listeners:
                self._sockets.append(self._bind(protocol, host, port))
        except BaseException:
            self.close()
            raise

    @staticmethod
    def _bind(protocol: str, host: str, port: int) -> socket.socket:
        address = host or "0.0.0.0"  # an empty host binds every interface, as in Kafka
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((address, port))
            sock.listen(128)
            sock.setblocking(False)
        except OSError as exc:
            sock.close()
            raise ConnectException(
                f"Unable to initialize REST server: cannot listen on "
                f"{protocol}://{_url_host(host)}:{port}: {exc.strerror or exc}"
            ) from exc
        return sock

    def bound_ports(self) -> list[int]:
        """The port of each listener, once bound (the real one for ``:0``)."""
        return [int(s.getsockname()[1]) for s in self._sockets]

    def urls(self) -> list[str]:
        """``http://host:port/`` of each bound listener."""
        return [
            f"{protocol}://{_url_host(host or socket.gethostname())}:{port}/"
            for (protocol, host, _), port in zip(self.listeners, self.bound_ports(), strict=True)
        ]

    def advertised_url(self) -> str:
        """The URL other parties should use (``rest.advertised.*`` over the listener's)."""
        self.bind()
        protocol = (
            str(self.config.get_string(wc.REST_ADVERTISED_LISTENER_CONFIG) or "").lower()
            or self.listeners[0][0]
        )
        index = next((i for i, item in enumerate(self.listeners) if item[0] == protocol), 0)
        host = self.config.get_string(wc.REST_ADVERTISED_HOST_NAME_CONFIG) or ""
        if not host:
            host = self.listeners[index][1] or socket.gethostname()
        port = self.config.get_int(wc.REST_ADVERTISED_PORT_CONFIG)
        if port is None:
            port = self.bound_ports()[index]
        return f"{protocol}://{_url_host(host)}:{port}/"

    def worker_id(self) -> str:
        """``host:port`` of the advertised URL: the worker id statuses show."""
        url = self.advertised_url()
        return url.split("://", 1)[1].rstrip("/")

    # ------------------------------------------------------------------ serving

    def start(self, app: ASGIApp) -> None:
        """Serve ``app`` on the bound sockets from a daemon thread; returns once serving."""
        self.bind()
        config = uvicorn.Config(
            app,
            log_config=None,
            access_log=True,
            lifespan="off",
            timeout_graceful_shutdown=5,
        )
        server = uvicorn.Server(config)
        self._server = server
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": self._sockets}, name="rest-server", daemon=True
        )
        self._thread = thread
        thread.start()
        deadline = time.monotonic() + _START_TIMEOUT_S
        while not server.started:
            if not thread.is_alive():
                raise ConnectException("The REST server stopped while starting")
            if time.monotonic() > deadline:
                raise ConnectException("The REST server did not start in time")
            time.sleep(0.01)
        log.info(
            "REST server listening at %s, advertising URL %s",
            ", ".join(self.urls()),
            self.advertised_url(),
        )

    def stop(self) -> None:
        """Stop serving (requests in progress get a few seconds to finish) and close."""
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is not None:
            server.should_exit = True
        if thread is not None:
            thread.join(_STOP_TIMEOUT_S)
            if thread.is_alive():
                log.warning("The REST server did not stop within %.0f s", _STOP_TIMEOUT_S)
        self.close()

    def close(self) -> None:
        """Close the listening sockets."""
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.close()
        self._sockets = []
