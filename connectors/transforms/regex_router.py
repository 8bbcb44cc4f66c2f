"""``RegexRouter``: rename topics with a regular expression.

A port of ``org.apache.kafka.connect.transforms.RegexRouter``::

    transforms=route
    transforms.route.type=org.apache.kafka.connect.transforms.RegexRouter
    transforms.route.regex=(.*)-raw
    transforms.route.replacement=$1-clean

``regex`` is a Java regular expression and ``replacement`` a Java replacement string (``$1``,
``${name}``), as in ``Matcher.replaceFirst``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

from connect_data import DataException
from connect_data.config import ConfigDef
from connectors.record import ConnectRecord
from connectors.transforms.transformation import Transformation
from connectors.transforms.util.java_regex import (
    JavaRegexError,
    JavaReplacement,
    compile_java_regex,
)
from connectors.transforms.util.simple_config import SimpleConfig
from connectors.transforms.util.validators import RegexValidator
from connectors.transforms.util.version import connectpy_version

__all__ = ["RegexRouter"]

R = TypeVar("R", bound=ConnectRecord)

REGEX = "regex"
REPLACEMENT = "replacement"


class RegexRouter(Transformation[R], Generic[R]):
    """Routes a record to a new topic when the whole topic name matches ``regex``.

    The new topic is ``replacement`` with ``$1``... filled from the match; records whose topic
    does not match pass through unchanged.
    """

    OVERVIEW_DOC: ClassVar[str] = (
        "Update the record topic using the configured regular expression and replacement "
        "string.<p/>Under the hood, the regex is compiled to a <code>java.util.regex.Pattern"
        "</code>. If the pattern matches the input topic, <code>java.util.regex.Matcher#"
        "replaceFirst()</code> is used with the replacement string to obtain the new topic."
    )

    CONFIG_DEF: ClassVar[ConfigDef] = (
        ConfigDef()
        .define(
            REGEX,
            ConfigDef.Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE,
            RegexValidator(),
            ConfigDef.Importance.HIGH,
            "Regular expression to use for matching.",
        )
        .define(
            REPLACEMENT,
            ConfigDef.Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE,
            importance=ConfigDef.Importance.HIGH,
            documentation="Replacement string.",
        )
    )

    def __init__(self) -> None:
        self._regex: re.Pattern[str] | None = None
        self._replacement: JavaReplacement | None = None

    def version(self) -> str:
        """The connectpy version."""
        return connectpy_version()

    def config(self) -> ConfigDef:
        """The definition of ``regex`` and ``replacement``."""
        return self.CONFIG_DEF

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Compile the pattern and the replacement."""
        config = SimpleConfig(self.CONFIG_DEF, configs)
        self._regex = compile_java_regex(config.get_string(REGEX) or "")
        self._replacement = JavaReplacement(config.get_string(REPLACEMENT) or "", self._regex)

    def apply(self, record: R) -> R:
        """The record, routed to the new topic if its topic matches."""
        regex = self._regex
        replacement = self._replacement
        if regex is None or replacement is None:
            raise DataException("RegexRouter is not configured")
        if regex.fullmatch(record.topic) is None:
            return record
        try:
            topic = replacement.replace_first(regex, record.topic)
        except JavaRegexError as exc:
            raise DataException(str(exc)) from exc
        return record.new_record(topic=topic)
