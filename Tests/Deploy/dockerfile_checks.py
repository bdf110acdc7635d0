"""Checks deploy/Dockerfile: its runtime stage must install the shared library
behind every system-library target of Package.swift."""

import os
import re
import subprocess

LIBRARY_DIRS = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib", "/lib"]
# Parts of glibc, which every Debian image has (package libc6); since glibc
# 2.34 some of them are no longer separate files.
GLIBC_LIBRARIES = {"c", "m", "rt", "dl", "pthread", "resolv", "util"}


def run(report, root):
    report.section("deploy/Dockerfile")
    with open(os.path.join(root, "deploy", "Dockerfile")) as file:
        stages = split_stages(file.read())
    report.check("the Dockerfile has a builder and a runtime stage", len(stages) >= 2,
                 f"{len(stages)} stages")
    builder, runtime = stages[0], stages[-1]
    report.check("the builder uses a swift bookworm image",
                 re.match(r"FROM swift:\S*bookworm", builder) is not None, builder.splitlines()[0])
    report.check("the builder links the Swift runtime statically",
                 "--static-swift-stdlib" in builder)
    report.check("the runtime is debian:bookworm-slim", runtime.startswith("FROM debian:bookworm-slim"))
    report.check("the runtime runs as a non-root user",
                 re.search(r"^USER\s+(?!root\b|0\b)\S+", runtime, flags=re.MULTILINE) is not None)
    report.check("the runtime's entry point is /app/service",
                 'ENTRYPOINT ["/app/service"]' in runtime)
    report.check("the runtime has a HEALTHCHECK", re.search(r"^HEALTHCHECK", runtime, re.M) is not None)
    installed = apt_packages(runtime)
    # FoundationEssentials has no time zone database, so the services read /usr/share/zoneinfo.
    report.check("the runtime installs tzdata for the time zone rules", "tzdata" in installed,
                 f"installs {sorted(installed)}")
    with open(os.path.join(root, "Package.swift")) as file:
        pkg_config_names = re.findall(r'pkgConfig:\s*"([^"]+)"', file.read())
    report.check("Package.swift declares system libraries", bool(pkg_config_names))
    for name in pkg_config_names:
        needed, problem = runtime_packages(name)
        missing = sorted(needed - installed)
        report.check(f"the runtime installs the library behind pkg-config {name}",
                     not problem and needed and not missing,
                     problem or f"needs {sorted(needed)}, missing {missing}")
    loaded = loaded_libraries(root)
    report.check("a shim loads libcurl at run time", "libcurl.so.4" in loaded, f"loads {sorted(loaded)}")
    for soname in sorted(loaded):
        owner, problem = package_of(soname)
        report.check(f"the runtime installs {soname}, which a shim loads with dlopen",
                     not problem and owner in installed, problem or f"owned by {owner}")


def split_stages(text):
    """Return the Dockerfile's stages, each from its FROM line, with continuations joined."""
    joined = re.sub(r"\\\n", " ", text)
    lines = [line for line in joined.splitlines() if not line.lstrip().startswith("#")]
    stages = []
    for line in lines:
        if line.startswith("FROM "):
            stages.append(line + "\n")
        elif stages:
            stages[-1] += line + "\n"
    return stages


def apt_packages(stage):
    packages = set()
    for command in re.findall(r"apt-get install ([^&;]*)", stage):
        packages |= {word for word in command.split() if not word.startswith("-")}
    return packages


def runtime_packages(pkg_config_name):
    """Map a pkg-config name to the Debian packages owning its shared libraries.

    Follows -lNAME to the real libNAME.so.N file and queries dpkg for its owner,
    so the result comes from this machine's packages, not from a table.
    Returns (packages, problem).
    """
    result = subprocess.run(["pkg-config", "--libs-only-l", pkg_config_name],
                            capture_output=True, text=True)
    if result.returncode != 0:
        return set(), f"pkg-config does not know {pkg_config_name}"
    packages = set()
    for library in re.findall(r"-l(\S+)", result.stdout):
        if library in GLIBC_LIBRARIES:
            continue
        owner, problem = package_of(f"lib{library}.so")
        if problem:
            return set(), problem
        packages.add(owner)
    return packages, None


def loaded_libraries(root):
    """Return the sonames that the C shims open with dlopen, read from their sources."""
    sonames = set()
    system = os.path.join(root, "Libraries", "System")
    for folder in sorted(os.listdir(system)):
        for name in sorted(os.listdir(os.path.join(system, folder))):
            if name.endswith(".c"):
                with open(os.path.join(system, folder, name)) as file:
                    text = file.read()
                if "dlopen(" in text:
                    sonames |= set(re.findall(r'"(lib[\w+-]+\.so\.\d+)"', text))
    return sonames


def package_of(file_name):
    """Return the Debian package that owns the shared library `file_name` (a link such as
    libpq.so or a soname such as libcurl.so.4), following links to the real file, or a problem."""
    for folder in LIBRARY_DIRS:
        path = os.path.join(folder, file_name)
        if os.path.exists(path):
            owner = subprocess.run(["dpkg", "-S", os.path.realpath(path)], capture_output=True, text=True)
            if owner.returncode != 0:
                return None, f"no package owns {os.path.realpath(path)}"
            return owner.stdout.split(":")[0], None
    return None, f"{file_name} not found"
