"""Splitting a byte stream into text lines the way Kafka's ``FileStreamSourceTask`` does.

A line ends at ``\\n``, ``\\r`` or ``\\r\\n``. A ``\\r`` that is the last byte read so far does
not end a line yet: the next byte decides whether it is a lone ``\\r`` or half of ``\\r\\n``.
Bytes after the last line end stay buffered until more data arrives (Java never emits a final
unterminated line either). Lines are decoded as UTF-8, malformed bytes becoming U+FFFD as
Java's ``InputStreamReader`` does.
"""

from __future__ import annotations

__all__ = ["LineSplitter"]

_LF = 0x0A
_CR = 0x0D


class LineSplitter:
    """Accumulates bytes and hands out complete lines with the byte position after each.

    ``position`` counts the bytes consumed by the lines handed out so far, starting at the
    ``position`` given to the constructor (the byte offset the stream was opened at), or is
    ``None`` for a stream whose position is not tracked (standard input).

    >>> splitter = LineSplitter(position=0)
    >>> splitter.feed(b"one\\r\\ntwo\\rthree\\n\\r")
    >>> [splitter.next_line(), splitter.position]
    ['one', 5]
    >>> splitter.next_line(), splitter.next_line(), splitter.next_line()
    ('two', 'three', None)
    >>> splitter.feed(b"x")
    >>> splitter.next_line(), splitter.position
    ('', 16)
    """

    __slots__ = ("_buffer", "_start", "position")

    def __init__(self, position: int | None = 0) -> None:
        self._buffer = bytearray()
        self._start = 0
        self.position = position

    def feed(self, data: bytes) -> None:
        """Append bytes read from the stream."""
        if self._start:
            del self._buffer[: self._start]
            self._start = 0
        self._buffer += data

    def buffered(self) -> int:
        """The number of bytes read but not yet handed out as part of a line."""
        return len(self._buffer) - self._start

    def next_line(self) -> str | None:
        """The next complete line (without its terminator), or ``None`` if there is none yet."""
        buffer = self._buffer
        start = self._start
        lf = buffer.find(_LF, start)
        cr = buffer.find(_CR, start, lf if lf >= 0 else len(buffer))
        if cr >= 0:
            if cr + 1 >= len(buffer):
                return None  # a trailing \r: wait for the byte that says whether \n follows
            end = cr
            next_start = cr + 2 if buffer[cr + 1] == _LF else cr + 1
        elif lf >= 0:
            end = lf
            next_start = lf + 1
        else:
            return None
        line = buffer[start:end].decode("utf-8", errors="replace")
        if self.position is not None:
            self.position += next_start - start
        self._start = next_start
        return line
