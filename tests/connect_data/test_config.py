"""ConfigDef: definition, parsing, validation, embedding and docs (Kafka's ConfigDefTest)."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_data.config import (
    NO_DEFAULT_VALUE,
    CaseInsensitiveValidString,
    CompositeValidator,
    ConfigDef,
    ConfigException,
    ConfigValue,
    ListSize,
    NonEmptyStringWithoutControlChars,
    NonNullValidator,
    Password,
    Range,
    Recommender,
    Validator,
    ValidList,
    ValidString,
    class_resolver_context,
    load_class,
)
from connect_data.config.docs import nice_memory_units, nice_time_units

Type = ConfigDef.Type
Importance = ConfigDef.Importance
Width = ConfigDef.Width
HIGH = Importance.HIGH


class NestedHolder:
    class Nested:
        pass


class IntegerRecommender(Recommender):
    """Recommends 1, 2, 3 for parents and 4, 5 for children, always visible."""

    def __init__(self, has_parent: bool) -> None:
        self.has_parent = has_parent

    def valid_values(self, name: str, parsed_config: Any) -> list[Any]:
        return [4, 5] if self.has_parent else [1, 2, 3]

    def visible(self, name: str, parsed_config: Any) -> bool:
        return True


def recommended_def(with_d: bool = True) -> ConfigDef:
    definition = (
        ConfigDef()
        .define(
            "a", Type.INT, importance=HIGH, documentation="docs", group="group",
            order_in_group=1, width=Width.SHORT, display_name="a",
            dependents=["b", "c"] if with_d else ["b", "c", "d"],
            recommender=IntegerRecommender(False),
        )
        .define(
            "b", Type.INT, importance=HIGH, documentation="docs", group="group",
            order_in_group=2, width=Width.SHORT, display_name="b",
            recommender=IntegerRecommender(True),
        )
        .define(
            "c", Type.INT, importance=HIGH, documentation="docs", group="group",
            order_in_group=3, width=Width.SHORT, display_name="c",
            recommender=IntegerRecommender(True),
        )
    )  # fmt: skip
    if with_d:
        definition.define(
            "d", Type.INT, importance=HIGH, documentation="docs", group="group",
            order_in_group=4, width=Width.SHORT, display_name="d", dependents=["b"],
            recommender=IntegerRecommender(False),
        )  # fmt: skip
    return definition


def message(excinfo: pytest.ExceptionInfo[ConfigException]) -> str:
    return str(excinfo.value)


# ----------------------------------------------------------------------------- parsing


def test_basic_types() -> None:
    """Every type parses its string (or native) form as Java's testBasicTypes expects."""
    definition = (
        ConfigDef()
        .define("a", Type.INT, 5, Range.between(0, 14), HIGH, "docs")
        .define("b", Type.LONG, importance=HIGH, documentation="docs")
        .define("c", Type.STRING, "hello", importance=HIGH, documentation="docs")
        .define("d", Type.LIST, importance=HIGH, documentation="docs")
        .define("e", Type.DOUBLE, importance=HIGH, documentation="docs")
        .define("f", Type.CLASS, importance=HIGH, documentation="docs")
        .define("g", Type.BOOLEAN, importance=HIGH, documentation="docs")
        .define("h", Type.BOOLEAN, importance=HIGH, documentation="docs")
        .define("i", Type.BOOLEAN, importance=HIGH, documentation="docs")
        .define("j", Type.PASSWORD, importance=HIGH, documentation="docs")
        .define("k", Type.SHORT, importance=HIGH, documentation="docs")
    )
    values = definition.parse(
        {
            "a": "1   ",
            "b": 2,
            "d": " a , b, c",
            "e": 42.5,
            "f": "json.JSONDecoder",
            "g": "true",
            "h": "FalSE",
            "i": "TRUE",
            "j": "password",
            "k": " -7 ",
        }
    )
    assert values == {
        "a": 1,
        "b": 2,
        "c": "hello",
        "d": ["a", "b", "c"],
        "e": 42.5,
        "f": json.JSONDecoder,
        "g": True,
        "h": False,
        "i": True,
        "j": Password("password"),
        "k": -7,
    }
    assert str(values["j"]) == Password.HIDDEN


def test_invalid_default_raises() -> None:
    """A default that does not parse as the key's type fails at definition time."""
    with pytest.raises(ConfigException) as excinfo:
        ConfigDef().define("a", Type.INT, "hello", importance=HIGH, documentation="docs")
    assert message(excinfo) == "Invalid value hello for configuration a: Not a number of type INT"


def test_null_default() -> None:
    """A None default parses to None and needs no importance."""
    assert ConfigDef().define("a", Type.INT, None).parse({}) == {"a": None}


def test_missing_required() -> None:
    """A key without default that is not supplied fails with Java's message."""
    with pytest.raises(ConfigException) as excinfo:
        ConfigDef().define("a", Type.INT, importance=HIGH, documentation="docs").parse({})
    assert message(excinfo) == 'Missing required configuration "a" which has no default value.'


def test_empty_default_for_string() -> None:
    """An empty string default is a valid default."""
    assert ConfigDef().define("a", Type.STRING, "", importance=HIGH).parse({}) == {"a": ""}


def test_defined_twice() -> None:
    """Defining a name twice fails."""
    definition = ConfigDef().define("a", Type.STRING, importance=HIGH, documentation="docs")
    with pytest.raises(ConfigException) as excinfo:
        definition.define("a", Type.INT, importance=HIGH, documentation="docs")
    assert message(excinfo) == "Configuration a is defined twice."


BAD_INPUTS = [
    (Type.INT, "hello", "Not a number of type INT"),
    (Type.INT, "42.5", "Not a number of type INT"),
    (Type.INT, 42.5, "Expected value to be a 32-bit integer, but it was a float"),
    (Type.INT, 2**63 - 1, "Not a number of type INT"),
    (Type.INT, str(2**63 - 1), "Not a number of type INT"),
    (Type.INT, str(2**31), "Not a number of type INT"),
    (Type.INT, object(), "Expected value to be a 32-bit integer, but it was a object"),
    (Type.INT, True, "Expected value to be a 32-bit integer, but it was a bool"),
    (Type.INT, "1_000", "Not a number of type INT"),
    (Type.INT, "1 000", "Not a number of type INT"),
    (Type.INT, "+", "Not a number of type INT"),
    (Type.SHORT, "32768", "Not a number of type SHORT"),
    (Type.SHORT, 40000, "Not a number of type SHORT"),
    (Type.SHORT, 1.0, "Expected value to be a 16-bit integer (short), but it was a float"),
    (Type.LONG, "hello", "Not a number of type LONG"),
    (Type.LONG, "42.5", "Not a number of type LONG"),
    (Type.LONG, str(2**63 - 1) + "00", "Not a number of type LONG"),
    (Type.LONG, 2**63, "Not a number of type LONG"),
    (Type.LONG, object(), "Expected value to be a 64-bit integer (long), but it was a object"),
    (Type.DOUBLE, "hello", "Not a number of type DOUBLE"),
    (Type.DOUBLE, "nan", "Not a number of type DOUBLE"),
    (Type.DOUBLE, "inf", "Not a number of type DOUBLE"),
    (Type.DOUBLE, "1_0", "Not a number of type DOUBLE"),
    (Type.DOUBLE, "0x1.8", "Not a number of type DOUBLE"),
    (Type.DOUBLE, object(), "Expected value to be a double, but it was a object"),
    (Type.DOUBLE, False, "Expected value to be a double, but it was a bool"),
    (Type.STRING, object(), "Expected value to be a string, but it was a object"),
    (Type.STRING, 5, "Expected value to be a string, but it was a int"),
    (Type.LIST, 53, "Expected a comma separated list."),
    (Type.LIST, object(), "Expected a comma separated list."),
    (Type.BOOLEAN, "hello", "Expected value to be either true or false"),
    (Type.BOOLEAN, "truee", "Expected value to be either true or false"),
    (Type.BOOLEAN, "fals", "Expected value to be either true or false"),
    (Type.BOOLEAN, 1, "Expected value to be either true or false"),
    (Type.CLASS, "ClassDoesNotExist", "Class ClassDoesNotExist could not be found."),
    (Type.CLASS, "json.NoSuchThing", "Class json.NoSuchThing could not be found."),
    (Type.CLASS, "json.dumps", "Class json.dumps could not be found."),
    (Type.CLASS, 5, "Expected a Class instance or class name."),
]


@pytest.mark.parametrize(("type_", "value", "reason"), BAD_INPUTS)
def test_bad_inputs(type_: ConfigDef.Type, value: Any, reason: str) -> None:
    """A value that cannot be read as the key's type fails with Java's reason."""
    definition = ConfigDef().define("name", type_, importance=HIGH, documentation="docs")
    with pytest.raises(ConfigException) as excinfo:
        definition.parse({"name": value})
    assert message(excinfo).startswith("Invalid value ")
    assert message(excinfo).endswith(f" for configuration name: {reason}")
    if isinstance(value, str):
        assert message(excinfo) == f"Invalid value {value} for configuration name: {reason}"
    assert excinfo.value.name == "name"


def test_parse_error_shows_untrimmed_value() -> None:
    """The error names the value as given, before trimming."""
    with pytest.raises(ConfigException) as excinfo:
        ConfigDef.parse_type("port", " 8o8o ", Type.INT)
    assert (
        message(excinfo) == "Invalid value  8o8o  for configuration port: Not a number of type INT"
    )


def test_java_trim_only_strips_ascii_controls_and_space() -> None:
    """Strings are trimmed as Java's String.trim: not of non-breaking or other Unicode spaces."""
    assert ConfigDef.parse_type("s", "\x00\t x \r\n\x1f", Type.STRING) == "x"
    assert ConfigDef.parse_type("s", "\u00a0x\u2003", Type.STRING) == "\u00a0x\u2003"


def test_boolean_equals_ignore_case_like_java() -> None:
    """BOOLEAN compares as Java's equalsIgnoreCase, so the long s counts as an s."""
    assert ConfigDef.parse_type("b", " fAlSe ", Type.BOOLEAN) is False
    assert ConfigDef.parse_type("b", "fal\u017fe", Type.BOOLEAN) is False
    assert ConfigDef.parse_type("b", True, Type.BOOLEAN) is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a,b,c", ["a", "b", "c"]),
        (" a , b, c ", ["a", "b", "c"]),
        ("a,,b", ["a", "", "b"]),
        ("a,", ["a", ""]),
        (",a", ["", "a"]),
        ("a\t,\nb", ["a", "b"]),
        ("a\u00a0,b", ["a\u00a0", "b"]),
        ("", []),
        ("   ", []),
        ("single", ["single"]),
    ],
)
def test_list_splitting(text: str, expected: list[str]) -> None:
    """LIST strings split on commas with ASCII whitespace around them; empty gives []."""
    assert ConfigDef.parse_type("l", text, Type.LIST) == expected


def test_list_values_kept() -> None:
    """A list value is kept as is, a tuple becomes a list."""
    value = [1, "b"]
    assert ConfigDef.parse_type("l", value, Type.LIST) is value
    assert ConfigDef.parse_type("l", ("a", "b"), Type.LIST) == ["a", "b"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42.5", 42.5),
        ("1", 1.0),
        ("1.", 1.0),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("-1.5E-2", -0.015),
        ("+2", 2.0),
        ("1.5d", 1.5),
        ("1.5F", 1.5),
        ("0x1.8p1", 3.0),
        ("-0X10P0", -16.0),
        ("Infinity", math.inf),
        ("-Infinity", -math.inf),
        ("1e400", math.inf),
        ("4.9e-324", 5e-324),
    ],
)
def test_double_literals(text: str, expected: float) -> None:
    """DOUBLE strings follow Java's Double.parseDouble grammar."""
    assert ConfigDef.parse_type("d", text, Type.DOUBLE) == expected


def test_double_nan_and_numbers() -> None:
    """NaN parses; ints and decimals become floats."""
    import decimal

    assert math.isnan(ConfigDef.parse_type("d", "NaN", Type.DOUBLE))
    assert ConfigDef.parse_type("d", 3, Type.DOUBLE) == 3.0
    assert isinstance(ConfigDef.parse_type("d", 3, Type.DOUBLE), float)
    assert ConfigDef.parse_type("d", decimal.Decimal("2.5"), Type.DOUBLE) == 2.5
    assert ConfigDef.parse_type("d", 10**400, Type.DOUBLE) == math.inf


@pytest.mark.parametrize(
    ("type_", "text", "expected"),
    [
        (Type.INT, str(2**31 - 1), 2**31 - 1),
        (Type.INT, str(-(2**31)), -(2**31)),
        (Type.INT, "+7", 7),
        (Type.INT, "-0", 0),
        (Type.INT, "007", 7),
        (Type.INT, "\u0663", 3),
        (Type.SHORT, "-32768", -32768),
        (Type.LONG, str(2**63 - 1), 2**63 - 1),
        (Type.LONG, str(-(2**63)), -(2**63)),
    ],
)
def test_integer_bounds(type_: ConfigDef.Type, text: str, expected: int) -> None:
    """Integer types accept exactly Java's ranges and Integer.parseInt's syntax."""
    assert ConfigDef.parse_type("n", text, type_) == expected


def test_long_accepts_small_ints() -> None:
    """LONG accepts any int in range (Java: Integer or Long)."""
    assert ConfigDef.parse_type("n", 2, Type.LONG) == 2


@given(st.integers(min_value=-(2**31), max_value=2**31 - 1))
def test_int_round_trip(value: int) -> None:
    """Every INT survives convert_to_string then parse."""
    text = ConfigDef.convert_to_string(value, Type.INT)
    assert text is not None
    assert ConfigDef.parse_type("n", text, Type.INT) == value


@given(st.floats(allow_nan=False))
def test_double_round_trip(value: float) -> None:
    """Every double survives Java's Double.toString then Double.parseDouble."""
    text = ConfigDef.convert_to_string(value, Type.DOUBLE)
    assert text is not None
    parsed = ConfigDef.parse_type("d", text, Type.DOUBLE)
    assert parsed == value
    assert math.copysign(1.0, parsed) == math.copysign(1.0, value)


_LIST_ITEM = st.text(
    alphabet=st.characters(blacklist_characters=", \t\n\x0b\f\r", blacklist_categories=["Cs"]),
    min_size=1,
).filter(lambda item: item[0] > " " and item[-1] > " ")


@given(st.lists(_LIST_ITEM, min_size=1))
def test_list_round_trip(values: list[str]) -> None:
    """A list of comma-free, untrimmed-free strings survives convert_to_string then parse."""
    text = ConfigDef.convert_to_string(values, Type.LIST)
    assert ConfigDef.parse_type("l", text, Type.LIST) == values


def test_password_parse() -> None:
    """PASSWORD wraps trimmed strings and keeps Password values."""
    secret = Password("x")
    assert ConfigDef.parse_type("p", secret, Type.PASSWORD) is secret
    assert ConfigDef.parse_type("p", " s3cret ", Type.PASSWORD) == Password("s3cret")


def test_password_never_in_parse_error() -> None:
    """A PASSWORD parse error shows [hidden], not the value."""
    with pytest.raises(ConfigException) as excinfo:
        ConfigDef.parse_type("p", 123456, Type.PASSWORD)
    assert message(excinfo) == (
        "Invalid value [hidden] for configuration p: "
        "Expected value to be a string, but it was a int"
    )


def test_password_never_in_validator_error() -> None:
    """Validators receive the Password, whose text is [hidden]."""
    definition = ConfigDef().define(
        "p", Type.PASSWORD, validator=ValidString.in_("a"), importance=HIGH
    )
    with pytest.raises(ConfigException) as excinfo:
        definition.parse({"p": "s3cret"})
    assert "s3cret" not in message(excinfo)
    [result] = definition.validate({"p": "s3cret"})
    assert "s3cret" not in repr(result)
    assert all("s3cret" not in error for error in result.error_messages())


def test_invalid_default_range() -> None:
    """A default outside the validator's range fails at definition time."""
    with pytest.raises(ConfigException) as excinfo:
        ConfigDef().define("name", Type.INT, -1, Range.between(0, 10), HIGH, "docs")
    assert message(excinfo) == "Invalid value -1 for configuration name: Value must be at least 0"


def test_invalid_default_string() -> None:
    """A default not among the valid strings fails at definition time."""
    with pytest.raises(ConfigException) as excinfo:
        ConfigDef().define("name", Type.STRING, "bad", ValidString.in_("valid", "values"), HIGH)
    assert message(excinfo) == (
        "Invalid value bad for configuration name: String must be one of: valid, values"
    )


def test_nested_class() -> None:
    """A nested class loads by its dotted qualified name."""
    name = f"{__name__}.NestedHolder.Nested"
    definition = ConfigDef().define("name", Type.CLASS, importance=HIGH)
    assert definition.parse({"name": name}) == {"name": NestedHolder.Nested}
    assert definition.parse({"name": f"{__name__}:NestedHolder.Nested"})["name"] is (
        NestedHolder.Nested
    )


def test_class_alias_through_resolver_context() -> None:
    """A context class resolver resolves aliases, as Java's context class loader."""

    def resolver(name: str) -> type:
        return NestedHolder.Nested if name == "PluginAlias" else load_class(name)

    with class_resolver_context(resolver):
        assert ConfigDef.parse_type("c", "PluginAlias", Type.CLASS) is NestedHolder.Nested
        assert ConfigDef.parse_type("c", "json.JSONDecoder", Type.CLASS) is json.JSONDecoder
    with pytest.raises(ConfigException):
        ConfigDef.parse_type("c", "PluginAlias", Type.CLASS)


def test_class_resolver_failure_is_config_exception() -> None:
    """Any failure while loading a class is reported as a ConfigException."""

    def broken(name: str) -> type:
        raise RuntimeError("boom")

    with class_resolver_context(broken), pytest.raises(ConfigException) as excinfo:
        ConfigDef.parse_type("c", "x.Y", Type.CLASS)
    assert message(excinfo) == (
        "Invalid value x.Y for configuration c: Class x.Y could not be loaded: RuntimeError: boom"
    )


VALIDATOR_CASES: list[tuple[ConfigDef.Type, Validator, Any, list[Any], list[Any]]] = [
    (Type.INT, Range.between(0, 10), 5, [1, 5, 9], [-1, 11, None]),
    (
        Type.STRING,
        ValidString.in_("good", "values", "default"),
        "default",
        ["good", "values", "default"],
        ["bad", "inputs", "DEFAULT", None],
    ),
    (
        Type.STRING,
        CaseInsensitiveValidString.in_("good", "values", "default"),
        "default",
        ["gOOd", "VALUES", "default"],
        ["Bad", "iNPUts", None],
    ),
    (Type.LIST, ValidList.in_("1", "2", "3"), "1", ["1", "2", "3"], ["4", "5", "6"]),
    (Type.STRING, NonNullValidator(), "a", ["abb"], [None]),
    (
        Type.STRING,
        CompositeValidator.of(NonNullValidator(), ValidString.in_("a", "b")),
        "a",
        ["a", "b"],
        [None, -1, "c"],
    ),
    (
        Type.STRING,
        NonEmptyStringWithoutControlChars(),
        "defaultname",
        [
            "test",
            "name",
            "test/test",
            "test\u1234",
            "\u1324name\\",
            "/+%>&):??<&()?-",
            "+1",
            "\U0001f601",
            "\uf3b1",
            "     test   \n\r",
            "\n  hello \t",
        ],
        ["nontrailing\nnotallowed", "as\u0001cii control char", "tes\rt", "test\btest", "1\t2", ""],
    ),
]


@pytest.mark.parametrize(("type_", "validator", "default", "good", "bad"), VALIDATOR_CASES)
def test_validators(
    type_: ConfigDef.Type, validator: Validator, default: Any, good: list[Any], bad: list[Any]
) -> None:
    """Each validator accepts Java's good values and rejects its bad ones during parse."""
    definition = ConfigDef().define("name", type_, default, validator, HIGH, "docs")
    for value in good:
        definition.parse({"name": value})
    for value in bad:
        with pytest.raises(ConfigException):
            definition.parse({"name": value})


def test_null_default_with_validator() -> None:
    """A required key's validator is not run at definition time."""
    definition = ConfigDef().define(
        "enum_test", Type.STRING, NO_DEFAULT_VALUE, ValidString.in_("ONE", "TWO", "THREE"), HIGH
    )
    assert definition.parse({"enum_test": "ONE"}) == {"enum_test": "ONE"}


def test_unknown_keys_are_ignored() -> None:
    """parse returns only defined keys."""
    definition = ConfigDef().define("a", Type.INT, 1, importance=HIGH)
    assert definition.parse({"a": "2", "zzz": "x"}) == {"a": 2}


def test_define_rejects_java_overload_shapes() -> None:
    """Java overload argument orders fail loudly instead of shifting silently."""
    with pytest.raises(TypeError):
        ConfigDef().define("b", Type.LONG, Importance.HIGH, "docs")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ConfigDef().define("c", Type.STRING, "hello", Importance.HIGH, "docs")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ConfigDef().define("d", Type.LIST, dependents="abc")
    with pytest.raises(TypeError):
        ConfigDef().define("e", "STRING")  # type: ignore[arg-type]


def test_define_config_key() -> None:
    """define(ConfigKey) adds a prepared key."""
    key = ConfigDef.ConfigKey("k", Type.INT, "3", importance=HIGH, group="g")
    definition = ConfigDef().define(key)
    assert definition.config_keys()["k"] is key
    assert key.default_value == 3
    assert definition.groups() == ["g"]
    with pytest.raises(AttributeError):
        key.name = "other"


def test_default_values() -> None:
    """default_values lists the parsed defaults of keys that have one."""
    definition = (
        ConfigDef()
        .define("a", Type.INT, "3", importance=HIGH)
        .define("b", Type.INT, importance=HIGH)
        .define("c", Type.STRING, None, importance=HIGH)
    )
    assert definition.default_values() == {"a": 3, "c": None}


def test_group_inference() -> None:
    """groups() lists groups in order of first use."""

    def define(definition: ConfigDef, name: str, group: str, order: int) -> ConfigDef:
        return definition.define(
            name, Type.INT, importance=HIGH, documentation="docs", group=group,
            order_in_group=order, width=Width.SHORT, display_name=name,
        )  # fmt: skip

    first = define(
        define(define(ConfigDef(), "a", "group1", 1), "b", "group2", 1), "c", "group1", 2
    )
    assert first.groups() == ["group1", "group2"]
    second = define(
        define(define(ConfigDef(), "a", "group2", 1), "b", "group2", 2), "c", "group1", 2
    )
    assert second.groups() == ["group2", "group1"]


def test_names_read_only() -> None:
    """names() is a read-only view of the defined names."""
    definition = (
        ConfigDef()
        .define("a", Type.STRING, importance=Importance.LOW)
        .define("b", Type.STRING, importance=Importance.LOW)
    )
    names = definition.names()
    assert names == {"a", "b"}
    assert not hasattr(names, "add")
    with pytest.raises(TypeError):
        definition.config_keys()["x"] = definition.config_keys()["a"]  # type: ignore[index]


def test_missing_dependent_configs() -> None:
    """parse fails when a dependent is not defined."""
    definition = ConfigDef().define(
        "parent", Type.STRING, importance=HIGH, documentation="parent docs", group="group",
        order_in_group=1, width=Width.LONG, display_name="Parent", dependents=["child"],
    )  # fmt: skip
    with pytest.raises(ConfigException) as excinfo:
        definition.parse({})
    assert message(excinfo) == (
        "Some configurations in are referred in the dependents, but not defined: child"
    )


def test_base_config_def_dependents() -> None:
    """A copy of a ConfigDef recomputes its parentless keys after more are defined."""
    base = ConfigDef().define("a", Type.STRING, importance=Importance.LOW)
    assert base.configs_with_no_parent() == ["a"]
    derived = (
        ConfigDef(base)
        .define("parent", Type.STRING, importance=HIGH, dependents=["child"])
        .define("child", Type.STRING, importance=HIGH)
    )
    assert set(derived.configs_with_no_parent()) == {"a", "parent"}
    assert base.names() == {"a"}


# ----------------------------------------------------------------------------- validation


def test_parse_for_validate() -> None:
    """parse_for_validate records values and errors; a doubly-dependent key errs twice."""
    definition = recommended_def()
    config_values = {name: ConfigValue(name) for name in definition.config_keys()}
    parsed = definition.parse_for_validate({"a": "1", "d": "10"}, config_values)
    missing_b = 'Missing required configuration "b" which has no default value.'
    missing_c = 'Missing required configuration "c" which has no default value.'
    assert parsed == {"a": 1, "b": None, "c": None, "d": 10}
    assert config_values == {
        "a": ConfigValue("a", 1, [], []),
        "b": ConfigValue("b", None, [], [missing_b, missing_b]),
        "c": ConfigValue("c", None, [], [missing_c]),
        "d": ConfigValue("d", 10, [], []),
    }


def test_validate() -> None:
    """validate adds the recommenders' values to the parse results."""
    missing_b = 'Missing required configuration "b" which has no default value.'
    missing_c = 'Missing required configuration "c" which has no default value.'
    expected = {
        "a": ConfigValue("a", 1, [1, 2, 3], []),
        "b": ConfigValue("b", None, [4, 5], [missing_b, missing_b]),
        "c": ConfigValue("c", None, [4, 5], [missing_c]),
        "d": ConfigValue("d", 10, [1, 2, 3], []),
    }
    results = recommended_def().validate({"a": "1", "d": "10"})
    assert {result.name(): result for result in results} == expected


def test_validate_missing_config_key() -> None:
    """An undefined dependent is reported as an invisible key with an error."""
    missing_b = 'Missing required configuration "b" which has no default value.'
    missing_c = 'Missing required configuration "c" which has no default value.'
    expected_d = ConfigValue("d", None, [], ["d is referred in the dependents, but not defined."])
    expected_d.visible(False)
    expected = {
        "a": ConfigValue("a", 1, [1, 2, 3], []),
        "b": ConfigValue("b", None, [4, 5], [missing_b]),
        "c": ConfigValue("c", None, [4, 5], [missing_c]),
        "d": expected_d,
    }
    results = recommended_def(with_d=False).validate({"a": "1"})
    assert {result.name(): result for result in results} == expected


def test_validate_cannot_parse() -> None:
    """An unparsable value gives None and Java's message."""
    definition = ConfigDef().define("a", Type.INT, importance=HIGH, documentation="docs")
    assert definition.validate({"a": "non_integer"}) == [
        ConfigValue(
            "a",
            None,
            [],
            ["Invalid value non_integer for configuration a: Not a number of type INT"],
        )
    ]


def test_validate_runs_validator_on_missing_value() -> None:
    """A missing required key also gets its validator's complaint about null, as in Java."""
    definition = ConfigDef().define("a", Type.INT, validator=Range.at_least(0), importance=HIGH)
    [result] = definition.validate({})
    assert result.error_messages() == [
        'Missing required configuration "a" which has no default value.',
        "Invalid value null for configuration a: Value must be non-null",
    ]


def test_validate_recommender_config_exception_is_collected() -> None:
    """A ConfigException from a recommender becomes an error message of that key."""

    class Failing(Recommender):
        def valid_values(self, name: str, parsed_config: Any) -> list[Any]:
            raise ConfigException(name, parsed_config["a"], "no recommendation")

        def visible(self, name: str, parsed_config: Any) -> bool:
            return False

    definition = ConfigDef().define("a", Type.INT, 1, importance=HIGH, recommender=Failing())
    [result] = definition.validate({})
    assert result.error_messages() == ["Invalid value 1 for configuration a: no recommendation"]
    assert result.visible() is True


def test_validate_visibility_and_parsed_view() -> None:
    """Recommenders see every parsed value and set visibility."""

    class ShowWhenEnabled(Recommender):
        def valid_values(self, name: str, parsed_config: Any) -> list[Any]:
            return ["x", "y"]

        def visible(self, name: str, parsed_config: Any) -> bool:
            return bool(parsed_config["enabled"])

    definition = (
        ConfigDef()
        .define("enabled", Type.BOOLEAN, False, importance=HIGH, dependents=["mode"])
        .define("mode", Type.STRING, "x", importance=HIGH, recommender=ShowWhenEnabled())
    )
    results = definition.validate_all({"enabled": "true"})
    assert results["mode"].visible() is True
    assert results["mode"].recommended_values() == ["x", "y"]
    assert definition.validate_all({})["mode"].visible() is False


def test_validate_dependents_cycle_terminates() -> None:
    """A cycle among dependents does not recurse forever."""
    definition = (
        ConfigDef()
        .define("root", Type.STRING, "r", importance=HIGH, dependents=["b"])
        .define("b", Type.STRING, "b", importance=HIGH, dependents=["c"])
        .define("c", Type.STRING, "c", importance=HIGH, dependents=["b"])
    )
    results = definition.validate_all({})
    assert [results[name].value() for name in ("root", "b", "c")] == ["r", "b", "c"]


def test_internal_config_is_validated() -> None:
    """An internal key is parsed and validated like any other."""
    definition = ConfigDef().define_internal(
        "internal.config", Type.STRING, "", None, Importance.LOW
    )
    [result] = definition.validate({"internal.config": "value"})
    assert result.name() == "internal.config"
    assert result.value() == "value"


def test_internal_config_not_in_docs() -> None:
    """Internal keys are left out of every documentation format."""
    definition = ConfigDef().define_internal("my.config", Type.STRING, "", None, Importance.LOW)
    definition.define_internal("my.other.config", Type.STRING, "", None, Importance.LOW, None)
    for text in (
        definition.to_html_table(),
        definition.to_enriched_rst(),
        definition.to_rst(),
        definition.to_html(),
        definition.to_markdown(),
    ):
        assert "my.config" not in text
        assert "my.other.config" not in text


def test_dynamic_update_mode_in_docs() -> None:
    """The HTML table carries each key's update mode, read-only by default."""
    definition = (
        ConfigDef()
        .define("my.broker.config", Type.LONG, importance=HIGH, documentation="docs")
        .define("my.cluster.config", Type.LONG, importance=HIGH, documentation="docs")
        .define("my.readonly.config", Type.LONG, importance=HIGH, documentation="docs")
    )
    html = definition.to_html_table(
        {"my.broker.config": "per-broker", "my.cluster.config": "cluster-wide"}
    )
    modes = {
        "my.broker.config": "per-broker",
        "my.cluster.config": "cluster-wide",
        "my.readonly.config": "read-only",
    }
    seen = set()
    for line in html.split("\n"):
        for name, mode in modes.items():
            if name in line:
                assert mode in line
                seen.add(name)
    assert seen == set(definition.names())


# ----------------------------------------------------------------------------- docs


def test_to_rst() -> None:
    """to_rst matches Java's toRst text for the same definition."""
    definition = (
        ConfigDef()
        .define("opt1", Type.STRING, "a", ValidString.in_("a", "b", "c"), HIGH, "docs1")
        .define("opt2", Type.INT, importance=Importance.MEDIUM, documentation="docs2")
        .define("opt3", Type.LIST, ["a", "b"], importance=Importance.LOW, documentation="docs3")
        .define("opt4", Type.BOOLEAN, False, importance=Importance.LOW)
    )
    assert definition.to_rst() == (
        "``opt2``\n"
        "  docs2\n"
        "\n"
        "  * Type: int\n"
        "  * Importance: medium\n"
        "\n"
        "``opt1``\n"
        "  docs1\n"
        "\n"
        "  * Type: string\n"
        "  * Default: a\n"
        "  * Valid Values: [a, b, c]\n"
        "  * Importance: high\n"
        "\n"
        "``opt3``\n"
        "  docs3\n"
        "\n"
        "  * Type: list\n"
        "  * Default: a,b\n"
        "  * Importance: low\n"
        "\n"
        "``opt4``\n"
        "\n"
        "  * Type: boolean\n"
        "  * Default: false\n"
        "  * Importance: low\n"
        "\n"
    )


def test_to_enriched_rst() -> None:
    """to_enriched_rst matches Java's toEnrichedRst text, groups and dependents included."""
    definition = (
        ConfigDef()
        .define(
            "opt1.of.group1", Type.STRING, "a", ValidString.in_("a", "b", "c"), HIGH,
            "Doc doc.", "Group One", 0, Width.NONE, "..", [],
        )
        .define(
            "opt2.of.group1", Type.INT, NO_DEFAULT_VALUE, None, Importance.MEDIUM,
            "Doc doc doc.", "Group One", 1, Width.NONE, "..", ["some.option1", "some.option2"],
        )
        .define(
            "opt2.of.group2", Type.BOOLEAN, False, None, HIGH, "Doc doc doc doc.",
            "Group Two", 1, Width.NONE, "..", [],
        )
        .define(
            "opt1.of.group2", Type.BOOLEAN, False, None, HIGH, "Doc doc doc doc doc.",
            "Group Two", 0, Width.NONE, "..", ["some.option"],
        )
        .define("poor.opt", Type.STRING, "foo", None, HIGH, "Doc doc doc doc.")
    )  # fmt: skip
    assert definition.to_enriched_rst() == (
        "``poor.opt``\n"
        "  Doc doc doc doc.\n"
        "\n"
        "  * Type: string\n"
        "  * Default: foo\n"
        "  * Importance: high\n"
        "\n"
        "Group One\n"
        "^^^^^^^^^\n"
        "\n"
        "``opt1.of.group1``\n"
        "  Doc doc.\n"
        "\n"
        "  * Type: string\n"
        "  * Default: a\n"
        "  * Valid Values: [a, b, c]\n"
        "  * Importance: high\n"
        "\n"
        "``opt2.of.group1``\n"
        "  Doc doc doc.\n"
        "\n"
        "  * Type: int\n"
        "  * Importance: medium\n"
        "  * Dependents: ``some.option1``, ``some.option2``\n"
        "\n"
        "Group Two\n"
        "^^^^^^^^^\n"
        "\n"
        "``opt1.of.group2``\n"
        "  Doc doc doc doc doc.\n"
        "\n"
        "  * Type: boolean\n"
        "  * Default: false\n"
        "  * Importance: high\n"
        "  * Dependents: ``some.option``\n"
        "\n"
        "``opt2.of.group2``\n"
        "  Doc doc doc doc.\n"
        "\n"
        "  * Type: boolean\n"
        "  * Default: false\n"
        "  * Importance: high\n"
        "\n"
    )


def test_rst_units_empty_default_and_password() -> None:
    """Defaults show units for .bytes/.ms keys, "" for empty strings, [hidden] for passwords."""
    definition = (
        ConfigDef()
        .define("buffer.bytes", Type.LONG, 2 * 1024 * 1024, importance=HIGH, documentation="B")
        .define("linger.ms", Type.LONG, 300_000, importance=HIGH, documentation="L\n\nmore")
        .define("odd.ms", Type.INT, 1001, importance=HIGH, documentation="O")
        .define("prefix", Type.STRING, "", importance=HIGH, documentation="P")
        .define("secret", Type.PASSWORD, "s3cret", importance=HIGH, documentation="S")
        .define("nothing", Type.STRING, None, importance=HIGH, documentation="N")
    )
    rst = definition.to_rst()
    assert "  * Default: 2097152 (2 mebibytes)\n" in rst
    assert "  L\n\n  more\n\n  * Type: long\n  * Default: 300000 (5 minutes)\n" in rst
    assert "  * Default: 1001\n" in rst
    assert '  * Default: ""\n' in rst
    assert "  * Default: [hidden]\n" in rst
    assert "  * Default: null\n" in rst
    for text in (rst, definition.to_markdown(), definition.to_html(), definition.to_html_table()):
        assert "s3cret" not in text


def test_to_markdown() -> None:
    """to_markdown writes one heading per key and its facts, in documentation order."""
    definition = (
        ConfigDef()
        .define("opt1", Type.STRING, "a", ValidString.in_("a", "b"), HIGH, "First.\nSecond.")
        .define("opt2", Type.INT, importance=Importance.MEDIUM, dependents=["opt1"])
        .define("tick`s", Type.STRING, "`", importance=Importance.LOW, documentation="T")
    )
    assert definition.to_markdown(header_depth=3) == (
        "### `opt2`\n"
        "\n"
        "- Type: int\n"
        "- Importance: medium\n"
        "- Dependents: `opt1`\n"
        "\n"
        "### `opt1`\n"
        "\n"
        "First.\n"
        "\n"
        "Second.\n"
        "\n"
        "- Type: string\n"
        "- Default: `a`\n"
        "- Valid Values: `[a, b]`\n"
        "- Importance: high\n"
        "\n"
        "### ``tick`s``\n"
        "\n"
        "T\n"
        "\n"
        "- Type: string\n"
        "- Default: `` ` ``\n"
        "- Importance: low\n"
        "\n"
    )


def test_to_html() -> None:
    """to_html matches Java's toHtml layout, with alternative_string for the default."""
    definition = ConfigDef().define(
        "a.b", Type.INT, 5, Range.at_least(0), HIGH, "line1\nline2", alternative_string="five"
    )
    assert definition.to_html(2, lambda name: "id-" + name, {"a.b": "per-broker"}) == (
        '<ul class="config-list">\n'
        "<li>\n"
        '<h2><a id="a.b"></a><a id="id-a.b" href="#id-a.b">a.b</a></h2>\n'
        "<p>line1<br>line2</p>\n"
        "<table><tbody>\n"
        "<tr><th>Type:</th><td>int</td></tr>\n"
        "<tr><th>Default:</th><td>five</td></tr>\n"
        "<tr><th>Valid Values:</th><td>[0,...]</td></tr>\n"
        "<tr><th>Importance:</th><td>high</td></tr>\n"
        "<tr><th>Update Mode:</th><td>per-broker</td></tr>\n"
        "</tbody></table>\n"
        "</li>\n"
        "</ul>\n"
    )


def test_to_html_table() -> None:
    """to_html_table writes one header row and one row per key."""
    definition = ConfigDef().define("a", Type.INT, 5, None, HIGH, "doc")
    assert definition.to_html_table() == (
        '<table class="data-table"><tbody>\n'
        "<tr>\n"
        "<th>Name</th>\n<th>Description</th>\n<th>Type</th>\n<th>Default</th>\n"
        "<th>Valid Values</th>\n<th>Importance</th>\n"
        "</tr>\n"
        "<tr>\n"
        "<td>a</td><td>doc</td><td>int</td><td>5</td><td></td><td>high</td></tr>\n"
        "</tbody></table>"
    )


def test_sorted_configs_order() -> None:
    """Docs order: ungrouped first, group order, order in group, required, importance, name."""
    definition = (
        ConfigDef()
        .define("z.grouped", Type.INT, 1, importance=HIGH, group="G", order_in_group=1)
        .define("b.low", Type.INT, 1, importance=Importance.LOW)
        .define("a.low", Type.INT, 1, importance=Importance.LOW)
        .define("c.high", Type.INT, 1, importance=HIGH)
        .define("d.required", Type.INT, importance=Importance.LOW)
        .define("y.grouped", Type.INT, 1, importance=HIGH, group="G", order_in_group=0)
        .define("x.other", Type.INT, 1, importance=HIGH, group="A", order_in_group=0)
    )
    assert [key.name for key in definition.sorted_configs()] == [
        "d.required",
        "c.high",
        "a.low",
        "b.low",
        "y.grouped",
        "z.grouped",
        "x.other",
    ]


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, ""),
        (1023, ""),
        (1024, " (1 kibibyte)"),
        (1025, ""),
        (2 * 1024, " (2 kibibytes)"),
        (1024**2, " (1 mebibyte)"),
        (2 * 1024**2, " (2 mebibytes)"),
        (1024**3, " (1 gibibyte)"),
        (2 * 1024**3, " (2 gibibytes)"),
        (1024**4, " (1 tebibyte)"),
        (2 * 1024**4, " (2 tebibytes)"),
        (1024**5, " (1024 tebibytes)"),
        (2 * 1024**5, " (2048 tebibytes)"),
    ],
)
def test_nice_memory_units(size: int, text: str) -> None:
    """Byte sizes get a binary-unit suffix only when whole."""
    assert nice_memory_units(size) == text


@pytest.mark.parametrize(
    ("millis", "text"),
    [
        (0, ""),
        (999, ""),
        (1000, " (1 second)"),
        (1001, ""),
        (2000, " (2 seconds)"),
        (60_000, " (1 minute)"),
        (120_000, " (2 minutes)"),
        (3_600_000, " (1 hour)"),
        (7_200_000, " (2 hours)"),
        (86_400_000, " (1 day)"),
        (2 * 86_400_000, " (2 days)"),
        (7 * 86_400_000, " (7 days)"),
        (365 * 86_400_000, " (365 days)"),
    ],
)
def test_nice_time_units(millis: int, text: str) -> None:
    """Durations get a time-unit suffix only when whole."""
    assert nice_time_units(millis) == text


# ----------------------------------------------------------------------------- convert_to_string


@pytest.mark.parametrize(
    ("value", "type_", "text"),
    [
        (True, Type.BOOLEAN, "true"),
        (32767, Type.SHORT, "32767"),
        (2**31 - 1, Type.INT, "2147483647"),
        (2**63 - 1, Type.LONG, "9223372036854775807"),
        (3.125, Type.DOUBLE, "3.125"),
        (1e7, Type.DOUBLE, "1.0E7"),
        (5.0, Type.DOUBLE, "5.0"),
        ("foobar", Type.STRING, "foobar"),
        (Password("foobar"), Type.PASSWORD, Password.HIDDEN),
        ("foobar", Type.PASSWORD, "foobar"),
        (["a", "bc", "d"], Type.LIST, "a,bc,d"),
        ([1, True, None], Type.LIST, "1,true,null"),
        (json.JSONDecoder, Type.CLASS, "json.decoder.JSONDecoder"),
        (NestedHolder.Nested, Type.CLASS, f"{__name__}.NestedHolder.Nested"),
        (["x", 1.5], None, "[x, 1.5]"),
    ],
)
def test_convert_to_string(value: Any, type_: ConfigDef.Type | None, text: str) -> None:
    """Values are written back as Java's convertToString writes them."""
    assert ConfigDef.convert_to_string(value, type_) == text


@pytest.mark.parametrize("type_", [*list(Type), None])
def test_convert_null_to_string(type_: ConfigDef.Type | None) -> None:
    """None converts to None for every type."""
    assert ConfigDef.convert_to_string(None, type_) is None


def test_converted_class_name_loads_back() -> None:
    """A class's converted name loads the same class."""
    for cls in (json.JSONDecoder, NestedHolder.Nested, str):
        text = ConfigDef.convert_to_string(cls, Type.CLASS)
        assert text is not None
        assert ConfigDef.parse_type("c", text, Type.CLASS) is cls


def test_convert_to_string_map_with_password_values() -> None:
    """The string map reveals passwords and drops None values."""
    assert ConfigDef.convert_to_string_map_with_password_values(
        {"p": Password("s"), "l": ["a", "b"], "c": json.JSONDecoder, "n": None, "i": 3, "b": False}
    ) == {"p": "s", "l": "a,b", "c": "json.decoder.JSONDecoder", "i": "3", "b": "false"}


# ----------------------------------------------------------------------------- ListSize


def test_list_size_exceeded() -> None:
    """A list default longer than ListSize allows fails with Java's message."""
    with pytest.raises(ConfigException) as excinfo:
        ConfigDef().define("lst", Type.LIST, ["a", "b"], ListSize.at_most_of_size(1), HIGH, "d")
    assert message(excinfo) == (
        "Invalid value [a, b] for configuration lst: exceeds maximum list size of [1]."
    )


def test_list_size_at_or_below_limit() -> None:
    """Lists up to the limit pass."""
    ConfigDef().define("lst", Type.LIST, ["a", "b", "c"], ListSize.at_most_of_size(3), HIGH)
    ConfigDef().define("lst", Type.LIST, ["a", "b"], ListSize.at_most_of_size(3), HIGH)
    assert str(ListSize.at_most_of_size(5)) == "List containing maximum of 5 elements"


# ----------------------------------------------------------------------------- embed


class PrefixRecorder(Recommender):
    """Records the names it was asked about."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def valid_values(self, name: str, parsed_config: Any) -> list[Any]:
        self.calls.append((name, dict(parsed_config)))
        return ["fast", "slow"]

    def visible(self, name: str, parsed_config: Any) -> bool:
        return parsed_config.get("enabled") is True


def test_embed() -> None:
    """embed prefixes names and dependents, groups and orders keys, and unprefixes callbacks."""
    recorder = PrefixRecorder()
    child = (
        ConfigDef()
        .define("enabled", Type.BOOLEAN, False, importance=HIGH, dependents=["mode"])
        .define(
            "mode", Type.STRING, "fast", ValidString.in_("fast", "slow"), Importance.LOW,
            "Mode.", group="Tuning", recommender=recorder,
        )
        .define("size", Type.INT, 1, Range.at_least(1), Importance.MEDIUM, "Size.")
    )  # fmt: skip
    parent = ConfigDef().define("top", Type.STRING, "t", importance=HIGH)
    parent.embed("child.", "Child", 10, child)

    keys = parent.config_keys()
    assert list(keys) == ["top", "child.enabled", "child.size", "child.mode"]
    assert keys["child.enabled"].group == "Child"
    assert keys["child.mode"].group == "Child: Tuning"
    assert [keys[n].order_in_group for n in ("child.enabled", "child.size", "child.mode")] == [
        10,
        11,
        12,
    ]
    assert keys["child.enabled"].dependents == ("child.mode",)
    assert parent.groups() == ["Child", "Child: Tuning"]
    assert str(keys["child.size"].validator) == "[1,...]"

    with pytest.raises(ConfigException) as excinfo:
        parent.parse({"child.size": "0"})
    assert message(excinfo) == "Invalid value 0 for configuration size: Value must be at least 1"

    results = parent.validate_all({"child.enabled": "true", "top": "x"})
    assert results["child.mode"].recommended_values() == ["fast", "slow"]
    assert results["child.mode"].visible() is True
    assert recorder.calls == [("mode", {"enabled": True, "mode": "fast", "size": 1})]


# ----------------------------------------------------------------------------- ConfigException


def test_config_exception_forms() -> None:
    """ConfigException takes a message, or a name, value and optional reason."""
    assert str(ConfigException("plain")) == "plain"
    assert ConfigException("plain").name is None
    assert str(ConfigException("k", 5)) == "Invalid value 5 for configuration k"
    assert str(ConfigException("k", None, "why")) == "Invalid value null for configuration k: why"
    assert str(ConfigException("k", [1, "a"], "why")) == (
        "Invalid value [1, a] for configuration k: why"
    )
    assert str(ConfigException("k", Password("s"), "why")) == (
        "Invalid value [hidden] for configuration k: why"
    )
    assert ConfigException("k", 2.0, "why").message == "Invalid value 2.0 for configuration k: why"
    assert ConfigException("k", 1).name == "k"


# ----------------------------------------------------------------------------- docstrings


@pytest.mark.parametrize(
    "module_name",
    [
        "connect_data.config.password",
        "connect_data.config.validators",
        "connect_data.config.definition",
    ],
)
def test_docstring_examples_run(module_name: str) -> None:
    """The >>> examples in the config modules' docstrings give the output shown."""
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module_name), verbose=False)
    assert result.attempted > 0
    assert result.failed == 0
