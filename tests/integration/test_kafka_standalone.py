"""``connectpy standalone`` processes on the Kafka backend, against the tansu broker.

Two workers running the same sink connector share its topic's partitions through the consumer
group ``connect-<connector>`` (cooperative rebalancing when one joins and when one leaves),
and a source killed with SIGKILL resumes from the offsets stored in the offsets topic, losing
nothing (at least once).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.conftest import KafkaBroker
from tests.integration.kafka_helpers import (
    FAST_GROUP,
    create_topic,
    produce,
    read_topic,
    unique,
    wait_for,
)

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SOURCE = "tests.connectors.testplugins.CounterSourceConnector"
SINK = "tests.connectors.testplugins.LineFileSinkConnector"


class Workers:
    """Runs ``python -m connectors.runtime.cli standalone`` processes, each in its directory."""

    def __init__(self, root: Path, broker: KafkaBroker) -> None:
        self.root = root
        self.broker = broker
        self.procs: list[subprocess.Popen[bytes]] = []
        self.offsets_topic = unique("cli-offsets")
        self.configs_topic = unique("cli-configs")

    def start(self, directory: str, connector: dict[str, str]) -> subprocess.Popen[bytes]:
        workdir = self.root / directory
        workdir.mkdir(exist_ok=True)
        worker = {
            "bootstrap.servers": self.broker.bootstrap_servers,
            "key.converter": "org.apache.kafka.connect.storage.StringConverter",
            "value.converter": "org.apache.kafka.connect.storage.StringConverter",
            "offset.flush.interval.ms": "200",
            "offset.storage.topic": self.offsets_topic,
            "offset.storage.partitions": "2",
            "offset.storage.replication.factor": "1",
            "config.storage.topic": self.configs_topic,
            "config.storage.replication.factor": "1",
            "task.shutdown.graceful.timeout.ms": "5000",
            "throughput.log.interval.ms": "0",
            "listeners": "http://127.0.0.1:0",
            **{f"consumer.{k}": v for k, v in FAST_GROUP.items()},
        }
        (workdir / "worker.properties").write_text("".join(f"{k}={v}\n" for k, v in worker.items()))
        (workdir / "connector.properties").write_text(
            "".join(f"{k}={v}\n" for k, v in connector.items())
        )
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
        }
        with open(workdir / f"worker-{len(self.procs)}.log", "wb") as log_file:
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "connectors.runtime.cli",
                    "standalone",
                    "worker.properties",
                    "connector.properties",
                ],
                cwd=workdir,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=log_file,
                stdin=subprocess.DEVNULL,
            )
        self.procs.append(proc)
        return proc

    def logs(self) -> str:
        return "\n".join(
            p.read_text(errors="replace") for p in sorted(self.root.glob("*/worker-*.log"))
        )

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
            proc.wait(10)


@pytest.fixture
def workers(tmp_path: Path, kafka_broker: KafkaBroker) -> Iterator[Workers]:
    running = Workers(tmp_path, kafka_broker)
    try:
        yield running
    finally:
        running.stop_all()


def lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def alive(proc: subprocess.Popen[bytes], workers: Workers) -> bool:
    assert proc.poll() is None, f"a worker exited with {proc.returncode}:\n{workers.logs()[-4000:]}"
    return True


def test_two_workers_share_a_sink_connector(
    workers: Workers, kafka_broker: KafkaBroker, tmp_path: Path
) -> None:
    """Two workers running one sink connector split its partitions, and the survivor takes
    them all back when the other stops; no record is lost on the way."""
    bootstrap = kafka_broker.bootstrap_servers
    topic = create_topic(bootstrap, unique("shared"), 4)
    name = unique("shared-sink")
    produced: list[str] = []

    def send_round(tag: str) -> None:
        values = [f"{tag}-p{p}" for p in range(4)]
        produce(bootstrap, topic, [(p, None, v.encode()) for p, v in enumerate(values)])
        produced.extend(values)

    for n in range(10):
        send_round(f"start{n}")
    out_a, out_b = tmp_path / "a.txt", tmp_path / "b.txt"
    sink = {"name": name, "connector.class": SINK, "tasks.max": "1", "topics": topic}
    first = workers.start("a", {**sink, "file": str(out_a)})
    wait_for(lambda: len(lines(out_a)) >= 40, 30, "the first worker reading the backlog")
    second = workers.start("b", {**sink, "file": str(out_b)})

    def partitions_of(path: Path, tag: str) -> set[str]:
        return {line.rsplit("-", 1)[1] for line in lines(path) if line.startswith(f"{tag}-")}

    shared_round = None
    deadline = time.monotonic() + 40
    n = 0
    while shared_round is None:
        alive(first, workers)
        alive(second, workers)
        assert time.monotonic() < deadline, "the workers never shared the partitions"
        tag = f"both{n}"
        send_round(tag)
        n += 1
        time.sleep(0.3)
        for earlier in range(max(0, n - 4), n):
            got_a, got_b = (
                partitions_of(out_a, f"both{earlier}"),
                partitions_of(out_b, f"both{earlier}"),
            )
            if got_a and got_b and len(got_a | got_b) == 4:
                shared_round = earlier
    for m in range(n, n + 3):
        send_round(f"both{m}")
    settled = [f"both{m}" for m in range(n, n + 3)]
    wait_for(
        lambda: all(len(partitions_of(out_a, t) | partitions_of(out_b, t)) == 4 for t in settled),
        20,
        "the last shared rounds",
    )
    for tag in settled:
        got_a, got_b = partitions_of(out_a, tag), partitions_of(out_b, tag)
        assert len(got_a) == len(got_b) == 2 and not got_a & got_b, (tag, got_a, got_b)

    second.send_signal(signal.SIGTERM)
    assert second.wait(20) == 0
    deadline = time.monotonic() + 40
    n = 0
    while True:
        alive(first, workers)
        assert time.monotonic() < deadline, "the partitions never went back to the first worker"
        send_round(f"alone{n}")
        n += 1
        time.sleep(0.3)
        if any(len(partitions_of(out_a, f"alone{m}")) == 4 for m in range(n)):
            break
    wait_for(lambda: set(produced) <= set(lines(out_a)) | set(lines(out_b)), 20, "every record")
    after = [m for m in range(n) if len(partitions_of(out_a, f"alone{m}")) == 4]
    assert not any(line.startswith(f"alone{after[0]}-") for line in lines(out_b))
    first.send_signal(signal.SIGTERM)
    assert first.wait(20) == 0
    delivered = Counter(lines(out_a) + lines(out_b))
    assert set(delivered) == set(produced)
    repeated = {value: count for value, count in delivered.items() if count > 1}
    assert not repeated, f"partitions changed hands without their commits: {repeated}"


def test_source_resumes_after_kill_9(workers: Workers, kafka_broker: KafkaBroker) -> None:
    """Killed mid-stream and restarted, a source resumes from its stored offsets: every record
    is written at least once, and only the records after the last offset flush are repeated."""
    bootstrap = kafka_broker.bootstrap_servers
    topic = create_topic(bootstrap, unique("killed"), 2)
    connector = {
        "name": unique("counter"),
        "connector.class": SOURCE,
        "tasks.max": "2",
        "topic": topic,
        "partitions": "2",
        "count": "1500",
        "batch.size": "10",
        "poll.interval.ms": "20",
    }

    def written() -> list[str]:
        return [r.value.decode() for r in read_topic(bootstrap, topic) if r.value]

    def committed() -> bool:
        return bool(read_topic(bootstrap, workers.offsets_topic))

    first = workers.start("src", connector)
    wait_for(lambda: alive(first, workers) and len(written()) >= 600, 30, "600 records written")
    wait_for(committed, 10, "an offset commit")
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    before = written()
    assert len(before) < 3000, "the source finished before it was killed"
    second = workers.start("src", connector)
    wait_for(lambda: alive(second, workers) and len(set(written())) >= 3000, 40, "every record")
    second.send_signal(signal.SIGTERM)
    assert second.wait(20) == 0
    values = Counter(written())
    assert set(values) == {f"p{p}:{n}" for p in range(2) for n in range(1500)}
    repeated = sum(values.values()) - len(values)
    assert repeated < len(before) / 2, f"{repeated} records repeated: not resumed from offsets"
