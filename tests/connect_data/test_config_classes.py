"""Class resolution for Type.CLASS values."""

from __future__ import annotations

import collections
import json
import threading

import pytest

from connect_data.config import (
    ConfigDef,
    ConfigException,
    class_resolver,
    class_resolver_context,
    load_class,
    set_class_resolver,
)


class Outer:
    class Inner:
        pass


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("json.JSONDecoder", json.JSONDecoder),
        ("json.decoder.JSONDecoder", json.JSONDecoder),
        ("json:JSONDecoder", json.JSONDecoder),
        ("collections.OrderedDict", collections.OrderedDict),
        ("str", str),
        (f"{__name__}.Outer.Inner", Outer.Inner),
        (f"{__name__}:Outer.Inner", Outer.Inner),
    ],
)
def test_load_class(name: str, expected: type) -> None:
    """Dotted paths, module:qualname and builtin names load the class."""
    assert load_class(name) is expected


@pytest.mark.parametrize(
    "name",
    [
        "",
        "NoSuchBuiltin",
        "json.NoSuchClass",
        "no_such_module_anywhere.Thing",
        "json.dumps",
        "json",
        "json:",
        ":JSONDecoder",
        " json.JSONDecoder",
        "os.path.NotThere",
    ],
)
def test_load_class_not_found(name: str) -> None:
    """Names that are not classes raise LookupError, ImportError or AttributeError."""
    with pytest.raises((LookupError, ImportError, AttributeError)):
        load_class(name)


def test_broken_dependency_is_not_reported_as_missing(tmp_path: object) -> None:
    """A module whose own import fails is reported with that failure."""
    import sys
    from pathlib import Path

    root = Path(str(tmp_path))
    (root / "cfg_broken_mod.py").write_text("import cfg_missing_dependency_xyz\nclass C: pass\n")
    sys.path.insert(0, str(root))
    try:
        with pytest.raises(ConfigException) as excinfo:
            ConfigDef.parse_type("c", "cfg_broken_mod.C", ConfigDef.Type.CLASS)
    finally:
        sys.path.remove(str(root))
        sys.modules.pop("cfg_broken_mod", None)
    assert "cfg_missing_dependency_xyz" in str(excinfo.value)


def test_set_class_resolver_is_process_wide() -> None:
    """set_class_resolver applies in every thread until restored."""

    def resolver(name: str) -> type:
        if name == "Alias":
            return Outer
        return load_class(name)

    previous = set_class_resolver(resolver)
    try:
        seen: list[type] = []
        thread = threading.Thread(target=lambda: seen.append(class_resolver()("Alias")))
        thread.start()
        thread.join()
        assert seen == [Outer]
    finally:
        assert set_class_resolver(previous) is resolver
    assert class_resolver() is load_class


def test_context_resolver_wins_and_resets() -> None:
    """class_resolver_context overrides the process resolver inside the block only."""

    def resolver(name: str) -> type:
        return Outer.Inner

    with class_resolver_context(resolver):
        assert class_resolver() is resolver
    assert class_resolver() is load_class


def test_set_class_resolver_none_restores_default() -> None:
    """set_class_resolver(None) restores load_class."""
    previous = set_class_resolver(None)
    assert class_resolver() is load_class
    set_class_resolver(previous)
