"""Contract checks of tenant-svc's routes: log-in, the platform admin's
tenant API, plans, the shop profile, custom domains and platform health."""

import json
import os
import secrets


class Shop:
    """A tenant made for this run: its id, Host header and owner's token."""

    def __init__(self, tenant_id, host, owner_token):
        self.tenant_id = tenant_id
        self.host = host
        self.owner_token = owner_token


def log_in(client, host, email, password, expect=200):
    reply = client.call("POST", "/api/v1/auth/login", expect, host, body={"email": email, "password": password})
    return reply.member("access_token") if reply else None


def create_shop(client, admin_host, admin_token, domain, prefix):
    """Create a tenant, replace its owner's generated password and return the Shop."""
    subdomain = f"{prefix}-{secrets.token_hex(4)}"
    email = f"owner@{subdomain}.example.com"
    created = client.call("POST", "/api/v1/admin/tenants", 201, admin_host, token=admin_token, body={
        "name": f"Contract {subdomain}", "subdomain": subdomain, "plan": "starter", "admin_email": email,
        "currency": "BDT", "time_zone": "Asia/Dhaka"})
    tenant_id = created.member("tenant", "id")
    one_time = created.member("owner", "one_time_password")
    if tenant_id is None or one_time is None:
        raise SystemExit(f"error: creating the tenant {subdomain} failed, so no later check can run")
    host = f"{subdomain}.{domain}"
    pending = log_in(client, host, email, one_time)
    chosen = "Contract-" + secrets.token_urlsafe(18)
    client.call("GET", "/api/v1/domains", 403, host, token=pending)
    client.call("POST", "/api/v1/auth/password", 403, host, token=pending,
                body={"current_password": "wrong-" + one_time, "new_password": chosen})
    client.call("POST", "/api/v1/auth/password", 204, host, token=pending,
                body={"current_password": one_time, "new_password": chosen})
    return Shop(tenant_id.lower(), host, log_in(client, host, email, chosen))


def check_admin_routes(client, admin_host, admin_token, domain):
    """List, read, suspend and reactivate a second tenant, which the other checks do not use."""
    client.call("GET", "/api/v1/admin/tenants", 200, admin_host, token=admin_token, query={"limit": 2})
    spare = client.call("POST", "/api/v1/admin/tenants", 201, admin_host, token=admin_token, body={
        "name": "Contract spare", "subdomain": f"spare-{secrets.token_hex(4)}", "plan": "starter",
        "admin_email": "owner@spare.example.com"})
    spare_id = spare.member("tenant", "id")
    client.call("GET", "/api/v1/admin/tenants/{id}", 200, admin_host, params={"id": spare_id}, token=admin_token)
    client.call("POST", "/api/v1/admin/tenants/{id}/suspend", 200, admin_host, params={"id": spare_id},
                token=admin_token, body={"reason": "contract check"})
    client.call("POST", "/api/v1/admin/tenants/{id}/reactivate", 200, admin_host, params={"id": spare_id},
                token=admin_token)
    client.call("GET", "/api/v1/admin/tenants/{id}", 404, admin_host,
                params={"id": "00000000-0000-4000-8000-000000000000"}, token=admin_token)
    client.call("POST", "/api/v1/admin/tenants", 422, admin_host, token=admin_token,
                body={"name": "No subdomain", "plan": "starter", "admin_email": "a@example.com", "colour": "red"},
                check_request="invalid")
    client.call("GET", "/api/v1/admin/tenants", 401, admin_host)


def check_shop_routes(client, shop, domain):
    """Read the shop's profile and plans, and add and verify a custom domain."""
    client.call("GET", "/api/v1/tenants/current", 200, shop.host)
    client.call("GET", "/api/v1/plans", 200, shop.host)
    client.call("GET", "/api/health", 200, shop.host)
    client.call("GET", "/api/v1/tenants/current", 404, f"no-such-shop-{secrets.token_hex(4)}.{domain}")

    hostname = f"shop-{secrets.token_hex(4)}.example.net"
    added = client.call("POST", "/api/v1/domains", 201, shop.host, token=shop.owner_token, body={"hostname": hostname})
    domain_id = added.member("id")
    client.call("POST", "/api/v1/domains/{id}/verify", 409, shop.host, params={"id": domain_id}, token=shop.owner_token)
    publish_txt(added.member("verification", "name"), [added.member("verification", "value")])
    client.call("POST", "/api/v1/domains/{id}/verify", 200, shop.host, params={"id": domain_id}, token=shop.owner_token)
    client.call("GET", "/api/v1/domains", 200, shop.host, token=shop.owner_token)
    client.call("POST", "/api/v1/domains", 422, shop.host, token=shop.owner_token,
                body={"hostname": hostname, "port": 443}, check_request="invalid")
    client.call("GET", "/api/v1/domains", 401, shop.host)


def check_tls_ask(client, shop, tenant_service_url):
    """Ask tenant-svc on its own address, which is the only place that serves the route."""
    client.call("GET", "/internal/tls/ask", 200, shop.host, query={"domain": shop.host}, base_url=tenant_service_url)
    client.call("GET", "/internal/tls/ask", 404, shop.host, query={"domain": "unknown.example.org"},
                base_url=tenant_service_url)


def publish_txt(name, values):
    """Write TXT records into the JSON file that tenant-svc reads as its DNS in tests."""
    path = os.environ["COMMERCE_TEST_DNS_FILE"]
    with open(path, encoding="utf-8") as file:
        records = json.load(file)
    records[name] = values
    with open(path + ".new", "w", encoding="utf-8") as file:
        json.dump(records, file)
    os.replace(path + ".new", path)
