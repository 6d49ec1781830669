"""Set up what the browser tests need: Debian's Chromium and the axe-core npm package.

    python tests/browser_setup.py

Idempotent and quick when both are present. Chromium comes from Debian's packages
(`apt-get install chromium`, as root; Playwright's own browser download is never used);
axe-core from the npm registry, pinned in package.json / package-lock.json, into
./node_modules. Exits 1 with what to do when something cannot be installed, so the
browser tests fail loudly instead of being skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("ZORGTOOLBOX_CHROMIUM", "/usr/bin/chromium"))
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


def run(cmd: list[str], cwd: Path | None = None) -> bool:
    print("$", " ".join(cmd), flush=True)
    return subprocess.run(cmd, stdout=subprocess.DEVNULL, cwd=cwd).returncode == 0


def ensure_chromium() -> str | None:
    if CHROMIUM.exists():
        return None
    if not shutil.which("apt-get"):
        return f"{CHROMIUM} is missing and apt-get is not available: install Chromium"
    if os.geteuid() != 0:
        return f"{CHROMIUM} is missing: run `sudo apt-get install -y chromium`"
    env_ok = run(["apt-get", "install", "-y", "-q", "chromium"]) or (
        run(["apt-get", "update", "-q"]) and run(["apt-get", "install", "-y", "-q", "chromium"])
    )
    if not env_ok or not CHROMIUM.exists():
        return "apt-get could not install chromium"
    return None


def ensure_axe() -> str | None:
    if AXE.exists():
        return None
    npm = shutil.which("npm")
    if npm is None:
        return "npm is missing: install Node.js and npm, then run `npm ci` in the repository"
    command = "ci" if (REPO / "package-lock.json").exists() else "install"
    # run in the repository rather than with --prefix, which would also move npm's global
    # config (and with it, on some machines, the CA file the registry needs)
    if not run([npm, command, "--no-audit", "--no-fund"], cwd=REPO) or not AXE.exists():
        return f"`npm {command}` could not install axe-core"
    return None


def main() -> int:
    problems = [p for p in (ensure_chromium(), ensure_axe()) if p]
    for problem in problems:
        print(f"browser_setup: {problem}", file=sys.stderr)
    if not problems:
        print(f"browser_setup: ready ({CHROMIUM}, {AXE.relative_to(REPO)})")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
