"""The HTTP polling source: REST endpoints into a topic, as strings or as evolving structs.

``connector.class`` may name it ``connectors.http.HttpPollSourceConnector``,
``HttpPollSourceConnector``, ``HttpPollSource``, or by the Java class name that existing
Java worker configurations use, ``com.example.connect.HttpPollSourceConnector`` (registered
with :func:`converters.plugins.register` when this package is imported).

:class:`~connectors.http.inference.SchemaInferrer` (the schema inference of
``output.format=struct``) is usable on its own; :mod:`connectors.http.demo_server` is a small
evolving endpoint for demos and tests.
"""

from connectors.http.config import CONFIG_DEF, HttpPollSourceConfig
from connectors.http.connector import JAVA_CLASS_NAME, HttpPollSourceConnector
from connectors.http.inference import SchemaInferrer
from connectors.http.task import HttpPollSourceTask
from converters.plugins import register as _register

_register(HttpPollSourceConnector, JAVA_CLASS_NAME, "HttpPollSource")

__all__ = [
    "CONFIG_DEF",
    "JAVA_CLASS_NAME",
    "HttpPollSourceConfig",
    "HttpPollSourceConnector",
    "HttpPollSourceTask",
    "SchemaInferrer",
]
