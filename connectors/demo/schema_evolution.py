"""Schema evolution end to end, in one process and without external services.

:func:`run_demo` wires the real pieces together:

1. the demo HTTP endpoint (:class:`~connectors.http.demo_server.DemoServer`) on 127.0.0.1,
   whose to-do items gain fields as they appear (``priority``; then ``tags``, ``owner`` and
   ``views``; then ``owner.team``, with ``views`` widened from int32 to int64);
2. an embedded worker (:class:`~connectors.testing.EmbeddedConnectCluster`) running
   ``HttpPollSource`` with ``output.format=struct``: each new shape becomes a new version of
   the inferred Connect schema;
3. ``AvroConverter`` with the embedded schema registry (a SQLite file): each version is
   registered under the subject ``todos-value`` and the records are stored in Confluent's wire
   format in the embedded record log (or in Kafka, with ``bootstrap_servers``);
4. ``JsonLinesSink`` with ``schema.compatibility`` (``BACKWARD`` by default) reading them back
   through the same converter and writing each record, projected onto the newest schema seen,
   as a JSON line (or CSV row).

The endpoint releases one new item per request (so every response holds one stage's items
and each new shape gives exactly one schema version, however fast the machine is). The sink
starts once ``sink_after`` items were served, as when a sink is added to a live topic: it catches up on a backlog spread over two partitions, so it meets records of older
schema versions after newer ones and projects them. While it runs, a progress line is printed
every second; at the end, the schema versions from the registry and a few output rows.
``python -m connectors.demo`` runs it from a shell.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs
import orjson

from connect_data.errors import ConnectException
from connectors.http.demo_server import DemoServer, todo
from connectors.jsonl.compatibility import StorageSchemaCompatibility
from connectors.jsonl.task import JsonLinesSinkTask, SinkStats
from connectors.testing.embedded_cluster import EmbeddedConnectCluster
from converters.avro.registry import LocalSchemaRegistry

__all__ = [
    "DemoOptions",
    "DemoResult",
    "SchemaVersion",
    "avro_fields",
    "run_demo",
]

DEFAULT_TOPIC: Final = "todos"
SOURCE_NAME: Final = "todos-http-source"
SINK_NAME: Final = "todos-file-sink"
AVRO_CONVERTER: Final = "io.confluent.connect.avro.AvroConverter"
STRING_CONVERTER: Final = "org.apache.kafka.connect.storage.StringConverter"


@attrs.frozen(kw_only=True)
class DemoOptions:
    """What the demo runs with (the command line's options)."""

    records: int = 60
    """The endpoint serves this many items in all; the demo ends once all are written."""
    per_request: int = 1
    """New items the endpoint releases with each request (after ``initial``)."""
    rate: float = 0.0
    """New items per second the endpoint releases besides (0: none; above 0 a response may span
    two stages, which then share one schema version)."""
    initial: int = 5
    """Items available when the endpoint starts."""
    stage_size: int = 10
    """Items per schema stage: ids 1-10 have 3 fields, 11-20 gain one, and so on."""
    poll_interval_ms: int = 250
    """The source's ``poll.interval.ms``."""
    partitions: int = 2
    """Partitions of the topic."""
    sink_after: int = 40
    """Start the sink once the endpoint has served this many items."""
    sink_delay: float | None = None
    """Start the sink this many seconds after the source instead (wins over ``sink_after``)."""
    topic: str = DEFAULT_TOPIC
    """The topic (the registry subject is ``<topic>-value``)."""
    compatibility: str = StorageSchemaCompatibility.BACKWARD.value
    """The sink's ``schema.compatibility``."""
    output_format: str = "jsonl"
    """The sink's ``format`` (``jsonl`` or ``csv``)."""
    output: Path | None = None
    """The sink's file (default: ``todos.<format>`` in the data directory)."""
    data_dir: Path | None = None
    """Where the store, the registry and (by default) the output go; kept afterwards. Without
    it a temporary directory is used and removed at the end."""
    duration: float = 30.0
    """The longest the demo runs, in seconds."""
    bootstrap_servers: str | None = None
    """Run on this Kafka cluster instead of the embedded record log."""
    worker_props: Mapping[str, str] = attrs.field(factory=dict)
    """Extra worker settings (for example ``consumer.session.timeout.ms`` for Kafka)."""
    progress_interval: float = 1.0
    """Seconds between progress lines."""


@attrs.frozen(kw_only=True)
class SchemaVersion:
    """One version of the subject, as the registry holds it."""

    subject: str
    version: int
    schema_id: int
    fields: tuple[tuple[str, str], ...]
    """``(name, type)`` of each top-level field, in order (see :func:`avro_fields`)."""


@attrs.frozen(kw_only=True)
class DemoResult:
    """What a run produced."""

    served: int
    """The highest item id the endpoint served (ids start at 1)."""
    stored: int
    """Records in the topic at the end."""
    versions: tuple[SchemaVersion, ...]
    """The registered versions of ``todos-value``, in order."""
    output: Path
    """The sink's file (already removed if it was in a temporary directory)."""
    rows: tuple[Any, ...]
    """The output rows: parsed JSON lines, or CSV rows (lists of cells, headers included)."""
    stats: SinkStats
    """The sink task's counters."""
    elapsed: float
    """Seconds from start to the end of the run."""
    completed: bool
    """Whether every served item was written before ``duration`` ran out."""


class _CountingDemoServer(DemoServer):
    """The demo endpoint, remembering the highest id it has served."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.served = 0
        self._served_lock = threading.Lock()

    def page(self, since: int, limit: int) -> tuple[list[dict[str, Any]], bool]:
        items, more = super().page(since, limit)
        if items:
            with self._served_lock:
                self.served = max(self.served, int(items[-1]["id"]))
        return items, more


# --------------------------------------------------------------------- schema text


def _avro_type_text(avro: Any) -> str:
    """A short text for an Avro type: ``int``, ``array<string>``, ``owner{name,email}``."""
    if isinstance(avro, list):
        branches = [b for b in avro if b != "null"]
        return (
            _avro_type_text(branches[0])
            if len(branches) == 1
            else "|".join(_avro_type_text(b) for b in branches)
        )
    if isinstance(avro, str):
        return avro
    if isinstance(avro, dict):
        kind = avro.get("type")
        if kind == "array":
            return f"array<{_avro_type_text(avro.get('items'))}>"
        if kind == "map":
            return f"map<{_avro_type_text(avro.get('values'))}>"
        if kind == "record":
            inner = ",".join(
                f"{f['name']}:{_avro_type_text(f['type'])}" for f in avro.get("fields", [])
            )
            return "{" + inner + "}"
        if isinstance(kind, (str, list, dict)):
            return _avro_type_text(kind)
    return str(avro)


def avro_fields(schema_text: str) -> tuple[tuple[str, str], ...]:
    """``(name, type text)`` of each field of an Avro record schema's JSON text (optional
    unions shown as their non-null branch: ``["null", "int"]`` is ``int``)."""
    schema = orjson.loads(schema_text)
    fields = schema.get("fields", []) if isinstance(schema, dict) else []
    return tuple((str(f["name"]), _avro_type_text(f["type"])) for f in fields)


def registered_versions(registry: LocalSchemaRegistry, subject: str) -> list[SchemaVersion]:
    """Every version of ``subject`` in ``registry``, in order (none if it does not exist)."""
    if subject not in registry.get_subjects():
        return []
    result = []
    for version in registry.get_versions(subject):
        registered = registry.get_version(subject, version)
        result.append(
            SchemaVersion(
                subject=subject,
                version=int(registered.version or version),
                schema_id=int(registered.schema_id or 0),
                fields=avro_fields(registered.schema.schema_str or "{}"),
            )
        )
    return result


def describe_versions(versions: Sequence[SchemaVersion]) -> list[str]:
    """Lines describing each version and what changed since the one before."""
    lines: list[str] = []
    previous: dict[str, str] = {}
    for entry in versions:
        fields = dict(entry.fields)
        if not previous:
            change = "first version"
        else:
            parts = [f"+{n}" for n in fields if n not in previous]
            parts += [
                f"{n}: {previous[n]} -> {t}"
                for n, t in fields.items()
                if n in previous and previous[n] != t
            ]
            change = ", ".join(parts) or "no field change"
        lines.append(
            f"  {entry.subject} version {entry.version} (schema id {entry.schema_id}): {change}"
        )
        lines.append("      " + ", ".join(f"{n}:{t}" for n, t in entry.fields))
        previous = fields
    return lines


# --------------------------------------------------------------------- running


def _read_rows(path: Path, output_format: str) -> tuple[Any, ...]:
    if not path.exists():
        return ()
    if output_format == "csv":
        import csv

        with path.open(newline="", encoding="utf-8") as handle:
            return tuple(csv.reader(handle))
    return tuple(orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip())


def _summary(
    count: int,
    output: Path,
    stats: SinkStats,
    compatibility: StorageSchemaCompatibility,
    output_format: str,
) -> list[str]:
    unit = "lines" if output_format == "csv" else "rows"
    if compatibility is StorageSchemaCompatibility.NONE:
        how = "each record written with its own schema"
    else:
        target = "oldest" if compatibility is StorageSchemaCompatibility.FORWARD else "newest"
        how = f"{stats.projected} records projected onto the {target} schema version seen"
    lines = [f"{count} {unit} in {output} ({how}, schema.compatibility={compatibility.value})."]
    if output_format == "csv":
        lines.append("A few of them (a header line comes first and wherever the columns change):")
    elif compatibility is StorageSchemaCompatibility.FORWARD:
        lines.append("A few of them (fields newer than the oldest version are dropped):")
    else:
        lines.append("A few of them (* projected: fields the item never had are null):")
    return lines


def _rows_to_show(
    rows: Sequence[Any], output_format: str, stage_size: int
) -> list[tuple[str, Any]]:
    """The first two rows, up to two projected ones (an item written with fields it never
    had, filled with nulls) and the last one, each with a label."""
    if output_format == "csv":
        return (
            [("", ",".join(row)) for row in [*rows[:3], *rows[-2:]]]
            if len(rows) > 5
            else [("", ",".join(row)) for row in rows]
        )
    chosen: list[tuple[str, Any]] = [(f"row {i + 1}:", row) for i, row in enumerate(rows[:2])]
    projected = 0
    for index, row in enumerate(rows[2:-1], start=2):
        if projected >= 2:
            break
        if isinstance(row, dict) and isinstance(row.get("id"), int):
            native = todo(row["id"], stage_size)
            if set(row) - set(native):
                chosen.append((f"row {index + 1}*:", row))
                projected += 1
    if len(rows) > 2:
        chosen.append((f"row {len(rows)}:", rows[-1]))
    return chosen


def run_demo(
    options: DemoOptions | None = None, out: Callable[[str], None] | None = None
) -> DemoResult:
    """Run the demo (see the module docs); ``out`` gets each line to show (default: print).

    Raises :class:`~connect_data.ConnectException` if the data directory or the output file
    holds files of an earlier run (the demo always starts from an empty store).
    """
    options = options or DemoOptions()
    emit = out or (lambda line: print(line, flush=True))
    compatibility = StorageSchemaCompatibility.get_compatibility(options.compatibility)
    output_format = options.output_format.strip().lower()
    own_dir = options.data_dir is None
    data_dir = (
        Path(tempfile.mkdtemp(prefix="connectpy-demo-"))
        if options.data_dir is None
        else options.data_dir
    )
    data_dir.mkdir(parents=True, exist_ok=True)
    topic = options.topic
    subject = f"{topic}-value"
    output = options.output or data_dir / f"{topic}.{output_format}"
    store = data_dir / "connect.db"
    for leftover in (store, data_dir / "registry.db", output):
        if leftover.exists():
            if own_dir:
                shutil.rmtree(data_dir, ignore_errors=True)
            raise ConnectException(
                f"{leftover} is left from an earlier run (the demo starts from nothing): "
                "remove it or choose another --data-dir / --output"
            )
    registry_file = store if options.bootstrap_servers is None else data_dir / "registry.db"
    registry_url = "embedded://" + registry_file.resolve().as_posix()
    worker_props = {
        "key.converter": STRING_CONVERTER,
        "value.converter": AVRO_CONVERTER,
        "value.converter.schema.registry.url": registry_url,
        "num.partitions": str(options.partitions),
        "offset.flush.interval.ms": "500",
        "embedded.store.path": str(store),
        **options.worker_props,
    }
    if options.bootstrap_servers:
        worker_props["bootstrap.servers"] = options.bootstrap_servers
    started = time.monotonic()
    server = _CountingDemoServer(
        initial=options.initial,
        rate=options.rate,
        per_request=options.per_request,
        stage_size=options.stage_size,
        max_records=options.records,
        page_size=20,
    )
    cluster = EmbeddedConnectCluster(worker_props, data_dir=data_dir)
    registry: LocalSchemaRegistry | None = None
    stats = SinkStats()
    stored = 0
    completed = False
    try:
        server.start()
        emit(f"Demo endpoint serving evolving to-do items on {server.url}/todos")
        cluster.start()
        backend = (
            "Kafka at " + options.bootstrap_servers
            if options.bootstrap_servers
            else (f"the embedded store {store}")
        )
        emit(f"Embedded worker on {backend}; schema registry {registry_url}")
        cluster.create_topic(topic, options.partitions)
        cluster.configure_connector(
            SOURCE_NAME,
            {
                "connector.class": "HttpPollSource",
                "tasks.max": "1",
                "http.url": f"{server.url}/todos",
                "topic": topic,
                "poll.interval.ms": str(options.poll_interval_ms),
                "output.format": "struct",
                "http.record.key.field": "id",
                "http.offset.field": "id",
                "http.offset.param": "since",
                "http.pagination.type": "link",
            },
        )
        emit(
            f"HttpPollSource -> AvroConverter -> topic {topic} ({options.partitions} partitions);"
            + (
                f" the sink starts in {options.sink_delay:g} s"
                if options.sink_delay is not None
                else f" the sink starts after {options.sink_after} items"
            )
        )
        registry = LocalSchemaRegistry(registry_file)
        sink_started = False
        next_progress = started + options.progress_interval
        while True:
            now = time.monotonic()
            elapsed = now - started
            sink_due = (
                elapsed >= options.sink_delay
                if options.sink_delay is not None
                else server.served >= options.sink_after
            )
            if not sink_started and sink_due:
                cluster.configure_connector(
                    SINK_NAME,
                    {
                        "connector.class": "JsonLinesSink",
                        "topics": topic,
                        "file": str(output),
                        "format": output_format,
                        "schema.compatibility": compatibility.value,
                    },
                )
                sink_started = True
                emit(
                    f"JsonLinesSink started: schema.compatibility={compatibility.value}, "
                    f"writing {output}"
                )
            stats = _sink_stats(cluster) or stats
            stored = sum(cluster.end_offsets(topic).values())
            done = server.served >= options.records and stats.written >= server.served
            if now >= next_progress or done:
                versions = registered_versions(registry, subject)
                reference = stats.reference_versions.get(topic)
                emit(
                    f"[{elapsed:5.1f}s] served {server.served:3d} | in topic {stored:3d} | "
                    f"written {stats.written:3d} (projected {stats.projected}) | schema versions "
                    f"{','.join(str(v.version) for v in versions) or '-'} | sink writes "
                    f"{'v' + str(reference) if reference is not None else '-'}"
                )
                next_progress += options.progress_interval
            if done:
                completed = True
                break
            if elapsed >= options.duration:
                emit(f"Stopping after {options.duration:g} s without writing every record")
                break
            time.sleep(0.05)
        cluster.stop_worker()
        versions = registered_versions(registry, subject)
        rows = _read_rows(output, output_format)
        emit("")
        emit(f"Schema versions registered under {subject}:")
        for line in describe_versions(versions):
            emit(line)
        emit("")
        for line in _summary(len(rows), output, stats, compatibility, output_format):
            emit(line)
        for label, row in _rows_to_show(rows, output_format, options.stage_size):
            text = row if isinstance(row, str) else orjson.dumps(row).decode()
            emit(f"  {label:<11} {text}")
        if own_dir and options.output is None:
            emit(
                "(The files were in a temporary directory; pass --data-dir or --output to keep them.)"
            )
        return DemoResult(
            served=server.served,
            stored=stored,
            versions=tuple(versions),
            output=output,
            rows=rows,
            stats=stats,
            elapsed=time.monotonic() - started,
            completed=completed,
        )
    finally:
        try:
            cluster.stop_worker()
        finally:
            server.stop()
            if registry is not None:
                registry.close()
            if own_dir:
                shutil.rmtree(data_dir, ignore_errors=True)


def _sink_stats(cluster: EmbeddedConnectCluster) -> SinkStats | None:
    try:
        task = cluster.task(SINK_NAME)
    except Exception:
        return None
    if isinstance(task, JsonLinesSinkTask):
        return attrs.evolve(task.stats, reference_versions=dict(task.stats.reference_versions))
    return None
