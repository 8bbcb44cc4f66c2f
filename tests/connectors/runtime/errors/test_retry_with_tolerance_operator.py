"""Tests of connectors.runtime.errors.retry_with_tolerance_operator (port of Kafka's
RetryWithToleranceOperatorTest, with our own cases)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import pytest

from connect_data.errors import ConnectException, DataException, RetriableException
from connectors.record import TimestampType
from connectors.runtime.errors import (
    ErrorHandlingMetrics,
    ErrorReporter,
    ProcessingContext,
    RetryWithToleranceOperator,
    Stage,
    ToleranceType,
)
from connectors.runtime.recordlog import ConsumerRecord
from connectors.sink import SinkTask

RECORD = ConsumerRecord(
    topic="t",
    partition=0,
    offset=0,
    timestamp=-1,
    timestamp_type=TimestampType.NO_TIMESTAMP_TYPE,
    key=None,
    value=None,
)


class FakeTime:
    """A clock in milliseconds that only moves when the operator sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []
        self.on_sleep: Callable[[float], None] | None = None

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> bool:
        millis = round(seconds * 1000.0, 6)
        self.sleeps.append(millis)
        self.now += millis
        if self.on_sleep is not None:
            self.on_sleep(millis)
        return False


def operator(
    timeout: int = 0,
    tolerance: ToleranceType = ToleranceType.ALL,
    max_delay: int = 60000,
    time: FakeTime | None = None,
    metrics: ErrorHandlingMetrics | None = None,
) -> RetryWithToleranceOperator[Any]:
    time = time or FakeTime()
    return RetryWithToleranceOperator(
        timeout, max_delay, tolerance, metrics, clock=time.clock, sleep=time.sleep
    )


class Failing:
    """An operation that raises the given errors in turn, then returns "Success"."""

    def __init__(self, *errors: BaseException, succeed: bool = True) -> None:
        self.errors = list(errors)
        self.succeed = succeed
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            error = self.errors.pop(0)
            raise error
        if not self.succeed:
            raise RetriableException("still failing")
        return "Success"


def raising(error: BaseException) -> Callable[[], Any]:
    def operation() -> Any:
        raise error

    return operation


def test_execute_failed_is_tolerated_with_all() -> None:
    """execute_failed with tolerance all reports and returns a future."""
    context = ProcessingContext(RECORD)
    future = operator().execute_failed(context, Stage.TASK_PUT, SinkTask, Exception("x"))
    assert future.done() and context.failed() and context.stage() is Stage.TASK_PUT


def test_execute_failed_without_tolerance_raises() -> None:
    """execute_failed with tolerance none raises Kafka's tolerance message."""
    context = ProcessingContext(RECORD)
    with pytest.raises(ConnectException, match="Tolerance exceeded in error handler"):
        operator(tolerance=ToleranceType.NONE).execute_failed(
            context, Stage.TASK_PUT, SinkTask, Exception("x")
        )


@pytest.mark.parametrize(
    "stage",
    [Stage.TRANSFORMATION, Stage.HEADER_CONVERTER, Stage.KEY_CONVERTER, Stage.VALUE_CONVERTER],
)
def test_any_exception_is_tolerated_in_converter_and_transformation_stages(stage: Stage) -> None:
    """With tolerance all, a plain exception in a converter/transformation stage is skipped."""
    context = ProcessingContext(RECORD)
    result = operator().execute(context, raising(ValueError("bad")), stage, type(None))
    assert result is None and context.failed()
    assert isinstance(context.error(), ValueError)


@pytest.mark.parametrize("stage", [Stage.TASK_PUT, Stage.TASK_POLL])
def test_retriable_exceptions_are_tolerated_in_task_stages(stage: Stage) -> None:
    """In task stages a RetriableException (retries exhausted) is tolerated with all."""
    context = ProcessingContext(RECORD)
    operator().execute(context, raising(RetriableException("Test")), stage, type(None))
    assert context.failed()


@pytest.mark.parametrize(
    "stage", [Stage.TASK_PUT, Stage.TASK_POLL, Stage.KAFKA_CONSUME, Stage.KAFKA_PRODUCE]
)
def test_other_exceptions_are_not_handled_in_task_and_log_stages(stage: Stage) -> None:
    """Outside converters and transformations a non-retriable exception is never tolerated."""
    context = ProcessingContext(RECORD)
    with pytest.raises(ConnectException, match="Unhandled exception in error handler") as info:
        operator().execute(context, raising(Exception("boom")), stage, type(None))
    assert context.failed() and str(info.value.__cause__) == "boom"


@pytest.mark.parametrize(
    ("timeout", "failures", "waits", "succeeds"),
    [
        (6000, 1, [300], True),
        (6000, 3, [300, 600, 1200], True),
        (-1, 8, [300, 600, 1200, 2400, 4800, 9600, 19200, 38400], True),
        (6000, 6, [300, 600, 1200, 2400, 1500], False),
    ],
)
def test_retriable_errors_back_off_exponentially_until_the_timeout(
    timeout: int, failures: int, waits: list[float], succeeds: bool
) -> None:
    """Backoff doubles from 300 ms, is cut at the deadline, and -1 retries forever."""
    time = FakeTime()
    op = operator(timeout, ToleranceType.ALL, 60000, time)
    operation = Failing(*[RetriableException("Test") for _ in range(failures)])
    context = ProcessingContext(RECORD)
    result = op.execute(context, operation, Stage.TRANSFORMATION, type(None))
    assert time.sleeps == waits
    if succeeds:
        assert result == "Success" and not context.failed()
        assert operation.calls == failures + 1
        assert context.attempt() == failures + 1
    else:
        assert result is None and context.failed()
        assert operation.calls == failures


def test_a_non_retriable_error_is_not_retried() -> None:
    """A plain exception is not retried even with a retry timeout."""
    time = FakeTime()
    operation = Failing(ValueError("Test"))
    context = ProcessingContext(RECORD)
    assert operator(6000, time=time).execute(context, operation, Stage.KEY_CONVERTER, None) is None
    assert context.failed() and operation.calls == 1 and time.sleeps == []


def test_exhausted_retries_fail_the_task_without_tolerance() -> None:
    """With tolerance none a RetriableException whose retries ran out is not dropped silently."""
    time = FakeTime()
    op = operator(1000, ToleranceType.NONE, 60000, time)
    context = ProcessingContext(RECORD)
    with pytest.raises(ConnectException, match="Tolerance exceeded") as info:
        op.execute(context, Failing(succeed=False), Stage.TRANSFORMATION, None)
    assert isinstance(info.value.__cause__, RetriableException)
    assert time.sleeps == [300, 600, 100]


def test_trigger_stop_ends_the_retries() -> None:
    """trigger_stop during a backoff makes the operation fail after that backoff."""
    time = FakeTime()
    op = operator(-1, ToleranceType.ALL, 60000, time)
    time.on_sleep = lambda millis: op.trigger_stop() if millis == 2400 else None
    context = ProcessingContext(RECORD)
    assert op.execute(context, Failing(succeed=False), Stage.TRANSFORMATION, None) is None
    assert context.failed() and time.now == 4500


def test_trigger_stop_wakes_a_real_backoff() -> None:
    """With the real clock a long backoff returns as soon as the operator is stopped."""
    op: RetryWithToleranceOperator[Any] = RetryWithToleranceOperator(-1, 60000, ToleranceType.ALL)
    threading.Timer(0.1, op.trigger_stop).start()
    context = ProcessingContext(RECORD)
    finished = threading.Event()

    def run() -> None:
        op.execute(context, Failing(succeed=False), Stage.TRANSFORMATION, None)
        finished.set()

    threading.Thread(target=run, daemon=True).start()
    assert finished.wait(3.0) and context.failed()


def test_backoff_is_capped_by_the_deadline_and_the_max_delay() -> None:
    """Delays double up to the max delay, then are random below it, never past the deadline."""
    time = FakeTime()
    op = operator(5, ToleranceType.NONE, 5000, time)
    for attempt in range(1, 6):
        op.backoff(attempt, 5000)
    assert time.sleeps == [300, 600, 1200, 2400, 500]
    time.now += 1
    op.backoff(6, 5000)
    assert time.sleeps[-1] == 0
    jitter_time = FakeTime()
    jittered = operator(-1, ToleranceType.ALL, 1000, jitter_time)
    for _ in range(20):
        jittered.backoff(10, float("inf"))
    assert all(0 <= delay < 1000 for delay in jitter_time.sleeps)


def test_tolerance_limits() -> None:
    """none tolerates no failure; all tolerates any number."""
    none_op = operator(tolerance=ToleranceType.NONE)
    assert none_op.within_tolerance_limits()
    none_op._mark_as_failed()
    assert not none_op.within_tolerance_limits()
    all_op = operator(tolerance=ToleranceType.ALL)
    all_op._mark_as_failed()
    all_op._mark_as_failed()
    assert all_op.within_tolerance_limits()


def test_a_failed_context_skips_later_operations() -> None:
    """Once a record failed, later stages of it are not run."""
    context = ProcessingContext(RECORD)
    op = operator()
    op.execute(context, raising(DataException("key")), Stage.KEY_CONVERTER, None)
    later = Failing()
    assert op.execute(context, later, Stage.VALUE_CONVERTER, None) is None
    assert later.calls == 0


def test_recover_behaves_as_execute_after_a_first_failure() -> None:
    """recover() retries an operation whose first attempt already raised."""
    time = FakeTime()
    op = operator(6000, time=time)
    operation = Failing(RetriableException("again"))
    context = ProcessingContext(RECORD)
    assert op.recover(
        context, operation, Stage.TRANSFORMATION, None, RetriableException("first")
    ) == ("Success")
    assert time.sleeps == [300, 600] and context.attempt() == 3


class _Reporter(ErrorReporter[Any]):
    def __init__(self, future: Future[Any] | None = None) -> None:
        self.future = future
        self.contexts: list[ProcessingContext[Any]] = []
        self.closed = False

    def report(self, context: ProcessingContext[Any]) -> Future[Any]:
        self.contexts.append(context)
        if self.future is not None:
            return self.future
        done: Future[Any] = Future()
        done.set_result(None)
        return done

    def close(self) -> None:
        self.closed = True


@pytest.mark.parametrize("count", [1, 2])
def test_report_completes_when_every_reporter_did(count: int) -> None:
    """The report future is done only when each reporter's future is."""
    futures: list[Future[Any]] = [Future() for _ in range(count)]
    op = operator(-1)
    op.reporters([_Reporter(f) for f in futures])
    result = op.report(ProcessingContext(RECORD))
    for future in futures:
        assert not result.done()
        future.set_result(None)
    assert result.done()


def test_failures_go_to_the_reporters_once() -> None:
    """A tolerated failure is reported once, with its stage, class and error."""
    reporter = _Reporter()
    op = operator()
    op.reporters([reporter])
    context = ProcessingContext(RECORD)
    op.execute(context, raising(DataException("bad")), Stage.VALUE_CONVERTER, str)
    assert reporter.contexts == [context]
    assert context.stage() is Stage.VALUE_CONVERTER and context.executing_class() is str


def test_a_reporter_failing_does_not_hide_the_record_error() -> None:
    """A reporter that raises gives a failed future, not an exception from execute."""

    class Broken(_Reporter):
        def report(self, context: ProcessingContext[Any]) -> Future[Any]:
            raise RuntimeError("reporter down")

    op = operator()
    op.reporters([Broken()])
    context = ProcessingContext(RECORD)
    assert op.execute(context, raising(DataException("x")), Stage.VALUE_CONVERTER, None) is None
    assert op.report(context).exception() is not None


def test_close_closes_reporters_and_raises_if_one_failed() -> None:
    """close() closes every reporter, then raises ConnectException for the failures."""

    class Unclosable(_Reporter):
        def close(self) -> None:
            raise RuntimeError("stuck")

    good = _Reporter()
    op = operator()
    op.reporters([Unclosable(), good])
    with pytest.raises(ConnectException, match="Failed to close all reporters"):
        op.close()
    assert good.closed


def test_metrics_count_failures_retries_and_skips() -> None:
    """The error metrics follow Kafka's counting."""
    metrics = ErrorHandlingMetrics()
    op = operator(6000, metrics=metrics)
    op.execute(
        ProcessingContext(RECORD), Failing(RetriableException("r")), Stage.TRANSFORMATION, None
    )
    op.execute(ProcessingContext(RECORD), raising(ValueError("v")), Stage.TRANSFORMATION, None)
    values = metrics.as_dict()
    assert values["total-record-failures"] == 2
    assert values["total-retries"] == 1
    assert values["total-records-skipped"] == 1
    assert values["total-record-errors"] == 1
    assert values["last-error-timestamp"] > 0


def test_defaults_from_a_connector_config() -> None:
    """from_config reads errors.retry.timeout, errors.retry.delay.max.ms and errors.tolerance."""
    from connectors.runtime.connector_config import ConnectorConfig
    from connectors.runtime.plugins import Plugins
    from tests.connectors import testplugins

    def config(**extra: str) -> RetryWithToleranceOperator[Any]:
        props = {"name": "c", "connector.class": "CounterSource", "topic": "t", **extra}
        return RetryWithToleranceOperator.from_config(
            ConnectorConfig(Plugins(), props, testplugins.CounterSourceConnector)
        )

    default = config()
    assert (default.error_retry_timeout_ms, default.error_max_delay_ms) == (0, 60000)
    assert default.tolerance_type is ToleranceType.NONE
    custom = config(
        **{
            "errors.retry.timeout": "100",
            "errors.retry.delay.max.ms": "10",
            "errors.tolerance": "all",
        }
    )
    assert (custom.error_retry_timeout_ms, custom.error_max_delay_ms) == (100, 10)
    assert custom.tolerance_type is ToleranceType.ALL
