"""Run every benchmark section: ``python -m benchmarks`` (``--quick`` for a short run).

Each section is a module of this package with ``run(count, rounds, warmup)`` and
``report(results) -> str``; a section whose dependencies are missing is skipped with a note.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SECTIONS = ["benchmarks.json_bench", "benchmarks.avro_bench"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="connectpy benchmarks (records/s)")
    parser.add_argument("--quick", action="store_true", help="a short run (for smoke tests)")
    parser.add_argument("--only", choices=[s.rsplit(".", 1)[1] for s in SECTIONS], nargs="*")
    args = parser.parse_args(argv)
    count, rounds, warmup = (500, 3, 200) if args.quick else (20_000, 7, 5_000)
    status = 0
    for name in SECTIONS:
        if args.only and name.rsplit(".", 1)[1] not in args.only:
            continue
        try:
            section = importlib.import_module(name)
        except ImportError as e:
            print(f"{name}: skipped ({e})\n")
            continue
        try:
            print(section.report(section.run(count, rounds, warmup)))
        except Exception:  # one broken section must not hide the others' figures
            traceback.print_exc()
            print(f"{name}: failed")
            status = 1
        print()
    return status


if __name__ == "__main__":
    sys.exit(main())
