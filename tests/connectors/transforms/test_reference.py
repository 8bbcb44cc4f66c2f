"""docs/transforms.md: its reference section is generated from the stock plugins' ConfigDefs."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors.transforms import (
    Cast,
    DropHeaders,
    ExtractField,
    Filter,
    Flatten,
    HasHeaderKey,
    HeaderFrom,
    HoistField,
    InsertField,
    InsertHeader,
    MaskField,
    RecordIsTombstone,
    RegexRouter,
    ReplaceField,
    SetSchemaMetadata,
    TimestampConverter,
    TimestampRouter,
    TopicNameMatches,
    ValueToKey,
)
from connectors.transforms.reference import (
    BEGIN_MARKER,
    END_MARKER,
    main,
    reference_markdown,
    update_file,
)

DOC = Path(__file__).resolve().parents[3] / "docs" / "transforms.md"
STOCK = [
    Cast,
    DropHeaders,
    ExtractField,
    Filter,
    Flatten,
    HeaderFrom,
    HoistField,
    InsertField,
    InsertHeader,
    MaskField,
    RegexRouter,
    ReplaceField,
    SetSchemaMetadata,
    TimestampConverter,
    TimestampRouter,
    ValueToKey,
    HasHeaderKey,
    RecordIsTombstone,
    TopicNameMatches,
]


def test_doc_reference_is_up_to_date() -> None:
    """The section between the markers is exactly what the generator writes now."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index(BEGIN_MARKER) + len(BEGIN_MARKER) : text.index(END_MARKER)]
    assert section.strip() == reference_markdown().strip(), (
        "docs/transforms.md is stale: run python -m connectors.transforms.reference docs/transforms.md"
    )


@pytest.mark.parametrize("cls", STOCK, ids=lambda c: c.__name__)
def test_every_setting_of_every_plugin_is_documented(cls: type) -> None:
    """Each plugin has a section holding its ConfigDef.to_markdown() text."""
    text = DOC.read_text(encoding="utf-8")
    assert f"### {cls.__name__}\n" in text
    assert cls.CONFIG_DEF.to_markdown(4).strip() in text  # type: ignore[attr-defined]


def test_update_file_rewrites_only_the_generated_section(tmp_path: Path) -> None:
    """Regeneration keeps the hand-written text and is idempotent."""
    target = tmp_path / "t.md"
    target.write_text(f"intro\n{BEGIN_MARKER}\nSTALE-TEXT\n{END_MARKER}\noutro\n", encoding="utf-8")
    assert update_file(target)
    assert not update_file(target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("intro\n") and text.endswith(f"{END_MARKER}\noutro\n")
    assert "STALE-TEXT" not in text
    assert main([str(target)]) == 0
    assert main([]) == 2
