"""Configuration definitions, parsing, validation and docs (``org.apache.kafka.common.config``).

Connectors, tasks, converters and transformations describe the settings they accept with a
:class:`ConfigDef`, read them through :meth:`ConfigDef.parse` or an :class:`AbstractConfig`
subclass, and report problems with :class:`ConfigException`. Everything behaves as in Kafka,
including the exact error messages, so a Kafka Connect user sees the same texts.

``ConfigDef.Type``, ``ConfigDef.Importance`` and ``ConfigDef.Width`` are reached through
:class:`ConfigDef`, as in Java. ``Type.CLASS`` values are loaded when parsed, through the
class resolver described in :mod:`connect_data.config.classes`.

Config providers (:mod:`connect_data.config.providers`) and the :class:`ConfigTransformer`
resolve ``${provider:[path:]key}`` references, so that secrets stay out of configurations.
"""

from __future__ import annotations

from connect_data.config.abstract_config import AbstractConfig, Configurable
from connect_data.config.classes import (
    ClassResolver,
    class_resolver,
    class_resolver_context,
    load_class,
    set_class_resolver,
)
from connect_data.config.definition import NO_DEFAULT_VALUE, ConfigDef, ConfigKey, Recommender
from connect_data.config.exception import ConfigException
from connect_data.config.password import Password
from connect_data.config.properties import parse_properties
from connect_data.config.providers import (
    ConfigData,
    ConfigProvider,
    DirectoryConfigProvider,
    EnvVarConfigProvider,
    FileConfigProvider,
)
from connect_data.config.transformer import (
    ConfigTransformer,
    ConfigTransformerResult,
    resolve_config_variables,
)
from connect_data.config.validators import (
    CaseInsensitiveValidString,
    CompositeValidator,
    LambdaValidator,
    ListSize,
    NonEmptyString,
    NonEmptyStringWithoutControlChars,
    NonNullValidator,
    Range,
    Validator,
    ValidList,
    ValidString,
)
from connect_data.config.value import Config, ConfigValue

__all__ = [
    "NO_DEFAULT_VALUE",
    "AbstractConfig",
    "CaseInsensitiveValidString",
    "ClassResolver",
    "CompositeValidator",
    "Config",
    "ConfigData",
    "ConfigDef",
    "ConfigException",
    "ConfigKey",
    "ConfigProvider",
    "ConfigTransformer",
    "ConfigTransformerResult",
    "ConfigValue",
    "Configurable",
    "DirectoryConfigProvider",
    "EnvVarConfigProvider",
    "FileConfigProvider",
    "LambdaValidator",
    "ListSize",
    "NonEmptyString",
    "NonEmptyStringWithoutControlChars",
    "NonNullValidator",
    "Password",
    "Range",
    "Recommender",
    "ValidList",
    "ValidString",
    "Validator",
    "class_resolver",
    "class_resolver_context",
    "load_class",
    "parse_properties",
    "resolve_config_variables",
    "set_class_resolver",
]
