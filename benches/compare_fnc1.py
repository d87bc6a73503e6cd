#!/usr/bin/env python3
"""Compares headcheck binaries on the FNC-1 pair run, interleaved.

This machine's speed drifts by a fifth from minute to minute (a plain Python loop does too), so
two binaries timed one after the other can differ by more than any change between them. This
runs each binary in turn, RUNS rounds, the same command as benches/batch_fnc1.sh, and prints per
binary the median and first quartile of wall time and of CPU time (user + system, from wait4).

    python3 benches/compare_fnc1.py OLD_BINARY,NEW_BINARY [RUNS] [THREADS]

Data from ${HEADCHECK_DATA:-../shared}/data/fnc1, relative to the repository.
"""

import os
import statistics
import subprocess
import sys
import time


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binaries = sys.argv[1].split(",")
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    threads = sys.argv[3] if len(sys.argv) > 3 else None
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    data = os.path.join(root, os.environ.get("HEADCHECK_DATA", "../shared"), "data", "fnc1")
    wall = {b: [] for b in binaries}
    cpu = {b: [] for b in binaries}
    for _ in range(runs):
        for b in binaries:
            cmd = [b, "batch", os.path.join(data, "train_stances.csv"),
                   "--bodies", os.path.join(data, "train_bodies.csv"),
                   "--format", "csv", "-o", os.devnull, "-q", "--fail-on", "never"]
            if threads:
                cmd += ["--threads", threads]
            start = time.perf_counter()
            child = subprocess.Popen(cmd)
            _, status, usage = os.wait4(child.pid, 0)
            wall[b].append(time.perf_counter() - start)
            cpu[b].append(usage.ru_utime + usage.ru_stime)
            if status != 0:
                sys.exit(f"{' '.join(cmd)} exited with status {status}")
    for b in binaries:
        w, c = sorted(wall[b]), sorted(cpu[b])
        print(f"wall median {statistics.median(w):.3f} s (q1 {w[len(w) // 4]:.3f})  "
              f"cpu median {statistics.median(c):.3f} s (q1 {c[len(c) // 4]:.3f})  {b}")


if __name__ == "__main__":
    main()
