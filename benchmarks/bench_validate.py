"""Time `zorgtoolbox validate` on a national-size knowledge base.

    python benchmarks/bench_validate.py [--runs 5] [--measures 5000] [--edges 15000]

Generates the knowledge base (benchmarks/generate_kb.py) in a temporary folder, then runs,
interleaved so that machine noise hits both alike:
  validate  - `python -m zorgtoolbox validate --data DIR` (a fresh process, as in CI)
  bare-yaml - a fresh process that only parses the same files with ruamel.yaml's C loader
and prints the medians and their ratio. The goal: validate under 10 s on 2 cores.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_kb import generate

BARE = """
import sys
from pathlib import Path
from ruamel.yaml import YAML
yaml = YAML(typ="safe")
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_bytes())
"""


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stdout}{proc.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--measures", type=int, default=5000)
    parser.add_argument("--agencies", type=int, default=50)
    parser.add_argument("--edges", type=int, default=15000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = generate(Path(tmp), args.measures, args.agencies, args.edges)
        files = sum(1 for _ in data.rglob("*.yaml"))
        commands = {
            "validate": [sys.executable, "-m", "zorgtoolbox", "validate", "--data", str(data)],
            "bare-yaml": [sys.executable, "-c", BARE, str(data)],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(timed(cmd))
    med = {name: statistics.median(values) for name, values in times.items()}
    print(
        f"knowledge base: {args.measures} measures, {args.agencies} agencies, "
        f"{args.edges} edges, {files} files; {args.runs} runs each, medians:"
    )
    for name, value in med.items():
        spread = f"min {min(times[name]):.2f}, max {max(times[name]):.2f}"
        print(f"  {name:10s} {value:7.2f} s   ({spread})")
    print(f"  ratio validate / bare-yaml: {med['validate'] / med['bare-yaml']:.2f}")
    verdict = "ok" if med["validate"] < 10 else "TOO SLOW"
    print(f"  goal validate < 10 s: {verdict}")


if __name__ == "__main__":
    main()
