#!/usr/bin/env python3
"""Checks docs/api/openapi.json against the running platform.

Validates the document with openapi-spec-validator, then makes a shop
through the API and calls the documented tenant, catalog, cart, checkout and
order routes, some with bad input on purpose. Each call is one check: the
status must be the one the scenario expects and documented for the route, and
the body must match the document's schema for that status. Response schemas
are checked closed, so a member that the server writes and the document
omits is a mismatch. Request bodies are checked against the request schema
too. Prints one line per check and a closing `N passed, N failed` line, and
exits 1 when a check fails or 2 when the platform cannot be used at all.

Reads the variables that scripts/test exports: COMMERCE_TEST_API,
COMMERCE_TEST_DOMAIN, COMMERCE_TEST_ADMIN_EMAIL, COMMERCE_TEST_ADMIN_PASSWORD,
COMMERCE_TEST_DNS_FILE, COMMERCE_TEST_SERVICE_URL_TENANT_SVC and
COMMERCE_TEST_SERVICE_URL_CATALOG_SVC.

Usage: python3 Tests/Contract/check_openapi.py [--quiet]
"""

import os
import sys

# Keeps the repository free of __pycache__ folders.
sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "Deploy"))

import catalog_checks  # noqa: E402
import order_checks  # noqa: E402
import tenant_checks  # noqa: E402
from contract_client import ContractClient  # noqa: E402
from openapi_document import OpenAPIDocument  # noqa: E402
from report import Report, fail_fast  # noqa: E402

DOCUMENT = os.path.join(HERE, "..", "..", "docs", "api", "openapi.json")
REQUIRED_VARIABLES = (
    "COMMERCE_TEST_API", "COMMERCE_TEST_DOMAIN", "COMMERCE_TEST_ADMIN_EMAIL", "COMMERCE_TEST_ADMIN_PASSWORD",
    "COMMERCE_TEST_DNS_FILE", "COMMERCE_TEST_SERVICE_URL_TENANT_SVC", "COMMERCE_TEST_SERVICE_URL_CATALOG_SVC")


def check_document(report, document):
    report.section("the document")
    try:
        document.validate_document()
        report.check("openapi.json is a valid OpenAPI 3.1 document", True)
    except Exception as error:  # the validator raises several unrelated error types
        report.check("openapi.json is a valid OpenAPI 3.1 document", False, str(error).splitlines()[0])


def run_scenario(report, client, env):
    domain = env["COMMERCE_TEST_DOMAIN"]
    admin_host = f"admin.{domain}"
    report.section("tenant-svc")
    admin_token = tenant_checks.log_in(client, admin_host, env["COMMERCE_TEST_ADMIN_EMAIL"],
                                       env["COMMERCE_TEST_ADMIN_PASSWORD"])
    if admin_token is None:
        fail_fast("the platform admin could not log in, so no route can be checked")
    shop = tenant_checks.create_shop(client, admin_host, admin_token, domain, "contract")
    tenant_checks.check_admin_routes(client, admin_host, admin_token, domain)
    tenant_checks.check_shop_routes(client, shop, domain)
    tenant_checks.check_tls_ask(client, shop, env["COMMERCE_TEST_SERVICE_URL_TENANT_SVC"])

    report.section("catalog-svc")
    product = catalog_checks.create_products(client, shop)
    if not product or len(product.get("variants", [])) < 2:
        fail_fast("creating the product failed, so the catalog and order routes cannot be checked")
    catalog_checks.check_subresources(client, shop, product)
    catalog_checks.check_inventory(client, shop, product)
    catalog_checks.check_imports(client, shop)
    catalog_checks.check_internal_routes(client, shop, product, admin_token,
                                         env["COMMERCE_TEST_SERVICE_URL_CATALOG_SVC"])
    catalog_checks.check_bad_requests(client, shop, product)

    report.section("order-svc")
    order_checks.check_settings(client, shop)
    order_checks.check_checkout(client, shop, product)


def main():
    missing = [name for name in REQUIRED_VARIABLES if not os.environ.get(name)]
    if missing:
        fail_fast(f"{', '.join(missing)} not set: run this check through scripts/test, which starts the platform")
    report = Report(quiet="--quiet" in sys.argv[1:])
    document = OpenAPIDocument(DOCUMENT)
    check_document(report, document)
    client = ContractClient(document, report, os.environ["COMMERCE_TEST_API"])
    run_scenario(report, client, os.environ)
    for operation in client.uncalled_operations():
        print(f"not called: {operation}", flush=True)
    print(report.summary_line(), flush=True)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
