#!/usr/bin/env python3
"""Checks the deployment files: docker-compose.prod.yml, deploy/Dockerfile,
.env.example and the Caddyfiles, including a run of Caddy against stub
upstreams, and the imports of the code that goes into the binaries. Needs PyYAML, caddy, pkg-config and dpkg. Prints one line per
check, or with --quiet only the failed ones, and a closing
`N passed, N failed` line. Exits 1 when a check fails.

Usage: python3 Tests/Deploy/check_deploy.py [--quiet]
"""

import os
import shutil
import subprocess
import sys
import tempfile

# Keeps the repository free of __pycache__ folders.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import caddy_route_checks  # noqa: E402
import compose_checks  # noqa: E402
import dockerfile_checks  # noqa: E402
import import_checks  # noqa: E402
from report import Report, fail_fast  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# Values for the variables that deploy/Caddyfile.prod needs to be complete.
PRODUCTION_SAMPLE = {"DOMAIN": "shop.example.com", "ACME_EMAIL": "ops@example.com"}


def check_caddy_validates(report):
    report.section("caddy validate")
    folder = tempfile.mkdtemp(prefix="caddy-validate.")
    try:
        for config, extra in (("Caddyfile", {}), ("deploy/Caddyfile.prod", PRODUCTION_SAMPLE)):
            env = dict(os.environ, XDG_DATA_HOME=folder, XDG_CONFIG_HOME=folder, **extra)
            result = subprocess.run(
                ["caddy", "validate", "--config", config, "--adapter", "caddyfile"],
                cwd=ROOT, env=env, capture_output=True, text=True)
            output = (result.stdout + result.stderr).strip().splitlines()
            report.check(f"caddy validate accepts {config}", result.returncode == 0,
                         output[-1] if output else "")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main():
    for tool in ("caddy", "pkg-config", "dpkg"):
        if shutil.which(tool) is None:
            fail_fast(f"{tool} is not installed; scripts/test installs what this check needs")
    report = Report(quiet="--quiet" in sys.argv[1:])
    compose_checks.run(report, ROOT)
    dockerfile_checks.run(report, ROOT)
    import_checks.run(report, ROOT)
    check_caddy_validates(report)
    caddy_route_checks.run(report, ROOT)
    print(report.summary_line(), flush=True)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
