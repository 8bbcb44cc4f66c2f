"""What a string reads back as after Java encodes and decodes it in a Unicode charset."""

from __future__ import annotations


def java_round_trip(charset: str, text: str) -> str:
    """``new String(text.getBytes(charset), charset)`` for a well-formed ``text``.

    Only byte order marks change: UTF-16 decoders read U+FFFE (a reversed mark) as malformed
    anywhere, and the UTF-32 charsets that write no mark skip a leading U+FEFF as one.
    """
    name = charset.upper()
    if "16" in name:
        text = text.replace("\ufffe", "\ufffd")
    if name in ("UTF-32", "UTF-32BE", "UTF-32LE") and text.startswith("\ufeff"):
        text = text[1:]
    return text
