"""Password: a secret that never prints."""

from __future__ import annotations

import copy
import logging
import pickle

import pytest

from connect_data.config import Password


def test_text_is_hidden() -> None:
    """str, repr, format and containers all show [hidden]."""
    secret = Password("s3cret")
    assert str(secret) == "[hidden]"
    assert repr(secret) == "[hidden]"
    assert f"{secret}|{secret:>10}" == "[hidden]|  [hidden]"
    assert "s3cret" not in repr({"p": secret, "l": [secret]})
    assert secret.value() == "s3cret"
    assert Password.HIDDEN == "[hidden]"


def test_logging_hides(caplog: pytest.LogCaptureFixture) -> None:
    """Logging a Password writes [hidden]."""
    with caplog.at_level(logging.INFO):
        logging.getLogger("test").info("password=%s", Password("s3cret"))
    assert "s3cret" not in caplog.text
    assert "password=[hidden]" in caplog.text


def test_equality_and_hash() -> None:
    """Passwords are equal and hash alike by value, and never equal a plain string."""
    assert Password("a") == Password("a")
    assert Password("a") != Password("b")
    assert Password("a") != "a"
    assert hash(Password("a")) == hash(Password("a"))
    assert len({Password("a"), Password("a"), Password("b")}) == 2


def test_immutable_and_copyable() -> None:
    """A Password cannot be changed, and copies keep the value."""
    secret = Password("s3cret")
    with pytest.raises(AttributeError):
        secret.other = 1  # type: ignore[attr-defined]
    assert copy.deepcopy(secret) == secret
    assert pickle.loads(pickle.dumps(secret)) == secret


def test_rejects_non_string() -> None:
    """Only a str can be a Password value."""
    with pytest.raises(TypeError):
        Password(123)  # type: ignore[arg-type]
