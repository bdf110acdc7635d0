"""Contract checks of catalog-svc's routes: products, variants, images,
collections, categories, inventory, imports and the internal stock routes."""

import secrets

IMPORT_CSV = (
    "Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Variant Inventory Qty,Status\n"
    "contract-mug,Contract Mug,Title,Default Title,CM-1,250.00,4,active\n")


def product_body(title, sku_prefix):
    """Return a product body with two sizes in stock, priced in the shop's BDT."""
    return {
        "title": title, "vendor": "Contract", "product_type": "Shirt", "status": "active", "published": True,
        "tags": "contract, shirt",
        "options": [{"name": "Size", "values": ["S", "M"]}],
        "variants": [
            {"option1": "S", "sku": f"{sku_prefix}-S", "price": "500.00", "inventory_quantity": 20,
             "inventory_management": "shopify", "inventory_policy": "deny"},
            {"option1": "M", "sku": f"{sku_prefix}-M", "price": "550.00", "compare_at_price": "600.00",
             "inventory_quantity": 20, "inventory_management": "shopify", "inventory_policy": "deny"},
        ],
    }


def create_products(client, shop):
    """Create the product that carts use and return it as the reply's JSON."""
    token, host = shop.owner_token, shop.host
    created = client.call("POST", "/api/v1/products", 201, host, token=token,
                          body=product_body("Contract Tee", "CT-" + secrets.token_hex(3)))
    product = created.json or {}
    ids = {"id": product.get("id")}
    client.call("GET", "/api/v1/products", 200, host, query={"limit": 5})
    client.call("GET", "/api/v1/products", 200, host, token=token, query={"status": "active", "q": "Contract"})
    client.call("GET", "/api/v1/products/{id}", 200, host, params=ids)
    client.call("GET", "/api/v1/products/{id}", 200, host, params=ids, token=token)
    client.call("GET", "/api/v1/products/by-handle/{handle}", 200, host, params={"handle": product.get("handle")})
    client.call("PATCH", "/api/v1/products/{id}", 200, host, params=ids, token=token,
                body={"vendor": "Contract Works", "revision": product.get("revision")})
    client.call("GET", "/api/v1/products/export", 200, host, token=token)

    spare = client.call("POST", "/api/v1/products", 201, host, token=token,
                        body={"title": "Contract Spare", "status": "draft"})
    client.call("DELETE", "/api/v1/products/{id}", 204, host, params={"id": spare.member("id")}, token=token)
    return client.call("GET", "/api/v1/products/{id}", 200, host, params=ids, token=token).json


def check_subresources(client, shop, product):
    """Create, read, change and delete the product's variants and images, and groups that list it."""
    token, host, ids = shop.owner_token, shop.host, {"id": product["id"]}
    client.call("GET", "/api/v1/products/{id}/variants", 200, host, params=ids)
    client.call("GET", "/api/v1/products/{id}/variants", 200, host, params=ids, token=token)
    variant = product["variants"][0]["id"]
    client.call("GET", "/api/v1/products/{id}/variants/{variant_id}", 200, host,
                params={**ids, "variant_id": variant})
    added = client.call("POST", "/api/v1/products/{id}/variants", 201, host, params=ids, token=token,
                        body={"option1": "L", "sku": f"{product['variants'][0]['sku']}-L", "price": "600.00"})
    extra = {**ids, "variant_id": added.member("id")}
    client.call("PATCH", "/api/v1/products/{id}/variants/{variant_id}", 200, host, params=extra, token=token,
                body={"price": "610.00"})
    client.call("DELETE", "/api/v1/products/{id}/variants/{variant_id}", 204, host, params=extra, token=token)

    image = client.call("POST", "/api/v1/products/{id}/images", 201, host, params=ids, token=token,
                        body={"src": "/images/contract-tee.jpg", "alt": "Tee", "variant_ids": [variant]})
    image_ids = {**ids, "image_id": image.member("id")}
    client.call("GET", "/api/v1/products/{id}/images", 200, host, params=ids)
    client.call("GET", "/api/v1/products/{id}/images/{image_id}", 200, host, params=image_ids)
    client.call("PATCH", "/api/v1/products/{id}/images/{image_id}", 200, host, params=image_ids, token=token,
                body={"alt": "The contract tee", "position": 1})
    client.call("DELETE", "/api/v1/products/{id}/images/{image_id}", 204, host, params=image_ids, token=token)

    for base in ("/api/v1/collections", "/api/v1/categories"):
        group = client.call("POST", base, 201, host, token=token,
                            body={"title": f"Contract {secrets.token_hex(3)}", "product_ids": [product["id"]]})
        group_ids = {"id": group.member("id")}
        client.call("GET", base, 200, host)
        client.call("GET", base + "/{id}", 200, host, params=group_ids)
        client.call("PATCH", base + "/{id}", 200, host, params=group_ids, token=token, body={"body_html": "<p>x</p>"})
        client.call("DELETE", base + "/{id}", 204, host, params=group_ids, token=token)


def check_inventory(client, shop, product):
    token, host = shop.owner_token, shop.host
    ids = {"variant_id": product["variants"][1]["id"]}
    client.call("GET", "/api/v1/inventory/{variant_id}", 200, host, params=ids, token=token)
    client.call("POST", "/api/v1/inventory/{variant_id}/set", 200, host, params=ids, token=token,
                body={"quantity": 30, "reason": "stock count"})
    client.call("POST", "/api/v1/inventory/{variant_id}/adjust", 200, host, params=ids, token=token,
                body={"delta": -2, "reason": "damaged"})
    client.call("GET", "/api/v1/inventory/{variant_id}/movements", 200, host, params=ids, token=token)
    client.call("GET", "/api/v1/inventory/{variant_id}", 401, host, params=ids)
    client.call("POST", "/api/v1/inventory/{variant_id}/adjust", 422, host, params=ids, token=token,
                check_request="invalid", body={"delta": 1, "reason": "found", "location": "shelf 2"})


def check_imports(client, shop):
    token, host = shop.owner_token, shop.host
    job = client.call("POST", "/api/v1/imports", 202, host, token=token, query={"file_name": "contract.csv"},
                      raw=IMPORT_CSV.encode(), headers={"Content-Type": "text/csv"})
    client.call("GET", "/api/v1/imports", 200, host, token=token)
    client.call("GET", "/api/v1/imports/{id}", 200, host, params={"id": job.member("id")}, token=token)


def check_internal_routes(client, shop, product, admin_token, catalog_url):
    """Call catalog-svc on its own address as a platform admin, as order-svc does."""
    host, tenant = shop.host, {"X-Tenant-ID": shop.tenant_id}
    variant = product["variants"][0]["id"]
    missing = "00000000-0000-4000-8000-000000000001"
    client.call("GET", "/internal/variants", 200, host, token=admin_token, headers=tenant,
                query={"ids": f"{variant},{missing}"}, base_url=catalog_url)
    for action in ("release", "commit"):
        order = {"order_id": "00000000-0000-4000-8000-" + secrets.token_hex(6)}
        client.call("POST", "/internal/stock/reservations", 201, host, token=admin_token, headers=tenant,
                    body={**order, "lines": [{"variant_id": variant, "quantity": 1}]}, base_url=catalog_url)
        client.call("GET", "/internal/stock/reservations/{order_id}", 200, host, params=order, token=admin_token,
                    headers=tenant, base_url=catalog_url)
        client.call("POST", f"/internal/stock/reservations/{{order_id}}/{action}", 200, host, params=order,
                    token=admin_token, headers=tenant, base_url=catalog_url)


def check_bad_requests(client, shop, product):
    """Send bodies that the server rejects and check the problem documents it returns."""
    token, host = shop.owner_token, shop.host
    client.call("POST", "/api/v1/products", 422, host, token=token, check_request=False,
                body={"title": "Too precise", "variants": [{"price": "10.555"}]})
    client.call("POST", "/api/v1/products", 401, host, body={"title": "No token"})
    client.call("GET", "/api/v1/products/{id}", 404, host, params={"id": "00000000-0000-4000-8000-000000000002"})
    client.call("PATCH", "/api/v1/products/{id}", 409, host, params={"id": product["id"]}, token=token,
                body={"vendor": "Stale", "revision": product["revision"] - 1})
    client.call("POST", "/api/v1/collections", 422, host, token=token, check_request=False,
                body={"title": "Groups", "colour": "blue"})
