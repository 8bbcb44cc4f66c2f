"""The demo's command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors.demo import main
from connectors.demo.cli import parser


def test_defaults_and_choices() -> None:
    """BACKWARD and jsonl by default; modes are matched case-insensitively."""
    args = parser().parse_args([])
    assert (args.compatibility, args.format, args.records, args.sink_after) == (
        "BACKWARD",
        "jsonl",
        60,
        40,
    )
    assert parser().parse_args(["--compatibility", "full"]).compatibility == "FULL"
    with pytest.raises(SystemExit):
        parser().parse_args(["--compatibility", "sideways"])


@pytest.mark.parametrize(
    "argv",
    [["--records", "0"], ["--partitions", "0"], ["--rate", "-1"], ["--per-request", "0"]],
)
def test_bad_numbers_are_refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Impossible settings exit with status 2 and a message."""
    assert main(argv) == 2
    assert "--" in capsys.readouterr().err


def test_a_run_prints_progress_versions_and_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """main() runs the demo, prints the summary and returns 0 when every item was written."""
    out = tmp_path / "todos.jsonl"
    status = main(
        [
            "--records",
            "8",
            "--sink-after",
            "6",
            "--poll-interval-ms",
            "20",
            "--compatibility",
            "forward",
            "--output",
            str(out),
            "--partitions",
            "1",
        ]
    )
    printed = capsys.readouterr().out
    assert status == 0
    assert "schema.compatibility=FORWARD" in printed
    assert "todos-value version 1" in printed
    assert len(out.read_text().splitlines()) == 8
