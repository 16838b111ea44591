"""The longer fuzzing run: the robustness fuzz tests with many more examples each.

    python bench/fuzz.py --examples 500

Runs ``tests/behaviour/robustness/test_fuzz.py`` with ``COOPGRAPH_FUZZ_EXAMPLES`` set, prints
Hypothesis' statistics (examples run per test, outcomes) and exits with pytest's status.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=500, help="examples per test")
    options = parser.parse_args()
    env = {**os.environ, "COOPGRAPH_FUZZ_EXAMPLES": str(options.examples)}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:warnings",
        "--hypothesis-show-statistics",
    ]
    command.append(str(ROOT / "tests" / "behaviour" / "robustness" / "test_fuzz.py"))
    started = time.monotonic()
    status = subprocess.call(command, cwd=ROOT, env=env)
    seconds = time.monotonic() - started
    print(f"fuzzing with up to {options.examples} examples per test took {seconds:.0f} s")
    return status


if __name__ == "__main__":
    sys.exit(main())
