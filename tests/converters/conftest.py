"""Fixtures shared by the converter tests.

``json_writer`` runs a test once with JsonConverter's C writer (``converters._json_native``)
and once with its generated Python writers. Where the C writer is not built, its runs are
skipped with a loud reason, unless ``CONNECTPY_REQUIRE_NATIVE=1`` (CI sets it), which turns
them into failures.
"""

from __future__ import annotations

import os

import pytest

import converters._json_compile as json_compile

REQUIRE_NATIVE = os.environ.get("CONNECTPY_REQUIRE_NATIVE") == "1"


def native_missing() -> str | None:
    """Why the C writer cannot be tested here, or None when it can."""
    if json_compile.native_writer_available():
        return None
    if os.environ.get("CONNECTPY_PURE_PYTHON") == "1":
        return "CONNECTPY_PURE_PYTHON=1 turns the C writer off"
    return "converters._json_native is not built (pip install -e . needs a C compiler)"


@pytest.fixture(params=["native", "python"])
def json_writer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Which writer JsonConverters made in this test compile: "native" (C) or "python"."""
    if request.param == "native":
        reason = native_missing()
        if reason is not None:
            if REQUIRE_NATIVE:
                pytest.fail(f"CONNECTPY_REQUIRE_NATIVE=1 but {reason}")
            pytest.skip(f"SKIPPED LOUDLY: the C writer is not tested: {reason}")
    else:
        monkeypatch.setattr(json_compile, "_NATIVE_WRITER", None)
    return str(request.param)
