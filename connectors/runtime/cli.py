"""The ``connectpy`` command.

- ``connectpy standalone worker.properties [connector.properties ...]``: run a standalone
  worker (as Kafka's ``connect-standalone.sh``), serving the REST API on ``listeners``
  (``http://127.0.0.1:8083`` by default), until SIGINT/SIGTERM, which stop it cleanly with a
  final offset commit.
- ``connectpy plugins``: the connectors, converters, transformations and predicates found, with
  their versions and aliases.
- ``connectpy validate connector.properties``: check a connector configuration; prints the
  errors per key and exits with status 1 if there are any.
- ``connectpy topics``: list (or ``--create``) the topics of the record log.
- ``connectpy consume TOPIC``: print records as JSON lines, like ``kafka-console-consumer``.

Run it as ``python -m connectors.runtime.cli`` when the console script is not installed.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import decimal
import logging
import signal
import sys
import threading
from collections.abc import Mapping, Sequence
from types import FrameType
from typing import Any

import orjson

from connect_data import SchemaAndValue, Struct
from connect_data.config import ConfigException, Password
from connect_data.errors import ConnectException
from connectors.record import TopicPartition
from connectors.runtime import worker_config as wc
from connectors.runtime.config_files import load_config_file, load_connector_config
from connectors.runtime.connector_config import validate_connector_config
from connectors.runtime.plugins import Plugins
from connectors.runtime.recordlog import open_record_log
from connectors.runtime.rest import RestServer, create_app
from connectors.runtime.secrets import RedactingFilter
from connectors.runtime.standalone import StandaloneHerder
from connectors.runtime.worker import Worker
from connectors.runtime.worker_config import WorkerConfig
from converters.converter import Converter

__all__ = ["main"]

log = logging.getLogger("connectpy")

EXIT_CONFIG_ERROR = 1
EXIT_CONNECTOR_FAILED = 3
_STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter"


def _setup_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("[%(asctime)s] %(levelname)s %(message)s (%(name)s)"))
    handler.addFilter(RedactingFilter())
    handler.set_name("connectpy")
    root = logging.getLogger()
    for existing in [h for h in root.handlers if h.get_name() == "connectpy"]:
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level.upper())


# --------------------------------------------------------------------- standalone


def _standalone(args: argparse.Namespace) -> int:
    # The handlers go in first: a SIGTERM that arrives while the worker is still starting stops
    # it cleanly once started (exit 0), instead of killing it half-way.
    stop = threading.Event()
    signals = 0

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        nonlocal signals
        signals += 1
        if signals > 1:
            log.warning("Second signal %d: exiting without a clean stop", signum)
            raise SystemExit(130)
        log.info("Signal %d received: stopping", signum)
        stop.set()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        return _run_standalone(args, stop)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _run_standalone(args: argparse.Namespace, stop: threading.Event) -> int:
    try:
        worker_props = load_config_file(args.worker_config)
        config = WorkerConfig(worker_props)
        connector_configs = [load_connector_config(path) for path in args.connector_configs]
    except ConfigException as exc:
        log.error("Invalid configuration: %s", exc)
        return EXIT_CONFIG_ERROR
    rest = RestServer(config)
    try:
        rest.bind()
    except (ConfigException, ConnectException) as exc:
        log.error("%s", exc)
        return EXIT_CONFIG_ERROR
    try:
        record_log = open_record_log(config)
    except (ConfigException, ConnectException) as exc:
        log.error("Cannot open the record log: %s", exc)
        rest.close()
        return EXIT_CONFIG_ERROR
    worker = Worker(config, record_log, rest.worker_id())
    herder = StandaloneHerder(worker)
    status = 0
    try:
        herder.start(exclude=[props["name"] for props in connector_configs])
        rest.start(create_app(herder))
        for props in connector_configs:
            name = props["name"]
            try:
                started = herder.put_connector_config(props)
            except Exception as exc:
                log.error("Failed to create connector for %s: %s", name, exc)
                started = False
            if not started:
                log.error("Failed to create connector for %s", name)
                status = EXIT_CONNECTOR_FAILED
                stop.set()
                break
        if status == 0:
            log.info("Kafka Connect started")
        while not stop.wait(0.5):
            pass
    finally:
        rest.stop()
        herder.stop()
        record_log.close()
    return status


# --------------------------------------------------------------------- plugins


def _plugins_for(args: argparse.Namespace) -> Plugins:
    plugin_path: list[str] = []
    worker_file = getattr(args, "worker_config", None)
    if worker_file:
        props = load_config_file(worker_file)
        raw = props.get(wc.PLUGIN_PATH_CONFIG, "")
        plugin_path = [p.strip() for p in raw.split(",") if p.strip()]
    return Plugins(plugin_path)


def _plugins(args: argparse.Namespace) -> int:
    plugins = _plugins_for(args)
    descs = plugins.discover()
    if args.type:
        descs = [d for d in descs if d.type.value == args.type]
    if args.json:
        rows = [
            {
                "class": d.class_name,
                "type": d.type.value,
                "version": d.version,
                "java_class": d.java_name,
                "aliases": list(d.aliases),
            }
            for d in descs
        ]
        sys.stdout.write(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0
    rows_text = [
        (d.type.value, d.class_name, d.version, ", ".join(filter(None, [d.java_name, *d.aliases])))
        for d in descs
    ]
    headers = ("TYPE", "CLASS", "VERSION", "ALSO KNOWN AS")
    widths = [max([len(h)] + [len(r[i]) for r in rows_text]) for i, h in enumerate(headers)]
    for row in [headers, *rows_text]:
        sys.stdout.write("  ".join(c.ljust(widths[i]) for i, c in enumerate(row)).rstrip() + "\n")
    return 0


# --------------------------------------------------------------------- validate


def _validate(args: argparse.Namespace) -> int:
    try:
        props = load_config_file(args.connector_config)
        plugins = _plugins_for(args)
        exactly_once: bool | None = None
        if args.worker_config:
            worker = WorkerConfig(_tool_worker_props(load_config_file(args.worker_config)), plugins)
            exactly_once = worker.embedded() and not worker.offsets_file()
    except ConfigException as exc:
        sys.stderr.write(f"Invalid configuration: {exc}\n")
        return EXIT_CONFIG_ERROR
    result = validate_connector_config(plugins, props, exactly_once_available=exactly_once)
    errors = [(v.name(), m) for v in result.config_values() for m in v.error_messages()]
    if args.json:
        body = {
            "name": props.get("connector.class"),
            "error_count": len(errors),
            "configs": [
                {
                    "value": {
                        "name": v.name(),
                        "value": _config_text(v.value()),
                        "recommended_values": [
                            _config_text(r) for r in v.recommended_values() or []
                        ],
                        "errors": v.error_messages(),
                        "visible": v.visible(),
                    }
                }
                for v in result.config_values()
            ],
        }
        sys.stdout.write(orjson.dumps(body, option=orjson.OPT_INDENT_2).decode() + "\n")
    elif errors:
        sys.stdout.write(f"{len(errors)} error(s) in {args.connector_config}:\n")
        for name, message in errors:
            sys.stdout.write(f"  {name}: {message}\n")
    else:
        sys.stdout.write(f"{args.connector_config}: valid\n")
    return 1 if errors else 0


def _config_text(value: Any) -> str | None:
    from connect_data.config import ConfigDef

    if value is None:
        return None
    if isinstance(value, Password):
        return Password.HIDDEN
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, type):
        return ConfigDef.convert_to_string(value, ConfigDef.Type.CLASS)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --------------------------------------------------------------------- topics / consume


def _tool_worker_props(props: Mapping[str, str]) -> dict[str, str]:
    """Worker properties for a tool: the converters default to StringConverter if unset."""
    result = dict(props)
    result.setdefault(wc.KEY_CONVERTER_CLASS_CONFIG, _STRING_CONVERTER)
    result.setdefault(wc.VALUE_CONVERTER_CLASS_CONFIG, _STRING_CONVERTER)
    return result


def _tool_worker(args: argparse.Namespace) -> tuple[WorkerConfig, dict[str, str]]:
    raw: dict[str, str] = {}
    if args.worker_config:
        raw = load_config_file(args.worker_config)
    for item in getattr(args, "property", None) or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise ConfigException(f"--property needs key=value, got {item!r}")
        raw[key.strip()] = value
    return WorkerConfig(_tool_worker_props(raw)), raw


def _topics(args: argparse.Namespace) -> int:
    try:
        config, _ = _tool_worker(args)
        record_log = open_record_log(config)
    except (ConfigException, ConnectException) as exc:
        sys.stderr.write(f"Invalid configuration: {exc}\n")
        return EXIT_CONFIG_ERROR
    try:
        admin = record_log.admin()
        if args.create:
            created = admin.create_topic(args.create, args.partitions)
            sys.stdout.write(f"{'Created' if created else 'Topic already exists:'} {args.create}\n")
            return 0
        topics = admin.list_topics()
        rows = []
        for name, partitions in topics.items():
            tps = [TopicPartition(name, p) for p in range(partitions)]
            ends = admin.end_offsets(tps)
            starts = admin.beginning_offsets(tps)
            records = sum(ends[tp] - starts[tp] for tp in tps)
            rows.append((name, str(partitions), str(records)))
        headers = ("TOPIC", "PARTITIONS", "RECORDS")
        widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
        for row in [headers, *rows]:
            sys.stdout.write(
                "  ".join(c.ljust(widths[i]) for i, c in enumerate(row)).rstrip() + "\n"
            )
        return 0
    finally:
        record_log.close()


def _json_default(value: Any) -> Any:
    if isinstance(value, Struct):
        return {field.name(): value.get(field.name()) for field in value.schema().fields()}
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, Password):
        return Password.HIDDEN
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items()}
    return str(value)


def _raw(data: bytes | None) -> Any:
    if data is None:
        return None
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return {"base64": base64.b64encode(data).decode("ascii")}


def _converter(
    plugins: Plugins, name: str | None, props: Mapping[str, str], prefix: str, is_key: bool
) -> Converter | None:
    if not name:
        return None
    configs = {k[len(prefix) :]: v for k, v in props.items() if k.startswith(prefix)}
    return plugins.new_converter(name, configs, is_key)


def _consume(args: argparse.Namespace) -> int:
    try:
        config, raw = _tool_worker(args)
        plugins = config.plugins
        key_name = args.key_converter or raw.get(wc.KEY_CONVERTER_CLASS_CONFIG)
        value_name = args.value_converter or raw.get(wc.VALUE_CONVERTER_CLASS_CONFIG)
        key_converter = _converter(plugins, key_name, raw, "key.converter.", True)
        value_converter = _converter(plugins, value_name, raw, "value.converter.", False)
        record_log = open_record_log(config)
    except (ConfigException, ConnectException) as exc:
        sys.stderr.write(f"Invalid configuration: {exc}\n")
        return EXIT_CONFIG_ERROR
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        topics = record_log.admin().list_topics()
        if args.topic not in topics:
            sys.stderr.write(f"Topic {args.topic} does not exist\n")
            return EXIT_CONFIG_ERROR
        partitions = [TopicPartition(args.topic, p) for p in range(topics[args.topic])]
        if args.partition is not None:
            partitions = [tp for tp in partitions if tp.partition == args.partition]
        consumer = record_log.consumer("connectpy-console-consumer", "console-consumer")
        consumer.assign(partitions)
        starts = consumer.beginning_offsets(partitions)
        ends = consumer.end_offsets(partitions)
        for tp in partitions:
            if args.offset is not None:
                consumer.seek(tp, args.offset)
            elif args.from_beginning:
                consumer.seek(tp, starts[tp])
            else:
                consumer.seek(tp, ends[tp])
        printed = 0
        idle_limit = None if args.timeout_ms is None else args.timeout_ms / 1000.0
        idle = 0.0
        out = sys.stdout
        try:
            while not stop.is_set() and (args.max is None or printed < args.max):
                records = consumer.poll(0.2)
                if not records:
                    idle += 0.2
                    if idle_limit is not None and idle >= idle_limit:
                        break
                    continue
                idle = 0.0
                for record in records:
                    if args.max is not None and printed >= args.max:
                        break
                    out.write(_render(record, key_converter, value_converter) + "\n")
                    printed += 1
                out.flush()
        except KeyboardInterrupt:
            pass
        finally:
            consumer.close()
        sys.stderr.write(f"Processed a total of {printed} messages\n")
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        record_log.close()


def _render(record: Any, key_converter: Converter | None, value_converter: Converter | None) -> str:
    def convert(converter: Converter | None, data: bytes | None) -> Any:
        if converter is None:
            return _raw(data)
        try:
            result: SchemaAndValue = converter.to_connect_data(record.topic, data)
        except Exception as exc:
            return {"error": str(exc), "raw": _raw(data)}
        return result.value()

    body = {
        "topic": record.topic,
        "partition": record.partition,
        "offset": record.offset,
        "timestamp": record.timestamp,
        "key": convert(key_converter, record.key),
        "value": convert(value_converter, record.value),
    }
    if record.headers:
        body["headers"] = [[k, _raw(v)] for k, v in record.headers]
    return orjson.dumps(body, default=_json_default, option=orjson.OPT_NON_STR_KEYS).decode()


# --------------------------------------------------------------------- main


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="connectpy", description="Kafka Connect in Python: run connectors, inspect the log."
    )
    parser.add_argument("--log-level", default="INFO", help="logging level (default INFO)")
    sub = parser.add_subparsers(dest="command", required=True)

    standalone = sub.add_parser("standalone", help="run a standalone worker")
    standalone.add_argument("worker_config", help="worker .properties (or .json) file")
    standalone.add_argument("connector_configs", nargs="*", help="connector configuration files")
    standalone.set_defaults(func=_standalone)

    plugins = sub.add_parser("plugins", help="list the plugins found")
    plugins.add_argument("--worker-config", help="worker file (for plugin.path)")
    plugins.add_argument(
        "--type",
        choices=["source", "sink", "converter", "header_converter", "transformation", "predicate"],
    )
    plugins.add_argument("--json", action="store_true", help="print JSON")
    plugins.set_defaults(func=_plugins)

    validate = sub.add_parser("validate", help="validate a connector configuration")
    validate.add_argument("connector_config")
    validate.add_argument("--worker-config", help="worker file (plugin.path, exactly-once check)")
    validate.add_argument("--json", action="store_true", help="print Kafka Connect's JSON shape")
    validate.set_defaults(func=_validate)

    topics = sub.add_parser("topics", help="list or create topics of the record log")
    topics.add_argument("--worker-config", help="worker file naming the record log")
    topics.add_argument("--property", action="append", help="worker key=value override")
    topics.add_argument("--create", metavar="TOPIC", help="create this topic")
    topics.add_argument("--partitions", type=int, help="partitions of the created topic")
    topics.set_defaults(func=_topics)

    consume = sub.add_parser("consume", help="print the records of a topic as JSON lines")
    consume.add_argument("topic")
    consume.add_argument("--from-beginning", action="store_true", help="start at the oldest record")
    consume.add_argument("--max", type=int, help="stop after this many records")
    consume.add_argument("--timeout-ms", type=int, help="stop after this long without records")
    consume.add_argument("--partition", type=int, help="read only this partition")
    consume.add_argument("--offset", type=int, help="start at this offset")
    consume.add_argument("--worker-config", help="worker file naming the record log and converters")
    consume.add_argument("--key-converter", help="converter class or alias for keys")
    consume.add_argument("--value-converter", help="converter class or alias for values")
    consume.add_argument(
        "--property",
        action="append",
        help="worker key=value override, e.g. value.converter.schemas.enable=false",
    )
    consume.set_defaults(func=_consume)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``connectpy`` command; returns the exit status."""
    args = _parser().parse_args(argv)
    _setup_logging(args.log_level)
    try:
        status: int = args.func(args)
    except ConfigException as exc:
        sys.stderr.write(f"Invalid configuration: {exc}\n")
        return EXIT_CONFIG_ERROR
    except BrokenPipeError:
        return 0
    return status


if __name__ == "__main__":
    sys.exit(main())
