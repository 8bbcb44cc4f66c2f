"""Tests of connectors.runtime.cli, run in-process: validate, plugins, topics, consume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from connectors.runtime.cli import main
from connectors.runtime.recordlog import EmbeddedRecordLog, ProducerRecord

SOURCE = "tests.connectors.testplugins.CounterSourceConnector"


@pytest.fixture
def worker_file(tmp_path: Path) -> Path:
    path = tmp_path / "worker.properties"
    path.write_text(
        "key.converter=org.apache.kafka.connect.storage.StringConverter\n"
        "value.converter=org.apache.kafka.connect.json.JsonConverter\n"
        "value.converter.schemas.enable=false\n"
        f"embedded.store.path={tmp_path / 'connect.db'}\n"
        "listeners=http://127.0.0.1:0\n"
    )
    return path


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_validate_a_good_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A valid connector config prints 'valid' and exits 0."""
    config = write(tmp_path / "c.properties", f"name=c\nconnector.class={SOURCE}\ntopic=t\n")
    assert main(["validate", str(config)]) == 0
    assert "valid" in capsys.readouterr().out


def test_validate_reports_errors_per_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Errors are listed per key and the exit status is 1."""
    config = write(tmp_path / "c.properties", f"connector.class={SOURCE}\ntasks.max=0\n")
    assert main(["validate", str(config)]) == 1
    out = capsys.readouterr().out
    assert "3 error(s)" in out
    assert "tasks.max: Invalid value 0 for configuration tasks.max: Value must be at least 1" in out
    assert 'name: Missing required configuration "name"' in out


def test_validate_json_hides_passwords(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints Kafka's shape; PASSWORD values show as [hidden]."""
    config = write(
        tmp_path / "c.json",
        json.dumps(
            {"name": "c", "config": {"connector.class": SOURCE, "topic": "t", "secret": "hunter22"}}
        ),
    )
    assert main(["validate", "--json", str(config)]) == 0
    out = capsys.readouterr().out
    body = json.loads(out)
    assert body["error_count"] == 0 and body["name"] == SOURCE
    values = {c["value"]["name"]: c["value"]["value"] for c in body["configs"]}
    assert values["secret"] == "[hidden]" and "hunter22" not in out


def test_plugins_lists_stock_plugins_with_versions(capsys: pytest.CaptureFixture[str]) -> None:
    """plugins --json lists the stock converters with their Java names."""
    assert main(["plugins", "--json", "--type", "converter"]) == 0
    rows = json.loads(capsys.readouterr().out)
    by_class = {r["class"]: r for r in rows}
    string = by_class["converters.string.StringConverter"]
    assert string["java_class"] == "org.apache.kafka.connect.storage.StringConverter"
    assert string["type"] == "converter" and string["version"]


def test_plugins_table_includes_plugin_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With a worker file, classes in plugin.path are listed too."""
    import sys

    plugin_dir = tmp_path / "plugins"
    plugin_dir.mkdir()
    (plugin_dir / "cli_test_plugin.py").write_text(
        "from tests.connectors.testplugins import CounterSourceConnector as _Base\n"
        "class ListedSourceConnector(_Base):\n    pass\n"
    )
    worker = write(tmp_path / "w.properties", f"plugin.path={plugin_dir}\n")
    saved = list(sys.path)
    try:
        assert main(["plugins", "--worker-config", str(worker), "--type", "source"]) == 0
    finally:
        sys.path[:] = saved
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["TYPE", "CLASS", "VERSION", "ALSO", "KNOWN", "AS"]
    assert any(
        "cli_test_plugin.ListedSourceConnector" in line and "1.2.3-test" in line
        for line in out.splitlines()
    )


def test_topics_create_and_list(worker_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """topics --create makes a topic; topics lists partitions and record counts."""
    assert (
        main(
            [
                "topics",
                "--worker-config",
                str(worker_file),
                "--create",
                "orders",
                "--partitions",
                "3",
            ]
        )
        == 0
    )
    assert main(["topics", "--worker-config", str(worker_file)]) == 0
    out = capsys.readouterr().out
    assert "Created orders" in out
    assert ["orders", "3", "0"] in [line.split() for line in out.splitlines()]


def _fill(tmp_path: Path) -> None:
    log = EmbeddedRecordLog(tmp_path / "connect.db")
    producer = log.producer("p")
    for i in range(3):
        producer.send(
            ProducerRecord(
                topic="orders",
                partition=0,
                key=b"k%d" % i,
                value=b'{"n": %d}' % i,
                headers=[("h", b"1")],
            )
        )
    producer.close()
    log.close()


def test_consume_from_beginning_with_the_worker_converters(
    tmp_path: Path, worker_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """consume prints one JSON object per record, values converted by value.converter."""
    _fill(tmp_path)
    assert (
        main(
            [
                "consume",
                "orders",
                "--from-beginning",
                "--max",
                "2",
                "--worker-config",
                str(worker_file),
            ]
        )
        == 0
    )
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert [(r["offset"], r["key"], r["value"]) for r in lines] == [
        (0, "k0", {"n": 0}),
        (1, "k1", {"n": 1}),
    ]
    assert lines[0]["headers"] == [["h", 1]]
    assert "Processed a total of 2 messages" in captured.err


def test_consume_raw_and_timeout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without converters, JSON bytes print as JSON; --timeout-ms ends an idle read."""
    _fill(tmp_path)
    args = ["consume", "orders", "--from-beginning", "--timeout-ms", "300"]
    args += ["--property", f"embedded.store.path={tmp_path / 'connect.db'}"]
    assert main(args) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["value"] for r in lines] == [{"n": 0}, {"n": 1}, {"n": 2}]
    assert lines[0]["key"] == "k0"


def test_consume_unknown_topic(worker_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown topic is an error with exit status 1."""
    assert main(["consume", "nope", "--worker-config", str(worker_file), "--timeout-ms", "10"]) == 1
    assert "Topic nope does not exist" in capsys.readouterr().err


def test_standalone_with_a_bad_worker_config_exits_1(tmp_path: Path) -> None:
    """A worker file missing required keys exits with status 1."""
    worker = write(tmp_path / "w.properties", "value.converter=StringConverter\n")
    assert main(["standalone", str(worker)]) == 1


def test_standalone_with_a_failing_connector_exits_3(tmp_path: Path, worker_file: Path) -> None:
    """A connector that cannot be created stops the worker with status 3, as connect-standalone."""
    connector = write(tmp_path / "c.properties", "name=c\nconnector.class=NoSuchConnector\n")
    assert main(["standalone", str(worker_file), str(connector)]) == 3


def test_standalone_with_its_rest_port_in_use_exits_1(
    tmp_path: Path, worker_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A REST listener that cannot be bound stops the worker at start with status 1."""
    import socket

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    try:
        text = worker_file.read_text().replace("http://127.0.0.1:0", f"http://127.0.0.1:{port}")
        worker = write(tmp_path / "busy.properties", text)
        assert main(["standalone", str(worker)]) == 1
        assert f"http://127.0.0.1:{port}" in caplog.text
    finally:
        taken.close()
