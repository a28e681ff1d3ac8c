"""Run every benchmark (``bench/<topic>/run.py``) one after another; ``--quick`` for small sizes.

Each benchmark prints its own figures and the ratio to a baseline measured in the same run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    only = [a for a in argv if not a.startswith("-")]
    flags = [a for a in argv if a.startswith("-")]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    failed = []
    for run in sorted(HERE.glob("*/run.py")):
        topic = run.parent.name
        if only and topic not in only:
            continue
        print(f"\n===== bench/{topic} =====", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.call([sys.executable, str(run), *flags], env=env)
        print(f"===== bench/{topic}: exit {rc}, {time.perf_counter() - t0:.0f} s =====", flush=True)
        if rc:
            failed.append(topic)
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
