"""Errors of the plugin API beyond :mod:`connect_data.errors`."""

from __future__ import annotations

from connect_data.errors import ConnectException

__all__ = ["IllegalWorkerStateException"]


class IllegalWorkerStateException(ConnectException):
    """A task used its context in a way its current state does not allow (for example, pausing
    a partition that is not assigned to it)."""
