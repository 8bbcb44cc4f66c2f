"""Packaging a connector the Python way, and Kafka's plugin path.

1. A third-party connector package with a ``connectpy.plugins`` entry point is built into a
   wheel with ``pip wheel --no-deps --no-build-isolation`` (its build backend is a small in-tree
   PEP 517 backend, so nothing is downloaded), installed with ``pip install --target``, and then
   listed by ``connectpy plugins`` and run by ``connectpy standalone`` under its entry-point name.
2. A ``plugin.path`` directory holding a plugin module and a plugin package (not installed) is
   searched by ``connectpy plugins --worker-config`` and by ``connectpy standalone``.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from connectors import TopicPartition
from connectors.runtime.recordlog import EmbeddedRecordLog

pytestmark = pytest.mark.integration

PLUGIN_MODULE = '''
"""A third-party connector: emits "hello 0", "hello 1", ... up to count, resuming from offsets."""

from connect_data import Schema
from connectors import ConfigDef, SourceConnector, SourceRecord, SourceTask

CONFIG = (
    ConfigDef()
    .define("topic", ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
            importance=ConfigDef.Importance.HIGH, documentation="Topic.")
    .define("count", ConfigDef.Type.INT, 3, importance=ConfigDef.Importance.LOW,
            documentation="How many greetings.")
)


class GreetingSourceConnector(SourceConnector):
    def version(self):
        return "1.0.0"

    def start(self, props):
        CONFIG.parse(props)
        self.props = dict(props)

    def task_class(self):
        return GreetingSourceTask

    def task_configs(self, max_tasks):
        return [dict(self.props)]

    def stop(self):
        pass

    def config(self):
        return CONFIG


class GreetingSourceTask(SourceTask):
    def version(self):
        return "1.0.0"

    def start(self, props):
        values = CONFIG.parse(props)
        self.topic, self.count = values["topic"], values["count"]
        offset = self.context.offset_storage_reader().offset({"greeting": "all"})
        self.next = 0 if offset is None else offset["n"] + 1
        import threading
        self.stopped = threading.Event()

    def poll(self):
        if self.next >= self.count:
            self.stopped.wait(0.1)
            return None
        n, self.next = self.next, self.next + 1
        return [SourceRecord(source_partition={"greeting": "all"}, source_offset={"n": n},
                             topic=self.topic, value_schema=Schema.STRING_SCHEMA,
                             value=f"hello {n}")]

    def stop(self):
        self.stopped.set()
'''

BACKEND = '''
"""A minimal PEP 517 build backend: a pure-Python wheel from pyproject.toml's [project] table."""

import base64
import hashlib
import pathlib
import tomllib
import zipfile


def get_requires_for_build_wheel(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    project = tomllib.loads(pathlib.Path("pyproject.toml").read_text())["project"]
    name = project["name"].replace("-", "_")
    version = project["version"]
    dist_info = f"{name}-{version}.dist-info"
    files = {}
    for package in project.get("packages-for-test", []):
        for path in sorted(pathlib.Path(package).rglob("*.py")):
            files[path.as_posix()] = path.read_bytes()
    files[f"{dist_info}/METADATA"] = (
        f"Metadata-Version: 2.1\\nName: {project['name']}\\nVersion: {version}\\n".encode()
    )
    files[f"{dist_info}/WHEEL"] = (
        b"Wheel-Version: 1.0\\nGenerator: test-backend\\nRoot-Is-Purelib: true\\n"
        b"Tag: py3-none-any\\n"
    )
    groups = project.get("entry-points", {})
    text = ""
    for group, entries in groups.items():
        text += f"[{group}]\\n" + "".join(f"{k} = {v}\\n" for k, v in entries.items())
    files[f"{dist_info}/entry_points.txt"] = text.encode()
    record = []
    for path, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append(f"{dist_info}/RECORD,,")
    files[f"{dist_info}/RECORD"] = ("\\n".join(record) + "\\n").encode()
    wheel_name = f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(pathlib.Path(wheel_directory) / wheel_name, "w") as wheel:
        for path, data in files.items():
            wheel.writestr(path, data)
    return wheel_name
'''

PYPROJECT = """
[build-system]
requires = []
build-backend = "minimal_backend"
backend-path = ["_build"]

[project]
name = "acme-connect-greetings"
version = "1.0.0"
packages-for-test = ["acme_connect"]

[project.entry-points."connectpy.plugins"]
GreetingSource = "acme_connect:GreetingSourceConnector"
"""

SHOUT_MODULE = '''
"""A plugin module on plugin.path: a transformation upper-casing string values."""

from connectors import ConfigDef, Transformation


class Shout(Transformation):
    def configure(self, configs):
        pass

    def apply(self, record):
        return record.new_record(value=str(record.value).upper() + "!")

    def config(self):
        return ConfigDef()

    def close(self):
        pass
'''


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "connectpy"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "connectors.runtime.cli"]


def _env(*paths: Path) -> dict[str, str]:
    root = Path(__file__).resolve().parents[2]
    extra = [str(p) for p in paths] + [str(root)]
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([*extra, os.environ.get("PYTHONPATH", "")]),
        "PIP_NO_INDEX": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }


def _topic_values(db: Path, topic: str) -> list[str]:
    if not db.exists():
        return []
    log = EmbeddedRecordLog(db)
    try:
        count = log.topics().get(topic, 0)
        if not count:
            return []
        tps = [TopicPartition(topic, p) for p in range(count)]
        consumer = log.consumer("test-reader", "test-reader")
        consumer.assign(tps)
        ends = consumer.end_offsets(tps)
        values: list[str] = []
        while any(consumer.position(tp) < ends[tp] for tp in tps):
            values += [(r.value or b"").decode() for r in consumer.poll(0.05)]
        consumer.close()
        return values
    finally:
        log.close()


def _write_properties(path: Path, props: dict[str, str]) -> Path:
    path.write_text("".join(f"{k}={v}\n" for k, v in props.items()))
    return path


def _run_standalone(
    workdir: Path,
    env: dict[str, str],
    worker: dict[str, str],
    connector: dict[str, str],
    topic: str,
    expected: list[str],
) -> None:
    """Run ``connectpy standalone`` until ``topic`` holds ``expected``, then stop it cleanly."""
    worker_file = _write_properties(
        workdir / "worker.properties",
        {
            "key.converter": "org.apache.kafka.connect.storage.StringConverter",
            "value.converter": "org.apache.kafka.connect.storage.StringConverter",
            "offset.flush.interval.ms": "100",
            "embedded.store.path": str(workdir / "data" / "connect.db"),
            "throughput.log.interval.ms": "0",
            "listeners": "http://127.0.0.1:0",  # any free port: 8083 may be taken
            **worker,
        },
    )
    connector_file = _write_properties(workdir / "connector.properties", connector)
    log_path = workdir / "standalone.log"
    with open(log_path, "wb") as log_file:
        proc = subprocess.Popen(
            [*_cli(), "standalone", str(worker_file), str(connector_file)],
            cwd=workdir,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 20
        db = workdir / "data" / "connect.db"
        while _topic_values(db, topic) != expected:
            if proc.poll() is not None:
                raise AssertionError(f"connectpy standalone exited: {log_path.read_text()}")
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{topic} holds {_topic_values(db, topic)}: {log_path.read_text()[-3000:]}"
                )
            time.sleep(0.1)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(15) == 0, log_path.read_text()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The third-party package built into a wheel and installed into a target directory."""
    # The in-tree backend reads pyproject.toml with tomllib.
    if importlib.util.find_spec("tomllib") is None:
        pytest.skip("SKIPPED LOUDLY: the in-tree build backend needs tomllib (Python 3.11+)")
    root = tmp_path_factory.mktemp("packaging")
    project = root / "acme-connect-greetings"
    (project / "acme_connect").mkdir(parents=True)
    (project / "_build").mkdir()
    (project / "acme_connect" / "__init__.py").write_text(textwrap.dedent(PLUGIN_MODULE))
    (project / "_build" / "minimal_backend.py").write_text(textwrap.dedent(BACKEND))
    (project / "pyproject.toml").write_text(PYPROJECT)
    dist, site = root / "dist", root / "site"
    pip = [sys.executable, "-m", "pip"]
    built = subprocess.run(  # noqa: PLW1510  (a failure is a skip, checked below)
        [
            *pip,
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            str(dist),
            str(project),
        ],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )
    if built.returncode != 0:
        pytest.skip(f"SKIPPED LOUDLY: cannot build a wheel offline here: {built.stderr[-2000:]}")
    wheels = list(dist.glob("*.whl"))
    assert [w.name for w in wheels] == ["acme_connect_greetings-1.0.0-py3-none-any.whl"]
    subprocess.run(
        [*pip, "install", "--no-deps", "--no-index", "--target", str(site), str(wheels[0])],
        check=True,
        capture_output=True,
        env=_env(),
        timeout=120,
    )
    assert (site / "acme_connect" / "__init__.py").exists()
    yield site
    shutil.rmtree(root, ignore_errors=True)


def test_installed_wheel_is_listed_by_connectpy_plugins(installed: Path) -> None:
    """``connectpy plugins`` lists the entry point's connector, with its name as an alias."""
    result = subprocess.run(
        [*_cli(), "plugins", "--type", "source", "--json"],
        capture_output=True,
        env=_env(installed),
        timeout=60,
        check=True,
    )
    plugins = {p["class"]: p for p in orjson.loads(result.stdout)}
    assert "acme_connect.GreetingSourceConnector" in plugins, sorted(plugins)
    entry = plugins["acme_connect.GreetingSourceConnector"]
    assert entry["version"] == "1.0.0"
    assert "GreetingSource" in entry["aliases"]


def test_installed_wheel_runs_in_connectpy_standalone(installed: Path, tmp_path: Path) -> None:
    """``connectpy standalone`` runs the connector named by its entry point."""
    _run_standalone(
        tmp_path,
        _env(installed),
        {},
        {"name": "greet", "connector.class": "GreetingSource", "topic": "greetings", "count": "3"},
        "greetings",
        ["hello 0", "hello 1", "hello 2"],
    )


def _plugin_dir(root: Path) -> Path:
    plugins = root / "plugins"
    (plugins / "acme_greetings").mkdir(parents=True)
    (plugins / "shouting.py").write_text(textwrap.dedent(SHOUT_MODULE))
    (plugins / "acme_greetings" / "__init__.py").write_text(textwrap.dedent(PLUGIN_MODULE))
    return plugins


def test_plugin_path_is_listed(tmp_path: Path) -> None:
    """Modules and packages in plugin.path directories are found by ``connectpy plugins``."""
    plugins = _plugin_dir(tmp_path)
    worker = _write_properties(tmp_path / "worker.properties", {"plugin.path": str(plugins)})
    result = subprocess.run(
        [*_cli(), "plugins", "--worker-config", str(worker), "--json"],
        capture_output=True,
        env=_env(),
        timeout=60,
        check=True,
    )
    found = {p["class"]: p for p in orjson.loads(result.stdout)}
    assert found["shouting.Shout"]["type"] == "transformation"
    assert found["acme_greetings.GreetingSourceConnector"]["type"] == "source"
    assert "GreetingSource" in found["acme_greetings.GreetingSourceConnector"]["aliases"]


def test_plugin_path_runs_in_connectpy_standalone(tmp_path: Path) -> None:
    """A connector and a transformation from plugin.path run under their short names."""
    plugins = _plugin_dir(tmp_path)
    _run_standalone(
        tmp_path,
        _env(),
        {"plugin.path": str(plugins)},
        {
            "name": "greet",
            "connector.class": "GreetingSource",
            "topic": "loud",
            "count": "2",
            "transforms": "shout",
            "transforms.shout.type": "Shout",
        },
        "loud",
        ["HELLO 0!", "HELLO 1!"],
    )
