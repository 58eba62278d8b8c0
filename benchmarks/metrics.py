"""How long `coalition metrics` takes, and how much memory, on a file the size of Urban's.

    .venv/bin/python benchmarks/metrics.py [--counties 3143] [--years 10]

Urban's county file of every year (2025 release) has 3,143 counties for each of ten years, 31,426
rows and about 150 columns. This writes a SYNTHETIC file of that size in the same layout
(tests/make_synthetic_metrics.py), then measures, in the same run:

* coalition: reading it as `coalition metrics` does (only the metrics' columns, in chunks, codes
  as text) and ranking every measure for one county;
* baseline: `pandas.read_csv` of the whole file with pandas' defaults, and nothing else.

Times are the best of three runs; peak memory is Python's (tracemalloc, in a fourth run), which
pandas' buffers mostly go through.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from make_synthetic_metrics import make_many


def measure(work) -> tuple[float, float]:
    """Seconds (the best of three runs) and peak MiB (a fourth run, traced: tracing slows it)."""
    times = []
    for _ in range(3):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    work()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return min(times), peak / 2**20


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counties", type=int, default=3143)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()

    import pandas as pd

    from generator.data.metrics import standing_for

    with tempfile.TemporaryDirectory() as folder:
        path = make_many(
            Path(folder) / "synthetic-county.csv",
            counties=args.counties,
            years=tuple(range(2024 - args.years, 2024)),
        )
        size = path.stat().st_size / 2**20
        rows = sum(1 for _ in path.open(encoding="utf-8")) - 1
        ours, ours_peak = measure(lambda: standing_for(path, county="39177"))
        base, base_peak = measure(lambda: pd.read_csv(path))
    print(f"file: {rows:,} rows, {size:.0f} MiB (synthetic, Urban's 2025 county layout)")
    print(f"coalition metrics: {ours:.2f} s, peak {ours_peak:.0f} MiB (read, checked and ranked)")
    print(f"pandas.read_csv:   {base:.2f} s, peak {base_peak:.0f} MiB (read only, every column)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
