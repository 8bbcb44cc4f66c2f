"""field.syntax.version: the V1/V2 setting of KIP-821 (FieldSyntaxVersionTest)."""

from __future__ import annotations

import pytest

from connect_data.config import AbstractConfig, ConfigDef, ConfigException
from connectors.transforms.field.field_syntax_version import (
    FIELD_SYNTAX_VERSION_CONFIG,
    FieldSyntaxVersion,
)


def _config(value: str | None) -> AbstractConfig:
    props = {} if value is None else {FIELD_SYNTAX_VERSION_CONFIG: value}
    return AbstractConfig(FieldSyntaxVersion.append_config_to(ConfigDef()), props)


def test_append_config_to_defines_one_high_importance_key() -> None:
    """The key is a STRING defaulting to V1, of HIGH importance."""
    definition = FieldSyntaxVersion.append_config_to(ConfigDef())
    assert list(definition.config_keys()) == ["field.syntax.version"]
    key = definition.config_keys()["field.syntax.version"]
    assert key.default_value == "V1"
    assert key.importance is ConfigDef.Importance.HIGH
    assert key.type is ConfigDef.Type.STRING


@pytest.mark.parametrize(
    ("text", "version"),
    [
        ("v1", FieldSyntaxVersion.V1),
        ("V1", FieldSyntaxVersion.V1),
        ("v2", FieldSyntaxVersion.V2),
        ("V2", FieldSyntaxVersion.V2),
        (None, FieldSyntaxVersion.V1),
    ],
)
def test_from_config_is_case_insensitive(text: str | None, version: FieldSyntaxVersion) -> None:
    """V1 and V2 in any case; unset means V1."""
    assert FieldSyntaxVersion.from_config(_config(text)) is version


@pytest.mark.parametrize("text", ["v3", "V 1", "v", "V 2", "2", "1"])
def test_other_values_are_rejected(text: str) -> None:
    """Anything else fails validation of the key."""
    with pytest.raises(ConfigException, match=r"field\.syntax\.version"):
        _config(text)
