"""The schema evolution demo: ``python -m connectors.demo``.

One command, no external services: an evolving HTTP endpoint on 127.0.0.1, ``HttpPollSource``
inferring struct schemas, ``AvroConverter`` with the embedded schema registry, the embedded
record log, and ``JsonLinesSink`` projecting every record onto the newest schema it has seen
(``schema.compatibility=BACKWARD``), all in an embedded worker. See
:mod:`connectors.demo.schema_evolution` and docs/connectors.md ("Schema evolution end to end").
"""

from connectors.demo.cli import main
from connectors.demo.schema_evolution import (
    DemoOptions,
    DemoResult,
    SchemaVersion,
    avro_fields,
    run_demo,
)

__all__ = ["DemoOptions", "DemoResult", "SchemaVersion", "avro_fields", "main", "run_demo"]
