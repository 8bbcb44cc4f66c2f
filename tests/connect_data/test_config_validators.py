"""Validators: Java's toString texts and exact error messages."""

from __future__ import annotations

from typing import Any

import pytest

from connect_data.config import (
    CaseInsensitiveValidString,
    CompositeValidator,
    ConfigDef,
    ConfigException,
    LambdaValidator,
    ListSize,
    NonEmptyString,
    NonEmptyStringWithoutControlChars,
    NonNullValidator,
    Password,
    Range,
    Validator,
    ValidList,
    ValidString,
)


def reject(validator: Validator, value: Any, name: str = "k") -> str:
    with pytest.raises(ConfigException) as excinfo:
        validator.ensure_valid(name, value)
    assert excinfo.value.name == name
    return str(excinfo.value)


@pytest.mark.parametrize(
    ("validator", "text"),
    [
        (Range.at_least(0), "[0,...]"),
        (Range.at_most(10), "[...,10]"),
        (Range.between(1, 14), "[1,...,14]"),
        (Range.between(0.5, 2.0), "[0.5,...,2.0]"),
        (Range(None, None), "[...]"),
        (ValidString.in_("a", "b", "c"), "[a, b, c]"),
        (ValidList.in_("1", "2"), "[1, 2]"),
        (CaseInsensitiveValidString.in_("none", "Gzip", "NONE"), "(case insensitive) [NONE, GZIP]"),
        (NonNullValidator(), "non-null string"),
        (NonEmptyString(), "non-empty string"),
        (
            NonEmptyStringWithoutControlChars.non_empty_string_without_control_chars(),
            "non-empty string without ISO control characters",
        ),
        (ListSize.at_most_of_size(3), "List containing maximum of 3 elements"),
        (LambdaValidator.with_(lambda name, value: None, lambda: "anything"), "anything"),
        (CompositeValidator.of(NonNullValidator(), ValidString.in_("a")), "non-null string, [a]"),
        (CompositeValidator.of(), ""),
    ],
)
def test_to_string(validator: Validator, text: str) -> None:
    """str() of each validator is Java's toString, used under "Valid Values" in the docs."""
    assert str(validator) == text
    assert text in repr(validator)


def test_range_messages() -> None:
    """Range names the bound it broke, or complains about null."""
    assert (
        reject(Range.at_least(0), -1)
        == "Invalid value -1 for configuration k: Value must be at least 0"
    )
    assert reject(Range.at_most(10), 11) == (
        "Invalid value 11 for configuration k: Value must be no more than 10"
    )
    assert reject(Range.between(0.5, 1), 2.5) == (
        "Invalid value 2.5 for configuration k: Value must be no more than 1"
    )
    assert (
        reject(Range.at_least(0), None)
        == "Invalid value null for configuration k: Value must be non-null"
    )
    assert reject(Range.at_least(0), "5") == (
        "Invalid value 5 for configuration k: Expected value to be a number, but it was a str"
    )
    assert reject(Range.at_least(0), True).endswith("but it was a bool")


def test_range_bounds_inclusive() -> None:
    """Both bounds are inclusive and values compare as doubles."""
    Range.between(0, 10).ensure_valid("k", 0)
    Range.between(0, 10).ensure_valid("k", 10)
    Range.between(0, 10).ensure_valid("k", 9.999)
    Range.at_least(-(2**63)).ensure_valid("k", 10**400)


def test_valid_string_messages() -> None:
    """ValidString is case-sensitive and lists the valid strings."""
    validator = ValidString.in_("good", "values")
    validator.ensure_valid("k", "good")
    assert reject(validator, "GOOD") == (
        "Invalid value GOOD for configuration k: String must be one of: good, values"
    )
    assert reject(validator, None) == (
        "Invalid value null for configuration k: String must be one of: good, values"
    )
    assert reject(validator, 3).endswith("Expected value to be a string, but it was a int")
    assert validator.valid_strings() == ["good", "values"]


def test_case_insensitive_valid_string_messages() -> None:
    """CaseInsensitiveValidString compares upper-cased and rejects None."""
    validator = CaseInsensitiveValidString.in_("gzip", "none")
    validator.ensure_valid("k", "GZip")
    assert reject(validator, "zstd") == (
        "Invalid value zstd for configuration k: "
        "String must be one of (case insensitive): GZIP, NONE"
    )
    assert reject(validator, None).startswith("Invalid value null for configuration k:")


def test_valid_list_messages() -> None:
    """ValidList names the first element that is not valid."""
    validator = ValidList.in_("1", "2", "3")
    validator.ensure_valid("k", ["1", "3"])
    validator.ensure_valid("k", [])
    assert reject(validator, ["1", "4", "5"]) == (
        "Invalid value 4 for configuration k: String must be one of: 1, 2, 3"
    )
    assert (
        reject(validator, None) == "Invalid value null for configuration k: Value must be non-null"
    )
    assert reject(validator, "1").endswith("Expected value to be a list, but it was a str")


def test_non_null_validator() -> None:
    """NonNullValidator rejects only None."""
    NonNullValidator().ensure_valid("k", "")
    assert reject(NonNullValidator(), None) == (
        "Invalid value null for configuration k: entry must be non null"
    )


def test_non_empty_string() -> None:
    """NonEmptyString rejects only the empty string."""
    NonEmptyString().ensure_valid("k", None)
    NonEmptyString().ensure_valid("k", " ")
    assert reject(NonEmptyString(), "") == (
        "Invalid value  for configuration k: String must be non-empty"
    )


def test_non_empty_string_without_control_chars() -> None:
    """Control characters are listed by code point."""
    validator = NonEmptyStringWithoutControlChars()
    validator.ensure_valid("k", None)
    validator.ensure_valid("k", "ok \u00a0\U0001f601")
    assert reject(validator, "") == "Invalid value  for configuration k: String may not be empty"
    assert reject(validator, "a\tb\x7fc\x9f").endswith(
        ": String may not contain control sequences but had the following ASCII chars: 9, 127, 159"
    )


def test_list_size() -> None:
    """ListSize allows lists up to its size."""
    ListSize.at_most_of_size(2).ensure_valid("k", ["a", "b"])
    assert reject(ListSize.at_most_of_size(1), ["a", "b"]) == (
        "Invalid value [a, b] for configuration k: exceeds maximum list size of [1]."
    )


def test_lambda_validator() -> None:
    """LambdaValidator calls its function with the name and value."""
    seen: list[tuple[str, Any]] = []

    def check(name: str, value: Any) -> None:
        seen.append((name, value))
        if value == "bad":
            raise ConfigException(name, value, "no")

    validator = LambdaValidator.with_(check, lambda: "not bad")
    validator.ensure_valid("k", "good")
    assert reject(validator, "bad") == "Invalid value bad for configuration k: no"
    assert seen == [("k", "good"), ("k", "bad")]


def test_composite_validator_stops_at_first_failure() -> None:
    """CompositeValidator raises the first validator's error."""
    validator = CompositeValidator.of(NonNullValidator(), ValidString.in_("a"))
    validator.ensure_valid("k", "a")
    assert reject(validator, None).endswith("entry must be non null")
    assert reject(validator, "b").endswith("String must be one of: a")


def test_validator_sees_password_not_secret() -> None:
    """A validator's message about a PASSWORD key shows [hidden]."""
    assert reject(ValidString.in_("x"), Password("s3cret")).startswith(
        "Invalid value [hidden] for configuration k"
    )


def test_validators_reachable_from_config_def() -> None:
    """The validators are reachable as ConfigDef.<Name>, as nested classes in Java."""
    assert ConfigDef.Range is Range
    assert ConfigDef.ValidString is ValidString
    assert ConfigDef.ValidList is ValidList
    assert ConfigDef.CaseInsensitiveValidString is CaseInsensitiveValidString
    assert ConfigDef.NonEmptyString is NonEmptyString
    assert ConfigDef.NonNullValidator is NonNullValidator
    assert ConfigDef.LambdaValidator is LambdaValidator
    assert ConfigDef.CompositeValidator is CompositeValidator
    assert isinstance(Range.at_least(1), ConfigDef.Validator)
