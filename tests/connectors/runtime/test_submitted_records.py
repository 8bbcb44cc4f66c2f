"""Tests of connectors.runtime.submitted_records: which source offsets may be committed."""

from __future__ import annotations

import threading

from hypothesis import given
from hypothesis import strategies as st

from connectors.runtime.submitted_records import SubmittedRecords

P1 = {"p": 1}
P2 = {"p": 2}


def _offsets(records: SubmittedRecords) -> dict[int, int | None]:
    result = records.committable_offsets()
    return {
        partition["p"]: (None if offset is None else offset["o"])
        for partition, offset in result.offsets.values()
        if partition is not None
    }


def test_nothing_is_committable_before_an_ack() -> None:
    """Submitted but unacknowledged records give no offsets."""
    records = SubmittedRecords()
    records.submit(P1, {"o": 1})
    result = records.committable_offsets()
    assert result.offsets == {} and result.num_uncommittable == 1


def test_offsets_never_pass_an_unacknowledged_record_of_the_same_partition() -> None:
    """Acking record 2 of a partition while record 1 is pending commits nothing there."""
    records = SubmittedRecords()
    first = records.submit(P1, {"o": 1})
    second = records.submit(P1, {"o": 2})
    other = records.submit(P2, {"o": 9})
    second.ack()
    other.ack()
    assert _offsets(records) == {2: 9}
    first.ack()
    assert _offsets(records) == {1: 2}
    assert _offsets(records) == {}


def test_dropped_records_are_no_longer_tracked() -> None:
    """A dropped record does not hold back later acknowledged ones."""
    records = SubmittedRecords()
    first = records.submit(P1, {"o": 1})
    second = records.submit(P1, {"o": 2})
    assert first.drop()
    second.ack()
    assert _offsets(records) == {1: 2}
    assert not first.drop()


def test_counts_describe_the_pending_records() -> None:
    """The result counts committable and pending records and the largest queue."""
    records = SubmittedRecords()
    records.submit(P1, {"o": 1}).ack()
    records.submit(P1, {"o": 2})
    records.submit(P1, {"o": 3})
    result = records.committable_offsets()
    assert (result.num_committable, result.num_uncommittable) == (1, 2)
    assert result.largest_deque_size == 2 and result.largest_deque_partition == P1
    assert result.has_pending()


def test_await_all_messages_waits_for_acks_from_another_thread() -> None:
    """await_all_messages returns True once another thread acknowledged everything."""
    records = SubmittedRecords()
    pending = [records.submit(P1, {"o": i}) for i in range(3)]
    assert not records.await_all_messages(0.01)

    def ack_all() -> None:
        for p in pending:
            p.ack()

    timer = threading.Timer(0.05, ack_all)
    timer.start()
    assert records.await_all_messages(2.0)
    timer.join()


@given(st.lists(st.tuples(st.integers(0, 2), st.booleans()), max_size=30), st.randoms())
def test_committed_offset_is_the_last_of_an_acknowledged_prefix(
    plan: list[tuple[int, bool]], rnd: object
) -> None:
    """Per partition, the committable offset is the newest whose predecessors were all acked."""
    records = SubmittedRecords()
    submitted = [(p, i, records.submit({"p": p}, {"o": i})) for i, (p, _) in enumerate(plan)]
    for (_, _, record), (_, acked) in zip(submitted, plan, strict=True):
        if acked:
            record.ack()
    expected: dict[int, int] = {}
    blocked: set[int] = set()
    for p, i, record in submitted:
        if p in blocked:
            continue
        if record.acked:
            expected[p] = i
        else:
            blocked.add(p)
    assert _offsets(records) == expected
