"""SchemaProjector against the cases recorded from Kafka's Java SchemaProjector."""

from __future__ import annotations

from typing import Any

import pytest

from connect_data import SchemaProjector
from tests.vectors import cases, parse_schema, to_python, value_matches

VECTORS = "kafka-schema-projector.jsonl"


def _java_name(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


@pytest.mark.parametrize("case", cases(VECTORS))
def test_projection(case: dict[str, Any]) -> None:
    """The projected value, or the exception and its message (and cause), are Java's."""
    source = parse_schema(case["source_schema"])
    target = parse_schema(case["target_schema"])
    assert source is not None and target is not None
    value = to_python(case["source_value"], source)
    if case["error"] is None:
        projected = SchemaProjector.project(source, value, target)
        assert value_matches(projected, case["result_value"]), (
            f"{projected!r} does not match {case['result_value']!r}"
        )
        return
    with pytest.raises(Exception) as info:
        SchemaProjector.project(source, value, target)
    assert _java_name(info.value) == case["error"]
    assert case["error_class"].endswith("." + type(info.value).__name__)
    if case.get("error_cause"):
        cause = info.value.__cause__
        assert cause is not None
        assert case["error_cause"].endswith(f"{type(cause).__name__}: {cause}")
