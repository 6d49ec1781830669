"""Start-up cost of the query commands, measured side by side in one run.

    python benchmarks/bench_cli.py [--runs 15] [--measures 5000]

Times, as fresh processes and interleaved (so machine noise hits all alike):
  pass       python -c pass
  help       zorgtoolbox --help                      (the CLI's fixed start-up)
  measures   zorgtoolbox measures --org DJI --domain overlast   (bundled knowledge base)
  big        zorgtoolbox measures --org organisatie-07 --domain overlast
             on a generated knowledge base of --measures measures (benchmarks/generate_kb.py)
and, when util-linux `script` is available, help and measures again in a pseudo-terminal
(help-tty, measures-tty), where output goes through rich with colour.
The knowledge base cache is warmed first (as after the first query on any machine), and
the package is byte-compiled first (as pip does on install; an editable install under
PYTHONDONTWRITEBYTECODE would otherwise recompile zorgtoolbox's modules on every run).
Goals: measures <= 1.2 x help; big <= 2 x help.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_kb import generate

REPO = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stdout.decode()}{proc.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--measures", type=int, default=5000)
    args = parser.parse_args()
    exe = str(Path(sys.executable).parent / "zorgtoolbox")
    import zorgtoolbox

    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(zorgtoolbox.__file__).parent)],
        check=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        big = generate(Path(tmp), args.measures, 50, args.measures * 3)
        env = {**os.environ, "ZORGTOOLBOX_CACHE_DIR": str(Path(tmp) / "cache")}
        env.pop("ZORGTOOLBOX_DATA", None)
        commands = {
            "pass": [sys.executable, "-c", "pass"],
            "help": [exe, "--help"],
            "measures": [
                exe,
                "measures",
                "--org",
                "DJI",
                "--domain",
                "overlast",
                "--data",
                str(REPO / "data"),
            ],
            "big": [
                exe,
                "measures",
                "--org",
                "organisatie-07",
                "--domain",
                "overlast",
                "--data",
                str(big),
            ],
        }
        if shutil.which("script"):
            for name in ("help", "measures"):
                line = " ".join(shlex.quote(part) for part in commands[name])
                commands[f"{name}-tty"] = ["script", "-qec", line, "/dev/null"]
        for cmd in commands.values():  # warm the cache and the OS file cache
            timed(cmd, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(timed(cmd, env))
    med = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(f"{args.runs} runs each, interleaved; medians in ms:")
    for name, value in med.items():
        print(f"  {name:9s} {value:7.1f}   (ratio to python -c pass: {value / med['pass']:5.1f})")
    ratio = med["measures"] / med["help"]
    ratio_big = med["big"] / med["help"]
    print(f"  measures / help: {ratio:.2f}  (goal <= 1.2: {'ok' if ratio <= 1.2 else 'MISSED'})")
    print(
        f"  big ({args.measures} measures) / help: {ratio_big:.2f}  "
        f"(goal <= 2: {'ok' if ratio_big <= 2 else 'MISSED'})"
    )
    if "measures-tty" in med:
        tty = med["measures-tty"] / med["help-tty"]
        verdict = "ok" if tty <= 1.2 else "MISSED"
        print(f"  measures-tty / help-tty: {tty:.2f}  (goal <= 1.2: {verdict})")


if __name__ == "__main__":
    main()
