"""The curl commands of Kafka Connect's REST documentation, sent as they are (method, path,
headers, body) through httpx to an in-process worker: each answers the documented status."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.connectors.runtime.rest.conftest import RunningWorker, wait_for, worker_props
from tests.connectors.runtime.rest.doc_commands import COMMANDS, parse, retarget


def test_parse_reads_curl_options() -> None:
    """The curl parser reads -X, -H, --data and a scheme-less URL."""
    request = parse("curl -s -X PUT -H \"Content-Type: application/json\" --data '{}' h:1/x?a=b")
    assert request.method == "PUT" and request.url == "http://h:1/x?a=b"
    assert request.headers == {"Content-Type": "application/json"} and request.body == "{}"
    assert parse("curl localhost:8083/").method == "GET"


def test_documented_commands_answer_their_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every documented command, in order, answers with the status Kafka Connect gives it."""
    monkeypatch.chdir(tmp_path)  # the sink writes test.sink.txt relative to the worker
    worker = RunningWorker(worker_props(tmp_path))
    address = f"127.0.0.1:{worker.server.bound_ports()[0]}"
    try:
        with httpx.Client(timeout=30.0) as client:
            for command, status in COMMANDS:
                request = parse(retarget(command, address))
                response = client.request(
                    request.method,
                    request.url,
                    headers=request.headers,
                    content=None if request.body is None else request.body.encode(),
                )
                assert response.status_code == status, (command, response.text)
                if response.content:
                    response.json()
                if "/resume" in command:
                    wait_for(
                        lambda: worker.status("local-file-sink")["connector"]["state"] == "RUNNING"
                    )
    finally:
        worker.stop()
    assert (tmp_path / "test.sink.txt").exists()
