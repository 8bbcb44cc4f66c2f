"""Helpers to test connectors: run a task in-process, or a whole worker in the test's process.

- :class:`SourceTaskHarness` drives a source task one ``poll()`` at a time: records go through
  the transformations and converters (a test sees the bytes a worker would write), offsets are
  committed to a real offset store, and the task can be restarted to check it resumes.
- :class:`SinkTaskHarness` drives a sink task through ``open``, ``put``, ``flush``,
  ``pre_commit`` and ``close``, with records built from values or from converter bytes.
- :class:`EmbeddedConnectCluster` runs the real worker (standalone herder, a thread per task)
  on a temporary embedded store, or on Kafka: configure connectors, wait for their tasks,
  produce to and consume from topics (Kafka's ``EmbeddedConnectCluster`` is the model).
- :func:`make_converter` builds a converter from a class name and settings, as a worker does;
  :func:`wait_until` waits for a condition with a deadline.

docs/connectors.md ("Testing your connector with connectors.testing") walks through them.
"""

from connectors.testing.converters import (
    DEFAULT_CONVERTER,
    DEFAULT_HEADER_CONVERTER,
    make_converter,
    make_header_converter,
)
from connectors.testing.embedded_cluster import (
    DEFAULT_WORKER_PROPS,
    ConnectorState,
    ConnectorStateInfo,
    EmbeddedConnectCluster,
    TaskState,
)
from connectors.testing.records import ConsumedRecord, ConvertedRecord
from connectors.testing.sink_harness import HarnessSinkTaskContext, SinkTaskHarness
from connectors.testing.source_harness import SourceTaskHarness, task_config_of
from connectors.testing.waiting import wait_until

__all__ = [
    "DEFAULT_CONVERTER",
    "DEFAULT_HEADER_CONVERTER",
    "DEFAULT_WORKER_PROPS",
    "ConnectorState",
    "ConnectorStateInfo",
    "ConsumedRecord",
    "ConvertedRecord",
    "EmbeddedConnectCluster",
    "HarnessSinkTaskContext",
    "SinkTaskHarness",
    "SourceTaskHarness",
    "TaskState",
    "make_converter",
    "make_header_converter",
    "task_config_of",
    "wait_until",
]
