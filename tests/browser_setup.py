"""Set up what the browser tests need: Debian's Chromium, a Java runtime, and the npm
packages axe-core and vnu-jar (the Nu HTML checker).

    python tests/browser_setup.py

Idempotent and quick when all are present. Chromium and Java come from Debian's packages
(`apt-get install chromium default-jre-headless`, as root; Playwright's own browser
download is never used); axe-core and vnu-jar from the npm registry, pinned in
package.json / package-lock.json, into ./node_modules (vnu-jar's own install script, which
would download a Java runtime, is not needed: Debian's Java runs the jar). Exits 1 with
what to do when something cannot be installed, so the browser tests fail loudly instead
of being skipped.
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
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
NPM_FILES = (AXE, VNU)


def run(cmd: list[str], cwd: Path | None = None) -> bool:
    print("$", " ".join(cmd), flush=True)
    return subprocess.run(cmd, stdout=subprocess.DEVNULL, cwd=cwd).returncode == 0


def ensure_debian_package(path: Path | None, command: str, package: str) -> str | None:
    """`package` from Debian's archive, unless `path` exists or `command` is on PATH."""
    if (path is not None and path.exists()) or (path is None and shutil.which(command)):
        return None
    missing = str(path) if path is not None else f"`{command}`"
    if not shutil.which("apt-get"):
        return f"{missing} is missing and apt-get is not available: install {package}"
    if os.geteuid() != 0:
        return f"{missing} is missing: run `sudo apt-get install -y {package}`"
    installed = run(["apt-get", "install", "-y", "-q", package]) or (
        run(["apt-get", "update", "-q"]) and run(["apt-get", "install", "-y", "-q", package])
    )
    present = path.exists() if path is not None else shutil.which(command) is not None
    if not installed or not present:
        return f"apt-get could not install {package}"
    return None


def ensure_npm_packages() -> str | None:
    if all(f.exists() for f in NPM_FILES):
        return None
    npm = shutil.which("npm")
    if npm is None:
        return "npm is missing: install Node.js and npm, then run `npm ci` in the repository"
    command = "ci" if (REPO / "package-lock.json").exists() else "install"
    # run in the repository rather than with --prefix, which would also move npm's global
    # config (and with it, on some machines, the CA file the registry needs);
    # --ignore-scripts: vnu-jar's install script would fetch a Java runtime of its own
    ok = run([npm, command, "--no-audit", "--no-fund", "--ignore-scripts"], cwd=REPO)
    if not ok or not all(f.exists() for f in NPM_FILES):
        return f"`npm {command}` could not install axe-core and vnu-jar"
    return None


def main() -> int:
    problems = [
        p
        for p in (
            ensure_debian_package(CHROMIUM, "chromium", "chromium"),
            ensure_debian_package(None, "java", "default-jre-headless"),
            ensure_npm_packages(),
        )
        if p
    ]
    for problem in problems:
        print(f"browser_setup: {problem}", file=sys.stderr)
    if not problems:
        files = ", ".join(str(f.relative_to(REPO)) for f in NPM_FILES)
        print(f"browser_setup: ready ({CHROMIUM}, {shutil.which('java')}, {files})")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
