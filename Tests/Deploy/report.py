"""Collects named pass/fail results and prints them as one line each."""

import sys


class Report:
    """Records check results. `failed` counts the checks that did not hold.

    A quiet report prints only failures, each with its section's title.
    """

    def __init__(self, quiet=False):
        self.passed = 0
        self.failed = 0
        self.quiet = quiet
        self.current_section = ""

    def check(self, name, condition, detail=""):
        """Records one check and prints `ok`, or `FAIL` with the detail that explains it."""
        if condition:
            self.passed += 1
            if not self.quiet:
                print(f"ok    {name}", flush=True)
        else:
            self.failed += 1
            suffix = f": {detail}" if detail else ""
            prefix = f"[{self.current_section}] " if self.quiet else ""
            print(f"FAIL  {prefix}{name}{suffix}", flush=True)
        return bool(condition)

    def section(self, title):
        self.current_section = title
        if not self.quiet:
            print(f"-- {title}", flush=True)

    def summary_line(self):
        return f"{self.passed} passed, {self.failed} failed"


def fail_fast(message):
    """Print a setup error that stops the whole check and exit with status 2."""
    print(f"error: {message}", file=sys.stderr, flush=True)
    sys.exit(2)
