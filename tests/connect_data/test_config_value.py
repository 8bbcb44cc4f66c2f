"""ConfigValue and Config: the results of ConfigDef.validate."""

from __future__ import annotations

import pytest

from connect_data.config import Config, ConfigValue, Password


def test_defaults() -> None:
    """A new ConfigValue has no value, no recommendations, no errors and is visible."""
    value = ConfigValue("k")
    assert value.name() == "k"
    assert value.value() is None
    assert value.recommended_values() == []
    assert value.error_messages() == []
    assert value.visible() is True


def test_getters_and_setters() -> None:
    """Each property reads without an argument and writes with one."""
    value = ConfigValue("k")
    value.value(5)
    value.recommended_values([1, 2])
    value.add_error_message("bad")
    value.visible(False)
    assert value.value() == 5
    assert value.recommended_values() == [1, 2]
    assert value.error_messages() == ["bad"]
    assert value.visible() is False
    value.value(None)
    assert value.value() is None


def test_equality_covers_every_field() -> None:
    """Two ConfigValues are equal only when all five fields are."""
    base = ConfigValue("k", 1, [1], ["e"])
    assert base == ConfigValue("k", 1, [1], ["e"])
    assert base != ConfigValue("j", 1, [1], ["e"])
    assert base != ConfigValue("k", 2, [1], ["e"])
    assert base != ConfigValue("k", 1, [2], ["e"])
    assert base != ConfigValue("k", 1, [1], ["f"])
    assert base != ConfigValue("k", 1, [1], ["e"], visible=False)
    with pytest.raises(TypeError):
        hash(base)


def test_repr_is_java_to_string() -> None:
    """repr is Java's [name,value,[recommended],[errors],visible], hiding passwords."""
    assert repr(ConfigValue("k", 1, [1, 2], ["bad"])) == "[k,1,[1, 2],[bad],true]"
    assert repr(ConfigValue("k")) == "[k,null,[],[],true]"
    assert repr(ConfigValue("p", Password("s3cret"))) == "[p,[hidden],[],[],true]"


def test_config_holds_values() -> None:
    """Config wraps the list of ConfigValues."""
    values = [ConfigValue("a"), ConfigValue("b", 1)]
    config = Config(values)
    assert config.config_values() == values
    assert config == Config([ConfigValue("a"), ConfigValue("b", 1)])
    assert "[b,1,[],[],true]" in repr(config)
