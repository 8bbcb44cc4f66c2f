"""The demo's command line: ``python -m connectors.demo [options]``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from connect_data.errors import ConnectException
from connectors.demo.schema_evolution import DemoOptions, run_demo
from connectors.jsonl.compatibility import StorageSchemaCompatibility

__all__ = ["main", "parser"]


def parser() -> argparse.ArgumentParser:
    """The demo's argument parser."""
    defaults = DemoOptions()
    result = argparse.ArgumentParser(
        prog="python -m connectors.demo",
        description=(
            "Schema evolution end to end, without external services: an evolving HTTP "
            "endpoint -> HttpPollSource -> AvroConverter with the embedded schema registry -> "
            "the embedded record log -> JsonLinesSink projecting every record onto the newest "
            "schema -> a JSON lines file."
        ),
    )
    result.add_argument(
        "--compatibility",
        choices=[c.value for c in StorageSchemaCompatibility],
        type=str.upper,
        default=defaults.compatibility,
        help="the sink's schema.compatibility (default %(default)s)",
    )
    result.add_argument(
        "--format",
        choices=["jsonl", "csv"],
        type=str.lower,
        default=defaults.output_format,
        help="the output format (default %(default)s)",
    )
    result.add_argument("--output", type=Path, help="the output file (kept after the demo)")
    result.add_argument(
        "--data-dir",
        type=Path,
        help="directory for the store and registry (kept); default: a temporary one",
    )
    result.add_argument(
        "--records",
        type=int,
        default=defaults.records,
        help="items the endpoint serves in all (default %(default)s)",
    )
    result.add_argument(
        "--per-request",
        type=int,
        default=defaults.per_request,
        help="new items the endpoint releases per request (default %(default)s)",
    )
    result.add_argument(
        "--rate",
        type=float,
        default=defaults.rate,
        help="new items per second besides (default %(default)s)",
    )
    result.add_argument(
        "--poll-interval-ms",
        type=int,
        default=defaults.poll_interval_ms,
        help="the source's poll.interval.ms (default %(default)s)",
    )
    result.add_argument(
        "--partitions",
        type=int,
        default=defaults.partitions,
        help="partitions of the topic (default %(default)s)",
    )
    result.add_argument(
        "--sink-after",
        type=int,
        default=defaults.sink_after,
        help="start the sink once the endpoint served this many items (default %(default)s)",
    )
    result.add_argument(
        "--sink-delay",
        type=float,
        help="start the sink this many seconds after the source instead",
    )
    result.add_argument("--topic", default=defaults.topic, help="the topic (default %(default)s)")
    result.add_argument(
        "--duration",
        type=float,
        default=defaults.duration,
        help="the longest the demo runs, in seconds (default %(default)s)",
    )
    result.add_argument(
        "--bootstrap-servers",
        help="run on this Kafka cluster instead of the embedded record log",
    )
    result.add_argument(
        "--verbose", action="store_true", help="show the worker's log lines on stderr"
    )
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Run the demo; returns the exit status (0 when every record was written)."""
    args = parser().parse_args(argv)
    if args.records < 1 or args.partitions < 1 or args.rate < 0 or args.per_request < 0:
        sys.stderr.write(
            "--records and --partitions must be at least 1, --rate and --per-request not negative\n"
        )
        return 2
    if args.rate == 0 and args.per_request == 0:
        sys.stderr.write("--rate or --per-request must be above 0, or no item ever appears\n")
        return 2
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        stream=sys.stderr,
        format="[%(asctime)s] %(levelname)s %(message)s (%(name)s)",
    )
    options = DemoOptions(
        records=args.records,
        rate=args.rate,
        per_request=args.per_request,
        poll_interval_ms=args.poll_interval_ms,
        partitions=args.partitions,
        sink_delay=args.sink_delay,
        sink_after=args.sink_after,
        topic=args.topic,
        compatibility=args.compatibility,
        output_format=args.format,
        output=args.output,
        data_dir=args.data_dir,
        duration=args.duration,
        bootstrap_servers=args.bootstrap_servers,
    )
    try:
        result = run_demo(options)
    except KeyboardInterrupt:
        return 130
    except ConnectException as exc:
        sys.stderr.write(f"The demo failed: {exc}\n")
        return 1
    return 0 if result.completed else 1
