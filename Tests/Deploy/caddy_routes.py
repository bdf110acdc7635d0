"""Runs the development Caddyfile against stub upstreams and checks its routing.

Covers every prefix of the routing table on a shop host and on the admin
host, X-Tenant-Domain overwriting, X-Request-ID handling, the problem response
for unknown /api paths, that /internal is never proxied, the static docs and
admin files, and the on-demand TLS ask on the https port.
"""

import http.client
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time

from stub_upstream import free_ports

ROUTES = {
    "tenant-svc": ["/api/v1/tenants", "/api/v1/auth", "/api/v1/admin", "/api/v1/plans",
                   "/api/v1/domains"],
    "catalog-svc": ["/api/v1/products", "/api/v1/categories", "/api/v1/collections",
                    "/api/v1/inventory", "/api/v1/imports"],
    "order-svc": ["/api/v1/carts", "/api/v1/checkout", "/api/v1/orders"],
    "payment-svc": ["/api/v1/payments", "/api/v1/webhooks"],
    "notify-svc": ["/api/v1/notifications", "/api/v1/email-templates",
                   "/api/v1/webhook-endpoints"],
}
UPSTREAM_VARIABLES = {
    "tenant-svc": "TENANT_SVC", "catalog-svc": "CATALOG_SVC", "order-svc": "ORDER_SVC",
    "payment-svc": "PAYMENT_SVC", "notify-svc": "NOTIFY_SVC", "storefront": "STOREFRONT",
}
SHOP_HOST = "demo.localhost"
ADMIN_HOST = "admin.localhost"
APPROVED_TLS_NAME = "shop.localhost"
REJECTED_TLS_NAME = "unknown.localhost"
# Ways a client might try to reach /internal through a routed prefix.
INTERNAL_PATHS = [
    "/internal/tls/ask?domain=x.localhost",
    "/internal",
    "/%69nternal/tls/ask?domain=x.localhost",
    "/api/v1/tenants/../../internal/tls/ask?domain=x.localhost",
    "/api/v1/tenants/%2e%2e/%2e%2e/internal/tls/ask?domain=x.localhost",
]


class CaddyUnderTest:
    """A Caddy process on free ports with its own data folder, stopped by `stop`."""

    def __init__(self, root, upstream_ports):
        self.root = root
        self.folder = tempfile.mkdtemp(prefix="caddy-routes.")
        self.http_port, self.https_port = free_ports(2)
        self.log_path = os.path.join(self.folder, "caddy.log")
        env = dict(os.environ)
        env.update({
            "HTTP_PORT": str(self.http_port), "HTTPS_PORT": str(self.https_port),
            "DOMAIN": "localhost",
            "ADMIN_ROOT": os.path.join(root, "admin"),
            "DOCS_ROOT": os.path.join(root, "docs", "api"),
            "XDG_DATA_HOME": os.path.join(self.folder, "data"),
            "XDG_CONFIG_HOME": os.path.join(self.folder, "config"),
        })
        for service, port in upstream_ports.items():
            env[UPSTREAM_VARIABLES[service]] = f"127.0.0.1:{port}"
        self.env = env
        self.process = None

    def start(self, timeout=15):
        command = ["caddy", "run", "--config", os.path.join(self.root, "Caddyfile"),
                   "--adapter", "caddyfile", "--pidfile", os.path.join(self.folder, "caddy.pid")]
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(command, env=self.env, cwd=self.root,
                                            stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            if _port_open(self.http_port) and _port_open(self.https_port):
                return True
            time.sleep(0.1)
        return False

    def log_tail(self, lines=20):
        with open(self.log_path, errors="replace") as log:
            return "".join(log.readlines()[-lines:])

    def root_certificate(self):
        return os.path.join(self.folder, "data", "caddy", "pki", "authorities", "local", "root.crt")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def _port_open(port):
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def request(port, host, path, headers=None, method="GET"):
    """Send one request with a raw, unnormalised path; returns (status, headers, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest(method, path, skip_host=True)
        connection.putheader("Host", host)
        for name, value in (headers or []):
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def parse_json(body):
    try:
        return json.loads(body)
    except ValueError:
        return None
