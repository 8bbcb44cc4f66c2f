"""Tests of connectors.runtime.rest.errors: exception to status and error body."""

from __future__ import annotations

from connect_data.errors import ConnectException
from connectors.runtime.rest.entities import ErrorMessage
from connectors.runtime.rest.errors import (
    AlreadyExistsException,
    BadRequestException,
    ConnectRestException,
    NotFoundException,
    error_message_for,
)
from connectors.runtime.secrets import redactor


def test_statuses_follow_kafkas_exception_mapper() -> None:
    """Rest exceptions keep their status; not found is 404, exists 409, anything else 500."""
    assert error_message_for(BadRequestException("bad")) == (400, ErrorMessage(400, "bad"))
    assert error_message_for(ConnectRestException(403, "no")) == (403, ErrorMessage(403, "no"))
    assert error_message_for(ConnectRestException(409, "x", 42)) == (409, ErrorMessage(42, "x"))
    assert error_message_for(NotFoundException("gone")) == (404, ErrorMessage(404, "gone"))
    assert error_message_for(AlreadyExistsException("dup")) == (409, ErrorMessage(409, "dup"))
    assert error_message_for(ConnectException("boom")) == (500, ErrorMessage(500, "boom"))
    assert error_message_for(RuntimeError()) == (500, ErrorMessage(500, None))


def test_registered_secrets_are_hidden_in_messages() -> None:
    """A secret the worker registered never appears in an error body."""
    redactor.add(["very-secret-value-42"])
    status, message = error_message_for(ConnectException("login failed: very-secret-value-42"))
    assert status == 500 and message.message == "login failed: [hidden]"
