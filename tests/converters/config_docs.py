"""Checks that the configuration reference in docs/converters.md is generated from a ConfigDef.

Each converter's reference sits between ``<!-- config-reference: <python path> -->`` and
``<!-- end config-reference -->``; it must equal ``config().to_markdown(4)`` of that class.
"""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "converters.md"


def config_reference(class_path: str) -> str:
    """The reference block documented for ``class_path`` (fails the test if it is missing)."""
    text = DOC.read_text(encoding="utf-8")
    match = re.search(
        rf"<!-- config-reference: {re.escape(class_path)} -->\n(.*?)<!-- end config-reference -->",
        text,
        re.DOTALL,
    )
    assert match is not None, f"docs/converters.md has no config reference for {class_path}"
    return match.group(1)


def expected_reference(markdown: str) -> str:
    """``to_markdown()`` output as it is pasted into the page (one trailing newline)."""
    return markdown.strip("\n") + "\n" if markdown.strip() else ""
