"""docs/errors.md: its configuration reference is generated from the connector ConfigDefs."""

from __future__ import annotations

import re
from pathlib import Path

from connect_data.config import ConfigDef
from connectors.runtime.connector_config import (
    ERROR_GROUP,
    connector_config_def,
    sink_connector_config_def,
)

DOC = Path(__file__).resolve().parents[4] / "docs" / "errors.md"


def error_handling_config_def() -> ConfigDef:
    """The keys of the "Error Handling" group of a sink connector (a superset of a source's)."""
    definition = ConfigDef()
    for key in sink_connector_config_def().sorted_configs():
        if key.group == ERROR_GROUP:
            definition.define(key)
    return definition


def test_the_reference_is_generated_from_the_config_def() -> None:
    """The reference in docs/errors.md is exactly the group's to_markdown() output."""
    text = DOC.read_text(encoding="utf-8")
    match = re.search(
        r"<!-- config-reference: errors -->\n(.*?)<!-- end config-reference -->", text, re.DOTALL
    )
    assert match is not None, "docs/errors.md has no errors reference"
    assert match.group(1) == error_handling_config_def().to_markdown(4).strip("\n") + "\n"


def test_every_error_key_is_documented() -> None:
    """Every errors.* key of the connector configs appears in the reference."""
    names = set(error_handling_config_def().names())
    every = {n for n in sink_connector_config_def().names() if n.startswith("errors.")}
    assert every == names
    assert {n for n in connector_config_def().names() if n.startswith("errors.")} == {
        n for n in names if not n.startswith("errors.deadletterqueue.")
    }
