"""translate_deprecated_configs: old key names still read, the new name wins."""

from __future__ import annotations

import logging

import pytest

from connectors.transforms.util.deprecated_configs import translate_deprecated_configs

ALIASES = {"include": ("whitelist",), "exclude": ("blacklist", "deny")}


def test_alias_gives_the_value_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    """An old key alone is read as the new key, and a deprecation warning is logged."""
    with caplog.at_level(logging.WARNING):
        result = translate_deprecated_configs({"whitelist": "a,b", "other": 1}, ALIASES)
    assert result == {"include": "a,b", "other": 1}
    assert "Configuration key whitelist is deprecated" in caplog.text


def test_new_key_wins_over_alias() -> None:
    """When both are set the new key's value is used."""
    result = translate_deprecated_configs({"exclude": "x", "blacklist": "y"}, ALIASES)
    assert result == {"exclude": "x"}


def test_first_of_several_aliases_wins_and_nulls_are_dropped() -> None:
    """Several aliases: the first listed is used; other None values are dropped as in Java."""
    result = translate_deprecated_configs({"deny": "d", "blacklist": "b", "z": None}, ALIASES)
    assert result == {"exclude": "b"}
