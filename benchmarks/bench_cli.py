"""Start-up cost of the query commands, measured side by side in one run.

    python benchmarks/bench_cli.py [--runs 15] [--measures 5000] [--only NAME,NAME]

Times, as fresh processes and interleaved (so machine noise hits all alike):
  pass         python -c pass
  networkx     python -c "import networkx"             (what the graph library alone costs:
               `next` and `path` walk the stromenmodel with it, so their ratio is at least
               help's plus this one's)
  help         zorgtoolbox --help                      (the CLI's fixed start-up)
  measures     zorgtoolbox measures --org DJI --domain overlast   (bundled knowledge base)
  big          zorgtoolbox measures --org organisatie-07 --domain overlast
               on a generated knowledge base of --measures measures (benchmarks/generate_kb.py)
  search-word  zorgtoolbox search verbeterplan           (generated knowledge base: one word
               that every measure's description holds, so every measure is a hit)
  search-typo  zorgtoolbox search voortgang termijn gemonitoord
               (generated knowledge base: three words, the last with a typo for `gemonitord`)
  next         zorgtoolbox next gemeente-signalering-via-ikz --depth 2   (bundled)
  path         zorgtoolbox path gemeente-signalering-via-ikz
               riec-ondersteuning-strafrechtelijk-traject                (bundled; 3 routes)
  flow         zorgtoolbox flow --domain fraude          (bundled; the tree)
and, when util-linux `script` is available, help and measures again in a pseudo-terminal
(help-tty, measures-tty), where output goes through rich with colour.
The knowledge base cache (and with it the search index) is warmed first, as after the
first query on any machine, and the package is byte-compiled first (as pip does on
install; an editable install under PYTHONDONTWRITEBYTECODE would otherwise recompile
zorgtoolbox's modules on every run).

`--only measures,search-word` runs a subset; `help` always runs (every ratio is to it;
`help-tty` for the -tty entries), and the knowledge base is generated only when an entry
needs it. The first line out says which zorgtoolbox package ran. To measure a commit while
src/ is being edited, run it from a copy:
    git archive HEAD src | tar -x -C /tmp/snap
    PYTHONPATH=/tmp/snap/src python benchmarks/bench_cli.py
Goals, as ratios of the medians to help (help-tty for -tty entries): measures <= 1.2,
measures-tty <= 1.2, big <= 2, search-word and search-typo <= 1.5 (issue 13),
next, path and flow <= 1.5 (issue 13).
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
BUNDLED = str(REPO / "data")
#: Where {big} stands in a command, the generated knowledge base's folder goes.
BIG = "{big}"
#: name → the zorgtoolbox arguments, or (as a str) a line of Python to run instead.
COMMANDS: dict[str, list[str] | str] = {
    "pass": "pass",
    "networkx": "import networkx",
    "help": ["--help"],
    "measures": ["measures", "--org", "DJI", "--domain", "overlast", "--data", BUNDLED],
    "big": ["measures", "--org", "organisatie-07", "--domain", "overlast", "--data", BIG],
    "search-word": ["search", "verbeterplan", "--data", BIG],
    "search-typo": ["search", "voortgang", "termijn", "gemonitoord", "--data", BIG],
    "next": ["next", "gemeente-signalering-via-ikz", "--depth", "2", "--data", BUNDLED],
    "path": [
        "path",
        "gemeente-signalering-via-ikz",
        "riec-ondersteuning-strafrechtelijk-traject",
        "--data",
        BUNDLED,
    ],
    "flow": ["flow", "--domain", "fraude", "--data", BUNDLED],
}
#: Entries run again in a pseudo-terminal (as NAME-tty), when `script` is available.
TTY = ("help", "measures")
#: name → the most its median may be, as a ratio to help's (help-tty's for -tty entries).
GOALS: dict[str, float] = {
    "measures": 1.2,
    "measures-tty": 1.2,
    "big": 2.0,
    "search-word": 1.5,
    "search-typo": 1.5,
    "next": 1.5,
    "path": 1.5,
    "flow": 1.5,
}


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stdout.decode()}{proc.stderr.decode()}")
    return elapsed, proc.stdout


def selected(only: str | None, have_script: bool) -> list[str]:
    """The entries to run, in table order: `--only`'s, plus the help each ratio needs."""
    known = [*COMMANDS, *(f"{n}-tty" for n in TTY)]
    if only is None:
        names = [n for n in known if have_script or not n.endswith("-tty")]
    else:
        names = [n.strip() for n in only.split(",") if n.strip()]
        unknown = [n for n in names if n not in known]
        if unknown:
            sys.exit(f"unknown entries: {', '.join(unknown)}; known: {', '.join(known)}")
        if not have_script and any(n.endswith("-tty") for n in names):
            sys.exit("the -tty entries need util-linux `script`, which is not installed")
        names.append("help")
        if any(n.endswith("-tty") for n in names):
            names.append("help-tty")
    order = {n: i for i, n in enumerate(["pass", "networkx", "help", "help-tty", *known])}
    return sorted(set(names), key=order.__getitem__)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--measures", type=int, default=5000)
    parser.add_argument(
        "--only", metavar="NAME,NAME", help="run only these entries (and help); see above"
    )
    args = parser.parse_args()
    exe = str(Path(sys.executable).parent / "zorgtoolbox")
    names = selected(args.only, shutil.which("script") is not None)
    import zorgtoolbox

    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(zorgtoolbox.__file__).parent)],
        check=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        needs_big = any(
            isinstance(c := COMMANDS[n.removesuffix("-tty")], list) and BIG in c for n in names
        )
        big = str(generate(Path(tmp), args.measures, 50, args.measures * 3)) if needs_big else ""
        env = {**os.environ, "ZORGTOOLBOX_CACHE_DIR": str(Path(tmp) / "cache")}
        env.pop("ZORGTOOLBOX_DATA", None)
        commands: dict[str, list[str]] = {}
        for name in names:
            base = COMMANDS[name.removesuffix("-tty")]
            cmd = (
                [sys.executable, "-c", base]
                if isinstance(base, str)
                else [exe, *(big if part == BIG else part for part in base)]
            )
            if name.endswith("-tty"):
                cmd = ["script", "-qec", " ".join(shlex.quote(part) for part in cmd), "/dev/null"]
            commands[name] = cmd
        lines: dict[str, int] = {}
        first: dict[str, float] = {}
        for name, cmd in commands.items():  # warm the cache and the OS file cache
            first[name], out = timed(cmd, env)
            lines[name] = out.count(b"\n")
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(timed(cmd, env)[0])
    med = {name: statistics.median(values) * 1000 for name, values in times.items()}

    print(f"zorgtoolbox {Path(zorgtoolbox.__file__).parent}")
    print(f"{args.runs} runs each, interleaved, fresh processes, cache warm; times in ms.")
    print(f"Commands (KB: the generated knowledge base, {args.measures} measures, 50 agencies):")
    for name in commands:
        base = COMMANDS[name.removesuffix("-tty")]
        shown = f'python -c "{base}"' if isinstance(base, str) else "zorgtoolbox " + " ".join(base)
        shown = shown.replace(BIG, "KB").replace(BUNDLED, "data")
        if name.endswith("-tty"):
            shown += "  (in a pseudo-terminal)"
        note = f"{lines[name]} lines out; first run {first[name] * 1000:.0f}"
        print(f"  {name:12s} {shown}  [{note}]")
    print()
    header = "  command        median     min     max  ratio  goal               met"
    print(header)
    print("  " + "-" * (len(header) - 2))
    missed = []
    for name in commands:
        ref = "help-tty" if name.endswith("-tty") else "help"
        ratio = med[name] / med[ref]
        goal = GOALS.get(name)
        goal_text = f"<= {goal:.1f} x {ref}" if goal else ""
        met = "" if goal is None else ("ok" if ratio <= goal else "MISSED")
        if met == "MISSED":
            missed.append(name)
        print(
            f"  {name:12s} {med[name]:8.1f} {min(times[name]) * 1000:7.1f} "
            f"{max(times[name]) * 1000:7.1f} {ratio:6.2f}  {goal_text:18s} {met}"
        )
    print()
    print("ratio: median / median of help (of help-tty for the -tty entries).")
    goals = [n for n in commands if n in GOALS]
    print(
        f"goals met: {len(goals) - len(missed)} of {len(goals)}"
        + (f"; missed: {', '.join(missed)}" if missed else "")
    )


if __name__ == "__main__":
    main()
