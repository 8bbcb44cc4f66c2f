"""Tests of connectors.runtime.errors.processing_context."""

from __future__ import annotations

from connectors.runtime.errors import ProcessingContext, Stage


def test_getters_and_setters() -> None:
    """Each property is a getter without an argument and a setter with one."""
    context = ProcessingContext("original")
    assert context.original() == "original"
    assert (context.stage(), context.executing_class(), context.attempt()) == (None, None, 0)
    assert not context.failed() and context.error() is None
    context.current_context(Stage.TRANSFORMATION, int)
    assert context.stage() is Stage.TRANSFORMATION and context.executing_class() is int
    context.position(Stage.KEY_CONVERTER)
    assert context.stage(Stage.VALUE_CONVERTER) is Stage.VALUE_CONVERTER
    assert context.attempt(3) == 3 and context.attempt() == 3
    error = ValueError("x")
    assert context.error(error) is error and context.failed()
    assert "VALUE_CONVERTER" in repr(context)
    context.error(None)
    assert not context.failed()
