"""The routing checks run against `CaddyUnderTest`; see caddy_routes.py."""

import os
import socket
import ssl
import time

from caddy_routes import (ADMIN_HOST, APPROVED_TLS_NAME, INTERNAL_PATHS, REJECTED_TLS_NAME,
                          ROUTES, SHOP_HOST, CaddyUnderTest, parse_json, request)
from stub_upstream import StubUpstream, free_ports


def run(report, root):
    """Start stubs and Caddy, run every routing check, and stop them again."""
    report.section("Caddy routing against stub upstreams")
    names = list(ROUTES) + ["storefront"]
    ports = dict(zip(names, free_ports(len(names))))
    stubs = {name: StubUpstream(name, port, approved_domains=[APPROVED_TLS_NAME])
             for name, port in ports.items()}
    for stub in stubs.values():
        stub.start()
    caddy = CaddyUnderTest(root, ports)
    try:
        if not report.check("caddy starts with the development Caddyfile", caddy.start(),
                            caddy.log_tail()):
            return
        check_prefix_routes(report, caddy.http_port)
        check_headers(report, caddy.http_port)
        check_unknown_api(report, caddy.http_port)
        check_internal_hidden(report, caddy.http_port, stubs)
        check_static_files(report, caddy.http_port)
        check_on_demand_tls(report, caddy, stubs["tenant-svc"])
    finally:
        caddy.stop()
        for stub in stubs.values():
            stub.stop()


def routed_service(port, host, path, headers=None):
    status, _, body = request(port, host, path, headers)
    answer = parse_json(body)
    if status != 200 or not isinstance(answer, dict):
        return None, answer
    return answer.get("service"), answer


def check_prefix_routes(report, port):
    cases = [("/api/health", "tenant-svc")]
    for service, prefixes in ROUTES.items():
        for prefix in prefixes:
            cases += [(prefix, service), (prefix + "/some-id/action?limit=2", service)]
    for host in (SHOP_HOST, ADMIN_HOST, "shop.example.org"):
        wrong = []
        for path, expected in cases:
            service, _ = routed_service(port, host, path)
            if service != expected:
                wrong.append(f"{path} went to {service}, expected {expected}")
        report.check(f"every API prefix reaches its service on {host}", not wrong,
                     "; ".join(wrong[:5]))
    service, _ = routed_service(port, SHOP_HOST, "/products/jamdani")
    report.check("other shop paths reach the storefront", service == "storefront", str(service))
    service, _ = routed_service(port, SHOP_HOST, "/api/v1/ordersx")
    report.check("a longer word than a prefix is not routed", service is None, str(service))


def check_headers(report, port):
    spoofing = [("X-Tenant-Domain", "victim.localhost"), ("x-tenant-domain", "other.localhost")]
    _, answer = routed_service(port, "Demo.Localhost:8080", "/api/v1/plans", spoofing)
    seen = (answer or {}).get("headers", {}).get("x-tenant-domain")
    report.check("X-Tenant-Domain is the host without port, replacing client values",
                 seen is not None and [value.lower() for value in seen] == [SHOP_HOST], str(seen))
    _, answer = routed_service(port, SHOP_HOST, "/", spoofing)
    seen = (answer or {}).get("headers", {}).get("x-tenant-domain")
    report.check("the storefront gets X-Tenant-Domain too", seen == [SHOP_HOST], str(seen))
    _, answer = routed_service(port, SHOP_HOST, "/api/v1/orders", [("X-Request-ID", "req-42.a")])
    seen = (answer or {}).get("headers", {}).get("x-request-id")
    report.check("a client X-Request-ID is passed through", seen == ["req-42.a"], str(seen))
    _, answer = routed_service(port, SHOP_HOST, "/api/v1/orders", [("X-Request-ID", 'x"y')])
    seen = (answer or {}).get("headers", {}).get("x-request-id") or [""]
    report.check("an unsafe X-Request-ID is replaced by a UUID",
                 len(seen) == 1 and len(seen[0]) == 36 and '"' not in seen[0], str(seen))


def check_unknown_api(report, port):
    for path in ("/api/v2/anything", "/api/v1/unknown", "/api"):
        status, headers, body = request(port, SHOP_HOST, path, [("X-Request-ID", "rid-7")])
        problem = parse_json(body) or {}
        report.check(f"{path} answers a 404 problem",
                     status == 404
                     and headers.get("Content-Type") == "application/problem+json"
                     and problem.get("status") == 404 and problem.get("request_id") == "rid-7",
                     f"status {status}, type {headers.get('Content-Type')}, body {body[:120]!r}")


def check_internal_hidden(report, port, stubs):
    before = {name: len(stub.received_paths()) for name, stub in stubs.items()}
    statuses = [request(port, host, path)[0] for host in (SHOP_HOST, ADMIN_HOST)
                for path in INTERNAL_PATHS]
    leaked = [path for stub in stubs.values()
              for path in stub.received_paths()[before[stub.name]:]
              if "internal" in path.lower() or "%69nternal" in path.lower()]
    report.check("/internal paths answer 404", all(status == 404 for status in statuses),
                 str(statuses))
    report.check("/internal paths never reach an upstream", not leaked, str(leaked))


def check_static_files(report, port):
    status, headers, body = request(port, SHOP_HOST, "/api/docs")
    report.check("/api/docs serves the API reference page",
                 status == 200 and "text/html" in headers.get("Content-Type", "")
                 and b"openapi.json" in body, f"status {status}")
    status, _, body = request(port, ADMIN_HOST, "/api/openapi.json")
    document = parse_json(body) or {}
    report.check("/api/openapi.json serves the OpenAPI document",
                 status == 200 and str(document.get("openapi", "")).startswith("3."),
                 f"status {status}")
    status, headers, body = request(port, ADMIN_HOST, "/")
    report.check("admin host serves the admin panel",
                 status == 200 and "text/html" in headers.get("Content-Type", "")
                 and b"app.js" in body, f"status {status}")


def check_on_demand_tls(report, caddy, tenant_stub):
    approved = _tls_handshake(caddy, APPROVED_TLS_NAME)
    report.check("https issues a local certificate for an approved name", approved is True,
                 str(approved))
    rejected = _tls_handshake(caddy, REJECTED_TLS_NAME)
    report.check("https rejects a name that the ask endpoint denies", rejected is not True,
                 str(rejected))
    asked = tenant_stub.ask_requests
    report.check("Caddy asks tenant-svc before issuing",
                 APPROVED_TLS_NAME in asked and REJECTED_TLS_NAME in asked, str(asked))


def _tls_handshake(caddy, name, timeout=15):
    """Return True when a handshake for `name` verifies against Caddy's local root, else the error."""
    deadline = time.monotonic() + timeout
    while not os.path.exists(caddy.root_certificate()) and time.monotonic() < deadline:
        time.sleep(0.2)
    try:
        context = ssl.create_default_context(cafile=caddy.root_certificate())
        with socket.create_connection(("127.0.0.1", caddy.https_port), timeout=timeout) as sock:
            with context.wrap_socket(sock, server_hostname=name):
                return True
    except (OSError, ssl.SSLError) as error:
        return f"{type(error).__name__}: {error}"
