#!/usr/bin/env python3
"""Sends a fixed mix of a shop's first hours of traffic through Caddy, for bench/memory.sh and
scripts/link-order.sh.

    mixed_traffic.py API SHOP_HOST OWNER_TOKEN DOMAIN ADMIN_PASSWORD [SCALE]

At SCALE 1 (the default) the owner creates 60 products, edits 20 and imports 300 more from a
CSV file. 8 storefront clients make 400 reads each and 6 shoppers check out 40 carts each.
Staff read drafts and orders, the platform admin signs in, and 5 new shops are each read once.
A smaller SCALE sends proportionally fewer requests, at least one of each kind. It exits with an
error when a request that must succeed does not. Every request goes to API, which must be a
loopback address.
"""
import http.client, json, random, sys, threading, urllib.parse

api, shop, owner_token, domain, admin_password = sys.argv[1:6]
scale = float(sys.argv[6]) if len(sys.argv) > 6 else 1.0


def scaled(count):
    """Returns `count` times the scale, rounded, and at least 1."""
    return max(1, round(count * scale))


admin_host = "admin." + domain
address = urllib.parse.urlparse(api)
owner = {"Authorization": "Bearer " + owner_token}
failures = []


class Client:
    def __init__(self):
        self.connection = http.client.HTTPConnection(address.hostname, address.port, timeout=300)

    def call(self, method, path, body=None, headers=None, host=shop, expect=None, raw=None):
        sent = {"Host": host}
        if body is not None or raw is not None:
            sent["Content-Type"] = "application/json" if raw is None else "text/csv"
        sent.update(headers or {})
        payload = raw
        if payload is None and body is not None:
            payload = json.dumps(body)
        self.connection.request(method, path, payload, sent)
        response = self.connection.getresponse()
        data = response.read()
        if expect is not None and response.status not in expect:
            raise RuntimeError(f"{method} {path}: {response.status} {data[:200]!r}")
        is_json = "json" in (response.getheader("Content-Type") or "")
        return json.loads(data) if data and is_json else None


def create_products(client):
    variants = []
    for index in range(scaled(60)):
        product = client.call("POST", "/api/v1/products", {
            "title": f"Handloom scarf {index}", "vendor": f"Weaver {index % 3}", "tags": ["scarf", f"batch-{index % 5}"],
            "options": [{"name": "Size", "values": ["S", "M"]}],
            "variants": [
                {"option1": "S", "price": "850.00", "sku": f"HS-{index}-S", "inventory_quantity": 1000},
                {"option1": "M", "price": "990.50", "sku": f"HS-{index}-M", "inventory_quantity": 1000}],
            "images": [{"src": f"https://images.example.com/scarf-{index}.jpg", "alt": "Scarf"}]},
            owner, expect={201})
        variants += [variant["id"] for variant in product["variants"]]
        if index % 3 == 0:
            client.call("PATCH", f"/api/v1/products/{product['id']}",
                        {"body_html": "<p>" + "Woven by hand on a pit loom. " * 40 + "</p>"}, owner, expect={200})
    return variants


def import_products(client):
    header = ("Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,"
              "Variant Inventory Qty,Variant Inventory Policy,Variant Price,Image Src,Status\n")
    rows = [f"clay-pot-{index},Clay pot {index},<p>Fired clay pot {index}</p>,Potter,Pottery,\"clay, kitchen\","
            f"TRUE,Title,Default Title,CP-{index},5,deny,{index}.99,https://images.example.com/pot-{index}.jpg,active\n"
            for index in range(scaled(300))]
    client.call("POST", "/api/v1/imports", headers=owner, raw=(header + "".join(rows)).encode(), expect={202})


def browse(count):
    client, paths = Client(), [
        "/api/v1/products?limit=24", "/api/v1/products?limit=24&sort=title", "/api/v1/products?q=scarf",
        "/api/v1/products?tag=batch-1", "/api/v1/products/by-handle/clay-pot-5", "/api/v1/tenants/current",
        "/api/v1/collections"]
    try:
        for index in range(count):
            client.call("GET", random.choice(paths))
            if index % 10 == 0:
                client.call("GET", "/api/v1/products?limit=50&status=draft", headers=owner, expect={200})
    except Exception as error:
        failures.append(str(error))


def shop_and_check_out(count, variants, shopper):
    client = Client()
    try:
        for index in range(count):
            cart = client.call("POST", "/api/v1/carts", {}, expect={201})
            token = {"X-Cart-Token": cart["token"]}
            for variant in random.sample(variants, 2):
                client.call("POST", f"/api/v1/carts/{cart['id']}/lines", {"variant_id": variant, "quantity": 1},
                            token, expect={200, 201})
            client.call("POST", "/api/v1/checkout", {
                "cart_id": cart["id"], "email": f"buyer{shopper}-{index}@example.com", "shipping_method": "standard",
                "shipping_address": {"name": "Nusrat Jahan", "line1": "House 12, Road 5", "city": "Dhaka",
                                     "district": "Dhaka", "postcode": "1207", "country": "BD", "phone": "01712345678"}},
                {**token, "Idempotency-Key": f"memory-{shopper}-{index}"}, expect={201})
    except Exception as error:
        failures.append(str(error))


def staff(count):
    client = Client()
    try:
        for _ in range(count):
            client.call("POST", "/api/v1/auth/login", {"email": "admin@example.com", "password": admin_password},
                        host=admin_host, expect={200})
            client.call("GET", "/api/v1/orders?limit=20", headers=owner, expect={200})
    except Exception as error:
        failures.append(str(error))


setup = Client()
variants = create_products(setup)
setup.call("PATCH", "/api/v1/orders/settings",
           {"shipping_rates": [{"code": "standard", "name": "Standard", "price": "60.00"}]}, owner, expect={200})
import_products(setup)
threads = ([threading.Thread(target=browse, args=(scaled(400),)) for _ in range(scaled(8))]
           + [threading.Thread(target=shop_and_check_out, args=(scaled(40), variants, shopper))
              for shopper in range(scaled(6))]
           + [threading.Thread(target=staff, args=(scaled(3),)) for _ in range(scaled(2))])
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
if failures:
    sys.exit("traffic failed: " + failures[0])

admin = setup.call("POST", "/api/v1/auth/login", {"email": "admin@example.com", "password": admin_password},
                   host=admin_host, expect={200})
for index in range(scaled(5)):
    setup.call("POST", "/api/v1/admin/tenants", {
        "name": f"Memory Shop {index}", "subdomain": f"memory-shop-{index}", "plan": "starter",
        "admin_email": f"owner{index}@memory.example.com"},
        {"Authorization": "Bearer " + admin["access_token"]}, host=admin_host, expect={201})
    setup.call("GET", "/api/v1/tenants/current", host=f"memory-shop-{index}.{domain}", expect={200})
