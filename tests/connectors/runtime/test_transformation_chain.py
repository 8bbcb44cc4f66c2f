"""Tests of connectors.runtime.transformation_chain: stages, predicates and negation."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest

from connect_data.config import ConfigDef, ConfigException
from connectors import SourceRecord
from connectors.runtime.connector_config import ConnectorConfig
from connectors.runtime.plugins import Plugins
from connectors.runtime.transformation_chain import build_transformation_chain
from connectors.transforms import Transformation
from tests.connectors import testplugins

UPPER = "tests.connectors.testplugins.UpperCase"
STARTS = "tests.connectors.testplugins.ValueStartsWith"


def chain_for(**props: str) -> Any:
    config = ConnectorConfig(
        Plugins(),
        {
            "name": "c",
            "connector.class": "tests.connectors.testplugins.CounterSourceConnector",
            **props,
        },
        testplugins.CounterSourceConnector,
    )
    return build_transformation_chain(config)


def rec(value: str) -> SourceRecord:
    return SourceRecord(topic="t", value=value)


@pytest.mark.parametrize(("negate", "expected"), [("false", ["AB", "xy"]), ("true", ["ab", "XY"])])
def test_predicate_gates_the_transformation(negate: str, expected: list[str]) -> None:
    """A transformation applies where its predicate matches (or does not, when negated)."""
    chain = chain_for(
        transforms="up",
        predicates="isA",
        **{
            "transforms.up.type": UPPER,
            "transforms.up.predicate": "isA",
            "transforms.up.negate": negate,
            "predicates.isA.type": STARTS,
            "predicates.isA.prefix": "a",
        },
    )
    assert [chain.apply(rec(v)).value for v in ("ab", "xy")] == expected


class _Drop(Transformation[Any]):
    closed = 0

    def apply(self, record: Any) -> Any:
        return None

    def config(self) -> ConfigDef:
        return ConfigDef()

    def close(self) -> None:
        _Drop.closed += 1


def test_a_dropping_stage_ends_the_chain() -> None:
    """After a stage returns None the later stages are not called."""
    chain = chain_for(
        transforms="drop,up",
        **{"transforms.drop.type": f"{__name__}._Drop", "transforms.up.type": UPPER},
    )
    assert chain.apply(rec("a")) is None
    chain.close()
    assert _Drop.closed == 1


class _Recording(Transformation[Any]):
    seen: ClassVar[list[dict[str, Any]]] = []

    def configure(self, configs: Any) -> None:
        _Recording.seen.append(dict(configs))

    def apply(self, record: Any) -> Any:
        return record

    def config(self) -> ConfigDef:
        return ConfigDef()


def test_transformations_are_configured_without_their_prefix() -> None:
    """A transformation receives its keys with transforms.<alias>. removed, minus predicate/negate."""
    _Recording.seen.clear()
    chain_for(
        transforms="r",
        predicates="p",
        **{
            "transforms.r.type": f"{__name__}._Recording",
            "transforms.r.level": "3",
            "transforms.r.predicate": "p",
            "transforms.r.negate": "true",
            "predicates.p.type": STARTS,
            "predicates.p.prefix": "a",
        },
    )
    assert _Recording.seen == [{"type": f"{__name__}._Recording", "level": "3"}]


def test_a_missing_type_is_a_config_error() -> None:
    """transforms naming an alias without a type fails to parse."""
    with pytest.raises(ConfigException, match=r"transforms\.x\.type"):
        chain_for(transforms="x")
