"""Tests of connectors.runtime.rest.app: every route, status code and JSON body, over real HTTP
(httpx) against an in-process worker served by uvicorn on 127.0.0.1."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.connectors.runtime.rest.conftest import (
    SINK,
    RunningWorker,
    sink_config,
    source_config,
    wait_for,
    worker_props,
)

STATE_KEYS = {"state", "worker_id"}


def create(client: httpx.Client, name: str, config: dict[str, str]) -> httpx.Response:
    response = client.post("/connectors", json={"name": name, "config": config})
    assert response.status_code == 201, response.text
    return response


def task_state(worker: RunningWorker, name: str, task: int = 0) -> str | None:
    tasks = worker.status(name).get("tasks", [])
    return str(tasks[task]["state"]) if len(tasks) > task else None


def running_tasks(worker: RunningWorker, name: str, count: int = 1) -> None:
    def ready() -> bool:
        status = worker.status(name)
        tasks = status.get("tasks", [])
        return (
            status.get("connector", {}).get("state") == "RUNNING"
            and len(tasks) == count
            and all(t["state"] == "RUNNING" for t in tasks)
        )

    wait_for(ready)


# --------------------------------------------------------------------------- root


def test_root_shows_version_commit_and_cluster_id(client: httpx.Client) -> None:
    """GET / answers ServerInfo: version, commit and the embedded store's cluster id."""
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"version", "commit", "kafka_cluster_id"}
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", body["kafka_cluster_id"])
    assert body["version"] and body["commit"]


def test_health_reports_a_started_worker(client: httpx.Client) -> None:
    """GET /health is 200 with status healthy once the herder has started."""
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "healthy"


def test_unknown_path_and_method_are_json_errors(client: httpx.Client) -> None:
    """An unknown path is a 404 and a wrong method a 405, both with Kafka's error body."""
    missing = client.get("/no/such/path")
    assert missing.status_code == 404
    assert missing.json() == {"error_code": 404, "message": "HTTP 404 Not Found"}
    wrong = client.delete("/connectors")
    assert wrong.status_code == 405
    assert wrong.json() == {"error_code": 405, "message": "HTTP 405 Method Not Allowed"}
    not_a_task = client.get("/connectors/x/tasks/abc/status")
    assert not_a_task.status_code == 404


def test_trailing_slash_is_accepted(client: httpx.Client) -> None:
    """/connectors/ answers like /connectors (JAX-RS matches both)."""
    assert client.get("/connectors/").json() == []
    assert client.get("/connector-plugins/").status_code == 200


# --------------------------------------------------------------------------- plugins


def test_connector_plugins_lists_connectors_only_by_default(client: httpx.Client) -> None:
    """GET /connector-plugins lists sink then source connectors as {class, type, version}."""
    body = client.get("/connector-plugins").json()
    assert body and all(set(p) <= {"class", "type", "version"} for p in body)
    types = [p["type"] for p in body]
    assert set(types) == {"sink", "source"}
    assert types == sorted(types, key=lambda t: 0 if t == "sink" else 1)
    classes = {p["class"] for p in body}
    assert "org.apache.kafka.connect.file.FileStreamSinkConnector" in classes
    assert "org.apache.kafka.connect.file.FileStreamSourceConnector" in classes


def test_connector_plugins_with_connectors_only_false_lists_every_kind(
    client: httpx.Client,
) -> None:
    """?connectorsOnly=false adds transformations, predicates, converters, header converters."""
    body = client.get("/connector-plugins", params={"connectorsOnly": "false"}).json()
    kinds = [p["type"] for p in body]
    order = ["sink", "source", "transformation", "predicate", "converter", "header_converter"]
    assert set(kinds) == set(order)
    assert kinds == sorted(kinds, key=order.index)
    classes = {p["class"] for p in body}
    assert "org.apache.kafka.connect.json.JsonConverter" in classes
    assert "org.apache.kafka.connect.transforms.InsertField$Value" in classes


def test_plugin_config_lists_the_connector_keys_then_the_runtime_keys(
    client: httpx.Client,
) -> None:
    """GET /connector-plugins/{plugin}/config gives ConfigKeyInfo objects, the plugin's first."""
    response = client.get("/connector-plugins/FileStreamSinkConnector/config")
    assert response.status_code == 200
    keys = response.json()
    names = [k["name"] for k in keys]
    assert names[0] == "file" and "topics" in names and "tasks.max" in names
    assert set(keys[0]) == {
        "name",
        "type",
        "required",
        "default_value",
        "importance",
        "documentation",
        "group",
        "width",
        "display_name",
        "dependents",
        "order",
    }
    tasks_max = next(k for k in keys if k["name"] == "tasks.max")
    assert tasks_max["type"] == "INT" and tasks_max["default_value"] == "1"
    assert tasks_max["required"] is False and tasks_max["importance"] == "HIGH"
    name = next(k for k in keys if k["name"] == "name")
    assert name["required"] is True and name["default_value"] is None


def test_plugin_config_of_a_converter_and_unknown_plugins(client: httpx.Client) -> None:
    """A converter's keys are listed; an unknown plugin is a 404 with Kafka's message."""
    keys = client.get("/connector-plugins/JsonConverter/config").json()
    assert "schemas.enable" in {k["name"] for k in keys}
    missing = client.get("/connector-plugins/NoSuchPlugin/config")
    assert missing.status_code == 404
    assert missing.json() == {"error_code": 404, "message": "Unknown plugin NoSuchPlugin."}


def test_validate_reports_every_key_with_its_errors(client: httpx.Client) -> None:
    """PUT .../config/validate answers ConfigInfos: name, error_count, groups, configs."""
    response = client.put(
        "/connector-plugins/FileStreamSinkConnector/config/validate",
        json={
            "connector.class": "FileStreamSinkConnector",
            "name": "v",
            "tasks.max": "0",
            "topics": "t",
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"name", "error_count", "groups", "configs"}
    assert body["name"] == "FileStreamSinkConnector" and body["error_count"] == 1
    assert "Common" in body["groups"]
    values = {c["value"]["name"]: c["value"] for c in body["configs"] if c["value"]}
    assert set(values["tasks.max"]) == {"name", "value", "recommended_values", "errors", "visible"}
    assert values["tasks.max"]["value"] == "0"
    assert values["tasks.max"]["errors"] == [
        "Invalid value 0 for configuration tasks.max: Value must be at least 1"
    ]
    assert values["topics"]["errors"] == [] and values["topics"]["value"] == "t"


def test_validate_checks_the_plugin_name_and_the_connector_class(client: httpx.Client) -> None:
    """A connector.class unlike the path, a missing one or an unknown one is a 400."""
    mismatch = client.put(
        "/connector-plugins/FileStreamSinkConnector/config/validate",
        json={"connector.class": "FileStreamSourceConnector"},
    )
    assert mismatch.status_code == 400
    assert mismatch.json()["message"] == (
        "Included connector type FileStreamSourceConnector does not match request type "
        "FileStreamSinkConnector"
    )
    alias = client.put(
        "/connector-plugins/FileStreamSink/config/validate",
        json={"connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector"},
    )
    assert alias.status_code == 200
    missing = client.put("/connector-plugins/FileStreamSink/config/validate", json={"a": "b"})
    assert missing.status_code == 400
    assert missing.json()["message"] == "Connector config {a=b} contains no connector type"
    unknown = client.put(
        "/connector-plugins/NoSuchThing/config/validate", json={"connector.class": "NoSuchThing"}
    )
    assert unknown.status_code == 400 and "NoSuchThing" in unknown.json()["message"]


def test_validate_never_shows_a_password(client: httpx.Client) -> None:
    """PASSWORD values are [hidden] in values and removed from error messages."""
    body = client.put(
        "/connector-plugins/CounterSourceConnector/config/validate",
        json={
            **source_config(),
            "connector.class": "tests.connectors.testplugins.CounterSourceConnector",
            "name": "c",
            "secret": "hunter2-secret",
            "value.converter": "io.confluent.connect.avro.AvroConverter",
            "value.converter.schema.registry.url": "http://127.0.0.1:1",
            "value.converter.basic.auth.user.info": "user:pa55word-xyz",
            "value.converter.basic.auth.credentials.source": "hunter2-secret",
        },
    ).text
    assert "hunter2-secret" not in body and "pa55word-xyz" not in body
    configs = {
        c["value"]["name"]: c for c in __import__("json").loads(body)["configs"] if c["value"]
    }
    assert configs["secret"]["value"]["value"] == "[hidden]"
    assert configs["secret"]["definition"]["type"] == "PASSWORD"
    user_info = configs["value.converter.basic.auth.user.info"]
    assert user_info["value"]["value"] == "[hidden]"
    assert user_info["definition"]["name"] == "value.converter.basic.auth.user.info"


# --------------------------------------------------------------------------- create / read


def test_create_connector_answers_201_with_connector_info(
    running: RunningWorker, client: httpx.Client
) -> None:
    """POST /connectors: 201, a Location header, and {name, config, tasks, type}."""
    response = create(client, "counter", source_config())
    assert response.headers["location"] == f"{running.url}/connectors/counter"
    body = response.json()
    assert body == {
        "name": "counter",
        "config": {**source_config(), "name": "counter"},
        "tasks": [{"connector": "counter", "task": 0}],
        "type": "source",
    }
    assert client.get("/connectors").json() == ["counter"]
    running_tasks(running, "counter")


def test_create_an_existing_connector_is_a_conflict(client: httpx.Client) -> None:
    """POSTing a name that exists is a 409."""
    create(client, "counter", source_config())
    again = client.post("/connectors", json={"name": "counter", "config": source_config()})
    assert again.status_code == 409
    assert again.json() == {"error_code": 409, "message": "Connector counter already exists"}


def test_create_with_an_invalid_config_lists_the_errors(client: httpx.Client) -> None:
    """An invalid config is a 400 with Kafka's message listing each error."""
    response = client.post(
        "/connectors", json={"name": "bad", "config": source_config(**{"tasks.max": "0"})}
    )
    assert response.status_code == 400
    assert response.json() == {
        "error_code": 400,
        "message": "Connector configuration is invalid and contains the following 1 error(s):\n"
        "Invalid value 0 for configuration tasks.max: Value must be at least 1\n"
        "You can also find the above list of errors at the endpoint "
        "`/connector-plugins/{connectorType}/config/validate`",
    }
    assert client.get("/connectors").json() == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"name": "a", "config": {**source_config(), "name": "b"}},
            "Connector name configuration (b) doesn't match connector name in the URL (a)",
        ),
        ({"name": "a"}, "The request body must have a 'config' object"),
        ({"name": "a", "config": {"x": {"nested": 1}}}, "'config' must map names to strings"),
        (
            {"name": "a", "config": source_config(), "initial_state": "SLEEPING"},
            "Invalid initial_state 'SLEEPING'",
        ),
        ({"name": "a", "config": {"tasks.max": "1"}}, "contains no connector type"),
        ({"name": "a", "config": {"connector.class": "NoSuchThing"}}, "NoSuchThing"),
        (
            {"name": "  ", "config": source_config()},
            "Connector configuration is invalid",
        ),
    ],
)
def test_bad_create_requests_are_400(
    client: httpx.Client, body: dict[str, Any], message: str
) -> None:
    """Malformed or inconsistent create requests are 400 errors naming the problem."""
    response = client.post("/connectors", json=body)
    assert response.status_code == 400, response.text
    assert response.json()["error_code"] == 400
    assert message in response.json()["message"]


def test_malformed_json_is_a_bad_request(client: httpx.Client) -> None:
    """A body that is not JSON (or is missing) is a 400."""
    for content in (b"{not json", b""):
        response = client.post(
            "/connectors", content=content, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 400
        assert response.json()["error_code"] == 400


def test_numbers_and_booleans_in_a_config_become_strings(client: httpx.Client) -> None:
    """Config values given as JSON numbers or booleans are stored as their text (Jackson)."""
    body = client.post(
        "/connectors",
        json={"name": "counter", "config": {**source_config(), "tasks.max": 1, "batch.size": 2}},
    ).json()
    assert body["config"]["tasks.max"] == "1" and body["config"]["batch.size"] == "2"


def test_name_is_trimmed_and_added_to_the_config(client: httpx.Client) -> None:
    """The body's name is trimmed and becomes the config's name."""
    body = create(client, " spaced ", source_config()).json()
    assert body["name"] == "spaced" and body["config"]["name"] == "spaced"
    assert client.get("/connectors/spaced").status_code == 200


@pytest.mark.parametrize(("initial", "state"), [("STOPPED", "STOPPED"), ("paused", "PAUSED")])
def test_initial_state_is_honoured(
    running: RunningWorker, client: httpx.Client, initial: str, state: str
) -> None:
    """initial_state STOPPED or PAUSED creates the connector without running tasks."""
    client.post(
        "/connectors",
        json={"name": "counter", "config": source_config(), "initial_state": initial},
    )
    assert running.status("counter")["connector"]["state"] == state
    assert client.get("/connectors/counter/tasks").json() == []
    assert client.put("/connectors/counter/resume").status_code == 202
    running_tasks(running, "counter")


def test_get_connector_and_its_config(client: httpx.Client) -> None:
    """GET /connectors/{name} and /config answer the config as submitted; 404 when unknown."""
    create(client, "counter", source_config(secret="as-submitted"))
    info = client.get("/connectors/counter").json()
    assert info["name"] == "counter" and info["type"] == "source"
    assert info["tasks"] == [{"connector": "counter", "task": 0}]
    config = client.get("/connectors/counter/config").json()
    assert config == {**source_config(secret="as-submitted"), "name": "counter"}
    for path in ("/connectors/nope", "/connectors/nope/config", "/connectors/nope/tasks"):
        missing = client.get(path)
        assert missing.status_code == 404
        assert missing.json() == {"error_code": 404, "message": "Connector nope not found"}


def test_list_connectors_with_expansions(running: RunningWorker, client: httpx.Client) -> None:
    """?expand=status and ?expand=info (one or both) key the answer by connector name."""
    create(client, "counter", source_config())
    running_tasks(running, "counter")
    status = client.get("/connectors", params={"expand": "status"}).json()
    assert set(status) == {"counter"} and set(status["counter"]) == {"status"}
    assert status["counter"]["status"]["connector"]["state"] == "RUNNING"
    info = client.get("/connectors", params={"expand": "info"}).json()
    assert info["counter"]["info"]["config"]["name"] == "counter"
    both = client.get("/connectors?expand=status&expand=info").json()
    assert set(both["counter"]) == {"status", "info"}
    other = client.get("/connectors", params={"expand": "other"}).json()
    assert other == {"counter": {}}


def test_status_and_task_status_shapes(running: RunningWorker, client: httpx.Client) -> None:
    """Statuses carry state and worker_id (trace only when failed); unknown ones are 404."""
    create(client, "counter", source_config(partitions="2", **{"tasks.max": "2"}))
    running_tasks(running, "counter", 2)
    status = client.get("/connectors/counter/status").json()
    worker_id = running.server.worker_id()
    assert status == {
        "name": "counter",
        "connector": {"state": "RUNNING", "worker_id": worker_id},
        "tasks": [
            {"id": 0, "state": "RUNNING", "worker_id": worker_id},
            {"id": 1, "state": "RUNNING", "worker_id": worker_id},
        ],
        "type": "source",
    }
    task = client.get("/connectors/counter/tasks/1/status").json()
    assert task == {"id": 1, "state": "RUNNING", "worker_id": worker_id}
    missing_task = client.get("/connectors/counter/tasks/7/status")
    assert missing_task.status_code == 404
    assert missing_task.json()["message"] == "No status found for task counter-7"
    missing = client.get("/connectors/nope/status")
    assert missing.status_code == 404
    assert missing.json()["message"] == "No status found for connector nope"


def test_task_configs(client: httpx.Client) -> None:
    """GET /connectors/{name}/tasks lists {id: {connector, task}, config} per task."""
    create(client, "counter", source_config())
    tasks = client.get("/connectors/counter/tasks").json()
    assert len(tasks) == 1 and tasks[0]["id"] == {"connector": "counter", "task": 0}
    assert tasks[0]["config"]["task.partitions"] == "p0"
    assert tasks[0]["config"]["task.class"].endswith("CounterSourceTask")


def test_failed_task_status_has_a_trace_without_secrets(
    running: RunningWorker, client: httpx.Client
) -> None:
    """A failed task's status has its trace; PASSWORD values are not in it."""
    create(
        client,
        "counter",
        source_config(secret="s3cr3t-pw", **{"fail.at": "0"}),
    )
    wait_for(lambda: task_state(running, "counter") == "FAILED")
    task = client.get("/connectors/counter/tasks/0/status").json()
    assert "failing as asked" in task["trace"]
    assert "s3cr3t-pw" not in client.get("/connectors/counter/status").text


# --------------------------------------------------------------------------- update / delete


def test_put_config_creates_then_updates(running: RunningWorker, client: httpx.Client) -> None:
    """PUT /connectors/{name}/config: 201 when it creates, 200 when it replaces."""
    created = client.put("/connectors/counter/config", json=source_config())
    assert created.status_code == 201
    assert created.headers["location"].endswith("/connectors/counter")
    assert created.json()["config"]["name"] == "counter"
    updated = client.put("/connectors/counter/config", json=source_config(partitions="2"))
    assert updated.status_code == 200
    assert updated.json()["config"]["partitions"] == "2"
    assert client.get("/connectors/counter/config").json()["partitions"] == "2"
    running_tasks(running, "counter")


def test_put_config_errors(client: httpx.Client) -> None:
    """A name unlike the path's or an invalid config is a 400."""
    mismatch = client.put("/connectors/a/config", json={**source_config(), "name": "b"})
    assert mismatch.status_code == 400
    assert "doesn't match connector name in the URL (a)" in mismatch.json()["message"]
    invalid = client.put("/connectors/a/config", json=source_config(**{"tasks.max": "0"}))
    assert invalid.status_code == 400
    assert invalid.json()["message"].startswith(
        "Connector configuration is invalid and contains the following 1 error(s):"
    )


def test_patch_config_changes_and_removes_keys(client: httpx.Client) -> None:
    """PATCH /connectors/{name}/config merges the patch; null removes a key; 404 if unknown."""
    create(client, "counter", source_config(partitions="3"))
    patched = client.patch(
        "/connectors/counter/config", json={"batch.size": "5", "partitions": None}
    )
    assert patched.status_code == 200
    config = patched.json()["config"]
    assert config["batch.size"] == "5" and "partitions" not in config
    missing = client.patch("/connectors/nope/config", json={"a": "b"})
    assert missing.status_code == 404


def test_delete_connector(client: httpx.Client) -> None:
    """DELETE is 204; the connector is gone (404 after, and for a second DELETE)."""
    create(client, "counter", source_config())
    assert client.delete("/connectors/counter").status_code == 204
    assert client.get("/connectors").json() == []
    assert client.get("/connectors/counter").status_code == 404
    again = client.delete("/connectors/counter")
    assert again.status_code == 404
    assert again.json() == {"error_code": 404, "message": "Connector counter not found"}


# --------------------------------------------------------------------------- lifecycle


def test_pause_resume_and_stop(running: RunningWorker, client: httpx.Client) -> None:
    """pause and resume answer 202, stop 204; stop removes the tasks; unknown is 404."""
    create(client, "counter", source_config())
    running_tasks(running, "counter")
    paused = client.put("/connectors/counter/pause")
    assert paused.status_code == 202 and paused.content == b""
    wait_for(
        lambda: (
            running.status("counter")["connector"]["state"] == "PAUSED"
            and running.status("counter")["tasks"][0]["state"] == "PAUSED"
        )
    )
    assert client.put("/connectors/counter/resume").status_code == 202
    running_tasks(running, "counter")
    stopped = client.put("/connectors/counter/stop")
    assert stopped.status_code == 204
    assert running.status("counter") == {
        "name": "counter",
        "connector": {"state": "STOPPED", "worker_id": running.server.worker_id()},
        "tasks": [],
        "type": "source",
    }
    assert client.get("/connectors/counter/tasks").json() == []
    assert client.get("/connectors/counter").json()["tasks"] == []
    assert client.put("/connectors/counter/resume").status_code == 202
    running_tasks(running, "counter")
    for action in ("pause", "resume", "stop"):
        missing = client.put(f"/connectors/nope/{action}")
        assert missing.status_code == 404
        assert missing.json() == {"error_code": 404, "message": "Unknown connector nope"}


def test_restart_connector_only_is_204(running: RunningWorker, client: httpx.Client) -> None:
    """POST restart without flags restarts the connector and answers 204 without a body."""
    create(client, "counter", source_config())
    running_tasks(running, "counter")
    response = client.post("/connectors/counter/restart")
    assert response.status_code == 204 and response.content == b""
    running_tasks(running, "counter")
    missing = client.post("/connectors/nope/restart")
    assert missing.status_code == 404
    assert missing.json()["message"] == "Connector nope not found"


def test_restart_with_include_tasks_answers_the_plan(
    running: RunningWorker, client: httpx.Client
) -> None:
    """includeTasks=true: 202 with RESTARTING for the connector and every task."""
    create(client, "counter", source_config())
    running_tasks(running, "counter")
    response = client.post("/connectors/counter/restart", params={"includeTasks": "true"})
    assert response.status_code == 202
    body = response.json()
    assert body["connector"]["state"] == "RESTARTING"
    assert [t["state"] for t in body["tasks"]] == ["RESTARTING"]
    assert body["type"] == "source" and body["name"] == "counter"
    running_tasks(running, "counter")
    missing = client.post("/connectors/nope/restart", params={"includeTasks": "true"})
    assert missing.status_code == 404
    assert missing.json()["message"] == "Unknown connector: nope"


def test_restart_only_failed_restarts_only_failed_instances(
    running: RunningWorker, client: httpx.Client
) -> None:
    """onlyFailed=true&includeTasks=true restarts the failed task, not the running connector."""
    create(client, "counter", source_config(**{"fail.at": "0"}))
    wait_for(lambda: task_state(running, "counter") == "FAILED")
    response = client.post(
        "/connectors/counter/restart", params={"includeTasks": "true", "onlyFailed": "true"}
    )
    assert response.status_code == 202
    body = response.json()
    assert body["connector"]["state"] == "RUNNING"
    assert body["tasks"][0]["state"] == "RESTARTING"
    nothing = client.post("/connectors/counter/restart", params={"onlyFailed": "true"})
    assert nothing.status_code == 202
    assert nothing.json()["connector"]["state"] == "RUNNING"


def test_restart_task(running: RunningWorker, client: httpx.Client) -> None:
    """POST .../tasks/{id}/restart is 204; an unknown task or connector is 404."""
    create(client, "counter", source_config(**{"fail.at": "0"}))
    wait_for(lambda: task_state(running, "counter") == "FAILED")
    assert client.post("/connectors/counter/tasks/0/restart").status_code == 204
    unknown_task = client.post("/connectors/counter/tasks/3/restart")
    assert unknown_task.status_code == 404
    assert unknown_task.json()["message"] == "Task counter-3 not found"
    unknown = client.post("/connectors/nope/tasks/0/restart")
    assert unknown.status_code == 404
    assert unknown.json()["message"] == "Connector nope not found"


# --------------------------------------------------------------------------- topics


def test_active_topics_of_a_source_and_a_sink(
    running: RunningWorker, client: httpx.Client, tmp_path: Path
) -> None:
    """GET .../topics lists the topics used; PUT .../topics/reset (202) empties the set, which
    fills again as records flow."""
    create(client, "counter", source_config())
    create(client, "lines", sink_config(tmp_path / "out.txt"))
    wait_for(
        lambda: client.get("/connectors/lines/topics").json() == {"lines": {"topics": ["numbers"]}}
    )
    assert client.get("/connectors/counter/topics").json() == {"counter": {"topics": ["numbers"]}}
    client.put("/connectors/counter/stop")
    reset = client.put("/connectors/counter/topics/reset")
    assert reset.status_code == 202 and reset.content == b""
    assert client.get("/connectors/counter/topics").json() == {"counter": {"topics": []}}
    client.put("/connectors/counter/resume")
    wait_for(
        lambda: (
            client.get("/connectors/counter/topics").json() == {"counter": {"topics": ["numbers"]}}
        )
    )
    assert client.get("/connectors/nope/topics").json() == {"nope": {"topics": []}}


def test_topic_tracking_can_be_disabled(tmp_path: Path) -> None:
    """topic.tracking.enable=false: both topic endpoints answer 403."""
    worker = RunningWorker(worker_props(tmp_path, **{"topic.tracking.enable": "false"}))
    try:
        response = worker.client.get("/connectors/x/topics")
        assert response.status_code == 403
        assert response.json() == {"error_code": 403, "message": "Topic tracking is disabled."}
        assert worker.client.put("/connectors/x/topics/reset").status_code == 403
    finally:
        worker.stop()


def test_topic_tracking_reset_can_be_disabled(tmp_path: Path) -> None:
    """topic.tracking.allow.reset=false: reset answers 403, listing still works."""
    worker = RunningWorker(worker_props(tmp_path, **{"topic.tracking.allow.reset": "false"}))
    try:
        response = worker.client.put("/connectors/x/topics/reset")
        assert response.status_code == 403
        assert response.json()["message"] == "Topic tracking reset is disabled."
        assert worker.client.get("/connectors/x/topics").status_code == 200
    finally:
        worker.stop()


# --------------------------------------------------------------------------- offsets


def test_source_offsets_get_alter_and_reset(running: RunningWorker, client: httpx.Client) -> None:
    """Source offsets are listed; altering and resetting need the STOPPED state."""
    create(client, "counter", source_config())
    wait_for(lambda: client.get("/connectors/counter/offsets").json()["offsets"])
    offsets = client.get("/connectors/counter/offsets").json()["offsets"]
    assert offsets[0]["partition"] == {"partition": "p0"}
    assert set(offsets[0]["offset"]) == {"n"}
    body = {"offsets": [{"partition": {"partition": "p0"}, "offset": {"n": 1000}}]}
    refused = client.patch("/connectors/counter/offsets", json=body)
    assert refused.status_code == 400
    assert refused.json()["message"] == (
        "Connectors must be in the STOPPED state before their offsets can be modified. This can "
        "be done for the specified connector by issuing a 'PUT' request to the "
        "'/connectors/counter/stop' endpoint"
    )
    assert client.delete("/connectors/counter/offsets").status_code == 400
    client.put("/connectors/counter/stop")
    empty = client.patch("/connectors/counter/offsets", json={"offsets": []})
    assert empty.status_code == 400
    assert empty.json()["message"] == (
        "Partitions / offsets need to be provided for an alter offsets request"
    )
    altered = client.patch("/connectors/counter/offsets", json=body)
    assert altered.status_code == 200
    assert altered.json() == {
        "message": "The Connect framework-managed offsets for this connector have been altered "
        "successfully. However, if this connector manages offsets externally, they will need "
        "to be manually altered in the system that the connector uses."
    }
    assert client.get("/connectors/counter/offsets").json() == body
    client.put("/connectors/counter/resume")
    wait_for(
        lambda: client.get("/connectors/counter/offsets").json()["offsets"][0]["offset"]["n"] > 1000
    )
    client.put("/connectors/counter/stop")
    reset = client.delete("/connectors/counter/offsets")
    assert reset.status_code == 200
    assert reset.json()["message"].startswith(
        "The Connect framework-managed offsets for this connector have been reset successfully."
    )
    assert client.get("/connectors/counter/offsets").json() == {"offsets": []}
    assert client.get("/connectors/nope/offsets").status_code == 404


def test_sink_offsets_are_the_consumer_group_offsets(
    running: RunningWorker, client: httpx.Client, tmp_path: Path
) -> None:
    """A sink's offsets are its group's, as kafka_topic / kafka_partition / kafka_offset."""
    create(client, "counter", source_config(count="5"))
    create(client, "lines", sink_config(tmp_path / "out.txt"))

    def committed() -> list[dict[str, Any]]:
        return list(client.get("/connectors/lines/offsets").json()["offsets"])

    wait_for(lambda: committed() and committed()[0]["offset"]["kafka_offset"] == 5)
    assert committed() == [
        {
            "partition": {"kafka_topic": "numbers", "kafka_partition": 0},
            "offset": {"kafka_offset": 5},
        }
    ]
    client.put("/connectors/lines/stop")
    body = {
        "offsets": [
            {
                "partition": {"kafka_topic": "numbers", "kafka_partition": "0"},
                "offset": {"kafka_offset": "2"},
            }
        ]
    }
    altered = client.patch("/connectors/lines/offsets", json=body)
    assert altered.status_code == 200, altered.text
    assert committed()[0]["offset"] == {"kafka_offset": 2}
    removed = client.patch(
        "/connectors/lines/offsets",
        json={
            "offsets": [
                {"partition": {"kafka_topic": "numbers", "kafka_partition": 0}, "offset": None}
            ]
        },
    )
    assert removed.status_code == 200 and committed() == []
    client.patch("/connectors/lines/offsets", json=body)
    assert client.delete("/connectors/lines/offsets").status_code == 200
    assert committed() == []


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {"partition": {"kafka_topic": "t"}, "offset": {"kafka_offset": 1}},
            "The partition for a sink connector offset must contain the keys 'kafka_topic' and "
            "'kafka_partition'",
        ),
        (
            {
                "partition": {"kafka_topic": "t", "kafka_partition": "x"},
                "offset": {"kafka_offset": 1},
            },
            "Failed to parse the following Kafka partition value in the provided offsets: 'x'. "
            "Partition values for sink connectors need to be integers.",
        ),
        (
            {"partition": {"kafka_topic": "t", "kafka_partition": 0}, "offset": {"other": 1}},
            "The offset for a sink connector should either be null or contain the key "
            "'kafka_offset'",
        ),
        (
            {"partition": None, "offset": {"kafka_offset": 1}},
            "The partition for a sink connector offset cannot be null or missing",
        ),
    ],
)
def test_malformed_sink_offsets_are_400(
    client: httpx.Client, tmp_path: Path, entry: dict[str, Any], message: str
) -> None:
    """Sink offsets in the wrong shape are rejected with Kafka's messages."""
    client.post(
        "/connectors",
        json={
            "name": "lines",
            "config": sink_config(tmp_path / "o.txt"),
            "initial_state": "STOPPED",
        },
    )
    response = client.patch("/connectors/lines/offsets", json={"offsets": [entry]})
    assert response.status_code == 400
    assert response.json() == {"error_code": 400, "message": message}


def test_sink_connector_info_type(client: httpx.Client, tmp_path: Path) -> None:
    """A sink connector reports type sink in its info and status."""
    body = create(client, "lines", {**sink_config(tmp_path / "o.txt"), "connector.class": SINK})
    assert body.json()["type"] == "sink"
    assert client.get("/connectors/lines/status").json()["type"] == "sink"
