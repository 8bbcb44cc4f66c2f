"""Reading worker and connector configuration files: Java ``.properties`` and JSON.

:func:`parse_properties` (from :mod:`connect_data.config.properties`) follows
``java.util.Properties.load``. Files are read as UTF-8 (Latin-1 if they are not valid UTF-8),
where Java reads Latin-1 only.

Connector configurations may also be JSON, as Kafka Connect's REST API takes them: either
``{"name": "...", "config": {...}}`` or a flat object of keys and values.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from connect_data.config import ConfigException
from connect_data.config.properties import parse_properties

__all__ = ["load_config_file", "load_connector_config", "parse_properties"]


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigException(
            f"Cannot read the configuration file {path}: {exc.strerror or exc}"
        ) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _json_value(key: str, value: Any, path: Path) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    raise ConfigException(
        f"Configuration {key} in {path} must be a string, number or boolean, not "
        f"{type(value).__name__}"
    )


def _from_json(data: Any, path: Path) -> dict[str, str]:
    if not isinstance(data, Mapping):
        raise ConfigException(f"The JSON in {path} must be an object")
    name = data.get("name")
    config = data.get("config")
    if isinstance(config, Mapping):
        body = config
    elif config is None:
        body = data
    else:
        raise ConfigException(f'"config" in {path} must be an object')
    result: dict[str, str] = {}
    for key, value in body.items():
        text = _json_value(str(key), value, path)
        if text is not None:
            result[str(key)] = text
    if isinstance(config, Mapping) and name is not None:
        if "name" in result and result["name"] != str(name):
            raise ConfigException(
                f"Connector name configuration ({result['name']}) doesn't match connector name "
                f"({name}) in {path}"
            )
        result["name"] = str(name)
    return result


def load_config_file(path: str | Path) -> dict[str, str]:
    """A configuration file's keys: JSON when it ends in ``.json`` or starts with ``{``,
    else Java properties. Raises :class:`ConfigException` naming the file on error."""
    file = Path(path)
    text = _read_text(file)
    if file.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigException(f"{file} is not valid JSON: {exc}") from exc
        return _from_json(data, file)
    return parse_properties(text)


def load_connector_config(path: str | Path) -> dict[str, str]:
    """A connector configuration file (properties or JSON); it must name the connector."""
    config = load_config_file(path)
    if not config.get("name", "").strip():
        raise ConfigException(f"The connector configuration in {path} has no 'name'")
    return config
