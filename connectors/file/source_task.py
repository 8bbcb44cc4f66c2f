"""``FileStreamSourceTask``: reads lines from a file or standard input (Kafka's task of that name)."""

from __future__ import annotations

import logging
import queue
import sys
import threading
import time
from collections.abc import Mapping
from typing import IO, Any, ClassVar

from connect_data import Schema
from connect_data.config import AbstractConfig
from connect_data.errors import ConnectException
from connectors.file.lines import LineSplitter
from connectors.file.source_connector import FileStreamSourceConnector
from connectors.record import SourceRecord
from connectors.source import SourceTask
from converters.version import connectpy_version

__all__ = ["FileStreamSourceTask"]

log = logging.getLogger(__name__)

_READ_SIZE = 64 * 1024


class FileStreamSourceTask(SourceTask):
    """Reads the file named by ``file`` (standard input when unset) and emits one record per line.

    On the first :meth:`poll` the file is opened and, if an offset was committed for
    ``{"filename": <file>}``, reading starts at its ``position``. A file that does not exist
    yet is waited for. A poll returns at most ``batch.size`` records; with nothing new to read
    it waits up to a second (returning early on :meth:`stop`) and returns ``None``.
    """

    FILENAME_FIELD = "filename"
    POSITION_FIELD = "position"
    VALUE_SCHEMA: ClassVar[Schema] = Schema.STRING_SCHEMA

    empty_wait_s: float = 1.0
    """How long a poll waits for new data before returning ``None`` (Java: one second)."""

    def __init__(self) -> None:
        self._filename: str | None = None
        self._topic = ""
        self._batch_size = FileStreamSourceConnector.DEFAULT_TASK_BATCH_SIZE
        self._stream: IO[bytes] | None = None
        self._stdin: _StdinReader | None = None
        self._splitter: LineSplitter | None = None
        self._stopping = threading.Event()
        self._wakeup = threading.Event()

    def version(self) -> str:
        """The connector's version."""
        return connectpy_version()

    def start(self, props: Mapping[str, str]) -> None:
        """Read ``file``, ``topic`` and ``batch.size``; start reading standard input if no file."""
        config = AbstractConfig(FileStreamSourceConnector.CONFIG_DEF, props)
        self._filename = config.get_string(FileStreamSourceConnector.FILE_CONFIG)
        self._topic = config.get_string(FileStreamSourceConnector.TOPIC_CONFIG) or ""
        self._batch_size = config.get_int(FileStreamSourceConnector.TASK_BATCH_SIZE_CONFIG) or 1
        self._stopping.clear()
        if not self._filename:
            # positions in standard input mean nothing after a restart: they are not tracked
            self._splitter = LineSplitter(position=None)
            self._stdin = _StdinReader(sys.stdin.buffer, self._wakeup)

    def poll(self) -> list[SourceRecord] | None:
        """The next lines (at most ``batch.size``), or ``None`` after waiting for data in vain."""
        if self._stopping.is_set():
            return None
        if self._splitter is None and not self._open():
            return None
        try:
            records = self._read_records()
            if records:
                return records
            self._wakeup.wait(self.empty_wait_s)
            self._wakeup.clear()
            if self._stopping.is_set():
                return None
            return self._read_records() or None
        except (OSError, ValueError):
            if self._stopping.is_set():
                return None  # the stream was closed by stop()
            raise

    def _open(self) -> bool:
        """Open the file at its committed position; ``False`` (after waiting) if it is missing."""
        filename = self._filename
        assert filename is not None
        try:
            stream: IO[bytes] = open(filename, "rb", buffering=0)  # noqa: SIM115  (closed in stop)
        except FileNotFoundError:
            log.warning(
                "Couldn't find file %s for FileStreamSourceTask, sleeping to wait for it to be "
                "created",
                filename,
            )
            self._stopping.wait(self.empty_wait_s)
            return False
        except OSError as exc:
            log.error("Error while trying to open file %s: %s", filename, exc)
            raise ConnectException(f"Error while trying to open file {filename}: {exc}") from exc
        position = 0
        try:
            offset = self.context.offset_storage_reader().offset({self.FILENAME_FIELD: filename})
            last = None if offset is None else offset.get(self.POSITION_FIELD)
            if last is not None:
                if not isinstance(last, int) or isinstance(last, bool):
                    raise ConnectException("Offset position is the incorrect type")
                log.debug("Found previous offset, trying to skip to file offset %d", last)
                stream.seek(last)
                position = last
        except BaseException:
            stream.close()
            raise
        self._stream = stream
        self._splitter = LineSplitter(position)
        log.debug("Opened %s for reading", filename)
        return True

    def _read_records(self) -> list[SourceRecord]:
        splitter = self._splitter
        assert splitter is not None
        records: list[SourceRecord] = []
        partition = {self.FILENAME_FIELD: self._filename}
        now_ms = time.time_ns() // 1_000_000
        while len(records) < self._batch_size:
            line = splitter.next_line()
            if line is None:
                data = self._read_chunk()
                if not data:
                    break
                splitter.feed(data)
                continue
            records.append(
                SourceRecord(
                    source_partition=partition,
                    source_offset={self.POSITION_FIELD: splitter.position},
                    topic=self._topic,
                    value_schema=self.VALUE_SCHEMA,
                    value=line,
                    timestamp=now_ms,
                )
            )
        return records

    def _read_chunk(self) -> bytes:
        if self._stdin is not None:
            return self._stdin.take()
        stream = self._stream
        if stream is None:
            return b""
        return stream.read(_READ_SIZE) or b""

    def stop(self) -> None:
        """Close the file (not standard input) and make a waiting :meth:`poll` return."""
        self._stopping.set()
        self._wakeup.set()
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.close()
            except OSError as exc:
                log.error("Failed to close FileStreamSourceTask stream: %s", exc)


class _StdinReader:
    """Reads standard input on a daemon thread, so that :meth:`poll` never blocks on it."""

    def __init__(self, stream: IO[bytes], wakeup: threading.Event) -> None:
        self._stream = stream
        self._wakeup = wakeup
        self._chunks: queue.SimpleQueue[bytes] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="file-source-stdin", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        read: Any = getattr(self._stream, "read1", None) or self._stream.read
        while True:
            try:
                data = read(_READ_SIZE)
            except (OSError, ValueError) as exc:
                log.error("Failed to read standard input: %s", exc)
                return
            if not data:
                return
            self._chunks.put(bytes(data))
            self._wakeup.set()

    def take(self) -> bytes:
        """Everything read so far and not yet taken (``b""`` if nothing)."""
        parts = []
        while True:
            try:
                parts.append(self._chunks.get_nowait())
            except queue.Empty:
                return b"".join(parts)
