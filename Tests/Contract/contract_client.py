"""Sends requests to the running platform and checks each response against
the OpenAPI document: the status, the media type and the body."""

import http.client
import json
import urllib.parse

from openapi_document import schema_errors


class Reply:
    """A response: status, headers with lower-case names, raw body and parsed JSON (or None)."""

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        self.media_type = headers.get("content-type", "").split(";")[0].strip()
        try:
            self.json = json.loads(body) if body else None
        except ValueError:
            self.json = None

    def member(self, *keys):
        """Return a nested member of the JSON body, or None when any step is missing."""
        value = self.json
        for key in keys:
            if not isinstance(value, (dict, list)):
                return None
            try:
                value = value[key]
            except (KeyError, IndexError):
                return None
        return value


class ContractClient:
    """Calls documented routes and records one check per call in a Report.

    `base_url` is an http URL such as Caddy's; `host` sets the Host header,
    which selects the tenant.
    """

    def __init__(self, document, report, base_url):
        self.document = document
        self.report = report
        self.base_url = base_url
        self.called = set()

    def call(self, method, template, expect, host, params=None, query=None, token=None,
             body=None, raw=None, headers=None, base_url=None, check_request=True):
        """Send one request to the route `template` and check the reply.

        `expect` is the status the scenario needs; the check also fails when
        the document lacks that status or the reply breaks its schema. The
        JSON `body` is checked against the request schema first: it must match
        when `check_request` is True and must not when it is "invalid", which
        marks a body that is wrong on purpose. False skips the check.
        """
        quoted = {key: urllib.parse.quote(str(value), safe="") for key, value in (params or {}).items()}
        path = template.format(**quoted)
        if query:
            path += "?" + urllib.parse.urlencode(query)
        name = f"{method} {path} -> {expect}"
        self.called.add((method.lower(), template))
        if self.document.operation(method, template) is None:
            self.report.check(name, False, f"{method} {template} is not in the document")
            return None
        problems = []
        if check_request and body is not None:
            problems = self.request_problems(method, template, body, check_request == "invalid")

        reply = self.send(method, path, host, token, body, raw, headers, base_url or self.base_url)
        problems += self.reply_problems(method, template, expect, reply)
        self.report.check(name, not problems, "; ".join(problems[:5]))
        return reply

    def uncalled_operations(self):
        """Return "METHOD /template" for each documented operation that no check called."""
        documented = [
            (method, template) for template, item in self.document.document["paths"].items()
            for method in item if method in ("get", "put", "post", "patch", "delete")]
        missing = [operation for operation in documented if operation not in self.called]
        return [f"{method.upper()} {template}" for method, template in missing]

    def request_problems(self, method, template, body, expect_invalid):
        schema = self.document.request_schema(method, template)
        if schema is None:
            return ["the document has no JSON request body for this route"]
        errors = schema_errors(body, schema)
        if expect_invalid:
            return [] if errors else ["the request schema accepts a body that the check sends as invalid"]
        return [f"request {error}" for error in errors]

    def reply_problems(self, method, template, expect, reply):
        if reply.status != expect:
            return [f"status {reply.status}, body {reply.body[:300]!r}"]
        response = self.document.response(method, template, reply.status)
        if response is None:
            return [f"status {reply.status} is not documented"]
        if not response.get("content"):
            return [] if not reply.body else [f"undocumented body {reply.body[:200]!r}"]
        schema = self.document.response_schema(response, reply.media_type)
        if schema is None:
            return [f"media type {reply.media_type!r} is not documented for {reply.status}"]
        if "json" not in reply.media_type:
            return schema_errors(reply.body.decode("utf-8", "replace"), schema)
        if reply.json is None:
            return [f"the body is not JSON: {reply.body[:200]!r}"]
        return schema_errors(reply.json, schema)

    def send(self, method, path, host, token, body, raw, headers, base_url):
        url = urllib.parse.urlsplit(base_url)
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        all_headers = {"Host": host, "Accept": "application/json", **(headers or {})}
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        if body is not None:
            raw = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
        try:
            connection.request(method, path, body=raw, headers=all_headers)
            response = connection.getresponse()
            data = response.read()
            return Reply(response.status, {key.lower(): value for key, value in response.getheaders()}, data)
        finally:
            connection.close()
