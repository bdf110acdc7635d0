#!/usr/bin/env bash
# Measures each service's idle memory after start-up and again after a mix of
# real traffic, in one run.
#
#   bench/memory.sh [IDLE_SECONDS]
#
# It builds in release mode and starts a throwaway platform (PostgreSQL, Redis,
# the services and Caddy on free loopback ports). After start-up it reads the
# resident memory of every service. Then it sends, through Caddy, the kind of
# traffic a shop sees in its first hours:
#   - a new shop made by the platform admin, its owner signing in;
#   - 60 products created over the API (options, two variants, an image), every
#     third one edited with a longer description, then a CSV import of 300 more;
#   - 8 storefront clients each making 400 reads: product pages with sort, tag,
#     search and handle, the shop profile and the collections;
#   - 6 shoppers each filling and checking out 40 carts of two lines;
#   - staff reading draft products and orders, and platform admin sign-ins;
#   - five more shops created, each read once on its own host.
# It then reads the memory again 20 s and IDLE_SECONDS (default 40) after the
# last request. The traffic is a fixed number of requests to 127.0.0.1 only.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"
source "$COMMERCE_ROOT/scripts/lib/packages.sh"
source "$COMMERCE_ROOT/scripts/lib/platform.sh"
source "$COMMERCE_ROOT/bench/lib.sh"

IDLE_SECONDS=${1:-40}
DOMAIN=localhost
APP_ENV=test
PG_PORT=5432
PG_MODE=test

main() {
    ((EUID == 0)) || die "run as root: PostgreSQL is started as the postgres user with runuser."
    ((IDLE_SECONDS >= 20)) || die "IDLE_SECONDS must be at least 20."
    install_cleanup_trap
    ensure_packages

    ADMIN_PASSWORD="Bench-$(date +%s%N)"
    bench_prepare_run_dir
    bench_start_platform 0

    step "Idle memory after start-up, before any traffic (KiB)"
    sleep 2
    bench_memory_table

    step "Mixed traffic"
    bench_create_shop
    send_traffic

    step "Idle memory 20 s after the traffic (KiB)"
    sleep 20
    bench_memory_table
    step "Idle memory $IDLE_SECONDS s after the traffic (KiB)"
    sleep $((IDLE_SECONDS - 20))
    bench_memory_table
}

# Sends the traffic described at the top, and fails when a request that must succeed does not.
send_traffic() {
    local started=$SECONDS
    python3 - "$API" "$SHOP_HOST" "$OWNER_TOKEN" "$DOMAIN" "$ADMIN_PASSWORD" <<'PYTHON'
import http.client, json, random, sys, threading, urllib.parse

api, shop, owner_token, domain, admin_password = sys.argv[1:6]
admin_host = "admin." + domain
address = urllib.parse.urlparse(api)
owner = {"Authorization": "Bearer " + owner_token}
failures = []


class Client:
    def __init__(self):
        self.connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)

    def call(self, method, path, body=None, headers=None, host=shop, expect=None, raw=None):
        sent = {"Host": host}
        if body is not None or raw is not None:
            sent["Content-Type"] = "application/json" if raw is None else "text/csv"
        sent.update(headers or {})
        payload = raw if raw is not None else (json.dumps(body) if body is not None else None)
        self.connection.request(method, path, payload, sent)
        response = self.connection.getresponse()
        data = response.read()
        if expect is not None and response.status not in expect:
            raise RuntimeError(f"{method} {path}: {response.status} {data[:200]!r}")
        is_json = "json" in (response.getheader("Content-Type") or "")
        return json.loads(data) if data and is_json else None


def create_products(client):
    variants = []
    for index in range(60):
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
            for index in range(300)]
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
threads = ([threading.Thread(target=browse, args=(400,)) for _ in range(8)]
           + [threading.Thread(target=shop_and_check_out, args=(40, variants, shopper)) for shopper in range(6)]
           + [threading.Thread(target=staff, args=(3,)) for _ in range(2)])
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
if failures:
    sys.exit("traffic failed: " + failures[0])

admin = setup.call("POST", "/api/v1/auth/login", {"email": "admin@example.com", "password": admin_password},
                   host=admin_host, expect={200})
for index in range(5):
    setup.call("POST", "/api/v1/admin/tenants", {
        "name": f"Memory Shop {index}", "subdomain": f"memory-shop-{index}", "plan": "starter",
        "admin_email": f"owner{index}@memory.example.com"},
        {"Authorization": "Bearer " + admin["access_token"]}, host=admin_host, expect={201})
    setup.call("GET", "/api/v1/tenants/current", host=f"memory-shop-{index}.{domain}", expect={200})
PYTHON
    info "traffic sent in $((SECONDS - started)) s"
}

main "$@"
