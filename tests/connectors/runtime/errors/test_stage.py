"""Tests of connectors.runtime.errors.stage."""

from __future__ import annotations

from connectors.runtime.errors import Stage


def test_stages_are_kafkas() -> None:
    """The stages and their names are Kafka's, in Kafka's order."""
    assert [s.name for s in Stage] == [
        "KEY_CONVERTER",
        "VALUE_CONVERTER",
        "HEADER_CONVERTER",
        "TRANSFORMATION",
        "TASK_PUT",
        "TASK_POLL",
        "KAFKA_PRODUCE",
        "KAFKA_CONSUME",
    ]
    assert str(Stage.VALUE_CONVERTER) == "VALUE_CONVERTER"
