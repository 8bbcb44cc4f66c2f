"""The examples in the documentation run and print what the documentation says."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
DOCTESTED = ["connect_data.md"]


@pytest.mark.parametrize("name", DOCTESTED)
def test_doc_examples_run(name: str) -> None:
    """Every ``>>>`` example in the page gives the output shown."""
    result = doctest.testfile(
        str(DOCS / name),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        verbose=False,
    )
    assert result.attempted > 0
    assert result.failed == 0, f"{result.failed} example(s) in docs/{name} failed (see output)"
