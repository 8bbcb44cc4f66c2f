"""connectors.transforms.util.replace_null_with_default: the shared KIP-1040 setting."""

from __future__ import annotations

import pytest

from connect_data.config import ConfigDef, ConfigException
from connectors.transforms.util.replace_null_with_default import (
    REPLACE_NULL_WITH_DEFAULT_CONFIG,
    define_replace_null_with_default,
)


def test_defines_a_boolean_that_defaults_to_true() -> None:
    """The key is defined as a boolean, true unless set, and parsed from text."""
    config_def = define_replace_null_with_default(ConfigDef())
    key = config_def.config_keys()[REPLACE_NULL_WITH_DEFAULT_CONFIG]
    assert key.type is ConfigDef.Type.BOOLEAN
    assert config_def.parse({})[REPLACE_NULL_WITH_DEFAULT_CONFIG] is True
    assert (
        config_def.parse({REPLACE_NULL_WITH_DEFAULT_CONFIG: "false"})[
            REPLACE_NULL_WITH_DEFAULT_CONFIG
        ]
        is False
    )
    with pytest.raises(ConfigException):
        config_def.parse({REPLACE_NULL_WITH_DEFAULT_CONFIG: "maybe"})
