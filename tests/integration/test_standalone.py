"""End-to-end runs of ``connectpy standalone`` as a subprocess on the embedded store.

Each test starts the CLI, lets it work, kills it with SIGKILL mid-stream (or stops it with
SIGTERM), starts it again, and checks what reached the topic and the sink's file: exactly
once for sources on the embedded store, at least once for sinks and for sources whose offsets
live in ``offset.storage.file.filename``, and no record lost in any case.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from connectors import TopicPartition
from connectors.runtime.recordlog import EmbeddedRecordLog, ProducerRecord

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SOURCE = "tests.connectors.testplugins.CounterSourceConnector"
SINK = "tests.connectors.testplugins.LineFileSinkConnector"


class Cli:
    """Starts ``python -m connectors.runtime.cli`` in a directory."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.procs: list[subprocess.Popen[bytes]] = []

    def start(self, *args: str) -> subprocess.Popen[bytes]:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
        }
        proc = subprocess.Popen(
            [sys.executable, "-m", "connectors.runtime.cli", *args],
            cwd=self.workdir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=open(self.workdir / f"cli-{len(self.procs)}.log", "wb"),  # noqa: SIM115
        )
        self.procs.append(proc)
        return proc

    def log(self, index: int) -> str:
        return (self.workdir / f"cli-{index}.log").read_text()

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)


@pytest.fixture
def cli(tmp_path: Path) -> Iterator[Cli]:
    runner = Cli(tmp_path)
    yield runner
    runner.stop_all()


def wait_for(
    condition: Callable[[], bool],
    timeout: float = 30.0,
    proc: subprocess.Popen[bytes] | None = None,
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the CLI exited early with status {proc.returncode}")
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.02)


def stop_with_sigterm(cli: Cli, index: int, proc: subprocess.Popen[bytes]) -> int:
    """SIGTERM once the worker has said it started (a signal before Python has even installed its
    handlers would kill the process outright); returns the exit status."""
    wait_for(lambda: "Kafka Connect started" in cli.log(index), proc=proc)
    proc.send_signal(signal.SIGTERM)
    return proc.wait(15)


def topic_values(db: Path, topic: str) -> list[str]:
    """Every value in the topic (read from the store file, as another process would)."""
    if not db.exists():
        return []
    log = EmbeddedRecordLog(db)
    try:
        partitions = log.topics().get(topic, 0)
        tps = [TopicPartition(topic, p) for p in range(partitions)]
        if not tps:
            return []
        consumer = log.consumer("test-reader", "test-reader")
        consumer.assign(tps)
        ends = consumer.end_offsets(tps)
        values: list[str] = []
        while any(consumer.position(tp) < ends[tp] for tp in tps):
            for record in consumer.poll(0.05):
                if record.offset < ends[TopicPartition(record.topic, record.partition)]:
                    values.append((record.value or b"").decode())
        consumer.close()
        return values
    finally:
        log.close()


def worker_file(workdir: Path, **extra: str) -> Path:
    lines = {
        "key.converter": "org.apache.kafka.connect.storage.StringConverter",
        "value.converter": "org.apache.kafka.connect.storage.StringConverter",
        "offset.flush.interval.ms": "100",
        "embedded.store.path": "data/connect.db",
        "throughput.log.interval.ms": "200",
        "task.shutdown.graceful.timeout.ms": "3000",
        "listeners": "http://127.0.0.1:0",
        **extra,
    }
    path = workdir / "worker.properties"
    path.write_text("".join(f"{k}={v}\n" for k, v in lines.items()))
    return path


def source_file(workdir: Path, count: int, partitions: int = 2, **extra: str) -> Path:
    props = {
        "name": "counter",
        "connector.class": SOURCE,
        "tasks.max": "2",
        "topic": "numbers",
        "partitions": str(partitions),
        "count": str(count),
        "batch.size": "20",
        "poll.interval.ms": "2",
        **extra,
    }
    path = workdir / "source.properties"
    path.write_text("".join(f"{k}={v}\n" for k, v in props.items()))
    return path


def expected_values(count: int, partitions: int = 2) -> list[str]:
    return [f"p{p}:{n}" for p in range(partitions) for n in range(count)]


def test_source_is_exactly_once_across_kill_9(cli: Cli, tmp_path: Path) -> None:
    """Killed mid-stream and restarted, the source writes every record exactly once, in order."""
    count = 1500
    worker, source = worker_file(tmp_path), source_file(tmp_path, count)
    db = tmp_path / "data" / "connect.db"
    first = cli.start("standalone", str(worker), str(source))
    wait_for(lambda: len(topic_values(db, "numbers")) >= 300, proc=first)
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    written_before = topic_values(db, "numbers")
    assert len(written_before) < 2 * count, "the source finished before the kill"
    second = cli.start("standalone", str(worker), str(source))
    wait_for(lambda: len(topic_values(db, "numbers")) >= 2 * count, proc=second)
    time.sleep(0.3)  # nothing more may arrive
    assert stop_with_sigterm(cli, 1, second) == 0
    values = topic_values(db, "numbers")
    duplicates = [v for v, n in Counter(values).items() if n > 1]
    assert duplicates == []
    assert sorted(values) == sorted(expected_values(count))
    for p in range(2):
        mine = [int(v.split(":")[1]) for v in values if v.startswith(f"p{p}:")]
        assert mine == list(range(count)), "records of a source partition out of order"
    assert values[: len(written_before)] == written_before


def test_sink_is_at_least_once_across_kill_9(cli: Cli, tmp_path: Path) -> None:
    """A sink killed mid-stream and restarted writes every record at least once, resuming near
    its committed offsets."""
    total = 4000
    db = tmp_path / "data" / "connect.db"
    log = EmbeddedRecordLog(db)
    log.admin().create_topic("numbers", 2)
    producer = log.producer("seed")
    for i in range(total):
        producer.send(ProducerRecord(topic="numbers", partition=i % 2, value=b"v%d" % i))
    producer.close()
    log.close()
    out = tmp_path / "out.txt"
    worker = worker_file(tmp_path, **{"consumer.max.poll.records": "20"})
    sink = tmp_path / "sink.json"
    sink.write_text(
        json.dumps(
            {
                "name": "lines",
                "config": {
                    "connector.class": SINK,
                    "topics": "numbers",
                    "file": str(out),
                    "tasks.max": "2",
                    "put.delay.ms": "10",
                },
            }
        )
    )

    def lines() -> list[str]:
        return out.read_text().splitlines() if out.exists() else []

    def committed_total() -> int:
        check = EmbeddedRecordLog(db)
        try:
            consumer = check.consumer("connect-lines", "check")
            tps = [TopicPartition("numbers", 0), TopicPartition("numbers", 1)]
            committed = consumer.committed(tps)
            consumer.close()
        finally:
            check.close()
        return sum(om.offset for om in committed.values() if om is not None)

    first = cli.start("standalone", str(worker), str(sink))
    wait_for(lambda: len(lines()) >= 1500 and committed_total() > 0, proc=first)
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    written_before = len(lines())
    assert written_before < total, "the sink finished before the kill"
    committed_before = committed_total()
    second = cli.start("standalone", str(worker), str(sink))
    wait_for(lambda: set(lines()) >= {f"v{i}" for i in range(total)}, proc=second)
    assert stop_with_sigterm(cli, 1, second) == 0
    values = [v for v in lines() if v]
    assert set(values) >= {f"v{i}" for i in range(total)}
    redelivered = len(values) - total
    assert redelivered <= written_before - committed_before + 1, (
        "the restart did not resume at the committed offsets"
    )


def test_sigterm_stops_cleanly_with_a_final_commit(cli: Cli, tmp_path: Path) -> None:
    """SIGTERM exits 0 after committing source offsets and sink offsets; logs stay short."""
    out = tmp_path / "out.txt"
    worker = worker_file(tmp_path, **{"offset.flush.interval.ms": "60000"})
    source = source_file(tmp_path, 200, partitions=1, **{"tasks.max": "1"})
    sink = tmp_path / "sink.properties"
    sink.write_text(f"name=lines\nconnector.class={SINK}\ntopics=numbers\nfile={out}\n")
    db = tmp_path / "data" / "connect.db"
    proc = cli.start("standalone", str(worker), str(source), str(sink))
    wait_for(lambda: out.exists() and len(out.read_text().splitlines()) == 200, proc=proc)
    wait_for(lambda: "counter-0: 200 records polled" in cli.log(0), proc=proc)
    assert stop_with_sigterm(cli, 0, proc) == 0
    log = EmbeddedRecordLog(db)
    consumer = log.consumer("connect-lines", "check")
    committed = consumer.committed([TopicPartition("numbers", 0)])[TopicPartition("numbers", 0)]
    consumer.close()
    log.close()
    assert committed is not None and committed.offset == 200
    text = cli.log(0)
    assert "Signal 15 received: stopping" in text
    assert len(text.splitlines()) < 100, "the worker logged per record"


def test_file_offsets_give_at_least_once_across_kill_9(cli: Cli, tmp_path: Path) -> None:
    """With offset.storage.file.filename the source may repeat records after kill -9, never lose one."""
    count = 1500
    worker = worker_file(tmp_path, **{"offset.storage.file.filename": "data/offsets.json"})
    # Slower than the other tests' source: the offsets file must exist (first flush after
    # 100 ms) while most of the records are still to come.
    source = source_file(tmp_path, count, partitions=2, **{"poll.interval.ms": "20"})
    db = tmp_path / "data" / "connect.db"
    first = cli.start("standalone", str(worker), str(source))
    wait_for(
        lambda: (
            (tmp_path / "data" / "offsets.json").exists()
            and len(topic_values(db, "numbers")) >= 300
        ),
        proc=first,
    )
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    assert len(topic_values(db, "numbers")) < 2 * count, "the source finished before the kill"
    second = cli.start("standalone", str(worker), str(source))
    wait_for(lambda: set(topic_values(db, "numbers")) >= set(expected_values(count)), proc=second)
    assert stop_with_sigterm(cli, 1, second) == 0
    values = topic_values(db, "numbers")
    assert set(values) == set(expected_values(count))
    assert len(values) < 4 * count, "the restart did not resume from the offsets file"
    assert "source delivery: at least once" in cli.log(0)


def test_validate_exits_non_zero_on_errors(cli: Cli, tmp_path: Path) -> None:
    """connectpy validate prints the errors per key and exits 1."""
    config = tmp_path / "bad.properties"
    config.write_text(f"name=x\nconnector.class={SOURCE}\ntasks.max=zero\n")
    proc = cli.start("validate", str(config))
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 1
    assert b"tasks.max: Invalid value zero for configuration tasks.max" in out
