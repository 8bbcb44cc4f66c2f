"""The curl commands of Kafka Connect's REST API documentation, in the order a user runs them,
with the HTTP status each answers. Shared by the in-process test (run through httpx) and the
integration test (run with the real ``curl`` against ``connectpy standalone``).

The commands target ``localhost:8083``, Kafka Connect's (and connectpy's) default address;
:func:`parse` reads one into a request, optionally pointed at another address.
"""

from __future__ import annotations

import shlex

import attrs

DEFAULT_ADDRESS = "localhost:8083"

COMMANDS: list[tuple[str, int]] = [
    ("curl -s localhost:8083/", 200),
    ("curl -s localhost:8083/connector-plugins", 200),
    (
        'curl -X PUT -H "Content-Type: application/json" --data \'{"connector.class": '
        '"FileStreamSinkConnector", "tasks.max": "1", "topics": "connect-test"}\' '
        "localhost:8083/connector-plugins/FileStreamSinkConnector/config/validate",
        200,
    ),
    (
        'curl -X POST -H "Content-Type: application/json" --data \'{"name": "local-file-sink", '
        '"config": {"connector.class":"FileStreamSinkConnector", "tasks.max":"1", '
        '"file":"test.sink.txt", "topics":"connect-test" }}\' http://localhost:8083/connectors',
        201,
    ),
    ("curl localhost:8083/connectors", 200),
    ("curl localhost:8083/connectors/local-file-sink", 200),
    ("curl localhost:8083/connectors/local-file-sink/config", 200),
    (
        'curl -X PUT -H "Content-Type: application/json" --data \'{"connector.class":'
        '"FileStreamSinkConnector", "tasks.max":"1", "file":"test.sink.txt", '
        '"topics":"connect-test" }\' localhost:8083/connectors/local-file-sink/config',
        200,
    ),
    ("curl localhost:8083/connectors/local-file-sink/status", 200),
    ("curl localhost:8083/connectors/local-file-sink/tasks", 200),
    ("curl localhost:8083/connectors/local-file-sink/tasks/0/status", 200),
    ("curl -X POST localhost:8083/connectors/local-file-sink/restart", 204),
    (
        'curl -X POST "localhost:8083/connectors/local-file-sink/restart?includeTasks=true'
        '&onlyFailed=false"',
        202,
    ),
    ("curl -X POST localhost:8083/connectors/local-file-sink/tasks/0/restart", 204),
    ("curl -X PUT localhost:8083/connectors/local-file-sink/pause", 202),
    ("curl -X PUT localhost:8083/connectors/local-file-sink/resume", 202),
    ('curl "localhost:8083/connectors?expand=status&expand=info"', 200),
    ("curl localhost:8083/connectors/local-file-sink/topics", 200),
    ("curl -X PUT localhost:8083/connectors/local-file-sink/topics/reset", 202),
    ("curl -X PUT localhost:8083/connectors/local-file-sink/stop", 204),
    ("curl localhost:8083/connectors/local-file-sink/offsets", 200),
    (
        'curl -X PATCH -H "Content-Type: application/json" --data \'{"offsets": [{"partition": '
        '{"kafka_topic": "connect-test", "kafka_partition": 0}, "offset": {"kafka_offset": 0}}]}\' '
        "localhost:8083/connectors/local-file-sink/offsets",
        200,
    ),
    ("curl -X DELETE localhost:8083/connectors/local-file-sink/offsets", 200),
    ("curl -X DELETE localhost:8083/connectors/local-file-sink", 204),
    ("curl localhost:8083/connectors", 200),
]


@attrs.frozen
class CurlRequest:
    """What a curl command sends."""

    method: str
    url: str
    headers: dict[str, str]
    body: str | None


def retarget(command: str, address: str) -> str:
    """The command pointed at ``address`` (``host:port``) instead of ``localhost:8083``."""
    return command.replace(DEFAULT_ADDRESS, address)


def parse(command: str) -> CurlRequest:
    """The request a curl command line sends (the options these commands use)."""
    args = shlex.split(command)
    assert args[0] == "curl"
    method: str | None = None
    headers: dict[str, str] = {}
    body: str | None = None
    url: str | None = None
    items = iter(args[1:])
    for arg in items:
        if arg in ("-s", "-i", "--silent"):
            continue
        if arg in ("-X", "--request"):
            method = next(items)
        elif arg in ("-H", "--header"):
            name, _, value = next(items).partition(":")
            headers[name.strip()] = value.strip()
        elif arg in ("-d", "--data"):
            body = next(items)
        elif arg.startswith("-"):
            raise AssertionError(f"unexpected curl option {arg}")
        else:
            url = arg
    assert url is not None
    if "://" not in url:
        url = "http://" + url
    return CurlRequest(method or ("POST" if body is not None else "GET"), url, headers, body)
