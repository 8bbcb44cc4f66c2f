"""The reference section of ``docs/transforms.md``, generated from the stock plugins' ConfigDefs.

``python -m connectors.transforms.reference docs/transforms.md`` rewrites the part of the file
between the ``BEGIN``/``END`` markers; a test checks that the file is up to date.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from connect_data.config import ConfigDef
from connectors.transforms.cast import Cast
from connectors.transforms.drop_headers import DropHeaders
from connectors.transforms.extract_field import ExtractField
from connectors.transforms.filter import Filter
from connectors.transforms.flatten import Flatten
from connectors.transforms.header_from import HeaderFrom
from connectors.transforms.hoist_field import HoistField
from connectors.transforms.insert_field import InsertField
from connectors.transforms.insert_header import InsertHeader
from connectors.transforms.mask_field import MaskField
from connectors.transforms.predicates import HasHeaderKey, RecordIsTombstone, TopicNameMatches
from connectors.transforms.regex_router import RegexRouter
from connectors.transforms.replace_field import ReplaceField
from connectors.transforms.set_schema_metadata import SetSchemaMetadata
from connectors.transforms.timestamp_converter import TimestampConverter
from connectors.transforms.timestamp_router import TimestampRouter
from connectors.transforms.value_to_key import ValueToKey

__all__ = ["BEGIN_MARKER", "END_MARKER", "reference_markdown", "update_file"]

BEGIN_MARKER: Final = (
    "<!-- BEGIN GENERATED REFERENCE: python -m connectors.transforms.reference -->"
)
END_MARKER: Final = "<!-- END GENERATED REFERENCE -->"

_JAVA_TRANSFORMS: Final = "org.apache.kafka.connect.transforms."
_JAVA_PREDICATES: Final = "org.apache.kafka.connect.transforms.predicates."

_TRANSFORMS: Final[Sequence[tuple[type, bool]]] = (
    (Cast, True),
    (DropHeaders, False),
    (ExtractField, True),
    (Filter, False),
    (Flatten, True),
    (HeaderFrom, True),
    (HoistField, True),
    (InsertField, True),
    (InsertHeader, False),
    (MaskField, True),
    (RegexRouter, False),
    (ReplaceField, True),
    (SetSchemaMetadata, True),
    (TimestampConverter, True),
    (TimestampRouter, False),
    (ValueToKey, False),
)
_PREDICATES: Final[Sequence[type]] = (HasHeaderKey, RecordIsTombstone, TopicNameMatches)


def _overview(html: str) -> str:
    """Java's HTML overview as Markdown (paragraphs and code spans)."""
    text = html.replace("<p/>", "\n\n")
    return re.sub(r"<code>(.*?)</code>", r"`\1`", text).strip()


def _section(cls: type, java_prefix: str, sided: bool) -> str:
    name = cls.__name__
    module = cls.__module__
    if sided:
        java = ", ".join(f"`{java_prefix}{name}${side}`" for side in ("Key", "Value"))
        python = ", ".join(f"`{module}.{name}.{side}`" for side in ("Key", "Value"))
    else:
        java = f"`{java_prefix}{name}`"
        python = f"`{module}.{name}`"
    definition: ConfigDef = getattr(cls, "CONFIG_DEF")  # noqa: B009  (every stock plugin has one)
    overview: str = getattr(cls, "OVERVIEW_DOC")  # noqa: B009
    lines = [
        f"### {name}",
        "",
        _overview(overview),
        "",
        f"- Java: {java}",
        f"- Python: {python}",
        "",
    ]
    settings = definition.to_markdown(4).strip()
    lines.append(settings if settings else "No settings.")
    return "\n".join(lines) + "\n"


def reference_markdown() -> str:
    """The generated reference: each transformation, then each predicate, with its settings."""
    parts = ["## Reference: transformations", ""]
    parts.extend(_section(cls, _JAVA_TRANSFORMS, sided) for cls, sided in _TRANSFORMS)
    parts.extend(["## Reference: predicates", ""])
    parts.extend(_section(cls, _JAVA_PREDICATES, False) for cls in _PREDICATES)
    return "\n".join(parts)


def _replace_section(document: str) -> str:
    start = document.index(BEGIN_MARKER) + len(BEGIN_MARKER)
    end = document.index(END_MARKER)
    return document[:start] + "\n\n" + reference_markdown() + "\n" + document[end:]


def update_file(path: Path) -> bool:
    """Rewrite the generated section of ``path``; whether the file changed."""
    document = path.read_text(encoding="utf-8")
    updated = _replace_section(document)
    if updated == document:
        return False
    path.write_text(updated, encoding="utf-8")
    return True


def main(argv: Sequence[str]) -> int:
    """``python -m connectors.transforms.reference FILE``: regenerate FILE's reference section."""
    if len(argv) != 1:
        print(
            "usage: python -m connectors.transforms.reference docs/transforms.md", file=sys.stderr
        )
        return 2
    changed = update_file(Path(argv[0]))
    print(f"{argv[0]}: {'updated' if changed else 'up to date'}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
