"""Collects named pass/fail results and prints them as one line each."""

import sys


class Report:
    """Records check results; `failed` counts the checks that did not hold."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, condition, detail=""):
        """Record one check; prints `ok` or `FAIL` with the detail explaining a failure."""
        if condition:
            self.passed += 1
            print(f"ok    {name}", flush=True)
        else:
            self.failed += 1
            suffix = f": {detail}" if detail else ""
            print(f"FAIL  {name}{suffix}", flush=True)
        return bool(condition)

    def section(self, title):
        print(f"-- {title}", flush=True)

    def summary_line(self):
        return f"{self.passed} passed, {self.failed} failed"


def fail_fast(message):
    """Print a setup error that stops the whole check and exit with status 2."""
    print(f"error: {message}", file=sys.stderr, flush=True)
    sys.exit(2)
