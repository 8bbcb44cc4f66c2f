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


def test_an_unknown_predicate_alias_is_a_connect_exception() -> None:
    """A predicate alias missing from predicates fails to build, as Java's ConnectException."""
    from connect_data.errors import ConnectException

    with pytest.raises(ConnectException) as info:
        chain_for(
            transforms="up",
            **{"transforms.up.type": UPPER, "transforms.up.predicate": "p"},
        )
    assert str(info.value) == (
        "org.apache.kafka.common.config.ConfigException: Unknown configuration 'predicates.p.type'"
    )
    assert isinstance(info.value.__cause__, ConfigException)


class _Unconfigurable(Transformation[Any]):
    closed = 0

    def configure(self, configs: Any) -> None:
        raise ValueError("cannot configure")

    def apply(self, record: Any) -> Any:
        return record

    def config(self) -> ConfigDef:
        return ConfigDef()

    def close(self) -> None:
        _Unconfigurable.closed += 1


def test_a_failing_stage_is_wrapped_and_the_built_ones_closed() -> None:
    """A transformation failing in configure gives a ConnectException; stages are closed."""
    from connect_data.errors import ConnectException

    _Drop.closed = 0
    _Unconfigurable.closed = 0
    with pytest.raises(ConnectException, match=r"^ValueError: cannot configure$"):
        chain_for(
            transforms="drop,bad",
            **{
                "transforms.drop.type": f"{__name__}._Drop",
                "transforms.bad.type": f"{__name__}._Unconfigurable",
            },
        )
    assert (_Drop.closed, _Unconfigurable.closed) == (1, 1)


class _UnclosablePredicate(testplugins.ValueStartsWith):
    def close(self) -> None:
        raise RuntimeError("predicate stuck")


class _Unclosable(_Drop):
    def close(self) -> None:
        raise RuntimeError("transformation stuck")


def test_closing_a_stage_is_quiet(caplog: pytest.LogCaptureFixture) -> None:
    """close() logs failures of the transformation and the predicate instead of raising."""
    from connectors.runtime.transformation_chain import TransformationStage

    predicate = _UnclosablePredicate()
    stage = TransformationStage(_Unclosable(), predicate, alias="x")
    stage.close()
    assert [r.getMessage() for r in caplog.records] == [
        "Failed to close transformation x",
        "Failed to close the predicate of transformation x",
    ]


def test_a_failing_stage_is_handled_by_the_operator() -> None:
    """With an operator and a context, a stage error is tolerated (all) and reported."""
    from connectors.runtime.errors import (
        ProcessingContext,
        RetryWithToleranceOperator,
        Stage,
        ToleranceType,
    )
    from connectors.runtime.transformation_chain import TransformationChain, TransformationStage

    class Boom(_Drop):
        def apply(self, record: Any) -> Any:
            raise ValueError("boom")

    operator: RetryWithToleranceOperator[Any] = RetryWithToleranceOperator(
        0, 60000, ToleranceType.ALL
    )
    chain = TransformationChain([TransformationStage(Boom())], operator)
    context = ProcessingContext(rec("a"))
    assert chain.apply(rec("a"), context) is None
    assert context.failed() and context.stage() is Stage.TRANSFORMATION
    assert context.executing_class() is Boom
    with pytest.raises(ValueError, match="boom"):
        chain.apply(rec("a"))  # no context: the error propagates


def test_negate_is_read_as_java_parses_booleans() -> None:
    """negate is a BOOLEAN: TRUE (any case) negates, false does not."""
    for negate, expected in (("TRUE", "ab"), ("False", "AB")):
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
        assert chain.apply(rec("ab")).value == expected
