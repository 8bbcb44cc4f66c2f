"""The REST API's routes: Kafka Connect's paths, methods, status codes and JSON bodies.

:func:`create_app` builds a Starlette application over a :class:`StandaloneHerder`. Every
error answers ``{"error_code": <status>, "message": ...}`` (404 for an unknown connector, 409
for a connector that exists already, 400 for a bad request, 500 otherwise; 404 and 405 for an
unknown path or method, as Jersey reports them). Herder calls, which may wait for tasks to
stop, run on a worker thread, never on the event loop.
"""

from __future__ import annotations

import logging
import urllib.parse
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, Final

import orjson
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from connectors.runtime import worker_config as wc
from connectors.runtime.connector_config import CONNECTOR_CLASS_CONFIG, NAME_CONFIG
from connectors.runtime.rest.entities import (
    ConnectorOffsets,
    CreateConnectorRequest,
    ErrorMessage,
    PluginInfo,
    ServerInfo,
    WorkerStatus,
    config_map,
)
from connectors.runtime.rest.errors import (
    BadRequestException,
    ConnectRestException,
    error_message_for,
)
from connectors.runtime.rest.validation import plugin_config
from connectors.runtime.status import ConnectorTaskId
from converters.plugins import PluginType

if TYPE_CHECKING:
    from connectors.runtime.standalone import StandaloneHerder

__all__ = ["create_app", "server_info"]

log = logging.getLogger(__name__)

_HTTP_REASONS: Final = {404: "Not Found", 405: "Method Not Allowed", 415: "Unsupported Media Type"}
_ALIAS_SUFFIX: Final = "Connector"
_PLUGIN_ORDER: Final = (
    PluginType.SINK,
    PluginType.SOURCE,
    PluginType.TRANSFORMATION,
    PluginType.PREDICATE,
    PluginType.CONVERTER,
    PluginType.HEADER_CONVERTER,
)

Handler = Callable[[Request], Awaitable[Response]]


def _json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        orjson.dumps(body), status_code=status, media_type="application/json", headers=headers
    )


def _error(status: int, error: ErrorMessage) -> Response:
    return _json(error.to_json(), status)


def _flag(request: Request, name: str, default: bool = False) -> bool:
    """A boolean query parameter as JAX-RS reads one: ``true`` (any case) or else false."""
    value = request.query_params.get(name)
    if value is None:
        return default
    return value.strip().lower() == "true"


async def _body(request: Request) -> Any:
    raw = await request.body()
    if not raw.strip():
        raise BadRequestException("The request has no body; a JSON document is expected")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise BadRequestException(f"The request body is not valid JSON: {exc}") from exc


def _parse(parser: Callable[[Any], Any], body: Any) -> Any:
    """Read a request body with an entity parser; its :class:`ValueError` is a bad request."""
    try:
        return parser(body)
    except ValueError as exc:
        raise BadRequestException(str(exc)) from exc


def _endpoint(handler: Handler) -> Handler:
    """Turn exceptions into Kafka's error responses."""

    async def wrapped(request: Request) -> Response:
        try:
            return await handler(request)
        except Exception as exc:
            status, message = error_message_for(exc)
            return _error(status, message)

    wrapped.__name__ = handler.__name__
    return wrapped


def _normalized(plugin_name: str) -> str:
    if plugin_name.endswith(_ALIAS_SUFFIX) and len(plugin_name) > len(_ALIAS_SUFFIX):
        return plugin_name[: -len(_ALIAS_SUFFIX)]
    return plugin_name


def _version_and_commit() -> tuple[str, str]:
    import importlib.metadata
    from pathlib import Path

    try:
        version = importlib.metadata.version("connectpy")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    commit = "unknown"
    git = Path(__file__).resolve().parents[3] / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if head.startswith("ref: "):
            ref = head[5:]
            ref_file = git / ref
            if ref_file.exists():
                head = ref_file.read_text().strip()
            else:
                packed = (git / "packed-refs").read_text().splitlines()
                head = next((line.split()[0] for line in packed if line.endswith(" " + ref)), "")
        if len(head) >= 16 and all(c in "0123456789abcdef" for c in head):
            commit = head[:16]
    except OSError:
        pass
    return version, commit


def server_info(herder: StandaloneHerder) -> ServerInfo:
    """``GET /``: connectpy's version, the source commit (when run from a checkout) and the
    record log's cluster id."""
    version, commit = _version_and_commit()
    try:
        cluster_id = herder.worker.record_log.cluster_id()
    except Exception as exc:
        log.warning("Cannot read the cluster id of the record log: %s", exc)
        cluster_id = None
    return ServerInfo(version, commit, cluster_id)


class _StripTrailingSlash:
    """``/connectors/`` answers as ``/connectors`` (JAX-RS matches both)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            if len(path) > 1 and path.endswith("/"):
                scope = {**scope, "path": path.rstrip("/") or "/"}
        await self.app(scope, receive, send)


def create_app(herder: StandaloneHerder) -> Starlette:
    """The REST API of ``herder``'s worker, configured by its worker configuration."""
    config = herder.worker.config
    tracking = bool(config.get_boolean(wc.TOPIC_TRACKING_ENABLE_CONFIG))
    tracking_reset = bool(config.get_boolean(wc.TOPIC_TRACKING_ALLOW_RESET_CONFIG))
    info = server_info(herder)
    plugins = herder.worker.plugins

    def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Awaitable[Any]:
        return run_in_threadpool(fn, *args, **kwargs)

    # ------------------------------------------------------------------ root

    async def root(request: Request) -> Response:
        return _json(info.to_json())

    async def health(request: Request) -> Response:
        if herder.running.is_set():
            status = WorkerStatus(
                "healthy", "Worker has completed startup and is ready to handle requests."
            )
            return _json(status.to_json())
        return _json(WorkerStatus("starting", "Worker is still starting up.").to_json(), 503)

    # ------------------------------------------------------------------ connectors

    async def list_connectors(request: Request) -> Response:
        expansions = request.query_params.getlist("expand")
        if not expansions:
            return _json(await call(herder.connectors))

        def expanded() -> dict[str, dict[str, Any]]:
            result: dict[str, dict[str, Any]] = {}
            for name in herder.connectors():
                entry: dict[str, Any] = {}
                try:
                    for expansion in expansions:
                        if expansion == "status":
                            entry["status"] = herder.connector_status(name).to_json()
                        elif expansion == "info":
                            entry["info"] = herder.connector_info(name).to_json()
                        else:
                            log.info("Ignoring unknown expansion type %s", expansion)
                except ConnectRestException:
                    raise
                except Exception as exc:
                    log.debug("Unable to get connector info for %s: %s", name, exc)
                    continue
                result[name] = entry
            return result

        return _json(await call(expanded))

    def _check_name(name: str, props: dict[str, str | None]) -> None:
        included = props.get(NAME_CONFIG)
        if included is not None:
            if included != name:
                raise BadRequestException(
                    f"Connector name configuration ({included}) doesn't match connector name "
                    f"in the URL ({name})"
                )
        else:
            props[NAME_CONFIG] = name

    def _location(request: Request, name: str) -> dict[str, str]:
        return {"Location": f"{request.base_url}connectors/{urllib.parse.quote(name, safe='')}"}

    async def create_connector(request: Request) -> Response:
        body: CreateConnectorRequest = _parse(
            CreateConnectorRequest.from_json, await _body(request)
        )
        name = (body.name or "").strip()
        props = dict(body.config)
        _check_name(name, props)
        created = await call(
            herder.create_connector,
            name,
            props,
            allow_replace=False,
            initial_state=body.initial_state,
        )
        return _json(created.result.to_json(), 201, _location(request, name))

    async def get_connector(request: Request) -> Response:
        return _json(
            (await call(herder.connector_info, request.path_params["connector"])).to_json()
        )

    async def delete_connector(request: Request) -> Response:
        await call(herder.delete_connector, request.path_params["connector"])
        return Response(status_code=204)

    async def get_config(request: Request) -> Response:
        return _json(await call(herder.connector_config, request.path_params["connector"]))

    async def put_config(request: Request) -> Response:
        name: str = request.path_params["connector"]
        props: dict[str, str | None] = _parse(config_map, await _body(request))
        _check_name(name, props)
        created = await call(herder.create_connector, name, props, allow_replace=True)
        if created.created:
            return _json(created.result.to_json(), 201, _location(request, name))
        return _json(created.result.to_json())

    async def patch_config(request: Request) -> Response:
        patch = _parse(lambda b: config_map(b, "The configuration patch"), await _body(request))
        created = await call(herder.patch_connector_config, request.path_params["connector"], patch)
        return _json(created.result.to_json())

    async def get_status(request: Request) -> Response:
        status = await call(herder.connector_status, request.path_params["connector"])
        return _json(status.to_json())

    async def get_tasks(request: Request) -> Response:
        tasks = await call(herder.task_infos, request.path_params["connector"])
        return _json([t.to_json() for t in tasks])

    def _task_id(request: Request) -> ConnectorTaskId:
        return ConnectorTaskId(request.path_params["connector"], request.path_params["task"])

    async def get_task_status(request: Request) -> Response:
        return _json((await call(herder.task_status, _task_id(request))).to_json())

    async def restart_task(request: Request) -> Response:
        await call(herder.restart_task, _task_id(request))
        return Response(status_code=204)

    async def restart_connector(request: Request) -> Response:
        name: str = request.path_params["connector"]
        include_tasks = _flag(request, "includeTasks")
        only_failed = _flag(request, "onlyFailed")
        if not include_tasks and not only_failed:
            await call(herder.restart_connector, name)
            return Response(status_code=204)
        state = await call(
            herder.restart_connector_and_tasks,
            name,
            only_failed=only_failed,
            include_tasks=include_tasks,
        )
        return _json(state.to_json(), 202)

    async def pause(request: Request) -> Response:
        await call(herder.pause_connector, request.path_params["connector"])
        return Response(status_code=202)

    async def resume(request: Request) -> Response:
        await call(herder.resume_connector, request.path_params["connector"])
        return Response(status_code=202)

    async def stop(request: Request) -> Response:
        await call(herder.stop_connector, request.path_params["connector"])
        return Response(status_code=204)

    async def get_topics(request: Request) -> Response:
        if not tracking:
            raise ConnectRestException(403, "Topic tracking is disabled.")
        topics = await call(herder.connector_active_topics, request.path_params["connector"])
        return _json(topics.to_json())

    async def reset_topics(request: Request) -> Response:
        if not tracking:
            raise ConnectRestException(403, "Topic tracking is disabled.")
        if not tracking_reset:
            raise ConnectRestException(403, "Topic tracking reset is disabled.")
        await call(herder.reset_connector_active_topics, request.path_params["connector"])
        return Response(status_code=202)

    async def get_offsets(request: Request) -> Response:
        offsets = await call(herder.connector_offsets, request.path_params["connector"])
        return _json(offsets.to_json())

    async def alter_offsets(request: Request) -> Response:
        offsets: ConnectorOffsets = _parse(ConnectorOffsets.from_json, await _body(request))
        if not offsets.offsets:
            raise BadRequestException(
                "Partitions / offsets need to be provided for an alter offsets request"
            )
        message = await call(
            herder.alter_connector_offsets, request.path_params["connector"], offsets.offsets
        )
        return _json(message.to_json())

    async def reset_offsets(request: Request) -> Response:
        message = await call(herder.reset_connector_offsets, request.path_params["connector"])
        return _json(message.to_json())

    # ------------------------------------------------------------------ plugins

    def _plugin_infos(connectors_only: bool) -> list[dict[str, Any]]:
        descs = plugins.discover()
        kinds = _PLUGIN_ORDER[:2] if connectors_only else _PLUGIN_ORDER
        result: list[dict[str, Any]] = []
        for kind in kinds:
            for desc in sorted((d for d in descs if d.type is kind), key=lambda d: d.class_name):
                shown = desc.as_dict()
                result.append(
                    PluginInfo(shown["class"], shown["type"], shown.get("version")).to_json()
                )
        return result

    async def list_plugins(request: Request) -> Response:
        return _json(await call(_plugin_infos, _flag(request, "connectorsOnly", default=True)))

    async def get_plugin_config(request: Request) -> Response:
        keys = await call(plugin_config, plugins, request.path_params["plugin"])
        return _json([k.to_json() for k in keys])

    async def validate(request: Request) -> Response:
        plugin: str = request.path_params["plugin"]
        props: dict[str, str | None] = _parse(config_map, await _body(request))
        included = props.get(CONNECTOR_CLASS_CONFIG)
        if included is not None and not _normalized(included).endswith(_normalized(plugin)):
            raise BadRequestException(
                f"Included connector type {included} does not match request type {plugin}"
            )
        infos = await call(herder.validate_connector_config, props)
        return _json(infos.to_json())

    # ------------------------------------------------------------------ wiring

    connector = "/connectors/{connector}"
    table: Sequence[tuple[str, str, Handler]] = [
        ("/", "GET", root),
        ("/health", "GET", health),
        ("/connectors", "GET", list_connectors),
        ("/connectors", "POST", create_connector),
        (connector, "GET", get_connector),
        (connector, "DELETE", delete_connector),
        (connector + "/config", "GET", get_config),
        (connector + "/config", "PUT", put_config),
        (connector + "/config", "PATCH", patch_config),
        (connector + "/status", "GET", get_status),
        (connector + "/tasks", "GET", get_tasks),
        (connector + "/tasks/{task:int}/status", "GET", get_task_status),
        (connector + "/tasks/{task:int}/restart", "POST", restart_task),
        (connector + "/restart", "POST", restart_connector),
        (connector + "/pause", "PUT", pause),
        (connector + "/resume", "PUT", resume),
        (connector + "/stop", "PUT", stop),
        (connector + "/topics", "GET", get_topics),
        (connector + "/topics/reset", "PUT", reset_topics),
        (connector + "/offsets", "GET", get_offsets),
        (connector + "/offsets", "PATCH", alter_offsets),
        (connector + "/offsets", "DELETE", reset_offsets),
        ("/connector-plugins", "GET", list_plugins),
        ("/connector-plugins/{plugin}/config", "GET", get_plugin_config),
        ("/connector-plugins/{plugin}/config/validate", "PUT", validate),
    ]
    routes = [Route(path, _endpoint(handler), methods=[method]) for path, method, handler in table]

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        reason = _HTTP_REASONS.get(status, "Error")
        headers = getattr(exc, "headers", None)
        return Response(
            orjson.dumps(ErrorMessage(status, f"HTTP {status} {reason}").to_json()),
            status_code=status,
            media_type="application/json",
            headers=headers,
        )

    middleware = [Middleware(_StripTrailingSlash)]
    origin = str(config.get_string(wc.ACCESS_CONTROL_ALLOW_ORIGIN_CONFIG) or "").strip()
    if origin:
        methods = str(config.get_string(wc.ACCESS_CONTROL_ALLOW_METHODS_CONFIG) or "").strip()
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=[o.strip() for o in origin.split(",") if o.strip()],
                allow_methods=[m.strip() for m in (methods or "GET,POST,HEAD").split(",")],
                allow_headers=["*"],
            )
        )
    return Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={HTTPException: http_error},
    )
