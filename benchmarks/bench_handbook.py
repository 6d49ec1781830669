"""Time `zorgtoolbox build-handbook` against `zorgtoolbox validate` on the same data.

    python benchmarks/bench_handbook.py [--runs 5] [--measures 5000] [--edges 15000]

Generates the knowledge base (benchmarks/generate_kb.py) in a temporary folder, then runs,
as fresh processes and interleaved so that machine noise hits all alike:
  validate    - `zorgtoolbox validate --data DIR`, as in CI
  build-cold  - `zorgtoolbox build-handbook --data DIR --out OUT` with an empty cache
                folder of its own each run (a fresh CI machine: it validates, then renders)
  build-warm  - the same with the cache a previous run left (a coordinator's second build)
and prints the medians, the ratios to validate and the size of the pages written.
Goal (issue 14): build-cold at most 2 x validate.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_kb import generate

GOAL = 2.0


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stdout}{proc.stderr}")
    return elapsed


def private_folder(parent: Path, name: str) -> Path:
    folder = parent / name
    folder.mkdir(mode=0o700)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--measures", type=int, default=5000)
    parser.add_argument("--agencies", type=int, default=50)
    parser.add_argument("--edges", type=int, default=15000)
    args = parser.parse_args()
    zorgtoolbox = [sys.executable, "-m", "zorgtoolbox"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data = generate(private_folder(root, "kb"), args.measures, args.agencies, args.edges)
        out = root / "toolbox"
        warm_cache = private_folder(root, "warm-cache")
        base = {**os.environ, "ZORGTOOLBOX_LANG": "nl"}
        build = [*zorgtoolbox, "build-handbook", "--data", str(data), "--out", str(out)]
        validate = [*zorgtoolbox, "validate", "--data", str(data)]
        timed(build, {**base, "ZORGTOOLBOX_CACHE_DIR": str(warm_cache)})  # fills it
        times: dict[str, list[float]] = {"validate": [], "build-cold": [], "build-warm": []}
        for run in range(args.runs):
            for name, cmd in (("validate", validate), ("build-cold", build)):
                cold = private_folder(root, f"cache-{name}-{run}")  # empty: nothing to reuse
                times[name].append(timed(cmd, {**base, "ZORGTOOLBOX_CACHE_DIR": str(cold)}))
            env = {**base, "ZORGTOOLBOX_CACHE_DIR": str(warm_cache)}
            times["build-warm"].append(timed(build, env))
        sizes = {p.name: p.stat().st_size for p in sorted(out.iterdir())}
    med = {name: statistics.median(values) for name, values in times.items()}
    print(
        f"knowledge base: {args.measures} measures, {args.agencies} agencies, "
        f"{args.edges} edges; {args.runs} interleaved runs each, medians:"
    )
    for name, value in med.items():
        ratio = value / med["validate"]
        spread = f"min {min(times[name]):.2f}, max {max(times[name]):.2f}"
        print(f"  {name:11s} {value:7.2f} s  {ratio:5.2f} x validate  ({spread})")
    for name, size in sizes.items():
        print(f"  {name:16s} {size / 1e6:6.1f} MB")
    ratio = med["build-cold"] / med["validate"]
    verdict = "met" if ratio <= GOAL else "MISSED"
    print(f"goal build-cold <= {GOAL:g} x validate: {verdict} ({ratio:.2f})")


if __name__ == "__main__":
    main()
