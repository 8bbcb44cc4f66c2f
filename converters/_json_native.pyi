"""Type stub of the C accelerator built from _json_native.c (see converters._json_compile)."""

from collections.abc import Callable
from typing import Any

class Writer:
    """Writes one record of a schema as Kafka's JsonConverter does, along a compiled plan."""

    def __init__(
        self,
        plan: tuple[Any, ...],
        fallback: type[BaseException],
        dumps: Callable[[Any], bytes],
        fix_escapes: Callable[[bytes], bytes],
        prefix: bytes | None = None,
    ) -> None: ...
    def __call__(self, value: Any, /) -> bytes: ...

def risky_numbers(data: bytes, /) -> bool:
    """True if the JSON text holds ``-0`` or a run of 19 or more digits."""
