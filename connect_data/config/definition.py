"""The definition of a set of configurations (``org.apache.kafka.common.config.ConfigDef``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from types import MappingProxyType
from typing import Any, Final, Protocol, TypeAlias, final, runtime_checkable

from connect_data.config import docs, enums, validators
from connect_data.config._java import compare_key
from connect_data.config.exception import ConfigException
from connect_data.config.parsing import (
    convert_to_string as _convert_to_string,
)
from connect_data.config.parsing import (
    convert_to_string_map_with_password_values as _convert_to_string_map_with_password_values,
)
from connect_data.config.parsing import parse_type as _parse_type
from connect_data.config.value import ConfigValue

__all__ = ["NO_DEFAULT_VALUE", "ConfigDef", "ConfigKey", "Recommender"]


@final
class _NoDefaultValue:
    """The type of :data:`NO_DEFAULT_VALUE`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NO_DEFAULT_VALUE"

    def __reduce__(self) -> str:
        return "NO_DEFAULT_VALUE"


NO_DEFAULT_VALUE: Final = _NoDefaultValue()
"""Marks a configuration as required: :meth:`ConfigDef.parse` fails if it is not set."""


@runtime_checkable
class Recommender(Protocol):
    """Suggests a key's values and visibility from the other keys (``ConfigDef.Recommender``).

    Used only by :meth:`ConfigDef.validate`; ``parsed_config`` holds every parsed value.
    """

    def valid_values(self, name: str, parsed_config: Mapping[str, Any]) -> list[Any]:
        """The values that are valid for ``name`` given the other values (of the key's type)."""
        ...

    def visible(self, name: str, parsed_config: Mapping[str, Any]) -> bool:
        """Whether ``name`` should be shown given the other values."""
        ...


class ConfigKey:
    """One defined configuration (``ConfigDef.ConfigKey``); its attributes are read-only.

    The default value is parsed with the key's type and checked by its validator when the key
    is created, so a bad default fails at definition time.
    """

    __slots__ = (
        "alternative_string",
        "default_value",
        "dependents",
        "display_name",
        "documentation",
        "group",
        "importance",
        "internal_config",
        "name",
        "order_in_group",
        "recommender",
        "type",
        "validator",
        "width",
    )

    name: str
    type: enums.Type
    default_value: Any
    validator: validators.Validator | None
    importance: enums.Importance | None
    documentation: str | None
    group: str | None
    order_in_group: int
    width: enums.Width
    display_name: str | None
    dependents: tuple[str, ...]
    recommender: Recommender | None
    internal_config: bool
    alternative_string: str | None

    def __init__(
        self,
        name: str,
        type: enums.Type,
        default_value: Any = NO_DEFAULT_VALUE,
        validator: validators.Validator | None = None,
        importance: enums.Importance | None = None,
        documentation: str | None = None,
        group: str | None = None,
        order_in_group: int = -1,
        width: enums.Width = enums.Width.NONE,
        display_name: str | None = None,
        dependents: Iterable[str] | None = None,
        recommender: Recommender | None = None,
        internal_config: bool = False,
        alternative_string: str | None = None,
    ) -> None:
        _check_arguments(name, type, default_value, validator, importance, dependents, recommender)
        has_default = default_value is not NO_DEFAULT_VALUE
        parsed_default = _parse_type(name, default_value, type) if has_default else NO_DEFAULT_VALUE
        if validator is not None and has_default:
            validator.ensure_valid(name, parsed_default)
        values = {
            "name": name,
            "type": type,
            "default_value": parsed_default,
            "validator": validator,
            "importance": importance,
            "documentation": documentation,
            "group": group,
            "order_in_group": order_in_group,
            "width": width,
            "display_name": display_name,
            "dependents": tuple(dependents or ()),
            "recommender": recommender,
            "internal_config": internal_config,
            "alternative_string": alternative_string,
        }
        for attribute, value in values.items():
            object.__setattr__(self, attribute, value)

    def __setattr__(self, attribute: str, value: Any) -> None:
        raise AttributeError(f"ConfigKey is immutable: cannot set {attribute!r}")

    def has_default(self) -> bool:
        """Whether the key has a default value (``None`` counts as one)."""
        return self.default_value is not NO_DEFAULT_VALUE

    def __repr__(self) -> str:
        return f"ConfigKey(name={self.name!r}, type={self.type}, importance={self.importance})"


def _check_arguments(
    name: object,
    type_: object,
    default_value: object,
    validator: object,
    importance: object,
    dependents: object,
    recommender: object,
) -> None:
    """Catch calls shaped like Java's overloads (``define(name, type, Importance.HIGH, doc)``)."""
    if not isinstance(name, str):
        raise TypeError(f"config name must be a str, not {type(name).__name__}")
    if not isinstance(type_, enums.Type):
        raise TypeError(f"type of {name!r} must be a ConfigDef.Type, not {type(type_).__name__}")
    if isinstance(default_value, (enums.Importance, validators.Validator)):
        raise TypeError(
            f"default_value of {name!r} is {default_value!r}: pass validator= and importance= "
            "by keyword (Python has no Java overloads)"
        )
    if validator is not None and not isinstance(validator, validators.Validator):
        raise TypeError(
            f"validator of {name!r} must have ensure_valid(name, value), got {validator!r}; "
            "pass importance= and documentation= by keyword"
        )
    if importance is not None and not isinstance(importance, enums.Importance):
        raise TypeError(
            f"importance of {name!r} must be a ConfigDef.Importance, got {importance!r}"
        )
    if isinstance(dependents, str):
        raise TypeError(f"dependents of {name!r} must be a list of names, not a str")
    if recommender is not None and not isinstance(recommender, Recommender):
        raise TypeError(f"recommender of {name!r} must be a ConfigDef.Recommender")


_ConfigKey = ConfigKey
_Recommender = Recommender


class ConfigDef:
    """The set of configurations a component accepts: names, types, defaults, docs, validation.

    Build one with chained :meth:`define` calls:

    >>> CONFIG_DEF = (
    ...     ConfigDef()
    ...     .define("topic", ConfigDef.Type.STRING,
    ...             importance=ConfigDef.Importance.HIGH, documentation="Topic to write to.")
    ...     .define("batch.size", ConfigDef.Type.INT, 100, ConfigDef.Range.at_least(1),
    ...             ConfigDef.Importance.MEDIUM, "Records per batch.")
    ... )
    >>> CONFIG_DEF.parse({"topic": " orders "})
    {'topic': 'orders', 'batch.size': 100}
    >>> try:
    ...     CONFIG_DEF.parse({"topic": "orders", "batch.size": "0"})
    ... except ConfigException as exc:
    ...     print(exc)
    Invalid value 0 for configuration batch.size: Value must be at least 1

    :meth:`parse` raises :class:`ConfigException` at the first problem; :meth:`validate`
    collects every problem per key (what Kafka Connect's ``PUT /connector-plugins/.../validate``
    returns). :meth:`to_rst`, :meth:`to_markdown` and :meth:`to_html` write the reference docs.
    """

    Type: TypeAlias = enums.Type
    Importance: TypeAlias = enums.Importance
    Width: TypeAlias = enums.Width
    ConfigKey: TypeAlias = _ConfigKey
    Validator: TypeAlias = validators.Validator
    Recommender: TypeAlias = _Recommender
    Range: TypeAlias = validators.Range
    ValidString: TypeAlias = validators.ValidString
    ValidList: TypeAlias = validators.ValidList
    CaseInsensitiveValidString: TypeAlias = validators.CaseInsensitiveValidString
    NonNullValidator: TypeAlias = validators.NonNullValidator
    NonEmptyString: TypeAlias = validators.NonEmptyString
    NonEmptyStringWithoutControlChars: TypeAlias = validators.NonEmptyStringWithoutControlChars
    ListSize: TypeAlias = validators.ListSize
    LambdaValidator: TypeAlias = validators.LambdaValidator
    CompositeValidator: TypeAlias = validators.CompositeValidator
    NO_DEFAULT_VALUE: Final = NO_DEFAULT_VALUE

    def __init__(self, base: ConfigDef | None = None) -> None:
        """An empty definition, or a copy of ``base`` that can be extended independently."""
        self._config_keys: dict[str, ConfigKey] = dict(base._config_keys) if base else {}
        self._groups: list[str] = list(base._groups) if base else []
        self._configs_with_no_parent: list[str] | None = None

    # ----------------------------------------------------------------- definition

    def names(self) -> AbstractSet[str]:
        """The defined configuration names, in definition order (a read-only view)."""
        return self._config_keys.keys()

    def default_values(self) -> dict[str, Any]:
        """The parsed default of every key that has one."""
        return {
            key.name: key.default_value for key in self._config_keys.values() if key.has_default()
        }

    def define(
        self,
        name: str | ConfigKey,
        type: enums.Type | None = None,
        default_value: Any = NO_DEFAULT_VALUE,
        validator: validators.Validator | None = None,
        importance: enums.Importance | None = None,
        documentation: str | None = None,
        group: str | None = None,
        order_in_group: int = -1,
        width: enums.Width = enums.Width.NONE,
        display_name: str | None = None,
        dependents: Iterable[str] | None = None,
        recommender: Recommender | None = None,
        *,
        alternative_string: str | None = None,
    ) -> ConfigDef:
        """Define a configuration and return ``self``, for chaining.

        The arguments are those of Java's longest ``define`` overload, in its order, with the
        defaults its shorter overloads use: no default value (the key is required), no
        validator, no group, ``order_in_group=-1``, ``Width.NONE``, the name as display name,
        no dependents, no recommender. Pass ``importance`` and ``documentation`` by keyword
        when skipping ``default_value`` or ``validator``. ``alternative_string`` replaces the
        default's text in the HTML docs. ``define(config_key)`` adds a prepared
        :class:`ConfigKey`.

        Raises :class:`ConfigException` if the name is already defined, or if the default
        value does not parse or does not pass the validator.
        """
        if isinstance(name, ConfigKey):
            if type is not None:
                raise TypeError("define(config_key) takes no other arguments")
            return self._add(name)
        if type is None:
            raise TypeError(f"define({name!r}) needs a type")
        return self._add(
            ConfigKey(
                name,
                type,
                default_value,
                validator,
                importance,
                documentation,
                group,
                order_in_group,
                width,
                name if display_name is None else display_name,
                dependents,
                recommender,
                False,
                alternative_string,
            )
        )

    def define_internal(
        self,
        name: str,
        type: enums.Type,
        default_value: Any = NO_DEFAULT_VALUE,
        validator: validators.Validator | None = None,
        importance: enums.Importance | None = None,
        documentation: str | None = "",
    ) -> ConfigDef:
        """Define a configuration that is parsed and validated but left out of the docs."""
        return self._add(
            ConfigKey(
                name,
                type,
                default_value,
                validator,
                importance,
                documentation,
                "",
                -1,
                enums.Width.NONE,
                name,
                (),
                None,
                True,
                None,
            )
        )

    def _add(self, key: ConfigKey) -> ConfigDef:
        if key.name in self._config_keys:
            raise ConfigException(f"Configuration {key.name} is defined twice.")
        if key.group is not None and key.group not in self._groups:
            self._groups.append(key.group)
        self._config_keys[key.name] = key
        self._configs_with_no_parent = None
        return self

    def config_keys(self) -> Mapping[str, ConfigKey]:
        """Every :class:`ConfigKey` by name, in definition order (a read-only view)."""
        return MappingProxyType(self._config_keys)

    def groups(self) -> list[str]:
        """The group names, in the order they were first used."""
        return list(self._groups)

    # ----------------------------------------------------------------- parsing

    def parse(self, props: Mapping[str, Any]) -> dict[str, Any]:
        """Parse and validate ``props`` into a value for every defined key.

        Values may be strings (as read from a properties file or REST call) or already of the
        key's type. Unset keys take their default. Keys not defined here are ignored.
        Raises :class:`ConfigException` for the first missing, unparsable or invalid value.
        """
        undefined = self._undefined_dependent_configs()
        if undefined:
            raise ConfigException(
                "Some configurations in are referred in the dependents, but not defined: "
                + ",".join(undefined)
            )
        return {
            key.name: self.parse_value(key, props.get(key.name), key.name in props)
            for key in self._config_keys.values()
        }

    def parse_value(self, key: ConfigKey, value: Any, is_set: bool) -> Any:
        """Parse one key's value (or take its default when ``is_set`` is false) and validate it."""
        if is_set:
            parsed = _parse_type(key.name, value, key.type)
        elif not key.has_default():
            raise ConfigException(
                f'Missing required configuration "{key.name}" which has no default value.'
            )
        else:
            parsed = key.default_value
        if key.validator is not None:
            key.validator.ensure_valid(key.name, parsed)
        return parsed

    parse_type: Final = staticmethod(_parse_type)
    convert_to_string: Final = staticmethod(_convert_to_string)
    convert_to_string_map_with_password_values: Final = staticmethod(
        _convert_to_string_map_with_password_values
    )

    # ----------------------------------------------------------------- validation

    def validate(self, props: Mapping[str, Any]) -> list[ConfigValue]:
        """Validate ``props`` and report on every key, collecting all problems instead of raising.

        Each :class:`ConfigValue` holds the parsed value (or ``None``), the error messages
        (Java's exact texts), the recommended values and the visibility from the key's
        :class:`Recommender`. Keys named as dependents but not defined get an error too.
        """
        return list(self.validate_all(props).values())

    def validate_all(self, props: Mapping[str, Any]) -> dict[str, ConfigValue]:
        """:meth:`validate`, keyed by configuration name."""
        config_values = {name: ConfigValue(name) for name in self._config_keys}
        for undefined in self._undefined_dependent_configs():
            config_value = ConfigValue(undefined)
            config_value.add_error_message(
                f"{undefined} is referred in the dependents, but not defined."
            )
            config_value.visible(False)
            config_values[undefined] = config_value
        parsed = self.parse_for_validate(props, config_values)
        for name in self.configs_with_no_parent():
            self._recommend(name, parsed, config_values, set())
        return config_values

    def parse_for_validate(
        self, props: Mapping[str, Any], config_values: Mapping[str, ConfigValue]
    ) -> dict[str, Any]:
        """The parsing half of :meth:`validate`: record values and errors into ``config_values``.

        Keys are visited from those with no parent down through their dependents, so a key
        that is a dependent of two others is visited (and its errors recorded) twice, as in Java.
        """
        parsed: dict[str, Any] = {}
        for name in self.configs_with_no_parent():
            self._parse_for_validate(name, props, parsed, config_values, set())
        return parsed

    def _parse_for_validate(
        self,
        name: str,
        props: Mapping[str, Any],
        parsed: dict[str, Any],
        config_values: Mapping[str, ConfigValue],
        path: set[str],
    ) -> None:
        key = self._config_keys.get(name)
        if key is None or name in path:  # a dependents cycle would recurse forever in Java
            return
        config_value = config_values[name]
        value: Any = None
        if name in props:
            try:
                value = _parse_type(name, props[name], key.type)
            except ConfigException as exc:
                config_value.add_error_message(str(exc))
        elif not key.has_default():
            config_value.add_error_message(
                f'Missing required configuration "{name}" which has no default value.'
            )
        else:
            value = key.default_value
        if key.validator is not None:
            try:
                key.validator.ensure_valid(name, value)
            except ConfigException as exc:
                config_value.add_error_message(str(exc))
        config_value.value(value)
        parsed[name] = value
        path.add(name)
        for dependent in key.dependents:
            self._parse_for_validate(dependent, props, parsed, config_values, path)
        path.discard(name)

    def _recommend(
        self,
        name: str,
        parsed: Mapping[str, Any],
        config_values: Mapping[str, ConfigValue],
        path: set[str],
    ) -> None:
        key = self._config_keys.get(name)
        if key is None or name in path:
            return
        config_value = config_values[name]
        if key.recommender is not None:
            try:
                recommended = list(key.recommender.valid_values(name, parsed))
                original = config_value.recommended_values()
                if original:
                    recommended = [value for value in recommended if value in original]
                config_value.recommended_values(recommended)
                config_value.visible(key.recommender.visible(name, parsed))
            except ConfigException as exc:
                config_value.add_error_message(str(exc))
        path.add(name)
        for dependent in key.dependents:
            self._recommend(dependent, parsed, config_values, path)
        path.discard(name)

    def _undefined_dependent_configs(self) -> list[str]:
        undefined: dict[str, None] = {}
        for key in self._config_keys.values():
            for dependent in key.dependents:
                if dependent not in self._config_keys:
                    undefined[dependent] = None
        return list(undefined)

    def configs_with_no_parent(self) -> list[str]:
        """The defined keys that are nobody's dependent, in definition order."""
        if self._configs_with_no_parent is None:
            with_parent = {d for key in self._config_keys.values() for d in key.dependents}
            self._configs_with_no_parent = [n for n in self._config_keys if n not in with_parent]
        return self._configs_with_no_parent

    # ----------------------------------------------------------------- composition

    def embed(
        self, key_prefix: str, group_prefix: str, starting_ord: int, child: ConfigDef
    ) -> None:
        """Define every key of ``child`` here under ``key_prefix`` (as Java's ``embed``).

        Groups become ``group_prefix`` or ``"<group_prefix>: <child group>"``, orders count up
        from ``starting_ord`` in the child's documentation order, dependents are prefixed, and
        the child's validators and recommenders see the names without the prefix.
        """
        order_in_group = starting_ord
        for key in child.sorted_configs():
            self._add(
                ConfigKey(
                    key_prefix + key.name,
                    key.type,
                    key.default_value,
                    _EmbeddedValidator(key_prefix, key.validator) if key.validator else None,
                    key.importance,
                    key.documentation,
                    group_prefix + ("" if key.group is None else ": " + key.group),
                    order_in_group,
                    key.width,
                    key.display_name,
                    [key_prefix + dependent for dependent in key.dependents],
                    _EmbeddedRecommender(key_prefix, key.recommender) if key.recommender else None,
                    key.internal_config,
                    key.alternative_string,
                )
            )
            order_in_group += 1

    # ----------------------------------------------------------------- documentation

    def sorted_configs(self) -> list[ConfigKey]:
        """The keys in documentation order.

        By group (ungrouped first, then groups in :meth:`groups` order), then ``order_in_group``,
        then required keys first, then by importance (``HIGH`` first), then by name.
        """
        group_ord = {group: ordinal for ordinal, group in enumerate(self._groups)}

        def sort_key(key: ConfigKey) -> tuple[int, int, int, int, int, bytes]:
            importance = key.importance.ordinal() if key.importance is not None else 3
            return (
                0 if key.group is None else 1,
                group_ord.get(key.group, -1) if key.group is not None else 0,
                key.order_in_group,
                1 if key.has_default() else 0,
                importance,
                compare_key(key.name),
            )

        return sorted(self._config_keys.values(), key=sort_key)

    def to_rst(self) -> str:
        """The reference docs in reStructuredText, as Java's ``toRst()`` (internal keys omitted)."""
        return docs.to_rst(self.sorted_configs())

    def to_enriched_rst(self) -> str:
        """:meth:`to_rst` with group headings and dependents, as Java's ``toEnrichedRst()``."""
        return docs.to_enriched_rst(self.sorted_configs())

    def to_markdown(self, header_depth: int = 4) -> str:
        """The reference docs in Markdown: one heading per key, then its facts as a list."""
        return docs.to_markdown(self.sorted_configs(), header_depth)

    def to_html_table(self, dynamic_update_modes: Mapping[str, str] | None = None) -> str:
        """The reference docs as one HTML table, as Java's ``toHtmlTable()``."""
        return docs.to_html_table(self.sorted_configs(), dynamic_update_modes or {})

    def to_html(
        self,
        header_depth: int = 4,
        id_generator: Callable[[str], str] | None = None,
        dynamic_update_modes: Mapping[str, str] | None = None,
    ) -> str:
        """The reference docs as an HTML list, as Java's ``toHtml()``."""
        return docs.to_html(
            self.sorted_configs(),
            header_depth,
            id_generator or (lambda name: name),
            dynamic_update_modes or {},
        )


class _EmbeddedValidator(validators.Validator):
    """Runs the child's validator with the prefix taken off the name."""

    __slots__ = ("_base", "_prefix")

    def __init__(self, prefix: str, base: validators.Validator) -> None:
        self._prefix = prefix
        self._base = base

    def ensure_valid(self, name: str, value: Any) -> None:
        self._base.ensure_valid(name[len(self._prefix) :], value)

    def __str__(self) -> str:
        return str(self._base)

    def __repr__(self) -> str:
        return repr(self._base)


class _EmbeddedRecommender(Recommender):
    """Runs the child's recommender with the prefix taken off the name and the parsed keys."""

    __slots__ = ("_base", "_prefix")

    def __init__(self, prefix: str, base: Recommender) -> None:
        self._prefix = prefix
        self._base = base

    def _unprefixed(self, parsed_config: Mapping[str, Any]) -> dict[str, Any]:
        size = len(self._prefix)
        return {k[size:]: v for k, v in parsed_config.items() if k.startswith(self._prefix)}

    def valid_values(self, name: str, parsed_config: Mapping[str, Any]) -> list[Any]:
        return self._base.valid_values(name[len(self._prefix) :], self._unprefixed(parsed_config))

    def visible(self, name: str, parsed_config: Mapping[str, Any]) -> bool:
        return self._base.visible(name[len(self._prefix) :], self._unprefixed(parsed_config))
