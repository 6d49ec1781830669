"""What the handbook's accessibility statement (toegankelijkheidsverklaring) says was
tested, with which tools, and when.

The statement may claim no more than the test suite proves: `tests/test_browser_a11y.py`
runs exactly these checks on the rendered handbook, and fails while the versions here
differ from the ones package-lock.json pins. Change the date when the checks are run
again for a new version of the statement.
"""

from __future__ import annotations

#: axe-core, run with every rule it has (tests/test_browser_a11y.py).
AXE_CORE_VERSION = "4.14.1"
#: The Nu HTML checker (npm package vnu-jar).
NU_CHECKER_VERSION = "26.9.27"
#: The narrowest window the handbook is tested in, in CSS pixels (WCAG 2.1, 1.4.10).
REFLOW_WIDTH = 320
#: When these checks were last run for the statement.
STATEMENT_DATE = "2 december 2026"


def statement_facts() -> dict[str, object]:
    """The facts the statement's template shows."""
    return {
        "axe_version": AXE_CORE_VERSION,
        "nu_version": NU_CHECKER_VERSION,
        "reflow_width": REFLOW_WIDTH,
        "date": STATEMENT_DATE,
    }
