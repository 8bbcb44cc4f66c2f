"""Tests of connectors.runtime.secrets: hiding PASSWORD values."""

from __future__ import annotations

import logging

import pytest

from connect_data.config import ConfigDef, Password
from connectors.runtime.secrets import RedactingFilter, Redactor, redactor, register_secrets


def test_scrub_replaces_every_registered_secret() -> None:
    """Registered values become [hidden], the longest first; short values are ignored."""
    local = Redactor()
    local.add(["abcdef", "abc", "x"])
    assert local.scrub("abcdef abc x") == "[hidden] [hidden] x"


def test_register_secrets_uses_password_keys_only() -> None:
    """Only values of PASSWORD keys (or Password objects) are registered."""
    definition = (
        ConfigDef()
        .define("db.password", ConfigDef.Type.PASSWORD, None, importance=ConfigDef.Importance.HIGH)
        .define("db.user", ConfigDef.Type.STRING, None, importance=ConfigDef.Importance.HIGH)
    )
    register_secrets(
        definition, {"conn.db.password": "pa55word-1", "conn.db.user": "alice-user"}, "conn."
    )
    register_secrets(None, {"other": Password("pa55word-2")})
    assert redactor.scrub("pa55word-1 pa55word-2 alice-user") == "[hidden] [hidden] alice-user"


def test_filter_scrubs_messages_and_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    """The logging filter hides secrets in the message, its arguments and the traceback."""
    redactor.add(["topsecret-42"])
    logger = logging.getLogger("test.secrets")
    caplog.handler.addFilter(RedactingFilter())
    try:
        try:
            raise ValueError("bad login topsecret-42")
        except ValueError:
            logger.exception("failed with %s", "topsecret-42")
    finally:
        caplog.handler.filters.clear()
    assert "topsecret-42" not in caplog.text
    assert "failed with [hidden]" in caplog.text and "bad login [hidden]" in caplog.text
