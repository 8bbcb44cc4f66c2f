"""NonEmptyListValidator and RegexValidator: Java's messages and doc texts."""

from __future__ import annotations

import pytest

from connect_data.config import ConfigException
from connectors.transforms.util.validators import NonEmptyListValidator, RegexValidator


def test_non_empty_list() -> None:
    """An empty (or missing) list is rejected as "Empty list"."""
    validator = NonEmptyListValidator()
    validator.ensure_valid("fields", ["a"])
    with pytest.raises(
        ConfigException, match=r"^Invalid value \[\] for configuration fields: Empty list$"
    ):
        validator.ensure_valid("fields", [])
    with pytest.raises(ConfigException, match=r"Empty list"):
        validator.ensure_valid("fields", None)
    assert str(validator) == "non-empty list"


def test_regex() -> None:
    """A pattern that does not compile is "Invalid regex"."""
    validator = RegexValidator()
    validator.ensure_valid("regex", "(?<g>a)+")
    with pytest.raises(
        ConfigException, match=r"^Invalid value \(a for configuration regex: Invalid regex: "
    ):
        validator.ensure_valid("regex", "(a")
    assert str(validator) == "valid regex"
