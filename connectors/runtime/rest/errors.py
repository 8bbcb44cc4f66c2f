"""The REST API's exceptions and how each becomes an HTTP status and error body.

As Kafka Connect's ``ConnectExceptionMapper``: a :class:`ConnectRestException` carries its own
status (:class:`BadRequestException`: 400), :class:`NotFoundException` gives 404,
:class:`AlreadyExistsException` 409, anything else 500. The body is always
``{"error_code": <status>, "message": <text>}``, with every registered secret replaced by
``[hidden]``.
"""

from __future__ import annotations

import logging

from connect_data.errors import ConnectException
from connectors.runtime.rest.entities import ErrorMessage
from connectors.runtime.secrets import redactor

__all__ = [
    "AlreadyExistsException",
    "BadRequestException",
    "ConnectRestException",
    "NotFoundException",
    "error_message_for",
]

log = logging.getLogger(__name__)


class NotFoundException(ConnectException):
    """The connector, task or plugin named does not exist (HTTP 404)."""


class AlreadyExistsException(ConnectException):
    """A connector of that name exists already (HTTP 409)."""


class ConnectRestException(ConnectException):
    """An error with its own HTTP status (``error_code`` defaults to the status)."""

    def __init__(self, status_code: int, message: str, error_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.error_code = status_code if error_code is None else error_code


class BadRequestException(ConnectRestException):
    """The request is invalid (HTTP 400)."""

    def __init__(self, message: str) -> None:
        super().__init__(400, message)


def error_message_for(exc: BaseException) -> tuple[int, ErrorMessage]:
    """The HTTP status and body for an exception raised while serving a request."""
    message = redactor.scrub(str(exc)) if str(exc) else None
    if isinstance(exc, ConnectRestException):
        return exc.status_code, ErrorMessage(exc.error_code, message)
    if isinstance(exc, NotFoundException):
        return 404, ErrorMessage(404, message)
    if isinstance(exc, AlreadyExistsException):
        return 409, ErrorMessage(409, message)
    log.error("Uncaught exception in REST call", exc_info=exc)
    return 500, ErrorMessage(500, message)
