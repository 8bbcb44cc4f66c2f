"""``TopicNameMatches``: true for records whose topic matches a regular expression.

A port of ``org.apache.kafka.connect.transforms.predicates.TopicNameMatches``::

    predicates=audit
    predicates.audit.type=org.apache.kafka.connect.transforms.predicates.TopicNameMatches
    predicates.audit.pattern=audit-.*
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

from connect_data.config import CompositeValidator, ConfigDef, ConfigException, NonEmptyString
from connectors.record import ConnectRecord
from connectors.transforms.predicate import Predicate
from connectors.transforms.util.java_regex import JavaRegexError, compile_java_regex
from connectors.transforms.util.simple_config import SimpleConfig
from connectors.transforms.util.validators import RegexValidator
from connectors.transforms.util.version import connectpy_version

__all__ = ["TopicNameMatches"]

R = TypeVar("R", bound=ConnectRecord)

PATTERN_CONFIG = "pattern"


class TopicNameMatches(Predicate[R], Generic[R]):
    """True when the whole topic name matches ``pattern`` (a Java regular expression)."""

    OVERVIEW_DOC: ClassVar[str] = (
        "A predicate which is true for records with a topic name that matches the configured "
        "regular expression."
    )

    CONFIG_DEF: ClassVar[ConfigDef] = ConfigDef().define(
        PATTERN_CONFIG,
        ConfigDef.Type.STRING,
        ConfigDef.NO_DEFAULT_VALUE,
        CompositeValidator.of(NonEmptyString(), RegexValidator()),
        ConfigDef.Importance.MEDIUM,
        "A Java regular expression for matching against the name of a record's topic.",
    )

    def __init__(self) -> None:
        self._pattern: re.Pattern[str] | None = None
        self._pattern_text = ""

    def version(self) -> str:
        """The connectpy version."""
        return connectpy_version()

    def config(self) -> ConfigDef:
        """The definition of ``pattern``."""
        return self.CONFIG_DEF

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Compile the pattern."""
        config = SimpleConfig(self.CONFIG_DEF, configs)
        text = config.get_string(PATTERN_CONFIG) or ""
        try:
            self._pattern = compile_java_regex(text)
        except JavaRegexError as exc:
            raise ConfigException(
                PATTERN_CONFIG, text, f"entry must be a Java-compatible regular expression: {exc}"
            ) from exc
        self._pattern_text = text

    def test(self, record: R) -> bool:
        """Whether the record's topic matches the pattern."""
        topic = record.topic
        return (
            topic is not None
            and self._pattern is not None
            and self._pattern.fullmatch(topic) is not None
        )

    def __repr__(self) -> str:
        return f"TopicNameMatches{{pattern={self._pattern_text}}}"
