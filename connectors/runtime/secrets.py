"""Keeping secrets out of logs, status traces and error messages.

Configuration values of type ``PASSWORD`` (in a connector's, converter's, transformation's or
the worker's :class:`~connect_data.config.ConfigDef`) are registered with the process-wide
:data:`redactor` when the worker reads them. :meth:`Redactor.scrub` replaces every registered
value with ``[hidden]``; :class:`RedactingFilter` does so for every log record that passes
through a handler it is attached to (the CLI attaches it to its log handler), including the
traceback text of logged exceptions.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Mapping
from typing import Any, Final

from connect_data.config import ConfigDef, Password

__all__ = ["RedactingFilter", "Redactor", "redactor", "register_secrets"]

HIDDEN: Final = Password.HIDDEN


class Redactor:
    """A set of secret strings, and the function that hides them in text."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._secrets: tuple[str, ...] = ()

    def add(self, secrets: Iterable[str]) -> None:
        """Hide these values from now on (empty and very short values are ignored)."""
        with self._lock:
            current = set(self._secrets)
            current.update(s for s in secrets if isinstance(s, str) and len(s) >= 3)
            # longest first, so a secret containing another is replaced whole
            self._secrets = tuple(sorted(current, key=len, reverse=True))

    def scrub(self, text: str) -> str:
        """``text`` with every registered secret replaced by ``[hidden]``."""
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, HIDDEN)
        return text

    def __bool__(self) -> bool:
        return bool(self._secrets)


redactor: Final = Redactor()
"""The process-wide redactor."""


def register_secrets(
    definition: ConfigDef | None, props: Mapping[str, Any], prefix: str = ""
) -> None:
    """Register the values of ``definition``'s PASSWORD keys found in ``props`` (under ``prefix``)."""
    secrets: list[str] = []
    for value in props.values():
        if isinstance(value, Password):
            secrets.append(value.value())
    if definition is not None:
        for key in definition.config_keys().values():
            if key.type is ConfigDef.Type.PASSWORD:
                value = props.get(prefix + key.name)
                if isinstance(value, Password):
                    secrets.append(value.value())
                elif isinstance(value, str):
                    secrets.append(value.strip())
                    secrets.append(value)
    if secrets:
        redactor.add(secrets)


class RedactingFilter(logging.Filter):
    """A logging filter that removes registered secrets from messages and tracebacks."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not redactor:
            return True
        message = record.getMessage()
        scrubbed = redactor.scrub(message)
        if scrubbed != message:
            record.msg = scrubbed
            record.args = None
        if record.exc_info and record.exc_info[0] is not None:
            if not record.exc_text:
                record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_text = redactor.scrub(record.exc_text)
        if record.exc_text:
            record.exc_text = redactor.scrub(record.exc_text)
        return True
