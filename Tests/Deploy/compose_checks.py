"""Checks docker-compose.prod.yml against the Caddyfiles and .env.example."""

import os
import posixpath
import re

import yaml

# The executables of the platform. storefront does not exist yet but has
# its place in the compose file and the Caddyfile.
SERVICES = ["tenant-svc", "catalog-svc", "order-svc", "payment-svc", "notify-svc", "storefront"]
MIGRATED_SERVICES = SERVICES[:-1]
PROXY = "caddy"
# Every variable of the services' configuration contract.
CONTRACT_VARIABLES = [
    "APP_ENV", "SERVICE_HOST", "PORT", "DATABASE_URL", "MIGRATION_DATABASE_URL",
    "DATABASE_APP_ROLE", "DATABASE_POOL_SIZE", "REDIS_URL", "DOMAIN", "DEFAULT_TENANT",
    "JWT_SECRET", "TENANT_SERVICE_URL", "LOG_LEVEL", "HTTP_THREADS", "HTTP_THREAD_MODEL",
    "HTTP_BLOCKING_THREADS", "HTTP_BLOCKING_QUEUE",
    "HTTP_MAX_BODY_BYTES", "HEAP_RETAIN_BYTES", "HEAP_ARENAS", "PLATFORM_ADMIN_EMAIL", "PLATFORM_ADMIN_PASSWORD", "DNS_RESOLVER",
    "HEALTH_SERVICE_URLS",
]
CADDYFILES = ["Caddyfile", "caddy/routes.caddy", "deploy/Caddyfile.prod"]
UPSTREAM_PATTERN = re.compile(r"(?:import proxy|ask http://)\s*\{\$([A-Z_]+)")
INTERPOLATION_PATTERN = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)")


def run(report, root):
    report.section("docker-compose.prod.yml and .env.example")
    with open(os.path.join(root, "docker-compose.prod.yml")) as file:
        text = file.read()
    compose = yaml.safe_load(text)
    services = compose.get("services", {})
    documented = documented_variables(os.path.join(root, ".env.example"))
    check_service_builds(report, services)
    check_jobs_and_dependencies(report, services)
    check_exposure(report, services)
    check_variables(report, text, services, documented)
    check_upstreams(report, root, services)
    check_caddy_mounts(report, root, services[PROXY])


def documented_variables(path):
    """Names assigned in .env.example, commented out or not."""
    with open(path) as file:
        return set(re.findall(r"^#?\s*([A-Z_][A-Z0-9_]*)=", file.read(), flags=re.MULTILINE))


def check_service_builds(report, services):
    for name in SERVICES:
        build = services.get(name, {}).get("build") or {}
        report.check(f"{name} is built from deploy/Dockerfile with SERVICE={name}",
                     build.get("dockerfile") == "deploy/Dockerfile"
                     and build.get("context") == "."
                     and (build.get("args") or {}).get("SERVICE") == name,
                     f"build is {build!r}")


def check_jobs_and_dependencies(report, services):
    for name in MIGRATED_SERVICES:
        job = services.get(f"{name}-migrate", {})
        report.check(f"{name}-migrate runs `migrate` once from the same image",
                     job.get("command") == ["migrate"] and job.get("restart") == "no"
                     and job.get("image") == services.get(name, {}).get("image"),
                     f"job is {job!r}")
        waits_for = services.get(name, {}).get("depends_on") or {}
        chain = [f"{name}-migrate"] + ([f"{name}-seed"] if f"{name}-seed" in services else [])
        report.check(f"{name} starts after its jobs complete",
                     any(waits_for.get(job_name, {}).get("condition")
                         == "service_completed_successfully" for job_name in chain),
                     f"depends_on is {waits_for!r}")
    unconditional = sorted(name for name, service in services.items()
                           if not dependencies_have_conditions(service.get("depends_on")))
    report.check("every depends_on entry has a condition", not unconditional, str(unconditional))
    unchecked = sorted(name for name, service in services.items()
                       if service.get("restart") != "no"
                       and "test" not in (service.get("healthcheck") or {}))
    report.check("every long-running service has a healthcheck", not unchecked, str(unchecked))


def dependencies_have_conditions(dependencies):
    if dependencies is None:
        return True
    return isinstance(dependencies, dict) and all(
        isinstance(entry, dict) and "condition" in entry for entry in dependencies.values())


def check_exposure(report, services):
    publishing = sorted(name for name, service in services.items()
                        if service.get("ports") and name != PROXY)
    report.check("no service but Caddy publishes ports", not publishing, str(publishing))
    named = sorted(name for name, service in services.items() if "container_name" in service)
    report.check("no service has a fixed container_name", not named, str(named))
    caddy_ports = {str(port).split("/")[0] for port in services[PROXY].get("ports", [])}
    report.check("Caddy publishes 80 and 443", {"80:80", "443:443"} <= caddy_ports,
                 str(caddy_ports))


def check_variables(report, text, services, documented):
    used = set(INTERPOLATION_PATTERN.findall(text))
    for service in services.values():
        used |= set((service.get("environment") or {}).keys())
    missing = sorted(used - documented)
    report.check("every compose variable is listed in .env.example", not missing, str(missing))
    missing = sorted(set(CONTRACT_VARIABLES) - documented)
    report.check("every configuration variable is listed in .env.example", not missing,
                 str(missing))


def check_upstreams(report, root, services):
    caddy_environment = services[PROXY].get("environment") or {}
    for variable in sorted(upstream_variables(root)):
        target = str(caddy_environment.get(variable, ""))
        host, _, port = target.partition(":")
        service_port = str(((services.get(host) or {}).get("environment") or {}).get("PORT", ""))
        report.check(f"Caddy upstream {variable} names a compose service and its port",
                     host in services and port == service_port,
                     f"{variable}={target!r}, that service's PORT is {service_port!r}")


def upstream_variables(root):
    names = set()
    for relative in CADDYFILES:
        with open(os.path.join(root, relative)) as file:
            names |= set(UPSTREAM_PATTERN.findall(file.read()))
    return names


def check_caddy_mounts(report, root, caddy):
    """Each import of Caddyfile.prod must resolve, inside the container, to a mounted copy."""
    mounts = {}
    for volume in caddy.get("volumes", []):
        source, target = volume.split(":")[:2]
        mounts[target] = os.path.normpath(os.path.join(root, source))
    config_target = next(target for target, source in mounts.items()
                         if source == os.path.join(root, "deploy", "Caddyfile.prod"))
    with open(os.path.join(root, "deploy", "Caddyfile.prod")) as file:
        imports = re.findall(r"^import\s+(\S+)", file.read(), flags=re.MULTILINE)
    for imported in imports:
        in_container = posixpath.normpath(posixpath.join(posixpath.dirname(config_target), imported))
        in_repository = os.path.normpath(os.path.join(root, "deploy", imported))
        report.check(f"Caddyfile.prod's import {imported} is mounted in the container",
                     mounts.get(in_container) == in_repository,
                     f"{in_container} is {mounts.get(in_container)}")
    environment = caddy.get("environment") or {}
    for variable, folder in (("ADMIN_ROOT", "admin"), ("DOCS_ROOT", "docs/api")):
        mounted = mounts.get(environment.get(variable, ""))
        report.check(f"Caddy's {variable} is a mount of {folder}/",
                     mounted == os.path.join(root, folder), str(mounted))
