"""Checks the imports of the code that goes into the service binaries.

Services import FoundationEssentials, not Foundation. An `import Foundation`
anywhere under Libraries/ or Services/ makes the linker pull Foundation's
Objective-C layer, CoreFoundation and ICU into every statically linked
binary that uses the module, which added 4 to 5 MB to each service's idle
resident memory. Tests may import Foundation: they are not shipped.
"""

import os
import re

SOURCE_FOLDERS = ("Libraries", "Services")
FULL_FOUNDATION = re.compile(r"^\s*(@\w+(\(\w+\))?\s+)*import\s+(class\s+|struct\s+|func\s+)?"
                             r"(Foundation|FoundationNetworking|FoundationXML)(\.\w+)?\s*$", re.M)


def run(report, root):
    report.section("imports of service code")
    offenders = []
    count = 0
    for folder in SOURCE_FOLDERS:
        for directory, _, files in os.walk(os.path.join(root, folder)):
            for name in files:
                if not name.endswith(".swift"):
                    continue
                count += 1
                path = os.path.join(directory, name)
                with open(path, encoding="utf-8") as file:
                    if FULL_FOUNDATION.search(file.read()):
                        offenders.append(os.path.relpath(path, root))
    report.check("Libraries/ and Services/ hold Swift sources", count > 0, f"{count} files")
    report.check("no service source imports Foundation (use FoundationEssentials)", not offenders,
                 ", ".join(sorted(offenders)[:10]))
