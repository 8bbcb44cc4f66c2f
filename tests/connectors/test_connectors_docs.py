"""docs/connectors.md: the configuration reference of each shipped connector is generated.

Each reference sits between ``<!-- config-reference: <python path> -->`` and
``<!-- end config-reference -->`` and must equal ``config().to_markdown(4)`` of that class.
To update it after changing a ConfigDef, paste the output of
``python -c "from connectors.http import HttpPollSourceConnector as C; print(C().config().to_markdown(4))"``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from connectors.file import FileStreamSinkConnector, FileStreamSourceConnector
from connectors.http import HttpPollSourceConnector
from connectors.jsonl import JsonLinesSinkConnector

DOC = Path(__file__).resolve().parents[2] / "docs" / "connectors.md"


@pytest.mark.parametrize(
    ("path", "connector"),
    [
        ("connectors.file.FileStreamSourceConnector", FileStreamSourceConnector),
        ("connectors.file.FileStreamSinkConnector", FileStreamSinkConnector),
        ("connectors.http.HttpPollSourceConnector", HttpPollSourceConnector),
        ("connectors.jsonl.JsonLinesSinkConnector", JsonLinesSinkConnector),
    ],
)
def test_reference_is_generated_from_config_def(path: str, connector: type) -> None:
    """The documented reference equals the connector's ConfigDef.to_markdown(4)."""
    text = DOC.read_text(encoding="utf-8")
    match = re.search(
        rf"<!-- config-reference: {re.escape(path)} -->\n(.*?)<!-- end config-reference -->",
        text,
        re.DOTALL,
    )
    assert match is not None, f"docs/connectors.md has no config reference for {path}"
    expected = connector().config().to_markdown(4).strip("\n") + "\n"
    assert match.group(1) == expected


def test_every_key_of_the_http_source_is_explained() -> None:
    """Every HttpPollSource key is mentioned in the prose before its generated reference."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## HttpPollSource", 1)[1].split("<!-- config-reference", 1)[0]
    missing = [
        name
        for name in HttpPollSourceConnector().config().names()
        if f"`{name}`" not in section and name not in section
    ]
    assert missing == []
