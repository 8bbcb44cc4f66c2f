"""Which source offsets may be committed (Kafka Connect's ``SubmittedRecords``).

Records are tracked per source partition in the order :meth:`SourceTask.poll` returned them.
An offset becomes committable only when its record and every earlier record of the same source
partition were acknowledged by the record log, so a committed offset never skips a record that
might still be lost.
"""

from __future__ import annotations

import collections
import threading
import time
from collections.abc import Mapping
from typing import Any

import attrs

from connectors.offsets import partition_key

__all__ = ["CommittableOffsets", "SubmittedRecord", "SubmittedRecords"]


class SubmittedRecord:
    """One record on its way to the log. :meth:`ack` may be called from any thread."""

    __slots__ = ("_acked", "_owner", "key", "offset", "partition")

    def __init__(
        self,
        owner: SubmittedRecords,
        partition: Mapping[str, Any] | None,
        offset: Mapping[str, Any] | None,
    ) -> None:
        self._owner = owner
        self.partition = partition
        self.offset = offset
        self.key = None if partition is None else partition_key(partition)
        self._acked = False

    def ack(self) -> None:
        """The log stored the record: its offset may be committed."""
        if not self._acked:
            self._acked = True
            self._owner._acked()

    def drop(self) -> bool:
        """Stop tracking the record (it was rejected synchronously and will be sent again).

        Returns whether it was still tracked.
        """
        return self._owner._remove(self)

    @property
    def acked(self) -> bool:
        """Whether :meth:`ack` was called."""
        return self._acked


@attrs.frozen
class CommittableOffsets:
    """Offsets ready to commit, with counts for the progress log line."""

    offsets: dict[Any, tuple[Mapping[str, Any] | None, Mapping[str, Any] | None]] = attrs.field(
        factory=dict
    )
    num_committable: int = 0
    num_uncommittable: int = 0
    num_deques: int = 0
    largest_deque_size: int = 0
    largest_deque_partition: Mapping[str, Any] | None = None

    def is_empty(self) -> bool:
        """Whether nothing is ready to commit."""
        return self.num_committable == 0 and not self.offsets

    def has_pending(self) -> bool:
        """Whether some records are still waiting for acknowledgement."""
        return self.num_uncommittable > 0

    def updated_with(self, newer: CommittableOffsets) -> CommittableOffsets:
        """These offsets overwritten by ``newer`` ones (its counts replace the pending ones)."""
        merged = dict(self.offsets)
        merged.update(newer.offsets)
        return CommittableOffsets(
            merged,
            self.num_committable + newer.num_committable,
            newer.num_uncommittable,
            newer.num_deques,
            newer.largest_deque_size,
            newer.largest_deque_partition,
        )


EMPTY = CommittableOffsets()


class SubmittedRecords:
    """Tracks submitted records per source partition. Use from one thread, except ``ack``."""

    def __init__(self) -> None:
        self._records: dict[Any, collections.deque[SubmittedRecord]] = {}
        self._partitions: dict[Any, Mapping[str, Any] | None] = {}
        self._cond = threading.Condition()
        self._unacked = 0

    def submit(
        self, partition: Mapping[str, Any] | None, offset: Mapping[str, Any] | None
    ) -> SubmittedRecord:
        """Start tracking a record about to be sent; ack or drop the result."""
        record = SubmittedRecord(self, partition, offset)
        queue = self._records.get(record.key)
        if queue is None:
            queue = self._records[record.key] = collections.deque()
            self._partitions[record.key] = partition
        queue.append(record)
        with self._cond:
            self._unacked += 1
        return record

    def _acked(self) -> None:
        with self._cond:
            self._unacked -= 1
            if self._unacked <= 0:
                self._cond.notify_all()

    def _remove(self, record: SubmittedRecord) -> bool:
        queue = self._records.get(record.key)
        if queue is None:
            return False
        for i in range(len(queue) - 1, -1, -1):
            if queue[i] is record:
                del queue[i]
                break
        else:
            return False
        if not queue:
            del self._records[record.key]
            del self._partitions[record.key]
        if not record.acked:
            self._acked()
        return True

    def committable_offsets(self) -> CommittableOffsets:
        """Pop the acknowledged heads of every partition's queue and return their newest offsets."""
        offsets: dict[Any, tuple[Mapping[str, Any] | None, Mapping[str, Any] | None]] = {}
        committable = 0
        uncommittable = 0
        largest_size = 0
        largest_partition: Mapping[str, Any] | None = None
        for key in list(self._records):
            queue = self._records[key]
            found = False
            latest: Mapping[str, Any] | None = None
            while queue and queue[0].acked:
                latest = queue.popleft().offset
                committable += 1
                found = True
            if found:
                offsets[key] = (self._partitions[key], latest)
            if queue:
                uncommittable += len(queue)
                if len(queue) > largest_size:
                    largest_size = len(queue)
                    largest_partition = self._partitions[key]
            else:
                del self._records[key]
                del self._partitions[key]
        return CommittableOffsets(
            offsets, committable, uncommittable, len(self._records), largest_size, largest_partition
        )

    def await_all_messages(self, timeout: float) -> bool:
        """Wait until every submitted record was acknowledged or dropped; ``False`` on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._unacked > 0:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(remaining)
        return True
