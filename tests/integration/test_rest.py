"""The REST API of ``connectpy standalone`` run as a subprocess.

- Kafka Connect's documented curl commands, run with the real ``curl`` (unchanged, against
  localhost:8083, when that port is free on this machine; pointed at a free port otherwise).
- Connectors created over REST are running again after the process is stopped and started.
- PASSWORD values never appear in the process's log, in statuses or in REST answers.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.connectors.runtime.rest.doc_commands import COMMANDS, DEFAULT_ADDRESS, retarget
from tests.integration.test_standalone import Cli, cli, wait_for, worker_file

pytestmark = pytest.mark.integration

__all__ = ["cli"]  # the fixture, imported for its use here

SOURCE = "tests.connectors.testplugins.CounterSourceConnector"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_8083_is_free() -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", 8083))
        except OSError:
            return False
    return True


def start_worker(
    cli: Cli, tmp_path: Path, port: int, *files: str
) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``connectpy standalone`` with REST on 127.0.0.1:port; wait until it answers."""
    worker = worker_file(tmp_path, listeners=f"http://127.0.0.1:{port}")
    proc = cli.start("standalone", str(worker), *files)
    url = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        try:
            return httpx.get(url + "/health", timeout=1.0).status_code == 200
        except httpx.HTTPError:
            return False

    wait_for(answers, proc=proc)
    return proc, url


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    assert proc.wait(20) == 0


def test_documented_curl_commands_run_unchanged(cli: Cli, tmp_path: Path) -> None:
    """Each documented curl command answers its documented status from the real process."""
    curl = shutil.which("curl")
    if curl is None:
        pytest.skip("curl is not installed on this machine")
    port = 8083 if port_8083_is_free() else free_port()
    proc, _ = start_worker(cli, tmp_path, port)
    address = DEFAULT_ADDRESS if port == 8083 else f"localhost:{port}"
    for command, status in COMMANDS:
        # the documented command, plus -w to print the status after the body
        full = retarget(command, address) + ' -s -w "\\n%{http_code}"'
        result = subprocess.run(
            full, shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=30, check=False
        )
        assert result.returncode == 0, (command, result.stderr)
        body, _, code = result.stdout.rpartition("\n")
        assert int(code) == status, (command, body)
        if "/resume" in command:
            time.sleep(0.2)
    stop(proc)
    assert (tmp_path / "test.sink.txt").exists()


def test_rest_created_connector_is_back_after_a_restart(cli: Cli, tmp_path: Path) -> None:
    """Create over REST, stop the process, start it again: the connector is RUNNING."""
    port = free_port()
    proc, url = start_worker(cli, tmp_path, port)
    config = {"connector.class": SOURCE, "topic": "numbers", "poll.interval.ms": "10"}
    response = httpx.post(url + "/connectors", json={"name": "counter", "config": config})
    assert response.status_code == 201
    stop(proc)
    proc, url = start_worker(cli, tmp_path, port)

    def running() -> bool:
        status = httpx.get(url + "/connectors/counter/status").json()
        return bool(status.get("tasks")) and status["tasks"][0]["state"] == "RUNNING"

    wait_for(running, proc=proc)
    assert httpx.get(url + "/connectors").json() == ["counter"]
    assert httpx.get(url + "/connectors/counter/config").json() == {**config, "name": "counter"}
    stop(proc)


def test_secrets_stay_out_of_logs_statuses_and_answers(cli: Cli, tmp_path: Path) -> None:
    """A task failing with its PASSWORD in the message: hidden in the log and the status."""
    secret = "pw-9f8e7d6c"
    proc, url = start_worker(cli, tmp_path, free_port())
    config = {
        "connector.class": "tests.integration.rest_plugins.LeakySourceConnector",
        "topic": "numbers",
        "secret": secret,
    }
    validate = httpx.put(
        url + "/connector-plugins/LeakySourceConnector/config/validate",
        json={**config, "tasks.max": "0"},
    )
    assert validate.status_code == 200 and secret not in validate.text
    invalid = httpx.post(
        url + "/connectors", json={"name": "leaky", "config": {**config, "tasks.max": "0"}}
    )
    assert invalid.status_code == 400 and secret not in invalid.text
    assert (
        httpx.post(url + "/connectors", json={"name": "leaky", "config": config}).status_code == 201
    )

    def failed() -> bool:
        status = httpx.get(url + "/connectors/leaky/tasks/0/status")
        return status.status_code == 200 and status.json()["state"] == "FAILED"

    wait_for(failed, proc=proc)
    status = httpx.get(url + "/connectors/leaky/status").text
    assert "could not log in with password [hidden]" in status and secret not in status
    stop(proc)
    log = cli.log(0)
    assert "could not log in with password" in log
    assert secret not in log
