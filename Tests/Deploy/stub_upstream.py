"""Small HTTP servers standing in for the services behind Caddy.

Each stub responds to every request with JSON describing what it received,
and records the raw request paths, so a check can prove which upstream a route
reached and which headers Caddy sent.
"""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


def free_ports(count):
    """Return `count` distinct loopback ports that were free a moment ago."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


class StubUpstream:
    """One stub service on 127.0.0.1; `approved_domains` feeds its TLS ask endpoint."""

    def __init__(self, name, port, approved_domains=()):
        self.name = name
        self.port = port
        self.approved_domains = set(approved_domains)
        self.paths = []
        self.ask_requests = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self):
        self._thread.start()

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def received_paths(self):
        with self._lock:
            return list(self.paths)

    def _record(self, path):
        with self._lock:
            self.paths.append(path)

    def _answer_ask(self, query):
        domain = parse_qs(query).get("domain", [""])[0]
        with self._lock:
            self.ask_requests.append(domain)
        return 200 if domain in self.approved_domains else 404

    def _handler_class(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                self._answer()

            def do_POST(self):
                self._answer()

            def _answer(self):
                stub._record(self.path)
                target = urlsplit(self.path)
                if target.path == "/internal/tls/ask":
                    status = stub._answer_ask(target.query)
                    self._send(status, {"service": stub.name})
                    return
                headers = {}
                for key, value in self.headers.items():
                    headers.setdefault(key.lower(), []).append(value)
                self._send(200, {"service": stub.name, "path": self.path, "headers": headers})

            def _send(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format, *args):
                pass

        return Handler
