"""docs/rest.md's examples are honest: run in order against a fresh worker, each request
answers the documented status with a body of the documented shape."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.connectors.runtime.rest.conftest import RunningWorker, worker_props

DOC = Path(__file__).resolve().parents[4] / "docs" / "rest.md"
BLOCK = re.compile(r"```http\n(.*?)```", re.DOTALL)


def examples() -> list[tuple[str, str, str | None, int, Any]]:
    """(method, path, request body, status, response body) per documented exchange."""
    blocks = BLOCK.findall(DOC.read_text(encoding="utf-8"))
    result: list[tuple[str, str, str | None, int, Any]] = []
    for request, response in zip(blocks[::2], blocks[1::2], strict=True):
        head, _, body = request.partition("\n\n")
        method, path, _ = head.splitlines()[0].split(" ")
        status_line, _, response_body = response.partition("\n\n")
        status = int(status_line.splitlines()[0].split(" ")[1])
        parsed = json.loads(response_body) if response_body.strip() else None
        result.append((method, path, body.strip() or None, status, parsed))
    return result


def same_shape(documented: Any, actual: Any, where: str = "body") -> None:
    """Objects have the same keys, lists elements like the documented first one, and scalars
    the same JSON type (a documented null stands for a string or null)."""
    if isinstance(documented, dict):
        assert isinstance(actual, dict), f"{where}: {actual!r} is not an object"
        assert set(actual) == set(documented), f"{where}: keys {sorted(actual)}"
        for key, value in documented.items():
            same_shape(value, actual[key], f"{where}.{key}")
    elif isinstance(documented, list):
        assert isinstance(actual, list), f"{where}: {actual!r} is not an array"
        if documented:
            for index, item in enumerate(actual):
                same_shape(documented[0], item, f"{where}[{index}]")
    elif documented is None:
        assert actual is None or isinstance(actual, str), f"{where}: {actual!r}"
    else:
        assert type(actual) is type(documented) or (
            isinstance(documented, str) and actual is None
        ), f"{where}: {actual!r} is not like {documented!r}"


def test_the_doc_has_examples() -> None:
    """docs/rest.md documents at least every kind of request it promises."""
    methods = {(m, p.split("?")[0].split("/")[-1]) for m, p, _, _, _ in examples()}
    assert ("POST", "connectors") in methods and ("PATCH", "offsets") in methods
    assert len(examples()) >= 25


def test_same_shape_detects_differences() -> None:
    """The shape check fails on a missing key, a wrong type or a wrong element."""
    same_shape({"a": [{"b": 1}], "c": None}, {"a": [{"b": 2}, {"b": 3}], "c": "x"})
    wrong: list[Any] = [{"a": []}, {"a": [{"b": "1"}], "c": None}, {"a": [1], "c": None}]
    for actual in wrong:
        with pytest.raises(AssertionError):
            same_shape({"a": [{"b": 1}], "c": None}, actual)


def test_documented_exchanges(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each documented request, in order, answers the documented status and shape."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "test.txt").write_text("foo\nbar\n")
    worker = RunningWorker(worker_props(tmp_path))
    try:
        for method, path, body, status, documented in examples():
            response = worker.client.request(
                method,
                path,
                content=None if body is None else body.encode(),
                headers={"Content-Type": "application/json"},
            )
            assert response.status_code == status, (method, path, response.text)
            if documented is None:
                assert response.content == b"", (method, path)
            else:
                assert response.headers["content-type"] == "application/json"
                same_shape(documented, response.json(), f"{method} {path}")
    finally:
        worker.stop()
