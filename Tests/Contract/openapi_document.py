"""The OpenAPI document of the platform, read as the schemas that a route's
request and response bodies must match."""

import copy
import json
import re

import jsonschema

# RFC 3339 section 5.6 date-time. Checked here because jsonschema checks the
# format only when an optional package is installed, and skips it otherwise.
DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
FORMAT_CHECKER = jsonschema.FormatChecker()


@FORMAT_CHECKER.checks("date-time")
def is_date_time(instance):
    return not isinstance(instance, str) or DATE_TIME.match(instance) is not None


class OpenAPIDocument:
    """Finds the operation of a method and path template and returns the
    schema of its request body or of its response for a status.

    Response schemas are closed: every object schema that lists properties
    and leaves additionalProperties unset rejects members it does not list,
    so that a member the server writes but the document omits is a mismatch.
    Problem documents stay open because the document allows them extension
    members.
    """

    def __init__(self, path):
        with open(path, encoding="utf-8") as file:
            self.document = json.load(file)

    def validate_document(self):
        """Raise an error from openapi-spec-validator when the document breaks OpenAPI 3.1."""
        from openapi_spec_validator import validate
        validate(self.document)

    def operation(self, method, template):
        """Return the operation object, or None when the document lacks it."""
        return self.document["paths"].get(template, {}).get(method.lower())

    def response(self, method, template, status):
        """Return the response object documented for `status`: the exact code
        first, then its class such as 4XX, then default. None when there is none."""
        responses = self.operation(method, template)["responses"]
        for key in (str(status), f"{status // 100}XX", "default"):
            if key in responses:
                return self.resolve(responses[key])
        return None

    def response_schema(self, response, media_type):
        """Return the closed, fully inlined schema for a media type of a response object."""
        content = response.get("content", {}).get(media_type)
        if content is None:
            return None
        return self.inline(content["schema"], close=True)

    def request_schema(self, method, template):
        """Return the inlined JSON request body schema of an operation, or None."""
        body = self.operation(method, template).get("requestBody")
        if body is None or "application/json" not in body.get("content", {}):
            return None
        return self.inline(body["content"]["application/json"]["schema"], close=False)

    def resolve(self, node):
        """Follow a local `$ref` such as #/components/responses/Problem."""
        while isinstance(node, dict) and "$ref" in node:
            node = self.pointer(node["$ref"])
        return node

    def pointer(self, reference):
        if not reference.startswith("#/"):
            raise ValueError(f"only local references are supported, not {reference}")
        node = self.document
        for part in reference[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def inline(self, schema, close):
        """Return a copy of `schema` with every `$ref` replaced by its target.

        The platform's schemas are not recursive, so inlining ends.
        """
        if isinstance(schema, list):
            return [self.inline(item, close) for item in schema]
        if not isinstance(schema, dict):
            return schema
        if "$ref" in schema:
            target = self.inline(self.pointer(schema["$ref"]), close)
            siblings = {key: value for key, value in schema.items() if key != "$ref"}
            return {**target, **self.inline(siblings, close)}
        inlined = {key: self.inline(value, close) for key, value in schema.items()}
        if close and is_open_object(schema):
            inlined["additionalProperties"] = False
        return inlined


def is_open_object(schema):
    """Return whether a schema is an object type with properties and no
    additionalProperties. A oneOf branch that only constrains some properties
    has no type of its own, so it is not closed."""
    types = schema.get("type")
    is_object = types == "object" or (isinstance(types, list) and "object" in types)
    return is_object and "properties" in schema and "additionalProperties" not in schema


def schema_errors(instance, schema):
    """Return one line per place where `instance` breaks `schema`, deepest first."""
    validator = jsonschema.Draft202012Validator(copy.deepcopy(schema), format_checker=FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(instance), key=lambda error: -len(error.path))
    return [f"{'/'.join(str(part) for part in error.path) or '(body)'}: {error.message}" for error in errors]
