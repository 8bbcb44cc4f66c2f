"""Tests of connectors.runtime.errors.tolerance."""

from __future__ import annotations

import pytest

from connectors.runtime.errors import ToleranceType


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("none", ToleranceType.NONE),
        ("all", ToleranceType.ALL),
        ("ALL", ToleranceType.ALL),
        (None, ToleranceType.NONE),
        ("some", ToleranceType.NONE),
    ],
)
def test_parse_ignores_case_and_defaults_to_none(text: str | None, expected: ToleranceType) -> None:
    """The tolerance is read case-insensitively; anything else is none, as Java."""
    assert ToleranceType.parse(text) is expected


def test_values_are_the_config_spelling() -> None:
    """value is the lower-case config value; str() is Java's enum name."""
    assert [t.value for t in ToleranceType] == ["none", "all"]
    assert str(ToleranceType.ALL) == "ALL"
